"""A case's timeline as a table model, newest or oldest first."""

from __future__ import annotations

import heapq
from typing import Any, ClassVar, Protocol, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPixmap, QPolygonF

from desktop_app.deadlines.promises import promise_status
from desktop_app.records import EventRecord
from desktop_app.services import clock
from desktop_app.vocab import Channel, Direction
from ui.i18n import vocab_label
from ui.models.base import RecordTableModel
from ui.timeconv import duration_words, format_datetime

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class TimelineSource(Protocol):
    """Where a case's timeline is read from a page at a time (``book.timeline``)."""

    def page_of_events(self, case_id: int, newest_first: bool, offset: int,
                       limit: int) -> tuple[list[EventRecord], int]: ...

    def event_position(self, case_id: int, event_id: int,
                       newest_first: bool) -> int | None: ...

Index = QModelIndex | QPersistentModelIndex

CHANNEL_COLOURS = {
    "call": "#1d4ed8",
    "visit": "#7c3aed",
    "web": "#0f766e",
    "app": "#0f766e",
    "wechat": "#15803d",
    "email": "#b45309",
    "letter": "#92400e",
    "sms": "#0369a1",
    "social": "#be185d",
    "regulator": "#b91c1c",
    "note": "#4b5563",
    "unsolicited": "#9f1239",
    "unsolicited_sms": "#9f1239",
}


_FLAG: list[QPixmap] = []


def lodged_flag() -> QPixmap:
    """A small red flag: the entry the complaint was lodged at (the clock's start)."""
    if not _FLAG:
        pixmap = QPixmap(14, 14)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        red = QColor("#b91c1c")
        painter.fillRect(2, 1, 2, 13, red)
        painter.setBrush(red)
        painter.setPen(red)
        painter.drawPolygon(QPolygonF([QPointF(4, 1), QPointF(13, 4.5), QPointF(4, 8)]))
        painter.end()
        _FLAG.append(pixmap)
    return _FLAG[0]


