"""Plain, immutable records that services hand out (never live ORM objects) and take in.

Each record type is described once, here: its JSON (``case show --json`` and the audit log),
the columns :mod:`desktop_app.store.reads` selects and the window's models all come from these
fields. The SQLModel tables in :mod:`desktop_app.store.tables` must store the same fields; a test
holds them to each other, and another the tables to the migrations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop_app.reading.lines import OcrLine
from desktop_app.timeutil import iso


def json_value(value: Any) -> Any:
    """A field's value as JSON: times in ISO 8601 with their offset, amounts exact as text,
    nested records through their own ``to_json``."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, tuple):
        return [json_value(v) for v in value]
    to_json = getattr(value, "to_json", None)
    if callable(to_json):
        return to_json()
    return value


def json_of(record: Any, *, renamed: Mapping[str, str] | None = None,
            left_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """A record's fields as JSON, in the order they are declared; a nested ``fields`` record's
    fields take its place. ``renamed`` gives a field another key, ``left_out`` drops fields."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        if f.name in left_out:
            continue
        value = getattr(record, f.name)
        if f.name == "fields" and dataclasses.is_dataclass(value):
            out.update(json_of(value, renamed=renamed, left_out=left_out))
            continue
        out[(renamed or {}).get(f.name, f.name)] = json_value(value)
    return out


def stored_fields(record_type: type[Any], *, left_out: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The names of a record type's own fields, in order (the columns that store them)."""
    return tuple(f.name for f in dataclasses.fields(record_type) if f.name not in left_out)


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
        return json_of(self)


@dataclass(frozen=True)
class ReferenceData:
    """A reference number an event produced (complaint no., ticket no., …)."""

    value: str
    label: str = ""
    issued_by: str = ""

    def to_json(self) -> dict[str, Any]:
        return json_of(self)


@dataclass(frozen=True)
class PromiseData:
    """What the other side promised, and by when. ``id`` is None for a new promise."""

    text: str
    due_at: datetime | None = None
    state: str = "pending"
    state_note: str = ""
    id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return json_of(self, renamed={"due_at": "due"})


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
        return json_of(self, left_out=("evidence_ids", "lodged"))


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
        data = json_of(self, left_out=("institution", "institution_name"))
        data["institution"] = self.institution.name
        data["institution_id"] = self.institution.id
        return data


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
    captured_at: datetime | None  # when it was made: see ``captured_source``
    imported_at: datetime
    caption: str = ""
    proves: str = ""  # 证明目的
    event_id: int | None = None
    note: str = ""  # e.g. why there is no preview
    preview: bool = False  # a thumbnail and a print rendition exist
    # where ``captured_at`` came from: exif, email, filename, screen, file_time or person
    # (None: not known, as for exhibits imported before Casebook recorded it)
    captured_source: str | None = None

    @property
    def exhibit(self) -> str:
        return f"E{self.exhibit_no}"

    def to_json(self) -> dict[str, Any]:
        return {"exhibit": self.exhibit, **json_of(self)}


Box = tuple[int, int, int, int]  # x, y, width, height in pixels of the picture, upright
# (for a PDF exhibit: in pixels of its page rendered at ``evidence.pdf_redaction.RENDER_DPI``)


@dataclass(frozen=True)
class Redaction:
    """Black boxes over what the readers of the dossier need not see in an exhibit's picture,
    and the redacted copy made from them: a new file (its own SHA-256), the pixels under each
    box black in the image itself; the original stays as it was."""

    evidence_id: int
    boxes: tuple[Box, ...]
    sha256: str  # of the redacted copy
    size: int
    made_at: datetime
    # a PDF exhibit's: the page (from 1) each box is on, one for each box; () for a picture
    pages: tuple[int, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {**json_of(self), "boxes": [list(box) for box in self.boxes],
                "pages": list(self.pages) or None}

    def by_page(self) -> dict[int, tuple[Box, ...]]:
        """The boxes on each page (from 1; a picture's all on page 1)."""
        found: dict[int, list[Box]] = {}
        for index, box in enumerate(self.boxes):
            page = self.pages[index] if index < len(self.pages) else 1
            found.setdefault(page, []).append(box)
        return {page: tuple(boxes) for page, boxes in sorted(found.items())}

    def stored_boxes(self) -> list[list[int]]:
        """The boxes as kept in the database: ``[x, y, w, h]``, with the page after them on a
        PDF exhibit (``[x, y, w, h, page]``)."""
        if not self.pages:
            return [list(box) for box in self.boxes]
        return [[*box, page] for box, page in zip(self.boxes, self.pages, strict=True)]


@dataclass(frozen=True)
class ExhibitText:
    """The text read from the bytes of an exhibit (by their SHA-256: the same picture in two
    cases is read once), line by line with boxes and confidence, and the engine that read it."""

    sha256: str
    text: str
    lines: tuple[OcrLine, ...]
    heights: tuple[float, ...]  # of each page's picture, in pixels (0: a page with own text)
    engine: str
    read_at: datetime
    error: str = ""  # why it could not be read (then ``text`` is empty); tried again on request

    def to_json(self) -> dict[str, Any]:
        return json_of(self)


@dataclass(frozen=True)
class ImportOutcome:
    """What became of one file given to an import."""

    source: str  # the path (or name) given
    record: EvidenceRecord | None
    duplicate: bool = False  # the same bytes are evidence of this case already: ``record``
    error: str | None = None  # refused: the reason, for the user
    created_event_id: int | None = None  # an email that became a timeline entry
    attachments: tuple[EvidenceRecord, ...] = ()  # that email's attachments, now evidence
    repaired: bool = False  # the store's copy of these bytes was damaged; they replaced it
    not_tried: bool = False  # an earlier file's failure (a full disk) stopped the import first

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
