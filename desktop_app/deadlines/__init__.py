"""Promises and regulator clocks: when the other side's time is up, and who to go to next.

Pure functions over records: nothing here reads the database. The regulator clocks are data
(``resources/rules/deadlines.json``), each rule with its legal source and an as-of date; this
module only counts. Day counting (the day of receipt never counts; calendar days, working days,
business days, weeks) is in :mod:`desktop_app.deadlines.workdays`.

Times: a deadline is the end (23:59:59) of its last day in the user's zone; escalation opens
at the start (00:00) of the next day. Dates of receipt are taken in the user's zone too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from string import Template
from typing import Any, Literal, TypeVar

from desktop_app.deadlines.workdays import (
    JURISDICTIONS,
    UNITS,
    Counted,
    Shifted,
    add_period,
    days_elapsed,
)
from desktop_app.i18n import tr
from desktop_app.records import CaseRecord, EventRecord, PromiseData
from desktop_app.store.paths import RESOURCES_DIR
from desktop_app.timeutil import ensure_aware, iso, localize, to_local
from desktop_app.vocab import OPEN_STATUSES, Channel, Direction, PromiseState

RULES_FILE = RESOURCES_DIR / "rules" / "deadlines.json"
LANGS = ("zh", "en")
CLOCK_STARTS = ("complaint_to_institution", "regulator_filing")

PromiseStatus = Literal["pending", "kept", "broken"]
DueKind = Literal["promise", "regulator"]

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def promise_status(promise: PromiseData, now: datetime) -> PromiseStatus:
    """Kept or broken as marked; a pending promise whose due time has passed is broken."""
    if promise.state == PromiseState.KEPT:
        return "kept"
    if promise.state == PromiseState.BROKEN:
        return "broken"
    if promise.due_at is not None and ensure_aware(promise.due_at) < ensure_aware(now):
        return "broken"
    return "pending"


def broken_promises(events: Iterable[EventRecord],
                    now: datetime) -> list[tuple[EventRecord, PromiseData]]:
    """Every broken promise of a timeline with the event it was made in, in time order."""
    found = [(event, promise) for event in _in_time_order(events)
             for promise in event.fields.promises if promise_status(promise, now) == "broken"]
    return found


def _in_time_order(events: Iterable[EventRecord]) -> list[EventRecord]:
    return sorted(events, key=lambda e: (ensure_aware(e.fields.at), e.id))


def format_date(day: date, lang: str) -> str:
    """``2024-11-18`` in Chinese, ``18 Nov 2024`` in English."""
    if lang == "zh":
        return day.isoformat()
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_time(moment: datetime, lang: str) -> str:
    """A date and time in the user's zone: ``2024-11-03 10:15`` / ``3 Nov 2024 10:15``."""
    local = to_local(moment)
    return f"{format_date(local.date(), lang)} {local:%H:%M}"


def institution_name(case: CaseRecord, lang: str) -> str:
    """How a letter or a sentence names the institution: short in Chinese, English in English."""
    inst = case.institution
    if lang == "zh":
        return inst.short_name or inst.name
    return inst.name_en or inst.name


class RulesError(ValueError):
    """The rules file is missing something or contradicts itself."""


@dataclass(frozen=True)
class Text:
    """A text in Chinese and English."""

    zh: str
    en: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def to_json(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Body:
    """A body a complaint can be escalated to."""

    id: str
    name: Text
    short: Text
    hotline: str = ""
    website: str = ""
    verified: bool = True
    note: Text | None = None
    in_sentence: Text | None = None  # how a sentence names it ("the Financial Ombudsman …")

    def phrase(self, lang: str) -> str:
        """The body as named inside a sentence."""
        return (self.in_sentence or self.name).get(lang)

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name.to_json(), "short": self.short.to_json(),
                "hotline": self.hotline, "website": self.website, "verified": self.verified}


@dataclass(frozen=True)
class Period:
    id: str
    length: int
    label: Text
    counted_from: str | None = None  # another period's last day instead of receipt


@dataclass(frozen=True)
class Source:
    zh: str
    en: str
    url: str = ""
    published: str = ""


