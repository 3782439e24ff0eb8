"""Patterns in a timeline: how often unsolicited calls and messages came.

What proves harassment by marketing calls (系统外呼) is the pattern: how often, at what hours,
after the customer said no. These pure functions count it, so that the window's chart and the
dossier's table and chart show the same numbers.

An entry counts as unsolicited only when the person logged it so: channel ``unsolicited`` (a
call they did not ask for) or ``unsolicited_sms`` (an SMS they marked so), both from Ctrl+U or
the entry editor. An ordinary ``sms`` never counts, even an incoming one without a reference:
the institution's own notices ("投诉已登记") are not harassment.
Days are the user's local days; weeks run Monday to Sunday and are named by their Monday.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from desktop_app.records import EventRecord
from desktop_app.timeutil import to_local
from desktop_app.vocab import Channel

Period = Literal["day", "week"]
PERIODS: tuple[str, ...] = ("day", "week")


UNSOLICITED_CHANNELS = frozenset({Channel.UNSOLICITED, Channel.UNSOLICITED_SMS})


def is_unsolicited(event: EventRecord) -> bool:
    """A call or SMS the person logged as unsolicited (its channel says so)."""
    return event.fields.channel in UNSOLICITED_CHANNELS


def period_start(day: date, by: str) -> date:
    """The day itself, or the Monday of its week."""
    if by == "week":
        return day - timedelta(days=day.weekday())
    return day


def unsolicited_frequency(events: Iterable[EventRecord], by: str = "day", *,
                          fill_gaps: bool = True) -> list[tuple[date, int]]:
    """How many unsolicited calls and messages came per day (or per week), oldest first.

    With ``fill_gaps`` every day (week) from the first to the last one with a contact is
    listed, quiet ones with 0, so that a chart shows the spacing; without it, only days
    (weeks) with at least one. Empty when there is nothing unsolicited.
    """
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; choose one of {', '.join(PERIODS)}")
    counts = Counter(period_start(to_local(e.fields.at).date(), by)
                     for e in events if is_unsolicited(e))
    if not counts:
        return []
    if not fill_gaps:
        return sorted(counts.items())
    step = timedelta(days=7 if by == "week" else 1)
    first, last = min(counts), max(counts)
    series = []
    day = first
    while day <= last:
        series.append((day, counts.get(day, 0)))
        day += step
    return series


def unsolicited_hours(events: Iterable[EventRecord]) -> list[tuple[int, int]]:
    """How many unsolicited calls and messages came in each hour of the day (0–23)."""
    counts = Counter(to_local(e.fields.at).hour for e in events if is_unsolicited(e))
    return [(hour, counts.get(hour, 0)) for hour in range(24)]
