"""Facts in an entry's own words (its summary, details and promises) that the entry does not
hold yet: what the CLI's ``--from-notes`` and the entry editor offer to fill in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from desktop_app.reading.facts import Fact, find_facts
from desktop_app.records import EventFields
from desktop_app.timeutil import to_local


def _digits(text: str) -> str:
    return re.sub(r"[^\d+]", "", text)


def _same_minute(value: str, at: datetime) -> bool:
    return to_local(datetime.fromisoformat(value)).replace(second=0) \
        == to_local(at).replace(second=0, microsecond=0)


def already_held(fact: Fact, fields: EventFields) -> bool:
    """Whether the entry already holds this fact where it belongs."""
    if fact.kind == "reference":
        return any(re.sub(r"\s", "", r.value) == fact.value for r in fields.references)
    if fact.kind == "agent_id":
        return fields.agent_id.strip() == fact.value
    if fact.kind == "phone":
        return bool(fields.contact) and _digits(fields.contact) == fact.value
    if fact.kind == "time":
        return _same_minute(fact.value, fields.at)
    return False


def notes_text(fields: EventFields, extra: Iterable[str] = ()) -> str:
    """The entry's own words, one part a line: summary, details, promises, then ``extra``."""
    parts = [fields.summary, fields.details, *(p.text for p in fields.promises), *extra]
    return "\n".join(part for part in parts if part.strip())


def facts_in_notes(fields: EventFields, extra: Iterable[str] = ()) -> list[Fact]:
    """Facts the entry's words state and the entry does not hold yet, in the words' order.

    Days without a year and relative days ("昨天下午3点") are placed from the entry's time.
    """
    found = find_facts(notes_text(fields, extra), reference_time=fields.at)
    return [fact for fact in found if not already_held(fact, fields)]


__all__ = ["already_held", "facts_in_notes", "notes_text"]