@dataclass(frozen=True)
class Escalation:
    body: str
    after_period: str
    verified: bool = True
    note: Text | None = None
    wording: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    jurisdiction: str
    institution_kinds: frozenset[str] | None  # None: any
    categories: frozenset[str] | None  # None: any
    clock_starts: str
    unit: str
    rolls_to_working_day: bool
    action: Text
    periods: tuple[Period, ...]
    escalation: Escalation | None
    source: Source
    as_of: date
    verified: bool
    note: Text | None = None
    who: Text | None = None  # who must act, when not the institution

    def specificity(self, jurisdiction: str, kind: str, category: str) -> int | None:
        return _specificity(self.jurisdiction, self.institution_kinds, self.categories,
                            jurisdiction, kind, category)


@dataclass(frozen=True)
class Route:
    """Which body a case of this jurisdiction, institution kind and category goes to next."""

    jurisdiction: str
    institution_kinds: frozenset[str] | None
    categories: frozenset[str] | None
    body: str
    verified: bool = True
    note: Text | None = None


def _specificity(rule_jurisdiction: str, kinds: frozenset[str] | None,
                 categories: frozenset[str] | None, jurisdiction: str, kind: str,
                 category: str) -> int | None:
    """None when a rule does not apply; else how specific it is (named kinds and categories)."""
    if rule_jurisdiction != jurisdiction:
        return None
    if kinds is not None and kind not in kinds:
        return None
    if categories is not None and category not in categories:
        return None
    return (kinds is not None) + (categories is not None)


_Matchable = TypeVar("_Matchable", Rule, Route)


@dataclass(frozen=True)
class Rules:
    """The regulator clocks, bodies and escalation routes of a rules file."""

    as_of: date
    rules: tuple[Rule, ...]
    bodies: tuple[Body, ...]
    routes: tuple[Route, ...]
    wording: Mapping[str, Mapping[str, Any]] = field(compare=False)

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def body(self, body_id: str) -> Body:
        for body in self.bodies:
            if body.id == body_id:
                return body
        raise KeyError(body_id)

    def rule_for(self, case: CaseRecord) -> Rule | None:
        """The most specific rule for the case's jurisdiction, institution kind and category."""
        return _most_specific(self.rules, case)

    def route_for(self, case: CaseRecord) -> Route | None:
        return _most_specific(self.routes, case)


def _most_specific(items: Sequence[_Matchable], case: CaseRecord) -> _Matchable | None:
    jurisdiction = case.fields.jurisdiction
    kind = case.institution.kind
    category = case.fields.category
    best: _Matchable | None = None
    best_score = -1
    for item in items:
        score = _specificity(item.jurisdiction, item.institution_kinds, item.categories,
                             jurisdiction, kind, category)
        if score is not None and score > best_score:
            best, best_score = item, score
    return best


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict) or not isinstance(raw.get("zh"), str) \
            or not isinstance(raw.get("en"), str):
        raise RulesError(f"{where}: needs a zh and an en text")
    return Text(raw["zh"], raw["en"])


def _optional_text(raw: Any, where: str) -> Text | None:
    return None if raw is None else _text(raw, where)


def _names(raw: Any, where: str) -> frozenset[str] | None:
    if raw == "*":
        return None
    if not isinstance(raw, list) or not raw or not all(isinstance(v, str) for v in raw):
        raise RulesError(f"{where}: a list of names or \"*\"")
    return frozenset(raw)


def _date(raw: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(raw))
    except ValueError as exc:
        raise RulesError(f"{where}: not a date: {raw!r}") from exc


