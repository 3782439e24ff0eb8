"""The tables. Only services write to them; schema changes only through migrations."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlmodel import Field, SQLModel

from desktop_app.timeutil import from_utc_text, now, to_utc_text

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class AwareDateTime(sa.types.TypeDecorator[datetime]):
    """An aware datetime stored as sortable UTC ISO 8601 text."""

    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else to_utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else from_utc_text(value)


class DecimalText(sa.types.TypeDecorator[Decimal]):
    """An exact decimal amount stored as text (SQLite has no decimal type)."""

    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else format(value, "f")

    def process_result_value(self, value: str | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def _aware(**kw: Any) -> Any:
    return Field(sa_type=AwareDateTime, **kw)


class Institution(SQLModel, table=True):
    __tablename__ = "institution"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(sa_column_kwargs={"unique": True})
    short_name: str = ""
    name_en: str = ""
    kind: str = "bank"
    hotline: str = ""
    email: str = ""
    website: str = ""
    notes: str = ""
    seeded: bool = False


class Case(SQLModel, table=True):
    __tablename__ = "case"

    id: int | None = Field(default=None, primary_key=True)
    title: str
    institution_id: int = Field(foreign_key="institution.id", index=True)
    product: str = ""
    category: str = "other"
    amount: Decimal | None = Field(default=None, sa_type=DecimalText)
    currency: str = "CNY"
    incident_at: datetime | None = _aware(default=None)
    transaction_refs: str = ""
    description: str = ""
    desired_outcome: str = ""
    status: str = "open"
    jurisdiction: str = "CN"
    created_at: datetime = _aware(default_factory=now)
    updated_at: datetime = _aware(default_factory=now)
    # The entry marked "complaint lodged" (the regulator clock's start); None: the default
    # rule. case and event refer to each other: use_alter keeps the cycle out of table sorting.
    lodged_event_id: int | None = Field(default=None, sa_column=sa.Column(
        sa.Integer, sa.ForeignKey("event.id", ondelete="SET NULL", use_alter=True),
        nullable=True))


class Event(SQLModel, table=True):
    __tablename__ = "event"
    __table_args__ = (
        sa.Index("ix_event_case_at", "case_id", "at"),
        # the person's complaints to a regulator: where a regulator clock starts and escalates
        sa.Index("ix_event_case_regulator_out", "case_id", "at",
                 sqlite_where=sa.text("channel = 'regulator' AND direction = 'out'")),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE")
    at: datetime = _aware()
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
    created_at: datetime = _aware(default_factory=now)
    updated_at: datetime = _aware(default_factory=now)


class Reference(SQLModel, table=True):
    __tablename__ = "reference"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    label: str = ""
    value: str
    issued_by: str = ""
    position: int = 0


class Promise(SQLModel, table=True):
    __tablename__ = "promise"
    # promises the due list shows: a due time, not kept (migration 0012)
    __table_args__ = (sa.Index("ix_promise_due_open", "event_id",
                               sqlite_where=sa.text("due_at IS NOT NULL AND state != 'kept'")),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    text: str
    due_at: datetime | None = _aware(default=None)
    state: str = "pending"
    state_note: str = ""
    position: int = 0


class AuditEntry(SQLModel, table=True):
    """Append-only log of every change; each entry's hash covers the one before it."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _aware(default_factory=now)
    action: str
    entity: str
    entity_id: int | None = None
    payload: str = "{}"
    prev_hash: str
    hash: str = Field(sa_column_kwargs={"unique": True})


class Evidence(SQLModel, table=True):
    """A file kept byte-for-byte in the evidence store, as an exhibit of one case."""

    __tablename__ = "evidence"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "exhibit_no", name="uq_evidence_case_id_exhibit_no"),
        sa.Index("ix_evidence_case_sha256", "case_id", "sha256"),
        {"sqlite_autoincrement": True},  # ids never reused: a removal can always be undone
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", ondelete="CASCADE")
    event_id: int | None = Field(default=None, foreign_key="event.id", index=True,
                                 ondelete="SET NULL")
    exhibit_no: int
    sha256: str = Field(sa_type=sa.String(64))
    size: int = Field(sa_type=sa.BigInteger)
    mime: str
    original_name: str
    captured_at: datetime | None = _aware(default=None)
    imported_at: datetime = _aware(default_factory=now)
    caption: str = ""
    proves: str = ""
    note: str = ""
    preview: bool = False
    captured_source: str | None = Field(default=None, sa_type=sa.String(16))


class RedactionRow(SQLModel, table=True):
    """An exhibit's redaction: its boxes as JSON and the redacted copy's SHA-256 (migration
    0011). No foreign key: taking an exhibit off its case and putting it back (undo) keeps
    its redaction, as the exhibit's id is never reused."""

    __tablename__ = "redaction"

    evidence_id: int = Field(primary_key=True)
    boxes: str = "[]"
    sha256: str = Field(sa_type=sa.String(64))
    size: int = Field(sa_type=sa.BigInteger)
    made_at: datetime = _aware(default_factory=now)


class ExhibitText(SQLModel, table=True):
    """The text read from an original's bytes (keyed by their SHA-256), with its line boxes
    as JSON; derived, like :class:`DerivedFile`, and searchable (migration 0008)."""

    __tablename__ = "exhibit_text"

    sha256: str = Field(sa_type=sa.String(64), primary_key=True)
    text: str = ""
    lines: str = "[]"
    heights: str = "[]"
    engine: str = ""
    read_at: datetime = _aware(default_factory=now)
    error: str = ""


class ExhibitCounter(SQLModel, table=True):
    """The next exhibit number of a case: numbers are never reused, even after a removal."""

    __tablename__ = "exhibit_counter"

    case_id: int | None = Field(default=None, primary_key=True, foreign_key="case.id",
                                ondelete="CASCADE")
    next_no: int = 1


class DerivedFile(SQLModel, table=True):
    """The SHA-256 of a file derived from an original (``thumb`` or ``print``), recorded when
    Casebook made it: a copy whose bytes no longer hash to this is not printed."""

    __tablename__ = "derived_file"

    original_sha256: str = Field(sa_type=sa.String(64), primary_key=True)
    kind: str = Field(sa_type=sa.String(8), primary_key=True)
    sha256: str = Field(sa_type=sa.String(64))
    size: int = Field(sa_type=sa.BigInteger)
    made_at: datetime | None = _aware(default=None)
