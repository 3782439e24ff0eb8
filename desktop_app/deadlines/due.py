"""The due list: every promise and regulator deadline falling due across open cases, and the
buckets the Due view shows them in."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from desktop_app.deadlines.clock import clock_lines, regulator_clock
from desktop_app.deadlines.promises import promise_status
from desktop_app.deadlines.rules import Rules
from desktop_app.deadlines.timeline import in_time_order
from desktop_app.records import CaseRecord, EventRecord, PromiseData
from desktop_app.timeutil import ensure_aware, iso, to_local
from desktop_app.vocab import OPEN_STATUSES

DueKind = Literal["promise", "regulator"]


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
        for event in in_time_order(events):
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
