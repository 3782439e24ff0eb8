"""A promise's due time read from its words, counted like the regulator clocks."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.deadlines.promise_due import chinese_number, promised_due, starting_due
from desktop_app.reading.fact_rules import default_fact_rules
from desktop_app.timeutil import iso, parse_time

FRIDAY_BEFORE_NATIONAL_DAY = parse_time("2024-09-27 15:30")  # Asia/Shanghai (tests/conftest)


def due_text(text: str, made_at: datetime = FRIDAY_BEFORE_NATIONAL_DAY,
             jurisdiction: str = "CN") -> str | None:
    found = promised_due(text, made_at, jurisdiction)
    return None if found is None else iso(found.due)


def test_three_working_days_across_national_day_count_the_make_up_days() -> None:
    """Sunday 09-29 and Monday 09-30 are working days (调休); 10-01…10-07 are not."""
    found = promised_due("3个工作日内回电", FRIDAY_BEFORE_NATIONAL_DAY)
    assert found is not None
    assert iso(found.due) == "2024-10-08T23:59:59+08:00"
    assert found.phrase == "3个工作日"
    assert (found.count, found.unit) == (3, "working_days")
    assert "3 working days" in found.explanation
    assert found.warnings == ()


@pytest.mark.parametrize(("text", "due"), [
    ("三个工作日", "2024-10-08T23:59:59+08:00"),
    ("3-5个工作日内处理完毕", "2024-10-10T23:59:59+08:00"),  # the upper bound
    ("3至5个工作日", "2024-10-10T23:59:59+08:00"),
    ("十五个工作日内答复", "2024-10-23T23:59:59+08:00"),
    ("48小时内解冻", "2024-09-29T15:30:00+08:00"),  # hours run from the moment
    ("24小时", "2024-09-28T15:30:00+08:00"),
    ("7天内到账", "2024-10-04T23:59:59+08:00"),  # calendar days: holidays count
    ("3日内答复", "2024-09-30T23:59:59+08:00"),
    ("一周内", "2024-10-04T23:59:59+08:00"),
    ("两天后回电", "2024-09-29T23:59:59+08:00"),
    ("二十天", "2024-10-17T23:59:59+08:00"),
    ("明天给您回复", "2024-09-28T23:59:59+08:00"),
    ("next working day", "2024-09-29T23:59:59+08:00"),  # a 调休 Sunday
    ("We will reply within 5 business days.", "2024-10-10T23:59:59+08:00"),
    ("within 48 hours", "2024-09-29T15:30:00+08:00"),
    ("refund in 7 days", "2024-10-04T23:59:59+08:00"),
    ("by tomorrow", "2024-09-28T23:59:59+08:00"),
    ("within a week", "2024-10-04T23:59:59+08:00"),
])
def test_periods_as_people_write_them(text: str, due: str) -> None:
    assert due_text(text) == due


@pytest.mark.parametrize("text", ["会尽快处理", "11月23日回复", "请保持电话畅通", "三十一天", ""])
def test_no_period_no_due(text: str) -> None:
    assert due_text(text) is None


def test_working_days_follow_the_jurisdiction() -> None:
    made = parse_time("2024-12-20 10:00")  # a Friday; 25 and 26 December are UK bank holidays
    assert due_text("within 5 business days", made, "UK") == "2024-12-31T23:59:59+08:00"
    assert due_text("within 5 business days", made, "none") == "2024-12-27T23:59:59+08:00"
    assert due_text("within 5 business days", made, "") == "2024-12-27T23:59:59+08:00"


def test_the_day_counts_in_the_users_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    made = parse_time("2024-09-27T20:00:00+00:00")  # already Saturday 04:00 in Shanghai
    assert due_text("明天", made) == "2024-09-29T23:59:59+08:00"
    monkeypatch.setenv("CASEBOOK_TZ", "Europe/London")
    assert due_text("tomorrow", made) == "2024-09-28T23:59:59+01:00"


def test_a_year_without_holiday_data_warns() -> None:
    found = promised_due("3个工作日", parse_time("2199-06-01 10:00"))
    assert found is not None
    assert found.warnings


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("十", 10), ("十五", 15), ("二十", 20), ("两", 2), ("二十五", 25), ("三十", 30),
    ("十十", None), ("一二", None), ("", None),
])
def test_chinese_numerals(text: str, value: int | None) -> None:
    assert chinese_number(text, dict(default_fact_rules().promises.numerals)) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30), st.datetimes(min_value=datetime(1950, 1, 1),
                                          max_value=datetime(2150, 1, 1)))
def test_promised_due_never_raises_and_is_never_before_the_promise(text: str,
                                                                    made: datetime) -> None:
    found = promised_due(text, made)
    if found is not None:
        assert found.due > parse_time(made.isoformat(timespec="seconds"))
        assert found.phrase
        assert found.phrase in text


def test_a_due_time_to_be_set_starts_after_the_promise_never_at_it() -> None:
    # the words say when
    assert iso(starting_due("3个工作日内回电", FRIDAY_BEFORE_NATIONAL_DAY)) == (
        "2024-10-08T23:59:59+08:00")
    # no period in the words: the end of the next working day (Sunday 09-29 is one: 调休)
    assert iso(starting_due("会尽快处理", FRIDAY_BEFORE_NATIONAL_DAY)) == (
        "2024-09-29T23:59:59+08:00")
    assert starting_due("", FRIDAY_BEFORE_NATIONAL_DAY) > FRIDAY_BEFORE_NATIONAL_DAY
