"""Use cases: the only code that writes. Each call is one transaction plus one audit entry.

Reads go through :mod:`desktop_app.store.reads` over plain sqlite3 (fast, no ORM import at
start-up); writes go through :mod:`desktop_app.store.writes` (SQLModel), loaded on the first write.
"""

from __future__ import annotations

import dataclasses
import enum
import os
import sqlite3
import stat
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from desktop_app.errors import Invalid, NotFound
from desktop_app.i18n import tr
from desktop_app.records import (
    CaseFields,
    CaseRecord,
    CaseSnapshot,
    EventFields,
    EventRecord,
    EvidenceRecord,
    ImportOutcome,
    InstitutionRecord,
    PromiseData,
)
from desktop_app.store import reads
from desktop_app.store.paths import DataPaths, resolve_data_dir
from desktop_app.store.revision import HEAD, check_not_newer, read_schema_state
from desktop_app.timeutil import iso, now
from desktop_app.timeutil import now as current_time  # where a parameter is called ``now``
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
    from concurrent.futures import Future, ProcessPoolExecutor

    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from desktop_app.deadlines import Clock, DueItem
    from desktop_app.evidence.file_store import EvidenceStore, StoredFile
    from desktop_app.evidence.mail import ParsedEmail
    from desktop_app.store.audit_log import ChainProblem
    from desktop_app.store.search import SearchHit

MAX_DURATION_SECONDS = 2**63 - 1  # SQLite's largest INTEGER
INSTITUTION_FIELDS = frozenset({"name", "short_name", "name_en", "kind", "hotline", "email",
                                "website", "notes"})


class Unset(enum.Enum):
    """The type of :data:`UNSET`: "leave this as it is" where None is a value."""

    UNSET = "UNSET"


UNSET: Final = Unset.UNSET

