"""Row-level writes through the ORM, inside a transaction the services open.

Only :mod:`desktop_app.services` calls these; it validates first and appends the audit entry.
Importing this module loads SQLAlchemy and SQLModel, so the services import it on first write.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from desktop_app.records import CaseFields, EventFields, EvidenceRecord
from desktop_app.store import audit_log, row_hashes
from desktop_app.store.tables import (
    Case,
    DerivedFile,
    Event,
    Evidence,
    ExhibitCounter,
    ExhibitText,
    Institution,
    Promise,
    RedactionRow,
    Reference,
)
from desktop_app.timeutil import now

CASE_EDITABLE = tuple(k for k in CaseFields.__dataclass_fields__
                      if k not in ("institution_id", "institution_name"))
EVENT_EDITABLE = tuple(k for k in EventFields.__dataclass_fields__
                       if k not in ("references", "promises"))


def raw_connection(s: Session) -> sqlite3.Connection:
    """The session's own DBAPI connection: reads through it see this transaction's writes."""
    con = s.connection().connection.driver_connection
    assert con is not None  # sqlite3's, or SQLCipher's (the same API) in a locked book
    return con  # type: ignore[no-any-return]


def record_audit(s: Session, action: str, entity: str, entity_id: int | None,
                 payload: dict[str, Any]) -> None:
    """Append the audit entry of a change, with the hash of every row the transaction touched
    since the last entry, as each row is now (see :mod:`desktop_app.store.row_hashes`)."""
    s.flush()
    touched = s.info.pop(TOUCHED, set())
    if touched:
        con = raw_connection(s)
        payload = {**payload, row_hashes.ROWS_KEY: {
            row_hashes.key(e, i): row_hashes.row_hash(con, e, i) for e, i in sorted(touched)}}
    audit_log.append(s, action, entity, entity_id, payload)


TOUCHED = "touched_rows"


def touched(s: Session, entity: str, *row_ids: int | None) -> None:
    """Note rows a write changed: the next audit entry records their hashes."""
    rows: set[tuple[str, int]] = s.info.setdefault(TOUCHED, set())
    rows.update((entity, i) for i in row_ids if i is not None)


def find_institution(s: Session, name: str) -> Institution | None:
    wanted = name.strip()
    row = s.exec(select(Institution).where(Institution.name == wanted)).first()
    if row is not None:
        return row
    folded = wanted.casefold()
    for candidate in s.exec(select(Institution)):
        if folded and folded in {candidate.short_name.casefold(),
                                 candidate.name_en.casefold(),
                                 candidate.name.casefold()} - {""}:
            return candidate
    return None


def insert_institution(s: Session, **columns: Any) -> int:
    row = Institution(**columns)
    s.add(row)
    s.flush()
    assert row.id is not None
    touched(s, "institution", row.id)
    return row.id


def _update_row(s: Session, model: type[SQLModel], row_id: int, changes: dict[str, Any]) -> bool:
    """Set the given columns of one row; False when there is no such row."""
    row = s.get(model, row_id)
    if row is None:
        return False
    for key, value in changes.items():
        setattr(row, key, value)
    s.add(row)
    s.flush()
    return True


def update_institution(s: Session, institution_id: int, changes: dict[str, Any]) -> bool:
    touched(s, "institution", institution_id)
    return _update_row(s, Institution, institution_id, changes)


def insert_case(s: Session, fields: CaseFields, institution_id: int, case_id: int | None = None,
                created_at: datetime | None = None, updated_at: datetime | None = None) -> int:
    row = Case(id=case_id, institution_id=institution_id,
               **{k: getattr(fields, k) for k in CASE_EDITABLE})
    if created_at is not None:
        row.created_at = created_at
    if updated_at is not None:
        row.updated_at = updated_at
    s.add(row)
    s.flush()
    assert row.id is not None
    touched(s, "case", row.id)
    return row.id


def update_case(s: Session, case_id: int, fields: CaseFields, institution_id: int) -> bool:
    row = s.get(Case, case_id)
    if row is None:
        return False
    touched(s, "case", case_id)
    row.institution_id = institution_id
    for key in CASE_EDITABLE:
        setattr(row, key, getattr(fields, key))
    row.updated_at = now()
    s.add(row)
    s.flush()
    return True


def set_lodged_event(s: Session, case_id: int, event_id: int | None) -> bool:
    """Mark the case's "complaint lodged" entry (None: no mark); False if no such case."""
    row = s.get(Case, case_id)
    if row is None:
        return False
    touched(s, "case", case_id)
    row.lodged_event_id = event_id
    row.updated_at = now()
    s.add(row)
    s.flush()
    return True


