"""The directory of institutions as a table: one row per bank, payment app or complaint body,
every cell editable in place, each change undoable (``ui.dialogs.directory_dialog`` shows it)."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from desktop_app.records import InstitutionRecord
from ui.i18n import vocab_label
from ui.models.base import Index, RecordTableModel
from ui.operations import Operations


class DirectoryModel(RecordTableModel):
    """One row per institution; edits go through the undoable operations."""

    NAME, SHORT_NAME, KIND, HOTLINE, EMAIL, WEBSITE = range(6)
    CONTEXT = "DirectoryModel"
    FIELDS: ClassVar[tuple[str, ...]] = ("name", "short_name", "kind", "hotline", "email",
                                         "website")
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("DirectoryModel", "Name"),
        QT_TRANSLATE_NOOP("DirectoryModel", "Short name"),
        QT_TRANSLATE_NOOP("DirectoryModel", "Kind"),
        QT_TRANSLATE_NOOP("DirectoryModel", "Hotline"),
        QT_TRANSLATE_NOOP("DirectoryModel", "Email"),
        QT_TRANSLATE_NOOP("DirectoryModel", "Website"),
    ))

    def __init__(self, ops: Operations, parent: Any = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.error = ""
        self._rows: list[InstitutionRecord] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.ops.book.institutions.list_institutions()
        self.endResetModel()

    def institution_at(self, row: int) -> InstitutionRecord:
        return self._rows[row]

    def row_of(self, institution_id: int) -> int:
        return next((r for r, inst in enumerate(self._rows) if inst.id == institution_id), -1)

    def row_total(self) -> int:
        return len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        inst = self._rows[index.row()]
        value = getattr(inst, self.FIELDS[index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return vocab_label("institution_kind", value) if index.column() == self.KIND \
                else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and inst.name_en:
            return inst.name_en
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        inst = self._rows[index.row()]
        field = self.FIELDS[index.column()]
        text = str(value).strip() if field == "name" else str(value)
        if getattr(inst, field) == text:
            return False
        # Shown at once; saved on the book's worker. A refusal puts the old value back and
        # says why (``error``, announced through dataChanged like any change).
        self.error = ""
        self._put(inst.id, dataclasses.replace(inst, **cast(dict[str, Any], {field: text})))
        self.ops.edit_institution(inst.id, **{field: text}).then(
            lambda updated: self._put(inst.id, updated),
            lambda message: self._refused(inst, message))
        return True

    def _put(self, institution_id: int, record: InstitutionRecord) -> None:
        row = self.row_of(institution_id)
        if row >= 0:
            self._rows[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _refused(self, before: InstitutionRecord, message: str) -> None:
        self.error = message
        self._put(before.id, before)