def _require(raw: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in raw:
        raise RulesError(f"{where}: {key} is missing")
    return raw[key]


def _check_jurisdiction(value: Any, where: str) -> str:
    if value not in JURISDICTIONS or value == "none":
        raise RulesError(f"{where}: unknown jurisdiction {value!r}")
    return str(value)


def _unverified_needs_note(verified: Any, note: Text | None, where: str) -> bool:
    if not isinstance(verified, bool):
        raise RulesError(f"{where}: verified must be true or false")
    if not verified and note is None:
        raise RulesError(f"{where}: an unverified fact needs a note saying why")
    return verified


def _wording(raw: Any, where: str) -> dict[str, dict[str, str]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict) or not set(raw) <= set(LANGS):
        raise RulesError(f"{where}: wording per language (zh, en)")
    return {lang: {k: str(v) for k, v in texts.items()} for lang, texts in raw.items()}


def _parse_rule(raw: Mapping[str, Any], bodies: Collection[str]) -> Rule:
    rule_id = str(_require(raw, "id", "rule"))
    where = f"rule {rule_id}"
    unit = _require(raw, "unit", where)
    if unit not in UNITS:
        raise RulesError(f"{where}: unknown unit {unit!r}")
    clock_starts = _require(raw, "clock_starts", where)
    if clock_starts not in CLOCK_STARTS:
        raise RulesError(f"{where}: clock_starts must be one of {', '.join(CLOCK_STARTS)}")
    periods: list[Period] = []
    for p in _require(raw, "periods", where):
        length = _require(p, "length", where)
        if not isinstance(length, int) or length <= 0:
            raise RulesError(f"{where}: a period's length must be a positive whole number")
        counted_from = p.get("counted_from")
        if counted_from is not None and counted_from not in {q.id for q in periods}:
            raise RulesError(f"{where}: period {p.get('id')} counts from an unknown period")
        periods.append(Period(str(_require(p, "id", where)), length,
                              _text(p.get("label"), f"{where} period label"), counted_from))
    if not periods:
        raise RulesError(f"{where}: needs at least one period")
    escalation = None
    raw_esc = _require(raw, "escalation", where)
    if raw_esc is not None:
        body = _require(raw_esc, "body", where)
        if body not in bodies:
            raise RulesError(f"{where}: escalates to an unknown body {body!r}")
        after = _require(raw_esc, "after_period", where)
        if after not in {p.id for p in periods}:
            raise RulesError(f"{where}: escalation after an unknown period {after!r}")
        note = _optional_text(raw_esc.get("note"), f"{where} escalation note")
        escalation = Escalation(
            body, after,
            _unverified_needs_note(raw_esc.get("verified", True), note, f"{where} escalation"),
            note, _wording(raw_esc.get("wording"), f"{where} escalation"))
    raw_source = _require(raw, "source", where)
    source = Source(str(_require(raw_source, "zh", where)), str(_require(raw_source, "en", where)),
                    str(raw_source.get("url", "")), str(raw_source.get("published", "")))
    if not source.zh or not source.en:
        raise RulesError(f"{where}: the source text is empty")
    note = _optional_text(raw.get("note"), f"{where} note")
    return Rule(
        id=rule_id,
        title=_text(raw.get("title"), f"{where} title"),
        jurisdiction=_check_jurisdiction(raw.get("jurisdiction"), where),
        institution_kinds=_names(_require(raw, "institution_kinds", where), where),
        categories=_names(_require(raw, "categories", where), where),
        clock_starts=clock_starts,
        unit=unit,
        rolls_to_working_day=bool(raw.get("last_day_rolls_to_working_day", False)),
        action=_text(raw.get("action"), f"{where} action"),
        periods=tuple(periods),
        escalation=escalation,
        source=source,
        as_of=_date(_require(raw, "as_of", where), where),
        verified=_unverified_needs_note(_require(raw, "verified", where), note, where),
        note=note,
        who=_optional_text(raw.get("who"), f"{where} who"),
    )


def parse_rules(data: Mapping[str, Any]) -> Rules:
    """Rules from the decoded JSON of a rules file; :class:`RulesError` on anything amiss."""
    if data.get("format") != 1:
        raise RulesError("unknown rules file format")
    bodies: list[Body] = []
    for raw in _require(data, "bodies", "rules file"):
        body_id = str(_require(raw, "id", "body"))
        where = f"body {body_id}"
        note = _optional_text(raw.get("note"), where)
        bodies.append(Body(body_id, _text(raw.get("name"), where), _text(raw.get("short"), where),
                           str(raw.get("hotline", "")), str(raw.get("website", "")),
                           _unverified_needs_note(raw.get("verified", True), note, where), note,
                           _optional_text(raw.get("in_sentence"), where)))
    body_ids = {b.id for b in bodies}
    if len(body_ids) != len(bodies):
        raise RulesError("two bodies share an id")
    routes: list[Route] = []
    for raw in _require(data, "escalation_routes", "rules file"):
        where = f"route {raw}"
        if raw.get("body") not in body_ids:
            raise RulesError(f"{where}: unknown body")
        note = _optional_text(raw.get("note"), where)
        routes.append(Route(_check_jurisdiction(raw.get("jurisdiction"), where),
                            _names(_require(raw, "institution_kinds", where), where),
                            _names(raw.get("categories", "*"), where), str(raw["body"]),
                            _unverified_needs_note(raw.get("verified", True), note, where),
                            note))
    rules = tuple(_parse_rule(raw, body_ids) for raw in _require(data, "rules", "rules file"))
    if len({r.id for r in rules}) != len(rules):
        raise RulesError("two rules share an id")
    wording = _require(data, "wording", "rules file")
    needed = {"answer", "progress", "progress_rolled", "progress_run_rolled",
              "progress_overdue", "escalate", "escalate_open", "escalated", "unverified",
              "join", "end", "units"}
    for lang in LANGS:
        missing = needed - set(wording.get(lang, {}))
        if missing:
            raise RulesError(f"wording {lang}: missing {', '.join(sorted(missing))}")
    return Rules(_date(_require(data, "as_of", "rules file"), "rules file"), rules,
                 tuple(bodies), tuple(routes), wording)


def load_rules(path: Path | None = None) -> Rules:
    """Read a rules file (the shipped one by default)."""
    source = path or RULES_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RulesError(f"cannot read the rules file {source}: {exc}") from exc
    return parse_rules(data)


@cache
def default_rules() -> Rules:
    """The shipped rules, read once."""
    return load_rules()


def lodged_event(events: Iterable[EventRecord], marked_event_id: int | None, *,
                 channels: Collection[str] | None = None) -> EventRecord | None:
    """The event the complaint counts as lodged at.

    The event the user marked, if it is on the timeline; else the first outgoing contact that
    produced a reference number (notes are not contacts), limited to ``channels`` if given.
    """
    ordered = _in_time_order(events)
    if marked_event_id is not None:
        for event in ordered:
            if event.id == marked_event_id:
                return event
    for event in ordered:
        f = event.fields
        if (f.direction == Direction.OUT and f.references and f.channel != Channel.NOTE
                and (channels is None or f.channel in channels)):
            return event
    return None


@dataclass(frozen=True)
class Deadline:
    """The end of one period of a rule (the standard one, or an extension)."""

    period: str
    label: Text
    length: int
    due: datetime
    warnings: tuple[str, ...] = ()  # about the calendar data behind this date

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "label": self.label.to_json(), "length": self.length,
                "due": iso(self.due), "warnings": list(self.warnings)}


