"""Time-zone aware times.

Times are stored in UTC and shown in the user's zone. Input without a zone means the user's
local zone: the system's, or the IANA zone named by ``CASEBOOK_TZ`` (useful for tests and for
people whose PC clock is set to another zone than the one they live in).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo
from functools import cache

from desktop_app.i18n import tr

ENV_TZ = "CASEBOOK_TZ"
# Times outside these years are refused: the time-zone library cannot place them all (9999-12-31
# in New York overflows), and no complaint needs them.
MIN_YEAR, MAX_YEAR = 1900, 2200

INPUT_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
)


class BadTime(ValueError):
    """A time the user typed that cannot be understood."""


@cache
def _zone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo  # deferred: ~5 ms; only with CASEBOOK_TZ set

    return ZoneInfo(name)


def local_zone_name() -> str | None:
    return os.environ.get(ENV_TZ) or None


def localize(naive: datetime) -> datetime:
    """Attach the user's local zone to a naive wall-clock time (DST handled per instant)."""
    name = local_zone_name()
    if name:
        return naive.replace(tzinfo=_zone(name))
    return naive.astimezone()


def to_local(moment: datetime) -> datetime:
    """An aware time converted to the user's zone."""
    moment = ensure_aware(moment)
    name = local_zone_name()
    if name:
        return moment.astimezone(_zone(name))
    return moment.astimezone()


def ensure_aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else localize(moment)


def now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def parse_time(text: str) -> datetime:
    """Parse what a person types: ``YYYY-MM-DD HH:MM`` (local) or ISO 8601 with an offset."""
    value = text.strip()
    if not value:
        raise BadTime("empty time")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None:
        for fmt in INPUT_FORMATS:
            try:
                parsed = datetime.strptime(value, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise BadTime(tr("cannot read the time {text!r}; use YYYY-MM-DD HH:MM", text=text))
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise BadTime(tr("the year must be between {first} and {last}", first=MIN_YEAR,
                         last=MAX_YEAR))
    return ensure_aware(parsed).astimezone(UTC)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with the offset of the user's zone, seconds precision."""
    if moment is None:
        return None
    return to_local(moment).isoformat(timespec="seconds")


def to_utc_text(moment: datetime) -> str:
    """The storage form: UTC, ISO 8601, microseconds, sortable as text."""
    return ensure_aware(moment).astimezone(UTC).isoformat(timespec="microseconds")


def from_utc_text(text: str) -> datetime:
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
