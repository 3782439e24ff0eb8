"""Counting unsolicited calls and messages per day and per week (the robocall case)."""

from __future__ import annotations

from datetime import date

import pytest
from records_factory import event, promise, ref

from desktop_app.deadlines.unsolicited import (
    is_unsolicited,
    unsolicited_frequency,
    unsolicited_hours,
)

CALLS = [
    event(1, "2024-11-04 09:15", "unsolicited", "in", contact="95533"),  # Monday
    event(2, "2024-11-04 18:40", "unsolicited", "in", contact="95533"),
    event(3, "2024-11-06 12:00", "unsolicited_sms", "in", summary="贷款额度已提升，回复T退订"),
    event(4, "2024-11-06 12:30", "sms", "in", refs=(ref("T2024"),)),  # a reply to a complaint
    event(5, "2024-11-07 10:00", "call", "out", contact="95533"),  # the user's own call
    event(6, "2024-11-11 07:59", "unsolicited", "in"),  # the Monday after
    event(7, "2024-11-10 23:30", "unsolicited", "in"),  # Sunday, late (local time)
    event(8, "2024-11-08 10:00", "sms", "in", promises=(promise("三日内回电", None),)),
    event(9, "2024-11-08 11:00", "sms", "out"),
    # the institution's own notice: incoming, no reference, no promise, and still not harassment
    event(10, "2024-11-05 08:00", "sms", "in", contact="95533", summary="短信通知：投诉已登记"),
]


def test_what_counts_as_unsolicited() -> None:
    # only what the person logged as unsolicited: calls and the SMS they marked so
    assert [e.id for e in CALLS if is_unsolicited(e)] == [1, 2, 3, 6, 7]


def test_the_institutions_own_sms_is_not_unsolicited() -> None:
    notice = event(1, "2024-11-05 08:00", "sms", "in", contact="95533",
                   summary="短信通知：投诉已登记")
    assert not is_unsolicited(notice)
    assert unsolicited_frequency([notice], "day") == []
    assert sum(n for _h, n in unsolicited_hours([notice])) == 0


def test_per_day_with_the_quiet_days_in_between() -> None:
    series = unsolicited_frequency(CALLS, "day")
    assert series[0] == (date(2024, 11, 4), 2)
    assert series[-1] == (date(2024, 11, 11), 1)
    assert len(series) == 8
    assert dict(series) == {
        date(2024, 11, 4): 2, date(2024, 11, 5): 0, date(2024, 11, 6): 1,
        date(2024, 11, 7): 0, date(2024, 11, 8): 0, date(2024, 11, 9): 0,
        date(2024, 11, 10): 1, date(2024, 11, 11): 1,
    }
    assert sum(n for _d, n in series) == 5


def test_per_day_without_gaps() -> None:
    assert unsolicited_frequency(CALLS, "day", fill_gaps=False) == [
        (date(2024, 11, 4), 2), (date(2024, 11, 6), 1), (date(2024, 11, 10), 1),
        (date(2024, 11, 11), 1)]


def test_per_week_from_monday() -> None:
    assert unsolicited_frequency(CALLS, "week") == [(date(2024, 11, 4), 4),
                                                     (date(2024, 11, 11), 1)]


def test_days_are_local_days() -> None:
    # 23:30 in Shanghai is 15:30 UTC the same day; 00:30 in Shanghai is the previous day in UTC
    late = [event(1, "2024-11-10 00:30", "unsolicited", "in")]
    assert unsolicited_frequency(late, "day") == [(date(2024, 11, 10), 1)]


def test_hours() -> None:
    hours = dict(unsolicited_hours(CALLS))
    assert (hours[9], hours[18], hours[12], hours[7], hours[23]) == (1, 1, 1, 1, 1)
    assert sum(hours.values()) == 5
    assert len(hours) == 24


def test_nothing_unsolicited_and_a_bad_period() -> None:
    assert unsolicited_frequency([CALLS[4]], "week") == []
    with pytest.raises(ValueError, match="unknown period"):
        unsolicited_frequency(CALLS, "month")
