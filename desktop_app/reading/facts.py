"""Facts found in text: reference numbers, agents' IDs, amounts, times, phone numbers, and the
private numbers (bank cards, ID numbers) a person should know are there.

The text is the OCR of a screenshot or what a person typed in an entry's notes. The words that
introduce a fact live in ``resources/rules/facts.json`` (:mod:`.fact_rules`); this module
compiles them into patterns. Nothing found here is stored: the UI and the CLI offer what they
find, and the person decides.

Patterns are tried kind by kind (references first, then agents' IDs, ID numbers, cards, times,
amounts, phones); text a fact was read from is not read again, so the digits of a reference
number are not also a phone number and a date inside "TS2024112300123" is no time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Literal

from desktop_app.reading.fact_rules import FactRules, default_fact_rules
from desktop_app.timeutil import MAX_YEAR, MIN_YEAR, localize, to_local
from desktop_app.timeutil import now as current_time

FactKind = Literal["reference", "agent_id", "amount", "time", "phone", "card", "id_number"]
FACT_KINDS: tuple[FactKind, ...] = ("reference", "agent_id", "amount", "time", "phone", "card",
                                    "id_number")


@dataclass(frozen=True)
class Fact:
    """One fact found in a text.

    ``value`` is normalised: a reference as written without spaces, an amount as a decimal
    string ("5000.00"), a time as ISO 8601 with the user's offset (a date alone is its
    midnight), a phone number's digits (a leading + kept), a card's digits, an ID number in
    upper case. ``label`` is the keyword that introduced it ("投诉编号"), else "". ``start`` and
    ``end`` span the words it was read from, keyword included.
    """

    kind: FactKind
    value: str
    label: str = ""
    private: bool = False
    hotline: bool = False
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "value": self.value}


# Full-width ASCII (OCR and Chinese input give "：", "１２３") read as ASCII; one character
# for one, so spans stay those of the original text.
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
_SEP = r"\s*(?:[:#]|\bis\b|是|为)?\s*"
_NOT_AFTER_ALNUM = r"(?<![0-9A-Za-z])"
_NOT_BEFORE_DIGIT = r"(?!\d)"
_CN_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CN_ID_CHECK = "10X98765432"
_TIME_OF_DAY = (
    r"(?:\s*|T)(?:(?P<ampm>上午|下午|晚上|中午|凌晨|早上|早晨|傍晚|夜里)\s*)?"
    r"(?P<h>\d{1,2})\s*(?::\s*(?P<mi>\d{2})(?:\s*:\s*(?P<s>\d{2}))?(?!\d)"
    r"|(?:点|时)(?:\s*(?P<half>半)|\s*(?P<mi2>\d{1,2})\s*分)?)"
)
_AFTERNOON = ("下午", "晚上", "傍晚", "夜里")
_RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2}


def _alternatives(words: Iterable[str]) -> str:
    """Words as one regex alternation, longest first; English words whole words only."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        part = re.escape(word)
        if word[0].isascii() and word[0].isalpha():
            part = r"(?<![A-Za-z])" + part
        if word[-1].isascii() and word[-1].isalpha():
            part += r"(?![A-Za-z])"
        parts.append(part)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class _Patterns:
    reference: re.Pattern[str]
    agent: re.Pattern[str]
    agent_after: re.Pattern[str]
    amount_before: re.Pattern[str]
    amount_after: re.Pattern[str]
    amount_keyword: re.Pattern[str]
    amount_multiplied: re.Pattern[str]
    date_full: re.Pattern[str]
    date_month_day: re.Pattern[str]
    date_relative: re.Pattern[str]
    mobile: re.Pattern[str]
    landline: re.Pattern[str]
    service: re.Pattern[str]
    short_hotline: re.Pattern[str]
    card: re.Pattern[str]
    id_number: re.Pattern[str]


