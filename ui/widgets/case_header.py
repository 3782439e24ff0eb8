"""The selected case at a glance: title, institution, product, status, amount, outcome."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ServiceError
from desktop_app.records import CaseRecord
from ui.case_words import money_text
from ui.i18n import vocab_items, vocab_label
from ui.timeconv import format_datetime
from ui.widgets.clock_panel import ClockPanel
from ui.widgets.elided_label import ElidedLabel

if TYPE_CHECKING:
    from desktop_app.deadlines.clock import Clock


class CaseHeader(QFrame):
    """Signals: ``editRequested()``, ``statusPicked(str)``, ``clockChanged(object)`` (the
    case's regulator clock as just shown, or None)."""

    editRequested = Signal()
    statusPicked = Signal(str)
    clockChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseHeader")
        self._case: CaseRecord | None = None
        self._clock_of: Callable[[int], Clock | None] | None = None
        self._clock_held = False  # see hold_clock
        self.clock = ClockPanel()

        self.title = QLabel()
        self.title.setObjectName("caseTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("caseSubtitle")
        self.status = QComboBox()
        self.status.setObjectName("caseStatus")
        self.edit_button = QPushButton()

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        top.addLayout(titles, 1)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)

        # The facts on one line, each left out when not given, the desired outcome last,
        # shortened with its whole text in the tooltip: on a 1366×768 laptop the header must
        # leave the timeline and the evidence their rows.
        self._labels: dict[str, QLabel] = {}
        self._values: dict[str, QLabel] = {}
        facts = QHBoxLayout()
        facts.setSpacing(6)
        for key in ("product", "incident", "amount"):
            label, value = QLabel(), QLabel()
            label.setObjectName("fieldLabel")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._labels[key], self._values[key] = label, value
            facts.addWidget(label)
            facts.addWidget(value)
            facts.addSpacing(18)
        self._labels["outcome"] = QLabel()
        self._labels["outcome"].setObjectName("fieldLabel")
        self.outcome = ElidedLabel()
        self.outcome.setObjectName("caseOutcome")
        self._values["outcome"] = self.outcome
        facts.addWidget(self._labels["outcome"])
        facts.addWidget(self.outcome, 1)
        facts.addStretch(0)  # the facts at the left when there is no outcome

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(facts)
        layout.addWidget(self.clock)

        self.edit_button.clicked.connect(self.editRequested)
        self.status.activated.connect(self._status_activated)
        self._retranslate()

    def _retranslate(self) -> None:
        self.edit_button.setText(self.tr("Edit case…"))
        self.status.setToolTip(self.tr("Where the case stands"))
        names = {"product": self.tr("Product"), "amount": self.tr("Amount"),
                 "incident": self.tr("Incident"), "outcome": self.tr("Desired outcome")}
        for key, text in names.items():
            self._labels[key].setText(text)
        self._fill_status()
        self.show_case(self._case)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _fill_status(self) -> None:
        self.status.blockSignals(True)
        current = self.status.currentData()
        self.status.clear()
        for value, label in vocab_items("status"):
            self.status.addItem(label, value)
        if current is not None:
            self.status.setCurrentIndex(self.status.findData(current))
        self.status.blockSignals(False)

    def _status_activated(self, index: int) -> None:
        value = self.status.itemData(index)
        if self._case is not None and value != self._case.status:
            self.statusPicked.emit(value)

    def _show_fact(self, key: str, text: str) -> None:
        """A fact and its label, both left out when it is not given."""
        value = self._values[key]
        if isinstance(value, ElidedLabel):
            value.set_full_text(text)
        else:
            value.setText(text)
        for widget in (self._labels[key], value):
            widget.setVisible(bool(text))

    def set_clock_source(self, clock_of: Callable[[int], Clock | None]) -> None:
        """Where the clock of a case comes from (the services' ``case_clock``)."""
        self._clock_of = clock_of

    def hold_clock(self) -> None:
        """Leave the clock out until :meth:`release_clock` (a window's first frame: the clock
        reads the case's whole timeline, which may be long)."""
        self._clock_held = True

    def release_clock(self) -> None:
        """Show the clock of the case shown, and from now on with every case."""
        if self._clock_held:
            self._clock_held = False
            self._show_clock(self._case)

    def refresh_clock(self) -> None:
        """Show the clock again (the day count moves on with time)."""
        self._show_clock(self._case)

    def _show_clock(self, case: CaseRecord | None) -> None:
        if self._clock_held:
            return
        clock = None
        if case is not None and self._clock_of is not None:
            try:
                clock = self._clock_of(case.id)
            except ServiceError:
                clock = None
        self.clock.show_clock(case, clock)
        self.clockChanged.emit(clock)

    def show_case(self, case: CaseRecord | None) -> None:
        self._case = case
        self._show_clock(case)
        if case is None:
            self.title.setText("")
            self.subtitle.setText("")
            for key in self._values:
                self._show_fact(key, "")
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self.title.setText(case.title)
        inst = case.institution
        hotline_word = self.tr("hotline")
        hotline = f" · {hotline_word} {inst.hotline}" if inst.hotline else ""
        self.subtitle.setText(f"{inst.name}{hotline} · {vocab_label('category', case.category)}")
        self._show_fact("product", case.product)
        self._show_fact("amount", "" if case.amount is None
                        else money_text(case.amount, case.currency))
        self._show_fact("incident", format_datetime(case.incident_at))
        self._show_fact("outcome", case.desired_outcome)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData(case.status))
        self.status.blockSignals(False)
