"""The two tables of the entry editor (``ui.dialogs.event_editor``): an entry's reference
numbers and the promises made on it, edited in place and read back as records on save."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractItemModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.records import PromiseData, ReferenceData
from desktop_app.vocab import PromiseState
from ui.case_words import reference_words
from ui.i18n import vocab_label
from ui.models.base import Index, RecordTableModel
from ui.timeconv import format_datetime


@dataclasses.dataclass
class _ReferenceRow:
    label: str = ""
    value: str = ""
    issued_by: str = ""
    # What "Add" filled in: a row that holds nothing else is an empty row, dropped on save.
    preset_label: str = ""
    preset_issuer: str = ""

    def is_empty(self) -> bool:
        return (not self.value.strip()
                and self.label.strip() in ("", self.preset_label)
                and self.issued_by.strip() in ("", self.preset_issuer))


class ReferenceTableModel(RecordTableModel):
    """An entry's reference numbers: label (complaint no., …), the number, who issued it."""

    LABEL, VALUE, ISSUED_BY = range(3)
    CONTEXT = "ReferenceTableModel"
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("ReferenceTableModel", "Kind of number"),
        QT_TRANSLATE_NOOP("ReferenceTableModel", "Number"),
        QT_TRANSLATE_NOOP("ReferenceTableModel", "Issued by"),
    ))
    _FIELDS: ClassVar[tuple[str, ...]] = ("label", "value", "issued_by")

    def __init__(self, references: Iterable[ReferenceData] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [_ReferenceRow(reference_words(r.label), r.value, r.issued_by)
                      for r in references]

    def set_references(self, references: Iterable[ReferenceData]) -> None:
        self.beginResetModel()
        self._rows = [_ReferenceRow(reference_words(r.label), r.value, r.issued_by)
                      for r in references]
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                                Qt.ItemDataRole.EditRole):
            return None
        return getattr(self._rows[index.row()], self._FIELDS[index.column()])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        setattr(self._rows[index.row()], self._FIELDS[index.column()],
                "" if value is None else str(value))
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True

    def clear_cell(self, index: Index) -> None:
        self.setData(index, "")

    def add_row(self, label: str = "", issued_by: str = "") -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(_ReferenceRow(label=label, issued_by=issued_by,
                                        preset_label=label, preset_issuer=issued_by))
        self.endInsertRows()
        return row

    def remove_rows(self, rows: Iterable[int]) -> None:
        _remove_rows(self, self._rows, rows)

    def references(self) -> tuple[ReferenceData, ...]:
        return tuple(ReferenceData(value=r.value.strip(), label=r.label.strip(),
                                   issued_by=r.issued_by.strip())
                     for r in self._rows if not r.is_empty())


@dataclasses.dataclass
class _PromiseRow:
    text: str = ""
    due_at: datetime | None = None
    state: str = PromiseState.PENDING
    state_note: str = ""
    id: int | None = None


class PromiseTableModel(RecordTableModel):
    """What the other side promised on this entry, by when, and whether it was kept.

    Each row keeps its promise's id (and state note), so editing an entry keeps its promises'
    identity. A row without text is empty and dropped on save.
    """

    TEXT, DUE, STATE = range(3)
    CONTEXT = "PromiseTableModel"
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("PromiseTableModel", "What they promised"),
        QT_TRANSLATE_NOOP("PromiseTableModel", "Due by"),
        QT_TRANSLATE_NOOP("PromiseTableModel", "Kept?"),
    ))
    STATE_COLOURS: ClassVar[dict[str, str]] = {
        PromiseState.KEPT: "#15803d", PromiseState.BROKEN: "#b91c1c",
    }

    def __init__(self, promises: Iterable[PromiseData] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [_PromiseRow(p.text, p.due_at, p.state, p.state_note, p.id)
                      for p in promises]

    def set_promises(self, promises: Iterable[PromiseData]) -> None:
        self.beginResetModel()
        self._rows = [_PromiseRow(p.text, p.due_at, p.state, p.state_note, p.id)
                      for p in promises]
        self.endResetModel()

    def row_total(self) -> int:
        return len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.EditRole:
            return (row.text, row.due_at, row.state)[column]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TEXT:
                return row.text
            if column == self.DUE:
                return format_datetime(row.due_at)
            return vocab_label("promise_state", row.state)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            colour = self.STATE_COLOURS.get(row.state)
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DUE and row.due_at is None:
            return self.tr("No due time. Double-click to set one; Delete clears it.")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = self._rows[index.row()], index.column()
        if column == self.TEXT:
            row.text = "" if value is None else str(value)
        elif column == self.DUE:
            if value is not None and not isinstance(value, datetime):
                return False
            row.due_at = value
        else:
            if not value:
                return False
            row.state = str(value)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True

    def clear_cell(self, index: Index) -> None:
        if index.column() in (self.TEXT, self.DUE):
            self.setData(index, None)

    def add_row(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(_PromiseRow())
        self.endInsertRows()
        return row

    def remove_rows(self, rows: Iterable[int]) -> None:
        _remove_rows(self, self._rows, rows)

    def promises(self) -> tuple[PromiseData, ...]:
        return tuple(PromiseData(text=r.text.strip(), due_at=r.due_at, state=r.state,
                                 state_note=r.state_note, id=r.id)
                     for r in self._rows if r.text.strip())


def _remove_rows(model: QAbstractItemModel, items: list[Any], rows: Iterable[int]) -> None:
    """Remove the given rows (any order, repeats and strays ignored) from a table's list."""
    for row in sorted(set(rows), reverse=True):
        if 0 <= row < len(items):
            model.beginRemoveRows(QModelIndex(), row, row)
            del items[row]
            model.endRemoveRows()
