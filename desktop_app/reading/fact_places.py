"""Where a fact found in an exhibit's text belongs, and the record with the fact put there.

What is offered, never imposed: the window lists the facts of an exhibit, each with the places
it may go, and changes a record only when the person picks one. A reference number goes to the
references of the entry the exhibit belongs to, an agent's ID (工号) to that entry's agent ID, a
phone number to its contact, an amount to the case's amount, a time to the exhibit's capture
time or to the entry's time. Card and ID numbers go nowhere: they are named, flagged as
private, so that the person knows the picture shows them.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from desktop_app.reading.facts import Fact, find_facts
from desktop_app.reading.notes import already_held
from desktop_app.records import CaseFields, EventFields, ReferenceData

Place = Literal["entry_reference", "entry_agent_id", "entry_contact", "entry_time",
                "case_amount", "captured"]
ENTRY_PLACES: frozenset[Place] = frozenset(
    {"entry_reference", "entry_agent_id", "entry_contact", "entry_time"})

_PLACES: dict[str, tuple[Place, ...]] = {
    "reference": ("entry_reference",),
    "agent_id": ("entry_agent_id",),
    "phone": ("entry_contact",),
    "amount": ("case_amount",),
    "time": ("captured", "entry_time"),
}


def places_for(fact: Fact) -> tuple[Place, ...]:
    """Where this fact may go, the likeliest first (nowhere for private numbers)."""
    if fact.private:
        return ()
    return _PLACES.get(fact.kind, ())


def facts_in_exhibit(text: str, *, reference_time: datetime | None = None) -> list[Fact]:
    """The facts in an exhibit's text, each (kind, value) once, in the order they are shown.
    ``reference_time`` (the capture time) places days without a year and "昨天"."""
    seen: set[tuple[str, str]] = set()
    found = []
    for fact in find_facts(text, reference_time=reference_time):
        if (fact.kind, fact.value) not in seen:
            seen.add((fact.kind, fact.value))
            found.append(fact)
    return found


def fact_time(fact: Fact) -> datetime:
    """A time fact's moment (its value is ISO 8601 with an offset)."""
    return datetime.fromisoformat(fact.value)


def fact_amount(fact: Fact) -> Decimal | None:
    try:
        return Decimal(fact.value)
    except InvalidOperation:
        return None


def entry_with(fields: EventFields, fact: Fact, place: Place) -> EventFields:
    """The entry with the fact in ``place`` (the same fields when it is already there)."""
    if entry_holds(fields, fact, place):
        return fields
    if place == "entry_reference":
        return dataclasses.replace(fields, references=(
            *fields.references, ReferenceData(fact.value, fact.label)))
    if place == "entry_agent_id":
        return dataclasses.replace(fields, agent_id=fact.value)
    if place == "entry_contact":
        return dataclasses.replace(fields, contact=fact.value)
    if place == "entry_time":
        return dataclasses.replace(fields, at=fact_time(fact))
    raise ValueError(f"not a place on an entry: {place}")


def entry_holds(fields: EventFields, fact: Fact, place: Place) -> bool:
    """Whether the entry already holds the fact in ``place``."""
    if place not in ENTRY_PLACES:
        return False
    if place == "entry_time" and fact.kind == "time":
        return already_held(fact, fields)
    wanted = {"entry_reference": "reference", "entry_agent_id": "agent_id",
              "entry_contact": "phone"}.get(place)
    return wanted == fact.kind and already_held(fact, fields)


def case_with_amount(fields: CaseFields, fact: Fact) -> CaseFields:
    """The case with the amount the fact states (the same fields when it states none)."""
    amount = fact_amount(fact)
    if amount is None or fields.amount == amount:
        return fields
    return dataclasses.replace(fields, amount=amount)


def case_holds(fields: CaseFields, fact: Fact) -> bool:
    amount = fact_amount(fact)
    return amount is not None and fields.amount == amount


def captured_holds(captured_at: datetime | None, fact: Fact) -> bool:
    """Whether the exhibit's capture time is already this time (to the minute)."""
    if captured_at is None or fact.kind != "time":
        return False
    return captured_at.replace(second=0, microsecond=0) == fact_time(fact).replace(
        second=0, microsecond=0)


__all__ = ["ENTRY_PLACES", "Place", "captured_holds", "case_holds", "case_with_amount",
           "entry_holds", "entry_with", "fact_amount", "fact_time", "facts_in_exhibit",
           "places_for"]
