"""Reading the text in pictures, in the background: every image (and scanned PDF) exhibit is
read once it is added, and at start-up those never read are; "Read text again" re-reads one.

The OCR engine never runs in the window's process: :class:`ReadingThread` (one thread, off
the GUI thread) feeds a :class:`desktop_app.reading.ocr.Reader`, a pool of worker processes,
and hands each result back to the GUI thread, which passes it to the book's one writer
(``BookWorker``) to keep (``book.reading.keep``). The thread only waits on the workers; the
book worker is never held up for more than the keeping of one text.

Progress shows in the status bar ("Reading text in pictures 3/10") with a Stop button (and
Evidence → Stop reading text); stopping drops what was not yet read, which stays unread and is
read at the next start. Closing the window kills the workers at once.

``CASEBOOK_OCR=off`` in the environment turns the automatic reading off (the window tests do,
so that importing pictures does not start OCR workers); "Read text again" still reads.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop_app.reading.ocr import Job, Reader, ReadResult, default_processes, readable
from desktop_app.records import EvidenceRecord
from ui.actions import window_action
from ui.shell import Shell

if TYPE_CHECKING:
    from ui.widgets.case_page import CasePage

log = logging.getLogger(__name__)

OCR_SWITCH = "CASEBOOK_OCR"  # "off": pictures are not read unless asked (tests)
REFRESH_MS = 250  # texts arriving together refresh the window once


def automatic_reading() -> bool:
    """Whether pictures are read as they are added and at start-up (yes, unless
    ``CASEBOOK_OCR=off``)."""
    return os.environ.get(OCR_SWITCH, "on").strip().lower() not in {"off", "0", "no", "false"}


class ReadingThread(QThread):
    """Reads queued jobs (``(evidence id, path, MIME type)``) in OCR worker processes, one
    pool for as long as there is work, and emits ``read(evidence_id, ReadResult)`` for each
    as it finishes. ``drained(stopped, adds)`` when the queue is empty again (``stopped``: by
    :meth:`cancel`; ``adds``: how many :meth:`add` calls it had seen, so that a listener can
    tell a drain that work added since has overtaken). The workers are started when work
    comes and ended when it runs out.

    Jobs are taken from the queue as the workers have room (two a worker), so jobs added
    while a batch is read join it; :meth:`add` with ``first`` puts them at the front."""

    read = Signal(int, object)
    drained = Signal(bool, int)

    def __init__(self, parent: QObject | None = None, processes: int | None = None,
                 make_reader: Callable[[int], Reader] = Reader) -> None:
        super().__init__(parent)
        self.setObjectName("ocrReader")
        self.processes = processes or default_processes()
        self.make_reader = make_reader
        self._lock = threading.Condition()
        self._queue: deque[Job] = deque()
        self._generation = 0  # raised by each cancel: a reading of an older one stops
        self._adds = 0
        self._stopping = False
        self._taken = False  # the thread has taken work and will say ``drained`` when through
        self._owed = False  # a cancel dropped work the thread never took: it still says drained

    # ---- the GUI thread -----------------------------------------------------------------------

    def add(self, jobs: Sequence[Job], first: bool = False) -> None:
        with self._lock:
            if first:
                self._queue.extendleft(reversed(jobs))
            else:
                self._queue.extend(jobs)
            self._adds += 1
            self._lock.notify_all()
        if jobs and not self.isRunning() and not self._stopping:
            self.start(QThread.Priority.LowPriority)

    def adds(self) -> int:
        with self._lock:
            return self._adds

    def cancel(self) -> int:
        """Stop reading soon (within ~0.2 s): what is queued is dropped, what is being read is
        lost, the workers are killed. How many queued jobs were dropped."""
        with self._lock:
            dropped = len(self._queue)
            self._queue.clear()
            self._generation += 1
            if dropped and not self._taken:
                # added and dropped before the thread took it (a slow start on a busy
                # machine): the thread must still say that it is through
                self._owed = True
            self._lock.notify_all()
        return dropped

    def stop(self, timeout_ms: int = 10_000) -> None:
        """Cancel and end the thread (the window is closing); returns once the workers are
        gone."""
        with self._lock:
            self._stopping = True
        self.cancel()
        if self.isRunning() and not self.wait(timeout_ms):
            log.error("the OCR reading thread did not stop in %d ms", timeout_ms)

    # ---- the reading thread -------------------------------------------------------------------

    def run(self) -> None:
        while True:
            with self._lock:
                while not self._queue and not self._stopping and not self._owed:
                    self._lock.wait()
                if self._stopping:
                    return
                owed, self._owed = self._owed and not self._queue, False
                if owed:
                    adds = self._adds
                else:
                    self._taken = True
                    generation = self._generation
                    waiting = len(self._queue)
            if owed:
                self.drained.emit(True, adds)
                continue
            stopped = self._read_while_queued(generation, min(self.processes, waiting))
            with self._lock:
                self._taken = False
                if self._queue and not self._stopping:
                    continue  # added while the last ones were read (or after a cancel)
                adds = self._adds
            self.drained.emit(stopped, adds)

    def _read_while_queued(self, generation: int, processes: int) -> bool:
        """One pool, reading until the queue is empty or a cancel; whether it was cancelled."""

        def cancelled() -> bool:
            return self._generation != generation or self._stopping

        reader: Reader | None = None
        try:
            reader = self.make_reader(max(1, processes))
            for key, result in reader.read(self._take(cancelled), cancelled=cancelled):
                if cancelled():
                    break
                self.read.emit(key, result)
        except Exception:  # the pool went away under a cancel, or a bug: never kill the thread
            if not cancelled():
                # (the workers cannot start, say): what is queued stays unread, for next time
                log.exception("reading the text in pictures failed")
                with self._lock:
                    self._queue.clear()
        finally:
            if reader is not None and cancelled():
                reader.terminate()  # what the workers are reading is of no use now
            elif reader is not None:
                reader.close()
        return cancelled()

    def _take(self, cancelled: Callable[[], bool]) -> Iterator[Job]:
        while True:
            with self._lock:
                if cancelled() or not self._queue:
                    return
                job = self._queue.popleft()
            yield job


class ReadingActions(QObject):
    """The window's side of reading: what is read and when, its progress in the status bar,
    Stop, "Read text again", and the texts kept through the book's worker.

    Signals: ``progress(done, total)``; ``textKept(evidence_id)`` once a text is in the book;
    ``idle()`` when nothing is left to read or keep (after a Stop too)."""

    progress = Signal(int, int)
    textKept = Signal(int)
    idle = Signal()

    def __init__(self, shell: Shell, page: CasePage, automatic: bool | None = None) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell, self.page = shell, page
        self.automatic = automatic_reading() if automatic is None else automatic
        self.reader_thread: ReadingThread | None = None  # started when there is something to read
        self.closed = False
        self.done = self.total = 0
        self.failed = 0
        self._case_of: dict[int, int] = {}  # queued evidence id → its case
        self._keeping = 0  # texts handed to the book's worker and not yet kept
        self._reading = False  # the thread has work
        self._looking = 0  # look-ups of what to read, on the book's worker, not yet back
        self._changed_cases: set[int] = set()
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._announce)

        self.act_reread = window_action(window, self.reread_selected)
        self.act_stop = window_action(window, self.stop_reading)
        self.act_stop.setEnabled(False)
        view = page.evidence_panel.view
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        first = view.actions()[0] if view.actions() else None
        view.insertAction(first, self.act_reread)  # type: ignore[arg-type]
        page.evidence_panel.selectionChanged.connect(self.update_actions)
        page.bottom_tabs.currentChanged.connect(lambda _i: self.update_actions())

        self.label = QLabel()
        self.label.setObjectName("readingProgress")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("readingStop")
        self.stop_button.clicked.connect(self.stop_reading)
        for widget in (self.label, self.stop_button):
            window.statusBar().addPermanentWidget(widget)
            widget.hide()

        shell.hub.evidenceAdded.connect(self._on_evidence_added)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)
        self.retranslate()
        self.update_actions()

    def retranslate(self) -> None:
        self.act_reread.setText(self.tr("Read &text again"))
        self.act_reread.setStatusTip(self.tr("Recognise the text in the selected picture again"))
        self.act_stop.setText(self.tr("Stop rea&ding text"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop reading the text in pictures; what is not "
                                            "read yet is read the next time Casebook starts"))
        self._show_progress()

    @property
    def busy(self) -> bool:
        """Something is being looked up, read or kept."""
        return bool(self._looking or self._reading or self._keeping)

    def update_actions(self) -> None:
        panel = self.page.evidence_panel
        record = panel.current_record() if self.page.bottom_tabs.currentWidget() is panel else None
        self.act_reread.setEnabled(not self.closed and record is not None
                                   and readable(record.mime))
        self.act_stop.setEnabled(self._reading)

    # ---- what is read ---------------------------------------------------------------------

    def start(self) -> None:
        """At start-up (after the first frame): read the book's exhibits never read."""
        if not self.automatic or self.closed:
            return
        reading = self.shell.book.reading
        self._look_up(lambda: reading.jobs(reading.unread()))

    @Slot(list)
    def _on_evidence_added(self, records: list[EvidenceRecord]) -> None:
        if self.automatic and not self.closed:
            new = [r for r in records if readable(r.mime)]
            if new:
                reading = self.shell.book.reading
                self._look_up(lambda: reading.jobs(new))

    @Slot()
    def reread_selected(self) -> None:
        """Read the selected exhibit's picture again (before anything else waiting)."""
        record = self.page.evidence_panel.current_record()
        if record is None or self.closed:
            return
        if not readable(record.mime):
            self.shell.show_message(self.tr("Only pictures and PDF files can be read."))
            return
        reading = self.shell.book.reading
        self._look_up(lambda: reading.jobs([record]), first=True)

    def _look_up(self, find: Callable[[], list[tuple[Job, EvidenceRecord]]],
                 first: bool = False) -> None:
        """Where the files are is asked of the book's worker (it touches the store)."""
        self._looking += 1
        task = self.shell.worker.submit(find)
        task.then(lambda jobs: self._queue(jobs, first), lambda message: self._looked(message))

    def _looked(self, message: str = "") -> None:
        self._looking -= 1
        if message:
            self.shell.show_message(message)
        self._maybe_idle()

    def _queue(self, found: list[tuple[Job, EvidenceRecord]], first: bool) -> None:
        self._looking -= 1
        if self.closed or not found:
            self._maybe_idle()
            return
        if not self._reading:
            self.done = self.total = self.failed = 0
        for _job, record in found:
            self._case_of[record.id] = record.case_id
        self.total += len(found)
        self._reading = True
        if self.reader_thread is None:
            self.reader_thread = ReadingThread(self)
            self.reader_thread.read.connect(self._on_read)
            self.reader_thread.drained.connect(self._on_drained)
        self.reader_thread.add([job for job, _record in found], first)
        self._show_progress()
        self.update_actions()

    # ---- what comes back --------------------------------------------------------------------

    @Slot(int, object)
    def _on_read(self, evidence_id: int, result: ReadResult) -> None:
        if self.closed:
            return
        self.done += 1
        if result.error:
            self.failed += 1
        self._show_progress()
        reading = self.shell.book.reading
        self._keeping += 1
        task = self.shell.worker.submit(lambda: reading.keep(evidence_id, result))
        task.then(lambda _text: self._kept(evidence_id), self._not_kept)

    def _kept(self, evidence_id: int) -> None:
        self._keeping -= 1
        case_id = self._case_of.pop(evidence_id, None)
        self.shell.hub.textRead.emit(evidence_id)
        self.textKept.emit(evidence_id)
        if case_id is not None:
            self._changed_cases.add(case_id)
            self._refresh.start()
        self._maybe_idle()

    def _not_kept(self, message: str) -> None:
        # e.g. the exhibit was removed while it was being read: nothing to keep it for
        self._keeping -= 1
        log.info("a text read was not kept: %s", message)
        self._maybe_idle()

    def _announce(self) -> None:
        """The evidence list (capture times taken from the screen) and open search hits."""
        cases, self._changed_cases = sorted(self._changed_cases), set()
        for case_id in cases:
            self.shell.hub.evidenceChanged.emit(case_id)

    @Slot(bool, int)
    def _on_drained(self, stopped: bool, adds: int) -> None:
        if self.reader_thread is None or self.reader_thread.adds() != adds:
            return  # more came in meanwhile: the thread goes on with it
        self._reading = False
        if stopped:
            self._case_of.clear()
        if not self.closed:
            if stopped:
                self.shell.show_message(self.tr(
                    "Stopped reading text: {done} of {total} pictures read; the rest are read "
                    "the next time Casebook starts").format(done=self.done, total=self.total))
            elif self.failed:
                self.shell.show_message(self.tr(
                    "Text read in {total} pictures; {failed} could not be read").format(
                    total=self.total - self.failed, failed=self.failed), 10_000)
        self._show_progress()
        self.update_actions()
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self.busy:
            if self._refresh.isActive():
                self._refresh.stop()
                self._announce()
            self.idle.emit()

    # ---- stopping ---------------------------------------------------------------------------

    @Slot()
    def stop_reading(self) -> None:
        """Stop (the Stop button, Evidence → Stop reading text): what was not read stays
        unread, to be read at the next start."""
        if self.reader_thread is None or not self._reading:
            return
        self.reader_thread.cancel()
        self.stop_button.setEnabled(False)
        self.label.setText(self.tr("Stopping…"))

    @Slot()
    def close(self) -> None:
        """The window is closing: stop now, kill the workers and wait for the thread."""
        if self.closed:
            return
        self.closed = True
        self._refresh.stop()
        if self.reader_thread is not None:
            self.reader_thread.stop()
        self._reading = False
        self.update_actions()

    def _show_progress(self) -> None:
        reading = self._reading and not self.closed
        for widget in (self.label, self.stop_button):
            widget.setVisible(reading)
        if reading:
            self.stop_button.setEnabled(True)
            self.label.setText(self.tr("Reading text in pictures {done}/{total}").format(
                done=self.done, total=self.total))
            self.progress.emit(self.done, self.total)
