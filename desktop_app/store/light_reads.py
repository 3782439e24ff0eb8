"""Reads that need no records: the reading connection, and the cases as plain rows for
``casebook case list`` — a command a script may run often, that prints four columns and so
need not build records (importing :mod:`desktop_app.records` costs more than the rest of the
command: every record's dataclass, and ``inspect``). The rest is :mod:`desktop_app.store.reads`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop_app.store import vault

CASE_ORDER = "ORDER BY c.updated_at DESC, c.id DESC"  # the case list's order, newest first


def connect(path: Path) -> sqlite3.Connection:
    """A connection for reading (same pragmas as the engine's)."""
    con = vault.connect(path, check_same_thread=False, isolation_level=None)
    con.execute("PRAGMA busy_timeout = 10000")
    con.execute("PRAGMA foreign_keys = ON")
    return con


def case_lines(con: sqlite3.Connection) -> list[tuple[int, str, str, str]]:
    """(id, status, institution's name, title) of every case, in the order
    :func:`desktop_app.store.reads.list_cases` lists their records."""
    return con.execute(f'SELECT c.id, c.status, i.name, c.title FROM "case" c'
                       f' JOIN institution i ON i.id = c.institution_id {CASE_ORDER}').fetchall()
