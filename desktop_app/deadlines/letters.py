"""Letters drafted from a case: a complaint to the next body (投诉信) and a chaser (催办函).

The wording lives in ``resources/letters/``: one ``string.Template`` per kind and language
(``complaint_zh.txt``, ``chaser_en.txt``, …) and ``labels.json`` with the words the drafter puts
in (channel names, list lines, blanks). This module only fills them in. A letter always carries
every reference number of the case and every broken promise (or the promises it chases).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from string import Template
from typing import Any

from desktop_app.deadlines.clock import Clock, clock_sentence, regulator_clock
from desktop_app.deadlines.promises import broken_promises, promise_status
from desktop_app.deadlines.rules import default_rules, next_body
from desktop_app.deadlines.timeline import lodged_event
from desktop_app.deadlines.wording import format_date, format_time, institution_name
from desktop_app.i18n import tr
from desktop_app.records import CaseRecord, EventRecord, PromiseData, ReferenceData
from desktop_app.store.paths import RESOURCES_DIR
from desktop_app.timeutil import ensure_aware, to_local
from desktop_app.vocab import Channel, reference_label

LETTERS_DIR = RESOURCES_DIR / "letters"
KINDS = ("complaint", "chaser")
LANGS = ("zh", "en")



class LetterError(ValueError):
    """A letter that cannot be drafted as asked."""


@cache
def _labels(lang: str) -> Mapping[str, Any]:
    data: dict[str, Any] = json.loads((LETTERS_DIR / "labels.json").read_text(encoding="utf-8"))
    labels: Mapping[str, Any] = data[lang]
    return labels


@cache
def _template(kind: str, lang: str) -> Template:
    path: Path = LETTERS_DIR / f"{kind}_{lang}.txt"
    return Template(path.read_text(encoding="utf-8"))


class _Words:
    """The labels of one language, filled in with ``string.Template``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.labels = _labels(lang)

    def __call__(self, key: str, **values: object) -> str:
        return Template(str(self.labels[key])).substitute({k: str(v) for k, v in values.items()})

    def word(self, table: str, key: str) -> str:
        return str(self.labels[table].get(key, key))

    def or_not_given(self, text: str) -> str:
        return text.strip() or str(self.labels["not_given"])

    def numbered(self, lines: Sequence[str]) -> str:
        if not lines:
            return str(self.labels["none"])
        return "\n".join(self("list_item", no=i, text=line) for i, line in enumerate(lines, 1))


def _amount(case: CaseRecord, words: _Words) -> str:
    value: Decimal | None = case.fields.amount
    if value is None:
        return str(words.labels["not_given"])
    digits = format(value, ",.2f") if value.as_tuple().exponent in (0, -1, -2) \
        else format(value, ",f")
    forms: Mapping[str, str] = words.labels["amount"]
    form = forms.get(case.fields.currency, forms["*"])
    return Template(form).substitute(amount=digits, currency=case.fields.currency)


def _institution(case: CaseRecord, words: _Words) -> str:
    inst = case.institution
    name = inst.name if words.lang == "zh" else (inst.name_en or inst.name)
    hotline = words("institution_hotline", hotline=inst.hotline) if inst.hotline else ""
    return words("institution", name=name, hotline=hotline)


def _complainant(profile: Mapping[str, Any], words: _Words) -> str:
    fields: Mapping[str, str] = words.labels["fields"]
    always: Sequence[str] = words.labels["always_fields"]
    lines = []
    for key, label in fields.items():
        value = str(profile.get(key) or "").strip()
        if value or key in always:
            lines.append(words("field_line", label=label, value=value or words.labels["blank"]))
    return "\n".join(lines)


def _contacts(events: Sequence[EventRecord], case: CaseRecord, now: datetime,
              words: _Words) -> list[str]:
    lines = []
    for event in events:
        f = event.fields
        if f.channel == Channel.NOTE:
            continue
        parts = []
        if f.contact:
            parts.append(words("contact_point", value=f.contact))
        if f.counterpart:
            parts.append(words("counterpart", value=f.counterpart))
        if f.agent_id:
            parts.append(words("agent_id", value=f.agent_id))
        if f.duration_seconds:
            parts.append(words("duration", minutes=max(1, round(f.duration_seconds / 60))))
        if f.summary.strip():
            parts.append(words("summary", value=f.summary.strip()))
        if f.references:
            parts.append(words("contact_refs", value=words.labels["refs_sep"].join(
                r.value for r in f.references)))
        for promise in f.promises:
            state = words.word("promise_states", promise_status(promise, now))
            parts.append(words("contact_promise", text=promise.text, state=state))
        joined = (words.labels["contact_parts_lead"] + words.labels["parts_sep"].join(parts)
                  if parts else "")
        lines.append(words("contact", when=format_time(f.at, words.lang),
                           channel=words.word("channels", f.channel),
                           direction=words.word("directions", f.direction), parts=joined))
    return lines


def _references(events: Sequence[EventRecord], words: _Words) -> list[str]:
    lines = []
    seen: set[tuple[str, str]] = set()
    for event in events:
        for reference in event.fields.references:
            key = (reference.label, reference.value)
            if key in seen:
                continue
            seen.add(key)
            lines.append(_reference(reference, event, words))
    return lines


def _reference(reference: ReferenceData, event: EventRecord, words: _Words) -> str:
    issued = (words("reference_issued_by", value=reference.issued_by)
              if reference.issued_by else "")
    source = words("reference_source", when=format_date(to_local(event.fields.at).date(),
                                                         words.lang),
                   channel=words.word("channels", event.fields.channel), issued_by=issued)
    label = (reference_label(reference.label, words.lang) if reference.label
             else words.labels["reference_default_label"])
    return words("reference", label=label, value=reference.value, source=source)


