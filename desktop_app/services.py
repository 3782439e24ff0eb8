"""Use cases: the only code that writes. Each call is one transaction plus one audit entry.

Reads go through :mod:`desktop_app.reads` over plain sqlite3 (fast, no ORM import at start-up);
writes go through :mod:`desktop_app.writes` (SQLModel), loaded on the first write.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desktop_app import reads
from desktop_app.i18n import tr
from desktop_app.paths import DataPaths, resolve_data_dir
from desktop_app.records import (
    CaseFields,
    CaseRecord,
    CaseSnapshot,
    EventFields,
    EventRecord,
    InstitutionRecord,
    PromiseData,
)
from desktop_app.schema import HEAD, check_not_newer, read_schema_state
from desktop_app.timeutil import iso
from desktop_app.vocab import (
    Category,
    Channel,
    Direction,
    InstitutionKind,
    Jurisdiction,
    PromiseState,
    Status,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from desktop_app.audit import ChainProblem

MAX_DURATION_SECONDS = 2**63 - 1  # SQLite's largest INTEGER
INSTITUTION_FIELDS = frozenset({"name", "short_name", "name_en", "kind", "hotline", "email",
                                "website", "notes"})


class ServiceError(Exception):
    """A refused request; the message is for the user."""


class NotFound(ServiceError, LookupError):
    pass


class Invalid(ServiceError, ValueError):
    pass


def _check_choice(value: str, allowed: Iterable[str], what: str) -> str:
    choices = [str(a) for a in allowed]
    if value not in choices:
        raise Invalid(tr("unknown {what} {value!r}; choose one of: {choices}",
                         what=what, value=value, choices=", ".join(choices)))
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return iso(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    return value


def _fields_payload(fields: Any) -> dict[str, Any]:
    return {k: _plain(v) for k, v in dataclasses.asdict(fields).items()}


def _no_case(case_id: int) -> NotFound:
    return NotFound(tr("no case with id {id}", id=case_id))


def _no_event(event_id: int) -> NotFound:
    return NotFound(tr("no event with id {id}", id=event_id))


def _no_institution(institution_id: int) -> NotFound:
    return NotFound(tr("no institution with id {id}", id=institution_id))


def validate_case(fields: CaseFields) -> CaseFields:
    title = fields.title.strip()
    if not title:
        raise Invalid(tr("a case needs a title"))
    _check_choice(fields.status, Status, tr("status"))
    _check_choice(fields.category, Category, tr("category"))
    _check_choice(fields.jurisdiction, Jurisdiction, tr("jurisdiction"))
    if fields.institution_id is None and not fields.institution_name.strip():
        raise Invalid(tr("a case needs the institution it is against"))
    amount = fields.amount
    if amount is not None:
        if not amount.is_finite() or amount < 0:
            raise Invalid(tr("the amount must be a positive number"))
        if amount.as_tuple().exponent > -2:  # type: ignore[operator]
            try:
                amount = amount.quantize(Decimal("0.01"))
            except InvalidOperation:
                raise Invalid(tr("the amount is too large")) from None
    currency = fields.currency.strip().upper() or "CNY"
    return dataclasses.replace(fields, title=title, currency=currency, amount=amount)


def validate_event(fields: EventFields) -> EventFields:
    _check_choice(fields.channel, Channel, tr("channel"))
    _check_choice(fields.direction, Direction, tr("direction"))
    if fields.at.tzinfo is None:
        raise Invalid(tr("the time of an event needs a time zone"))
    if fields.duration_seconds is not None and fields.duration_seconds < 0:
        raise Invalid(tr("a duration cannot be negative"))
    if fields.duration_seconds is not None and fields.duration_seconds > MAX_DURATION_SECONDS:
        raise Invalid(tr("the duration is too long"))
    refs = tuple(dataclasses.replace(r, value=r.value.strip(), label=r.label.strip())
                 for r in fields.references if r.value.strip())
    promises = []
    for p in fields.promises:
        if not p.text.strip():
            continue
        _check_choice(p.state, PromiseState, tr("promise state"))
        if p.due_at is not None and p.due_at.tzinfo is None:
            raise Invalid(tr("a promise's due time needs a time zone"))
        promises.append(dataclasses.replace(p, text=p.text.strip()))
    return dataclasses.replace(fields, references=refs, promises=tuple(promises))


class Casebook:
    """One data directory: the database (and, later, the evidence store)."""

    def __init__(self, paths: DataPaths, engine: Engine | None = None) -> None:
        self.paths = paths
        self._engine = engine
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> Casebook:
        """Open a data dir, creating or upgrading its database; a newer one is refused."""
        paths = DataPaths(resolve_data_dir(data_dir))
        paths.ensure()
        state = read_schema_state(paths.database)
        check_not_newer(state, paths.database)
        engine = None
        if state.revision != HEAD:
            from desktop_app.db import open_engine

            engine = open_engine(paths)
        return cls(paths, engine)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from desktop_app.db import make_engine

            self._engine = make_engine(self.paths.database)
        return self._engine

    def close(self) -> None:
        with self._lock:
            for con in self._connections:
                con.close()
            self._connections.clear()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Casebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions ----------------------------------------------------------------------

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for one read (a connection per thread)."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = reads.connect(self.paths.database)
            self._local.con = con
            with self._lock:
                self._connections.append(con)
        con.execute("BEGIN")
        try:
            yield con
        finally:
            con.execute("COMMIT")

    @contextmanager
    def _write(self) -> Iterator[tuple[Session, ModuleType, sqlite3.Connection]]:
        """One write transaction: (session, the writes module, the session's raw connection)."""
        from desktop_app import writes
        from desktop_app.db import write_session

        with write_session(self.engine) as s:
            yield s, writes, writes.raw_connection(s)

    # ---- institutions -------------------------------------------------------------------

    def list_institutions(self) -> list[InstitutionRecord]:
        with self._read() as con:
            return reads.list_institutions(con)

    def get_institution(self, institution_id: int) -> InstitutionRecord:
        with self._read() as con:
            record = reads.get_institution(con, institution_id)
        if record is None:
            raise _no_institution(institution_id)
        return record

    def find_institution(self, name: str) -> InstitutionRecord | None:
        with self._read() as con:
            return reads.find_institution(con, name)

    def add_institution(self, name: str, kind: str = InstitutionKind.BANK, hotline: str = "",
                        email: str = "", website: str = "", short_name: str = "",
                        name_en: str = "", notes: str = "") -> InstitutionRecord:
        name = name.strip()
        if not name:
            raise Invalid(tr("an institution needs a name"))
        _check_choice(kind, InstitutionKind, tr("institution kind"))
        with self._write() as (s, w, con):
            if reads.find_institution(con, name) is not None and con.execute(
                    "SELECT 1 FROM institution WHERE name = ?", (name,)).fetchone():
                raise Invalid(tr("the directory already has {name}", name=name))
            new_id = w.insert_institution(s, name=name, kind=kind, hotline=hotline, email=email,
                                          website=website, short_name=short_name,
                                          name_en=name_en, notes=notes)
            record = reads.get_institution(con, new_id)
            assert record is not None
            w.record_audit(s, "create", "institution", new_id, record.to_json())
            return record

    def update_institution(self, institution_id: int, **changes: str) -> InstitutionRecord:
        unknown = set(changes) - INSTITUTION_FIELDS
        if unknown:
            raise Invalid(tr("unknown institution fields: {names}",
                             names=", ".join(sorted(unknown))))
        if "kind" in changes:
            _check_choice(changes["kind"], InstitutionKind, tr("institution kind"))
        if "name" in changes:
            changes["name"] = changes["name"].strip()
            if not changes["name"]:
                raise Invalid(tr("an institution needs a name"))
        with self._write() as (s, w, con):
            if not w.update_institution(s, institution_id, changes):
                raise _no_institution(institution_id)
            w.record_audit(s, "update", "institution", institution_id, changes)
            record = reads.get_institution(con, institution_id)
            assert record is not None
            return record

    def _resolve_institution(self, s: Session, w: ModuleType, con: sqlite3.Connection,
                             fields: CaseFields) -> int:
        """The institution's id; a name not in the directory is added (and audited)."""
        if fields.institution_id is not None:
            if reads.get_institution(con, fields.institution_id) is None:
                raise _no_institution(fields.institution_id)
            return fields.institution_id
        name = fields.institution_name.strip()
        found = reads.find_institution(con, name)
        if found is not None:
            return found.id
        new_id: int = w.insert_institution(s, name=name, kind=InstitutionKind.OTHER)
        record = reads.get_institution(con, new_id)
        assert record is not None
        w.record_audit(s, "create", "institution", new_id, record.to_json())
        return new_id

    # ---- cases ---------------------------------------------------------------------------

    def list_cases(self) -> list[CaseRecord]:
        with self._read() as con:
            return reads.list_cases(con)

    def get_case(self, case_id: int) -> CaseRecord:
        with self._read() as con:
            return self._case_in(con, case_id)

    @staticmethod
    def _case_in(con: sqlite3.Connection, case_id: int) -> CaseRecord:
        record = reads.get_case(con, case_id)
        if record is None:
            raise _no_case(case_id)
        return record

    def create_case(self, fields: CaseFields) -> CaseRecord:
        fields = validate_case(fields)
        with self._write() as (s, w, con):
            institution_id = self._resolve_institution(s, w, con, fields)
            case_id = w.insert_case(s, fields, institution_id)
            record = self._case_in(con, case_id)
            w.record_audit(s, "create", "case", case_id, _fields_payload(record.fields))
            return record

    def update_case(self, case_id: int, fields: CaseFields) -> CaseRecord:
        fields = validate_case(fields)
        with self._write() as (s, w, con):
            if reads.get_case(con, case_id) is None:
                raise _no_case(case_id)
            institution_id = self._resolve_institution(s, w, con, fields)
            w.update_case(s, case_id, fields, institution_id)
            record = self._case_in(con, case_id)
            w.record_audit(s, "update", "case", case_id, _fields_payload(record.fields))
            return record

    def set_case_status(self, case_id: int, status: str) -> CaseRecord:
        _check_choice(status, Status, tr("status"))
        with self._write() as (s, w, con):
            current = reads.get_case(con, case_id)
            if current is None:
                raise _no_case(case_id)
            w.update_case(s, case_id, dataclasses.replace(current.fields, status=status),
                          current.institution.id)
            w.record_audit(s, "status", "case", case_id, {"status": status})
            return self._case_in(con, case_id)

    def delete_case(self, case_id: int) -> CaseSnapshot:
        """Delete a case with its timeline; the snapshot returned can restore it exactly."""
        with self._write() as (s, w, con):
            snapshot = CaseSnapshot(self._case_in(con, case_id),
                                    tuple(reads.case_events(con, case_id)))
            w.delete_case(s, case_id)
            w.record_audit(s, "delete", "case", case_id,
                           {"title": snapshot.case.title, "events": len(snapshot.events)})
            return snapshot

    def restore_case(self, snapshot: CaseSnapshot) -> CaseRecord:
        """Undo a deletion: the case and its events come back with their ids."""
        record = snapshot.case
        with self._write() as (s, w, con):
            if reads.get_case(con, record.id) is not None:
                raise Invalid(tr("case {id} exists already", id=record.id))
            institution_id = self._resolve_institution(s, w, con, record.fields)
            w.insert_case(s, record.fields, institution_id, record.id, record.created_at,
                          record.updated_at)
            for event in snapshot.events:
                w.insert_event(s, record.id, event.fields, event.id, event.created_at,
                               event.updated_at)
            w.record_audit(s, "restore", "case", record.id,
                           {"title": record.title, "events": len(snapshot.events)})
            return self._case_in(con, record.id)

    # ---- events --------------------------------------------------------------------------

    def list_events(self, case_id: int, newest_first: bool = False) -> list[EventRecord]:
        with self._read() as con:
            if reads.get_case(con, case_id) is None:
                raise _no_case(case_id)
            return reads.case_events(con, case_id, newest_first)

    def get_event(self, event_id: int) -> EventRecord:
        with self._read() as con:
            return self._event_in(con, event_id)

    @staticmethod
    def _event_in(con: sqlite3.Connection, event_id: int) -> EventRecord:
        record = reads.get_event(con, event_id)
        if record is None:
            raise _no_event(event_id)
        return record

    def add_event(self, case_id: int, fields: EventFields) -> EventRecord:
        fields = validate_event(fields)
        with self._write() as (s, w, con):
            if not w.case_exists(s, case_id):
                raise _no_case(case_id)
            event_id = w.insert_event(s, case_id, fields)
            w.touch_case(s, case_id)
            record = self._event_in(con, event_id)
            w.record_audit(s, "create", "event", event_id, record.to_json())
            return record

    def update_event(self, event_id: int, fields: EventFields) -> EventRecord:
        fields = validate_event(fields)
        with self._write() as (s, w, con):
            case_id = w.update_event(s, event_id, fields)
            if case_id is None:
                raise _no_event(event_id)
            w.touch_case(s, case_id)
            record = self._event_in(con, event_id)
            w.record_audit(s, "update", "event", event_id, record.to_json())
            return record

    def delete_event(self, event_id: int) -> EventRecord:
        """Delete an entry; the record returned can bring it back with ``restore_event``."""
        with self._write() as (s, w, con):
            record = self._event_in(con, event_id)
            w.delete_event(s, event_id)
            w.touch_case(s, record.case_id)
            w.record_audit(s, "delete", "event", event_id, record.to_json())
            return record

    def restore_event(self, record: EventRecord) -> EventRecord:
        fields = validate_event(record.fields)
        with self._write() as (s, w, con):
            if not w.case_exists(s, record.case_id):
                raise _no_case(record.case_id)
            if w.event_exists(s, record.id):
                raise Invalid(tr("event {id} exists already", id=record.id))
            w.insert_event(s, record.case_id, fields, record.id, record.created_at,
                           record.updated_at)
            w.touch_case(s, record.case_id)
            restored = self._event_in(con, record.id)
            w.record_audit(s, "restore", "event", record.id, restored.to_json())
            return restored

    def set_promise_state(self, promise_id: int, state: str, note: str = "") -> PromiseData:
        _check_choice(state, PromiseState, tr("promise state"))
        with self._write() as (s, w, con):
            if not w.set_promise_state(s, promise_id, state, note):
                raise NotFound(tr("no promise with id {id}", id=promise_id))
            w.record_audit(s, "state", "promise", promise_id, {"state": state, "note": note})
            text, due, state_now, note_now = con.execute(
                "SELECT text, due_at, state, state_note FROM promise WHERE id = ?",
                (promise_id,)).fetchone()
            from desktop_app.timeutil import from_utc_text

            return PromiseData(text, from_utc_text(due) if due else None, state_now, note_now,
                               promise_id)

    # ---- whole-case views and integrity --------------------------------------------------

    def case_json(self, case_id: int) -> dict[str, Any]:
        """The case as ``casebook case show --json`` prints it."""
        with self._read() as con:
            record = self._case_in(con, case_id)
            events = reads.case_events(con, case_id)
        data = record.to_json()
        data["events"] = [e.to_json() for e in events]
        data["evidence"] = []
        return data

    def audit_head(self) -> str:
        from desktop_app.audit import GENESIS

        with self._read() as con:
            return reads.audit_head(con) or GENESIS

    def verify_audit(self) -> list[ChainProblem]:
        from desktop_app import audit
        from desktop_app.db import read_session

        with read_session(self.engine) as s:
            return audit.verify(s)
