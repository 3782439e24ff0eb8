"""Between the core's aware datetimes and Qt's date/time widgets, in the user's zone."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from desktop_app.timeutil import localize, to_local


def to_qdatetime(moment: datetime) -> QDateTime:
    """The wall-clock time in the user's zone, as a QDateTime with no zone of its own."""
    local = to_local(moment)
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute, local.second))


def from_qdatetime(value: QDateTime) -> datetime:
    """A wall-clock QDateTime read as the user's local time, made aware."""
    d, t = value.date(), value.time()
    return localize(datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second()))


def format_datetime(moment: datetime | None, locale: QLocale | None = None,
                    seconds: bool = False) -> str:
    """A time as people read it in their locale (short format), in their zone."""
    if moment is None:
        return ""
    locale = locale or QLocale()
    local = to_local(moment)
    fmt = "yyyy-MM-dd HH:mm:ss" if seconds else "yyyy-MM-dd HH:mm"
    if locale.language() not in (QLocale.Language.Chinese, QLocale.Language.English,
                                 QLocale.Language.C):
        fmt = locale.dateTimeFormat(QLocale.FormatType.ShortFormat)
    return to_qdatetime(local).toString(fmt)


def format_duration(seconds: int | None) -> str:
    if seconds is None:
        return ""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def duration_words(seconds: int | None) -> str:
    """A call's length in words, as a person says it: "25 min", "25 分钟", "1 h 5 min",
    "40 s" (a clock-like "25:00" reads as a time of day)."""
    if seconds is None:
        return ""
    if seconds < 60:
        return QCoreApplication.translate("Duration", "{s} s").format(s=int(seconds))
    hours, rest = divmod(round(seconds / 60), 60)
    if not hours:
        return QCoreApplication.translate("Duration", "{m} min").format(m=rest)
    if not rest:
        return QCoreApplication.translate("Duration", "{h} h").format(h=hours)
    return QCoreApplication.translate("Duration", "{h} h {m} min").format(h=hours, m=rest)
