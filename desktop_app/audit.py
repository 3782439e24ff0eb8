"""The audit chain: an append-only log in which each entry hashes the one before it."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from desktop_app.models import AuditEntry
from desktop_app.timeutil import now, to_utc_text

GENESIS = "0" * 64


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      default=str)


def entry_hash(prev_hash: str, at: datetime, action: str, entity: str,
               entity_id: int | None, payload: str) -> str:
    body = _canonical([prev_hash, to_utc_text(at), action, entity, entity_id, payload])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


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


@dataclass(frozen=True)
class ChainProblem:
    entry_id: int
    message: str


def verify(session: Session) -> list[ChainProblem]:
    """Walk the chain from the start; report every entry that does not hash as recorded."""
    problems: list[ChainProblem] = []
    prev = GENESIS
    for entry in session.exec(select(AuditEntry).order_by(col(AuditEntry.id))):
        assert entry.id is not None
        if entry.prev_hash != prev:
            problems.append(ChainProblem(entry.id, "does not follow the entry before it"))
        expected = entry_hash(entry.prev_hash, entry.at, entry.action, entry.entity,
                              entry.entity_id, entry.payload)
        if expected != entry.hash:
            problems.append(ChainProblem(entry.id, "its content was changed after it was written"))
        prev = entry.hash
    return problems
