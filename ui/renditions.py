"""Thumbnails and print copies made in the background: an import keeps each file and its row
first and leaves them pending in the book; here they are made one exhibit at a time, each as
its own call on the book's worker (the one writer), so the GUI thread never waits and other
changes are not held up behind a long batch. At start the window resumes what a previous run
left pending (the queue is the book's: image exhibits whose derived files are not on record).
Each thumbnail appears when ready: the case's evidence list is told it changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication

from desktop_app.records import EvidenceRecord

if TYPE_CHECKING:
    from ui.shell import Shell

REFRESH_MS = 300  # thumbnails made within this long are shown together


class RenditionActions(QObject):
    """``made(evidence_id)`` once an exhibit's renditions are made and recorded; ``idle()``
    when nothing is pending any more."""

    made = Signal(int)
    idle = Signal()

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.frame())
        self.shell = shell
        self.closed = False
        self._queue: list[int] = []
        self._busy = False  # a call is on the book's worker
        self._again = False  # asked to look again while busy
        self._changed: set[int] = set()
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self._announce)
        shell.hub.evidenceAdded.connect(self._on_evidence_added)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    @property
    def busy(self) -> bool:
        return self._busy or bool(self._queue)

    def start(self) -> None:
        """Look for renditions pending in the book and make them (at start, after an import)."""
        if self.closed:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        evidence = self.shell.book.evidence
        task = self.shell.worker.submit(evidence.pending_renditions)
        task.then(self._found, self._failed)

    @Slot(list)
    def _on_evidence_added(self, records: list[EvidenceRecord]) -> None:
        if any(r.mime.startswith("image/") for r in records):
            self.start()

    def _found(self, ids: list[int]) -> None:
        self._busy = False
        known = set(self._queue)
        self._queue.extend(i for i in ids if i not in known)
        self._next()

    def _next(self) -> None:
        if self.closed:
            return
        if not self._queue:
            if self._again:
                self._again = False
                self.start()
            else:
                self.idle.emit()
            return
        evidence_id = self._queue.pop(0)
        self._busy = True
        evidence = self.shell.book.evidence
        task = self.shell.worker.submit(
            lambda: evidence.make_pending_renditions([evidence_id]))
        task.then(self._made, self._failed)

    def _made(self, records: list[EvidenceRecord]) -> None:
        self._busy = False
        for record in records:
            self._changed.add(record.case_id)
            self.made.emit(record.id)
        if records:
            self._refresh.start()
        self._next()

    def _failed(self, message: str) -> None:
        # e.g. the exhibit was removed meanwhile: nothing to make; the rest go on
        self._busy = False
        del message
        self._next()

    def _announce(self) -> None:
        cases, self._changed = sorted(self._changed), set()
        for case_id in cases:
            self.shell.hub.evidenceChanged.emit(case_id)

    @Slot()
    def close(self) -> None:
        """Stop taking the next one (what is left is made the next time Casebook starts)."""
        self.closed = True
        self._queue.clear()
        self._refresh.stop()
