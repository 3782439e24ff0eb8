"""What the entry editor offers from the person's own words: the facts found in the notes
("Found in your notes:" and a button each) and the due time a promise's words state.

Both only offer: nothing changes until the person presses a button. Finding is the core's
(:func:`desktop_app.reading.notes.facts_in_notes`, :func:`desktop_app.deadlines.promise_due.
promised_due`); these widgets show the offers and say which one was taken.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.deadlines.promise_due import PromisedDue
from desktop_app.reading.facts import Fact
from ui.timeconv import format_datetime

Index = QModelIndex | QPersistentModelIndex
# The kinds the entry editor has a place for: its references table, the agent's ID field, its
# time, the contact field. Amounts belong to the case, which the entry editor does not edit.
ENTRY_KINDS = ("reference", "agent_id", "time", "phone")
MAX_OFFERS = 6


class FoundFactsStrip(QWidget):
    """"Found in your notes:" and one button per fact; hidden when there is none.

    Signals: ``picked(Fact)`` when a fact's button is pressed.
    """

    picked = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("Found in your notes:"))
        self.buttons: list[QPushButton] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.title)
        self._layout.addStretch(1)
        self._facts: list[Fact] = []
        self.hide()

    def facts(self) -> list[Fact]:
        return list(self._facts)

    def offer(self, facts: list[Fact]) -> None:
        """Show these facts (at most :data:`MAX_OFFERS`), replacing those shown."""
        facts = facts[:MAX_OFFERS]
        if facts == self._facts:
            return
        self._facts = facts
        for button in self.buttons:
            button.hide()
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for i, fact in enumerate(facts):
            button = QPushButton(self._text(fact))
            button.setAutoDefault(False)
            button.setToolTip(self._tip(fact))
            button.clicked.connect(lambda _=False, f=fact: self.picked.emit(f))
            self._layout.insertWidget(1 + i, button)
            button.show()
            self.buttons.append(button)
        self.setVisible(bool(facts))

    def _text(self, fact: Fact) -> str:
        if fact.kind == "reference":
            return self.tr("Add number {value}").format(value=fact.value)
        if fact.kind == "agent_id":
            return self.tr("Agent's ID {value}").format(value=fact.value)
        if fact.kind == "time":
            return self.tr("Time {value}").format(
                value=format_datetime(datetime.fromisoformat(fact.value)))
        return self.tr("Number {value}").format(value=fact.value)

    def _tip(self, fact: Fact) -> str:
        if fact.kind == "reference":
            return self.tr("Add it to this entry's reference numbers")
        if fact.kind == "agent_id":
            return self.tr("Put it in the agent's ID field")
        if fact.kind == "time":
            return self.tr("Make it this entry's time")
        if fact.hotline:
            return self.tr("A hotline: put it in the contact field")
        return self.tr("Put it in the contact field")


class PromiseDueOffer(QWidget):
    """"Due: 2024-10-08 23:59 (3个工作日)" and a button to take it, for the promise whose
    words state a period and which has no due time yet; hidden otherwise.

    Signals: ``accepted(int, datetime)``: the promise's row and the due time taken.
    """

    accepted = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel()
        self.use_button = QPushButton(self.tr("Set d&ue time"))
        self.use_button.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.use_button)
        self.row: int | None = None
        self.due: PromisedDue | None = None
        self.use_button.clicked.connect(self._take)
        self.hide()

    def offer(self, row: int | None, due: PromisedDue | None) -> None:
        """Offer ``due`` for the promise in ``row``; None withdraws the offer."""
        self.row, self.due = (row, due) if row is not None and due is not None else (None, None)
        if self.due is None:
            self.hide()
            return
        self.text.setText(self.tr("Due: {due} ({phrase})").format(
            due=format_datetime(self.due.due), phrase=self.due.phrase))
        self.text.setToolTip(self.due.explanation + "".join(
            f"\n{warning}" for warning in self.due.warnings))
        self.show()

    @Slot()
    def _take(self) -> None:
        if self.row is not None and self.due is not None:
            self.accepted.emit(self.row, self.due.due)


class LiveTextDelegate(QStyledItemDelegate):
    """Edits text as usual, and tells ``on_text(row, text)`` about every keystroke, so an offer
    can follow what is being typed before the cell is committed."""

    def __init__(self, on_text: Callable[[int, str], None], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._on_text = on_text

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            where = QPersistentModelIndex(index)
            editor.textEdited.connect(lambda text: self._on_text(where.row(), text))
        return editor


__all__ = ["ENTRY_KINDS", "FoundFactsStrip", "LiveTextDelegate", "PromiseDueOffer"]
