"""The list of cases as a table model: title, institution, status, last contact."""

from __future__ import annotations

from typing import Any, ClassVar, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.records import CaseRecord
from desktop_app.vocab import OPEN_STATUSES
from ui.i18n import vocab_label
from ui.models.base import RecordTableModel
from ui.timeconv import format_datetime

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class CaseListModel(RecordTableModel):
    TITLE, INSTITUTION, STATUS, LAST_CONTACT = range(4)
    CONTEXT = "CaseListModel"
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("CaseListModel", "Case"),
        QT_TRANSLATE_NOOP("CaseListModel", "Institution"),
        QT_TRANSLATE_NOOP("CaseListModel", "Status"),
        QT_TRANSLATE_NOOP("CaseListModel", "Last contact"),
    ))

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cases: list[CaseRecord] = []

    def set_cases(self, cases: list[CaseRecord]) -> None:
        self.beginResetModel()
        self._cases = list(cases)
        self.endResetModel()

    def case_at(self, row: int) -> CaseRecord:
        return self._cases[row]

    def row_of(self, case_id: int) -> int:
        for row, case in enumerate(self._cases):
            if case.id == case_id:
                return row
        return -1

    def row_total(self) -> int:
        return len(self._cases)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cases):
            return None
        case = self._cases[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return case.title
            if column == self.INSTITUTION:
                return case.institution.short_name or case.institution.name
            if column == self.STATUS:
                return vocab_label("status", case.status)
            if column == self.LAST_CONTACT:
                return format_datetime(case.last_event_at)
        elif role == SORT_ROLE:
            if column == self.LAST_CONTACT:
                return case.last_event_at.timestamp() if case.last_event_at else 0.0
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        elif role == CASE_ID_ROLE:
            return case.id
        elif role == Qt.ItemDataRole.ToolTipRole:
            return f"{case.title}\n{case.institution.name}"
        elif role == Qt.ItemDataRole.FontRole and column == self.TITLE:
            font = QFont()
            font.setBold(case.status in OPEN_STATUSES)
            return font
        elif role == Qt.ItemDataRole.ForegroundRole and case.status not in OPEN_STATUSES:
            return QBrush(QColor("#6b7280"))
        return None
