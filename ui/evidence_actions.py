"""The evidence of the case in view: the Evidence menu's actions, files dropped on the case
list, the timeline and the case page, Ctrl+V, and imports with their progress in the status bar
and a summary after.

Its strings keep the translation context ``MainWindow``, where they were first translated."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect, Qt, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ServiceError
from desktop_app.i18n import english_plural
from desktop_app.records import EvidenceRecord
from desktop_app.timeutil import now, to_local
from ui.actions import window_action
from ui.jobs import ImportResult, Job
from ui.models.case_list import CASE_ID_ROLE
from ui.shell import Shell
from ui.timeconv import format_datetime
from ui.widgets.case_list_panel import CaseListPanel
from ui.widgets.case_page import CasePage
from ui.widgets.file_drop import FILES, DropSpot, DropZone, local_paths
from ui.widgets.proves_bar import ProvesBar
from ui.widgets.viewport import viewport_of

translate = QCoreApplication.translate


def _row_rect(view: QTableView, row: int) -> QRect:
    return QRect(0, view.rowViewportPosition(row), view.viewport().width(), view.rowHeight(row))


class EvidenceActions(QObject):
    """The evidence features of one main window (created by the window, lives as its child)."""

    def __init__(self, shell: Shell, page: CasePage, cases: CaseListPanel) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell, self.page, self.cases = shell, page, cases
        panel = page.evidence_panel
        self.act_add_evidence = window_action(self.shell.frame(), self.add_evidence, "Ctrl+Shift+A")
        self.act_paste = window_action(self.shell.frame(), self.paste,
                                       QKeySequence.StandardKey.Paste)
        self.act_show_image = window_action(self.shell.frame(), panel.show_image)
        self.act_open_original = window_action(self.shell.frame(), panel.open_original)
        self.act_remove_evidence = window_action(self.shell.frame(), panel.remove_selected,
                                                QKeySequence.StandardKey.Delete)
        # Delete removes evidence only while the evidence list has the focus (and an entry
        # only while the timeline has it).
        self.act_remove_evidence.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.removeAction(self.act_remove_evidence)
        panel.view.addAction(self.act_remove_evidence)
        panel.add_button.clicked.connect(self.act_add_evidence.trigger)

        panel.countChanged.connect(lambda _n: page.update_evidence_tab())
        panel.selectionChanged.connect(self.update_actions)
        page.bottom_tabs.currentChanged.connect(lambda _i: self.update_actions())
        # the question a drop asks once for all its files: what they prove (证明目的)
        self.proves_bar = ProvesBar(panel)
        layout = panel.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.proves_bar)
        self.proves_bar.apply.connect(lambda ids, text: shell.ops.set_proves(ids, text))
        panel.message.connect(shell.show_message)
        shell.hub.evidenceChanged.connect(self._on_evidence_changed)

        # Where files can be dropped: a case in the list, the timeline (an entry, or the
        # case as a whole), the rest of the case page and the evidence list.
        self.case_drop = DropZone(viewport_of(cases.case_view), self._locate_case_row)
        self.case_drop.filesDropped.connect(self._files_dropped_on_case_row)
        self.timeline_drop = DropZone(viewport_of(page.timeline_view), self._locate_timeline,
                                      accept_evidence=True)
        self.timeline_drop.filesDropped.connect(self._files_dropped_on_timeline)
        self.timeline_drop.evidenceDropped.connect(self._evidence_dropped_on_timeline)
        self.page_drops: list[DropZone] = []
        for widget in (page, *panel.drop_widgets):
            zone = DropZone(widget, lambda _pos, kind, w=widget: self._locate_case_area(  # type: ignore[misc]
                w, kind))
            zone.filesDropped.connect(self._files_dropped_on_timeline)
            self.page_drops.append(zone)

        # The import progress, shown in the status bar while files come in.
        self.import_label = QLabel()
        self.import_progress = QProgressBar()
        self.import_progress.setObjectName("importProgress")
        self.import_progress.setMaximumWidth(220)
        self.import_progress.setTextVisible(False)
        self.import_cancel = QPushButton()
        self.import_cancel.clicked.connect(self.cancel_imports)
        for progress_widget in (self.import_label, self.import_progress, self.import_cancel):
            window.statusBar().addPermanentWidget(progress_widget)
            progress_widget.hide()
        shell.jobs.on_change.append(self._update_import_progress)


    def retranslate(self) -> None:
        self.act_add_evidence.setText(translate("MainWindow", "&Add evidence…"))
        self.act_paste.setText(translate("MainWindow", "&Paste screenshot or files"))
        self.act_show_image.setText(translate("MainWindow", "&Show image"))
        self.act_open_original.setText(translate("MainWindow", "&Open original"))
        self.act_remove_evidence.setText(translate("MainWindow", "&Remove evidence"))
        self.import_cancel.setText(translate("MainWindow", "Cancel"))
        self.page.update_evidence_tab()

    def update_actions(self) -> None:
        has_case = self.shell.current_case is not None
        panel = self.page.evidence_panel
        # What is selected in the evidence list counts only while the list is in view.
        shown = self.page.bottom_tabs.currentWidget() is panel
        record = panel.current_record() if shown else None
        self.act_add_evidence.setEnabled(has_case)
        self.act_paste.setEnabled(has_case)
        self.act_show_image.setEnabled(record is not None and (  # a PDF's pages too
            record.mime.startswith("image/") or record.mime == "application/pdf"))
        self.act_open_original.setEnabled(record is not None)
        self.act_remove_evidence.setEnabled(shown and bool(panel.selected_ids()))

    @Slot(int)
    def _on_evidence_changed(self, case_id: int) -> None:
        case = self.shell.current_case
        if case is None or case.id != case_id:
            return
        self.page.evidence_panel.reload()
        self.shell.refresh_details()
        self.shell.update_actions()

    # ---- drops --------------------------------------------------------------------------------

    def _locate_case_row(self, pos: QPoint, kind: str) -> DropSpot | None:
        view = self.cases.case_view
        row = view.rowAt(pos.y())
        if kind != FILES or row < 0:
            return None
        case_id = self.cases.case_proxy.index(row, 0).data(CASE_ID_ROLE)
        return DropSpot(_row_rect(view, row), case_id)

    def _locate_timeline(self, pos: QPoint, kind: str) -> DropSpot | None:
        if self.shell.current_case is None:
            return None
        view = self.page.timeline_view
        row = view.rowAt(pos.y())
        if row >= 0:
            return DropSpot(_row_rect(view, row), self.page.timeline_model.event_at(row).id,
                            translate("MainWindow", "Attach to this entry"))
        label = (translate("MainWindow", "Add to the case") if kind == FILES
                 else translate("MainWindow", "Keep for the case as a whole"))
        return DropSpot(view.viewport().rect(), None, label, frame=True)

    def _locate_case_area(self, widget: QWidget, kind: str) -> DropSpot | None:
        if self.shell.current_case is None or kind != FILES:
            return None
        return DropSpot(widget.rect(), None, translate("MainWindow", "Add to this case"),
                        frame=True)

    @Slot(list, object)
    def _files_dropped_on_case_row(self, paths: list[str], case_id: object) -> None:
        if not isinstance(case_id, int):
            return
        self.shell.select_case(case_id)
        self.import_files(case_id, paths)

    @Slot(list, object)
    def _files_dropped_on_timeline(self, paths: list[str], event_id: object) -> None:
        case = self.shell.current_case
        if case is None:
            return
        self.import_files(case.id, paths, event_id if isinstance(event_id, int) else None)

    @Slot(list, object)
    def _evidence_dropped_on_timeline(self, evidence_ids: list[int], event_id: object) -> None:
        target = event_id if isinstance(event_id, int) else None
        self.shell.ops.link_evidence(evidence_ids, target).then(
            lambda moved: self._evidence_linked(moved, target),
            lambda message: self.shell.show_message(message, 8000))

    def _evidence_linked(self, moved: list[EvidenceRecord], target: int | None) -> None:
        if not moved:
            return
        exhibits = ", ".join(r.exhibit for r in moved)
        if target is None:
            text = translate("MainWindow", "{exhibits} now belongs to the case as a whole"
                             ).format(exhibits=exhibits)
        else:
            model = self.page.timeline_model
            row = model.row_of(target)
            summary = model.event_at(row).summary if row >= 0 else ""
            text = translate("MainWindow", "{exhibits} attached to “{entry}”").format(
                exhibits=exhibits, entry=summary)
        self.shell.show_message(text)

    # ---- adding -------------------------------------------------------------------------------

    def choose_evidence_files(self) -> list[str]:
        """The files the person picks to add (tests replace this)."""
        paths, _filter = QFileDialog.getOpenFileNames(
            self.shell.frame(), translate("MainWindow", "Add evidence"), "",
            translate("MainWindow",
                      "All files (*);;Images (*.png *.jpg *.jpeg *.heic *.webp *.gif *.bmp);;"
                      "Emails (*.eml);;PDF documents (*.pdf)"))
        return paths

    @Slot()
    def add_evidence(self) -> None:
        case = self.shell.current_case
        if case is None:
            return
        paths = self.choose_evidence_files()
        if paths:
            self.import_files(case.id, paths)

    def import_files(self, case_id: int, paths: list[str], event_id: int | None = None,
                     ) -> Job | None:
        """Import in the background, with progress in the status bar and a summary after."""
        if not paths:
            return None
        job = self.shell.ops.import_files(case_id, paths, event_id)
        self._watch_import(job)
        return job

    def screenshot_name(self) -> str:
        stamp = to_local(now()).strftime("%Y-%m-%d %H-%M-%S")
        return translate("MainWindow", "Screenshot {time}").format(time=stamp) + ".png"

    @Slot()
    def paste(self) -> None:
        """Ctrl+V: files on the clipboard are added as they are; an image as a new PNG.
        With an entry selected in the timeline (and the timeline focused), onto that entry."""
        case = self.shell.current_case
        if case is None:
            return
        event = self.shell.selected_event() if self.page.timeline_view.hasFocus() else None
        event_id = event.id if event is not None else None
        clipboard = QGuiApplication.clipboard()
        paths = local_paths(clipboard.mimeData())
        if paths:
            self.import_files(case.id, paths, event_id)
            return
        image = clipboard.image()
        if not image.isNull():
            self._watch_import(self.shell.ops.import_image(case.id, image,
                                                           self.screenshot_name(), event_id))
            return
        self.shell.show_message(
            translate("MainWindow", "Nothing to paste: copy a screenshot or files first."))

    # ---- progress and summary -----------------------------------------------------------------

    def _watch_import(self, job: Job) -> None:
        job.progress.connect(self._on_import_progress)
        job.finished.connect(self._on_import_finished)
        job.failed.connect(self._on_import_failed)
        self.import_progress.setRange(0, 0)
        self.import_label.setText(translate("MainWindow", "Adding evidence…"))
        self._update_import_progress()

    def _update_import_progress(self) -> None:
        busy = self.shell.jobs.busy
        for widget in (self.import_label, self.import_progress, self.import_cancel):
            widget.setVisible(busy)
        self.import_cancel.setEnabled(busy)

    @Slot(int, int)
    def _on_import_progress(self, done: int, total: int) -> None:
        self.import_progress.setRange(0, max(total, 1))
        self.import_progress.setValue(done)
        self.import_label.setText(translate("MainWindow", "Adding evidence: {done} of {total}"
                                            ).format(done=done, total=total))

    @Slot()
    def cancel_imports(self) -> None:
        self.shell.jobs.cancel_all()
        self.import_cancel.setEnabled(False)
        self.import_label.setText(translate("MainWindow", "Stopping…"))

    def import_summary(self, result: ImportResult) -> str:
        """"12 files added; 1 already there; 1 refused: name — reason"."""
        parts: list[str] = []
        added, duplicates, refused = result.added, result.duplicates, result.refused
        emails = result.created_event_ids
        if added:  # which exhibits, and where they went: never attached without a word
            parts.append(english_plural(translate(
                "MainWindow", "%n file(s) added as {exhibits} {where}", None, len(added)),
                len(added)).format(exhibits=exhibit_span(added),
                                   where=self._where(result.case_id, result.event_id)))
        if emails:
            parts.append(translate("MainWindow", "1 email put on the timeline")
                         if len(emails) == 1 else
                         translate("MainWindow", "{count} emails put on the timeline").format(
                             count=len(emails)))
        if duplicates:
            parts.append(translate("MainWindow", "1 already there") if len(duplicates) == 1 else
                         translate("MainWindow", "{count} already there").format(
                             count=len(duplicates)))
        if len(refused) == 1:
            parts.append(translate("MainWindow", "1 refused: {name} — {reason}").format(
                name=Path(refused[0].source).name, reason=refused[0].error))
        elif refused:
            parts.append(translate("MainWindow", "{count} refused").format(count=len(refused)))
        repaired = [o for o in result.outcomes if o.repaired]
        if repaired:
            parts.append(translate(
                "MainWindow", "the stored copy of {name} was damaged and has been repaired from "
                "this file").format(name=Path(repaired[0].source).name))
        text = translate("MainWindow", "; ").join(parts) if parts else translate(
            "MainWindow", "Nothing was added")
        if result.cancelled:
            text = translate("MainWindow", "Stopped: {summary}").format(summary=text)
        if added:
            text += translate("MainWindow", " — Ctrl+Z takes it back")
        return text

    def _ask_what_they_prove(self, added: list[EvidenceRecord]) -> None:
        """Ask once for the whole drop, the case's last answer typed in (most drops of one
        case prove the same thing)."""
        if any(r.proves for r in added):
            return  # given already (an import with "what it proves")
        new = {r.id for r in added}
        earlier = [r for r in self.page.evidence_panel.model.records()
                   if r.id not in new and r.proves]
        last = max(earlier, key=lambda r: r.exhibit_no).proves if earlier else ""
        self.proves_bar.ask([r.id for r in added], exhibit_span(added), last)

    def _where(self, case_id: int, event_id: int | None) -> str:
        """"on the entry of 11-24 14:05" or "on the case as a whole"."""
        if event_id is not None:
            try:
                event = self.shell.book.timeline.get_event(event_id)
            except ServiceError:
                event = None
            if event is not None:
                return translate("MainWindow", "on the entry of {time}").format(
                    time=format_datetime(event.at))
        return translate("MainWindow", "on the case as a whole")

    @Slot(object)
    def _on_import_finished(self, result: ImportResult) -> None:
        summary = self.import_summary(result)
        self.shell.show_message(summary, 15000)
        case = self.shell.current_case
        shown = case is not None and case.id == result.case_id
        touched = [r.id for r in result.added] + [o.record.id for o in result.duplicates
                                                   if o.record is not None]
        if shown and touched:
            self.shell.show_evidence(touched)
        if shown and result.added:
            self._ask_what_they_prove(result.added)
        if result.refused:
            self.show_import_problems(summary, [
                translate("MainWindow", "{name} — {reason}").format(
                    name=Path(o.source).name, reason=o.error)
                for o in result.refused])

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self.shell.show_message(message, 15000)
        self.show_import_problems(translate("MainWindow", "Nothing was added"), [message])

    def show_import_problems(self, summary: str, problems: list[str]) -> None:
        """Files that could not be added, named with the reason (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning,
                          translate("MainWindow", "Some files were not added"),
                          summary, QMessageBox.StandardButton.Ok, self.shell.frame())
        box.setInformativeText("\n".join(problems[:12]) + ("\n…" if len(problems) > 12 else ""))
        if len(problems) > 12:
            box.setDetailedText("\n".join(problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def exhibit_span(records: list[EvidenceRecord]) -> str:
    """"E5", "E5–E8" when they run on, else "E5, E7, E9" (at most five named)."""
    numbers = sorted(r.exhibit_no for r in records)
    if len(numbers) > 1 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"E{numbers[0]}–E{numbers[-1]}"
    shown = ", ".join(f"E{n}" for n in numbers[:5])
    return shown + ("…" if len(numbers) > 5 else "")