def _promise(event: EventRecord, promise: PromiseData, case: CaseRecord, now: datetime,
             words: _Words) -> str:
    """One promise: broken ones (marked so, or past their due time) as not kept; one still
    pending (not yet due) as due, never as not kept."""
    inst = institution_name(case, words.lang)
    agent = event.fields.counterpart.strip()
    agent_id = event.fields.agent_id.strip()
    if agent_id and agent_id not in agent:  # the 工号 recorded apart from the name
        agent = " ".join(p for p in (agent, words("agent_id", value=agent_id)) if p)
    who = words("promise_who_agent", institution=inst, agent=agent) if agent else inst
    due = (words("promise_due", due=format_time(promise.due_at, words.lang))
           if promise.due_at is not None else "")
    note = words("promise_note", value=promise.state_note) if promise.state_note else ""
    outcome = words.word("promise_outcome", promise_status(promise, now))
    return words("promise", when=format_time(event.fields.at, words.lang), who=who,
                 channel=words.word("channels", event.fields.channel), text=promise.text,
                 due=due, outcome=outcome, note=note)


def _clock_text(clock: Clock | None, case: CaseRecord, words: _Words) -> str:
    if clock is None:
        return str(words.labels["no_clock"])
    return clock_sentence(clock, case, words.lang)


def draft_letter(kind: str, lang: str, case: CaseRecord, events: Sequence[EventRecord],
                 now: datetime, profile: Mapping[str, Any] | None = None,
                 promise_id: int | None = None, clock: Clock | None = None) -> str:
    """A letter drafted from the case, as plain text for the user to edit.

    ``complaint``: to the body the case escalates to (:func:`next_body`): who, what, when,
    amount, every contact so far with its reference numbers, the broken promises, the regulator
    clock, the desired outcome. ``chaser``: to the institution, about the promise
    ``promise_id`` or, without one, every broken promise (or, with none, the unanswered
    complaint). ``profile`` gives the complainant's ``name``, ``phone``, ``address`` (and
    optionally ``email``, ``id_number``); what is missing is left as a blank to fill in.
    ``clock`` defaults to the clock the shipped rules give at ``now``.
    """
    if kind not in KINDS:
        raise LetterError(tr("unknown letter kind {kind!r}; choose one of: {choices}",
                             kind=kind, choices=", ".join(KINDS)))
    if lang not in LANGS:
        raise LetterError(tr("unknown letter language {lang!r}; choose one of: {choices}",
                             lang=lang, choices=", ".join(LANGS)))
    now = ensure_aware(now)
    words = _Words(lang)
    profile = profile or {}
    ordered = sorted(events, key=lambda e: (ensure_aware(e.fields.at), e.id))
    if clock is None:
        clock = regulator_clock(case, ordered, default_rules(), now)
    body = next_body(case)
    blank = str(words.labels["blank"])
    common = {
        "title": case.fields.title,
        "name": str(profile.get("name") or "").strip() or blank,
        "phone": str(profile.get("phone") or "").strip() or blank,
        "date": format_date(to_local(now).date(), lang),
        "institution": _institution(case, words),
        "institution_short": institution_name(case, lang),
        "references": words.numbered(_references(ordered, words)),
        "clock": _clock_text(clock, case, words),
    }
    if kind == "complaint":
        to = (words("body", name=body.name.get(lang),
                    hotline=words("body_hotline", hotline=body.hotline) if body.hotline else "")
              if body is not None else blank)
        incident = case.fields.incident_at
        values = {
            **common,
            "to": to,
            "complainant": _complainant(profile, words),
            "product": words.or_not_given(case.fields.product),
            "category": words.word("categories", case.fields.category),
            "description": words.or_not_given(case.fields.description),
            "incident": (format_time(incident, lang) if incident is not None
                         else words.labels["not_given"]),
            "amount": _amount(case, words),
            "transaction_refs": case.fields.transaction_refs.strip() or words.labels["none"],
            "contacts": words.numbered(_contacts(ordered, case, now, words)),
            "broken_promises": words.numbered(
                [_promise(e, p, case, now, words) for e, p in broken_promises(ordered, now)]),
            "desired_outcome": case.fields.desired_outcome.strip() or blank,
        }
    else:
        if promise_id is not None:
            chased = [(e, p) for e in ordered for p in e.fields.promises if p.id == promise_id]
            if not chased:
                raise LetterError(tr("no promise with id {id}", id=promise_id))
            if promise_status(chased[0][1], now) == "kept":
                raise LetterError(tr("promise {id} was kept; there is nothing to chase",
                                     id=promise_id))
        else:
            chased = broken_promises(ordered, now)
        first = lodged_event(ordered, clock.lodged_event_id if clock else None)
        if first is None:
            lodged = str(words.labels["lodged_unknown"])
        else:
            refs = words.labels["refs_sep"].join(r.value for r in first.fields.references)
            lodged = words("lodged", when=format_date(to_local(first.fields.at).date(), lang),
                           channel=words.word("channels", first.fields.channel),
                           refs=words("lodged_refs", value=refs) if refs else "")
        promises = ("\n".join(words("list_item", no=i, text=_promise(e, p, case, now, words))
                              for i, (e, p) in enumerate(chased, 1))
                    if chased else str(words.labels["no_promise"]))
        values = {
            **common,
            "to": common["institution"],
            "lodged": lodged,
            "promises": promises,
            "next_body": body.phrase(lang) if body is not None
            else words.labels["relevant_body"],
        }
    text = _template(kind, lang).substitute({k: str(v) for k, v in values.items()})
    return text.rstrip() + "\n"
