"""What falls due across all open cases: overdue, due today, this week, later.

Each row is a promise or a regulator deadline; activating it opens its case at the entry the
promise was made in (or the entry the clock counts from).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import english_plural
from desktop_app.timeutil import local_zone_name, to_local
from ui.none_guard import keep_none_alive
from ui.timeconv import format_datetime

if TYPE_CHECKING:
    from desktop_app.deadlines.due import DueItem

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 11
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 12
BUCKET_ROLE = Qt.ItemDataRole.UserRole + 13

RED = QColor("#b91c1c")
AMBER = QColor("#92400e")
BUCKETS = ("overdue", "today", "this_week", "later")


class DueView(QWidget):
    """Signals: ``itemActivated(int, object)`` (case id, event id or None),
    ``exportRequested()`` (the "Export to calendar…" button)."""

    itemActivated = Signal(int, object)
    exportRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_none_alive()  # a full list makes ~12 Qt calls a row, each one losing a None
        self.setObjectName("dueView")
        self._items: list[DueItem] = []
        self._now: datetime | None = None
        # each due time as the "Due" column shows it, kept from one fill to the next (the
        # zone and the locale are in the key): after an edit most rows are the same, and
        # formatting a time in the user's locale is most of a row's cost
        self._when: dict[tuple[str, datetime, str | None, str], str] = {}
        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setObjectName("dueTree")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.activated.connect(self._activated)
        self.view.setStyleSheet("QTreeView#dueTree::item { padding: 3px 2px; }")
        self.empty = QLabel()
        self.empty.setObjectName("dueEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #6b7280; padding: 16px;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.exportRequested)
        self.summary = QLabel()
        self.summary.setObjectName("dueSummary")

        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self._retranslate()

    # ---- content --------------------------------------------------------------------------

    def set_items(self, items: Sequence[DueItem], now: datetime) -> None:
        self._items, self._now = list(items), now
        self._fill()

    def items(self) -> list[DueItem]:
        return list(self._items)

    def bucket_texts(self) -> dict[str, list[str]]:
        """The "What" column of every row, per bucket (what a person reads; for tests)."""
        found: dict[str, list[str]] = {}
        root = self.model.invisibleRootItem()
        for row in range(root.rowCount()):
            group = root.child(row, 0)
            found[group.data(BUCKET_ROLE)] = [group.child(r, 1).text()
                                              for r in range(group.rowCount())]
        return found

    def _bucket_label(self, bucket: str, count: int) -> str:
        labels = {"overdue": self.tr("Overdue ({count})"),
                  "today": self.tr("Due today ({count})"),
                  "this_week": self.tr("Due this week ({count})"),
                  "later": self.tr("Later ({count})")}
        return labels[bucket].format(count=count)

    def _fill(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([self.tr("Due"), self.tr("What"), self.tr("Case")])
        now = self._now
        if now is None or not self._items:
            self.stack.setCurrentWidget(self.empty)
            self.summary.setText("")
            self.export_button.setEnabled(bool(self._items))
            return
        self.stack.setCurrentWidget(self.view)
        from desktop_app.deadlines.due import bucket_due  # deferred: ~10 ms (the rules)

        buckets = bucket_due(self._items, now)
        bold = QFont(self.font())
        bold.setBold(True)
        if len(self._when) > 4 * len(self._items):  # times no longer shown
            self._when.clear()
        zone, locale = local_zone_name(), QLocale().name()
        for bucket in BUCKETS:
            entries = getattr(buckets, bucket)
            if not entries:
                continue
            group = QStandardItem(self._bucket_label(bucket, len(entries)))
            group.setData(bucket, BUCKET_ROLE)
            group.setFont(bold)
            group.setSelectable(False)
            if bucket == "overdue":
                group.setForeground(QBrush(RED))
            elif bucket == "today":
                group.setForeground(QBrush(AMBER))
            for item in entries:
                group.appendRow(self._row(item, bucket, zone, locale))
            self.model.appendRow([group, QStandardItem(), QStandardItem()])
        root = self.model.invisibleRootItem()
        for row in range(root.rowCount()):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        self.view.setRootIsDecorated(False)
        self.view.expandAll()
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.view.setCurrentIndex(QModelIndex())
        overdue = len(buckets.overdue)
        count = len(self._items)
        self.summary.setText(english_plural(self.tr("%n item(s), {overdue} overdue", None,
                                                    count), count).format(overdue=overdue))
        self.export_button.setEnabled(True)

    def wanted_size(self) -> QSize:
        """The size that shows every row and every column's text whole (the window it is in
        keeps it within the screen)."""
        view = self.view
        columns = sum(max(view.sizeHintForColumn(c), view.header().sectionSizeHint(c))
                      for c in range(self.model.columnCount()))
        rows = 0
        root = self.model.invisibleRootItem()
        for r in range(root.rowCount()):
            rows += 1 + root.child(r, 0).rowCount()
        row_height = max(view.sizeHintForRow(0), 1) if rows else 24
        layout = self.layout()
        assert layout is not None
        margins = layout.contentsMargins()
        chrome_w = margins.left() + margins.right() + 2 * view.frameWidth()
        chrome_h = (margins.top() + margins.bottom() + 2 * view.frameWidth()
                    + view.header().sizeHint().height() + layout.spacing()
                    + self.export_button.sizeHint().height())
        scrollbar = view.verticalScrollBar().sizeHint().width()
        return QSize(chrome_w + columns + scrollbar + 8, chrome_h + max(rows, 3) * row_height)

    def _shown_time(self, item: DueItem, zone: str | None, locale: str) -> str:
        key = (item.kind, item.due, zone, locale)
        when = self._when.get(key)
        if when is None:
            when = (to_local(item.due).date().isoformat() if item.kind == "regulator"
                    else format_datetime(item.due))
            self._when[key] = when
        return when

    def _row(self, item: DueItem, bucket: str, zone: str | None, locale: str
             ) -> list[QStandardItem]:
        when = self._shown_time(item, zone, locale)
        if item.kind == "regulator":
            what = item.text
        else:
            what = self.tr("Promise: {text}").format(text=item.text)
        cells = [QStandardItem(when), QStandardItem(what), QStandardItem(item.case_title)]
        tooltip = f"{what}\n{item.case_title}"
        for cell in cells:
            cell.setData(item.case_id, CASE_ID_ROLE)
            cell.setData(item.event_id, EVENT_ID_ROLE)
            cell.setToolTip(tooltip)
            if bucket == "overdue":
                cell.setForeground(QBrush(RED))
        return cells

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id is not None:
            self.itemActivated.emit(int(case_id), index.data(EVENT_ID_ROLE))

    def activate_row(self, bucket: str, row: int) -> None:
        """Open the item in ``row`` of ``bucket`` as a double-click would."""
        root = self.model.invisibleRootItem()
        for r in range(root.rowCount()):
            group = root.child(r, 0)
            if group.data(BUCKET_ROLE) == bucket:
                self._activated(group.child(row, 1).index())
                return
        raise LookupError(bucket)

    # ---- language -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.export_button.setText(self.tr("Export to calendar…"))
        self.export_button.setToolTip(self.tr(
            "Save these dates as an .ics file for your phone or calendar app, with reminders"))
        self.empty.setText(self.tr(
            "Nothing is due. Promises with a due time and the regulator's deadlines of your "
            "open cases will appear here."))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
