"""Reading and showing times: local input means CASEBOOK_TZ; storage is UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop_app.timeutil import (
    BadTime,
    from_utc_text,
    iso,
    parse_time,
    to_local,
    to_utc_text,
)


def test_tests_run_in_shanghai() -> None:
    # conftest sets the zone; every expectation below depends on it
    assert iso(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T08:00:00+08:00"


@pytest.mark.parametrize(
    "text",
    [
        "2024-03-01 10:00",
        "  2024-03-01 10:00  ",
        "2024-03-01 10:00:00",
        "2024-03-01T10:00",
        "2024/03/01 10:00",
    ],
)
def test_local_input_is_read_in_the_users_zone(text: str) -> None:
    parsed = parse_time(text)
    assert parsed == datetime(2024, 3, 1, 2, 0, tzinfo=UTC)
    assert parsed.tzinfo is UTC


def test_a_date_alone_is_local_midnight() -> None:
    assert parse_time("2024-03-01") == datetime(2024, 2, 29, 16, 0, tzinfo=UTC)
    assert parse_time("2024/03/01") == datetime(2024, 2, 29, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T10:00:00+08:00", datetime(2024, 3, 1, 2, 0, tzinfo=UTC)),
        ("2024-03-01T10:00:00+05:30", datetime(2024, 3, 1, 4, 30, tzinfo=UTC)),
        ("2024-03-01 10:00-05:00", datetime(2024, 3, 1, 15, 0, tzinfo=UTC)),
        ("2024-03-01 10:00 +08", datetime(2024, 3, 1, 2, 0, tzinfo=UTC)),
        ("2024-03-01T02:00:00+00:00", datetime(2024, 3, 1, 2, 0, tzinfo=UTC)),
        ("2024-03-01T02:00:00Z", datetime(2024, 3, 1, 2, 0, tzinfo=UTC)),
        ("2024-03-01T02:00Z", datetime(2024, 3, 1, 2, 0, tzinfo=UTC)),
        ("2024-03-01T02:00:00.250000Z", datetime(2024, 3, 1, 2, 0, 0, 250000, tzinfo=UTC)),
    ],
)
def test_an_explicit_offset_wins_over_the_local_zone(text: str, expected: datetime) -> None:
    parsed = parse_time(text)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "tomorrow", "明天下午", "2024-13-01 10:00", "2024-02-30 10:00",
     "2024-03-01 25:00", "10:00", "01/03/2024 10:00", "2024-03-01T10:00:00Zulu"],
)
def test_bad_input_raises_bad_time(text: str) -> None:
    with pytest.raises(BadTime, match=r"empty time|cannot read the time"):
        parse_time(text)


def test_bad_time_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD HH:MM"):
        parse_time("later")


def test_iso_renders_in_the_users_zone() -> None:
    assert iso(parse_time("2024-03-01 10:00")) == "2024-03-01T10:00:00+08:00"
    assert iso(datetime(2024, 3, 1, 2, 0, 59, 999999, tzinfo=UTC)) == (
        "2024-03-01T10:00:59+08:00")
    assert iso(parse_time("2024-03-01T23:30:00Z")) == "2024-03-02T07:30:00+08:00"
    assert iso(None) is None


def test_naive_times_are_taken_as_local() -> None:
    assert iso(datetime(2024, 3, 1, 10, 0)) == "2024-03-01T10:00:00+08:00"
    assert to_local(datetime(2024, 3, 1, 10, 0)).utcoffset() == timedelta(hours=8)


def test_storage_text_is_utc_sortable_and_round_trips() -> None:
    moment = parse_time("2024-03-01 10:00:07")
    text = to_utc_text(moment)
    assert text == "2024-03-01T02:00:07.000000+00:00"
    assert from_utc_text(text) == moment
    earlier = to_utc_text(parse_time("2024-02-29T23:00:00-05:00"))  # 04:00 UTC on 1 March
    assert sorted([earlier, text]) == [text, earlier]
    assert from_utc_text("2024-03-01T02:00:07") == moment  # a naive stored text is UTC


@pytest.mark.parametrize(
    ("text", "utc", "shown"),
    [
        ("2024-07-01 12:00", datetime(2024, 7, 1, 11, 0, tzinfo=UTC),
         "2024-07-01T12:00:00+01:00"),
        ("2024-01-15 12:00", datetime(2024, 1, 15, 12, 0, tzinfo=UTC),
         "2024-01-15T12:00:00+00:00"),
        # the morning the clocks go forward (31 March 2024, 01:00 GMT -> 02:00 BST)
        ("2024-03-31 00:30", datetime(2024, 3, 31, 0, 30, tzinfo=UTC),
         "2024-03-31T00:30:00+00:00"),
        ("2024-03-31 03:00", datetime(2024, 3, 31, 2, 0, tzinfo=UTC),
         "2024-03-31T03:00:00+01:00"),
    ],
)
def test_summer_and_winter_time_in_london(
    monkeypatch: pytest.MonkeyPatch, text: str, utc: datetime, shown: str
) -> None:
    monkeypatch.setenv("CASEBOOK_TZ", "Europe/London")
    parsed = parse_time(text)
    assert parsed == utc
    assert iso(parsed) == shown


def test_changing_the_zone_changes_only_how_a_moment_is_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    moment = parse_time("2024-07-01 19:00")  # Shanghai
    monkeypatch.setenv("CASEBOOK_TZ", "Europe/London")
    assert iso(moment) == "2024-07-01T12:00:00+01:00"
    monkeypatch.setenv("CASEBOOK_TZ", "America/New_York")
    assert iso(moment) == "2024-07-01T07:00:00-04:00"
