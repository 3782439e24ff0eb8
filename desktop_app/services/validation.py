"""What the services accept: choices from the vocabulary, cases and entries checked and tidied
before they are written, and the audit log's plain form of a record's fields."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.records import CaseFields, EventFields
from desktop_app.timeutil import iso
from desktop_app.vocab import Category, Channel, Direction, Jurisdiction, PromiseState, Status

MAX_DURATION_SECONDS = 2**63 - 1  # SQLite's largest INTEGER


def check_choice(value: str, allowed: Iterable[str], what: str) -> str:
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


def fields_payload(fields: Any) -> dict[str, Any]:
    return {k: _plain(v) for k, v in dataclasses.asdict(fields).items()}


def validate_case(fields: CaseFields) -> CaseFields:
    title = fields.title.strip()
    if not title:
        raise Invalid(tr("a case needs a title"))
    check_choice(fields.status, Status, tr("status"))
    check_choice(fields.category, Category, tr("category"))
    check_choice(fields.jurisdiction, Jurisdiction, tr("jurisdiction"))
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
    check_choice(fields.channel, Channel, tr("channel"))
    check_choice(fields.direction, Direction, tr("direction"))
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
        check_choice(p.state, PromiseState, tr("promise state"))
        if p.due_at is not None and p.due_at.tzinfo is None:
            raise Invalid(tr("a promise's due time needs a time zone"))
        promises.append(dataclasses.replace(p, text=p.text.strip()))
    return dataclasses.replace(fields, references=refs, promises=tuple(promises))


def os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