@dataclass(frozen=True)
class Clock:
    """A regulator clock running on a case.

    ``day_number`` / ``total`` count in ``unit`` (weeks are counted in calendar days): day 0 is
    the day the complaint was received. ``answer_due`` is the end of the last day of the first
    period; ``due_on`` is that day, which may lie after ``nominal_due_on`` when a last day on a
    rest day moves to the next working day.
    """

    rule: str
    title: Text
    unit: str
    lodged_event_id: int
    lodged_at: datetime
    received_on: date
    nominal_due_on: date
    due_on: date
    answer_due: datetime
    escalate_from: datetime | None
    escalate_to: Body | None
    escalation_open: bool
    day_number: int
    total: int
    overdue: bool
    deadlines: tuple[Deadline, ...]
    action: Text
    who: Text | None
    source: Source
    as_of: date
    verified: bool
    escalation_verified: bool
    note: Text | None
    jurisdiction: str
    warnings: tuple[str, ...] = ()
    # years without official holiday data that the dates it states were counted through
    calendar_gaps: tuple[int, ...] = ()
    # the person's first complaint to a regulator after the one that started the clock
    escalated_at: datetime | None = None
    escalated_with: str = ""  # whom the timeline says it went to (counterpart or number)
    wording: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, compare=False,
                                                     repr=False)

    @property
    def rolled(self) -> bool:
        return self.due_on != self.nominal_due_on

    def source_text(self) -> str:
        """The source in the language of its jurisdiction (Chinese for China)."""
        return self.source.zh if self.jurisdiction == "CN" else self.source.en

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title.to_json(),
            "lodged_event_id": self.lodged_event_id,
            "lodged_at": iso(self.lodged_at),
            "answer_due": iso(self.answer_due),
            "escalate_from": iso(self.escalate_from),
            "escalate_to": None if self.escalate_to is None else self.escalate_to.to_json(),
            "day_number": self.day_number,
            "total": self.total,
            "unit": self.unit,
            "overdue": self.overdue,
            "deadlines": [d.to_json() for d in self.deadlines],
            "source": self.source_text(),
            "source_zh": self.source.zh,
            "source_en": self.source.en,
            "source_url": self.source.url,
            "as_of": self.as_of.isoformat(),
            "verified": self.verified,
            "escalation_verified": self.escalation_verified,
            "warnings": list(self.warnings),
            "calendar_gaps": list(self.calendar_gaps),
        }


