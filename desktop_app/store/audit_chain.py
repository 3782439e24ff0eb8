"""The audit chain's arithmetic, without the ORM: how an entry is hashed, and a walk that checks
every entry over plain sqlite3.

:mod:`desktop_app.store.audit_log` appends entries through the ORM inside write transactions and
re-exports the names here. Checking the chain needs no ORM (loading it costs more than walking
thousands of entries), so ``casebook verify``, the window's Tools → Verify and the dossier use
:func:`walk` on a plain connection.

The ``at`` column is stored as text by the ORM's ``AwareDateTime`` (``to_utc_text`` on the way
in, ``from_utc_text`` on the way out); an entry is hashed over ``to_utc_text(at)`` of the value
read back, so the walk reads the text exactly as the ORM does before hashing it.

A chain can show that an entry was changed, inserted or removed in the middle; it cannot show
that entries were cut off its end (the head itself is not kept anywhere else).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop_app.timeutil import from_utc_text, to_utc_text

GENESIS = "0" * 64

# What is wrong with an entry (ChainProblem.kind).
BROKEN_LINK = "link"        # its prev_hash is not the hash of the entry before it
CHANGED = "content"         # it does not hash to its recorded hash
UNREADABLE = "unreadable"   # its time cannot be read: it was edited by hand


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def entry_hash(prev_hash: str, at: datetime, action: str, entity: str,
               entity_id: int | None, payload: str) -> str:
    body = _canonical([prev_hash, to_utc_text(at), action, entity, entity_id, payload])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    message: str
    kind: str = CHANGED


@dataclass(frozen=True)
class ChainEntry:
    """One row of ``audit_entry`` as the chain sees it."""

    id: int
    at: datetime | None  # None: the stored text is not a time
    action: str
    entity: str
    entity_id: int | None
    payload: str
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class ChainState:
    """The result of a walk: problems, how many entries, and the hash of the last one."""

    problems: tuple[ChainProblem, ...]
    entries: int
    head: str

    @property
    def intact(self) -> bool:
        return not self.problems


def check(entries: Iterable[ChainEntry]) -> ChainState:
    """Walk entries in id order; report every entry that does not hash or link as recorded."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    count = 0
    for entry in entries:
        count += 1
        if entry.prev_hash != prev:
            problems.append(ChainProblem(entry.id, "does not follow the entry before it",
                                         BROKEN_LINK))
        if entry.at is None:
            problems.append(ChainProblem(entry.id, "its time cannot be read", UNREADABLE))
        elif entry_hash(entry.prev_hash, entry.at, entry.action, entry.entity,
                        entry.entity_id, entry.payload) != entry.hash:
            problems.append(ChainProblem(entry.id, "its content was changed after it was "
                                         "written", CHANGED))
        prev = entry.hash
    return ChainState(tuple(problems), count, prev)


def _time(text: object) -> datetime | None:
    """``at`` as the ORM reads it back (``AwareDateTime.process_result_value``)."""
    if not isinstance(text, str):
        return None
    try:
        return from_utc_text(text)
    except ValueError:
        return None


def rows(con: sqlite3.Connection) -> Iterable[ChainEntry]:
    """The entries of ``audit_entry`` in id order, read over plain sqlite3 (streamed)."""
    cursor = con.execute("SELECT id, at, action, entity, entity_id, payload, prev_hash, hash"
                         " FROM audit_entry ORDER BY id")
    for row in cursor:
        # the values as they are stored, as the ORM hands them over (a hand edit that put
        # text in a number column hashes as that text, and is found changed)
        yield ChainEntry(row[0], _time(row[1]), *row[2:])


def walk(con: sqlite3.Connection) -> ChainState:
    """Check the whole chain in the database behind ``con``."""
    return check(rows(con))
