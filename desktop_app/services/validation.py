"""What the services accept: choices from the vocabulary, cases and entries checked and tidied
before they are written, and the audit log's plain form of a record's fields."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal
from typing import Any

from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.records import CaseFields, EventFields
from desktop_app.timeutil import iso
from desktop_app.vocab import (
    Category,
    Channel,
    Direction,
    Jurisdiction,
    PromiseState,
    Status,
    reference_kind,
)

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


MAX_AMOUNT = Decimal("999999999999.99")  # under a trillion: no complaint is about more
_AMOUNT = re.compile(r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?P<wan>万)?")
_MONEY_WORDS = ("人民币", "RMB", "CNY", "¥", "元")


def parse_amount(text: str) -> Decimal | None:
    """An amount as a person types or pastes it: ``1280.50``, ``1,280.50`` (thousands
    grouped in threes), full-width digits from an input method, ``¥``/``元``/``人民币`` around
    it, ``5万`` (50,000). None when empty. Refused with the reason (Invalid): anything else
    (``1e30``, ``5,0,0``), more than two decimal places, zero, or a trillion and more."""
    cleaned = unicodedata.normalize("NFKC", text).replace("。", ".").replace(" ", "")
    for word in _MONEY_WORDS:
        cleaned = cleaned.replace(word, "")
    if not cleaned:
        return None
    found = _AMOUNT.fullmatch(cleaned)
    if found is None:
        raise Invalid(tr("{text} is not an amount: write it like 1280.50", text=text.strip()))
    digits = found.group("int").replace(",", "")
    fraction = found.group("frac") or ""
    amount = Decimal(f"{digits}.{fraction or '0'}")
    if found.group("wan"):
        amount *= 10_000
    return check_amount(amount)


def check_amount(amount: Decimal) -> Decimal:
    """An amount to the fen: more than zero, under :data:`MAX_AMOUNT`, two decimal places at
    most (Invalid says which rule it breaks)."""
    if not amount.is_finite():
        raise Invalid(tr("{text} is not an amount: write it like 1280.50", text=str(amount)))
    if amount <= 0:
        raise Invalid(tr("the amount must be more than zero"))
    if amount > MAX_AMOUNT:
        raise Invalid(tr("the amount is too large"))
    if amount != amount.quantize(Decimal("0.01"), rounding=ROUND_DOWN):
        raise Invalid(tr("an amount has at most two decimal places (fen)"))
    return amount.quantize(Decimal("0.01"))


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
        # the same rules whether typed in the window, given to the CLI or to the services
        amount = check_amount(amount)
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
    # known kinds of number are stored by key, whatever language they were typed in
    refs = tuple(dataclasses.replace(r, value=r.value.strip(), label=reference_kind(r.label))
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
