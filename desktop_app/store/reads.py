"""Reading records straight from SQLite, without the ORM.

Reads are most of what the window does, and the first screen must come up fast: importing
SQLAlchemy and SQLModel costs more than the rest of start-up together. So every read goes
through these functions over a plain ``sqlite3`` connection; the ORM is loaded on the first
write. Inside a write transaction the services pass the session's own connection, so what they
return includes what they just wrote.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from desktop_app.reading.lines import OcrLine
from desktop_app.records import (
    CaseFields,
    CaseRecord,
    EventFields,
    EventRecord,
    EvidenceRecord,
    ExhibitText,
    InstitutionRecord,
    PromiseData,
    Redaction,
    ReferenceData,
    stored_fields,
)
from desktop_app.store.light_reads import CASE_ORDER
from desktop_app.store.light_reads import connect as connect  # (reads.connect for its callers)
from desktop_app.timeutil import from_utc_text

# The columns read, from the records' one description (desktop_app.records).
INSTITUTION_COLUMNS = stored_fields(InstitutionRecord)
CASE_COLUMNS = ("id", *stored_fields(CaseFields, left_out=("institution_name",)),
                "created_at", "updated_at")
EVENT_FIELD_COLUMNS = stored_fields(EventFields, left_out=("references", "promises"))
EVIDENCE_COLUMNS = stored_fields(EvidenceRecord)


def _time(value: str | None) -> Any:
    return None if value is None else from_utc_text(value)


def institution_from_row(row: Sequence[Any]) -> InstitutionRecord:
    values = dict(zip(INSTITUTION_COLUMNS, row, strict=True))
    values["seeded"] = bool(values["seeded"])
    return InstitutionRecord(**values)


def list_institutions(con: sqlite3.Connection) -> list[InstitutionRecord]:
    cols = ", ".join(INSTITUTION_COLUMNS)
    rows = con.execute(f"SELECT {cols} FROM institution ORDER BY kind, id")
    return [institution_from_row(r) for r in rows]


def get_institution(con: sqlite3.Connection, institution_id: int) -> InstitutionRecord | None:
    cols = ", ".join(INSTITUTION_COLUMNS)
    row = con.execute(f"SELECT {cols} FROM institution WHERE id = ?",
                      (institution_id,)).fetchone()
    return None if row is None else institution_from_row(row)


def find_institution(con: sqlite3.Connection, name: str) -> InstitutionRecord | None:
    """By exact name, else by short or English name (case-insensitive)."""
    wanted = name.strip()
    cols = ", ".join(INSTITUTION_COLUMNS)
    row = con.execute(f"SELECT {cols} FROM institution WHERE name = ?", (wanted,)).fetchone()
    if row is not None:
        return institution_from_row(row)
    folded = wanted.casefold()
    for candidate in list_institutions(con):
        if folded and folded in {candidate.short_name.casefold(), candidate.name_en.casefold(),
                                 candidate.name.casefold()} - {""}:
            return candidate
    return None


def _case_record(row: Sequence[Any], inst: InstitutionRecord, count: int,
                 last: str | None, lodged_event_id: int | None = None) -> CaseRecord:
    v = dict(zip(CASE_COLUMNS, row, strict=True))
    fields = CaseFields(
        title=v["title"], institution_id=v["institution_id"], institution_name=inst.name,
        product=v["product"], category=v["category"],
        amount=None if v["amount"] is None else Decimal(v["amount"]), currency=v["currency"],
        incident_at=_time(v["incident_at"]), transaction_refs=v["transaction_refs"],
        description=v["description"], desired_outcome=v["desired_outcome"], status=v["status"],
        jurisdiction=v["jurisdiction"],
    )
    return CaseRecord(id=v["id"], fields=fields, institution=inst,
                      created_at=_time(v["created_at"]), updated_at=_time(v["updated_at"]),
                      event_count=count, last_event_at=_time(last),
                      lodged_event_id=lodged_event_id)


def _cases(con: sqlite3.Connection, where: str = "", params: Sequence[Any] = ()
           ) -> list[CaseRecord]:
    cols = ", ".join(f'c.{c}' for c in CASE_COLUMNS)
    rows = con.execute(
        f'SELECT {cols}, (SELECT count(*) FROM event e WHERE e.case_id = c.id),'
        f' (SELECT max(e.at) FROM event e WHERE e.case_id = c.id), c.lodged_event_id'
        f' FROM "case" c {where} {CASE_ORDER}', params).fetchall()
    institutions = {i.id: i for i in list_institutions(con)} if rows else {}
    n = len(CASE_COLUMNS)
    return [_case_record(r[:n], institutions[r[2]], r[n], r[n + 1], r[n + 2]) for r in rows]


def list_cases(con: sqlite3.Connection) -> list[CaseRecord]:
    return _cases(con)


def get_case(con: sqlite3.Connection, case_id: int) -> CaseRecord | None:
    found = _cases(con, "WHERE c.id = ?", (case_id,))
    return found[0] if found else None


def _chunks(items: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def load_events(con: sqlite3.Connection, where: str, params: Sequence[Any],
                newest_first: bool = False, limit: int = -1, offset: int = 0
                ) -> list[EventRecord]:
    """Events matching ``where`` (SQL over table ``event``), with references and promises;
    ``limit`` of them (all: -1) from the ``offset``-th on, in time order."""
    order = "DESC" if newest_first else "ASC"
    cols = ", ".join(EVENT_FIELD_COLUMNS)
    rows = con.execute(
        f"SELECT id, case_id, created_at, updated_at, {cols} FROM event WHERE {where}"
        f" ORDER BY at {order}, id {order} LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()
    ids = [r[0] for r in rows]
    refs: dict[int, list[ReferenceData]] = defaultdict(list)
    promises: dict[int, list[PromiseData]] = defaultdict(list)
    evidence: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for event_id, value, label, issued_by in con.execute(
                f"SELECT event_id, value, label, issued_by FROM reference"
                f" WHERE event_id IN ({marks}) ORDER BY position, id", chunk):
            refs[event_id].append(ReferenceData(value, label, issued_by))
        for event_id, text, due, state, note, pid in con.execute(
                f"SELECT event_id, text, due_at, state, state_note, id FROM promise"
                f" WHERE event_id IN ({marks}) ORDER BY position, id", chunk):
            promises[event_id].append(PromiseData(text, _time(due), state, note, pid))
        for event_id, evidence_id in con.execute(
                f"SELECT event_id, id FROM evidence WHERE event_id IN ({marks})"
                f" ORDER BY exhibit_no, id", chunk):
            evidence[event_id].append(evidence_id)
    # Positional construction (the column order is EventFields' own field order): a timeline
    # of 1,000 entries is read at every start-up.
    records = []
    for event_id, case_id, created, updated, at, *rest in rows:
        values = [from_utc_text(at), *rest, tuple(refs.get(event_id, ())),
                  tuple(promises.get(event_id, ()))]
        fields = EventFields(*values)
        records.append(EventRecord(event_id, case_id, fields, _time(created), _time(updated),
                                   tuple(evidence.get(event_id, ()))))
    return records


def case_events(con: sqlite3.Connection, case_id: int, newest_first: bool = False,
                limit: int = -1, offset: int = 0) -> list[EventRecord]:
    return load_events(con, "case_id = ?", (case_id,), newest_first, limit, offset)


def event_count(con: sqlite3.Connection, case_id: int) -> int:
    return int(con.execute("SELECT count(*) FROM event WHERE case_id = ?",
                           (case_id,)).fetchone()[0])


def event_position(con: sqlite3.Connection, case_id: int, event_id: int,
                   newest_first: bool = False) -> int | None:
    """How many of the case's events come before ``event_id`` in time order (the row it
    takes), or None if it is not one of them."""
    row = con.execute("SELECT at FROM event WHERE id = ? AND case_id = ?",
                      (event_id, case_id)).fetchone()
    if row is None:
        return None
    before = ">" if newest_first else "<"
    return int(con.execute(
        f"SELECT count(*) FROM event WHERE case_id = ? AND (at {before} ?"
        f" OR (at = ? AND id {before} ?))", (case_id, row[0], row[0], event_id)).fetchone()[0])


def get_event(con: sqlite3.Connection, event_id: int) -> EventRecord | None:
    found = load_events(con, "id = ?", (event_id,))
    return found[0] if found else None


def audit_head(con: sqlite3.Connection) -> str | None:
    row = con.execute("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    return None if row is None else str(row[0])


# ---- evidence ------------------------------------------------------------------------------


def evidence_from_row(row: Sequence[Any]) -> EvidenceRecord:
    v = dict(zip(EVIDENCE_COLUMNS, row, strict=True))
    v["captured_at"] = _time(v["captured_at"])
    v["imported_at"] = from_utc_text(v["imported_at"])
    v["preview"] = bool(v["preview"])
    return EvidenceRecord(**v)


def _evidence(con: sqlite3.Connection, where: str, params: Sequence[Any]
              ) -> list[EvidenceRecord]:
    cols = ", ".join(EVIDENCE_COLUMNS)
    rows = con.execute(f"SELECT {cols} FROM evidence WHERE {where}"
                       f" ORDER BY case_id, exhibit_no, id", params)
    return [evidence_from_row(r) for r in rows]


def case_evidence(con: sqlite3.Connection, case_id: int) -> list[EvidenceRecord]:
    """A case's evidence by exhibit number."""
    return _evidence(con, "case_id = ?", (case_id,))


