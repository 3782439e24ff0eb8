"""The directory of institutions: the seeded banks, payment apps and complaint bodies, and the
ones the user added; every cell editable in place, each change undoable."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
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
from ui.models.directory import DirectoryModel
from ui.operations import Operations

Index = QModelIndex | QPersistentModelIndex


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
