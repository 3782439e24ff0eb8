"""Worker processes for slow work off the caller's process (reading text in pictures,
thumbnails and print copies): started the way Windows starts them (``spawn``) on every
platform, and run at a lower priority than the window they work for. A worker of a locked
book is given the book's key over the pool's pipe (its initializer remembers it), never
through a file."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

BELOW_NORMAL_PRIORITY_CLASS = 0x4000
NICE_STEP = 5


def _windows_below_normal() -> bool:  # pragma: no cover - Windows only
    import ctypes  # deferred: Windows only

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    return bool(kernel32.SetPriorityClass(kernel32.GetCurrentProcess(),
                                          BELOW_NORMAL_PRIORITY_CLASS))


def lower_priority(platform: str = sys.platform,
                   below_normal: Callable[[], bool] | None = None) -> None:
    """A worker works at a lower priority than the window, so typing stays smooth meanwhile:
    below normal on Windows (``SetPriorityClass``), ``nice`` elsewhere."""
    with contextlib.suppress(OSError, AttributeError):
        if platform == "win32":
            (_windows_below_normal if below_normal is None else below_normal)()
        else:
            os.nice(NICE_STEP)


def _lowered(keys: Mapping[str, bytes], initializer: Callable[..., None] | None,
             *args: Any) -> None:
    lower_priority()
    if keys:
        from desktop_app.store import vault  # deferred: a locked book's workers only

        for folder, key in keys.items():
            vault.remember(Path(folder), key)
    if initializer is not None:
        initializer(*args)


def spawn_pool(workers: int, initializer: Callable[..., None] | None = None,
               initargs: tuple[Any, ...] = (), *,
               keys: Mapping[str, bytes] | None = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` spawned processes, each at a lower priority, then ``initializer``.
    Spawned, not forked: the caller may be a thread of a Qt application, and forking a
    process that has threads is unsafe.

    ``keys`` (data folder: data key; by default every key this process knows, none for a
    plain book) go to each worker through its initializer, over the pipe the pool starts it
    with, so that it reads and writes a locked book's sealed files."""
    import multiprocessing  # deferred: ~27 ms with futures; only when a pool is wanted
    from concurrent.futures import ProcessPoolExecutor  # deferred: as multiprocessing

    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_lowered,
                               initargs=(_keys(keys), initializer, *initargs))


def _keys(keys: Mapping[str, bytes] | None) -> dict[str, bytes]:
    if keys is not None:
        return dict(keys)
    from desktop_app.store.vault import remembered  # deferred: only when a pool is made

    return remembered()
