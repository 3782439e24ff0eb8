"""The case list on the left of the main window: a filter box, the cases (newest contact first)
and the "+ New case" button.

Its strings keep the translation context ``MainWindow``, where they were first translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.case_list import SORT_ROLE, CaseListModel

translate = QCoreApplication.translate


class CaseListPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseListPanel")
        self.case_model = CaseListModel(self)
        self.case_proxy = QSortFilterProxyModel(self)
        self.case_proxy.setSourceModel(self.case_model)
        self.case_proxy.setSortRole(SORT_ROLE)
        self.case_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.case_proxy.setFilterKeyColumn(-1)
        self.case_filter = QLineEdit()
        self.case_filter.setClearButtonEnabled(True)
        self.case_filter.textChanged.connect(self.case_proxy.setFilterFixedString)
        self.case_view = view = QTableView()
        view.setObjectName("caseList")
        view.setModel(self.case_proxy)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setShowGrid(False)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setColumnHidden(CaseListModel.LAST_CONTACT, True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(CaseListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CaseListModel.INSTITUTION,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseListModel.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.new_case_button = QPushButton()
        self.new_case_button.setObjectName("primaryButton")

        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(8, 8, 4, 8)
        self.column.addWidget(self.case_filter)
        self.column.addWidget(view, 1)
        self.column.addWidget(self.new_case_button)

    def retranslate(self) -> None:
        self.case_filter.setPlaceholderText(translate("MainWindow", "Filter cases…"))
        self.new_case_button.setText(translate("MainWindow", "+ New case"))
        self.case_model.retranslate()

    def show_cases_in_order(self) -> None:
        self.case_proxy.sort(CaseListModel.LAST_CONTACT, Qt.SortOrder.DescendingOrder)

    def make_current(self, case_id: int) -> bool:
        """Select the case's row (clearing the filter if it hides it); False if not listed."""
        row = self.case_model.row_of(case_id)
        if row < 0:
            return False
        proxy_index = self.case_proxy.mapFromSource(self.case_model.index(row, 0))
        if not proxy_index.isValid():
            self.case_filter.clear()
            proxy_index = self.case_proxy.mapFromSource(self.case_model.index(row, 0))
        self.case_view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        return True

    def focus_filter(self) -> None:
        self.case_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.case_filter.selectAll()
