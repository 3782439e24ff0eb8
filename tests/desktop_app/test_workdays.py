"""Working days per jurisdiction: Chinese holidays and 调休, UK bank holidays, fallbacks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.deadlines.workdays import (
    add_period,
    add_working_days,
    covers,
    days_elapsed,
    is_working_day,
    next_working_day,
    working_days_between,
)


def last_covered_cn_year() -> int:
    return max(year for year in range(2004, 2200) if covers(year, "CN"))


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2024, 9, 29), True),   # Sunday made a working day for 国庆
        (date(2024, 10, 1), False),  # 国庆
        (date(2024, 10, 7), False),
        (date(2024, 10, 12), True),  # Saturday made a working day
        (date(2024, 10, 13), False),  # an ordinary Sunday
        (date(2025, 1, 26), True),   # Sunday made a working day for 春节
        (date(2025, 1, 28), False),  # 除夕, 春节 holiday Jan 28 – Feb 4
        (date(2025, 2, 4), False),
        (date(2025, 2, 5), True),
        (date(2025, 2, 8), True),    # Saturday made a working day
        (date(2025, 1, 1), False),   # 元旦
    ],
)
def test_chinese_working_days_follow_the_holiday_notice(day: date, working: bool) -> None:
    assert is_working_day(day, "CN") is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Friday before 国庆 2024: next is the working Sunday 29 Sep
        (date(2024, 9, 27), 1, date(2024, 9, 29)),
        # Monday 30 Sep: the holiday runs to 7 Oct
        (date(2024, 9, 30), 1, date(2024, 10, 8)),
        # 12315 acceptance, 7 working days from Thursday 26 Sep 2024:
        # 27, 29 (Sun, worked), 30 Sep, 8, 9, 10, 11 Oct
        (date(2024, 9, 26), 7, date(2024, 10, 11)),
        # Friday 11 Oct: Saturday 12 Oct was worked
        (date(2024, 10, 11), 1, date(2024, 10, 12)),
        # 春节 2025: Fri 24 Jan → Sun 26 (worked) → Mon 27 → Wed 5 Feb
        (date(2025, 1, 24), 1, date(2025, 1, 26)),
        (date(2025, 1, 24), 3, date(2025, 2, 5)),
        # then Thu 6, Fri 7, Sat 8 (worked)
        (date(2025, 2, 5), 3, date(2025, 2, 8)),
        # received on a holiday: the first working day after it is day 1
        (date(2025, 1, 30), 1, date(2025, 2, 5)),
        # year boundary: 1 Jan 2025 is a holiday
        (date(2024, 12, 31), 1, date(2025, 1, 2)),
        (date(2024, 12, 27), 3, date(2025, 1, 2)),
        # zero days: the day itself
        (date(2024, 10, 1), 0, date(2024, 10, 1)),
    ],
)
def test_adding_chinese_working_days(start: date, n: int, expected: date) -> None:
    shifted = add_working_days(start, n, "CN")
    assert shifted.day == expected
    assert shifted.warnings == ()


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Christmas Day and Boxing Day 2024 (Wed, Thu)
        (date(2024, 12, 24), 1, date(2024, 12, 27)),
        # 15 business days from Fri 20 Dec 2024, across Christmas and New Year:
        # 23, 24, 27, 30, 31 Dec, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15 Jan
        (date(2024, 12, 20), 15, date(2025, 1, 15)),
        # Easter 2025: Good Friday 18 Apr, Easter Monday 21 Apr
        (date(2025, 4, 17), 1, date(2025, 4, 22)),
        # early May bank holiday, Monday 5 May 2025
        (date(2025, 5, 2), 1, date(2025, 5, 6)),
    ],
)
def test_adding_uk_business_days(start: date, n: int, expected: date) -> None:
    assert add_working_days(start, n, "UK") == (expected, (), ())


def test_uk_days_are_english_bank_holidays_only() -> None:
    # St Andrew's Day (Scotland) observed Monday 1 Dec 2025 is a working day in England
    assert is_working_day(date(2025, 12, 1), "UK")
    assert not is_working_day(date(2025, 8, 25), "UK")  # late summer bank holiday (England)


def test_us_federal_holidays_with_observed_days() -> None:
    # 4 Jul 2026 is a Saturday: observed on Friday 3 Jul
    assert add_working_days(date(2026, 7, 2), 1, "US").day == date(2026, 7, 6)
    assert add_working_days(date(2025, 11, 26), 1, "US").day == date(2025, 11, 28)


def test_eu_skips_target2_closing_days() -> None:
    assert add_working_days(date(2025, 4, 17), 1, "EU").day == date(2025, 4, 22)
    assert add_working_days(date(2025, 4, 30), 1, "EU").day == date(2025, 5, 2)
    assert add_working_days(date(2025, 12, 24), 1, "EU").day == date(2025, 12, 29)


def test_none_is_plain_weekdays() -> None:
    assert add_working_days(date(2024, 9, 30), 1, "none").day == date(2024, 10, 1)
    assert add_working_days(date(2024, 12, 24), 1, "none").day == date(2024, 12, 25)


def test_a_year_without_chinese_data_falls_back_to_weekdays_and_says_so() -> None:
    year = last_covered_cn_year() + 5
    assert not covers(year, "CN")
    friday = date(year, 1, 8)
    while friday.weekday() != 4:
        friday += timedelta(days=1)
    shifted = add_working_days(friday, 1, "CN")
    assert shifted.day == friday + timedelta(days=3)  # the Monday
    assert len(shifted.warnings) == 1
    assert str(year) in shifted.warnings[0]
    assert is_working_day(friday, "CN")
    assert not is_working_day(friday + timedelta(days=1), "CN")


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2031, 1, 1), False),   # 元旦, a Wednesday
        (date(2031, 1, 2), True),
        (date(2031, 5, 1), False),   # 劳动节 1–2 May (Thursday, Friday)
        (date(2031, 5, 2), False),
        (date(2031, 5, 5), True),
        (date(2031, 10, 1), False),  # 国庆 1–3 October (Wednesday to Friday)
        (date(2031, 10, 3), False),
        (date(2031, 10, 6), True),
        (date(2031, 1, 22), False),  # 除夕 (Wednesday); 春节 初一 is 23 January 2031
        (date(2031, 1, 24), False),  # 初二
        (date(2031, 1, 27), False),  # the Monday given in place of 初三, a Saturday (Art. 6)
        (date(2031, 1, 28), True),
    ],
)
def test_without_the_notice_the_statutory_holidays_are_still_rest_days(day: date,
                                                                       working: bool) -> None:
    """全国年节及纪念日放假办法 Art. 2 (and Art. 6: a holiday on a weekend gives a weekday)."""
    assert not covers(day.year, "CN")
    assert is_working_day(day, "CN") is working


def test_a_fifteen_day_clock_ending_on_new_year_ends_after_it() -> None:
    """Lodged on 17 December 2026: day 15 is 1 January 2027, 元旦, a Friday; the period ends
    on Monday 4 January (民法典 Art. 203), with or without the 2027 notice."""
    shifted = add_period(date(2026, 12, 17), 15, "calendar_days", "CN", roll_to_working_day=True)
    assert shifted.day == date(2027, 1, 4)
    if not covers(2027, "CN"):
        assert len(shifted.warnings) == 1
        assert "2027" in shifted.warnings[0]


def test_crossing_into_a_year_without_data_warns_about_that_year_only() -> None:
    last = last_covered_cn_year()
    shifted = add_working_days(date(last, 12, 20), 15, "CN")
    assert shifted.day.year == last + 1
    assert len(shifted.warnings) == 1
    assert str(last + 1) in shifted.warnings[0]
    assert str(last) + "," not in shifted.warnings[0]
    assert shifted.missing == (last + 1,)
    # staying inside the covered year: no warning
    assert add_working_days(date(last, 6, 1), 5, "CN").warnings == ()
    assert add_working_days(date(last, 6, 1), 5, "CN").missing == ()
    counted = working_days_between(date(last, 12, 20), shifted.day, "CN")
    assert counted.days == 15
    assert counted.warnings == shifted.warnings
    assert counted.missing == (last + 1,)
    assert working_days_between(shifted.day, date(last, 12, 20), "CN").missing == (last + 1,)


@pytest.mark.parametrize("jurisdiction", ["CN", "UK", "US", "EU", "none"])
@pytest.mark.parametrize("start", [date(2024, 9, 28), date(2024, 12, 20), date(2025, 1, 25),
                                   date(2025, 4, 16)])
@pytest.mark.parametrize("n", [0, 1, 7, 15, 45])
def test_counting_between_undoes_adding(jurisdiction: str, start: date, n: int) -> None:
    end = add_working_days(start, n, jurisdiction).day
    assert working_days_between(start, end, jurisdiction).days == n
    assert working_days_between(end, start, jurisdiction).days == -n


def test_receipt_day_does_not_count() -> None:
    # received Monday 30 Sep 2024 (a working day): still not day 1
    assert working_days_between(date(2024, 9, 30), date(2024, 9, 30), "CN").days == 0
    assert working_days_between(date(2024, 9, 30), date(2024, 10, 7), "CN").days == 0
    assert working_days_between(date(2024, 9, 30), date(2024, 10, 8), "CN").days == 1


def test_next_working_day() -> None:
    assert next_working_day(date(2024, 10, 3), "CN").day == date(2024, 10, 8)
    assert next_working_day(date(2024, 10, 12), "CN").day == date(2024, 10, 12)
    assert next_working_day(date(2024, 12, 25), "UK").day == date(2024, 12, 27)


@pytest.mark.parametrize(
    ("start", "length", "unit", "roll", "expected"),
    [
        # 15 calendar days after Fri 20 Sep 2024 is Sat 5 Oct, inside 国庆
        (date(2024, 9, 20), 15, "calendar_days", False, date(2024, 10, 5)),
        (date(2024, 9, 20), 15, "calendar_days", True, date(2024, 10, 8)),
        # the last day is the worked Sunday 29 Sep: no roll
        (date(2024, 9, 14), 15, "calendar_days", True, date(2024, 9, 29)),
        # the last day is an ordinary Sunday: rolls to Monday
        (date(2024, 11, 2), 15, "calendar_days", True, date(2024, 11, 18)),
        # 春节 2025: 15 days after 15 Jan is 30 Jan, rolls to Wed 5 Feb
        (date(2025, 1, 15), 15, "calendar_days", True, date(2025, 2, 5)),
        # the year boundary: 15 days after 17 Dec 2024 is 1 Jan 2025
        (date(2024, 12, 17), 15, "calendar_days", True, date(2025, 1, 2)),
        (date(2024, 12, 17), 15, "calendar_days", False, date(2025, 1, 1)),
        (date(2024, 9, 26), 7, "working_days", False, date(2024, 10, 11)),
        (date(2024, 9, 26), 7, "business_days", False, date(2024, 10, 11)),
        # 8 weeks: the same weekday eight weeks on
        (date(2024, 1, 1), 8, "weeks", False, date(2024, 2, 26)),
        (date(2024, 11, 6), 8, "weeks", False, date(2025, 1, 1)),
    ],
)
def test_periods(start: date, length: int, unit: str, roll: bool, expected: date) -> None:
    assert add_period(start, length, unit, "CN", roll_to_working_day=roll).day == expected


def test_days_elapsed() -> None:
    received = date(2024, 11, 3)
    assert days_elapsed(received, received, "calendar_days", "CN").days == 0
    assert days_elapsed(received, date(2024, 11, 12), "calendar_days", "CN").days == 9
    assert days_elapsed(received, date(2024, 11, 1), "calendar_days", "CN").days == 0
    assert days_elapsed(date(2024, 9, 26), date(2024, 10, 8), "working_days", "CN").days == 4
    assert days_elapsed(received, date(2024, 11, 12), "weeks", "UK").days == 9


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="jurisdiction"):
        add_working_days(date(2024, 1, 1), 1, "FR")
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2024, 1, 1), -1, "CN")
    with pytest.raises(ValueError, match="unit"):
        add_period(date(2024, 1, 1), 1, "months", "CN")