@cache
def _patterns(rules: FactRules) -> _Patterns:
    flags = re.IGNORECASE
    mult = _alternatives(dict(rules.multipliers))
    before = _alternatives(rules.currency_before)
    after = _alternatives(rules.currency_after)
    money_tail = rf"\s*(?P<mult>{mult})?(?:\s*{after})?"
    not_money = "".join(re.escape(w) for w in rules.not_money_after_multiplier)
    prefixes = "|".join(re.escape(p) for p in rules.hotline_prefixes)
    return _Patterns(
        reference=re.compile(
            rf"(?P<label>{_alternatives(rules.reference_words)}){_SEP}(?P<value>"
            r"[A-Za-z0-9](?:[A-Za-z0-9_/-]| (?=\d{3}))*)", flags),
        agent=re.compile(
            rf"(?P<label>{_alternatives(rules.agent_words)}){_SEP}"
            r"(?P<value>[A-Za-z]{0,4}\d{2,12})(?![0-9])", flags),
        agent_after=re.compile(
            rf"{_NOT_AFTER_ALNUM}(?P<value>\d{{1,6}})(?P<label>"
            rf"{_alternatives(rules.agent_after_number)})"),
        amount_before=re.compile(
            rf"(?<![A-Za-z])(?P<label>){before}\s*{_NUM}{_NOT_BEFORE_DIGIT}{money_tail}", flags),
        amount_after=re.compile(
            rf"(?<![\dA-Za-z.,]){_NUM}\s*(?P<mult>{mult})?\s*(?P<label>){after}(?!旦)(?![A-Za-z])",
            flags),
        amount_keyword=re.compile(
            rf"(?P<label>{_alternatives(rules.amount_words)}){_SEP}(?:{before}\s*)?"
            rf"{_NUM}{_NOT_BEFORE_DIGIT}{money_tail}", flags),
        amount_multiplied=re.compile(
            rf"(?<![\dA-Za-z.,])(?P<label>){_NUM}(?P<mult>{mult})(?![{not_money}])"),
        date_full=re.compile(
            r"(?<!\d)(?P<y>\d{4})\s*(?:年|[-/.])\s*(?P<mo>\d{1,2})\s*(?:月|[-/.])\s*"
            rf"(?P<d>\d{{1,2}})(?!\d)(?:\s*[日号])?(?:{_TIME_OF_DAY})?"),
        date_month_day=re.compile(
            r"(?<![\d年/.-])(?P<mo>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
            rf"(?:{_TIME_OF_DAY})?"),
        date_relative=re.compile(rf"(?P<rel>{_alternatives(_RELATIVE_DAYS)}){_TIME_OF_DAY}"),
        mobile=re.compile(
            rf"{_NOT_AFTER_ALNUM}(?P<cc>\+?86[\s-]?)?(?P<n>1[3-9]\d(?:[\s-]?\d{{4}}){{2}})"
            r"(?!\d)"),
        landline=re.compile(
            rf"{_NOT_AFTER_ALNUM}\(?(?P<area>0\d{{2,3}})(?:\)\s*|-|\s)(?P<n>[2-9]\d{{6,7}})"
            r"(?:-(?P<ext>\d{1,5}))?(?!\d)"),
        service=re.compile(
            rf"{_NOT_AFTER_ALNUM}(?:{prefixes})[\s-]?\d{{3}}[\s-]?\d{{4}}(?!\d)"),
        short_hotline=re.compile(
            rf"(?<![0-9A-Za-z])(?<![.,]\d)(?:{'|'.join(rules.hotlines)})(?!\d|[.,]\d)"),
        card=re.compile(rf"{_NOT_AFTER_ALNUM}\d(?:[ -]?\d){{15,18}}(?![0-9A-Za-z])"),
        id_number=re.compile(rf"{_NOT_AFTER_ALNUM}\d{{17}}[\dXx](?![0-9A-Za-z])"),
    )


# ---- checks and normal forms -----------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    """The Luhn check digit of a card number holds."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char)
        if i % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def id_number_ok(text: str) -> bool:
    """An 18-character Chinese resident ID number: a real birth date and its check character."""
    value = text.upper()
    if len(value) != 18 or not value[:17].isdigit():
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < MIN_YEAR:
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], _CN_ID_WEIGHTS, strict=True))
    return _CN_ID_CHECK[total % 11] == value[17]


def _amount(match: re.Match[str], rules: FactRules) -> str | None:
    try:
        value = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:
        return None
    if match["mult"]:
        value *= dict(rules.multipliers)[match["mult"]]
    if value <= 0 or value >= Decimal(10) ** 15:
        return None
    return f"{value.quantize(Decimal('0.01')):f}"


