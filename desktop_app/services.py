"""Use cases: the only code that writes. Each call is one transaction plus one audit entry."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from desktop_app import audit
from desktop_app.db import open_engine, read_session, write_session
from desktop_app.i18n import tr
from desktop_app.models import Case, Event, Institution, Promise, Reference
from desktop_app.paths import DataPaths, resolve_data_dir
from desktop_app.records import (
    CaseFields,
    CaseRecord,
    CaseSnapshot,
    EventFields,
    EventRecord,
    InstitutionRecord,
    PromiseData,
    ReferenceData,
)
from desktop_app.timeutil import iso, now
from desktop_app.vocab import (
    Category,
    Channel,
    Direction,
    InstitutionKind,
    Jurisdiction,
    PromiseState,
    Status,
)

MAX_DURATION_SECONDS = 2**63 - 1  # SQLite's largest INTEGER


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


def _institution_record(row: Institution) -> InstitutionRecord:
    assert row.id is not None
    return InstitutionRecord(
        id=row.id, name=row.name, short_name=row.short_name, name_en=row.name_en, kind=row.kind,
        hotline=row.hotline, email=row.email, website=row.website, notes=row.notes,
        seeded=row.seeded,
    )


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


class Casebook:
    """One data directory: the database and (later) the evidence store."""

    def __init__(self, paths: DataPaths, engine: Engine) -> None:
        self.paths = paths
        self.engine = engine

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> Casebook:
        paths = DataPaths(resolve_data_dir(data_dir))
        return cls(paths, open_engine(paths))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Casebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- institutions -------------------------------------------------------------------

    def list_institutions(self) -> list[InstitutionRecord]:
        with read_session(self.engine) as s:
            rows = s.exec(select(Institution).order_by(col(Institution.kind),
                                                       col(Institution.id)))
            return [_institution_record(r) for r in rows]

    def get_institution(self, institution_id: int) -> InstitutionRecord:
        with read_session(self.engine) as s:
            row = s.get(Institution, institution_id)
            if row is None:
                raise NotFound(tr("no institution with id {id}", id=institution_id))
            return _institution_record(row)

    @staticmethod
    def _find_institution(s: Session, name: str) -> Institution | None:
        wanted = name.strip()
        row = s.exec(select(Institution).where(Institution.name == wanted)).first()
        if row is None:
            folded = wanted.casefold()
            for candidate in s.exec(select(Institution)):
                names = {candidate.short_name.casefold(), candidate.name_en.casefold()}
                if folded in names - {""}:
                    return candidate
        return row

    def find_institution(self, name: str) -> InstitutionRecord | None:
        with read_session(self.engine) as s:
            row = self._find_institution(s, name)
            return None if row is None else _institution_record(row)

    def add_institution(self, name: str, kind: str = InstitutionKind.BANK, hotline: str = "",
                        email: str = "", website: str = "", short_name: str = "",
                        name_en: str = "", notes: str = "") -> InstitutionRecord:
        name = name.strip()
        if not name:
            raise Invalid(tr("an institution needs a name"))
        _check_choice(kind, InstitutionKind, tr("institution kind"))
        with write_session(self.engine) as s:
            if s.exec(select(Institution).where(Institution.name == name)).first():
                raise Invalid(tr("the directory already has {name}", name=name))
            row = Institution(name=name, kind=kind, hotline=hotline, email=email,
                              website=website, short_name=short_name, name_en=name_en,
                              notes=notes)
            s.add(row)
            s.flush()
            record = _institution_record(row)
            audit.append(s, "create", "institution", record.id, record.to_json())
            return record

    def update_institution(self, institution_id: int, **changes: str) -> InstitutionRecord:
        allowed = {"name", "short_name", "name_en", "kind", "hotline", "email", "website",
                   "notes"}
        unknown = set(changes) - allowed
        if unknown:
            raise Invalid(tr("unknown institution fields: {names}", names=", ".join(unknown)))
        if "kind" in changes:
            _check_choice(changes["kind"], InstitutionKind, tr("institution kind"))
        if "name" in changes and not changes["name"].strip():
            raise Invalid(tr("an institution needs a name"))
        with write_session(self.engine) as s:
            row = s.get(Institution, institution_id)
            if row is None:
                raise NotFound(tr("no institution with id {id}", id=institution_id))
            for key, value in changes.items():
                setattr(row, key, value.strip() if key == "name" else value)
            s.add(row)
            s.flush()
            audit.append(s, "update", "institution", institution_id, changes)
            return _institution_record(row)

    # ---- cases ---------------------------------------------------------------------------

    @staticmethod
    def _validate_case(fields: CaseFields) -> CaseFields:
        title = fields.title.strip()
        if not title:
            raise Invalid(tr("a case needs a title"))
        _check_choice(fields.status, Status, tr("status"))
        _check_choice(fields.category, Category, tr("category"))
        _check_choice(fields.jurisdiction, Jurisdiction, tr("jurisdiction"))
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

    def _resolve_institution(self, s: Session, fields: CaseFields) -> Institution:
        if fields.institution_id is not None:
            row = s.get(Institution, fields.institution_id)
            if row is None:
                raise NotFound(tr("no institution with id {id}", id=fields.institution_id))
            return row
        name = fields.institution_name.strip()
        if not name:
            raise Invalid(tr("a case needs the institution it is against"))
        row = self._find_institution(s, name)
        if row is None:
            row = Institution(name=name, kind=InstitutionKind.OTHER)
            s.add(row)
            s.flush()
            audit.append(s, "create", "institution", row.id, _institution_record(row).to_json())
        return row

    @staticmethod
    def _case_record(row: Case, inst: Institution, count: int = 0,
                     last: Any = None) -> CaseRecord:
        assert row.id is not None
        fields = CaseFields(
            title=row.title, institution_id=row.institution_id, institution_name=inst.name,
            product=row.product, category=row.category, amount=row.amount,
            currency=row.currency, incident_at=row.incident_at,
            transaction_refs=row.transaction_refs, description=row.description,
            desired_outcome=row.desired_outcome, status=row.status,
            jurisdiction=row.jurisdiction,
        )
        return CaseRecord(id=row.id, fields=fields, institution=_institution_record(inst),
                          created_at=row.created_at, updated_at=row.updated_at,
                          event_count=count, last_event_at=last)

    def list_cases(self) -> list[CaseRecord]:
        with read_session(self.engine) as s:
            stats = {
                case_id: (count, last)
                for case_id, count, last in s.exec(
                    select(Event.case_id, func.count(col(Event.id)), func.max(Event.at))
                    .group_by(col(Event.case_id))
                )
            }
            rows = s.exec(select(Case, Institution).join(Institution)
                          .order_by(col(Case.updated_at).desc(), col(Case.id).desc()))
            records = []
            for case, inst in rows:
                count, last = stats.get(case.id, (0, None))
                records.append(self._case_record(case, inst, count,
                                                 _utc_value(last) if last else None))
            return records

    def get_case(self, case_id: int) -> CaseRecord:
        with read_session(self.engine) as s:
            return self._get_case(s, case_id)

    def _get_case(self, s: Session, case_id: int) -> CaseRecord:
        row = s.get(Case, case_id)
        if row is None:
            raise NotFound(tr("no case with id {id}", id=case_id))
        inst = s.get(Institution, row.institution_id)
        assert inst is not None
        count, last = s.exec(select(func.count(col(Event.id)), func.max(Event.at))
                             .where(Event.case_id == case_id)).one()
        return self._case_record(row, inst, count, _utc_value(last) if last else None)

    def create_case(self, fields: CaseFields) -> CaseRecord:
        fields = self._validate_case(fields)
        with write_session(self.engine) as s:
            inst = self._resolve_institution(s, fields)
            row = Case(institution_id=inst.id, **self._case_columns(fields))
            s.add(row)
            s.flush()
            record = self._case_record(row, inst)
            audit.append(s, "create", "case", record.id, _fields_payload(record.fields))
            return record

    @staticmethod
    def _case_columns(fields: CaseFields) -> dict[str, Any]:
        skip = {"institution_id", "institution_name"}
        return {k: getattr(fields, k) for k in CaseFields.__dataclass_fields__ if k not in skip}

    def update_case(self, case_id: int, fields: CaseFields) -> CaseRecord:
        fields = self._validate_case(fields)
        with write_session(self.engine) as s:
            row = s.get(Case, case_id)
            if row is None:
                raise NotFound(tr("no case with id {id}", id=case_id))
            inst = self._resolve_institution(s, fields)
            row.institution_id = inst.id  # type: ignore[assignment]
            for key, value in self._case_columns(fields).items():
                setattr(row, key, value)
            row.updated_at = now()
            s.add(row)
            s.flush()
            audit.append(s, "update", "case", case_id, _fields_payload(fields))
            return self._get_case(s, case_id)

    def set_case_status(self, case_id: int, status: str) -> CaseRecord:
        _check_choice(status, Status, tr("status"))
        with write_session(self.engine) as s:
            row = s.get(Case, case_id)
            if row is None:
                raise NotFound(tr("no case with id {id}", id=case_id))
            row.status = status
            row.updated_at = now()
            s.add(row)
            s.flush()
            audit.append(s, "status", "case", case_id, {"status": status})
            return self._get_case(s, case_id)

    def delete_case(self, case_id: int) -> CaseSnapshot:
        """Delete a case with its timeline; the snapshot returned can restore it exactly."""
        snapshot = CaseSnapshot(self.get_case(case_id), tuple(self.list_events(case_id)))
        with write_session(self.engine) as s:
            row = s.get(Case, case_id)
            if row is None:
                raise NotFound(tr("no case with id {id}", id=case_id))
            s.delete(row)
            s.flush()
            audit.append(s, "delete", "case", case_id,
                         {"title": snapshot.case.title, "events": len(snapshot.events)})
        return snapshot

    def restore_case(self, snapshot: CaseSnapshot) -> CaseRecord:
        """Undo a deletion: the case and its events come back with their ids."""
        record = snapshot.case
        with write_session(self.engine) as s:
            if s.get(Case, record.id) is not None:
                raise Invalid(tr("case {id} exists already", id=record.id))
            inst = self._resolve_institution(s, record.fields)
            row = Case(id=record.id, institution_id=inst.id, created_at=record.created_at,
                       updated_at=record.updated_at, **self._case_columns(record.fields))
            s.add(row)
            s.flush()
            for event in snapshot.events:
                self._insert_event(s, record.id, event.fields, event.id, event.created_at,
                                   event.updated_at)
            audit.append(s, "restore", "case", record.id,
                         {"title": record.title, "events": len(snapshot.events)})
            return self._get_case(s, record.id)

    # ---- events --------------------------------------------------------------------------

    @staticmethod
    def _validate_event(fields: EventFields) -> EventFields:
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

    @staticmethod
    def _event_columns(fields: EventFields) -> dict[str, Any]:
        skip = {"references", "promises"}
        return {k: getattr(fields, k) for k in EventFields.__dataclass_fields__ if k not in skip}

    def _insert_event(self, s: Session, case_id: int, fields: EventFields,
                      event_id: int | None = None, created_at: Any = None,
                      updated_at: Any = None) -> Event:
        row = Event(id=event_id, case_id=case_id, **self._event_columns(fields))
        if created_at is not None:
            row.created_at = created_at
        if updated_at is not None:
            row.updated_at = updated_at
        s.add(row)
        s.flush()
        assert row.id is not None
        self._write_children(s, row.id, fields)
        return row

    @staticmethod
    def _write_children(s: Session, event_id: int, fields: EventFields) -> None:
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

    def _touch_case(self, s: Session, case_id: int) -> None:
        case = s.get(Case, case_id)
        if case is not None:
            case.updated_at = now()
            s.add(case)

    def list_events(self, case_id: int, newest_first: bool = False) -> list[EventRecord]:
        with read_session(self.engine) as s:
            if s.get(Case, case_id) is None:
                raise NotFound(tr("no case with id {id}", id=case_id))
            return self._load_events(s, [Event.case_id == case_id], newest_first)

    def _load_events(self, s: Session, where: Sequence[Any],
                     newest_first: bool = False) -> list[EventRecord]:
        order = (col(Event.at).desc(), col(Event.id).desc()) if newest_first else (
            col(Event.at), col(Event.id))
        rows = list(s.exec(select(Event).where(*where).order_by(*order)))
        ids = [r.id for r in rows]
        refs: dict[int, list[ReferenceData]] = defaultdict(list)
        promises: dict[int, list[PromiseData]] = defaultdict(list)
        for chunk in _chunks(ids, 500):
            for ref in s.exec(select(Reference).where(col(Reference.event_id).in_(chunk))
                              .order_by(col(Reference.position), col(Reference.id))):
                refs[ref.event_id].append(ReferenceData(ref.value, ref.label, ref.issued_by))
            for p in s.exec(select(Promise).where(col(Promise.event_id).in_(chunk))
                            .order_by(col(Promise.position), col(Promise.id))):
                promises[p.event_id].append(PromiseData(p.text, p.due_at, p.state,
                                                        p.state_note, p.id))
        return [self._event_record(r, refs.get(r.id or 0, []), promises.get(r.id or 0, []))
                for r in rows]

    @classmethod
    def _event_record(cls, row: Event, refs: list[ReferenceData],
                      promises: list[PromiseData]) -> EventRecord:
        assert row.id is not None
        columns = {k: getattr(row, k) for k in cls._event_columns_names()}
        fields = EventFields(**columns, references=tuple(refs), promises=tuple(promises))
        return EventRecord(id=row.id, case_id=row.case_id, fields=fields,
                           created_at=row.created_at, updated_at=row.updated_at)

    @staticmethod
    def _event_columns_names() -> list[str]:
        return [k for k in EventFields.__dataclass_fields__ if k not in ("references",
                                                                          "promises")]

    def get_event(self, event_id: int) -> EventRecord:
        with read_session(self.engine) as s:
            return self._get_event(s, event_id)

    def _get_event(self, s: Session, event_id: int) -> EventRecord:
        found = self._load_events(s, [Event.id == event_id])
        if not found:
            raise NotFound(tr("no event with id {id}", id=event_id))
        return found[0]

    def add_event(self, case_id: int, fields: EventFields) -> EventRecord:
        fields = self._validate_event(fields)
        with write_session(self.engine) as s:
            if s.get(Case, case_id) is None:
                raise NotFound(tr("no case with id {id}", id=case_id))
            row = self._insert_event(s, case_id, fields)
            self._touch_case(s, case_id)
            record = self._get_event(s, row.id or 0)
            audit.append(s, "create", "event", record.id, record.to_json())
            return record

    def update_event(self, event_id: int, fields: EventFields) -> EventRecord:
        fields = self._validate_event(fields)
        with write_session(self.engine) as s:
            row = s.get(Event, event_id)
            if row is None:
                raise NotFound(tr("no event with id {id}", id=event_id))
            for key, value in self._event_columns(fields).items():
                setattr(row, key, value)
            row.updated_at = now()
            s.add(row)
            s.flush()
            self._write_children(s, event_id, fields)
            self._touch_case(s, row.case_id)
            record = self._get_event(s, event_id)
            audit.append(s, "update", "event", event_id, record.to_json())
            return record

    def delete_event(self, event_id: int) -> EventRecord:
        """Delete an entry; the record returned can bring it back with ``restore_event``."""
        with write_session(self.engine) as s:
            record = self._get_event(s, event_id)
            row = s.get(Event, event_id)
            s.delete(row)
            self._touch_case(s, record.case_id)
            s.flush()
            audit.append(s, "delete", "event", event_id, record.to_json())
            return record

    def restore_event(self, record: EventRecord) -> EventRecord:
        fields = self._validate_event(record.fields)
        with write_session(self.engine) as s:
            if s.get(Case, record.case_id) is None:
                raise NotFound(tr("no case with id {id}", id=record.case_id))
            if s.get(Event, record.id) is not None:
                raise Invalid(tr("event {id} exists already", id=record.id))
            self._insert_event(s, record.case_id, fields, record.id, record.created_at,
                               record.updated_at)
            self._touch_case(s, record.case_id)
            restored = self._get_event(s, record.id)
            audit.append(s, "restore", "event", record.id, restored.to_json())
            return restored

    def set_promise_state(self, promise_id: int, state: str, note: str = "") -> PromiseData:
        _check_choice(state, PromiseState, tr("promise state"))
        with write_session(self.engine) as s:
            row = s.get(Promise, promise_id)
            if row is None:
                raise NotFound(tr("no promise with id {id}", id=promise_id))
            row.state, row.state_note = state, note
            s.add(row)
            s.flush()
            audit.append(s, "state", "promise", promise_id, {"state": state, "note": note})
            return PromiseData(row.text, row.due_at, row.state, row.state_note, row.id)

    # ---- whole-case views and integrity --------------------------------------------------

    def case_json(self, case_id: int) -> dict[str, Any]:
        """The case as ``casebook case show --json`` prints it."""
        with read_session(self.engine) as s:
            record = self._get_case(s, case_id)
            events = self._load_events(s, [Event.case_id == case_id])
        data = record.to_json()
        data["events"] = [e.to_json() for e in events]
        data["evidence"] = []
        return data

    def audit_head(self) -> str:
        with read_session(self.engine) as s:
            return audit.head(s)

    def verify_audit(self) -> list[audit.ChainProblem]:
        with read_session(self.engine) as s:
            return audit.verify(s)


def _utc_value(value: Any) -> Any:
    """A raw UTC text from an aggregate query as an aware datetime."""
    from desktop_app.timeutil import from_utc_text

    return from_utc_text(value) if isinstance(value, str) else value


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