# Derivatives go to worker processes when a drop holds at least this many images.
POOL_MIN_IMAGES = 4
MAX_WORKERS = 8


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


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _refusal(path: Path) -> str | None:
    """Why a path cannot be imported as one file, or None when it can."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return tr("no such file")
    except PermissionError:
        return tr("the file cannot be read: permission denied")
    except (OSError, ValueError) as exc:
        reason = _os_reason(exc) if isinstance(exc, OSError) else str(exc)
        return tr("the file cannot be read: {reason}", reason=reason)
    if stat.S_ISDIR(st.st_mode):
        return tr("it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        return tr("it is not a regular file (a device, pipe or socket)")
    if st.st_size == 0:
        return tr("the file is empty")
    return None


def _preview_note(code: str | None, mime: str) -> str:
    from desktop_app.evidence import renditions

    if code == renditions.PREVIEW_UNDECODABLE:
        return tr("no preview: the image cannot be decoded")
    if code == renditions.PREVIEW_UNSUPPORTED:
        return tr("no preview: {kind} images cannot be shown here",
                  kind=mime.partition("/")[2].upper())
    if code == renditions.PREVIEW_TOO_LARGE:
        return tr("no preview: the image is too large to show")
    if code is None:
        return tr("no preview: it could not be made")
    return ""


def _malformed_note(reason: str) -> str:
    return tr("malformed email, kept as a file: {reason}", reason=reason)


@dataclasses.dataclass(frozen=True)
class _Prepared:
    """A file in the evidence store that is not evidence of the case yet."""

    source: str
    stored: StoredFile
    name: str
    captured_at: datetime | None


@dataclasses.dataclass
class _Pending:
    """One item of a drop on its way: refused already, or stored and maybe being derived."""

    outcome: ImportOutcome | None = None
    prepared: _Prepared | None = None
    future: Future[str] | None = None

    def ready(self) -> bool:
        return self.future is None or self.future.done()


class Casebook:
    """One data directory: the database and the evidence store."""

    def __init__(self, paths: DataPaths, engine: Engine | None = None) -> None:
        self.paths = paths
        self._engine = engine
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._store: EvidenceStore | None = None

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> Casebook:
        """Open a data dir, creating or upgrading its database; a newer one is refused."""
        paths = DataPaths(resolve_data_dir(data_dir))
        paths.ensure()
        state = read_schema_state(paths.database)
        check_not_newer(state, paths.database)
        engine = None
        if state.revision != HEAD:
            from desktop_app.store.engine import open_engine

            engine = open_engine(paths)
        return cls(paths, engine)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from desktop_app.store.engine import make_engine

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
        from desktop_app.store import writes
        from desktop_app.store.engine import write_session

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
                                    tuple(reads.case_events(con, case_id)),
                                    tuple(reads.case_evidence(con, case_id)),
                                    reads.next_exhibit_no(con, case_id))
            w.delete_case(s, case_id)
            w.record_audit(s, "delete", "case", case_id,
                           {"title": snapshot.case.title, "events": len(snapshot.events),
                            "evidence": len(snapshot.evidence)})
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
            for evidence in snapshot.evidence:
                w.insert_evidence(s, evidence, evidence.id)
            if snapshot.next_exhibit_no > 1:
                w.set_exhibit_counter(s, record.id, snapshot.next_exhibit_no)
            if record.lodged_event_id is not None:
                w.set_lodged_event(s, record.id, record.lodged_event_id)
            w.record_audit(s, "restore", "case", record.id,
                           {"title": record.title, "events": len(snapshot.events),
                            "evidence": len(snapshot.evidence)})
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
            if self._case_in(con, record.case_id).lodged_event_id == event_id:
                record = dataclasses.replace(record, lodged=True)  # undo marks it again
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
            w.link_evidence(s, record.case_id, record.id, record.evidence_ids)
            if record.lodged and self._case_in(con, record.case_id).lodged_event_id is None:
                w.set_lodged_event(s, record.case_id, record.id)
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

    # ---- deadlines, letters ----------------------------------------------------------------

    def mark_lodged(self, case_id: int, event_id: int | None) -> CaseRecord:
        """Mark the entry the complaint counts as lodged at (the regulator clock's start);
        None clears the mark, and the clock starts at the first outgoing contact that produced
        a reference number."""
        with self._write() as (s, w, con):
            current = self._case_in(con, case_id)
            if event_id is not None:
                self._require_target(con, case_id, event_id)
            if current.lodged_event_id == event_id:
                return current
            w.set_lodged_event(s, case_id, event_id)
            w.record_audit(s, "lodged", "case", case_id, {"event_id": event_id})
            return self._case_in(con, case_id)

    def _case_and_events(self, case_id: int) -> tuple[CaseRecord, list[EventRecord]]:
        with self._read() as con:
            return self._case_in(con, case_id), reads.case_events(con, case_id)

    @staticmethod
    def _clock_of(case: CaseRecord, events: list[EventRecord], at: datetime) -> Clock | None:
        from desktop_app.deadlines import default_rules, regulator_clock

        return regulator_clock(case, events, default_rules(), at, case.lodged_event_id)

    def case_clock(self, case_id: int, now: datetime | None = None) -> Clock | None:
        """The regulator clock of a case at ``now`` (default: the current time); None when
        no clock runs (no jurisdiction, closed, no rule fits, nothing lodged yet)."""
        case, events = self._case_and_events(case_id)
        return self._clock_of(case, events, now or current_time())

    def clock_for(self, case: CaseRecord, events: Sequence[EventRecord],
                  now: datetime | None = None) -> Clock | None:
        """As :meth:`case_clock`, from a case and its whole timeline the caller already holds."""
        return self._clock_of(case, list(events), now or current_time())

    def due(self, now: datetime | None = None, lang: str = "en") -> list[DueItem]:
        """Every pending or broken promise with a due time and every regulator deadline across
        open cases, soonest first (regulator items worded in ``lang``)."""
        from desktop_app.deadlines import default_rules, due_items
        from desktop_app.vocab import OPEN_STATUSES

        with self._read() as con:
            cases = [(case, reads.case_events(con, case.id)) for case in reads.list_cases(con)
                     if case.status in OPEN_STATUSES]
        marked = {case.id: case.lodged_event_id for case, _events in cases}
        return due_items(cases, default_rules(), now or current_time(), lang=lang,
                         marked_events=marked)

    def draft_letter(self, case_id: int, kind: str, lang: str, promise_id: int | None = None,
                     now: datetime | None = None) -> str:
        """A complaint to the next body or a chaser for a missed promise, as text to edit;
        signed with the profile's details if there is one (the ID number masked).

        A chaser needs a broken promise: ``promise_id``, or every broken promise of the case."""
        from desktop_app.deadlines import broken_promises
        from desktop_app.deadlines.letters import LetterError, draft_letter
        from desktop_app.services.profile import load_profile

        at = now or current_time()
        case, events = self._case_and_events(case_id)
        if kind == "chaser" and promise_id is None and not broken_promises(events, at):
            raise Invalid(tr("case {id} has no broken promise to chase", id=case_id))
        profile = load_profile(self.paths.root)
        signed = {**profile.to_json(), "id_number": profile.masked_id()}
        try:
            return draft_letter(kind, lang, case, events, at, signed, promise_id,
                                self._clock_of(case, events, at))
        except LetterError as exc:
            raise Invalid(str(exc)) from None

    # ---- whole-case views and integrity --------------------------------------------------

    def case_json(self, case_id: int) -> dict[str, Any]:
        """The case as ``casebook case show --json`` prints it."""
        with self._read() as con:
            record = self._case_in(con, case_id)
            events = reads.case_events(con, case_id)
            evidence = reads.case_evidence(con, case_id)
        data = record.to_json()
        clock = self._clock_of(record, events, current_time())
        data["clock"] = None if clock is None else clock.to_json()
        data["events"] = [e.to_json() for e in events]
        data["evidence"] = [e.to_json() for e in evidence]
        return data

    def audit_head(self) -> str:
        from desktop_app.store.audit_log import GENESIS

        with self._read() as con:
            return reads.audit_head(con) or GENESIS

    def verify_audit(self) -> list[ChainProblem]:
        from desktop_app.store import audit_log
        from desktop_app.store.engine import read_session

        with read_session(self.engine) as s:
            return audit_log.verify(s)

    # ---- search --------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Cases, entries and exhibits holding every word of ``query``, newest first."""
        from desktop_app.store import search

        with self._read() as con:
            return search.search(con, query, limit)

    # ---- evidence ------------------------------------------------------------------------

    @property
    def store(self) -> EvidenceStore:
        if self._store is None:
            from desktop_app.evidence.file_store import EvidenceStore

            self._store = EvidenceStore(self.paths.evidence)
            self._store.remove_stale_temp_files()
        return self._store

    @staticmethod
    def _require_case(con: sqlite3.Connection, case_id: int) -> None:
        if con.execute('SELECT 1 FROM "case" WHERE id = ?', (case_id,)).fetchone() is None:
            raise _no_case(case_id)

    def _require_target(self, con: sqlite3.Connection, case_id: int,
                        event_id: int | None) -> None:
        """The case exists, and so does the event, on that case."""
        self._require_case(con, case_id)
        if event_id is None:
            return
        row = con.execute("SELECT case_id FROM event WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            raise _no_event(event_id)
        if row[0] != case_id:
            raise Invalid(tr("entry {event} belongs to another case", event=event_id))

    @staticmethod
    def _evidence_in(con: sqlite3.Connection, evidence_id: int) -> EvidenceRecord:
        record = reads.get_evidence(con, evidence_id)
        if record is None:
            raise NotFound(tr("no evidence with id {id}", id=evidence_id))
        return record

    def list_evidence(self, case_id: int) -> list[EvidenceRecord]:
        """A case's evidence by exhibit number."""
        with self._read() as con:
            self._require_case(con, case_id)
            return reads.case_evidence(con, case_id)

    def get_evidence(self, evidence_id: int) -> EvidenceRecord:
        with self._read() as con:
            return self._evidence_in(con, evidence_id)

    def evidence_file(self, evidence_id: int) -> Path:
        """The original file, byte-for-byte as imported (read-only: never write to it)."""
        record = self.get_evidence(evidence_id)
        path = self.store.locate(record.sha256, record.mime)
        if path is None:
            raise NotFound(tr("the file of {exhibit} is missing from the evidence store",
                              exhibit=record.exhibit))
        return path

    def thumbnail_file(self, evidence_id: int) -> Path | None:
        path = self.store.thumbnail_path(self.get_evidence(evidence_id).sha256)
        return path if path.is_file() else None

    def rendition_file(self, evidence_id: int) -> Path | None:
        """The print rendition (JPEG, upright, long side <= 1600 px) of an image."""
        path = self.store.rendition_path(self.get_evidence(evidence_id).sha256)
        return path if path.is_file() else None

    # -- importing --

    def import_file(self, case_id: int, path: str | os.PathLike[str], *,
                    event_id: int | None = None, caption: str = "", proves: str = "",
                    derive: bool = True) -> ImportOutcome:
        """Import one file. Problems with the file are returned as ``error``, not raised."""
        with self._read() as con:
            self._require_target(con, case_id, event_id)
        source = os.fspath(path)
        prepared = self._prepare_path(source, Path(source))
        if isinstance(prepared, ImportOutcome):
            return prepared
        return self._complete(case_id, event_id, caption, proves, prepared, derive)

    def import_bytes(self, case_id: int, data: bytes, name: str, *,
                     event_id: int | None = None, caption: str = "",
                     proves: str = "") -> ImportOutcome:
        """Import bytes that are no file yet (a screenshot pasted from the clipboard)."""
        from desktop_app.evidence.drops import display_name
        from desktop_app.evidence.sniffing import extension_for

        with self._read() as con:
            self._require_target(con, case_id, event_id)
        if not data:
            return ImportOutcome(name, None, error=tr("the file is empty"))
        try:
            stored = self.store.put_bytes(data)
        except OSError as exc:
            return ImportOutcome(name, None, error=tr("the file could not be stored: {reason}",
                                                      reason=_os_reason(exc)))
        shown = display_name(name) if name.strip() else f"pasted{extension_for(stored.mime)}"
        prepared = self._prepared(name, stored, shown, None)
        return self._complete(case_id, event_id, caption, proves, prepared, derive=True)

    def import_paths(self, case_id: int, paths: Iterable[str | os.PathLike[str]], *,
                     event_id: int | None = None, caption: str = "", proves: str = "",
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     workers: int | None = None) -> list[ImportOutcome]:
        """Import files and folders (the files inside, recursively). Each file is its own
        transaction; a refused file is an outcome with ``error`` and the others go on.

        Thumbnails and print renditions are made in worker processes when there are several
        images. ``progress(done, total)`` follows each file; once ``cancelled()`` is true no
        further file becomes evidence (those done stay).
        """
        from desktop_app.evidence.sniffing import count_images

        with self._read() as con:
            self._require_target(con, case_id, event_id)
        items = self._expand(paths)
        total = len(items)
        cores = min(workers if workers is not None else (os.cpu_count() or 1), MAX_WORKERS)
        use_pool = cores > 1 and count_images(
            (path for _, path, _ in items if path is not None), POOL_MIN_IMAGES
        ) >= POOL_MIN_IMAGES
        pool: ProcessPoolExecutor | None = None
        outcomes: list[ImportOutcome] = []
        window: deque[_Pending] = deque()

        def stop() -> bool:
            return cancelled is not None and cancelled()

        def finish_first() -> None:
            pending = window.popleft()
            outcomes.append(self._finish_pending(case_id, event_id, caption, proves, pending))
            if progress is not None:
                progress(len(outcomes), total)

        try:
            for source, path, error in items:
                if stop():
                    break
                pending = _Pending()
                if path is None:
                    pending.outcome = ImportOutcome(source, None, error=error)
                else:
                    prepared = self._prepare_path(source, path)
                    if isinstance(prepared, ImportOutcome):
                        pending.outcome = prepared
                    else:
                        pending.prepared = prepared
                        if use_pool and self._worth_deriving(case_id, prepared):
                            if pool is None:
                                pool = _derivation_pool(cores)
                            pending.future = self._submit_derivation(pool, prepared)
                            use_pool = pending.future is not None  # a broken pool: here
                window.append(pending)
                while window and (window[0].ready() or len(window) > 2 * cores):
                    if stop():
                        break
                    finish_first()
                else:
                    continue
                break
            while window and not stop():
                finish_first()
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        return outcomes

    def _expand(self, paths: Iterable[str | os.PathLike[str]]
                ) -> list[tuple[str, Path | None, str | None]]:
        """(source, file path or None, refusal) for each file a drop holds."""
        from desktop_app.evidence.drops import files_in_folder

        items: list[tuple[str, Path | None, str | None]] = []
        for given in paths:
            source = os.fspath(given)
            path = Path(source)
            if not path.is_dir():
                items.append((source, path, None))
                continue
            problems: list[OSError] = []
            found = files_in_folder(path, problems.append)
            items.extend((str(f), f, None) for f in found)
            if problems and not found:
                items.append((source, None, tr("the folder cannot be read: {reason}",
                                               reason=_os_reason(problems[0]))))
            elif not found:
                items.append((source, None, tr("the folder has no files to import")))
        return items

    def _prepare_path(self, source: str, path: Path) -> _Prepared | ImportOutcome:
        """Refuse the path, or stream its file into the store."""
        from desktop_app.evidence.drops import display_name, file_mtime
        from desktop_app.evidence.file_store import SourceError

        refusal = _refusal(path)
        if refusal is not None:
            return ImportOutcome(source, None, error=refusal)
        try:
            stored = self.store.put_file(path)
        except SourceError as exc:
            return ImportOutcome(source, None, error=tr("the file cannot be read: {reason}",
                                                        reason=_os_reason(exc)))
        except OSError as exc:
            return ImportOutcome(source, None, error=tr("the file could not be stored: {reason}",
                                                        reason=_os_reason(exc)))
        if stored.size == 0:
            return ImportOutcome(source, None, error=tr("the file is empty"))
        return self._prepared(source, stored, display_name(path), file_mtime(path))

    @staticmethod
    def _prepared(source: str, stored: StoredFile, name: str,
                  file_time: datetime | None) -> _Prepared:
        from desktop_app.evidence.images import image_captured_at

        captured = image_captured_at(stored.path) if stored.mime.startswith("image/") else None
        return _Prepared(source, stored, name, captured or file_time)

    def _worth_deriving(self, case_id: int, prepared: _Prepared) -> bool:
        from desktop_app.evidence.renditions import wants_derivatives

        stored = prepared.stored
        if not wants_derivatives(stored.mime) or self.store.has_preview(stored.sha256):
            return False
        with self._read() as con:
            return reads.find_evidence(con, case_id, stored.sha256) is None

    def _submit_derivation(self, pool: ProcessPoolExecutor, prepared: _Prepared
                           ) -> Future[str] | None:
        from concurrent.futures.process import BrokenProcessPool

        from desktop_app.evidence.renditions import make_derivatives

        args = self.store.derive_args(prepared.stored.sha256, prepared.stored.mime)
        if args is None:
            return None
        try:
            return pool.submit(make_derivatives, *args)
        except (BrokenProcessPool, RuntimeError):  # workers could not start: derive in-process
            return None

    def _finish_pending(self, case_id: int, event_id: int | None, caption: str, proves: str,
                        pending: _Pending) -> ImportOutcome:
        if pending.outcome is not None:
            return pending.outcome
        assert pending.prepared is not None
        derivation: str | None = None
        if pending.future is not None:
            try:
                derivation = pending.future.result()
            except Exception:  # a worker died: make them here instead
                derivation = None
        return self._complete(case_id, event_id, caption, proves, pending.prepared, True,
                              derivation)

    def _preview(self, stored: StoredFile, derive: bool,
                 derivation: str | None = None) -> tuple[bool, str]:
        """(preview, note) of a stored file, making its derived files if asked."""
        from desktop_app.evidence.renditions import PREVIEW_OK, wants_derivatives

        if not wants_derivatives(stored.mime):
            return False, ""
        if derivation is None:
            if not derive:
                return self.store.has_preview(stored.sha256), ""
            try:
                derivation = self.store.derive(stored.sha256, stored.mime)
            except OSError as exc:
                return False, tr("no preview: it could not be made ({reason})",
                                 reason=_os_reason(exc))
        preview = derivation == PREVIEW_OK and self.store.has_preview(stored.sha256)
        return preview, "" if preview else _preview_note(derivation, stored.mime)

    def _complete(self, case_id: int, event_id: int | None, caption: str, proves: str,
                  prepared: _Prepared, derive: bool,
                  derivation: str | None = None) -> ImportOutcome:
        """A stored file becomes evidence (or an email becomes a timeline entry)."""
        from desktop_app.evidence.sniffing import EMAIL_MIME

        stored = prepared.stored
        with self._read() as con:
            existing = reads.find_evidence(con, case_id, stored.sha256)
        if existing is not None:
            return ImportOutcome(prepared.source, existing, duplicate=True)
        if stored.mime == EMAIL_MIME:
            return self._complete_email(case_id, event_id, caption, proves, prepared, derive)
        preview, note = self._preview(stored, derive, derivation)
        if not note and prepared.name.casefold().endswith(".eml"):
            note = _malformed_note(tr("it does not begin with mail headers"))
        return self._commit_evidence(case_id, event_id, caption, proves, prepared,
                                     prepared.captured_at, preview, note)

    def _commit_evidence(self, case_id: int, event_id: int | None, caption: str, proves: str,
                         prepared: _Prepared, captured_at: datetime | None, preview: bool,
                         note: str) -> ImportOutcome:
        with self._write() as (s, w, con):
            self._require_target(con, case_id, event_id)
            existing = reads.find_evidence(con, case_id, prepared.stored.sha256)
            if existing is not None:
                return ImportOutcome(prepared.source, existing, duplicate=True)
            record = self._insert_evidence(s, w, con, case_id, event_id, prepared.name,
                                           prepared.stored, captured_at, caption, proves,
                                           note, preview)
            w.touch_case(s, case_id)
            w.record_audit(s, "import", "evidence", record.id, record.to_json())
            return ImportOutcome(prepared.source, record)

    @staticmethod
    def _insert_evidence(s: Session, w: ModuleType, con: sqlite3.Connection, case_id: int,
                         event_id: int | None, name: str, stored: StoredFile,
                         captured_at: datetime | None, caption: str, proves: str, note: str,
                         preview: bool) -> EvidenceRecord:
        draft = EvidenceRecord(
            id=0, case_id=case_id, exhibit_no=w.take_exhibit_no(s, case_id),
            sha256=stored.sha256, size=stored.size, mime=stored.mime, original_name=name,
            captured_at=captured_at, imported_at=now(), caption=caption.strip(),
            proves=proves.strip(), event_id=event_id, note=note, preview=preview)
        record = reads.get_evidence(con, w.insert_evidence(s, draft))
        assert record is not None
        return record

    def _complete_email(self, case_id: int, event_id: int | None, caption: str, proves: str,
                        prepared: _Prepared, derive: bool) -> ImportOutcome:
        from desktop_app.evidence.mail import MAX_EMAIL_BYTES, MalformedEmail, parse_email

        stored = prepared.stored
        parsed: ParsedEmail | None = None
        note = ""
        if stored.size > MAX_EMAIL_BYTES:
            note = _malformed_note(tr("it is too large to read as an email"))
        else:
            try:
                parsed = parse_email(stored.path.read_bytes())
            except MalformedEmail as exc:
                note = _malformed_note(exc.reason)
        if parsed is None or event_id is not None:
            # kept as a file: on the entry it was dropped on, or (malformed) on none
            captured = parsed.date if parsed is not None and parsed.date else None
            return self._commit_evidence(case_id, event_id, caption, proves, prepared,
                                         captured or prepared.captured_at, False, note)
        return self._import_email_event(case_id, caption, proves, prepared, parsed, derive)

    def _email_direction(self, parsed: ParsedEmail) -> str:
        """"out" when the sender is an address the user has used before, else "in"."""
        from email.utils import getaddresses

        sender = parsed.sender[0].address.casefold() if parsed.sender else ""
        if not sender:
            return Direction.IN
        with self._read() as con:
            fields = reads.own_email_fields(con)
        own = {address.casefold() for _, address in getaddresses(fields) if address}
        return Direction.OUT if sender in own else Direction.IN

    def _import_email_event(self, case_id: int, caption: str, proves: str,
                            prepared: _Prepared, parsed: ParsedEmail,
                            derive: bool) -> ImportOutcome:
        """The email becomes a timeline entry with the .eml and its attachments as evidence,
        all in one transaction."""
        from desktop_app.evidence.drops import display_name
        from desktop_app.evidence.images import image_captured_at
        from desktop_app.evidence.mail import format_addresses
        from desktop_app.evidence.sniffing import extension_for

        notes = []
        if parsed.date is None:
            notes.append(tr("the message has no readable date; the file's time is used"))
        if parsed.incomplete:
            notes.append(tr("the message may be cut off: its closing MIME boundary is missing"))
        if parsed.empty_attachments:
            notes.append(tr("empty attachments left out: {names}",
                            names=", ".join(parsed.empty_attachments)))
        attachments: list[tuple[str, StoredFile, datetime | None, bool, str]] = []
        for attachment in parsed.attachments:
            try:
                stored = self.store.put_bytes(attachment.data)
            except OSError as exc:
                return ImportOutcome(prepared.source, None,
                                     error=tr("the file could not be stored: {reason}",
                                              reason=_os_reason(exc)))
            name = display_name(attachment.filename.replace("\\", "/")).strip()
            name = name or f"attachment{extension_for(stored.mime)}"
            captured = (image_captured_at(stored.path) if stored.mime.startswith("image/")
                        else None) or parsed.date
            preview, preview_note = self._preview(stored, derive)
            attachments.append((name, stored, captured, preview, preview_note))

        direction = self._email_direction(parsed)
        other = parsed.sender if direction == Direction.IN else parsed.to
        at = parsed.date or prepared.captured_at or now()
        fields = validate_event(EventFields(
            at=at, channel=Channel.EMAIL, direction=direction,
            counterpart=(other[0].name or other[0].address) if other else "",
            email_from=format_addresses(parsed.sender), email_to=format_addresses(parsed.to),
            email_cc=format_addresses(parsed.cc), summary=parsed.subject, details=parsed.body))

        with self._write() as (s, w, con):
            self._require_case(con, case_id)
            existing = reads.find_evidence(con, case_id, prepared.stored.sha256)
            if existing is not None:
                return ImportOutcome(prepared.source, existing, duplicate=True)
            event_id = w.insert_event(s, case_id, fields)
            w.touch_case(s, case_id)
            message = self._insert_evidence(s, w, con, case_id, event_id, prepared.name,
                                            prepared.stored, at, caption, proves,
                                            "; ".join(notes), False)
            records = []
            for name, stored, captured, preview, preview_note in attachments:
                if reads.find_evidence(con, case_id, stored.sha256) is not None:
                    continue  # already evidence of this case
                records.append(self._insert_evidence(s, w, con, case_id, event_id, name,
                                                     stored, captured, "", "", preview_note,
                                                     preview))
            event = self._event_in(con, event_id)
            w.record_audit(s, "import_email", "event", event_id, {
                "event": event.to_json(),
                "evidence": [message.to_json(), *(r.to_json() for r in records)]})
            return ImportOutcome(prepared.source, message, created_event_id=event_id,
                                 attachments=tuple(records))

    # -- editing --

    def update_evidence(self, evidence_id: int, *, caption: str | None = None,
                        proves: str | None = None,
                        event_id: int | Unset | None = UNSET) -> EvidenceRecord:
        """Change the caption, what it proves, or the entry it belongs to (None: no entry)."""
        with self._write() as (s, w, con):
            current = self._evidence_in(con, evidence_id)
            changes: dict[str, Any] = {}
            if caption is not None:
                changes["caption"] = caption.strip()
            if proves is not None:
                changes["proves"] = proves.strip()
            if not isinstance(event_id, Unset):
                if event_id is not None:
                    self._require_target(con, current.case_id, event_id)
                changes["event_id"] = event_id
            changes = {k: v for k, v in changes.items() if getattr(current, k) != v}
            if not changes:
                return current
            w.update_evidence(s, evidence_id, changes)
            w.touch_case(s, current.case_id)
            w.record_audit(s, "update", "evidence", evidence_id, changes)
            return self._evidence_in(con, evidence_id)

    def remove_evidence(self, evidence_id: int) -> EvidenceRecord:
        """Take evidence off its case. The file stays in the store and the exhibit number is
        not reused; the record returned brings it back with ``restore_evidence``."""
        with self._write() as (s, w, con):
            record = self._evidence_in(con, evidence_id)
            w.delete_evidence(s, evidence_id)
            w.touch_case(s, record.case_id)
            w.record_audit(s, "remove", "evidence", evidence_id, record.to_json())
            return record

    def restore_evidence(self, record: EvidenceRecord) -> EvidenceRecord:
        """Undo a removal (or an import): the same id and exhibit number."""
        with self._write() as (s, w, con):
            self._require_case(con, record.case_id)
            if reads.get_evidence(con, record.id) is not None:
                raise Invalid(tr("evidence {id} exists already", id=record.id))
            if con.execute("SELECT 1 FROM evidence WHERE case_id = ? AND exhibit_no = ?",
                           (record.case_id, record.exhibit_no)).fetchone():
                raise Invalid(tr("exhibit {exhibit} exists already", exhibit=record.exhibit))
            same = reads.find_evidence(con, record.case_id, record.sha256)
            if same is not None:
                raise Invalid(tr("the same file is in this case already as {exhibit}",
                                 exhibit=same.exhibit))
            if self.store.locate(record.sha256, record.mime) is None:
                raise Invalid(tr("the file of {exhibit} is missing from the evidence store",
                                 exhibit=record.exhibit))
            event_id = record.event_id
            if event_id is not None and con.execute(
                    "SELECT 1 FROM event WHERE id = ? AND case_id = ?",
                    (event_id, record.case_id)).fetchone() is None:
                event_id = None  # its entry is gone meanwhile
            w.insert_evidence(s, dataclasses.replace(record, event_id=event_id), record.id)
            w.set_exhibit_counter(s, record.case_id, record.exhibit_no + 1)
            w.touch_case(s, record.case_id)
            restored = self._evidence_in(con, record.id)
            w.record_audit(s, "restore", "evidence", record.id, restored.to_json())
            return restored

    def make_derivatives(self, evidence_id: int) -> EvidenceRecord:
        """Make the thumbnail and print rendition of an image if they are missing, and record
        whether there is a preview. Idempotent: nothing is written when nothing changed."""
        from desktop_app.evidence.renditions import PREVIEW_OK, wants_derivatives

        record = self.get_evidence(evidence_id)
        if not wants_derivatives(record.mime):
            return record
        code: str | None
        try:
            code = self.store.derive(record.sha256, record.mime)
        except OSError:
            code = None
        preview = code == PREVIEW_OK and self.store.has_preview(record.sha256)
        note = "" if preview else _preview_note(code, record.mime)
        if (preview, note) == (record.preview, record.note):
            return record
        with self._write() as (s, w, con):
            self._evidence_in(con, evidence_id)
            w.update_evidence(s, evidence_id, {"preview": preview, "note": note})
            w.record_audit(s, "derive", "evidence", evidence_id,
                           {"preview": preview, "note": note})
            return self._evidence_in(con, evidence_id)


def _derivation_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes for thumbnails and renditions. Spawned, not forked: the caller may be
    a thread of a Qt application, and forking a process that has threads is unsafe."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from desktop_app.evidence.renditions import lower_priority

    return ProcessPoolExecutor(max_workers=workers,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=lower_priority)
