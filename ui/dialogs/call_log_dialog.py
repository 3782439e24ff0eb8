"""The calls a call-log screenshot shows, to add to the timeline as unsolicited calls: each with a
check box (all checked but the person's own outgoing calls), added in one step that one Ctrl+Z
takes back."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.reading.call_log import CallLogRow
from desktop_app.records import EvidenceRecord
from ui.dialogs import RecordDialog
from ui.models.call_log import CallLogModel


class CallLogDialog(RecordDialog):
    """``chosen()``: the rows left checked."""

    def __init__(self, record: EvidenceRecord, rows: Sequence[CallLogRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callLogDialog")
        self.setWindowTitle(self.tr("Add calls from the call log in {exhibit}").format(
            exhibit=record.exhibit))
        intro = QLabel(self.tr(
            "{exhibit} shows these calls. The checked ones become timeline entries "
            "(unsolicited calls, each naming {exhibit}); calls you made yourself are left "
            "unchecked.").format(exhibit=record.exhibit))
        intro.setWordWrap(True)
        self.model = CallLogModel(rows, self)
        self.view = QTableView()
        self.view.setObjectName("callLogRows")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CallLogModel.LABEL, QHeaderView.ResizeMode.Stretch)
        self.all_button = QPushButton(self.tr("Check all"))
        self.none_button = QPushButton(self.tr("Check none"))
        for button in (self.all_button, self.none_button):
            button.setAutoDefault(False)
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.model.dataChanged.connect(lambda *_args: self.refresh())
        bar = QHBoxLayout()
        bar.addWidget(self.all_button)
        bar.addWidget(self.none_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        layout.addLayout(self.add_footer())
        self.resize_within_screen(640, 460)
        self.finish_setup()
        self.view.setFocus()

    def chosen(self) -> list[CallLogRow]:
        return self.model.checked_rows()

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.chosen():
            return self.tr("Check the calls to add"), self.view
        return None

    def refresh(self) -> None:
        super().refresh()
        count = len(self.chosen())
        self.ok_button.setText(self.tr("Add 1 call") if count == 1 else
                               self.tr("Add {count} calls").format(count=count))

    def snapshot(self) -> object:
        return tuple(self.chosen())
