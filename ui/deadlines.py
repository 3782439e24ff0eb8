"""Deadlines in the main window: the regulator clock, what is due, and reminders.

What this adds to the window, and where:

- the case header shows the regulator clock in plain words (``widgets.clock_panel``), and the
  timeline marks the entry it counts from with ⚑;
- a "Due" dock across all open cases (Ctrl+D): overdue, due today, this week, later; each row
  opens its case at the entry; "Export to calendar…" writes an .ics file;
- a notification bar under the toolbar when something is overdue or due today, checked at
  start-up, every few minutes, and whenever the records change.

What is due is read in full at start-up, at every tick of the reminder timer, when the Due
view opens and when the language changes; after an edit, only the edited case's items are read
again (``book.deadlines.case_due``) and the other cases' stay as they were.

The actions on entries and promises (the "complaint lodged" mark, kept/broken, chaser letters,
escalation, unsolicited calls) are :mod:`ui.complaint_actions`. The time is the services'
(``desktop_app.services.clock.current_time``), so that tests can fix it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog

from desktop_app.errors import ServiceError
from desktop_app.services import clock
from desktop_app.store.files import write_atomically
from ui.shell import Shell
from ui.widgets.case_page import CasePage
from ui.widgets.clock_panel import ui_lang
from ui.widgets.due_view import DueView
from ui.widgets.notification_bar import NotificationBar

if TYPE_CHECKING:
    from desktop_app.deadlines.clock import Clock
    from desktop_app.deadlines.due import DueItem

LINK_SCHEME = "casebook-deadline"
RECHECK_MS = 5 * 60 * 1000  # reminders are checked again every five minutes
DUE_SIZE = (560, 300)  # the Due window's least size when it first opens


class EditedCases:
    """The cases edited since the due list was last read, from the hub's announcements.

    A change to one case is announced as ``caseChanged(id)`` with one ``casesChanged()``
    (and ``timelineChanged(id)`` when its entries changed); a ``casesChanged()`` without its
    ``caseChanged`` names no case (a case deleted, an institution edited): then everything
    is read again, as it is before the first full read."""

    def __init__(self) -> None:
        self.loaded = False  # a full read has been shown
        self._ids: set[int] = set()
        self._unnamed = 0  # casesChanged() not matched by a caseChanged(id)
        self._all = False

    def case(self, case_id: int) -> None:
        self._ids.add(case_id)
        self._unnamed -= 1

    def timeline(self, case_id: int) -> None:
        self._ids.add(case_id)

    def cases(self) -> None:
        self._unnamed += 1

    def everything(self) -> None:
        self._all = True

    def take(self) -> set[int] | None:
        """The cases to read again (none: an empty set), or None: read everything; and
        start afresh."""
        whole = self._all or self._unnamed > 0 or not self.loaded
        ids = self._ids
        self._ids, self._unnamed, self._all = set(), 0, False
        return None if whole else ids


class DeadlineActions(QObject):
    """The deadline features of one main window (created by the window, lives as its child).
    ``bar`` and ``due_dock`` are the window's to place."""

    def __init__(self, shell: Shell, page: CasePage) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell, self.page = shell, page
        self._dismissed: frozenset[str] = frozenset()
        self._items: list[DueItem] = []
        self._edits = EditedCases()

        self.act_export_calendar = QAction(window)
        self.act_export_calendar.triggered.connect(lambda _checked=False: self.export_calendar())
        window.addAction(self.act_export_calendar)
        self._build_due_dock()
        self.bar = NotificationBar()
        self.bar.showRequested.connect(self.show_due)
        self.bar.dismissed.connect(self._bar_dismissed)

        page.header.set_clock_source(self._clock_of)
        page.header.clockChanged.connect(self._on_clock)

        # reminders: soon after start-up, every few minutes, and when the records change
        self.recheck = QTimer(self)
        self.recheck.setObjectName("dueRecheck")
        self.recheck.setInterval(RECHECK_MS)
        self.recheck.timeout.connect(self.check_due)
        self.recheck.start()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._check_soon)
        hub, edits = shell.hub, self._edits
        for signal, note in ((hub.caseChanged, edits.case), (hub.timelineChanged, edits.timeline),
                             (hub.casesChanged, edits.cases)):
            signal.connect(note)
            signal.connect(self._after_edit)
        # the first check is the window's to start (MainWindow.finish_start), after its first
        # frame is on the screen

        window.installEventFilter(self)
        self.retranslate()

    def _build_due_dock(self) -> None:
        self.due_view = DueView()
        self.due_view.itemActivated.connect(self.open_item)
        self.due_view.exportRequested.connect(self.export_calendar)
        window = self.shell.frame()
        dock = QDockWidget(window)
        dock.setObjectName("dueDock")
        dock.setWidget(self.due_view)
        dock.setAllowedAreas(Qt.DockWidgetArea.RightDockWidgetArea
                             | Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.BottomDockWidgetArea)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.setFloating(True)
        dock.hide()
        # Placed on first opening, unless the window's saved state (restored later) placed it.
        self._due_unplaced = dock.geometry()
        dock.visibilityChanged.connect(lambda visible: visible and self.schedule_check())
        self.due_dock = dock
        # not the dock's own toggle action: that shows it where it last was, or nowhere yet
        # (a small box over the menu bar); this one places it on the screen, sized to fit
        self.act_due = QAction(window)
        self.act_due.setCheckable(True)
        self.act_due.setShortcut(QKeySequence("Ctrl+D"))
        self.act_due.triggered.connect(
            lambda checked: self.show_due() if checked else dock.hide())
        dock.visibilityChanged.connect(self.act_due.setChecked)
        window.addAction(self.act_due)

    # ---- language and closing -----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        window = self.shell.frame()
        if watched is window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.schedule_check()  # the regulator deadlines are worded in the UI's language
        elif watched is window and event.type() == QEvent.Type.Close:
            # No reminders once the window has closed (its data may be closed next); a
            # refused close (a call still being timed) brings them back.
            self.recheck.stop()
            self._soon.stop()
            QTimer.singleShot(0, self, self._resume_if_open)
        return False

    def _resume_if_open(self) -> None:
        if self.shell.frame().isVisible() and not self.recheck.isActive():
            self.recheck.start()

    def retranslate(self) -> None:
        self.act_export_calendar.setText(self.tr("Export due dates to &calendar…"))
        self.due_dock.setWindowTitle(self.tr("Due"))
        self.act_due.setText(self.tr("&Due"))
        self.act_due.setToolTip(self.tr("Promises and deadlines across all open cases (Ctrl+D)"))

    # ---- the regulator clock ------------------------------------------------------------------

    def _clock_of(self, case_id: int) -> Clock | None:
        case, events = self.shell.current_case, self.page.timeline_model.events_of(case_id)
        if case is not None and case.id == case_id and events is not None:
            return self.shell.book.deadlines.clock_for(case, events)  # no second read
        return self.shell.book.deadlines.case_clock(case_id)

    @Slot(object)
    def _on_clock(self, clock: object) -> None:
        """The header showed a case's clock: mark the entry it counts from."""
        from desktop_app.deadlines.clock import Clock  # deferred: ~10 ms (the rules)

        case = self.shell.current_case
        lodged = clock.lodged_event_id if isinstance(clock, Clock) else (
            case.lodged_event_id if case is not None else None)
        model = self.page.timeline_model
        if model.lodged_event_id != lodged:
            model.set_lodged_event(lodged)
            self.shell.refresh_details()
        self.shell.update_actions()

    # ---- reminders and the Due view ------------------------------------------------------------

    @Slot()
    def schedule_check(self) -> None:
        """Check everything again once the current burst of changes is over."""
        self._edits.everything()
        if self.recheck.isActive():  # not after the window closed
            self._soon.start()

    @Slot()
    def _after_edit(self) -> None:
        if self.recheck.isActive():  # not after the window closed
            self._soon.start()

    @Slot()
    def _check_soon(self) -> None:
        """After a burst of changes: the edited cases' items, or everything when a change
        named no case (or nothing was checked yet)."""
        edited = self._edits.take()
        if edited is None:
            self.check_due()
        elif edited:
            self.check_cases(edited)

    @Slot()
    def check_due(self) -> None:
        """Every open case's items, read afresh."""
        now = clock.current_time()
        self._edits.take()
        try:
            items = self.shell.book.deadlines.due(now, lang=ui_lang())
        except ServiceError as exc:
            self._edits.everything()  # the next check reads everything again
            self.shell.show_message(str(exc))
            return
        self._edits.loaded = True
        self._show(items, now)

    def check_cases(self, case_ids: set[int]) -> None:
        """The items of ``case_ids`` read afresh; the other cases' kept as they were."""
        from desktop_app.deadlines.due import with_case_replaced  # deferred: ~10 ms (the rules)

        now = clock.current_time()
        items = self._items
        try:
            for case_id in sorted(case_ids):
                items = with_case_replaced(items, case_id, self.shell.book.deadlines.case_due(
                    case_id, now, lang=ui_lang()))
        except ServiceError as exc:
            self._edits.everything()
            self.shell.show_message(str(exc))
            return
        self._show(items, now)

    def _show(self, items: list[DueItem], now: datetime) -> None:
        self._items = items
        self.due_view.set_items(items, now)
        self._remind(now)
        self.page.header.refresh_clock()  # the clock's day count moves on, too

    def reminder_text(self, items: list[DueItem] | None = None) -> tuple[str, str] | None:
        """What the bar says and how urgently ("overdue" or "today"); None: nothing to say."""
        from desktop_app.deadlines.due import bucket_due  # deferred: ~10 ms (the rules)

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
        from desktop_app.deadlines.due import bucket_due  # deferred: ~10 ms (the rules)

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
        floating = dock.isFloating()
        if floating:
            self.check_due()  # its rows now: it is sized to them
            self._place_due_window(unplaced=dock.geometry() == self._due_unplaced)
        dock.show()
        dock.raise_()
        dock.activateWindow()
        if floating:
            self._soon.stop()  # read a moment ago: not again because it became visible
        else:
            self.schedule_check()
        self.due_view.view.setFocus()

    def _place_due_window(self, unplaced: bool) -> None:
        """A window of its own over the right of the main window, below its toolbar (the case
        page needs its width), as large as its rows need and within the screen; it can be
        docked at a side by dragging it there. Where it was placed before, it stays, moved
        back onto the screen if it is off it."""
        dock, window = self.due_dock, self.shell.frame()
        screen = (window.screen() or dock.screen()).availableGeometry()
        if unplaced:
            want = self.due_view.wanted_size()
            width = min(max(want.width(), DUE_SIZE[0]), screen.width() - 40)
            height = min(max(want.height(), DUE_SIZE[1]), screen.height() - 80)
            frame = window.geometry()
            central = window.centralWidget()
            top = frame.top() + (central.y() if central is not None else 0)  # below the bars
            place = QRect(frame.right() - width - 24, top + 24, width, height)
        else:
            place = dock.geometry()
            place.setSize(place.size().boundedTo(screen.size()))
        place.moveLeft(max(screen.left(), min(place.left(), screen.right() - place.width())))
        place.moveTop(max(screen.top() + 24, min(place.top(), screen.bottom() - place.height())))
        dock.setGeometry(place)

    @Slot(int, object)
    def open_item(self, case_id: int, event_id: object) -> None:
        """Open a case at an entry (from the Due view)."""
        self.shell.select_case(case_id)
        if isinstance(event_id, int):
            self.shell.select_event(event_id)
            self.page.bottom_tabs.setCurrentWidget(self.page.detail)
            self.page.timeline_view.setFocus()

    def choose_calendar_file(self) -> str:
        """Where to save the calendar file (tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(
            self.shell.frame(), self.tr("Export due dates to a calendar"),
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
        items = self.shell.book.deadlines.due(clock.current_time(), lang=ui_lang())
        from desktop_app.deadlines.ics import calendar_ics  # deferred: the calendar export only

        data = calendar_ics(items)
        try:
            write_atomically(Path(path), data, mode=0o644)
        except OSError as exc:
            self.shell.report(self.tr("Could not save {path}: {error}").format(
                path=path, error=exc.strerror or str(exc)))
            return None
        self.shell.hub.statusMessage.emit(self.tr(
            "{count} due dates saved to {path}. Open the file with your calendar app.").format(
                count=len(items), path=path))
        return path
