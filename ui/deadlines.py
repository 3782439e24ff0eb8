"""Deadlines, promises, escalation and unsolicited calls in the main window.

What this adds to the window, and where:

- the case header shows the regulator clock in plain words (``widgets.clock_panel``);
- the timeline marks the "complaint lodged" entry with ⚑; its context menu and the entry
  details offer "Mark as complaint lodged", and "Mark kept…" / "Mark broken…" / "Chaser
  letter…" for each promise (undoable through ``ui.operations``);
- a "Due" dock across all open cases (Ctrl+D): overdue, due today, this week, later; each row
  opens its case at the entry; "Export to calendar…" writes an .ics file;
- a notification bar under the toolbar when something is overdue or due today, checked at
  start-up, every few minutes, and whenever the records change;
- "Escalate…" (Ctrl+Shift+R): the next body, why, the complaint letter, "I have filed it";
- Ctrl+U: the quick log of an unsolicited call or SMS, and an "Unsolicited calls" tab with
  their frequency per day and week.

The time is the services' (``desktop_app.services.clock.current_time``), so that tests can fix it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu

from desktop_app.deadlines.clock import Clock
from desktop_app.deadlines.due import DueItem, bucket_due
from desktop_app.deadlines.ics import calendar_ics
from desktop_app.deadlines.promises import promise_status
from desktop_app.deadlines.rules import next_body
from desktop_app.errors import ServiceError
from desktop_app.records import EventFields, EventRecord, PromiseData
from desktop_app.services import clock
from desktop_app.store.files import write_atomically
from desktop_app.vocab import Category, Status
from ui.book_worker import Task
from ui.widgets.clock_panel import ui_lang
from ui.widgets.due_view import DueView
from ui.widgets.notification_bar import NotificationBar
from ui.widgets.unsolicited_panel import UnsolicitedPanel

if TYPE_CHECKING:
    from ui.dialogs.letter_dialog import LetterDialog
    from ui.main_window import MainWindow

LINK_SCHEME = "casebook-deadline"
RECHECK_MS = 5 * 60 * 1000  # reminders are checked again every five minutes
DUE_SIZE = (640, 460)  # the Due window's size when it first opens


class DeadlineActions(QObject):
    """The deadline features of one main window (created by the window, lives as its child)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.letter_dialogs: list[LetterDialog] = []
        self._dismissed: frozenset[str] = frozenset()
        self._items: list[DueItem] = []

        self._build_actions()
        self._build_due_dock()
        self._build_notification_bar()
        self._build_unsolicited_tab()
        self._build_menus()

        window.header.set_clock_source(self._clock_of)
        window.header.clockChanged.connect(self._on_clock)
        window.timeline_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        window.timeline_view.customContextMenuRequested.connect(self._timeline_menu)
        window.detail.anchorClicked.connect(self._on_link)
        window.timeline_model.modelReset.connect(self._timeline_reset)

        # reminders: soon after start-up, every few minutes, and when the records change
        self.recheck = QTimer(self)
        self.recheck.setObjectName("dueRecheck")
        self.recheck.setInterval(RECHECK_MS)
        self.recheck.timeout.connect(self.check_due)
        self.recheck.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.check_due)
        for signal in (window.hub.casesChanged, window.hub.timelineChanged):
            signal.connect(self.schedule_check)
        # the first check is the window's to start (MainWindow.finish_start), after its first
        # frame is on the screen

        window.installEventFilter(self)
        self.retranslate()

    # ---- building ---------------------------------------------------------------------------

    def _action(self, slot: Callable[[], object], shortcut: str | None = None) -> QAction:
        action = QAction(self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_quick_log = self._action(self.quick_log, "Ctrl+U")
        self.act_escalate = self._action(self.escalate, "Ctrl+Shift+R")
        self.act_chaser = self._action(lambda: self.chaser_letter(None))
        self.act_mark_lodged = self._action(self.mark_selected_lodged)
        self.act_export_calendar = self._action(self.export_calendar)
        self.act_unsolicited = self._action(self.show_unsolicited)

    def _build_due_dock(self) -> None:
        self.due_view = DueView()
        self.due_view.itemActivated.connect(self.open_item)
        self.due_view.exportRequested.connect(self.export_calendar)
        dock = QDockWidget(self.window)
        dock.setObjectName("dueDock")
        dock.setWidget(self.due_view)
        dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea
                             | Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.BottomDockWidgetArea)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.setFloating(True)
        dock.hide()
        # Placed on first opening, unless the window's saved state (restored later) placed it.
        self._due_unplaced = dock.geometry()
        dock.visibilityChanged.connect(lambda visible: visible and self.schedule_check())
        self.due_dock = dock
        self.act_due = dock.toggleViewAction()
        self.act_due.setShortcut(QKeySequence("Ctrl+D"))
        self.window.addAction(self.act_due)

    def _build_notification_bar(self) -> None:
        """The bar goes above everything in the window's centre, just under the toolbar."""
        self.bar = NotificationBar()
        self.bar.showRequested.connect(self.show_due)
        self.bar.dismissed.connect(self._bar_dismissed)
        self.window.central_layout.insertWidget(0, self.bar)

    def _build_unsolicited_tab(self) -> None:
        self.unsolicited = UnsolicitedPanel()
        self.unsolicited.logRequested.connect(self.quick_log)
        tabs = self.window.bottom_tabs
        self.unsolicited_tab = tabs.addTab(self.unsolicited, "")
        tabs.setTabVisible(self.unsolicited_tab, False)

    def _build_menus(self) -> None:
        w = self.window
        timeline = w.menu_timeline
        timeline.insertAction(w.act_add_event, self.act_quick_log)
        timeline.addSeparator()
        timeline.addActions([self.act_mark_lodged, self.act_chaser, self.act_escalate])
        timeline.addSeparator()
        timeline.addAction(self.act_unsolicited)
        w.menu_view.insertAction(w.act_newest_first, self.act_due)
        w.menu_view.insertAction(w.act_newest_first, self.act_export_calendar)
        w.menu_view.insertSeparator(w.act_newest_first)
        w.toolbar.insertAction(w.act_add_evidence, self.act_quick_log)
        w.toolbar.addSeparator()
        w.toolbar.addActions([self.act_due, self.act_escalate])

    # ---- language ---------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.schedule_check()  # the regulator deadlines are worded in the UI's language
        elif watched is self.window and event.type() == QEvent.Type.Close:
            # No reminders once the window has closed (its data may be closed next); a
            # refused close (a call still being timed) brings them back.
            self.recheck.stop()
            self._soon.stop()
            QTimer.singleShot(0, self, self._resume_if_open)
        return False

    def _resume_if_open(self) -> None:
        if self.window.isVisible() and not self.recheck.isActive():
            self.recheck.start()

    def retranslate(self) -> None:
        self.act_quick_log.setText(self.tr("Log an &unsolicited call or SMS…"))
        self.act_quick_log.setIconText(self.tr("Unsolicited call"))
        self.act_quick_log.setToolTip(self.tr(
            "A call or SMS you did not ask for (marketing, robocalls): number, time, what it "
            "was about (Ctrl+U)"))
        self.act_escalate.setText(self.tr("E&scalate…"))
        self.act_escalate.setToolTip(self.tr(
            "Where to complain next, why, and the complaint letter (Ctrl+Shift+R)"))
        self.act_chaser.setText(self.tr("&Chaser letter…"))
        self.act_mark_lodged.setText(self.tr("Mark as complaint &lodged"))
        self.act_mark_lodged.setToolTip(self.tr(
            "The regulator's clock starts at this entry"))
        self.act_export_calendar.setText(self.tr("Export due dates to &calendar…"))
        self.act_unsolicited.setText(self.tr("Unsolicited calls &chart"))
        self.due_dock.setWindowTitle(self.tr("Due"))
        self.act_due.setText(self.tr("&Due"))
        self.act_due.setToolTip(self.tr("Promises and deadlines across all open cases (Ctrl+D)"))
        self._update_unsolicited_tab()

    # ---- state --------------------------------------------------------------------------------

    def update_actions(self) -> None:
        """Called by the window whenever its selection or the records change."""
        w = self.window
        has_case = w.current_case is not None
        event = w.selected_event()
        self.act_quick_log.setEnabled(has_case)
        self.act_escalate.setEnabled(has_case)
        self.act_chaser.setEnabled(has_case)
        self.act_unsolicited.setEnabled(has_case)
        self.act_mark_lodged.setEnabled(event is not None)
        if event is not None and event.id == self._explicit_mark():
            self.act_mark_lodged.setText(self.tr("Clear “complaint lodged”"))
        else:
            self.act_mark_lodged.setText(self.tr("Mark as complaint &lodged"))

    def _explicit_mark(self) -> int | None:
        case = self.window.current_case
        return None if case is None else case.lodged_event_id

    def _clock_of(self, case_id: int) -> Clock | None:
        window = self.window
        case, events = window.current_case, window.timeline_model.events_of(case_id)
        if case is not None and case.id == case_id and events is not None:
            return window.book.deadlines.clock_for(case, events)  # no second read of the timeline
        return window.book.deadlines.case_clock(case_id)

    @Slot(object)
    def _on_clock(self, clock: object) -> None:
        """The header showed a case's clock: mark the entry it counts from."""
        case = self.window.current_case
        lodged = clock.lodged_event_id if isinstance(clock, Clock) else (
            case.lodged_event_id if case is not None else None)
        model = self.window.timeline_model
        if model.lodged_event_id != lodged:
            model.set_lodged_event(lodged)
            self.window._show_event_details()
        self.update_actions()

    @Slot()
    def _timeline_reset(self) -> None:
        model = self.window.timeline_model
        self.unsolicited.set_events([model.event_at(r) for r in range(model.rowCount())])
        self._update_unsolicited_tab()

    def _update_unsolicited_tab(self) -> None:
        count = self.unsolicited.count()
        case = self.window.current_case
        tabs = self.window.bottom_tabs
        tabs.setTabText(self.unsolicited_tab,
                        self.tr("Unsolicited calls ({count})").format(count=count))
        wanted = count > 0 or (case is not None and case.category == Category.UNWANTED_CALLS)
        if tabs.isTabVisible(self.unsolicited_tab) != wanted:
            tabs.setTabVisible(self.unsolicited_tab, wanted)

    # ---- reminders and the Due view ------------------------------------------------------------

    @Slot()
    def schedule_check(self) -> None:
        """Check again once the current burst of changes is over."""
        if self.recheck.isActive():  # not after the window closed
            self._soon.start()

    @Slot()
    def check_due(self) -> None:
        now = clock.current_time()
        try:
            self._items = self.window.book.deadlines.due(now, lang=ui_lang())
        except ServiceError as exc:
            self.window.statusBar().showMessage(str(exc), 6000)
            return
        self.due_view.set_items(self._items, now)
        self._remind(now)
        self.window.header.refresh_clock()  # the clock's day count moves on, too

    def reminder_text(self, items: list[DueItem] | None = None) -> tuple[str, str] | None:
        """What the bar says and how urgently ("overdue" or "today"); None: nothing to say."""
        items = self._items if items is None else items
        buckets = bucket_due(items, clock.current_time())
        promises = sum(1 for i in buckets.overdue if i.kind == "promise")
        answers = sum(1 for i in buckets.overdue if i.kind == "regulator")
        today = len(buckets.today)
        parts = []
        if promises:
            parts.append(self.tr("1 promise is overdue") if promises == 1 else
                         self.tr("{count} promises are overdue").format(count=promises))
        if answers:
            parts.append(self.tr("the time to answer has run out on 1 case") if answers == 1
                         else self.tr("the time to answer has run out on {count} cases").format(
                             count=answers))
        if today:
            parts.append(self.tr("1 item is due today") if today == 1 else
                         self.tr("{count} items are due today").format(count=today))
        if not parts:
            return None
        text = " · ".join(parts)
        return text[:1].upper() + text[1:], ("overdue" if promises or answers else "today")

    def _urgent_uids(self) -> frozenset[str]:
        buckets = bucket_due(self._items, clock.current_time())
        return frozenset(i.uid for i in (*buckets.overdue, *buckets.today))

    def _remind(self, _now: object) -> None:
        said = self.reminder_text()
        if said is None:
            self.bar.hide()
            return
        if self._urgent_uids() <= self._dismissed:
            return  # dismissed, and nothing new has fallen due since
        self.bar.show_message(*said)

    def _bar_dismissed(self) -> None:
        self._dismissed = self._urgent_uids()

    @Slot()
    def show_due(self) -> None:
        dock = self.due_dock
        if dock.isFloating() and dock.geometry() == self._due_unplaced:
            self._place_due_window()
        dock.show()
        dock.raise_()
        dock.activateWindow()
        self.schedule_check()
        self.due_view.view.setFocus()

    def _place_due_window(self) -> None:
        """First opening: a window of its own over the right of the main window (the case
        page needs its width); it can be docked at a side by dragging it there."""
        frame = self.window.geometry()
        width, height = DUE_SIZE
        width, height = min(width, frame.width() - 40), min(height, frame.height() - 80)
        self.due_dock.setGeometry(frame.right() - width - 24, frame.top() + 96, width, height)

    @Slot(int, object)
    def open_item(self, case_id: int, event_id: object) -> None:
        """Open a case at an entry (from the Due view)."""
        w = self.window
        w.select_case(case_id)
        if isinstance(event_id, int):
            w.select_event(event_id)
            w.bottom_tabs.setCurrentWidget(w.detail)
            w.timeline_view.setFocus()

    def choose_calendar_file(self) -> str:
        """Where to save the calendar file (tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("Export due dates to a calendar"),
            self.tr("Casebook due dates") + ".ics",
            self.tr("iCalendar files (*.ics);;All files (*)"))
        if path and not path.lower().endswith(".ics"):
            path += ".ics"
        return path

    @Slot()
    def export_calendar(self) -> str | None:
        path = self.choose_calendar_file()
        if not path:
            return None
        items = self.window.book.deadlines.due(clock.current_time(), lang=ui_lang())
        data = calendar_ics(items)
        try:
            write_atomically(Path(path), data, mode=0o644)
        except OSError as exc:
            self.window._report(self.tr("Could not save {path}: {error}").format(
                path=path, error=exc.strerror or str(exc)))
            return None
        self.window.hub.statusMessage.emit(self.tr(
            "{count} due dates saved to {path}. Open the file with your calendar app.").format(
                count=len(items), path=path))
        return path

    # ---- the "complaint lodged" mark and promises --------------------------------------------

    @Slot()
    def mark_selected_lodged(self) -> None:
        event = self.window.selected_event()
        if event is not None:
            self.toggle_lodged(event)

    def toggle_lodged(self, event: EventRecord) -> None:
        """Mark the entry as complaint lodged; if it is marked, clear the mark."""
        target = None if event.id == self._explicit_mark() else event.id
        said = (self.tr("The regulator clock now starts at this entry.") if target is not None
                else self.tr("Mark cleared: the clock starts at the first contact that gave a "
                             "complaint number."))
        self.window.ops.mark_lodged(event.case_id, target).then(
            lambda _record: self.window.hub.statusMessage.emit(said))

    def mark_promise(self, event: EventRecord, promise: PromiseData, state: str) -> None:
        """"Mark kept…" / "Mark broken…": a small dialog for the note, then the change."""
        from ui.dialogs.promise_state_dialog import PromiseStateDialog

        dialog = PromiseStateDialog(event, promise, state, self.window)

        def save() -> Task:
            return self.window.ops.set_promise_state(event.case_id, promise, dialog.state(),
                                                     dialog.note())

        self.window._open_dialog(dialog, save)

    # ---- letters and escalation --------------------------------------------------------------

    def _keep(self, dialog: LetterDialog) -> None:
        self.letter_dialogs.append(dialog)
        dialog.finished.connect(lambda _r, d=dialog: self.letter_dialogs.remove(d)
                                if d in self.letter_dialogs else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _letter_lang(self) -> str:
        case = self.window.current_case
        return "zh" if case is None or case.jurisdiction == "CN" else "en"

    @Slot()
    def chaser_letter(self, promise_id: int | None) -> LetterDialog | None:
        """A chaser for one missed promise (or, with None, every broken one)."""
        from ui.dialogs.letter_dialog import LetterDialog

        case = self.window.current_case
        if case is None:
            return None
        dialog = LetterDialog(self.window.book, case, "chaser", self._letter_lang(), promise_id,
                              self.window)
        self._keep(dialog)
        return dialog

    @Slot()
    def escalate(self) -> LetterDialog | None:
        from ui.dialogs.escalate_dialog import EscalateDialog

        w = self.window
        case = w.current_case
        if case is None:
            return None
        case_id = case.id

        def file(fields: EventFields, escalated: bool) -> Task:
            text = self.tr("Record the filing with {body}").format(
                body=fields.counterpart or self.tr("the regulator"))
            return w.ops.record_filing(case_id, fields,
                                       Status.ESCALATED if escalated else None, text).then(
                lambda record: w.select_event(record.id))

        dialog = EscalateDialog(w.book, case, next_body(case), w.book.deadlines.case_clock(case_id),
                                ui_lang(), file, clock.current_time(), w)
        # the letter itself is in the language of the case's country (switchable)
        dialog.language.setCurrentIndex(max(0, dialog.language.findData(self._letter_lang())))
        self._keep(dialog)
        return dialog

    # ---- unsolicited calls --------------------------------------------------------------------

    @Slot()
    def quick_log(self) -> None:
        from ui.dialogs.quick_log import QuickLogDialog

        w = self.window
        case = w.current_case
        if case is None:
            return
        model = w.timeline_model
        events = [model.event_at(r) for r in range(model.rowCount())]
        dialog = QuickLogDialog(events, clock.current_time(), w)
        case_id = case.id

        def save() -> Task:
            fields = dialog.fields()
            return w.ops.add_event(case_id, fields, self.tr("Log unsolicited call")
                                   if fields.channel == "unsolicited"
                                   else self.tr("Log unsolicited SMS")).then(
                lambda record: w.select_event(record.id))

        w._open_dialog(dialog, save)

    @Slot()
    def show_unsolicited(self) -> None:
        tabs = self.window.bottom_tabs
        tabs.setTabVisible(self.unsolicited_tab, True)
        tabs.setCurrentWidget(self.unsolicited)

    # ---- the timeline's context menu and the entry details ------------------------------------

    def context_menu(self, event: EventRecord) -> QMenu:
        """The menu of one timeline entry (what a right-click shows)."""
        w = self.window
        menu = QMenu(w)
        menu.addAction(w.act_edit_event)
        menu.addAction(w.act_delete_event)
        menu.addSeparator()
        lodged = menu.addAction(self.tr("Clear “complaint lodged”")
                                if event.id == self._explicit_mark()
                                else self.tr("Mark as complaint lodged"))
        lodged.triggered.connect(lambda _c=False, e=event: self.toggle_lodged(e))
        now = clock.current_time()
        for promise in event.promises:
            if promise.id is None:
                continue
            menu.addSeparator()
            short = promise.text if len(promise.text) <= 24 else promise.text[:23] + "…"
            kept = menu.addAction(self.tr("Mark “{promise}” kept…").format(promise=short))
            kept.triggered.connect(
                lambda _c=False, e=event, p=promise: self.mark_promise(e, p, "kept"))
            broken = menu.addAction(self.tr("Mark “{promise}” broken…").format(promise=short))
            broken.triggered.connect(
                lambda _c=False, e=event, p=promise: self.mark_promise(e, p, "broken"))
            if promise_status(promise, now) != "kept":
                chaser = menu.addAction(self.tr("Chaser letter for “{promise}”…").format(
                    promise=short))
                chaser.triggered.connect(
                    lambda _c=False, pid=promise.id: self.chaser_letter(pid))
        menu.addSeparator()
        menu.addAction(self.act_escalate)
        return menu

    @Slot(QPoint)
    def _timeline_menu(self, pos: QPoint) -> None:
        w = self.window
        row = w.timeline_view.rowAt(pos.y())
        if row < 0:
            return
        w.timeline_view.selectRow(row)
        menu = self.context_menu(w.timeline_model.event_at(row))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(w.timeline_view.viewport().mapToGlobal(pos))

    def entry_html(self, event: EventRecord) -> str:
        """Below an entry's details: the "complaint lodged" line and the promises' actions."""
        esc = html.escape
        link = "<a href='{scheme}:{what}/{id}' style='color:#1d4ed8'>{text}</a>"

        def a(what: str, target: int, text: str) -> str:
            return link.format(scheme=LINK_SCHEME, what=what, id=target, text=esc(text))

        model = self.window.timeline_model
        lines = []
        if event.id == model.lodged_event_id:
            how = (self.tr("marked by you") if event.id == self._explicit_mark()
                   else self.tr("the first contact that gave a complaint number"))
            line = "⚑ " + esc(self.tr("Complaint lodged here: the regulator clock starts at "
                                       "this entry ({how}).").format(how=how))
            if event.id == self._explicit_mark():
                line += " " + a("lodged", event.id, self.tr("Clear the mark"))
            lines.append(f"<span style='color:#1f2937'>{line}</span>")
        else:
            lines.append(a("lodged", event.id, self.tr("Mark as complaint lodged")))
        now = clock.current_time()
        for promise in event.promises:
            if promise.id is None:
                continue
            status = promise_status(promise, now)
            colour = {"broken": "#b91c1c", "kept": "#15803d"}.get(status, "#1f2937")
            actions = [a("kept", promise.id, self.tr("Mark kept…")),
                       a("broken", promise.id, self.tr("Mark broken…"))]
            if status != "kept":
                actions.append(a("chaser", promise.id, self.tr("Chaser letter…")))
            lines.append(f"<span style='color:{colour}'>{esc(promise.text)}</span>: "
                         + " · ".join(actions))
        return "<p style='margin:0 0 8px 0'>" + "<br>".join(lines) + "</p>"

    @Slot(QUrl)
    def _on_link(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME:
            return
        what, _sep, target = url.path().partition("/")
        event = self.window.selected_event()
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
