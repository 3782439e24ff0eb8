"""Which commands change the data dir, and their turn at the write lock.

A writing command holds the data dir's write lock (:mod:`desktop_app.store.lock`) for its whole
run. When another CLI command holds it, the writer waits its turn, up to :data:`WAIT_S`
seconds; when a window holds it, the writer stops at once (the window may stay open for hours).
Either way a writer that does not get the lock changes nothing. Readers take no lock: they run
beside an open window or a writing command.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from desktop_app.i18n import tr
from desktop_app.store.lock import Turn, WriteLock, remove_leftovers, take_turn
from desktop_app.store.paths import DataPaths, resolve_data_dir

# Commands that change the data dir: (command, action), or (command, None) for every action.
WRITE_COMMANDS: set[tuple[str, str | None]] = {
    ("case", "new"), ("case", "edit"), ("case", "delete"), ("case", "lodged"),
    ("event", "add"), ("event", "edit"), ("event", "delete"),
    ("evidence", "add"), ("evidence", "edit"), ("evidence", "remove"), ("evidence", "ocr"),
    ("evidence", "calls"), ("evidence", "redact"),
    ("institution", "add"), ("institution", "edit"),
    ("profile", "set"), ("promise", "set"), ("lock", None), ("unlock", None),
}

# How long a writer waits for other CLI commands to finish with the data dir. A command holds
# it for well under a second (an import of many large files longer); 30 s lets a queue of
# scripted writers through without leaving someone staring at a hung command.
WAIT_S = 30.0


class NotOurTurn(Exception):
    """The write lock stayed with someone else: a window, or a command that ran too long."""


def is_writer(args: argparse.Namespace) -> bool:
    key = (args.command, getattr(args, "action", None))
    return key in WRITE_COMMANDS or (args.command, None) in WRITE_COMMANDS


@contextmanager
def write_turn(args: argparse.Namespace) -> Iterator[None]:
    """Hold the data dir's write lock while a writing command runs (nothing for a reader);
    raise :class:`NotOurTurn` if it cannot be had."""
    if not is_writer(args):
        yield
        return
    # Loaded before the lock is taken, so that no writer keeps the others waiting while it
    # imports (~400 ms on a busy machine; readers never need them, the services load them late).
    import desktop_app.store.writes  # deferred: SQLModel+SQLAlchemy ~400 ms, writers only # noqa: F401

    lock = WriteLock(DataPaths(resolve_data_dir(args.data_dir)))
    turn = take_turn(lock, WAIT_S)
    if turn is Turn.WINDOW:
        raise NotOurTurn(tr("Casebook is open in a window on this data folder; close it "
                            "first, or use the window"))
    if turn is Turn.TIMED_OUT:
        raise NotOurTurn(tr("another casebook command kept this data folder busy for "
                            "{seconds} seconds; nothing was changed: try again when it has "
                            "finished", seconds=f"{WAIT_S:g}"))
    with lock:
        remove_leftovers(lock.paths)  # what a writer killed half-way left: nobody else writes
        yield