def get_evidence(con: sqlite3.Connection, evidence_id: int) -> EvidenceRecord | None:
    found = _evidence(con, "id = ?", (evidence_id,))
    return found[0] if found else None


def find_evidence(con: sqlite3.Connection, case_id: int, sha256: str) -> EvidenceRecord | None:
    """The evidence of a case holding these bytes, if any."""
    found = _evidence(con, "case_id = ? AND sha256 = ?", (case_id, sha256))
    return found[0] if found else None


def next_exhibit_no(con: sqlite3.Connection, case_id: int) -> int:
    row = con.execute("SELECT next_no FROM exhibit_counter WHERE case_id = ?",
                      (case_id,)).fetchone()
    highest = con.execute("SELECT max(exhibit_no) FROM evidence WHERE case_id = ?",
                          (case_id,)).fetchone()[0]
    return max(row[0] if row else 1, (highest or 0) + 1)


def own_email_fields(con: sqlite3.Connection) -> list[str]:
    """Address fields that hold the user's own addresses: who sent what the user sent (out),
    and who received what the user received (in), over every case."""
    rows = con.execute(
        "SELECT email_from FROM event WHERE direction = 'out' AND email_from != ''"
        " UNION SELECT email_to FROM event WHERE direction = 'in' AND email_to != ''")
    return [r[0] for r in rows]