def case_exists(s: Session, case_id: int) -> bool:
    return s.get(Case, case_id) is not None


def event_exists(s: Session, event_id: int) -> bool:
    return s.get(Event, event_id) is not None


def delete_case(s: Session, case_id: int) -> bool:
    row = s.get(Case, case_id)
    if row is None:
        return False
    touched(s, "case", case_id)
    touched(s, "event", *s.exec(select(Event.id).where(Event.case_id == case_id)))
    touched(s, "evidence", *s.exec(select(Evidence.id).where(Evidence.case_id == case_id)))
    s.delete(row)
    s.flush()
    return True


def touch_case(s: Session, case_id: int) -> None:
    row = s.get(Case, case_id)
    if row is not None:
        row.updated_at = now()
        s.add(row)


def insert_event(s: Session, case_id: int, fields: EventFields, event_id: int | None = None,
                 created_at: datetime | None = None, updated_at: datetime | None = None) -> int:
    row = Event(id=event_id, case_id=case_id, **{k: getattr(fields, k) for k in EVENT_EDITABLE})
    if created_at is not None:
        row.created_at = created_at
    if updated_at is not None:
        row.updated_at = updated_at
    s.add(row)
    s.flush()
    assert row.id is not None
    write_children(s, row.id, fields)
    return row.id


def update_event(s: Session, event_id: int, fields: EventFields) -> int | None:
    """Change an event; returns its case id, or None when there is no such event."""
    row = s.get(Event, event_id)
    if row is None:
        return None
    touched(s, "event", event_id)
    for key in EVENT_EDITABLE:
        setattr(row, key, getattr(fields, key))
    row.updated_at = now()
    s.add(row)
    s.flush()
    write_children(s, event_id, fields)
    return row.case_id


def delete_event(s: Session, event_id: int) -> int | None:
    row = s.get(Event, event_id)
    if row is None:
        return None
    case_id = row.case_id
    touched(s, "event", event_id)
    # its exhibits stay, on the case as a whole (the foreign key sets their entry to NULL)
    touched(s, "evidence", *s.exec(select(Evidence.id).where(Evidence.event_id == event_id)))
    s.delete(row)
    s.flush()
    return case_id


def write_children(s: Session, event_id: int, fields: EventFields) -> None:
    """References are replaced; promises are matched by id so they keep their identity."""
    touched(s, "event", event_id)
    for old in s.exec(select(Reference).where(Reference.event_id == event_id)):
        s.delete(old)
    for pos, ref in enumerate(fields.references):
        s.add(Reference(event_id=event_id, label=ref.label, value=ref.value,
                        issued_by=ref.issued_by, position=pos))
    existing = {p.id: p for p in s.exec(select(Promise).where(Promise.event_id == event_id))}
    keep: set[int] = set()
    for pos, data in enumerate(fields.promises):
        row = existing.get(data.id) if data.id is not None else None
        if row is None:
            taken = data.id is not None and s.get(Promise, data.id) is not None
            row = Promise(id=None if taken else data.id, event_id=event_id, text=data.text)
        row.text, row.due_at, row.state = data.text, data.due_at, data.state
        row.state_note, row.position = data.state_note, pos
        s.add(row)
        s.flush()
        assert row.id is not None
        keep.add(row.id)
    for pid, row in existing.items():
        if pid not in keep:
            s.delete(row)
    s.flush()


def set_promise_state(s: Session, promise_id: int, state: str, note: str) -> bool:
    row = s.get(Promise, promise_id)
    if row is None:
        return False
    touched(s, "event", row.event_id)
    row.state, row.state_note = state, note
    s.add(row)
    s.flush()
    return True


# ---- evidence ------------------------------------------------------------------------------

EVIDENCE_STORED = tuple(k for k in EvidenceRecord.__dataclass_fields__ if k != "id")


