"""The book's one writer in the window (after Anki's ``aqt/taskman.py`` and ``CollectionOp``).

Every change to the book, and every long job that reads or writes it (imports, export, verify,
backup, restore), runs on one worker thread, one after another, in the order it was asked for.
The GUI thread never waits for the database: it hands a call to :meth:`BookWorker.submit` and
carries on; the result (or the refusal's one-line message) comes back on the GUI thread through
the task's signals::

    task = worker.submit(lambda: book.cases.create_case(fields))
    task.done.connect(on_created)      # on the GUI thread, with the call's result
    task.failed.connect(show_message)  # on the GUI thread, with a message for the person

Calls are given ids and plain records and return plain records: never ORM objects or widgets.
Short reads (one case, one entry) stay on the GUI thread; SQLite's WAL lets them read while the
worker writes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from desktop_app.errors import ServiceError

log = logging.getLogger(__name__)


class Task(QObject):
    """One call on the worker. ``done(result)`` or ``failed(message)`` is emitted once, on the
    GUI thread; ``settled()`` after either."""

    done = Signal(object)
    failed = Signal(str)
    settled = Signal()

    _done = Signal(object)
    _failed = Signal(str)

    def __init__(self, call: Callable[[], Any]) -> None:
        super().__init__()
        self.call = call
        self.finished = False
        self.result: Any = None
        self.error: str | None = None
        self.failure_handled = False  # someone connected through then(on_failed=...)
        self.followers: list[Task] = []  # tasks that pass this one's outcome on
        queued = Qt.ConnectionType.QueuedConnection
        self._done.connect(self._relay_done, queued)
        self._failed.connect(self._relay_failed, queued)

    def then(self, on_done: Callable[[Any], object] | None = None,
             on_failed: Callable[[str], object] | None = None) -> Task:
        """Connect what follows; returns the task, for chaining."""
        if on_done is not None:
            self.done.connect(on_done)
        if on_failed is not None:
            self.failure_handled = True
            self.failed.connect(on_failed)
        return self

    def mapped(self, pick: Callable[[Any], Any]) -> Task:
        """A task that finishes when this one does, with ``pick(result)`` as its result (and
        its failure); a failure handler on it counts as handling this one's."""
        follower = Task(lambda: None)  # never run: it only passes the outcome on
        self.done.connect(lambda result: follower._relay_done(pick(result)))
        self.failed.connect(follower._relay_failed)
        self.followers.append(follower)
        return follower

    def handles_failure(self) -> bool:
        """Whether someone listens for this task's failure (here or on a task it feeds)."""
        return self.failure_handled or any(t.handles_failure() for t in self.followers)

    def run_here(self) -> None:
        """Run the call (on the worker thread) and report back to the GUI thread."""
        try:
            result = self.call()
        except ServiceError as exc:
            self._failed.emit(str(exc))
        except Exception as exc:  # a bug or the disk: one line for the person, the trace logged
            log.exception("a change to the book failed")
            self._failed.emit(QCoreApplication.translate(
                "BookWorker", "Something went wrong: {error}").format(error=exc))
        else:
            self._done.emit(result)

    @Slot(object)
    def _relay_done(self, result: object) -> None:
        self.finished, self.result = True, result
        self.done.emit(result)
        self.settled.emit()

    @Slot(str)
    def _relay_failed(self, message: str) -> None:
        self.finished, self.error = True, message
        self.failed.emit(message)
        self.settled.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.run_here()


class BookWorker(QObject):
    """The single thread that owns the book's writes. Long jobs (``ui.jobs.Job``) share it
    through :attr:`pool`, so that an import and an edit never write at the same time.

    ``busyChanged(bool)`` says when work is waiting or running.
    """

    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._pending: list[Task] = []

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def submit(self, call: Callable[[], Any]) -> Task:
        """Run ``call`` on the worker after everything asked for before it."""
        task = Task(call)
        task.setParent(self)  # kept alive until it has reported back
        task.settled.connect(lambda t=task: self._forget(t))
        was_busy = self.busy
        self._pending.append(task)
        self.pool.start(_Runnable(task))
        if not was_busy:
            self.busyChanged.emit(True)
        return task

    def _forget(self, task: Task) -> None:
        if task in self._pending:
            self._pending.remove(task)
            task.deleteLater()
            if not self._pending:
                self.busyChanged.emit(False)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker thread is idle (at exit; reports may still be queued)."""
        return self.pool.waitForDone(msecs)
