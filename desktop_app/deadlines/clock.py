"""The regulator clock of a case: who must answer by when, and when to escalate to whom.

The rules are data (:mod:`desktop_app.deadlines.rules`); this module only counts. Day counting
(the day of receipt never counts; calendar days, working days, business days, weeks) is in
:mod:`desktop_app.deadlines.workdays`.

Times: a deadline is the end (23:59:59) of its last day in the user's zone; escalation opens
at the start (00:00) of the next day. Dates of receipt are taken in the user's zone too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from string import Template
from typing import Any

from desktop_app.deadlines.rules import LANGS, Body, Rules, Source, Text
from desktop_app.deadlines.timeline import in_time_order, lodged_event
from desktop_app.deadlines.wording import format_date, institution_name
from desktop_app.deadlines.workdays import JURISDICTIONS, Counted, Shifted, add_period, days_elapsed
from desktop_app.i18n import tr
from desktop_app.records import CaseRecord, EventRecord
from desktop_app.timeutil import ensure_aware, iso, localize, to_local
from desktop_app.vocab import OPEN_STATUSES, Channel, Direction


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
    for event in in_time_order(events):
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
