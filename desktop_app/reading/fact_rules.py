"""The words facts and promises are found by, as data: ``resources/rules/facts.json`` read and
checked.

Nothing here searches text: :mod:`desktop_app.reading.facts` compiles the words into patterns,
and :mod:`desktop_app.deadlines.promise_due` reads promises' periods with them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desktop_app.store.paths import RESOURCES_DIR

FACTS_FILE = RESOURCES_DIR / "rules" / "facts.json"
PROMISE_UNITS = ("working_days", "hours", "weeks", "calendar_days")


class FactRulesError(ValueError):
    """The facts file is missing something or holds the wrong kind of value."""


@dataclass(frozen=True)
class PeriodWords:
    """Words naming a period's unit (``working_days``, ``hours``, ``weeks``, ``calendar_days``)."""

    unit: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class FixedPeriod:
    """Words that are a whole period by themselves ("明天": one calendar day)."""

    words: tuple[str, ...]
    unit: str
    count: int


@dataclass(frozen=True)
class PromiseWords:
    numerals: tuple[tuple[str, int], ...]
    number_words: tuple[tuple[str, int], ...]
    range_marks: tuple[str, ...]
    largest_numeral: int  # the largest Chinese numeral read ("三十")
    units: tuple[PeriodWords, ...]
    fixed: tuple[FixedPeriod, ...]


@dataclass(frozen=True)
class FactRules:
    """Keywords per kind of fact (Chinese and English together), currency words, hotlines.

    Words with numbers (``multipliers``, ``numerals``) are pairs: ``dict(rules.multipliers)``.
    """

    reference_words: tuple[str, ...]
    agent_words: tuple[str, ...]
    agent_after_number: tuple[str, ...]
    currency_before: tuple[str, ...]
    currency_after: tuple[str, ...]
    multipliers: tuple[tuple[str, int], ...]
    not_money_after_multiplier: tuple[str, ...]
    amount_words: tuple[str, ...]
    hotlines: tuple[str, ...]
    hotline_prefixes: tuple[str, ...]
    card_prefixes: tuple[str, ...]
    promises: PromiseWords


def _words(raw: Any, where: str) -> tuple[str, ...]:
    """A list of words, or a {"zh": [...], "en": [...]} mapping of lists, flattened."""
    if isinstance(raw, dict):
        return tuple(w for lang in sorted(raw) for w in _words(raw[lang], f"{where}.{lang}"))
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w for w in raw):
        raise FactRulesError(f"{where}: a list of words")
    return tuple(raw)


def _numbers(raw: Any, where: str) -> tuple[tuple[str, int], ...]:
    """Words with their numbers, as pairs (the rules are hashable: patterns are cached)."""
    if not isinstance(raw, dict) or not raw \
            or not all(isinstance(v, int) and v > 0 for v in raw.values()):
        raise FactRulesError(f"{where}: words with whole numbers")
    return tuple((str(k), int(v)) for k, v in raw.items())


def _section(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    section = data.get(key)
    if not isinstance(section, dict):
        raise FactRulesError(f"{key}: missing")
    return section


def _unit(raw: Any, where: str) -> str:
    if raw not in PROMISE_UNITS:
        raise FactRulesError(f"{where}: unknown unit {raw!r}")
    return str(raw)


def _promise_words(raw: Mapping[str, Any]) -> PromiseWords:
    largest = raw.get("largest_numeral")
    if not isinstance(largest, int) or largest < 1:
        raise FactRulesError("promises.largest_numeral: a whole number")
    units = tuple(PeriodWords(_unit(u.get("unit"), "promises.units"),
                              _words(u.get("words"), "promises.units"))
                  for u in raw.get("units", []))
    fixed = []
    for f in raw.get("fixed", []):
        count = f.get("count")
        if not isinstance(count, int) or count < 1:
            raise FactRulesError("promises.fixed: count must be a whole number")
        fixed.append(FixedPeriod(_words(f.get("words"), "promises.fixed"),
                                 _unit(f.get("unit"), "promises.fixed"), count))
    if not units:
        raise FactRulesError("promises.units: missing")
    return PromiseWords(_numbers(raw.get("numerals"), "promises.numerals"),
                        _numbers(raw.get("number_words"), "promises.number_words"),
                        _words(raw.get("range_marks"), "promises.range_marks"),
                        largest, units, tuple(fixed))


def parse_fact_rules(data: Mapping[str, Any]) -> FactRules:
    """Fact rules from the decoded JSON; :class:`FactRulesError` on anything amiss."""
    if data.get("format") != 1:
        raise FactRulesError("unknown facts file format")
    agents = _section(data, "agent_ids")
    amounts = _section(data, "amounts")
    phones = _section(data, "phones")
    hotlines = _words(phones.get("hotlines"), "phones.hotlines")
    if not all(h.isdigit() for h in hotlines):
        raise FactRulesError("phones.hotlines: digits only")
    return FactRules(
        reference_words=_words(data.get("references"), "references"),
        agent_words=_words({k: v for k, v in agents.items() if k in ("zh", "en")}, "agent_ids"),
        agent_after_number=_words(agents.get("after_number"), "agent_ids.after_number"),
        currency_before=_words(amounts.get("before"), "amounts.before"),
        currency_after=_words(amounts.get("after"), "amounts.after"),
        multipliers=_numbers(amounts.get("multipliers"), "amounts.multipliers"),
        not_money_after_multiplier=_words(amounts.get("not_money_after_multiplier"),
                                          "amounts.not_money_after_multiplier"),
        amount_words=_words(amounts.get("keywords"), "amounts.keywords"),
        hotlines=hotlines,
        hotline_prefixes=_words(phones.get("hotline_prefixes"), "phones.hotline_prefixes"),
        card_prefixes=_words(_section(data, "cards").get("prefixes"), "cards.prefixes"),
        promises=_promise_words(_section(data, "promises")),
    )


def load_fact_rules(path: Path | None = None) -> FactRules:
    """Read a facts file (the shipped one by default)."""
    source = path or FACTS_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FactRulesError(f"cannot read the facts file {source}: {exc}") from exc
    return parse_fact_rules(data)


@cache
def default_fact_rules() -> FactRules:
    """The shipped facts file, read once."""
    return load_fact_rules()
