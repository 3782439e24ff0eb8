"""The directory of institutions: the seeded banks, payment apps and complaint bodies, and the
ones the user added; every cell editable in place, each change undoable."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records import InstitutionRecord
from ui.dialogs import fill_vocab_combo, select_value
from ui.i18n import vocab_label
from ui.models.base import RecordTableModel
from ui.operations import Operations

Index = QModelIndex | QPersistentModelIndex


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


class KindDelegate(QStyledItemDelegate):
    """The kind column is edited with a combo of the translated kinds."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        fill_vocab_combo(combo, "institution_kind")
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        select_value(editor, index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DirectoryDialog(QDialog):
    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle(self.tr("Institutions"))
        self.model = DirectoryModel(ops, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Find an institution…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setItemDelegateForColumn(DirectoryModel.KIND, KindDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DirectoryModel.NAME, QHeaderView.ResizeMode.Stretch)

        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText(self.tr("Name of a bank, app or body to add"))
        self.new_kind = QComboBox()
        fill_vocab_combo(self.new_kind, "institution_kind")
        self.new_hotline = QLineEdit()
        self.new_hotline.setPlaceholderText(self.tr("Hotline"))
        self.new_hotline.setMaximumWidth(140)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add_institution)
        self.new_name.returnPressed.connect(self.add_institution)
        self.message = QLabel()
        self.message.setStyleSheet("color: #92400e;")
        self.message.setWordWrap(True)
        self.model.dataChanged.connect(lambda *_: self.message.setText(self.model.error))

        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.new_kind)
        add_row.addWidget(self.new_hotline)
        add_row.addWidget(self.add_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def commit_cell(self, row: int, column: int, value: str) -> bool:
        """Edit one cell as the view's editor would (used by the delegate path and tests)."""
        ok = self.model.setData(self.model.index(row, column), value)
        self.message.setText(self.model.error)
        return ok

    def add_institution(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.message.setText(self.tr("Type the name of the institution to add."))
            return
        self.add_button.setEnabled(False)
        self.ops.add_institution(name, kind=self.new_kind.currentData(),
                                 hotline=self.new_hotline.text().strip()).then(
            self._added, self._not_added)

    def _not_added(self, message: str) -> None:
        self.add_button.setEnabled(True)
        self.message.setText(message)

    def _added(self, record: InstitutionRecord) -> None:
        self.add_button.setEnabled(True)
        self.message.clear()
        self.new_name.clear()
        self.new_hotline.clear()
        self.model.reload()
        row = self.proxy.mapFromSource(self.model.index(self.model.row_of(record.id), 0))
        self.view.selectRow(row.row())
        self.view.scrollTo(row)