class TimelineModel(RecordTableModel):
    CONTEXT = "TimelineModel"
    WHEN, CHANNEL, DIRECTION, COUNTERPART, SUMMARY, REFERENCES, PROMISES = range(7)
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("TimelineModel", "When"),
        QT_TRANSLATE_NOOP("TimelineModel", "Channel"),
        QT_TRANSLATE_NOOP("TimelineModel", "Direction"),
        QT_TRANSLATE_NOOP("TimelineModel", "With"),
        QT_TRANSLATE_NOOP("TimelineModel", "Summary"),
        QT_TRANSLATE_NOOP("TimelineModel", "Reference no."),
        QT_TRANSLATE_NOOP("TimelineModel", "Promises"),
    ))

    PAGE = 200  # entries read at a time: a few screens of a long timeline
    lodgedChanged = Signal()  # the entry marked lodged (drawn bold) is another

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[EventRecord] = []  # the rows read so far, in the order shown
        self._total = 0  # the case's entries: the rows there are to read
        self._source: TimelineSource | None = None
        self._case_id: int | None = None
        self._newest_first = True
        self._lodged_id: int | None = None

    @property
    def newest_first(self) -> bool:
        return self._newest_first

    def set_events(self, events: list[EventRecord], case_id: int | None = None) -> None:
        """Events in any order (all of case ``case_id``'s timeline when given), all held; the
        model orders them by time per ``newest_first``."""
        self.beginResetModel()
        self._source = None
        self._case_id = case_id
        self._events = sorted(events, key=lambda e: (e.at, e.id), reverse=self._newest_first)
        self._total = len(self._events)
        self.endResetModel()

    def show_case(self, source: TimelineSource, case_id: int, at_least: int = 0) -> None:
        """Case ``case_id``'s timeline, read from ``source`` (``book.timeline``) as the view
        scrolls to it (:meth:`fetchMore`): the first :data:`PAGE` entries now (``at_least``,
        when more were in view: reading the case again keeps the place)."""
        events, total = source.page_of_events(case_id, self._newest_first, 0,
                                              max(self.PAGE, at_least))
        self.beginResetModel()
        self._source, self._case_id = source, case_id
        self._events, self._total = events, total
        self.endResetModel()

    def reload(self) -> None:
        """Read the case shown again (it changed), as far as it had been read."""
        if self._source is not None and self._case_id is not None:
            self.show_case(self._source, self._case_id, len(self._events))

    def set_newest_first(self, newest_first: bool) -> None:
        if newest_first == self._newest_first:
            return
        self._newest_first = newest_first
        if self._source is not None and self._case_id is not None:
            self.show_case(self._source, self._case_id)
        else:
            self.set_events(self._events, self._case_id)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._events) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._read_more(self.PAGE)

    def _read_more(self, count: int) -> None:
        if self._source is None or self._case_id is None:
            return
        start = len(self._events)
        events, self._total = self._source.page_of_events(
            self._case_id, self._newest_first, start, count)
        if events:
            self.beginInsertRows(QModelIndex(), start, start + len(events) - 1)
            self._events.extend(events)
            self.endInsertRows()

    @property
    def lodged_event_id(self) -> int | None:
        return self._lodged_id

    def set_lodged_event(self, event_id: int | None) -> None:
        """The entry the regulator clock starts at ("complaint lodged"): marked with ⚑."""
        if event_id == self._lodged_id:
            return
        self._lodged_id = event_id
        self.lodgedChanged.emit()
        if self._events:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._events) - 1, len(self.HEADERS) - 1))

    def events_of(self, case_id: int) -> list[EventRecord] | None:
        """The whole timeline of ``case_id`` if that is the case shown and all of it has been
        read, else None (the caller reads what it needs)."""
        if self._case_id != case_id or len(self._events) < self._total:
            return None
        return list(self._events)

    def whole_timeline(self) -> list[EventRecord]:
        """Every entry of the case shown, in the order shown (read now if need be)."""
        if self._source is not None and self._case_id is not None and self.canFetchMore():
            return self._source.page_of_events(self._case_id, self._newest_first, 0, -1)[0]
        return list(self._events)

    def widest_rows(self, column: int, count: int = 5) -> list[int]:
        """The rows read whose text in ``column`` is likely the widest: the ``count`` longest
        (a character of the CJK blocks counting as two) and the lodged entry (drawn bold)."""
        def width(row: int) -> int:
            text = self._display(self._events[row], column)
            return len(text) + sum(1 for ch in text if ch >= "\u1100")

        rows = heapq.nlargest(count, range(len(self._events)), key=width)
        lodged = next((row for row, event in enumerate(self._events)
                       if event.id == self._lodged_id), None) if self._lodged_id else None
        if lodged is not None and lodged not in rows:
            rows.append(lodged)
        return rows

    def event_at(self, row: int) -> EventRecord:
        return self._events[row]

    def row_of(self, event_id: int) -> int:
        """The entry's row, reading the timeline as far as it if need be; -1 if not shown."""
        for row, event in enumerate(self._events):
            if event.id == event_id:
                return row
        if self._source is None or self._case_id is None or not self.canFetchMore():
            return -1
        place = self._source.event_position(self._case_id, event_id, self._newest_first)
        if place is None or place < len(self._events):
            return -1
        self._read_more(place + 1 - len(self._events))
        found = place < len(self._events) and self._events[place].id == event_id
        return place if found else -1

    def row_total(self) -> int:
        return len(self._events)

    def entry_count(self) -> int:
        """The case's entries, read or not."""
        return self._total

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self._events)):
            # The entry's number in time order (1 = first contact), whatever the sort.
            return section + 1 if not self._newest_first else self._total - section
        return super().headerData(section, orientation, role)

    def _counterpart(self, event: EventRecord) -> str:
        if event.channel == "email":
            return (event.fields.email_from if event.direction == Direction.IN
                    else event.fields.email_to)
        parts = [event.counterpart, event.agent_id and f"#{event.agent_id}", event.contact]
        return " · ".join(p for p in parts if p)

    def _promises_text(self, event: EventRecord) -> str:
        moment = clock.current_time()
        marks = {"kept": "✓ ", "broken": "✗ ", "pending": ""}
        by = QCoreApplication.translate("TimelineModel", "{text} (by {due})")
        return QCoreApplication.translate("TimelineModel", "; ").join(
            marks[promise_status(p, moment)]
            + (by.format(text=p.text, due=format_datetime(p.due_at)) if p.due_at else p.text)
            for p in event.promises
        )

    def _display(self, event: EventRecord, column: int) -> str:
        if column == self.WHEN:
            return format_datetime(event.at)
        if column == self.CHANNEL:
            label = vocab_label("channel", event.channel)
            if event.duration_seconds:
                label += QCoreApplication.translate("TimelineModel", " ({duration})").format(
                    duration=duration_words(event.duration_seconds))
            return label
        if column == self.DIRECTION:
            if event.channel == Channel.NOTE:
                return ""  # a note is nobody's contact
            return (
                QCoreApplication.translate("TimelineModel", "Out")
                if event.direction == Direction.OUT
                else QCoreApplication.translate("TimelineModel", "In")
            )
        if column == self.COUNTERPART:
            return self._counterpart(event)
        if column == self.SUMMARY:
            return event.fields.summary
        if column == self.REFERENCES:
            return ", ".join(r.value for r in event.references)
        if column == self.PROMISES:
            return self._promises_text(event)
        return ""

    def _has_overdue_promise(self, event: EventRecord) -> bool:
        """A promise marked broken, or still pending past its due time (broken, too)."""
        moment = clock.current_time()
        return any(promise_status(p, moment) == "broken" for p in event.promises)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(event, column)
        if role == EVENT_ID_ROLE:
            return event.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.DIRECTION:
                return vocab_label("direction", event.direction)
            if column in (self.COUNTERPART, self.REFERENCES, self.PROMISES):
                return self._display(event, column) or None  # whole, where the cell is cut
            if column == self.SUMMARY and event.id == self._lodged_id:
                lodged = QCoreApplication.translate(
                    "TimelineModel", "Complaint lodged: the regulator clock starts here")
                return "\n".join(t for t in (lodged, event.details or event.summary) if t)
            return event.details or event.summary or None
        if (role == Qt.ItemDataRole.DecorationRole and column == self.SUMMARY
                and event.id == self._lodged_id):
            return lodged_flag()
        if role == Qt.ItemDataRole.FontRole and event.id == self._lodged_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.CHANNEL:
                return QBrush(QColor(CHANNEL_COLOURS.get(event.channel, "#111827")))
            if column == self.PROMISES and self._has_overdue_promise(event):
                return QBrush(QColor("#b91c1c"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DIRECTION:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
