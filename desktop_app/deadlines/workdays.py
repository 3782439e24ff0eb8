"""Working-day arithmetic per jurisdiction, for regulator clocks and promises.

Which days are working days:

- ``CN``: the State Council's yearly holiday notice, holidays *and* the weekend days made
  working days (调休), as carried by the ``chinesecalendar`` package. A year the package has
  no data for (the notice comes out late in the year before) falls back to what the law itself
  fixes: Monday–Friday except the statutory holidays of 《全国年节及纪念日放假办法》 (Art. 2:
  元旦, 春节 from 除夕 to 初三, 清明, 劳动节 1–2 May, 端午, 中秋, 国庆 1–3 October) and the
  weekdays given in place of those that fall on a weekend (Art. 6), as computed by the
  ``holidays`` package. Only the 调休 weekends are unknown then; every result that touched
  such a year carries a warning the UI can show (the date may be off by a day or two).
- ``UK``: Monday–Friday except the bank holidays of England and Wales (``holidays``, subdivision
  ENG). Scottish and Northern Irish bank holidays are not skipped.
- ``US``: Monday–Friday except US federal holidays, observed days included (``holidays``).
- ``EU``: Monday–Friday except the TARGET2 closing days (ECB calendar in ``holidays``: New
  Year, Good Friday, Easter Monday, 1 May, 25 and 26 December). National holidays of the
  bank's own country are not skipped; a PSD2 "business day" is a day the bank is open, so an
  EU date can be early by a national holiday. It is never late.
- ``none``: Monday–Friday.

The day of receipt never counts: ``add_working_days(received, n)`` is the n-th working day
*after* ``received`` (a complaint received on a Saturday has Monday as its first working day),
which is how both Chinese law (民法典 第二百零一条: 开始的当日不计入) and FCA DISP 1.6.2A ("15
business days after the day on which it received the complaint") count.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import Any, Literal, NamedTuple

import chinese_calendar

from desktop_app.i18n import tr

JURISDICTIONS = ("CN", "UK", "US", "EU", "none")

Unit = Literal["calendar_days", "working_days", "business_days", "weeks"]
UNITS: tuple[str, ...] = ("calendar_days", "working_days", "business_days", "weeks")

# Saturday and Sunday
_WEEKEND = (5, 6)


class Shifted(NamedTuple):
    """A date found by counting, and warnings about the calendar data behind it (``missing``:
    the years it was counted through without official holiday data)."""

    day: date
    warnings: tuple[str, ...] = ()
    missing: tuple[int, ...] = ()


class Counted(NamedTuple):
    """A number of days counted, and warnings about the calendar data behind it (``missing``:
    the years it was counted through without official holiday data)."""

    days: int
    warnings: tuple[str, ...] = ()
    missing: tuple[int, ...] = ()


def _check(jurisdiction: str) -> None:
    if jurisdiction not in JURISDICTIONS:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r}; "
                         f"choose one of {', '.join(JURISDICTIONS)}")


@cache
def _holiday_table(jurisdiction: str) -> Any:
    """The ``holidays`` calendar of a jurisdiction (years are filled in on first lookup)."""
    import holidays  # deferred: ~175 ms; CN needs it only for years chinesecalendar lacks

    if jurisdiction == "UK":
        return holidays.country_holidays("GB", subdiv="ENG")
    if jurisdiction == "US":
        return holidays.country_holidays("US")
    if jurisdiction == "EU":
        return holidays.financial_holidays("XECB")
    if jurisdiction == "CN":  # the statutory holidays only: the fallback for years without data
        return holidays.country_holidays("CN")
    raise ValueError(jurisdiction)


def _cn_working(day: date) -> bool | None:
    """Whether a day is a Chinese working day, or None when chinesecalendar has no data."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def covers(year: int, jurisdiction: str) -> bool:
    """Whether official holiday data exists for ``year`` (always true outside China)."""
    _check(jurisdiction)
    if jurisdiction != "CN":
        return True
    return _cn_working(date(year, 6, 1)) is not None


def _working(day: date, jurisdiction: str) -> tuple[bool, bool]:
    """(is a working day, the answer rests on holiday data)."""
    if jurisdiction == "CN":
        working = _cn_working(day)
        if working is None:  # no notice yet: weekends and the statutory holidays are rest days
            return day.weekday() not in _WEEKEND and day not in _holiday_table("CN"), False
        return working, True
    if day.weekday() in _WEEKEND:
        return False, True
    if jurisdiction == "none":
        return True, True
    return day not in _holiday_table(jurisdiction), True


