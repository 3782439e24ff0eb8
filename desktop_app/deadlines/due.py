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


def promise_item(case: CaseRecord, event_id: int, promise: PromiseData, now: datetime
                 ) -> DueItem | None:
    """The due item of a promise made in event ``event_id`` of ``case``; None when it has no
    due time or was kept."""
    if promise.due_at is None:
        return None
    status = promise_status(promise, now)
    if status == "kept":
        return None
    if promise.id is not None:
        uid = f"casebook-promise-{promise.id}@casebook"
    else:
        digest = hashlib.sha256(f"{event_id}\n{promise.text}".encode()).hexdigest()[:16]
        uid = f"casebook-case-{case.id}-promise-{digest}@casebook"
    return DueItem(case.id, "promise", promise.text, ensure_aware(promise.due_at),
                   status == "broken", uid, case.fields.title, event_id, promise.id)


def clock_item(case: CaseRecord, events: Sequence[EventRecord], rules: Rules, now: datetime,
               marked: int | None, lang: str) -> DueItem | None:
    """The regulator deadline of ``case`` as a due item; None when no clock runs. ``events``
    need only hold those the clock is read from (see :func:`regulator_clock`)."""
    clock = regulator_clock(case, events, rules, now, marked)
    if clock is None:
        return None
    return DueItem(case.id, "regulator", clock_lines(clock, case, lang)[0], clock.answer_due,
                   clock.overdue, f"casebook-case-{case.id}-{clock.rule}@casebook",
                   case.fields.title, clock.lodged_event_id, None, clock.rule)


def soonest_first(items: Iterable[DueItem]) -> list[DueItem]:
    """The due list's order: by due time, then case, kind and text (a stable sort: items
    alike in all four keep the order they came in, the timeline's)."""
    return sorted(items, key=lambda i: (i.due, i.case_id, i.kind, i.text))


def with_case_replaced(items: Iterable[DueItem], case_id: int,
                       case_items: Iterable[DueItem]) -> list[DueItem]:
    """``items`` with those of one case replaced by ``case_items`` (its items computed
    afresh), in the due list's order."""
    return soonest_first([*(i for i in items if i.case_id != case_id), *case_items])


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
                item = promise_item(case, event.id, promise, now)
                if item is not None:
                    items.append(item)
        item = clock_item(case, events, rules, now, (marked_events or {}).get(case.id), lang)
        if item is not None:
            items.append(item)
    return soonest_first(items)


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