def _end_of_day(day: date) -> datetime:
    return localize(datetime.combine(day, time(23, 59, 59))).astimezone(UTC)


def _start_of_day(day: date) -> datetime:
    return localize(datetime.combine(day, time(0, 0))).astimezone(UTC)


def regulator_clock(case: CaseRecord, events: Sequence[EventRecord], rules: Rules,
                    now: datetime, marked_event_id: int | None = None) -> Clock | None:
    """The regulator clock of a case at ``now``, or None when none runs.

    None when the case has no jurisdiction, is resolved or closed, no rule fits its
    jurisdiction, institution kind and category, or nothing has been lodged yet (for rules
    whose clock runs from a regulator filing: no filing yet).
    """
    if case.fields.jurisdiction not in JURISDICTIONS or case.fields.jurisdiction == "none":
        return None
    if case.fields.status not in OPEN_STATUSES:
        return None
    rule = rules.rule_for(case)
    if rule is None:
        return None
    channels = {Channel.REGULATOR.value} if rule.clock_starts == "regulator_filing" else None
    event = lodged_event(events, marked_event_id, channels=channels)
    if event is None:
        return None

    calendar = rule.jurisdiction
    warnings: list[str] = []
    gaps: set[int] = set()

    def note(found: Shifted | Counted) -> None:
        warnings.extend(w for w in found.warnings if w not in warnings)
        gaps.update(found.missing)

    received = to_local(event.fields.at).date()
    today = to_local(now).date()
    last_days: dict[str, date] = {}
    deadlines: list[Deadline] = []
    # The clock's own warnings are those behind the dates it states (the answer, when to
    # escalate); an extension's date carries its own, so that a 60-day extension running
    # into a year without holiday data does not cast doubt on a 15-day answer date.
    stated = {rule.periods[0].id}
    if rule.escalation is not None:
        stated.add(rule.escalation.after_period)
    for period in rule.periods:
        start = received if period.counted_from is None else last_days[period.counted_from]
        shifted = add_period(start, period.length, rule.unit, calendar,
                             roll_to_working_day=rule.rolls_to_working_day)
        if period.id in stated:
            note(shifted)
        last_days[period.id] = shifted.day
        deadlines.append(Deadline(period.id, period.label, period.length,
                                  _end_of_day(shifted.day), shifted.warnings))
    main = rule.periods[0]
    due_on = last_days[main.id]
    nominal = add_period(received, main.length, rule.unit, calendar).day
    answer_due = deadlines[0].due

    escalate_from: datetime | None = None
    escalate_to: Body | None = None
    escalation_open = False
    wording: dict[str, dict[str, Any]] = {lang: dict(rules.wording[lang]) for lang in LANGS}
    if rule.escalation is not None:
        opens_on = last_days[rule.escalation.after_period] + timedelta(days=1)
        escalate_from = _start_of_day(opens_on)
        escalate_to = rules.body(rule.escalation.body)
        escalation_open = today >= opens_on
        for lang, texts in rule.escalation.wording.items():
            wording[lang].update(texts)

    escalated = _escalation(events, event) if escalate_to is not None else None
    elapsed = days_elapsed(received, today, rule.unit, calendar)
    note(elapsed)
    if not rule.verified:
        warnings.append(tr("This deadline is not verified; check it before relying on it."))
    escalation_verified = rule.escalation is None or rule.escalation.verified
    if not escalation_verified:
        warnings.append(tr("When you may escalate is not verified; check it before relying "
                           "on it."))
    total = main.length * 7 if rule.unit == "weeks" else main.length
    return Clock(
        rule=rule.id, title=rule.title,
        unit="calendar_days" if rule.unit == "weeks" else rule.unit,
        lodged_event_id=event.id, lodged_at=ensure_aware(event.fields.at),
        received_on=received, nominal_due_on=nominal, due_on=due_on, answer_due=answer_due,
        escalate_from=escalate_from, escalate_to=escalate_to, escalation_open=escalation_open,
        day_number=elapsed.days, total=total, overdue=ensure_aware(now) > answer_due,
        deadlines=tuple(deadlines), action=rule.action, who=rule.who, source=rule.source,
        as_of=rule.as_of, verified=rule.verified, escalation_verified=escalation_verified,
        note=rule.note, jurisdiction=rule.jurisdiction, warnings=tuple(warnings),
        calendar_gaps=tuple(sorted(gaps)),
        escalated_at=None if escalated is None else ensure_aware(escalated.fields.at),
        escalated_with="" if escalated is None else (escalated.fields.counterpart.strip()
                                                    or escalated.fields.contact.strip()),
        wording=wording,
    )


