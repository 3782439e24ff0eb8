"""Plain, immutable records that services hand out (never live ORM objects) and take in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop_app.timeutil import iso


@dataclass(frozen=True)
class InstitutionRecord:
    id: int
    name: str
    short_name: str = ""
    name_en: str = ""
    kind: str = "bank"
    hotline: str = ""
    email: str = ""
    website: str = ""
    notes: str = ""
    seeded: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "short_name": self.short_name,
            "name_en": self.name_en, "kind": self.kind, "hotline": self.hotline,
            "email": self.email, "website": self.website, "notes": self.notes,
            "seeded": self.seeded,
        }


@dataclass(frozen=True)
class ReferenceData:
    """A reference number an event produced (complaint no., ticket no., …)."""

    value: str
    label: str = ""
    issued_by: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "issued_by": self.issued_by}


@dataclass(frozen=True)
class PromiseData:
    """What the other side promised, and by when. ``id`` is None for a new promise."""

    text: str
    due_at: datetime | None = None
    state: str = "pending"
    state_note: str = ""
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "due": iso(self.due_at),
                "state": self.state, "state_note": self.state_note}


@dataclass(frozen=True)
class EventFields:
    """Everything about a timeline entry a person can edit."""

    at: datetime
    channel: str
    direction: str = "out"
    counterpart: str = ""
    agent_id: str = ""
    contact: str = ""
    duration_seconds: int | None = None
    email_from: str = ""
    email_to: str = ""
    email_cc: str = ""
    summary: str = ""
    details: str = ""
    references: tuple[ReferenceData, ...] = ()
    promises: tuple[PromiseData, ...] = ()


@dataclass(frozen=True)
class EventRecord:
    id: int
    case_id: int
    fields: EventFields
    created_at: datetime
    updated_at: datetime
    evidence_ids: tuple[int, ...] = ()  # the evidence linked to this entry (not in to_json)
    lodged: bool = False  # set by delete_event on the marked "complaint lodged" entry

    def __getattr__(self, name: str) -> Any:
        # Convenience: record.at, record.channel, … read through to the fields.
        if name.startswith("__") or name == "fields":
            raise AttributeError(name)
        return getattr(self.fields, name)

    def to_json(self) -> dict[str, Any]:
        f = self.fields
        return {
            "id": self.id, "case_id": self.case_id, "at": iso(f.at), "channel": f.channel,
            "direction": f.direction, "counterpart": f.counterpart, "agent_id": f.agent_id,
            "contact": f.contact, "duration_seconds": f.duration_seconds,
            "email_from": f.email_from, "email_to": f.email_to, "email_cc": f.email_cc,
            "summary": f.summary, "details": f.details,
            "references": [r.to_json() for r in f.references],
            "promises": [p.to_json() for p in f.promises],
            "created_at": iso(self.created_at), "updated_at": iso(self.updated_at),
        }


@dataclass(frozen=True)
class CaseFields:
    """Everything about a case a person can edit. The institution is given by id or name."""

    title: str
    institution_id: int | None = None
    institution_name: str = ""
    product: str = ""
    category: str = "other"
    amount: Decimal | None = None
    currency: str = "CNY"
    incident_at: datetime | None = None
    transaction_refs: str = ""
    description: str = ""
    desired_outcome: str = ""
    status: str = "open"
    jurisdiction: str = "CN"


@dataclass(frozen=True)
class CaseRecord:
    id: int
    fields: CaseFields
    institution: InstitutionRecord
    created_at: datetime
    updated_at: datetime
    event_count: int = 0
    last_event_at: datetime | None = None
    lodged_event_id: int | None = None  # the entry marked "complaint lodged", if any

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "fields":
            raise AttributeError(name)
        return getattr(self.fields, name)

    def to_json(self) -> dict[str, Any]:
        f = self.fields
        return {
            "id": self.id, "title": f.title, "institution": self.institution.name,
            "institution_id": self.institution.id, "product": f.product,
            "category": f.category,
            "amount": None if f.amount is None else format(f.amount, "f"),
            "currency": f.currency, "incident_at": iso(f.incident_at),
            "transaction_refs": f.transaction_refs, "description": f.description,
            "desired_outcome": f.desired_outcome, "status": f.status,
            "jurisdiction": f.jurisdiction, "created_at": iso(self.created_at),
            "updated_at": iso(self.updated_at), "event_count": self.event_count,
            "last_event_at": iso(self.last_event_at), "lodged_event_id": self.lodged_event_id,
        }


@dataclass(frozen=True)
class EvidenceRecord:
    """A file kept as an exhibit of a case (the bytes are in the evidence store)."""

    id: int
    case_id: int
    exhibit_no: int  # 1, 2, … within the case; never reused, even after a removal
    sha256: str
    size: int
    mime: str  # from the content, not the name
    original_name: str
    captured_at: datetime | None  # EXIF DateTimeOriginal / email Date / file time
    imported_at: datetime
    caption: str = ""
    proves: str = ""  # 证明目的
    event_id: int | None = None
    note: str = ""  # e.g. why there is no preview
    preview: bool = False  # a thumbnail and a print rendition exist

    @property
    def exhibit(self) -> str:
        return f"E{self.exhibit_no}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "case_id": self.case_id, "exhibit": self.exhibit,
            "exhibit_no": self.exhibit_no, "sha256": self.sha256, "size": self.size,
            "mime": self.mime, "original_name": self.original_name,
            "captured_at": iso(self.captured_at), "imported_at": iso(self.imported_at),
            "caption": self.caption, "proves": self.proves, "event_id": self.event_id,
            "note": self.note, "preview": self.preview,
        }


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file given to an import."""

    source: str  # the path (or name) given
    record: EvidenceRecord | None
    duplicate: bool = False  # the same bytes are evidence of this case already: ``record``
    error: str | None = None  # refused: the reason, for the user
    created_event_id: int | None = None  # an email that became a timeline entry
    attachments: tuple[EvidenceRecord, ...] = ()  # that email's attachments, now evidence

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class CaseSnapshot:
    """A case with its whole timeline: what ``delete_case`` returns and ``restore_case`` takes."""

    case: CaseRecord
    events: tuple[EventRecord, ...] = field(default_factory=tuple)
    evidence: tuple[EvidenceRecord, ...] = field(default_factory=tuple)
    next_exhibit_no: int = 1
