"""Capture times said honestly: from the file name (patterns as data), from what the screen
shows (never a date guessed from a clock alone), and which one wins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from screenshot_samples import draw, line, ocr

from desktop_app.reading.capture_time import (
    CAPTURE_SOURCES,
    NamesError,
    default_name_patterns,
    parse_name_patterns,
    pick_capture_time,
    time_from_name,
    time_from_screen,
)

SHANGHAI = timezone(timedelta(hours=8))
EXPECTED = datetime(2024, 11, 23, 10, 15, 30, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _shanghai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TZ", "Asia/Shanghai")


@pytest.mark.parametrize("name", [
    "Screenshot_20241123-101530.png",
    "Screenshot_2024-11-23-10-15-30.png",
    "Screenshot_20241123_101530_com.tencent.mm.jpg",
    "Screenshot_2024-11-23-10-15-30-123_com.eg.android.AlipayGphone.jpg",
    "IMG_20241123_101530.jpg",
    "IMG_20241123_101530_HDR.jpg",
    "IMG20241123101530.jpg",
    "VID_20241123_101530.mp4",
    "20241123_101530.jpg",
    "微信图片_20241123101530.jpg",
    "微信截图_20241123101530.png",
    "QQ截图20241123101530.png",
    "wx_camera_1732328130000.jpg",
    "mmexport1732328130000.jpg",
    "Screenshot 2024-11-23 at 10.15.30.png",
    "Screen Shot 2024-11-23 at 10.15.30 AM.png",
    "Screenshot 2024-11-23 at 10.15.30\u202fAM.png",
    "屏幕截图 2024-11-23 101530.png",
    "Screenshot 2024-11-23 101530.png",
    "截屏2024-11-23 10.15.30.png",
    "PXL_20241123_021530123.jpg",
    "PXL_20241123_021530123.MP.jpg",
    "photo_2024-11-23_10-15-30.jpg",
    # a copy's mark, another case, a folder in front, decomposed Unicode (macOS)
    "Screenshot_20241123-101530 (1).png",
    "screenshot_20241123-101530~2.PNG",
    "/home/li/Pictures/Screenshot_20241123-101530.png",
    "C:\\Users\\li\\Pictures\\微信图片_20241123101530.jpg",
])
def test_every_name_pattern_gives_the_exact_time(name: str) -> None:
    moment = time_from_name(name)
    assert moment == EXPECTED
    assert moment is not None
    assert moment.utcoffset() == timedelta(hours=8)


def test_every_example_in_the_rules_file_reads_as_the_documented_time() -> None:
    for pattern in default_name_patterns():
        assert pattern.examples, pattern.id
        for example in pattern.examples:
            assert time_from_name(example) == EXPECTED, (pattern.id, example)


@pytest.mark.parametrize(("name", "expected"), [
    ("Screen Shot 2024-11-23 at 1.15.30 PM.png", datetime(2024, 11, 23, 13, 15, 30)),
    ("Screen Shot 2024-11-23 at 12.05.00 AM.png", datetime(2024, 11, 23, 0, 5, 0)),
    ("截屏2024-11-23 下午3.15.30.png", datetime(2024, 11, 23, 15, 15, 30)),
    ("截屏2024-11-23 上午12.15.30.png", datetime(2024, 11, 23, 0, 15, 30)),
    # Pixel names are UTC: 23:30 UTC is the next morning in Shanghai
    ("PXL_20241123_233000000.jpg", datetime(2024, 11, 24, 7, 30, 0)),
])
def test_twelve_hour_names_and_utc_names(name: str, expected: datetime) -> None:
    assert time_from_name(name) == expected.replace(tzinfo=SHANGHAI)


def test_the_zone_is_the_users(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TZ", "Europe/London")
    local = time_from_name("Screenshot_20240701-101530.png")
    assert local is not None
    assert local.utcoffset() == timedelta(hours=1)
    assert local.astimezone(UTC) == datetime(2024, 7, 1, 9, 15, 30, tzinfo=UTC)
    instant = time_from_name("mmexport1732328130000.jpg")
    assert instant == datetime(2024, 11, 23, 2, 15, 30, tzinfo=UTC)
    assert instant is not None
    assert instant.utcoffset() == timedelta(0)


@pytest.mark.parametrize("name", [
    "Screenshot_20241323-101530.png",  # month 13
    "Screenshot_20241131-101530.png",  # 31 November
    "Screenshot_20230229-101530.png",  # not a leap year
    "IMG_20241123_251530.jpg",  # 25 o'clock
    "IMG_20241123_106030.jpg",  # minute 60
    "Screenshot_19991123-101530.png",  # before 2000
    "Screenshot_21011123-101530.png",  # after 2100
    "mmexport946684799999.jpg",  # 12 digits
    "mmexport0946684799999.jpg",  # 1999-12-31T23:59:59.999Z
    "mmexport9999999999999.jpg",  # the year 2286
    "wx_camera_17323281300001.jpg",  # 14 digits: an id, not a time
    "微信图片_202411231015301.jpg",  # 15 digits
    "Screenshot_20241123-1015301.png",
    "IMG_1234.JPG",  # iOS: a counter
    "IMG_20241123.jpg",  # a date without a time is not a capture time
    "DSC_20241123_101530.jpg",  # not a known maker
    "报告_20241123101530.pdf",
    "xScreenshot_20241123-101530.png",  # the pattern must start the name
    "Screen Shot 2024-11-23 at 13.15.30 PM.png",  # 13 PM
    "截屏2024-11-23 下午0.15.30.png",
    "Screenshot_２０２４１１２３-１０１５３０.png",  # full-width digits
    "",
    "   ",
])
def test_impossible_or_unknown_names_give_none(name: str) -> None:
    assert time_from_name(name) is None


@settings(max_examples=300, deadline=None)
@given(st.one_of(
    st.text(),
    st.from_regex(r"(Screenshot_|IMG_|PXL_|mmexport|wx_camera_|微信图片_|截屏|Screen Shot )"
                  r"[0-9\-_. ]{0,30}(AM|PM|上午|下午)?[0-9.]{0,12}\.png", fullmatch=True),
))
def test_time_from_name_never_raises(name: str) -> None:
    moment = time_from_name(name)
    assert moment is None or (moment.tzinfo is not None and 2000 <= moment.year <= 2101)


def test_a_broken_rules_file_is_refused() -> None:
    with pytest.raises(NamesError):
        parse_name_patterns({"patterns": [{"id": "x", "clock": "moon", "regex": "a"}]})
    with pytest.raises(NamesError):
        parse_name_patterns({"patterns": [{"id": "x", "clock": "local", "regex": "("}]})
    with pytest.raises(NamesError):
        parse_name_patterns({"patterns": [{"id": "x", "clock": "local", "regex": "(?P<Y>1)"}]})
    with pytest.raises(NamesError):
        parse_name_patterns({"patterns": []})


# ---- the screen --------------------------------------------------------------------------

HEIGHT = 2340
AT_1015 = datetime(2024, 11, 23, 10, 15, tzinfo=SHANGHAI)


@pytest.mark.parametrize("text", [
    "2024年11月23日 10:15",
    "交易时间2024年11月23日10:15",
    "2024-11-23 10:15",
    "2024/11/23 10:15",
    "2024.11.23 10:15",
    "2024年11月23日 星期六 10:15",
    "2024-11-23T10:15",
    "2024/11/23 上午10:15",
    "2024 年 11 月 23 日 10：15",
])
def test_a_full_date_and_time_in_the_text(text: str) -> None:
    assert time_from_screen([line(text, 600)], near=None) == AT_1015


def test_seconds_and_afternoon() -> None:
    assert time_from_screen([line("2024-11-23 10:15:30", 600)], near=None) == EXPECTED
    assert time_from_screen([line("2024/11/23 下午3:15", 600)], near=None) == AT_1015.replace(
        hour=15)
    assert time_from_screen([line("2024-11-23 3:15 PM", 600)], near=None) == AT_1015.replace(
        hour=15)


def test_the_topmost_date_time_wins_whatever_the_order_given() -> None:
    lines = [line("处理时间 2024-11-25 09:00", 1200), line("申请时间 2024-11-23 10:15", 500),
             line("2024-11-24 08:00", 900)]
    assert time_from_screen(lines, near=None) == AT_1015


def test_an_impossible_date_time_is_passed_over() -> None:
    lines = [line("2024-13-40 10:15", 300), line("2024-11-23 25:15", 400),
             line("2024-11-23 10:15", 500)]
    assert time_from_screen(lines, near=None) == AT_1015
    assert time_from_screen([line("1999-11-23 10:15", 300)], near=None) is None


def test_a_date_without_a_year_takes_it_from_near_or_is_no_date() -> None:
    lines = [line("11月23日 10:15", 600)]
    assert time_from_screen(lines, near=None) is None
    near = datetime(2025, 1, 3, 12, 0, tzinfo=UTC)
    assert time_from_screen(lines, near=near) == AT_1015
    assert time_from_screen(lines, near=datetime(2024, 11, 30, tzinfo=UTC)) == AT_1015


def test_the_status_bar_clock_on_a_date_the_screen_shows() -> None:
    lines = [line("10:15", 40), line("85%", 40, left=900), line("账单", 300),
             line("2024年11月23日 星期六", 600), line("2024年11月20日", 900)]
    assert time_from_screen(lines, near=None, height=HEIGHT) == AT_1015
    assert time_from_screen(lines, near=None, height=None) is None


def test_a_clock_without_a_date_gives_nothing() -> None:
    lines = [line("10:15", 40), line("中国建设银行", 300), line("转账成功", 600),
             line("15:30", 900)]
    assert time_from_screen(lines, near=datetime(2024, 11, 23, tzinfo=UTC),
                            height=HEIGHT) is None


def test_a_clock_below_the_status_bar_is_not_the_status_bar() -> None:
    lines = [line("10:15", 200), line("2024年11月23日", 600)]
    assert time_from_screen(lines, near=None, height=HEIGHT) is None
    # a yearless date needs near, even with the status-bar clock
    lines = [line("10:15", 40), line("11月23日 星期六", 600)]
    assert time_from_screen(lines, near=None, height=HEIGHT) is None
    assert time_from_screen(lines, near=datetime(2024, 11, 23, 3, tzinfo=UTC),
                            height=HEIGHT) == AT_1015


def test_nothing_on_the_screen_gives_nothing() -> None:
    assert time_from_screen([], near=None, height=HEIGHT) is None
    assert time_from_screen([line("95533", 300), line("1:23", 500)], near=None,
                            height=HEIGHT) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(), st.floats(-1e6, 1e6), st.floats(0, 1e4)), max_size=6),
       st.one_of(st.none(), st.floats(-10, 1e5)))
def test_time_from_screen_never_raises(texts: list[tuple[str, float, float]],
                                       height: float | None) -> None:
    lines = [line(text, top, height=tall) for text, top, tall in texts]
    moment = time_from_screen(lines, near=datetime(2024, 11, 23, tzinfo=UTC), height=height)
    assert moment is None or moment.tzinfo is not None


@pytest.mark.slow
def test_a_real_screenshot_read_by_ocr(tmp_path: Path) -> None:
    picture = draw(tmp_path / "Screenshot.png", [
        ((60, 30), "10:15", 42), ((900, 30), "85%", 42),
        ((60, 400), "交易详情", 60), ((60, 600), "2024年11月23日 10:15", 48),
    ])
    lines = ocr(picture)
    assert time_from_screen(lines, near=None, height=2340) == AT_1015
    status_only = [one for one in lines if one.box[1] < 100]
    assert status_only
    assert time_from_screen(status_only, near=None, height=2340) is None


# ---- choosing ----------------------------------------------------------------------------

def test_the_sources_are_the_cli_contract() -> None:
    assert CAPTURE_SOURCES == ("exif", "email", "filename", "screen", "file_time", "person")


def test_pick_takes_the_first_known_in_order_of_trust() -> None:
    times = [datetime(2024, 11, day, tzinfo=UTC) for day in range(1, 6)]
    names = ["exif", "email", "filename", "screen", "file_time"]
    for first in range(5):
        given_times = {name: (times[i] if i >= first else None) for i, name in enumerate(names)}
        assert pick_capture_time(**given_times) == (times[first], names[first])
    assert pick_capture_time() == (None, None)
    assert pick_capture_time(file_time=times[4], screen=times[3]) == (times[3], "screen")
