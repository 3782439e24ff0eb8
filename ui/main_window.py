"""The main window: cases on the left; the selected case's header and timeline on the right.

The window is a shell: it lays out the case list (``widgets.case_list_panel``) and the case
page (``widgets.case_page``), owns the book's worker, the undo stack and the signal hub, keeps
the menus, and follows the case in view. What the menus do lives in controllers, each given
the window as a :class:`ui.shell.Shell`: ``case_actions`` (cases, entries, calls),
``evidence`` (adding, dropping, pasting evidence), ``dossier`` (export, preview, your
details), ``deadlines`` (the clock, what is due, reminders), ``complaint`` (the lodged mark,
promises, letters, escalation, unsolicited calls), ``verification`` and ``backup``.
"""

from __future__ import annotations

import html
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.errors import ServiceError
from desktop_app.records import CaseRecord, EventRecord
from desktop_app.services.book import Casebook
from desktop_app.store.search import SearchHit, query_words
from ui.actions import SHORT_LABEL, keep_plain_labels, plain_label, window_action
from ui.book_worker import BookWorker
from ui.case_actions import CaseActions
from ui.complaint_actions import ComplaintActions
from ui.deadlines import DeadlineActions
from ui.dossier_actions import DossierActions
from ui.evidence_actions import EvidenceActions
from ui.i18n import LANGUAGES, Localisation
from ui.jobs import JobRunner
from ui.models.case_list import CASE_ID_ROLE
from ui.operations import Operations
from ui.plain_files import close_session
from ui.reading import ReadingActions
from ui.renditions import RenditionActions
from ui.settings import UiSettings
from ui.signals import SignalHub
from ui.single_instance import SingleInstance
from ui.verify import VerifyActions
from ui.widgets.case_list_panel import CaseListPanel
from ui.widgets.case_page import CasePage
from ui.widgets.search_panel import SearchPanel
from ui.widgets.welcome_page import WelcomePage
from ui.window_state import remember_window_state, restore_window_state

