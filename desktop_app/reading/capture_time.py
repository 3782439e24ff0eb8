"""When a picture was made, said honestly: from its name, from the time it shows, or not at all.

Each way of knowing has a name (:data:`CaptureSource`) so that what Casebook shows and prints can
say where a capture time came from. The file-name patterns are data
(``resources/rules/capture_names.json``); the on-screen reading works on OCR lines and never
invents a date: a clock without a visible date gives nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from desktop_app.i18n import tr
from desktop_app.reading.lines import OcrLine
from desktop_app.store.paths import RESOURCES_DIR
from desktop_app.timeutil import localize, to_local

NAMES_FILE = RESOURCES_DIR / "rules" / "capture_names.json"

# Where a capture time came from, strongest first (``person``: typed by the person, which
# overrides every other). The CLI prints these exact strings.
CaptureSource = Literal["exif", "email", "filename", "screen", "file_time", "person"]
CAPTURE_SOURCES: tuple[CaptureSource, ...] = get_args(CaptureSource)

# A capture time outside these years is a misreading, not a picture.
FIRST_YEAR, LAST_YEAR = 2000, 2100
CLOCKS = ("local", "utc", "epoch_ms")
# Of the picture's height, the band at the top where a phone's status bar shows its clock.
STATUS_BAR_SHARE = 0.05


class NamesError(ValueError):
    """The file-name rules are missing something or contradict themselves."""


@dataclass(frozen=True)
class NamePattern:
    id: str
    clock: str  # one of CLOCKS
    regex: re.Pattern[str]
    examples: tuple[str, ...]


def parse_name_patterns(data: Mapping[str, Any]) -> tuple[NamePattern, ...]:
    patterns: list[NamePattern] = []
    for raw in data.get("patterns", ()):
        where = f"pattern {raw.get('id', '?')!r}"
        clock = raw.get("clock")
        if clock not in CLOCKS:
            raise NamesError(f"{where}: clock must be one of {', '.join(CLOCKS)}")
        try:
            regex = re.compile(str(raw["regex"]) + r"(?!\d)", re.IGNORECASE | re.ASCII)
        except (KeyError, re.error) as exc:
            raise NamesError(f"{where}: bad regex: {exc}") from exc
        groups = set(regex.groupindex)
        needed = {"ms"} if clock == "epoch_ms" else {"Y", "m", "d", "H", "M", "S"}
        if not needed <= groups:
            raise NamesError(f"{where}: needs the groups {', '.join(sorted(needed))}")
        patterns.append(NamePattern(str(raw["id"]), clock, regex,
                                    tuple(str(e) for e in raw.get("examples", ()))))
    if not patterns:
        raise NamesError("no patterns")
    return tuple(patterns)


def load_name_patterns(path: Path | None = None) -> tuple[NamePattern, ...]:
    source = path or NAMES_FILE
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise NamesError(f"cannot read the file-name rules {source}: {exc}") from exc
    return parse_name_patterns(data)


@cache
def default_name_patterns() -> tuple[NamePattern, ...]:
    """The shipped patterns, read once."""
    return load_name_patterns()


# ---- the file name ---------------------------------------------------------------------------


def time_from_name(name: str,
                   patterns: Sequence[NamePattern] | None = None) -> datetime | None:
    """The capture time a file name states (aware, in the user's zone), or None.

    ``name`` may be a bare name or a path (only its last part is read). Impossible dates and
    times, and years outside 2000–2100, give None: the digits were something else.
    """
    base = unicodedata.normalize("NFC", re.split(r"[\\/]", name)[-1]).strip()
    for pattern in patterns if patterns is not None else default_name_patterns():
        found = pattern.regex.match(base)
        if found is None:
            continue
        moment = _moment(pattern.clock, found.groupdict())
        if moment is not None:
            return moment
    return None


def _moment(clock: str, parts: Mapping[str, str | None]) -> datetime | None:
    if clock == "epoch_ms":
        milliseconds = int(parts["ms"] or "")
        first = int(datetime(FIRST_YEAR, 1, 1, tzinfo=UTC).timestamp() * 1000)
        last = int(datetime(LAST_YEAR + 1, 1, 1, tzinfo=UTC).timestamp() * 1000)
        if not first <= milliseconds < last:
            return None
        instant = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=milliseconds)
        return to_local(instant)
    hour = _hour(int(parts["H"] or ""), parts.get("ampm"))
    if hour is None:
        return None
    wall = _wall(int(parts["Y"] or ""), int(parts["m"] or ""), int(parts["d"] or ""),
                 time_parts=(hour, int(parts["M"] or ""), int(parts["S"] or "")))
    if wall is None:
        return None
    return to_local(wall.replace(tzinfo=UTC)) if clock == "utc" else localize(wall)


def _hour(hour: int, ampm: str | None) -> int | None:
    """The 24-hour hour of ``hour`` read with its AM/PM (上午/下午) mark, if any."""
    if not ampm:
        return hour
    if not 1 <= hour <= 12:
        return None
    afternoon = ampm.upper() in ("PM", "下午", "晚上")
    return hour % 12 + (12 if afternoon else 0)


def _wall(year: int, month: int, day: int, *,
          time_parts: tuple[int, int, int] = (0, 0, 0)) -> datetime | None:
    """A naive wall time, or None when it cannot exist or lies outside 2000–2100."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return datetime(year, month, day, *time_parts)
    except ValueError:
        return None


# ---- what the screen shows -------------------------------------------------------------------

_AMPM = r"(?P<ampm>上午|下午|AM|PM|am|pm)?"
_CLOCK = (r"(?P<ampm1>上午|下午)?\s*(?<![0-9])(?P<H>[0-9]{1,2})\s*[:：]\s*(?P<M>[0-9]{2})"
          r"(?:\s*[:：]\s*(?P<S>[0-9]{2}))?(?![0-9])\s*" + _AMPM)
_YMD = (r"(?<![0-9])(?P<Y>(?:20|21)[0-9]{2})\s*[年/.\-]\s*(?P<m>[0-9]{1,2})\s*[月/.\-]\s*"
        r"(?P<d>[0-9]{1,2})(?![0-9])\s*日?")
_MD = r"(?<![0-9/.\-])(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日"
# Between a date and its time: spaces, a "T", a weekday (星期六, 周六, Sat).
_GAP = r"(?:\s|T|,|星期.|周.|[A-Za-z]{3}\b)*?"
FULL_DATE_TIME = re.compile(_YMD + _GAP + _CLOCK)
YEARLESS_DATE_TIME = re.compile(_MD + _GAP + _CLOCK)
FULL_DATE = re.compile(_YMD)
YEARLESS_DATE = re.compile(_MD)
CLOCK = re.compile(_CLOCK)


def time_from_screen(lines: Sequence[OcrLine], *, near: datetime | None,
                     height: float | None = None) -> datetime | None:
    """The time a screenshot shows, aware in the user's zone, or None.

    In order: the topmost full date and time in the text (``2024年11月23日 10:15``,
    ``2024-11-23 10:15:30``, ``2024/11/23 10:15``); else the status-bar clock (a time in the
    top 5 % of the picture, so only with ``height``) on the topmost date the screen shows. A
    date without a year (``11月23日 10:15``) takes its year from ``near`` (a time the picture
    was made around, such as the file's time): the year that puts it closest to ``near``;
    without ``near`` it is not a date. A clock with no date anywhere gives None.
    """
    ordered = sorted(lines, key=lambda line: (line.page, line.box[1], line.box[0]))
    for line in ordered:
        moment = _date_time_in(line.text, near)
        if moment is not None:
            return moment
    if height is None or height <= 0:
        return None
    clock = _status_clock(ordered, height)
    if clock is None:
        return None
    for line in ordered:
        day = _date_in(line.text, near)
        if day is not None:
            wall = _wall(day.year, day.month, day.day,
                         time_parts=(clock.hour, clock.minute, clock.second))
            return None if wall is None else localize(wall)
    return None


def _date_time_in(text: str, near: datetime | None) -> datetime | None:
    for regex in (FULL_DATE_TIME, YEARLESS_DATE_TIME):
        for found in regex.finditer(text):
            day = _day(found, near)
            clock = _clock(found)
            if day is None or clock is None:
                continue
            wall = _wall(day.year, day.month, day.day,
                         time_parts=(clock.hour, clock.minute, clock.second))
            if wall is not None:
                return localize(wall)
    return None


def _date_in(text: str, near: datetime | None) -> date | None:
    for regex in (FULL_DATE, YEARLESS_DATE):
        for found in regex.finditer(text):
            day = _day(found, near)
            if day is not None:
                return day
    return None


def _day(found: re.Match[str], near: datetime | None) -> date | None:
    parts = found.groupdict()
    month, day = int(parts["m"]), int(parts["d"])
    if parts.get("Y") is not None:
        wall = _wall(int(parts["Y"]), month, day)
        return None if wall is None else wall.date()
    if near is None:
        return None
    around = to_local(near).date()
    candidates = [wall.date() for year in (around.year - 1, around.year, around.year + 1)
                  if (wall := _wall(year, month, day)) is not None]
    return min(candidates, key=lambda c: abs(c - around), default=None)


def _clock(found: re.Match[str]) -> time | None:
    parts = found.groupdict()
    ampm = parts.get("ampm1") or parts.get("ampm")
    hour = _hour(int(parts["H"]), ampm)
    minute, second = int(parts["M"]), int(parts.get("S") or 0)
    if hour is None or not (0 <= hour <= 23 and minute <= 59 and second <= 59):
        return None
    return time(hour, minute, second)


def _status_clock(ordered: Sequence[OcrLine], height: float) -> time | None:
    """The clock in the status bar: a time whose line sits in the top 5 % of the picture."""
    for line in ordered:
        _left, top, _width, line_height = line.box
        if line.page != ordered[0].page or top + line_height / 2 > height * STATUS_BAR_SHARE:
            continue
        for found in CLOCK.finditer(line.text):
            clock = _clock(found)
            if clock is not None:
                return clock
    return None


# ---- choosing ----------------------------------------------------------------------------------


def pick_capture_time(*, exif: datetime | None = None, email: datetime | None = None,
                      filename: datetime | None = None, screen: datetime | None = None,
                      file_time: datetime | None = None,
                      ) -> tuple[datetime | None, CaptureSource | None]:
    """The first capture time known, in the order of trust, with where it came from."""
    known: tuple[tuple[datetime | None, CaptureSource], ...] = (
        (exif, "exif"), (email, "email"), (filename, "filename"), (screen, "screen"),
        (file_time, "file_time"))
    for moment, source in known:
        if moment is not None:
            return moment, source
    return None, None


# ---- saying it ---------------------------------------------------------------------------------


def source_words(source: str | None) -> str:
    """Where a capture time came from, in the person's language ("from the file name"); empty
    for a source not known."""
    words = {
        "exif": tr("from the photo's EXIF"),
        "email": tr("from the email's date"),
        "filename": tr("from the file name"),
        "screen": tr("from the screen"),
        "file_time": tr("from the file's time"),
        "person": tr("set by you"),
    }
    return words.get(source or "", "")


def captured_words(shown: str, source: str | None) -> str:
    """A capture time as shown (``shown``: the time already formatted, empty when unknown) with
    where it came from: "2024-11-23 10:15 (from the file name)", or "time unknown"."""
    if not shown:
        return tr("time unknown")
    said = source_words(source)
    return tr("{time} ({source})", time=shown, source=said) if said else shown
