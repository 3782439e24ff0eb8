"""Who may change a data dir: OS file locks in it, told apart by what holds them.

``<data dir>/casebook.lock`` is the **write lock**: one writing process at a time. The window
holds it for its whole life; a CLI command that changes anything holds it for the length of
the command. Readers never take it (SQLite's WAL lets them read while someone writes).

``<data dir>/window.lock`` is the **window lock**, held by the window for its whole life as
well. It tells a CLI writer that finds the write lock taken who has it: a window (the writer
stops at once and says so: a window may stay open for hours) or another CLI command (the writer
waits its turn, for a bounded time: :func:`take_turn`). The window takes the write lock first
and the window lock second, and lets them go in the other order, so a window seen holding the
window lock always holds the write lock too.

The locks are ``flock`` on POSIX and ``msvcrt.locking`` on Windows: the operating system drops
them when their holder exits, however it exits (a crashed or killed window never blocks the
next start). The lock files themselves are never deleted, so two processes can never hold
locks on two different files of the same name.
"""

from __future__ import annotations

import enum
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Self

from desktop_app.store.paths import DataPaths

WINDOW_LOCK_NAME = "window.lock"
# Each CLI writer that gets its turn writes a token of its own into the write lock's file, past
# the byte that msvcrt locks, so that waiters see the turns go by.
_TURN_AT = 16
_TURN_SIZE = 32
# The lock files this process holds (their paths, normalised): see :func:`held_here`.
_held: set[str] = set()

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


def _poll(attempt: Callable[[], bool], wait: float) -> bool:
    """Call ``attempt`` until it says yes or ``wait`` seconds have passed; whether it did.
    The pauses grow from 5 to 50 ms, jittered so that waiters do not retry in step."""
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        if attempt():
            return True
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        time.sleep(min(remaining, pause * _jitter()))
        pause = min(pause * 2, 0.05)


def _jitter() -> float:
    """A factor between 0.5 and 1.5, so waiters do not retry in step."""
    import random  # deferred: ~1.5 ms, only when waiting for a turn

    return random.uniform(0.5, 1.5)


class _FileLock:
    """An OS lock on one file of a data dir; ``acquire()`` says whether we got it."""

    def __init__(self, paths: DataPaths | Path | str) -> None:
        root = paths.root if isinstance(paths, DataPaths) else Path(paths)
        self.paths = DataPaths(root)
        self._fd: int | None = None

    @property
    def path(self) -> Path:
        raise NotImplementedError

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> bool:
        """Take the lock if nobody holds it, trying again for up to ``wait`` seconds
        (creating the data dir and lock file as needed)."""
        if self._fd is not None:
            return True
        self.paths.ensure()
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)
        try:
            if sys.platform == "win32" and os.fstat(fd).st_size == 0:  # pragma: no cover
                os.write(fd, b"\0")  # msvcrt locks bytes: there must be one
            got = _poll(lambda: _try_lock(fd), wait)
        except BaseException:
            os.close(fd)
            raise
        if not got:
            os.close(fd)
            return False
        self._fd = fd
        _held.add(_name(self.path))
        return True

    def release(self) -> None:
        """Let go of the lock (the file stays: it is never deleted)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _held.discard(_name(self.path))
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

    def __del__(self) -> None:
        if self._fd is not None:
            _held.discard(_name(self.path))
            os.close(self._fd)


class WriteLock(_FileLock):
    """The data dir's write lock (``casebook.lock``): one writing process at a time."""

    @property
    def path(self) -> Path:
        return self.paths.write_lock

    def mark_turn(self) -> None:
        """Say, in the lock file, that a new holder has its turn (see :func:`take_turn`)."""
        if self._fd is None:
            raise RuntimeError("the write lock is not held")
        token = f"{os.getpid()}:{time.monotonic_ns()}".encode().ljust(_TURN_SIZE)
        os.lseek(self._fd, _TURN_AT, os.SEEK_SET)
        os.write(self._fd, token[:_TURN_SIZE])


class WindowLock(_FileLock):
    """The window's own lock (``window.lock``), held beside the write lock for the window's
    whole life: it says that the write lock's holder is a window."""

    @property
    def path(self) -> Path:
        return self.paths.root / WINDOW_LOCK_NAME


# Once a window has the write lock, only a CLI writer's momentary look at the window lock (is a
# window there?) can be holding that: milliseconds at most.
WINDOW_LOCK_WAIT_S = 5.0