def _fill(template: str, **values: object) -> str:
    return Template(template).substitute({k: str(v) for k, v in values.items()})


def _escalation(events: Sequence[EventRecord], lodged: EventRecord) -> EventRecord | None:
    """The first complaint to a regulator the person made after ``lodged`` (the contact the
    clock runs from), if the timeline has one."""
    after = ensure_aware(lodged.fields.at)
    for event in _in_time_order(events):
        f = event.fields
        if (event.id != lodged.id and f.channel == Channel.REGULATOR
                and f.direction == Direction.OUT and ensure_aware(f.at) >= after):
            return event
    return None


def _escalated_body(clock: Clock, lang: str) -> str:
    """Whom the escalation went to, in ``lang`` when it is the body the rule names."""
    said = clock.escalated_with
    body = clock.escalate_to
    if body is not None and (not said or said in {body.name.zh, body.name.en, body.short.zh,
                                                   body.short.en, body.hotline}):
        return body.short.get(lang)
    return said


def clock_lines(clock: Clock, case: CaseRecord, lang: str) -> tuple[str, ...]:
    """The clock in plain words: who must answer by when, and (if any) where to go next.

    ``("建设银行应于 2024-11-18 前答复（第 9 / 15 天）", "可于 2024-11-19 起向 12378 投诉")``
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}")
    words = clock.wording[lang]
    unit = words["units"][clock.unit]
    if clock.overdue:
        key = "progress_overdue"
    elif clock.rolled:
        key = "progress_run_rolled" if clock.day_number > clock.total else "progress_rolled"
    else:
        key = "progress"
    # past the day it was due: a last day moved past rest days (only calendar-day periods
    # move) counts from the day it moved to, not from the nominal one
    over = max(0, clock.day_number - clock.total - (clock.due_on - clock.nominal_due_on).days)
    over_units = f"{over} {unit}" if lang == "zh" or over == 1 else f"{over} {unit}s"
    progress = _fill(words[key], day=clock.day_number, total=clock.total, unit=unit,
                     over_units=over_units)
    who = clock.who.get(lang) if clock.who is not None else institution_name(case, lang)
    answer = _fill(words["answer"], who=who, due=format_date(clock.due_on, lang),
                   action=clock.action.get(lang), progress=progress)
    if not clock.verified:
        answer += words["unverified"]
    lines = [answer]
    if clock.escalated_at is not None:  # done already: say so, not that it may be done
        on = format_date(to_local(clock.escalated_at).date(), lang)
        lines.append(_fill(words["escalated"], body=_escalated_body(clock, lang), on=on))
    elif clock.escalate_to is not None and clock.escalate_from is not None:
        opens_on = to_local(clock.escalate_from).date()
        key = "escalate_open" if clock.escalation_open else "escalate"
        lines.append(_fill(words[key], body=clock.escalate_to.short.get(lang),
                           **{"from": format_date(opens_on, lang)}))
    return tuple(lines)


def clock_sentence(clock: Clock, case: CaseRecord, lang: str) -> str:
    """:func:`clock_lines` as one sentence."""
    lines = clock_lines(clock, case, lang)
    words = clock.wording[lang]
    return str(words["join"]).join(lines) + str(words["end"])


def next_body(case: CaseRecord, rules: Rules | None = None) -> Body | None:
    """The body to escalate to for this case; None when the case has no jurisdiction.

    Banks and insurers in China → 国家金融监督管理总局 12378; payment → 中国人民银行 12363;
    other consumer disputes → 12315; UK → Financial Ombudsman Service; US → CFPB; EU → FIN-NET.
    """
    rules = rules or default_rules()
    route = rules.route_for(case)
    return None if route is None else rules.body(route.body)


@dataclass(frozen=True)
class DueItem:
    """A promise or a regulator deadline falling due."""

    case_id: int
    kind: DueKind
    text: str
    due: datetime
    overdue: bool
    uid: str
    case_title: str = ""
    event_id: int | None = None
    promise_id: int | None = None
    rule: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "kind": self.kind, "text": self.text,
                "due": iso(self.due), "overdue": self.overdue}


def _promise_uid(case_id: int, event: EventRecord, promise: PromiseData) -> str:
    if promise.id is not None:
        return f"casebook-promise-{promise.id}@casebook"
    digest = hashlib.sha256(f"{event.id}\n{promise.text}".encode()).hexdigest()[:16]
    return f"casebook-case-{case_id}-promise-{digest}@casebook"


def due_items(cases_with_events: Iterable[tuple[CaseRecord, Sequence[EventRecord]]],
              rules: Rules, now: datetime, *, lang: str = "en",
              marked_events: Mapping[int, int | None] | None = None) -> list[DueItem]:
    """Every pending or broken promise with a due time, and every regulator deadline, across
    open cases; soonest first. ``marked_events`` maps a case id to its "complaint lodged"
    event. Regulator items are worded in ``lang``.
    """
    now = ensure_aware(now)
    items: list[DueItem] = []
    for case, events in cases_with_events:
        if case.fields.status not in OPEN_STATUSES:
            continue
        for event in _in_time_order(events):
            for promise in event.fields.promises:
                if promise.due_at is None or promise_status(promise, now) == "kept":
                    continue
                due = ensure_aware(promise.due_at)
                items.append(DueItem(
                    case.id, "promise", promise.text, due,
                    promise_status(promise, now) == "broken",
                    _promise_uid(case.id, event, promise), case.fields.title, event.id,
                    promise.id))
        marked = (marked_events or {}).get(case.id)
        clock = regulator_clock(case, events, rules, now, marked)
        if clock is not None:
            items.append(DueItem(
                case.id, "regulator", clock_lines(clock, case, lang)[0], clock.answer_due,
                clock.overdue, f"casebook-case-{case.id}-{clock.rule}@casebook",
                case.fields.title, clock.lodged_event_id, None, clock.rule))
    items.sort(key=lambda i: (i.due, i.case_id, i.kind, i.text))
    return items


@dataclass(frozen=True)
class DueBuckets:
    """Due items split the way the Due view shows them (days in the user's zone)."""

    overdue: tuple[DueItem, ...]
    today: tuple[DueItem, ...]
    this_week: tuple[DueItem, ...]  # after today, within the next seven days
    later: tuple[DueItem, ...]


def bucket_due(items: Iterable[DueItem], now: datetime) -> DueBuckets:
    """Overdue; due later today; due in the next seven days; later."""
    now = ensure_aware(now)
    today = to_local(now).date()
    week_end = today + timedelta(days=7)
    overdue: list[DueItem] = []
    due_today: list[DueItem] = []
    this_week: list[DueItem] = []
    later: list[DueItem] = []
    for item in sorted(items, key=lambda i: i.due):
        day = to_local(item.due).date()
        if item.overdue or item.due < now:
            overdue.append(item)
        elif day == today:
            due_today.append(item)
        elif day <= week_end:
            this_week.append(item)
        else:
            later.append(item)
    return DueBuckets(tuple(overdue), tuple(due_today), tuple(this_week), tuple(later))


def calendar_ics(items: Iterable[DueItem], *, stamp: datetime | None = None) -> bytes:
    """Due items as an iCalendar file: one event each, with a stable UID and a reminder.

    A promise reminds an hour before; a regulator deadline (the end of its last day) a day
    before. ``stamp`` is the DTSTAMP of every event (default: now).
    """
    from icalendar import Alarm, Calendar, Event

    stamped = ensure_aware(stamp) if stamp is not None else datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Casebook//Casebook deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamped.astimezone(UTC))
        event.add("dtstart", item.due.astimezone(UTC))
        summary = f"{item.text} · {item.case_title}" if item.case_title else item.text
        event.add("summary", summary)
        what = tr("Promise") if item.kind == "promise" else tr("Regulator deadline")
        lines = [f"{what}: {item.text}"]
        if item.case_title:
            lines.append(tr("Case {id}: {title}", id=item.case_id, title=item.case_title))
        if item.overdue:
            lines.append(tr("Overdue"))
        event.add("description", "\n".join(lines))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        before = timedelta(hours=1) if item.kind == "promise" else timedelta(days=1)
        alarm.add("trigger", -before)
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
