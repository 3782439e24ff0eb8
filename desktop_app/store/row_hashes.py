"""The content hash of each row the dossier and the clock read, so that the audit log can vouch
for the rows themselves, not only for its own entries.

Every write transaction records, in the payload of its audit entry (key ``_rows``), the hash of
each row it touched as the row is after the change (None for a row it removed). ``verify``
recomputes every current row and names each one whose content no entry explains: a row changed
with ``sqlite3`` behind Casebook's back. The hash is over the stored values (plain sqlite3, no
ORM, independent of the time zone shown), less ``updated_at``, which only says when.

Rows: institutions, cases, entries (with their references and promises, in order) and
exhibits (with their redaction, when they have one: an exhibit without one hashes as it did
before redaction existed). (Derived-file records, the exhibit counter and the search index
are housekeeping.)
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

ROWS_KEY = "_rows"
TABLES = {"institution": "institution", "case": '"case"', "event": "event",
          "evidence": "evidence"}
NOT_HASHED = frozenset({"updated_at"})


def key(entity: str, row_id: int) -> str:
    return f"{entity}:{row_id}"


def _digest(content: Any) -> str:
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _dicts(cursor: sqlite3.Cursor) -> Iterable[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield {n: v for n, v in zip(names, row, strict=True) if n not in NOT_HASHED}


def _children(con: sqlite3.Connection, event_id: int | None = None
              ) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[dict[str, Any]]]]:
    where, args = ("WHERE event_id = ?", (event_id,)) if event_id is not None else ("", ())
    refs: dict[int, list[dict[str, Any]]] = defaultdict(list)
    promises: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in _dicts(con.execute(f"SELECT * FROM reference {where} ORDER BY position, id",
                                  args)):
        refs[row["event_id"]].append(row)
    for row in _dicts(con.execute(f"SELECT * FROM promise {where} ORDER BY position, id",
                                  args)):
        promises[row["event_id"]].append(row)
    return refs, promises


def _redactions(con: sqlite3.Connection, evidence_id: int | None = None
                ) -> dict[int, dict[str, Any]]:
    """Each exhibit's redaction row (none before migration 0011 made the table)."""
    if con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'redaction'"
                   ).fetchone() is None:
        return {}
    where, args = ("WHERE evidence_id = ?", (evidence_id,)) if evidence_id is not None \
        else ("", ())
    return {row["evidence_id"]: row
            for row in _dicts(con.execute(f"SELECT * FROM redaction {where}", args))}


def _with_children(entity: str, content: dict[str, Any], refs: dict[int, list[Any]],
                   promises: dict[int, list[Any]], redactions: dict[int, dict[str, Any]]
                   ) -> dict[str, Any]:
    row_id = content["id"]
    if entity == "event":
        return {"event": content, "references": refs.get(row_id, []),
                "promises": promises.get(row_id, [])}
    if entity == "evidence" and row_id in redactions:
        return {**content, "redaction": redactions[row_id]}
    return content


def row_hash(con: sqlite3.Connection, entity: str, row_id: int) -> str | None:
    """The hash of one row as it is now (None: there is no such row)."""
    found = list(_dicts(con.execute(f"SELECT * FROM {TABLES[entity]} WHERE id = ?",
                                    (row_id,))))
    if not found:
        return None
    refs, promises = _children(con, row_id) if entity == "event" else ({}, {})
    redactions = _redactions(con, row_id) if entity == "evidence" else {}
    return _digest(_with_children(entity, found[0], refs, promises, redactions))


def all_row_hashes(con: sqlite3.Connection) -> dict[str, str]:
    """The hash of every row, keyed ``entity:id`` (one pass per table)."""
    hashes: dict[str, str] = {}
    refs, promises = _children(con)
    redactions = _redactions(con)
    for entity, table in TABLES.items():
        for content in _dicts(con.execute(f"SELECT * FROM {table} ORDER BY id")):
            hashes[key(entity, content["id"])] = _digest(
                _with_children(entity, content, refs, promises, redactions))
    return hashes


def recorded(payloads: Iterable[str]) -> dict[str, str | None]:
    """What the audit log vouches for: each row's hash after the last change that recorded it,
    from the entries' payloads in order."""
    latest: dict[str, str | None] = {}
    for text in payloads:
        if ROWS_KEY not in text:
            continue
        try:
            rows = json.loads(text).get(ROWS_KEY)
        except (ValueError, AttributeError):
            continue
        if isinstance(rows, dict):
            latest.update(rows)
    return latest
