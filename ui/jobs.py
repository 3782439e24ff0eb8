"""Long jobs off the GUI thread: runnables in a thread pool that report progress and can be
cancelled (after novelWriter's ``runnables.py`` and Picard's ``util/thread.py``).

A job is given ids, paths and bytes, never ORM objects; the core opens its own SQLite
connection per thread. The pool runs one job at a time (one writer); inside a job the core
spreads its own work (hashing, thumbnails) over the machine's cores.

Every job has the same face, whatever it does::

    job.progress(done, total)   # emitted on the GUI thread
    job.finished(result)        # emitted on the GUI thread, once, unless it failed
    job.failed(message)         # a message for the user
    job.cancel()                # asks the job to stop soon; it then finishes with what it did
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QImage

from desktop_app.errors import ServiceError

if TYPE_CHECKING:
    from desktop_app.records import EvidenceRecord, ImportOutcome
    from desktop_app.services.book import Casebook

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Lives on the GUI thread. The worker emits the private signals; queued connections bring
    them here, where the public ones are emitted, so that any slot or lambda connected to a
    public signal runs on the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    _progress = Signal(int, int)
    _finished = Signal(object)
    _failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.discarded = False
        queued = Qt.ConnectionType.QueuedConnection
        self._progress.connect(self._relay_progress, queued)
        self._finished.connect(self._relay_finished, queued)
        self._failed.connect(self._relay_failed, queued)

    @Slot(int, int)
    def _relay_progress(self, done: int, total: int) -> None:
        if not self.discarded:
            self.progress.emit(done, total)

    @Slot(object)
    def _relay_finished(self, result: object) -> None:
        if not self.discarded:
            self.finished.emit(result)

    @Slot(str)
    def _relay_failed(self, message: str) -> None:
        if not self.discarded:
            self.failed.emit(message)


class Job(QRunnable):
    """A piece of work for the pool. Subclasses implement :meth:`work` (on a pool thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python holds it (JobRunner keeps it until it has reported)
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self.done = threading.Event()

    @property
    def progress(self) -> SignalInstance:
        return self.signals.progress

    @property
    def finished(self) -> SignalInstance:
        return self.signals.finished

    @property
    def failed(self) -> SignalInstance:
        return self.signals.failed

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def report_progress(self, done: int, total: int) -> None:
        """Callable from any thread."""
        self.signals._progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.work()
        except ServiceError as exc:
            self.signals._failed.emit(str(exc))
        except Exception as exc:  # a bug, or the disk: say so instead of dying silently
            log.exception("background job failed")
            self.signals._failed.emit(QCoreApplication.translate(
                "Jobs", "Something went wrong: {error}").format(error=exc))
        else:
            self.signals._finished.emit(result)
        finally:
            self.done.set()

    def work(self) -> object:
        raise NotImplementedError


@dataclass(frozen=True)
class ImportResult:
    """What an import job did: one outcome per file, in the order they were given."""

    case_id: int
    event_id: int | None
    outcomes: tuple[ImportOutcome, ...] = ()
    cancelled: bool = False
    label: str = field(default="", compare=False)  # e.g. "Paste screenshot", for undo

    @property
    def added(self) -> list[EvidenceRecord]:
        """New exhibits, an email's attachments after the email itself."""
        added: list[EvidenceRecord] = []
        for o in self.outcomes:
            if o.record is not None and not o.duplicate and o.error is None:
                added.append(o.record)
            if o.error is None:
                added.extend(getattr(o, "attachments", ()))
        return added

    @property
    def duplicates(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.duplicate and o.error is None]

    @property
    def refused(self) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.error is not None]

    @property
    def created_event_ids(self) -> list[int]:
        return [o.created_event_id for o in self.outcomes
                if o.created_event_id is not None and o.error is None]


class ImportFilesJob(Job):
    """``book.imports.import_paths`` on a pool thread: files and folders into a case or an entry."""

    def __init__(self, book: Casebook, case_id: int, paths: Sequence[str],
                 event_id: int | None = None) -> None:
        super().__init__()
        self.book = book
        self.case_id = case_id
        self.paths = [str(p) for p in paths]
        self.event_id = event_id

    def work(self) -> ImportResult:
        outcomes = self.book.imports.import_paths(self.case_id, self.paths, event_id=self.event_id,
                                          progress=self.report_progress,
                                          cancelled=self.is_cancelled,
                                          derive=False)  # made after: ui/renditions.py
        return ImportResult(self.case_id, self.event_id, tuple(outcomes), self.is_cancelled())


class ImportImageJob(Job):
    """A clipboard image, encoded as PNG here (not on the GUI thread), as one new file."""

    def __init__(self, book: Casebook, case_id: int, image: QImage, name: str,
                 event_id: int | None = None) -> None:
        super().__init__()
        self.book = book
        self.case_id = case_id
        self.image = image.copy()  # QImage is safe off the GUI thread; QPixmap is not
        self.name = name
        self.event_id = event_id

    def work(self) -> ImportResult:
        self.report_progress(0, 1)
        data = png_bytes(self.image)
        outcome = self.book.imports.import_bytes(self.case_id, data, self.name,
                                                 event_id=self.event_id)
        self.report_progress(1, 1)
        return ImportResult(self.case_id, self.event_id, (outcome,), False)


def png_bytes(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # (stubs: bytes; runs: str)
        raise OSError("the image could not be encoded as PNG")
    data: QByteArray = buffer.data()
    return bytes(data.data())


class JobRunner:
    """Starts jobs and keeps them alive until they have reported. In the window every runner
    shares the book worker's pool (one thread: one writer, jobs and changes in the order they
    were asked for); without one given, a pool of its own with one thread."""

    def __init__(self, pool: QThreadPool | None = None) -> None:
        if pool is None:
            pool = QThreadPool()
            pool.setMaxThreadCount(1)
        self.pool = pool
        self._jobs: list[Job] = []
        self._closed = False
        self.on_change: list[Callable[[], None]] = []

    @property
    def jobs(self) -> list[Job]:
        """Jobs started and not yet reported back, oldest first."""
        return list(self._jobs)

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def start(self, job: Job) -> Job:
        if self._closed:
            raise RuntimeError("the job runner is shut down")
        self._jobs.append(job)
        job.finished.connect(lambda _result, j=job: self._forget(j))
        job.failed.connect(lambda _message, j=job: self._forget(j))
        self.pool.start(job)
        self._changed()
        return job

    def _forget(self, job: Job) -> None:
        if job in self._jobs:
            self._jobs.remove(job)
            self._changed()

    def _changed(self) -> None:
        for callback in list(self.on_change):
            callback()

    def cancel_all(self) -> None:
        for job in self._jobs:
            job.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until every started job's ``run`` has returned (reports may still be queued)."""
        return self.pool.waitForDone(msecs)

    def shutdown(self) -> None:
        """Cancel everything, wait for the threads, and drop reports still on their way."""
        self._closed = True
        self.cancel_all()
        self.pool.waitForDone()
        for job in self._jobs:
            job.signals.discarded = True
        self._jobs.clear()
        self._changed()
