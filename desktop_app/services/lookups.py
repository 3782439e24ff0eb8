"""Rows by id inside a read or write transaction, or NotFound naming what is missing."""

from __future__ import annotations

import sqlite3

from desktop_app.errors import Invalid, NotFound
from desktop_app.i18n import tr
from desktop_app.records import CaseRecord, EventRecord, EvidenceRecord
from desktop_app.store import reads


def no_case(case_id: int) -> NotFound:
    return NotFound(tr("no case with id {id}", id=case_id))


def no_event(event_id: int) -> NotFound:
    return NotFound(tr("no event with id {id}", id=event_id))


def no_institution(institution_id: int) -> NotFound:
    return NotFound(tr("no institution with id {id}", id=institution_id))


def case_in(con: sqlite3.Connection, case_id: int) -> CaseRecord:
    record = reads.get_case(con, case_id)
    if record is None:
        raise no_case(case_id)
    return record


def event_in(con: sqlite3.Connection, event_id: int) -> EventRecord:
    record = reads.get_event(con, event_id)
    if record is None:
        raise no_event(event_id)
    return record


def evidence_in(con: sqlite3.Connection, evidence_id: int) -> EvidenceRecord:
    record = reads.get_evidence(con, evidence_id)
    if record is None:
        raise NotFound(tr("no evidence with id {id}", id=evidence_id))
    return record


def require_case(con: sqlite3.Connection, case_id: int) -> None:
    if con.execute('SELECT 1 FROM "case" WHERE id = ?', (case_id,)).fetchone() is None:
        raise no_case(case_id)


def require_target(con: sqlite3.Connection, case_id: int,
                    event_id: int | None) -> None:
    """The case exists, and so does the event, on that case."""
    require_case(con, case_id)
    if event_id is None:
        return
    row = con.execute("SELECT case_id FROM event WHERE id = ?", (event_id,)).fetchone()
    if row is None:
        raise no_event(event_id)
    if row[0] != case_id:
        raise Invalid(tr("entry {event} belongs to another case", event=event_id))
