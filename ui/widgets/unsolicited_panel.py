"""The "Unsolicited calls" tab of a case: how often they came, per day or per week."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.deadlines.unsolicited import (
    is_unsolicited,
    unsolicited_frequency,
    unsolicited_hours,
)
from desktop_app.records import EventRecord
from ui.widgets.frequency_chart import FrequencyChart


class UnsolicitedPanel(QWidget):
    """Signals: ``logRequested()`` (the "Log one" button: the quick log)."""

    logRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unsolicitedPanel")
        self._events: list[EventRecord] = []
        self.chart = FrequencyChart()
        self.summary = QLabel()
        self.summary.setObjectName("unsolicitedSummary")
        self.summary.setWordWrap(True)
        self.per_day = QPushButton()
        self.per_week = QPushButton()
        self.period_group = QButtonGroup(self)
        for button in (self.per_day, self.per_week):
            button.setCheckable(True)
            button.setStyleSheet("QPushButton:checked { background: #dbeafe; border-color: "
                                 "#93c5fd; color: #1e3a8a; font-weight: 600; }")
            self.period_group.addButton(button)
        self.per_day.setChecked(True)
        self.log_button = QPushButton()
        self.log_button.clicked.connect(self.logRequested)
        self.period_group.buttonToggled.connect(lambda _b, on: self._refresh() if on else None)

        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.per_day)
        row.addWidget(self.per_week)
        row.addSpacing(12)
        row.addWidget(self.log_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row)
        layout.addWidget(self.chart, 1)
        self._retranslate()

    @property
    def by(self) -> str:
        return "week" if self.per_week.isChecked() else "day"

    def set_by(self, by: str) -> None:
        (self.per_week if by == "week" else self.per_day).setChecked(True)

    def set_events(self, events: Sequence[EventRecord]) -> None:
        self._events = list(events)
        self._refresh()

    def count(self) -> int:
        return sum(1 for e in self._events if is_unsolicited(e))

    def _refresh(self) -> None:
        series = unsolicited_frequency(self._events, self.by)
        self.chart.set_series(series, self.by)
        total = self.count()
        if not total:
            self.summary.setText(self.tr(
                "Log each unsolicited call or message as it comes (Ctrl+U): the pattern — how "
                "often, at what hours — is what proves harassment."))
            return
        days = unsolicited_frequency(self._events, "day")
        busiest_day, busiest = max(days, key=lambda item: (item[1], item[0]))
        hours = unsolicited_hours(self._events)
        peak_hour, peak = max(hours, key=lambda item: (item[1], -item[0]))
        self.summary.setText(self.tr(
            "{total} unsolicited calls and messages from {first} to {last}. Busiest day: "
            "{day} ({most}). Most often between {hour}:00 and {next}:00 ({at_hour}).").format(
                total=total, first=days[0][0].isoformat(), last=days[-1][0].isoformat(),
                day=busiest_day.isoformat(), most=busiest, hour=peak_hour,
                next=(peak_hour + 1) % 24, at_hour=peak))

    def _retranslate(self) -> None:
        self.per_day.setText(self.tr("Per day"))
        self.per_week.setText(self.tr("Per week"))
        self.log_button.setText(self.tr("Log one (Ctrl+U)"))
        self._refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