class WindowLocks:
    """Both locks a window holds for its whole life, taken and let go in the order the CLI
    relies on: the write lock first, the window lock second; released the other way round."""

    def __init__(self, paths: DataPaths | Path | str) -> None:
        self.write = WriteLock(paths)
        self.window = WindowLock(paths)
        self.paths = self.write.paths

    @property
    def held(self) -> bool:
        return self.write.held and self.window.held

    def acquire(self) -> bool:
        """Take the data dir for a window; False (holding nothing) if someone else has it."""
        if self.held:
            return True
        if not self.write.acquire():
            return False
        if not self.window.acquire(wait=WINDOW_LOCK_WAIT_S):
            self.write.release()
            return False
        return True

    def release(self) -> None:
        self.window.release()
        self.write.release()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def _name(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def held_here(paths: DataPaths | Path | str) -> bool:
    """Whether this process holds the data dir's write lock (another :class:`WriteLock` of
    ours: a second one taken in the same process would wait for the first)."""
    root = paths.root if isinstance(paths, DataPaths) else Path(paths)
    return _name(DataPaths(root).write_lock) in _held


def is_locked(paths: DataPaths | Path | str) -> bool:
    """Whether another process (a window or a CLI writer) holds the data dir's write lock."""
    probe = WriteLock(paths)
    if not probe.paths.root.exists():
        return False
    if probe.acquire():
        probe.release()
        return False
    return True


def window_is_open(paths: DataPaths | Path | str) -> bool:
    """Whether a window holds the data dir right now (its window lock is taken). Creates
    nothing: a data dir no window ever opened has no window lock file."""
    path = WindowLock(paths).path
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return False
    try:
        if _try_lock(fd):
            _unlock(fd)
            return False
        return True
    finally:
        os.close(fd)


class Turn(enum.Enum):
    """How a CLI writer's wait for the write lock ended."""

    TAKEN = "taken"          # the lock is ours: go ahead
    WINDOW = "window"        # a window holds the data dir: stop now, it may stay open for hours
    TIMED_OUT = "timed out"  # one command held it for the whole wait


def _read_turn_token(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return b""
    try:
        os.lseek(fd, _TURN_AT, os.SEEK_SET)
        return os.read(fd, _TURN_SIZE)
    except OSError:
        return b""
    finally:
        os.close(fd)


def take_turn(lock: WriteLock, wait: float) -> Turn:
    """Take ``lock`` for a CLI command that writes: at once if it is free, else when the
    other CLI commands ahead of it have finished. Gives up at once when the holder is a window,
    and after ``wait`` seconds with the lock in the same command's hands (a queue of commands
    that each take their turn is waited through, however long it is)."""
    token = b""
    deadline = time.monotonic() + wait
    pause = 0.005
    while True:
        if lock.acquire():
            lock.mark_turn()
            return Turn.TAKEN
        if window_is_open(lock.paths):
            return Turn.WINDOW
        now = time.monotonic()
        seen = _read_turn_token(lock.path)
        if seen != token:  # another command has had its turn meanwhile: the queue moves
            token, deadline = seen, now + wait
        if now >= deadline:
            return Turn.TIMED_OUT
        time.sleep(min(deadline - now, pause * _jitter()))
        pause = min(pause * 2, 0.05)


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
    """Mark a temp file as being written by this process, until the returned descriptor is
    closed, so that :func:`remove_abandoned` leaves it alone: a lock on it on POSIX; on Windows
    the open descriptor itself (a file open elsewhere cannot be deleted there; its writer lets
    it go before renaming the file). None if the file could not be claimed."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    if sys.platform == "win32":
        return fd
    if not _try_lock(fd):
        os.close(fd)
        return None
    return fd


def remove_abandoned(candidates: list[Path]) -> int:
    """Delete the temp files among ``candidates`` whose writer is gone; returns how many. A
    killed export's partial dossier beside the chosen file is removed by the next export to
    that file. POSIX: nobody holds the lock :func:`claim_temp_file` takes. Windows: the file
    can be deleted at all (a writer's open claim refuses that)."""
    if sys.platform == "win32":
        return _remove_unopened(candidates)
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


def _remove_unopened(candidates: list[Path]) -> int:
    removed = 0
    for path in candidates:
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()  # PermissionError while a writer has it open: still in use
                removed += 1
        except OSError:
            continue
    return removed


__all__ = ["WINDOW_LOCK_NAME", "Turn", "WindowLock", "WindowLocks", "WriteLock",
           "claim_temp_file", "held_here", "is_locked", "remove_abandoned", "remove_leftovers",
           "take_turn", "window_is_open"]