def _clock(match: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a time of day in the match, (0, 0, 0) when none."""
    if match["h"] is None:
        return 0, 0, 0
    hour = int(match["h"])
    minute = int(match["mi"] or match["mi2"] or (30 if match["half"] else 0))
    second = int(match["s"] or 0)
    ampm = match["ampm"]
    if (ampm in _AFTERNOON and hour < 12) or (ampm == "中午" and hour < 11):
        hour += 12
    elif ampm == "凌晨" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _moment(day: date, match: re.Match[str]) -> str | None:
    clock = _clock(match)
    if clock is None or not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    try:
        moment = localize(datetime(day.year, day.month, day.day, *clock))
    except (ValueError, OverflowError):
        return None
    return moment.isoformat(timespec="seconds")


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _near_year(month: int, day: int, today: date) -> date | None:
    """A month and day without a year: this year's, or last year's when this year's is still
    more than a day ahead (notes are written after the fact)."""
    found = _day(today.year, month, day)
    if found is not None and found <= today + timedelta(days=1):
        return found
    return _day(today.year - 1, month, day) or found


# ---- the search ------------------------------------------------------------------------------

_Reader = Callable[[re.Match[str]], "Fact | None"]


class _Finder:
    """One search: the text, the spans already read, the facts found."""

    def __init__(self, text: str, rules: FactRules, today: date) -> None:
        self.text = text
        self.plain = text.translate(_WIDE)
        self.rules = rules
        self.today = today
        self.taken: list[tuple[int, int]] = []
        self.found: list[Fact] = []

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.taken)

    def read(self, pattern: re.Pattern[str], reader: _Reader) -> None:
        for match in pattern.finditer(self.plain):
            if match.end() <= match.start() or not self.free(match.start(), match.end()):
                continue
            fact = reader(match)
            if fact is not None:
                self.taken.append((match.start(), match.end()))
                self.found.append(fact)

    def fact(self, match: re.Match[str], kind: FactKind, value: str, *, label: str | None = None,
             private: bool = False, hotline: bool = False) -> Fact:
        end = match.end()
        while end > match.start() and self.plain[end - 1].isspace():
            end -= 1
        if label is None:
            label = match.groupdict().get("label") or ""
        return Fact(kind, value, label.strip(), private, hotline, match.start(), end)

    # each reader: a match → a fact, or None when the match is no such fact after all

    def reference(self, match: re.Match[str]) -> Fact | None:
        value = re.sub(r"\s", "", match["value"]).rstrip("-_/")
        if len(value) < 4 or len(value) > 40 or not any(c.isdigit() for c in value):
            return None
        return self.fact(match, "reference", value)

    def agent(self, match: re.Match[str]) -> Fact | None:
        return self.fact(match, "agent_id", match["value"],
                         label=(match["label"] or "").lstrip("号"))

    def id_number(self, match: re.Match[str]) -> Fact | None:
        value = match.group().upper()
        return self.fact(match, "id_number", value, private=True) if id_number_ok(value) \
            else None

    def card(self, match: re.Match[str]) -> Fact | None:
        digits = re.sub(r"\D", "", match.group())
        if not (16 <= len(digits) <= 19 and luhn_ok(digits)
                and digits.startswith(self.rules.card_prefixes)):
            return None
        return self.fact(match, "card", digits, private=True)

    def full_date(self, match: re.Match[str]) -> Fact | None:
        day = _day(int(match["y"]), int(match["mo"]), int(match["d"]))
        value = None if day is None else _moment(day, match)
        return None if value is None else self.fact(match, "time", value)

    def month_day(self, match: re.Match[str]) -> Fact | None:
        day = _near_year(int(match["mo"]), int(match["d"]), self.today)
        value = None if day is None else _moment(day, match)
        return None if value is None else self.fact(match, "time", value)

    def relative_day(self, match: re.Match[str]) -> Fact | None:
        day = self.today + timedelta(days=_RELATIVE_DAYS[match["rel"]])
        value = _moment(day, match)
        return None if value is None else self.fact(match, "time", value)

    def amount(self, match: re.Match[str]) -> Fact | None:
        value = _amount(match, self.rules)
        return None if value is None else self.fact(match, "amount", value)

    def phone(self, match: re.Match[str]) -> Fact | None:
        text = match.group()
        digits = re.sub(r"\D", "", text)
        value = ("+" if text.lstrip().startswith("+") else "") + digits
        hotline = (digits in self.rules.hotlines
                   or (len(digits) == 10 and digits.startswith(self.rules.hotline_prefixes)))
        return self.fact(match, "phone", value, hotline=hotline)


def _passes(finder: _Finder, p: _Patterns) -> Iterator[tuple[re.Pattern[str], _Reader]]:
    """The patterns in the order they claim text, each with its reader."""
    yield p.reference, finder.reference
    yield p.agent, finder.agent
    yield p.agent_after, finder.agent
    yield p.id_number, finder.id_number
    yield p.card, finder.card
    yield p.date_full, finder.full_date
    yield p.date_month_day, finder.month_day
    yield p.date_relative, finder.relative_day
    yield p.amount_keyword, finder.amount
    yield p.amount_before, finder.amount
    yield p.amount_after, finder.amount
    yield p.amount_multiplied, finder.amount
    yield p.service, finder.phone
    yield p.mobile, finder.phone
    yield p.landline, finder.phone
    yield p.short_hotline, finder.phone


def find_facts(text: str, *, reference_time: datetime | None = None,
               rules: FactRules | None = None) -> list[Fact]:
    """The facts in ``text``, in text order, each kind and value once (its first place).

    ``reference_time`` places what has no year or is relative ("11月23日", "昨天下午3点"):
    the time the text was written or the screenshot taken; now when not given.
    """
    moment = reference_time if reference_time is not None else current_time()
    finder = _Finder(text, rules or default_fact_rules(), to_local(moment).date())
    for pattern, reader in _passes(finder, _patterns(finder.rules)):
        finder.read(pattern, reader)
    seen: set[tuple[str, str]] = set()
    facts: list[Fact] = []
    for fact in sorted(finder.found, key=lambda f: (f.start, f.end)):
        if (fact.kind, fact.value) not in seen:
            seen.add((fact.kind, fact.value))
            facts.append(fact)
    return facts


__all__ = ["FACT_KINDS", "Fact", "FactKind", "find_facts", "id_number_ok", "luhn_ok"]
