"""The calls a screenshot of the phone's call log shows, each with a check box: the ones to add to
the timeline as unsolicited calls. Outgoing calls start unchecked (the person made them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.reading.call_log import CallLogRow
from ui.models.base import RecordTableModel
from ui.timeconv import format_datetime

Index = QModelIndex | QPersistentModelIndex


class CallLogModel(RecordTableModel):
    TIME, NUMBER, LABEL, KIND = range(4)
    CONTEXT = "CallLogModel"
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("CallLogModel", "Time"),
        QT_TRANSLATE_NOOP("CallLogModel", "Number"),
        QT_TRANSLATE_NOOP("CallLogModel", "Name shown"),
        QT_TRANSLATE_NOOP("CallLogModel", "Call"),
    ))

    def __init__(self, rows: Sequence[CallLogRow] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)
        self._checked = [row.direction != "out" for row in self._rows]

    def row_total(self) -> int:
        return len(self._rows)

    def checked_rows(self) -> list[CallLogRow]:
        return [row for row, on in zip(self._rows, self._checked, strict=True) if on]

    def set_all(self, checked: bool) -> None:
        self._checked = [checked and row.direction != "out" for row in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, self.TIME), self.index(len(self._rows) - 1,
                                                                        self.TIME),
                                  [Qt.ItemDataRole.CheckStateRole])

    @staticmethod
    def _kind(row: CallLogRow) -> str:
        if row.direction == "out":
            return QCoreApplication.translate("CallLogModel", "Outgoing (you called)")
        if row.missed:
            return QCoreApplication.translate("CallLogModel", "Missed")
        if row.missed is False:
            return QCoreApplication.translate("CallLogModel", "Answered")
        return QCoreApplication.translate("CallLogModel", "Incoming")

    def _display(self, row: CallLogRow, column: int) -> str:
        if column == self.TIME:
            return (format_datetime(row.at) if row.time_of_day
                    else format_datetime(row.at)[:10])
        if column == self.NUMBER:
            return row.number
        if column == self.LABEL:
            return row.label or ""
        return self._kind(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.TIME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self.TIME:
            return (Qt.CheckState.Checked if self._checked[index.row()]
                    else Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.source_text
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.CheckStateRole or not index.isValid()
                or index.column() != self.TIME or not 0 <= index.row() < len(self._rows)):
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2, True)
        self._checked[index.row()] = checked
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
