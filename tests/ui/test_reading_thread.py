"""The thread that feeds the OCR workers, with a stand-in for the pool (no engine, quick):
jobs come out in the order asked (a re-read first), a cancel drops what waits and kills the
workers, and a pool that cannot start leaves the work unread without ending the thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest

from desktop_app.reading.ocr import Job, ReadResult
from ui.reading import ReadingThread


class StandInReader:
    """Reads each job at once (after ``gate``), as :class:`Reader` does: jobs taken lazily."""

    made: list[StandInReader]

    def __init__(self, gate: threading.Event, log: list[str]) -> None:
        self.gate, self.log = gate, log
        log.append("starting")
        gate.wait(10)
        log.append("start")

    def read(self, jobs: Iterable[Job], *, cancelled: Callable[[], bool] | None = None
             ) -> Iterator[tuple[Any, ReadResult]]:
        for key, _path, _mime in jobs:
            yield key, ReadResult()

    def close(self) -> None:
        self.log.append("close")

    def terminate(self) -> None:
        self.log.append("terminate")


@pytest.fixture
def reading(qtbot) -> Iterator[tuple[ReadingThread, threading.Event, list[str]]]:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    log: list[str] = []
    thread = ReadingThread(processes=2,
                           make_reader=lambda _n: StandInReader(gate, log))  # type: ignore[arg-type, return-value]
    yield thread, gate, log
    gate.set()
    thread.stop()


def job(key: int) -> Job:
    return (key, f"/nowhere/{key}.png", "image/png")


def test_jobs_are_read_in_order_a_reread_first_and_the_pool_closed_after(qtbot, reading) -> None:  # type: ignore[no-untyped-def]
    thread, gate, log = reading
    read: list[int] = []
    thread.read.connect(lambda key, _result: read.append(key))
    with qtbot.waitSignal(thread.drained, timeout=10_000) as drained:
        thread.add([job(1), job(2), job(3)])
        thread.add([job(9)], first=True)  # while the pool starts: before the others
        gate.set()
    qtbot.waitUntil(lambda: len(read) == 4)
    assert read == [9, 1, 2, 3]
    assert drained.args == [False, 2]  # not stopped; both additions seen
    assert log == ["starting", "start", "close"]
    assert thread.isRunning()  # waiting for more

    with qtbot.waitSignal(thread.drained, timeout=10_000):
        thread.add([job(4)])
    qtbot.waitUntil(lambda: read[-1:] == [4])


def test_a_cancel_drops_what_waits_and_kills_the_workers(qtbot, reading) -> None:  # type: ignore[no-untyped-def]
    thread, gate, log = reading
    with qtbot.waitSignal(thread.drained, timeout=10_000) as drained:
        thread.add([job(1), job(2)])
        qtbot.waitUntil(lambda: log == ["starting"])
        assert thread.cancel() == 2  # the pool is still starting: nothing read yet
        gate.set()
    assert drained.args[0] is True
    assert log == ["starting", "start", "terminate"]


def test_a_cancel_before_the_thread_took_the_work_still_ends_in_drained(qtbot, reading) -> None:  # type: ignore[no-untyped-def]
    """On a busy machine the thread may start after Stop was pressed: the work it never took is
    dropped, and it still says it is through (the window waits for that to go idle)."""
    thread, gate, log = reading
    # holding its lock: the thread, just started, cannot take the work before the cancel
    with qtbot.waitSignal(thread.drained, timeout=10_000) as drained, thread._lock:
        thread.add([job(1), job(2)])
        assert thread.cancel() == 2
    assert drained.args == [True, 1]
    assert log == []  # no pool was started for nothing
    assert thread.isRunning()

    gate.set()  # and it reads what comes next
    read: list[int] = []
    thread.read.connect(lambda key, _result: read.append(key))
    with qtbot.waitSignal(thread.drained, timeout=10_000) as drained:
        thread.add([job(3)])
    assert drained.args == [False, 2]
    qtbot.waitUntil(lambda: read == [3])


def test_a_pool_that_cannot_start_leaves_the_work_unread(qtbot, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken(_processes: int) -> Any:
        raise OSError("no processes for you")

    thread = ReadingThread(processes=1, make_reader=broken)
    try:
        with qtbot.waitSignal(thread.drained, timeout=10_000) as drained:
            thread.add([job(1), job(2)])
        assert drained.args == [False, 1]
        assert "reading the text in pictures failed" in caplog.text
        assert thread.isRunning()  # still there for the next work
    finally:
        thread.stop()
    assert not thread.isRunning()
