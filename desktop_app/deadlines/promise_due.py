"""When a promise is due, read from its words: "3个工作日内回电", "48小时内", "within 5 business
days", "明天".

Days are counted like the regulator clocks (:mod:`.workdays`): the day the promise was made does
not count, working days skip the jurisdiction's weekends and holidays and count China's make-up
working days (调休), and the promise is due at the end of its last day in the user's zone. A
period in hours runs from the moment the promise was made. A range ("3-5个工作日") is read at
its upper bound: the promise is broken only once its longest reading has passed.

The words are data: the ``promises`` section of ``resources/rules/facts.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache

from desktop_app.deadlines.workdays import JURISDICTIONS, add_working_days
from desktop_app.i18n import tr
from desktop_app.reading.fact_rules import PromiseWords, default_fact_rules
from desktop_app.timeutil import ensure_aware, localize, to_local

_DIGITS = r"\d{1,3}"


@dataclass(frozen=True)
class PromisedDue:
    """The due time a promise's words state.

    ``due`` is aware (UTC); ``phrase`` is the words it was read from ("3个工作日");
    ``explanation`` says how it was counted, in the user's language; ``warnings`` are the
    calendar's (a year without official holiday data).
    """

    due: datetime
    phrase: str
    count: int
    unit: str
    explanation: str
    warnings: tuple[str, ...] = ()


def _alternatives(words: list[str] | tuple[str, ...]) -> str:
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        part = re.escape(word).replace(r"\ ", r"\s+")
        if word[0].isascii() and word[0].isalpha():
            part = r"(?<![A-Za-z])" + part
        if word[-1].isascii() and word[-1].isalpha():
            part += r"(?![A-Za-z])"
        parts.append(part)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class _Patterns:
    counted: re.Pattern[str]
    fixed: re.Pattern[str]
    unit_of: dict[str, str]
    fixed_of: dict[str, tuple[str, int]]


@cache
def _patterns(words: PromiseWords) -> _Patterns:
    numerals = "".join(dict(words.numerals))
    number = (rf"(?:{_DIGITS}|[{numerals}]{{1,3}}|"
              rf"{_alternatives([w for w, _ in words.number_words])})")
    range_mark = _alternatives(words.range_marks)
    unit_of = {w.lower(): u.unit for u in words.units for w in u.words}
    fixed_of = {w.lower(): (f.unit, f.count) for f in words.fixed for w in f.words}
    flags = re.IGNORECASE
    return _Patterns(
        counted=re.compile(
            rf"(?<![\d年月/.:-])(?:(?P<low>{number})\s*{range_mark}\s*)?(?P<n>{number})\s*"
            rf"(?P<unit>{_alternatives(list(unit_of))})", flags),
        fixed=re.compile(rf"(?P<word>{_alternatives(list(fixed_of))})", flags),
        unit_of=unit_of,
        fixed_of=fixed_of,
    )


def chinese_number(text: str, numerals: dict[str, int]) -> int | None:
    """一…九, 十, 十五, 二十, 二十五, 三十; None for anything else."""
    if not text or any(c not in numerals for c in text):
        return None
    if "十" not in text:
        return numerals[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or tens == "十" or ones == "十":
        return None
    return (numerals[tens] if tens else 1) * 10 + (numerals[ones] if ones else 0)


def _number(text: str, words: PromiseWords) -> int | None:
    if text.isdigit():
        return int(text)
    spelled = dict(words.number_words).get(text.lower())
    if spelled is not None:
        return spelled
    value = chinese_number(text, dict(words.numerals))
    return value if value is not None and value <= words.largest_numeral else None


def _end_of_day(day: date) -> datetime:
    return localize(datetime.combine(day, time(23, 59, 59))).astimezone(UTC)


def _explain(unit: str, count: int) -> str:
    if unit == "hours":
        return tr("{n} hour(s) from the time the promise was made", n=count)
    if unit == "working_days":
        return tr("{n} working day(s) counted from the day after the promise was made "
                  "(weekends and holidays skipped); due at the end of the last day", n=count)
    return tr("{n} day(s) counted from the day after the promise was made; due at the end "
              "of the last day", n=count)


def _period(text: str, words: PromiseWords) -> tuple[str, int, str] | None:
    """(unit, count, phrase) of the first period the text states."""
    patterns = _patterns(words)
    for match in patterns.counted.finditer(text):
        count = _number(match["n"], words)
        if count is None or count < 1:
            continue
        unit = patterns.unit_of[re.sub(r"\s+", " ", match["unit"]).lower()]
        return unit, count, match.group().strip()
    fixed = patterns.fixed.search(text)
    if fixed is not None:
        unit, count = patterns.fixed_of[re.sub(r"\s+", " ", fixed["word"]).lower()]
        return unit, count, fixed.group()
    return None


def promised_due(text: str, made_at: datetime, jurisdiction: str = "CN",
                 words: PromiseWords | None = None) -> PromisedDue | None:
    """The due time the promise's ``text`` states, counted from ``made_at``; None when the
    text states no period.

    "3个工作日内回电" made on Friday 2024-09-27 in China is due at the end of Tuesday
    2024-10-08: Sunday 09-29 and Monday 09-30 are working days (调休), 10-01…10-07 are not.
    """
    found = _period(text, words or default_fact_rules().promises)
    if found is None:
        return None
    unit, count, phrase = found
    made_at = ensure_aware(made_at)
    if unit == "hours":
        return PromisedDue(made_at.astimezone(UTC) + timedelta(hours=count), phrase, count,
                           unit, _explain(unit, count))
    start = to_local(made_at).date()
    if unit == "working_days":
        calendar = jurisdiction if jurisdiction in JURISDICTIONS else "none"
        shifted = add_working_days(start, count, calendar)
        return PromisedDue(_end_of_day(shifted.day), phrase, count, unit,
                           _explain(unit, count), shifted.warnings)
    days = count * 7 if unit == "weeks" else count
    return PromisedDue(_end_of_day(start + timedelta(days=days)), phrase, count, unit,
                       _explain(unit, days))


def starting_due(text: str, made_at: datetime, jurisdiction: str = "CN") -> datetime:
    """Where a due time the person is about to set starts: the time the promise's words
    state, else the end of the next working day after it was made — never the moment it was
    made, which would make the promise broken as soon as it is saved."""
    stated = promised_due(text, made_at, jurisdiction)
    if stated is not None:
        return stated.due
    calendar = jurisdiction if jurisdiction in JURISDICTIONS else "none"
    return _end_of_day(add_working_days(to_local(ensure_aware(made_at)).date(), 1,
                                        calendar).day)


__all__ = ["PromisedDue", "chinese_number", "promised_due", "starting_due"]
