"""One writer per data dir across processes: an OS file lock on ``<data dir>/casebook.lock``.

The window holds the lock for its whole life; CLI commands that change anything take it for the
length of the command and are refused while the window has it. Readers never take it (SQLite's
WAL lets them read while the window writes).

The lock is ``flock`` on POSIX and ``msvcrt.locking`` on Windows: the operating system drops it
when its holder exits, however it exits (a crashed or killed window never blocks the next
start). The lock file itself is never deleted, so two processes can never hold locks on two
different files of the same name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from desktop_app.store.paths import DataPaths

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class WriteLock:
    """The data dir's write lock, taken without waiting: ``acquire()`` says whether we got it."""

    def __init__(self, paths: DataPaths | Path | str) -> None:
        root = paths.root if isinstance(paths, DataPaths) else Path(paths)
        self.paths = DataPaths(root)
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        return self.paths.write_lock

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if nobody holds it (creating the data dir and lock file as needed)."""
        if self._fd is not None:
            return True
        self.paths.ensure()
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            if sys.platform == "win32" and os.fstat(fd).st_size == 0:  # pragma: no cover
                os.write(fd, b"\0")  # msvcrt locks bytes: there must be one
            got = _try_lock(fd)
        except BaseException:
            os.close(fd)
            raise
        if not got:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        """Let go of the lock (the file stays: it is never deleted)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> WriteLock:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def __del__(self) -> None:
        if self._fd is not None:
            os.close(self._fd)


def is_locked(paths: DataPaths | Path | str) -> bool:
    """Whether another process holds the data dir's write lock right now."""
    probe = WriteLock(paths)
    if not probe.paths.root.exists():
        return False
    if probe.acquire():
        probe.release()
        return False
    return True


def remove_leftovers(paths: DataPaths) -> int:
    """Delete the temp files a writer left when it died half-way (a killed import's partial
    copy, a half-written thumbnail, the window's settings or export choices); returns how many.

    Only the write lock's holder may call this: with the lock held nobody else is writing, so
    every temp file is a dead writer's. Files under their final names are never touched.
    """
    candidates: list[Path] = []
    store = paths.evidence
    for folder, pattern in ((store / "tmp", "*"), (store / "derived", "*/*.part"),
                            (paths.root, ".profile-*.tmp"), (paths.root, "*.json.tmp"),
                            (paths.backups, "*.tmp")):
        try:
            candidates.extend(folder.glob(pattern))
        except OSError:
            continue
    removed = 0
    for path in candidates:
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def claim_temp_file(path: Path) -> int | None:
    """Mark a temp file as being written by this process (a lock on it, held until the
    returned descriptor is closed), so :func:`remove_abandoned` leaves it alone. POSIX only:
    on Windows an open file cannot be deleted anyway, and None is returned."""
    if sys.platform == "win32":  # pragma: no cover
        return None
    fd = os.open(path, os.O_RDONLY)
    if not _try_lock(fd):
        os.close(fd)
        return None
    return fd


def remove_abandoned(candidates: list[Path]) -> int:
    """Delete the temp files among ``candidates`` whose writer is gone (nobody holds the lock
    :func:`claim_temp_file` takes); returns how many. A killed export's partial dossier beside
    the chosen file is removed by the next export to that file."""
    if sys.platform == "win32":  # pragma: no cover
        return 0
    removed = 0
    for path in candidates:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        try:
            if _try_lock(fd):
                path.unlink()
                removed += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


__all__ = ["WriteLock", "claim_temp_file", "is_locked", "remove_abandoned", "remove_leftovers"]
