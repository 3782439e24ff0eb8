"""The bar shown while a call is in progress: a running stopwatch, the number, quick notes.

"Log a call" starts it; "End call" stops it and hands the start time, the duration, the
number and the notes to whoever logs the call (the event editor, pre-filled).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.timeutil import now
from ui.timeconv import format_duration


class CallStopwatch(QFrame):
    """Signals: ``finished(start, seconds, contact, notes)``, ``discarded()`` and
    ``runningChanged(bool)`` (a call started: the bar is shown; ended: hidden)."""

    finished = Signal(object, int, str, str)
    discarded = Signal()
    runningChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *,
                 clock: Callable[[], float] = time.monotonic,
                 wallclock: Callable[[], datetime] = now) -> None:
        super().__init__(parent)
        self._clock = clock
        self._wallclock = wallclock
        self._started_mono: float | None = None
        self._started_at: datetime | None = None
        self.setObjectName("callBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)

        self._dot = QLabel("●")
        self._dot.setObjectName("callDot")
        self._title = QLabel()
        self._time = QLabel("0:00")
        self._time.setObjectName("callTime")
        self.number = QLineEdit()
        self.number.setMaximumWidth(160)
        self.notes = QLineEdit()
        self.end_button = QPushButton()
        self.end_button.setDefault(True)
        self.discard_button = QPushButton()

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self._dot)
        layout.addWidget(self._title)
        layout.addWidget(self._time)
        layout.addSpacing(12)
        layout.addWidget(self.number)
        layout.addWidget(self.notes, 1)
        layout.addWidget(self.end_button)
        layout.addWidget(self.discard_button)

        self._timer = QTimer(self)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self._tick)
        self.end_button.clicked.connect(self.stop)
        self.discard_button.clicked.connect(self.discard)
        self.notes.returnPressed.connect(self.stop)
        self._retranslate()
        self.hide()

    def _retranslate(self) -> None:
        self._title.setText(self.tr("Call in progress"))
        self.number.setPlaceholderText(self.tr("Number dialled"))
        self.notes.setPlaceholderText(self.tr("Notes while you talk or wait on hold…"))
        self.end_button.setText(self.tr("End call and log it"))
        self.discard_button.setText(self.tr("Discard"))
        self.end_button.setToolTip(self.tr("Stop the stopwatch and open the entry, "
                                           "with the duration filled in"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    @property
    def running(self) -> bool:
        return self._started_mono is not None

    @property
    def started_at(self) -> datetime | None:
        return self._started_at

    def elapsed_seconds(self) -> int:
        if self._started_mono is None:
            return 0
        return max(0, round(self._clock() - self._started_mono))

    def start(self, contact: str = "") -> None:
        if self.running:
            return
        self._started_mono = self._clock()
        self._started_at = self._wallclock()
        self.number.setText(contact)
        self.notes.clear()
        self._tick()
        self._timer.start()
        self.show()
        self.runningChanged.emit(True)
        self.notes.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _tick(self) -> None:
        self._time.setText(format_duration(self.elapsed_seconds()))

    @Slot()
    def stop(self) -> None:
        if not self.running:
            return
        seconds = self.elapsed_seconds()
        started = self._started_at
        self._reset()
        self.finished.emit(started, seconds, self.number.text().strip(),
                           self.notes.text().strip())

    @Slot()
    def discard(self) -> None:
        if self.running:
            self._reset()
            self.discarded.emit()

    def _reset(self) -> None:
        self._timer.stop()
        self._started_mono = None
        self._started_at = None
        self.hide()
        self.runningChanged.emit(False)
