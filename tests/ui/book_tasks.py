"""Waiting for the book's worker in tests: changes from the window run there, and their results
come back on the GUI thread a moment later."""

from __future__ import annotations

from typing import Any

from ui.book_worker import Task
from ui.main_window import MainWindow


def done(qtbot: Any, task: Task, timeout: int = 30_000) -> Any:
    """Wait until ``task`` has reported back; its result. A refusal fails the test with the
    core's message."""
    if not task.finished:
        with qtbot.waitSignal(task.settled, timeout=timeout):
            pass
    assert task.error is None, task.error
    return task.result


def settle(qtbot: Any, window: MainWindow, timeout: int = 30_000) -> None:
    """Wait until every change and job asked of the window's book worker has reported back."""
    qtbot.waitUntil(lambda: not window.worker.busy and not window.jobs.busy, timeout=timeout)
