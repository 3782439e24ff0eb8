"""The question a drop asks once, for all its files: what do they prove (证明目的)?

Shown above the evidence list after files are added, with the answer last given in this case
already typed; Enter gives it to every exhibit of the drop (one undo step), Esc or × leaves
them as they are. It never stands in the way: the files are kept whatever the answer.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget


class ProvesBar(QFrame):
    """Signals: ``apply(list[int], str)`` — these exhibits prove this."""

    apply = Signal(list, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("provesBar")
        self.setStyleSheet("QFrame#provesBar { background: #eff6ff; border: 1px solid #bfdbfe;"
                           " border-radius: 4px; }")
        self.ids: list[int] = []
        self.question = QLabel()
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.question.setBuddy(self.edit)
        self.edit.returnPressed.connect(self._apply)
        self.edit.installEventFilter(self)
        self.apply_button = QPushButton()
        self.apply_button.clicked.connect(self._apply)
        self.close_button = QPushButton("×")
        self.close_button.setFlat(True)
        self.close_button.setFixedWidth(28)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.question)
        row.addWidget(self.edit, 1)
        row.addWidget(self.apply_button)
        row.addWidget(self.close_button)
        self.retranslate()
        self.hide()

    def ask(self, evidence_ids: Sequence[int], exhibits: str, last_answer: str) -> None:
        """Ask about these exhibits, ``last_answer`` (this case's last) typed in, selected."""
        self.ids = list(evidence_ids)
        self.question.setText(self.tr("What do {exhibits} prove?").format(exhibits=exhibits))
        self.edit.setText(last_answer)
        self.edit.selectAll()
        self.show()

    def retranslate(self) -> None:
        self.apply_button.setText(self.tr("Apply to all"))
        self.close_button.setToolTip(self.tr("Leave it for now (Esc)"))
        self.edit.setPlaceholderText(self.tr("e.g. the bank took the money twice"))

    def _apply(self) -> None:
        if self.ids and self.edit.text().strip():
            self.apply.emit(list(self.ids), self.edit.text().strip())
        self.hide()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if (watched is self.edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape):
            self.hide()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
