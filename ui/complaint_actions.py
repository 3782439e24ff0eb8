"""Following a complaint up from its timeline: the "complaint lodged" mark, promises marked
kept or broken, chaser letters, escalation, and unsolicited calls.

What this adds to the window, and where:

- the timeline's context menu and the entry details offer "Mark as complaint lodged", and
  "Mark kept…" / "Mark broken…" / "Chaser letter…" for each promise (undoable through
  ``ui.operations``);
- "Escalate…" (Ctrl+Shift+R): the next body, why, the complaint letter, "I have filed it";
- Ctrl+U: the quick log of an unsolicited call or SMS, and an "Unsolicited calls" tab with
  their frequency per day and week.

Split out of :mod:`ui.deadlines`: its strings keep the translation context
``DeadlineActions``. The time is the services' (``desktop_app.services.clock.current_time``).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from desktop_app.deadlines.promises import promise_status
from desktop_app.deadlines.unsolicited import UNSOLICITED_CHANNELS, is_unsolicited
from desktop_app.errors import ServiceError
from desktop_app.records import EventFields, EventRecord, PromiseData
from desktop_app.services import clock
from desktop_app.vocab import Category, Status
from ui.actions import window_action
from ui.book_worker import Task
from ui.deadlines import LINK_SCHEME
from ui.shell import Shell
from ui.widgets.case_page import CasePage
from ui.widgets.clock_panel import ui_lang
from ui.widgets.unsolicited_panel import UnsolicitedPanel

if TYPE_CHECKING:
    from ui.dialogs.letter_dialog import LetterDialog

translate = QCoreApplication.translate


class ComplaintActions(QObject):
    """The follow-up features of one main window (created by the window, lives as its child).
    ``entry_actions`` (edit, delete) open an entry's context menu."""

    def __init__(self, shell: Shell, page: CasePage, entry_actions: Sequence[QAction]) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell, self.page = shell, page
        self.entry_actions = list(entry_actions)
        self.letter_dialogs: list[LetterDialog] = []

        self.act_quick_log = window_action(self.shell.frame(), self.quick_log, "Ctrl+U")
        self.act_escalate = window_action(self.shell.frame(), self.escalate, "Ctrl+Shift+R")
        self.act_chaser = window_action(self.shell.frame(), lambda: self.chaser_letter(None))
        self.act_mark_lodged = window_action(self.shell.frame(), self.mark_selected_lodged)
        self.act_unsolicited = window_action(self.shell.frame(), self.show_unsolicited)

        self.unsolicited = UnsolicitedPanel()
        self.unsolicited.logRequested.connect(self.quick_log)
        self.unsolicited_tab = page.bottom_tabs.addTab(self.unsolicited, "")
        page.bottom_tabs.setTabVisible(self.unsolicited_tab, False)

        page.entry_actions = self.entry_html
        page.timeline_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        page.timeline_view.customContextMenuRequested.connect(self._timeline_menu)
        page.detail.anchorClicked.connect(self._on_link)
        page.timeline_model.modelReset.connect(self._timeline_reset)
        window.installEventFilter(self)
        self.retranslate()


    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.shell.frame() and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def retranslate(self) -> None:
        self.act_quick_log.setText(translate("DeadlineActions",
                                             "Log an &unsolicited call or SMS…"))
        self.act_quick_log.setIconText(translate("DeadlineActions", "Unsolicited call"))
        self.act_quick_log.setToolTip(translate(
            "DeadlineActions",
            "A call or SMS you did not ask for (marketing, robocalls): number, time, what it "
            "was about (Ctrl+U)"))
        self.act_escalate.setText(translate("DeadlineActions", "E&scalate…"))
        self.act_escalate.setToolTip(translate(
            "DeadlineActions",
            "Where to complain next, why, and the complaint letter (Ctrl+Shift+R)"))
        self.act_chaser.setText(translate("DeadlineActions", "&Chaser letter…"))
        self.act_mark_lodged.setToolTip(translate(
            "DeadlineActions", "The regulator's clock starts at this entry"))
        self.act_unsolicited.setText(translate("DeadlineActions", "Unsolicited calls c&hart"))
        self.update_actions()
        self._update_unsolicited_tab()

    def update_actions(self) -> None:
        """Called by the window whenever its selection or the records change."""
        has_case = self.shell.current_case is not None
        event = self.shell.selected_event()
        for action in (self.act_quick_log, self.act_escalate, self.act_chaser,
                       self.act_unsolicited):
            action.setEnabled(has_case)
        self.act_mark_lodged.setEnabled(event is not None)
        if event is not None and event.id == self._explicit_mark():
            self.act_mark_lodged.setText(translate("DeadlineActions",
                                                   "Clear “complaint lodged”"))
        else:
            self.act_mark_lodged.setText(translate("DeadlineActions",
                                                   "Mark as complaint lod&ged"))

    def _explicit_mark(self) -> int | None:
        case = self.shell.current_case
        return None if case is None else case.lodged_event_id

    @Slot()
    def _timeline_reset(self) -> None:
        self.unsolicited.set_events(self._unsolicited_events())
        self._update_unsolicited_tab()

    def _unsolicited_events(self) -> list[EventRecord]:
        """The case's unsolicited calls and messages: from the timeline when all of it is held,
        else by their own query (a long timeline is read a page at a time)."""
        case = self.shell.current_case
        if case is None:
            return []
        held = self.page.timeline_model.events_of(case.id)
        if held is not None:
            return [e for e in held if is_unsolicited(e)]
        try:
            return self.shell.book.timeline.events_on(case.id, sorted(UNSOLICITED_CHANNELS))
        except ServiceError:
            return []

    def _update_unsolicited_tab(self) -> None:
        count = self.unsolicited.count()
        case = self.shell.current_case
        tabs = self.page.bottom_tabs
        tabs.setTabText(self.unsolicited_tab,
                        translate("DeadlineActions", "Unsolicited calls ({count})").format(
                            count=count))
        wanted = count > 0 or (case is not None and case.category == Category.UNWANTED_CALLS)
        if tabs.isTabVisible(self.unsolicited_tab) != wanted:
            tabs.setTabVisible(self.unsolicited_tab, wanted)

    # ---- the "complaint lodged" mark and promises --------------------------------------------

    @Slot()
    def mark_selected_lodged(self) -> None:
        event = self.shell.selected_event()
        if event is not None:
            self.toggle_lodged(event)

    def toggle_lodged(self, event: EventRecord) -> None:
        """Mark the entry as complaint lodged; if it is marked, clear the mark."""
        target = None if event.id == self._explicit_mark() else event.id
        said = (translate("DeadlineActions", "The regulator clock now starts at this entry.")
                if target is not None
                else translate("DeadlineActions", "Mark cleared: the clock starts at the first "
                               "contact that gave a complaint number."))
        self.shell.ops.mark_lodged(event.case_id, target).then(
            lambda _record: self.shell.hub.statusMessage.emit(said))

    def mark_promise(self, event: EventRecord, promise: PromiseData, state: str) -> None:
        """"Mark kept…" / "Mark broken…": a small dialog for the note, then the change."""
        from ui.dialogs.promise_state_dialog import PromiseStateDialog  # deferred: ~5 ms

        dialog = PromiseStateDialog(event, promise, state, self.shell.frame())

        def save() -> Task:
            return self.shell.ops.set_promise_state(event.case_id, promise, dialog.state(),
                                                     dialog.note())

        self.shell.open_dialog(dialog, save)

    # ---- letters and escalation --------------------------------------------------------------

    def _keep(self, dialog: LetterDialog) -> None:
        self.letter_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self.letter_dialogs.remove(d)
                                if d in self.letter_dialogs else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _letter_lang(self) -> str:
        case = self.shell.current_case
        return "zh" if case is None or case.jurisdiction == "CN" else "en"

    @Slot()
    def chaser_letter(self, promise_id: int | None) -> LetterDialog | None:
        """A chaser for one missed promise (or, with None, every broken one)."""
        from ui.dialogs.letter_dialog import LetterDialog  # deferred: ~26 ms at start-up

        case = self.shell.current_case
        if case is None:
            return None
        dialog = LetterDialog(self.shell.book, case, "chaser", self._letter_lang(), promise_id,
                              self.shell.frame())
        self._keep(dialog)
        return dialog

    @Slot()
    def escalate(self) -> LetterDialog | None:
        from ui.dialogs.escalate_dialog import EscalateDialog  # deferred: ~12 ms at start-up

        w = self.shell
        case = w.current_case
        if case is None:
            return None
        case_id = case.id

        def file(fields: EventFields, escalated: bool) -> Task:
            text = translate("DeadlineActions", "Record the filing with {body}").format(
                body=fields.counterpart or translate("DeadlineActions", "the regulator"))
            return w.ops.record_filing(case_id, fields,
                                       Status.ESCALATED if escalated else None, text).then(
                lambda record: w.select_event(record.id))

        from desktop_app.deadlines.rules import next_body  # deferred: ~10 ms (the rules)

        dialog = EscalateDialog(w.book, case, next_body(case), w.book.deadlines.case_clock(case_id),
                                ui_lang(), file, clock.current_time(), w.frame())
        # the letter itself is in the language of the case's country (switchable)
        dialog.language.setCurrentIndex(max(0, dialog.language.findData(self._letter_lang())))
        self._keep(dialog)
        return dialog

    # ---- unsolicited calls --------------------------------------------------------------------

    @Slot()
    def quick_log(self) -> None:
        from ui.dialogs.quick_log import QuickLogDialog  # deferred: ~6 ms at start-up

        w = self.shell
        case = w.current_case
        if case is None:
            return
        events = self.page.timeline_model.whole_timeline()
        dialog = QuickLogDialog(events, clock.current_time(), w.frame())
        case_id = case.id

        def save() -> Task:
            fields = dialog.fields()
            text = (translate("DeadlineActions", "Log unsolicited call")
                    if fields.channel == "unsolicited"
                    else translate("DeadlineActions", "Log unsolicited SMS"))
            return w.ops.add_event(case_id, fields, text).then(
                lambda record: w.select_event(record.id))

        w.open_dialog(dialog, save)

    @Slot()
    def show_unsolicited(self) -> None:
        tabs = self.page.bottom_tabs
        tabs.setTabVisible(self.unsolicited_tab, True)
        tabs.setCurrentWidget(self.unsolicited)

    # ---- the timeline's context menu and the entry details ------------------------------------

    def context_menu(self, event: EventRecord) -> QMenu:
        """The menu of one timeline entry (what a right-click shows)."""
        menu = QMenu(self.shell.frame())
        menu.addActions(self.entry_actions)
        menu.addSeparator()
        lodged = menu.addAction(translate("DeadlineActions", "Clear “complaint lodged”")
                                if event.id == self._explicit_mark()
                                else translate("DeadlineActions", "Mark as complaint lodged"))
        lodged.triggered.connect(lambda _c=False, e=event: self.toggle_lodged(e))
        now = clock.current_time()
        for promise in event.promises:
            if promise.id is None:
                continue
            menu.addSeparator()
            short = promise.text if len(promise.text) <= 24 else promise.text[:23] + "…"
            kept = menu.addAction(translate("DeadlineActions", "Mark “{promise}” kept…").format(
                promise=short))
            kept.triggered.connect(
                lambda _c=False, e=event, p=promise: self.mark_promise(e, p, "kept"))
            broken = menu.addAction(translate("DeadlineActions", "Mark “{promise}” broken…"
                                              ).format(promise=short))
            broken.triggered.connect(
                lambda _c=False, e=event, p=promise: self.mark_promise(e, p, "broken"))
            if promise_status(promise, now) != "kept":
                chaser = menu.addAction(translate(
                    "DeadlineActions", "Chaser letter for “{promise}”…").format(promise=short))
                chaser.triggered.connect(
                    lambda _c=False, pid=promise.id: self.chaser_letter(pid))
        menu.addSeparator()
        menu.addAction(self.act_escalate)
        return menu

    @Slot(QPoint)
    def _timeline_menu(self, pos: QPoint) -> None:
        view = self.page.timeline_view
        row = view.rowAt(pos.y())
        if row < 0:
            return
        view.selectRow(row)
        menu = self.context_menu(self.page.timeline_model.event_at(row))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(view.viewport().mapToGlobal(pos))

    def entry_html(self, event: EventRecord) -> str:
        """Below an entry's details: the "complaint lodged" line and the promises' actions."""
        esc = html.escape
        link = "<a href='{scheme}:{what}/{id}' style='color:#1d4ed8'>{text}</a>"

        def a(what: str, target: int, text: str) -> str:
            return link.format(scheme=LINK_SCHEME, what=what, id=target, text=esc(text))

        model = self.page.timeline_model
        lines = []
        if event.id == model.lodged_event_id:
            how = (translate("DeadlineActions", "marked by you")
                   if event.id == self._explicit_mark()
                   else translate("DeadlineActions",
                                  "the first contact that gave a complaint number"))
            line = "⚑ " + esc(translate("DeadlineActions", "Complaint lodged here: the regulator "
                                        "clock starts at this entry ({how}).").format(how=how))
            if event.id == self._explicit_mark():
                line += " " + a("lodged", event.id, translate("DeadlineActions", "Clear the mark"))
            lines.append(f"<span style='color:#1f2937'>{line}</span>")
        else:
            lines.append(a("lodged", event.id,
                           translate("DeadlineActions", "Mark as complaint lodged")))
        now = clock.current_time()
        for promise in event.promises:
            if promise.id is None:
                continue
            status = promise_status(promise, now)
            colour = {"broken": "#b91c1c", "kept": "#15803d"}.get(status, "#1f2937")
            actions = [a("kept", promise.id, translate("DeadlineActions", "Mark kept…")),
                       a("broken", promise.id, translate("DeadlineActions", "Mark broken…"))]
            if status != "kept":
                actions.append(a("chaser", promise.id,
                                 translate("DeadlineActions", "Chaser letter…")))
            lines.append(translate("DeadlineActions", "{promise}: {actions}").format(
                promise=f"<span style='color:{colour}'>{esc(promise.text)}</span>",
                actions=" · ".join(actions)))
        return "<p style='margin:0 0 8px 0'>" + "<br>".join(lines) + "</p>"

    @Slot(QUrl)
    def _on_link(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME:
            return
        what, _sep, target = url.path().partition("/")
        event = self.shell.selected_event()
        if event is None or not target.isdigit():
            return
        if what == "lodged":
            self.toggle_lodged(event)
            return
        promise = next((p for p in event.promises if p.id == int(target)), None)
        if promise is None:
            return
        if what in ("kept", "broken"):
            self.mark_promise(event, promise, what)
        elif what == "chaser":
            self.chaser_letter(promise.id)