def take_exhibit_no(s: Session, case_id: int) -> int:
    """The case's next exhibit number, used up: it is never handed out again."""
    counter = s.get(ExhibitCounter, case_id)
    highest = s.exec(select(sa.func.max(Evidence.exhibit_no))
                     .where(Evidence.case_id == case_id)).one()
    floor = (highest or 0) + 1
    if counter is None:
        counter = ExhibitCounter(case_id=case_id, next_no=floor)
    number = max(counter.next_no, floor)
    counter.next_no = number + 1
    s.add(counter)
    s.flush()
    return number


def set_exhibit_counter(s: Session, case_id: int, next_no: int) -> None:
    counter = s.get(ExhibitCounter, case_id) or ExhibitCounter(case_id=case_id)
    counter.next_no = max(counter.next_no, next_no)
    s.add(counter)
    s.flush()


def insert_evidence(s: Session, record: EvidenceRecord, evidence_id: int | None = None) -> int:
    """A row from a record (its ``id`` is ignored unless ``evidence_id`` is given)."""
    row = Evidence(id=evidence_id, **{k: getattr(record, k) for k in EVIDENCE_STORED})
    s.add(row)
    s.flush()
    assert row.id is not None
    touched(s, "evidence", row.id)
    return row.id


def update_evidence(s: Session, evidence_id: int, changes: dict[str, Any]) -> bool:
    touched(s, "evidence", evidence_id)
    return _update_row(s, Evidence, evidence_id, changes)


def delete_evidence(s: Session, evidence_id: int) -> bool:
    row = s.get(Evidence, evidence_id)
    if row is None:
        return False
    touched(s, "evidence", evidence_id)
    s.delete(row)
    s.flush()
    return True


def link_evidence(s: Session, case_id: int, event_id: int, evidence_ids: tuple[int, ...]) -> None:
    """Link evidence of the case that is on no entry to ``event_id`` (undoing a deletion)."""
    for evidence_id in evidence_ids:
        row = s.get(Evidence, evidence_id)
        if row is not None and row.case_id == case_id and row.event_id is None:
            touched(s, "evidence", evidence_id)
            row.event_id = event_id
            s.add(row)
    s.flush()


def record_derived(s: Session, original_sha256: str, kind: str, sha256: str, size: int) -> None:
    """The SHA-256 of a derived file just made (``kind``: ``thumb`` or ``print``)."""
    row = s.get(DerivedFile, (original_sha256, kind))
    if row is None:
        row = DerivedFile(original_sha256=original_sha256, kind=kind, sha256=sha256, size=size,
                          made_at=now())
    else:
        row.sha256, row.size, row.made_at = sha256, size, now()
    s.add(row)
    s.flush()


def put_exhibit_text(s: Session, sha256: str, text: str, lines: str, heights: str,
                     engine: str, error: str) -> None:
    """The text read from an original's bytes (``lines`` and ``heights`` as JSON), replacing
    an earlier one."""
    row = s.get(ExhibitText, sha256)
    if row is None:
        row = ExhibitText(sha256=sha256)
    row.text, row.lines, row.heights = text, lines, heights
    row.engine, row.error, row.read_at = engine, error, now()
    s.add(row)
    s.flush()


def set_captured(s: Session, evidence_ids: list[int], at: datetime | None,
                 source: str | None) -> None:
    """The capture time of exhibits, and where it came from."""
    for evidence_id in evidence_ids:
        touched(s, "evidence", evidence_id)
        _update_row(s, Evidence, evidence_id, {"captured_at": at, "captured_source": source})


def put_redaction(s: Session, evidence_id: int, boxes: str, sha256: str, size: int) -> None:
    """An exhibit's redaction (``boxes`` as JSON), replacing an earlier one."""
    touched(s, "evidence", evidence_id)
    row = s.get(RedactionRow, evidence_id)
    if row is None:
        row = RedactionRow(evidence_id=evidence_id, sha256=sha256, size=size)
    row.boxes, row.sha256, row.size, row.made_at = boxes, sha256, size, now()
    s.add(row)
    s.flush()


def drop_redaction(s: Session, evidence_id: int) -> None:
    touched(s, "evidence", evidence_id)
    row = s.get(RedactionRow, evidence_id)
    if row is not None:
        s.delete(row)
        s.flush()
