"""The call stopwatch, driven by a fake clock (the one boundary we replace)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from qt_typing import type_text

from ui.widgets.stopwatch import CallStopwatch


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_stopwatch_runs_and_reports_duration(qtbot) -> None:
    clock = FakeClock()
    start = datetime(2024, 11, 1, 1, 30, tzinfo=UTC)
    sw = CallStopwatch(clock=clock, wallclock=lambda: start)
    qtbot.addWidget(sw)
    assert not sw.running
    sw.start("95533")
    assert sw.running
    assert sw.isVisibleTo(sw.parentWidget()) if sw.parentWidget() else not sw.isHidden()
    assert sw.number.text() == "95533"
    clock.t += 125
    sw._tick()
    assert sw._time.text() == "2:05"
    type_text(qtbot, sw.notes, "等待转人工 ok")
    with qtbot.waitSignal(sw.finished) as blocker:
        qtbot.mouseClick(sw.end_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [start, 125, "95533", "等待转人工 ok"]
    assert not sw.running
    assert sw.isHidden()


def test_stopwatch_discard(qtbot) -> None:
    sw = CallStopwatch(clock=FakeClock())
    qtbot.addWidget(sw)
    sw.start()
    with qtbot.waitSignal(sw.discarded), qtbot.assertNotEmitted(sw.finished):
        qtbot.mouseClick(sw.discard_button, Qt.MouseButton.LeftButton)
    assert not sw.running