def derived_digests(con: sqlite3.Connection, originals: Iterable[str]
                    ) -> dict[tuple[str, str], str]:
    """The recorded SHA-256 of each derived file of these originals: (original, kind) -> it."""
    found: dict[tuple[str, str], str] = {}
    wanted = sorted(set(originals))
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        marks = ", ".join("?" * len(part))
        for original, kind, digest in con.execute(
                "SELECT original_sha256, kind, sha256 FROM derived_file"
                f" WHERE original_sha256 IN ({marks})", part):
            found[(original, kind)] = digest
    return found


def redactions(con: sqlite3.Connection, evidence_ids: Iterable[int]) -> dict[int, Redaction]:
    """The redaction of each of these exhibits that has one."""
    found: dict[int, Redaction] = {}
    wanted = sorted(set(evidence_ids))
    for part in _chunks(wanted):
        marks = ", ".join("?" * len(part))
        for evidence_id, boxes, sha256, size, made_at in con.execute(
                "SELECT evidence_id, boxes, sha256, size, made_at FROM redaction"
                f" WHERE evidence_id IN ({marks})", part):
            try:  # [x, y, w, h] on a picture; [x, y, w, h, page] on a PDF exhibit's page
                raw = json.loads(boxes or "[]")
                parsed = tuple((int(b[0]), int(b[1]), int(b[2]), int(b[3])) for b in raw)
                pages = tuple(int(b[4]) for b in raw) if any(len(b) > 4 for b in raw) else ()
            except (ValueError, TypeError, IndexError):  # damaged JSON: the copy still stands
                parsed, pages = (), ()
            found[evidence_id] = Redaction(evidence_id, parsed, sha256, size,
                                           from_utc_text(made_at), pages)
    return found


# ---- text read from exhibits -----------------------------------------------------------------


def _exhibit_text(row: Sequence[Any]) -> ExhibitText:
    sha256, text, lines, heights, engine, read_at, error = row
    try:
        parsed = tuple(OcrLine.from_json(item) for item in json.loads(lines or "[]"))
        sizes = tuple(float(h) for h in json.loads(heights or "[]"))
    except (ValueError, KeyError, TypeError):  # damaged JSON: the text alone is still good
        parsed, sizes = (), ()
    return ExhibitText(sha256=sha256, text=text or "", lines=parsed, heights=sizes,
                       engine=engine or "", read_at=from_utc_text(read_at), error=error or "")


def exhibit_texts(con: sqlite3.Connection, originals: Iterable[str]) -> dict[str, ExhibitText]:
    """The text read from each of these originals (by SHA-256) that has been read."""
    found: dict[str, ExhibitText] = {}
    wanted = sorted(set(originals))
    for start in range(0, len(wanted), 500):
        part = wanted[start:start + 500]
        marks = ", ".join("?" * len(part))
        for row in con.execute("SELECT sha256, text, lines, heights, engine, read_at, error"
                               f" FROM exhibit_text WHERE sha256 IN ({marks})", part):
            found[row[0]] = _exhibit_text(row)
    return found


def evidence_with_sha256(con: sqlite3.Connection, sha256: str) -> list[EvidenceRecord]:
    """Every exhibit (of any case) holding these bytes."""
    return _evidence(con, "sha256 = ?", (sha256,))


def unread_evidence(con: sqlite3.Connection, mimes: Iterable[str],
                    case_id: int | None = None) -> list[EvidenceRecord]:
    """Exhibits of these kinds whose bytes have not been read (tried) yet, oldest first."""
    kinds = sorted(set(mimes))
    where = (f"mime IN ({', '.join('?' * len(kinds))})"
             " AND NOT EXISTS (SELECT 1 FROM exhibit_text t WHERE t.sha256 = evidence.sha256)")
    params: list[Any] = list(kinds)
    if case_id is not None:
        where += " AND case_id = ?"
        params.append(case_id)
    return _evidence(con, where, params)