def is_working_day(day: date, jurisdiction: str) -> bool:
    """Whether ``day`` is a working day; where China's yearly notice is not out yet, Monday–Friday
    except the statutory holidays.

    Use :func:`covers` to know whether the answer rests on official data.
    """
    _check(jurisdiction)
    return _working(day, jurisdiction)[0]


def fallback_warning(jurisdiction: str, years: Iterable[int]) -> str:
    """The message for results computed without holiday data for ``years``."""
    listed = ", ".join(str(y) for y in sorted(set(years)))
    if jurisdiction == "CN":
        return tr("No official holiday notice for {years} yet: weekends and the statutory "
                  "holidays (with the weekdays the law gives in place of those on a weekend) "
                  "were skipped, but not the weekends the notice may make working days, so the "
                  "date may be off by a day or two. Check the State Council's holiday notice.",
                  years=listed)
    return tr("No holiday data for {years}: only Saturdays and Sundays were skipped, so the "
              "date may be off.", years=listed)


def _warnings(jurisdiction: str, missing: set[int]
              ) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The warnings and the ``missing`` years of a :class:`Shifted` or :class:`Counted`."""
    if not missing:
        return (), ()
    return (fallback_warning(jurisdiction, missing),), tuple(sorted(missing))


def add_working_days(start: date, n: int, jurisdiction: str) -> Shifted:
    """The ``n``-th working day after ``start`` (``start`` itself never counts; n=0 is start)."""
    _check(jurisdiction)
    if n < 0:
        raise ValueError("a number of working days cannot be negative")
    missing: set[int] = set()
    day = start
    left = n
    while left:
        day += timedelta(days=1)
        working, known = _working(day, jurisdiction)
        if not known:
            missing.add(day.year)
        if working:
            left -= 1
    return Shifted(day, *_warnings(jurisdiction, missing))


def working_days_between(start: date, end: date, jurisdiction: str) -> Counted:
    """How many working days lie after ``start`` up to and including ``end``.

    So ``working_days_between(d, add_working_days(d, n).day) == n``. Negative when ``end`` is
    before ``start``.
    """
    _check(jurisdiction)
    if end < start:
        counted = working_days_between(end, start, jurisdiction)
        return Counted(-counted.days, counted.warnings, counted.missing)
    missing: set[int] = set()
    days = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        working, known = _working(day, jurisdiction)
        if not known:
            missing.add(day.year)
        if working:
            days += 1
    return Counted(days, *_warnings(jurisdiction, missing))


def next_working_day(day: date, jurisdiction: str) -> Shifted:
    """``day`` itself when it is a working day, else the first working day after it."""
    _check(jurisdiction)
    missing: set[int] = set()
    while True:
        working, known = _working(day, jurisdiction)
        if not known:
            missing.add(day.year)
        if working:
            return Shifted(day, *_warnings(jurisdiction, missing))
        day += timedelta(days=1)


def add_period(start: date, length: int, unit: str, jurisdiction: str, *,
               roll_to_working_day: bool = False) -> Shifted:
    """The last day of a period of ``length`` units counted from the day after ``start``.

    ``calendar_days`` and ``weeks`` ignore holidays, unless ``roll_to_working_day`` moves a
    last day that is not a working day to the next working day (民法典 第二百零三条: a period
    whose last day is a statutory rest day ends on the day after the rest days).
    ``working_days`` and ``business_days`` count the same way: working days of the
    jurisdiction; the two names follow the wording of the rule's source.
    """
    _check(jurisdiction)
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; choose one of {', '.join(UNITS)}")
    if length < 0:
        raise ValueError("a period cannot be negative")
    if unit in ("working_days", "business_days"):
        return add_working_days(start, length, jurisdiction)
    days = length * 7 if unit == "weeks" else length
    last = start + timedelta(days=days)
    if roll_to_working_day:
        return next_working_day(last, jurisdiction)
    return Shifted(last)


def days_elapsed(start: date, today: date, unit: str, jurisdiction: str) -> Counted:
    """Days of ``unit`` counted from the day after ``start`` up to and including ``today``.

    Weeks are counted in calendar days. Never negative.
    """
    _check(jurisdiction)
    if today <= start:
        return Counted(0)
    if unit in ("working_days", "business_days"):
        return working_days_between(start, today, jurisdiction)
    return Counted((today - start).days)
