"""The audit chain: an append-only log in which each entry hashes the one before it.

Appending goes through the ORM (inside the caller's write transaction); the hashing and the
check are in :mod:`desktop_app.store.audit_chain` (no ORM), whose names are re-exported here.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from desktop_app.store.audit_chain import (
    GENESIS,
    ChainEntry,
    ChainProblem,
    _canonical,
    check,
    entry_hash,
)
from desktop_app.store.tables import AuditEntry
from desktop_app.timeutil import now

__all__ = ["GENESIS", "ChainProblem", "_canonical", "append", "entry_hash", "head", "verify"]


def head(session: Session) -> str:
    last = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc()).limit(1)).first()
    return last.hash if last is not None else GENESIS


def append(session: Session, action: str, entity: str, entity_id: int | None,
           payload: dict[str, Any]) -> AuditEntry:
    """Add one entry inside the caller's write transaction."""
    prev = head(session)
    at = now()
    text = _canonical(payload)
    entry = AuditEntry(at=at, action=action, entity=entity, entity_id=entity_id, payload=text,
                       prev_hash=prev,
                       hash=entry_hash(prev, at, action, entity, entity_id, text))
    session.add(entry)
    return entry


def verify(session: Session) -> list[ChainProblem]:
    """Walk the chain from the start; report every entry that does not hash as recorded."""
    entries = (ChainEntry(e.id, e.at, e.action, e.entity, e.entity_id, e.payload, e.prev_hash,
                          e.hash)
               for e in session.exec(select(AuditEntry).order_by(col(AuditEntry.id)))
               if e.id is not None)
    return list(check(entries).problems)