if TYPE_CHECKING:
    from ui.backup_actions import BackupActions, Restorable
    from ui.dialogs import RecordDialog


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's redo keys, then Ctrl+Y and Ctrl+Shift+Z (the two that people know),
    each once: a key bound twice to one action is ambiguous, and Qt then does nothing."""
    keys: list[QKeySequence] = []
    for key in (*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
                QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


class AfterFirstFrame(QObject):
    """Calls ``then`` once, just after ``window`` has painted its first frame (or after
    ``FALLBACK_MS`` if it never paints, e.g. started minimised)."""

    FALLBACK_MS = 1000

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self.window, self.then = window, then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._go)  # once this frame is on the screen
        return False

    def _go(self) -> None:
        if self._done or not shiboken6.isValid(self.window):
            return
        self._done = True
        self.window.removeEventFilter(self)
        self.deleteLater()  # and the fallback timer with it
        self.then()


class MainWindow(QMainWindow):
    """The main window. ``startupSettled`` is emitted once the start-up work that the first
    frame does not need is done (``settled`` is then true): with ``defer_start`` that work —
    the backup and verify actions, the first check of what is due — waits until the window has
    painted its first frame; without it (tests, a window replacing another) it is done in
    the constructor."""

    startupSettled = Signal()

    def __init__(self, book: Casebook, settings: UiSettings | None = None,
                 localisation: Localisation | None = None,
                 settings_path: Path | None = None,
                 stopwatch_clock: Callable[[], float] | None = None,
                 stopwatch_wallclock: Callable[[], datetime] | None = None,
                 defer_start: bool = False) -> None:
        super().__init__()
        self.settled = False
        self.book = book
        self.settings = settings or UiSettings()
        self.settings_path = settings_path
        self.localisation = localisation
        self.hub = SignalHub(self)
        self.undo_stack = QUndoStack(self)
        self.worker = BookWorker(self)  # the book's one writer: every change and long job
        self.jobs = JobRunner(self.worker.pool)
        self.ops = Operations(book, self.hub, self.undo_stack, self.worker, self.jobs)
        self.current_case: CaseRecord | None = None
        self.active_dialog: RecordDialog | None = None
        self.successor: Restorable | None = None  # the window a restore put in this one's place
        self.single_instance: SingleInstance | None = None  # the claim on the data folder

        self.setObjectName("mainWindow")
        self.setMinimumSize(900, 560)
        self.case_list = cases = CaseListPanel()
        self.case_model, self.case_proxy = cases.case_model, cases.case_proxy
        self.case_filter, self.case_view = cases.case_filter, cases.case_view
        cases.case_view.selectionModel().currentRowChanged.connect(self._on_case_row_changed)
        self.case_page = page = CasePage(self.ops, self.settings.newest_first,
                                         stopwatch_clock, stopwatch_wallclock)
        self.header, self.stopwatch, self.detail = page.header, page.stopwatch, page.detail
        self.timeline_model, self.timeline_view = page.timeline_model, page.timeline_view
        self.evidence_panel, self.bottom_tabs = page.evidence_panel, page.bottom_tabs
        self.timeline_splitter = page.timeline_splitter
        page.timeline_view.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self.update_actions())
        self.empty_page = WelcomePage(book.paths.root)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.empty_page)
        self._stack.addWidget(page)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("caseSplitter")
        splitter.addWidget(cases)
        splitter.addWidget(self._stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 1020])  # the case page needs the width on a 1366 screen
        splitter.setChildrenCollapsible(False)
        self.case_splitter = splitter
        # Bars that come and go (reminders) sit above the splitter in ``central_layout``; built
        # here once so adding one does not re-parent (and re-style) the whole window.
        holder = QWidget()
        holder.setObjectName("centralHolder")
        self.central_layout: QVBoxLayout = QVBoxLayout(holder)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(splitter, 1)
        self.setCentralWidget(holder)
        self.statusBar()

        self.case_actions = CaseActions(self, page)  # cases, entries, calls, institutions
        self.evidence = EvidenceActions(self, page, cases)  # add, drop, paste, imports
        self.reading = ReadingActions(self, page)  # the text in pictures, in the background
        self.renditions = RenditionActions(self)  # thumbnails and print copies, in the background
        self.dossier = DossierActions(self)  # export, preview, your details
        self.deadlines = DeadlineActions(self, page)  # the clock, the Due view, reminders
        self.central_layout.insertWidget(0, self.deadlines.bar)
        self.complaint = ComplaintActions(  # the lodged mark, promises, letters, Ctrl+U
            self, page, [self.case_actions.act_edit_event, self.case_actions.act_delete_event])
        page.only_the_shown_tab_holds_its_height()
        self._build_actions()
        self._build_menus_and_toolbar()

        self.hub.casesChanged.connect(self.reload_cases)
        self.hub.caseChanged.connect(self._on_case_changed)
        self.hub.timelineChanged.connect(self._on_timeline_changed)
        self.hub.statusMessage.connect(self.show_message)
        self.hub.refused.connect(self.report)
        self.undo_stack.cleanChanged.connect(lambda _clean: self.update_actions())
        self.undo_stack.indexChanged.connect(lambda _i: self.update_actions())

        self._retranslate()
        restore_window_state(self, (self.case_splitter, self.timeline_splitter), self.settings)
        if defer_start:
            self.header.hold_clock()  # shown just after the first frame (finish_start)
        self.reload_cases()
        if self.settings.last_case_id is not None:
            self.select_case(self.settings.last_case_id)
        if self.current_case is None and self.case_model.rowCount() > 0:
            self.case_view.selectRow(0)
        self.update_actions()
        if defer_start:
            AfterFirstFrame(self, lambda: self.finish_start(check_due_now=True))
        else:
            self.finish_start()

    def finish_start(self, check_due_now: bool = False) -> None:
        """What the first frame does not need: answering a second launch, Tools → Verify…,
        File → Back up… and Restore…, File → Passphrase (and the idle lock of a locked book),
        the header's regulator clock (it reads the case's whole timeline), and the first check
        of what is due (the reminder bar: now, or once the constructor's caller is back in the
        event loop). Runs once."""
        if self.settled:
            return
        if self.single_instance is not None:
            self.single_instance.listen()  # a second launch brings this window forward
        self.verification = VerifyActions(self)  # Tools → Verify…
        self.menu_tools.addAction(self.verification.act_verify)
        from ui.backup_actions import BackupActions  # deferred: ~24 ms, after the first frame

        # File → Back up…, Restore from backup… (a restore opens a window like this one)
        self.backup: BackupActions = BackupActions(self, lambda book, settings: MainWindow(
            book, settings, self.localisation, book.paths.settings))
        self.menu_file.insertActions(self.act_quit, [self.backup.act_backup,
                                                     self.backup.act_restore])
        self.menu_file.insertSeparator(self.act_quit)
        from ui.lock_actions import LockActions  # deferred: after the first frame, as above

        self.locking = LockActions(self)  # File → Passphrase: set, change, remove, lock now
        self.menu_file.insertMenu(self.act_quit, self.locking.menu)
        self.menu_file.insertSeparator(self.act_quit)
        if self.book.was_open_to_others:  # made owner-only as it opened: said once
            self.statusBar().showMessage(self.tr(
                "The data folder could be read by other users of this computer; it is now "
                "yours only."), 20_000)
        self.header.release_clock()  # the regulator clock of the case shown
        if check_due_now:
            self.deadlines.check_due()
        else:
            self.deadlines.schedule_check()
        self.reading.start()  # exhibits never read (a restart, a stop): read in the background
        self.renditions.start()  # renditions left pending (an import, a crash): made now
        self.settled = True
        self.startupSettled.emit()

    def frame(self) -> QMainWindow:
        return self

    # ---- building ------------------------------------------------------------------------


    def _build_actions(self) -> None:
        self.act_quit = window_action(self, self.close, QKeySequence.StandardKey.Quit)
        # Our own undo/redo actions (not QUndoStack.createUndoAction) so that their text is
        # ours to translate and switches language with the rest of the window.
        self.act_undo = window_action(self, self.undo_stack.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = window_action(self, self.undo_stack.redo)
        self.act_redo.setShortcuts(redo_shortcuts())
        self.undo_stack.canUndoChanged.connect(lambda _can: self._update_undo_texts())
        self.undo_stack.canRedoChanged.connect(lambda _can: self._update_undo_texts())
        self.undo_stack.undoTextChanged.connect(lambda _text: self._update_undo_texts())
        self.undo_stack.redoTextChanged.connect(lambda _text: self._update_undo_texts())
        self.act_newest_first = window_action(self, self._set_newest_first, "Ctrl+Shift+O",
                                             checkable=True)
        self.act_newest_first.setChecked(self.settings.newest_first)
        self.act_find_case = window_action(self, self.case_list.focus_filter,
                                          QKeySequence.StandardKey.Find)
        # The search box above the case list (always in sight); its hits open below it.
        self.search_panel = SearchPanel(self.book, self)
        self.act_search = window_action(self, self.search_panel.start, "Ctrl+Shift+F")
        self.case_list.column.insertWidget(0, self.search_panel.box)
        self.search_panel.hitActivated.connect(self.open_search_hit)
        for signal in (self.hub.casesChanged, self.hub.timelineChanged, self.hub.evidenceChanged):
            signal.connect(lambda *_: self.search_panel.refresh())
        self.act_about = window_action(self, lambda: QMessageBox.about(
            self, self.tr("About Casebook"), self.tr(
                "<b>Casebook {version}</b> (投诉案卷)<br>Keeps a complaint against a bank, "
                "payment app or lender as one case, on this computer only.<br>Data folder: "
                "{path}").format(version=__version__,
                                 path=html.escape(str(self.book.paths.root)))
            + "<br>" + (self.tr("Installed app (frozen build)") if getattr(sys, "frozen", False)
                        else self.tr("Running from source"))))

        self.language_group = QActionGroup(self)
        self.act_language: dict[str | None, QAction] = {}
        for code in (None, *LANGUAGES):
            action = QAction(self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            self.language_group.addAction(action)
            self.act_language[code] = action
        self.act_language.get(self.settings.language, self.act_language[None]).setChecked(True)

        new_case = self.case_actions.act_new_case
        self.case_list.new_case_button.clicked.connect(new_case.trigger)
        self.empty_page.create_case.connect(new_case.trigger)
        self.empty_page.open_sample.connect(self.case_actions.open_sample)

    def _build_menus_and_toolbar(self) -> None:
        cases, evidence, dossier = self.case_actions, self.evidence, self.dossier
        deadlines, complaint = self.deadlines, self.complaint
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([cases.act_new_case])
        self.menu_file.addSeparator()
        self.menu_file.addActions([dossier.act_export, dossier.act_profile])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)  # Back up…, Restore… go before it
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([cases.act_edit_case, cases.act_delete_case])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_find_case, self.act_search])
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(cases.act_directory)
        self.menu_timeline = bar.addMenu("")
        self.menu_timeline.addActions([cases.act_log_call, complaint.act_quick_log,
                                       cases.act_add_event, cases.act_edit_event,
                                       cases.act_delete_event])
        self.menu_timeline.addSeparator()
        self.menu_timeline.addActions([complaint.act_mark_lodged, complaint.act_chaser,
                                       complaint.act_escalate])
        self.menu_timeline.addSeparator()
        self.menu_timeline.addAction(complaint.act_unsolicited)
        self.menu_evidence = bar.addMenu("")
        self.menu_evidence.addActions([evidence.act_add_evidence, evidence.act_paste])
        self.menu_evidence.addSeparator()
        self.menu_evidence.addActions([evidence.act_show_image, evidence.act_open_original,
                                       self.reading.act_reread, evidence.act_remove_evidence])
        self.menu_evidence.addSeparator()
        self.menu_evidence.addAction(self.reading.act_stop)
        self.menu_view = bar.addMenu("")
        self.menu_view.addActions([deadlines.act_due, deadlines.act_export_calendar])
        self.menu_view.addSeparator()
        self.menu_view.addAction(self.act_newest_first)
        self.menu_language = self.menu_view.addMenu("")
        self.menu_language.addActions(list(self.act_language.values()))
        self.menu_tools: QMenu = bar.addMenu("")  # Verify… (ui.verify)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([cases.act_new_case, cases.act_edit_case])
        self.toolbar.addSeparator()
        self.toolbar.addActions([cases.act_start_call, cases.act_add_event,
                                 complaint.act_quick_log, evidence.act_add_evidence])
        self.toolbar.addSeparator()
        self.toolbar.addAction(dossier.act_export)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_undo, self.act_redo])
        self.toolbar.addSeparator()
        self.toolbar.addActions([deadlines.act_due, complaint.act_escalate])
        self.addToolBar(self.toolbar)
        for action in (self.act_undo, self.act_redo):  # "Undo", not the whole entry summary
            action.setProperty(SHORT_LABEL, True)
        keep_plain_labels(self.toolbar)

    def open_search_hit(self, hit: SearchHit) -> None:
        """Open the case of a search hit at its entry or exhibit."""
        self.select_case(hit.case_id)
        if self.current_case is None or self.current_case.id != hit.case_id:
            return
        if hit.event_id is not None:
            self.select_event(hit.event_id)
        if hit.evidence_id is not None:
            self.show_evidence([hit.evidence_id])
            self.evidence_panel.view.setFocus(Qt.FocusReason.OtherFocusReason)
            if hit.in_picture:  # found in the text read from it: the picture, lines marked
                self.evidence_panel.show_image(query_words(self.search_panel.query))
        else:
            self.timeline_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- language --------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Casebook — complaint records"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_timeline.setTitle(self.tr("&Timeline"))
        self.menu_evidence.setTitle(self.tr("E&vidence"))
        self.menu_view.setTitle(self.tr("Vie&w"))  # Alt+V is Evidence's
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_tools.setTitle(self.tr("T&ools"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_newest_first.setText(self.tr("&Newest first"))
        self.act_find_case.setText(self.tr("&Find case"))
        self.act_search.setText(self.tr("&Search all cases…"))
        self.act_about.setText(self.tr("&About Casebook"))
        self.act_language[None].setText(self.tr("Follow the system"))
        for code, name in LANGUAGES.items():
            self.act_language[code].setText(name)
        self.case_list.retranslate()
        self.case_actions.retranslate()
        self.evidence.retranslate()
        self.reading.retranslate()
        self.dossier.retranslate()
        self.case_page.retranslate()
        self._update_undo_texts()

    def _update_undo_texts(self) -> None:
        stack = self.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self.act_undo):
            return  # the window is being torn down
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        self.act_undo.setText(self.tr("&Undo {action}").format(action=stack.undoText())
                              if stack.canUndo() else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo {action}").format(action=stack.redoText())
                              if stack.canRedo() else self.tr("&Redo"))
        # the button says only what it does; its tooltip names the change
        self.act_undo.setIconText(plain_label(self.tr("&Undo")))
        self.act_redo.setIconText(plain_label(self.tr("&Redo")))
        self.act_undo.setToolTip(plain_label(self.act_undo.text()))
        self.act_redo.setToolTip(plain_label(self.act_redo.text()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    @Slot()
    def switch_language(self, code: str | None) -> None:
        self.settings.language = code
        self.save_settings()
        if self.localisation is not None:
            self.localisation.apply(code)
        action = self.act_language.get(code)
        if action is not None:
            action.setChecked(True)

    # ---- cases ------------------------------------------------------------------------------

    @Slot()
    def reload_cases(self) -> None:
        selected = self.current_case.id if self.current_case else None
        self.case_model.set_cases(self.book.cases.list_cases())
        self.case_list.show_cases_in_order()
        if selected is not None and self.case_model.row_of(selected) >= 0:
            self.select_case(selected)
        elif self.case_model.rowCount() > 0:
            self.case_view.selectRow(0)
        else:
            self._show_case(None)
        self._stack.setCurrentIndex(1 if self.case_model.rowCount() else 0)

    def select_case(self, case_id: int) -> None:
        if not self.case_list.make_current(case_id):
            return
        if self.current_case is None or self.current_case.id != case_id:
            self._show_case(case_id)

    @Slot(QModelIndex, QModelIndex)
    def _on_case_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        if case_id is None:
            return
        if self.current_case is None or self.current_case.id != case_id:
            self._show_case(case_id)

    def _show_case(self, case_id: int | None) -> None:
        try:
            case = None if case_id is None else self.book.cases.get_case(case_id)
        except ServiceError:
            case = None
        self.current_case = case
        # the timeline first: the header's clock counts from the events it already holds (all
        # of a short timeline; a long one is read a page at a time, as it is scrolled)
        if case is None:
            self.timeline_model.set_events([])
        else:
            try:
                self.timeline_model.show_case(self.book.timeline, case.id)
            except ServiceError:  # deleted meanwhile (by a command beside the window)
                self.timeline_model.set_events([])
        self.header.show_case(case)
        self.evidence_panel.set_case(None if case is None else case.id)
        if case is not None:
            self.settings.last_case_id = case.id
        self.refresh_details()
        self.update_actions()

    @Slot(int)
    def _on_case_changed(self, case_id: int) -> None:
        if self.current_case is not None and self.current_case.id == case_id:
            try:
                self.current_case = self.book.cases.get_case(case_id)
            except ServiceError:
                self.current_case = None
            self.header.show_case(self.current_case)
        elif self.case_model.row_of(case_id) >= 0:
            self.select_case(case_id)

    @Slot(int)
    def _on_timeline_changed(self, case_id: int) -> None:
        if self.current_case is None or self.current_case.id != case_id:
            self.select_case(case_id)
            return
        selected = self.selected_event()
        try:
            self.timeline_model.reload()  # as far as it had been read: the place is kept
        except ServiceError:
            self.timeline_model.set_events([])
        if selected is not None:
            self.select_event(selected.id)
        self.evidence_panel.reload()
        self.refresh_details()
        self.update_actions()

    # ---- what controllers use (ui.shell.Shell) ------------------------------------------------

    def open_dialog(self, dialog: RecordDialog, save: Callable[[], object]) -> None:
        """Show a dialog window-modally; OK runs ``save``, and a refusal keeps it open."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_saver(save)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "active_dialog", None))
        dialog.open()

    @Slot(str)
    def report(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @Slot(str)
    def show_message(self, text: str, timeout: int = 6000) -> None:
        self.statusBar().showMessage(text, timeout)

    def selected_event(self) -> EventRecord | None:
        return self.case_page.selected_event()

    def select_event(self, event_id: int) -> None:
        self.case_page.select_event(event_id)

    def show_evidence(self, evidence_ids: list[int] | None = None) -> None:
        """Bring the evidence list forward, with these exhibits selected."""
        self.case_page.show_evidence(evidence_ids)

    def refresh_details(self) -> None:
        self.case_page.show_event_details()

    def update_actions(self) -> None:
        self.case_actions.update_actions()
        self.evidence.update_actions()
        self.reading.update_actions()
        self.dossier.act_export.setEnabled(self.current_case is not None)
        self.complaint.update_actions()

    # ---- view and settings --------------------------------------------------------------------

    @Slot(bool)
    def _set_newest_first(self, newest_first: bool) -> None:
        if newest_first == self.settings.newest_first == self.timeline_model.newest_first:
            return  # nothing changes (the action taking its saved state at start-up)
        selected = self.selected_event()
        self.settings.newest_first = newest_first
        self.timeline_model.set_newest_first(newest_first)
        if selected is not None:
            self.select_event(selected.id)
        self.save_settings()

    def save_settings(self) -> None:
        if self.settings_path is None:
            return
        try:
            self.settings.save(self.settings_path)
        except OSError as exc:
            self.show_message(self.tr("Could not save preferences: {error}").format(error=exc))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.stopwatch.running and not self.confirm(
                self.tr("Call in progress"),
                self.tr("A call is still being timed. Quit without logging it?")):
            event.ignore()
            return
        self.dossier.close_windows()
        self.reading.close()  # the OCR workers killed now, not after what they were reading
        self.renditions.close()  # the next pending rendition is left for the next start
        self.jobs.shutdown()
        close_session()  # plain copies of a locked book's files opened in other programs
        # The undo stack clears itself when the window is destroyed, after the widgets its
        # signals update are gone: nothing needs them once the window has closed.
        self.undo_stack.blockSignals(True)
        remember_window_state(self, (self.case_splitter, self.timeline_splitter), self.settings)
        self.save_settings()
        super().closeEvent(event)
