"""How sentences and letters write dates, times and the institution's name, per language."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.records import CaseRecord
from desktop_app.timeutil import to_local

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
