"""Writing a file whole or not at all.

No file a person's data depends on is written in place. The bytes go to a temp file in the
target's folder (or in a folder on the same file system whose leftovers the next start removes:
see :func:`desktop_app.store.lock.remove_leftovers`); the temp file is flushed and fsynced,
renamed over the target, and the folder fsynced so that the rename itself survives a power
cut. A failure at any point leaves the old file as it was and removes the temp file.

- :func:`write_atomically`: bytes or text already in memory (settings, the profile, a letter);
- :func:`atomic_writer`: a binary file to stream into (a backup archive, a thumbnail);
- :class:`TempFile`, on which both are built: for a file whose final name is known only once
  it is written (the evidence store names a file by its SHA-256), or that another library
  writes by its name (SQLite's backup, the dossier's PDF).

Temp files are created by :func:`tempfile.mkstemp`, so they are the owner's only (0o600) until
a ``mode`` is given.

Two platforms need more than POSIX gives: on Windows a file held open for a moment by OneDrive,
the search indexer or a virus scanner refuses to be replaced (``PermissionError``), so the
rename is tried again for about a second (:func:`replace`); on macOS ``fsync`` only reaches the
drive's cache, so ``F_FULLFSYNC`` is asked for instead (:func:`fsync_file`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from desktop_app.store.lock import claim_temp_file

# The pauses between tries of a rename that an open handle refused (about a second in all):
# long enough for an indexer or a virus scanner to let go, short enough to fail before anyone
# wonders. Tests make ``wait`` record the pauses instead of sleeping.
REPLACE_PAUSES_S = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4)
wait: Callable[[float], None] = time.sleep


def replace(source: Path, target: Path) -> None:
    """``os.replace``, tried again after a pause while it is refused with PermissionError
    (Windows: someone else has ``target`` or ``source`` open for a moment). A refusal that
    outlasts the pauses is raised."""
    for pause in REPLACE_PAUSES_S:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            wait(pause)
    os.replace(source, target)


def fsync_file(fd: int) -> None:
    """Make a file's bytes durable: ``F_FULLFSYNC`` on macOS, where ``fsync`` stops at the
    drive's cache (``fsync`` again if the file system cannot do it); ``fsync`` elsewhere."""
    if sys.platform == "darwin":
        import fcntl  # deferred: POSIX only (this branch is macOS's)

        full = getattr(fcntl, "F_FULLFSYNC", None)
        if full is not None:
            try:
                fcntl.fcntl(fd, full)
                return
            except OSError:
                pass
    os.fsync(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename (or a new file) in ``folder`` durable. POSIX only: Windows cannot open a
    folder as a file, and its file systems journal renames anyway."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fsync_file(fd)
    finally:
        os.close(fd)


class TempFile:
    """A temp file that becomes ``target`` only when it is complete.

    Used as a context manager: leaving the ``with`` block without :meth:`commit` (an error, a
    cancel, or a file that turned out not to be wanted) removes the temp file. ``file`` is the
    file opened for writing (``w+b``), or None with ``keep_open=False``, for a writer that opens
    the file by its name (:attr:`path`). ``claim`` locks the temp file while it is being
    written, so that :func:`desktop_app.store.lock.remove_abandoned` leaves it alone.
    """

    def __init__(self, target: Path | None = None, *, folder: Path | None = None,
                 prefix: str | None = None, suffix: str = ".tmp", keep_open: bool = True,
                 claim: bool = False) -> None:
        if folder is None or prefix is None:
            if target is None:
                raise ValueError("a temp file needs a target, or a folder and a prefix")
            folder = target.parent if folder is None else folder
            prefix = f".{target.name}-" if prefix is None else prefix
        self.target = target
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
        self.path = Path(name)
        self.file: BinaryIO | None = None
        self._claim: int | None = None
        self._synced = False
        self._committed = False
        try:
            if claim:
                self._claim = claim_temp_file(self.path)
            if keep_open:
                self.file = os.fdopen(fd, "w+b")
            else:
                os.close(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            self.discard()
            raise

    def finish(self) -> None:
        """Flush and fsync the temp file (and close it): its bytes are on disk."""
        if self._synced:
            return
        if self.file is not None:
            file, self.file = self.file, None
            with file:
                file.flush()
                fsync_file(file.fileno())
        else:
            with open(self.path, "rb+") as fh:
                fsync_file(fh.fileno())
        self._synced = True

    def commit(self, target: Path | None = None, *, mode: int | None = None,
               sync_folder: bool = True) -> Path:
        """Finish the temp file and rename it over ``target`` (default: the one it was made
        for); then fsync the folder and set ``mode`` (e.g. read-only) if given."""
        target = self.target if target is None else target
        if target is None:
            raise ValueError("no target to rename the temp file to")
        self.finish()
        if sys.platform == "win32":
            self._release_claim()  # Windows renames no file that is open elsewhere
        replace(self.path, target)
        self._committed = True
        self._release_claim()
        if sync_folder:
            fsync_folder(target.parent)
        if mode is not None:
            os.chmod(target, mode)
        return target

    def discard(self) -> None:
        """Close and remove the temp file (nothing once it has been committed)."""
        if self.file is not None:
            file, self.file = self.file, None
            with contextlib.suppress(OSError):
                file.close()
        self._release_claim()
        if not self._committed:
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)

    def _release_claim(self) -> None:
        claim, self._claim = self._claim, None
        if claim is not None:
            os.close(claim)

    def __enter__(self) -> TempFile:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.discard()


@contextlib.contextmanager
def atomic_writer(target: Path, *, folder: Path | None = None, prefix: str | None = None,
                  suffix: str = ".tmp", mode: int | None = None, sync_folder: bool = True,
                  temp_file: type[TempFile] | None = None) -> Iterator[BinaryIO]:
    """A binary file to write ``target``'s new content into; it replaces ``target`` when the
    ``with`` block ends without an error, and is removed otherwise. ``temp_file``: the kind of
    temp file (:class:`TempFile`; the sealing one of :mod:`desktop_app.store.sealed_files`)."""
    with (temp_file or TempFile)(target, folder=folder, prefix=prefix, suffix=suffix) as temp:
        assert temp.file is not None
        yield temp.file
        temp.commit(mode=mode, sync_folder=sync_folder)


def write_atomically(target: Path, data: bytes | str, *, folder: Path | None = None,
                     prefix: str | None = None, suffix: str = ".tmp", mode: int | None = None,
                     sync_folder: bool = True, temp_file: type[TempFile] | None = None) -> Path:
    """Replace ``target`` with ``data`` (text is written as UTF-8), whole or not at all."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_writer(target, folder=folder, prefix=prefix, suffix=suffix, mode=mode,
                       sync_folder=sync_folder, temp_file=temp_file) as fh:
        fh.write(payload)
    return target


__all__ = ["REPLACE_PAUSES_S", "TempFile", "atomic_writer", "fsync_file", "fsync_folder",
           "replace", "write_atomically"]
