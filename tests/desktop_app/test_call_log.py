"""The phone's call log read from a screenshot of the recent-calls list: rows by position,
the number, the time resolved against the capture time, missed and direction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from screenshot_samples import draw, line, ocr

from desktop_app.reading.call_log import CallLogRow, call_log_rows
from desktop_app.reading.lines import OcrLine

SHANGHAI = timezone(timedelta(hours=8))
# Saturday 23 November 2024, 10:30 in Shanghai: when the screenshots were taken
TAKEN = datetime(2024, 11, 23, 10, 30, tzinfo=SHANGHAI)
HEIGHT = 2340


def at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2024, 11, day, hour, minute, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _shanghai(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_TZ", "Asia/Shanghai")


def summary(rows: list[CallLogRow]) -> list[tuple[object, ...]]:
    return [(row.number, row.at, row.time_of_day, row.missed, row.direction, row.label)
            for row in rows]


# A Xiaomi/Huawei-like list: name and time on the first line, number and facts below.
ANDROID = [
    line("10:30", 30), line("85%", 30, left=950),  # status bar
    line("通话记录", 150, height=60),
    line("全部", 260), line("未接", 260, left=300),
    line("中国建设银行", 400), line("10:15", 400, left=900),
    line("95533 北京 响铃3声", 460),
    line("95533", 600), line("昨天 18:02", 600, left=850),
    line("北京 呼入 1分23秒", 660),
    line("+86 138 1234 5678", 800), line("星期二", 800, left=900),
    line("广东深圳 已拨", 860),
    line("021-95533", 1000), line("11月20日", 1000, left=880),
    line("上海 未接来电", 1060),
    line("95533 (3)", 1200), line("2024/11/18 09:05", 1200, left=760),
    line("张三", 1400), line("10:40", 1400, left=900),  # a name and no number: left out
    line("中国建设银行", 1600), line("星期一", 1600, left=900),
    line("95533", 1660),
    line("拨号", 2250), line("联系人", 2250, left=400), line("收藏", 2250, left=800),
]


def test_an_android_like_list() -> None:
    rows = call_log_rows(ANDROID, height=HEIGHT, reference_time=TAKEN)
    assert summary(rows) == [
        ("95533", at(23, 10, 15), True, True, "in", "中国建设银行"),
        ("95533", at(22, 18, 2), True, False, "in", None),
        ("+8613812345678", at(19), False, False, "out", None),
        ("02195533", at(20), False, True, "in", None),
        ("95533", at(18, 9, 5), True, None, None, None),
        ("95533", at(18), False, None, None, "中国建设银行"),
    ]
    assert rows[0].source_text == "中国建设银行 10:15 95533 北京 响铃3声"
    assert all(row.at.tzinfo is not None for row in rows)


def test_the_order_of_the_ocr_lines_does_not_matter() -> None:
    shuffled = ANDROID[::-1]
    assert summary(call_log_rows(shuffled, height=HEIGHT, reference_time=TAKEN)) == summary(
        call_log_rows(ANDROID, height=HEIGHT, reference_time=TAKEN))


def test_without_the_height_the_status_bar_is_no_call() -> None:
    rows = call_log_rows(ANDROID, reference_time=TAKEN)
    assert [row.at for row in rows][:2] == [at(23, 10, 15), at(22, 18, 2)]
    assert len(rows) == 6


# An iOS-like Recents list: the number or name, "电话" under it, the day at the right
# between the two lines.
IOS = [
    line("最近通话", 150, height=70), line("全部", 260), line("未接", 260, left=300),
    line("编辑", 260, left=950),
    line("95533", 400, height=44), line("电话", 452, height=32),
    line("星期二", 420, left=850, height=34),
    line("中国建设银行", 530, height=44), line("手机", 582, height=32),
    line("10:05", 550, left=880, height=34),
    line("+86 138 1234 5678", 660, height=44), line("未知", 712, height=32),
    line("昨天", 680, left=900, height=34),
    line("95533 (2)", 790, height=44), line("电话", 842, height=32),
    line("2024/11/15", 810, left=820, height=34),
    line("95533", 920, height=44), line("电话", 972, height=32),
    line("星期六", 940, left=850, height=34),
]


def test_an_ios_like_list() -> None:
    rows = call_log_rows(IOS, height=HEIGHT, reference_time=TAKEN)
    assert summary(rows) == [
        ("95533", at(19), False, None, None, None),
        ("+8613812345678", at(22), False, None, None, None),
        ("95533", at(15), False, None, None, None),
        # Saturday seen on a Saturday is last week's
        ("95533", at(16), False, None, None, None),
    ]


# Google's dialer: days as section headings at the left; the time inside the row.
GOOGLE = [
    line("Recents", 150, height=60),
    line("Today", 300),
    line("95533", 360, left=160), line("Missed call · 9:12 AM", 410, left=160),
    line("Yesterday", 520),
    line("China Construction Bank", 580, left=160), line("95533 · 6:02 PM", 630, left=160),
    line("+86 138 1234 5678", 740, left=160), line("Outgoing call · 8:00 PM", 790, left=160),
    line("Mobile · 11:58 PM", 900, left=160),  # a contact without a number: left out
    line("Keypad", 2250), line("Contacts", 2250, left=400),
]


def test_a_google_dialer_like_list_with_day_headings() -> None:
    rows = call_log_rows(GOOGLE, height=HEIGHT, reference_time=TAKEN)
    assert summary(rows) == [
        ("95533", at(23, 9, 12), True, True, "in", None),
        ("95533", at(22, 18, 2), True, None, None, "China Construction Bank"),
        ("+8613812345678", at(22, 20, 0), True, False, "out", None),
    ]


def box(text: str, left: float, top: float, width: float, height: float) -> OcrLine:
    return OcrLine(text, (left, top, width, height), 0.99)


# A Huawei-like list as RapidOCR read it (boxes as it gave them): the number large, the place
# small below it, the time at the right halfway between the two.
HUAWEI_READ = [
    box("10:30", 58, 33, 105, 42), box("电话", 59, 151, 134, 73),
    box("全部", 56, 257, 90, 53), box("未接", 296, 258, 91, 52),
    box("95533", 58, 383, 152, 54), box("10:15", 816, 419, 109, 48),
    box("广东深圳移动", 58, 456, 228, 40),
    box("021-95533", 61, 589, 256, 47), box("昨天", 815, 616, 91, 55), box("上海", 58, 651, 80, 50),
    box("+86 138 1234 5678", 61, 787, 457, 51), box("星期二", 817, 819, 126, 50),
    box("北京 联通", 57, 854, 159, 45),
    box("95533", 58, 985, 154, 54), box("11月20日", 816, 1019, 172, 51),
    box("北京", 56, 1053, 83, 47),
]


@pytest.mark.parametrize("height", [HEIGHT, None])
def test_a_huawei_like_list_with_the_time_between_the_lines(height: float | None) -> None:
    rows = call_log_rows(HUAWEI_READ, height=height, reference_time=TAKEN)
    assert summary(rows) == [
        ("95533", at(23, 10, 15), True, None, None, None),
        ("02195533", at(22), False, None, None, None),
        ("+8613812345678", at(19), False, None, None, None),
        ("95533", at(20), False, None, None, None),
    ]
    assert rows[0].source_text == "95533 10:15 广东深圳移动"


@pytest.mark.parametrize(("shown", "expected", "time_of_day"), [
    ("10:15", at(23, 10, 15), True),
    ("10:45", at(22, 10, 45), True),  # later than the screenshot: the day before
    ("下午3:15", at(22, 15, 15), True),
    ("3:15 PM", at(22, 15, 15), True),
    ("上午9:05", at(23, 9, 5), True),
    ("昨天 10:15", at(22, 10, 15), True),
    ("昨天10:45", at(22, 10, 45), True),
    ("前天", at(21), False),
    ("今天 08:00", at(23, 8, 0), True),
    ("星期五", at(22), False),
    ("周五 21:00", at(22, 21, 0), True),
    ("Friday", at(22), False),
    ("Sat", at(16), False),
    ("11月23日", at(23), False),
    ("11月20日 09:30", at(20, 9, 30), True),
    ("12月1日", datetime(2023, 12, 1, tzinfo=SHANGHAI), False),  # a later day: last year
    ("11/20", at(20), False),
    ("2024/11/23", at(23), False),
    ("2024-11-20 23:59", at(20, 23, 59), True),
    ("2023年12月31日", datetime(2023, 12, 31, tzinfo=SHANGHAI), False),
    ("5分钟前", at(23, 10, 25), True),
    ("2小时前", at(23, 8, 30), True),
    ("刚刚", at(23, 10, 30), True),
    ("3 mins ago", at(23, 10, 27), True),
])
def test_the_time_column(shown: str, expected: datetime, time_of_day: bool) -> None:
    rows = call_log_rows([line("95533", 400), line(shown, 400, left=800)],
                         reference_time=TAKEN)
    assert [(row.at, row.time_of_day) for row in rows] == [(expected, time_of_day)]


@pytest.mark.parametrize("shown", ["25:15", "10:75", "2024/13/01", "2月30日", "1999/11/23",
                                   "明天", "", "通话记录"])
def test_a_row_without_a_usable_time_is_left_out(shown: str) -> None:
    assert call_log_rows([line("95533", 400), line(shown, 400, left=800)],
                         reference_time=TAKEN) == []


@pytest.mark.parametrize(("facts", "missed", "direction"), [
    ("未接来电", True, "in"),
    ("未接", True, "in"),
    ("响铃3声", True, "in"),
    ("响铃 12 声", True, "in"),
    ("Missed call", True, "in"),
    ("呼入 1分23秒", False, "in"),
    ("已接来电", False, "in"),
    ("来电", None, "in"),
    ("呼出 45秒", False, "out"),
    ("已拨", False, "out"),
    ("未接通", False, "out"),
    ("Outgoing call", False, "out"),
    ("2分5秒", False, None),
    ("北京", None, None),
])
def test_missed_and_direction(facts: str, missed: bool | None, direction: str | None) -> None:
    rows = call_log_rows([line("95533", 400), line("10:15", 400, left=800),
                          line(facts, 460)], reference_time=TAKEN)
    assert [(row.number, row.missed, row.direction) for row in rows] == [
        ("95533", missed, direction)]


@pytest.mark.parametrize(("shown", "number"), [
    ("95533", "95533"), ("021-95533", "02195533"), ("+86 138 1234 5678", "+8613812345678"),
    ("138 1234 5678", "13812345678"), ("13812345678 (3)", "13812345678"),
    ("0086 10 6666 6666", "00861066666666"), ("400-820-8820", "4008208820"),
])
def test_numbers_as_shown_without_spaces_and_dashes(shown: str, number: str) -> None:
    rows = call_log_rows([line(shown, 400), line("10:15", 400, left=800)],
                         reference_time=TAKEN)
    assert [row.number for row in rows] == [number]


def test_labels_are_names_not_places_or_phone_types() -> None:
    def label(*below: str) -> str | None:
        lines = [line("95533", 400), line("10:15", 400, left=800)]
        lines += [line(text, 460 + 40 * i, height=30) for i, text in enumerate(below)]
        rows = call_log_rows(lines, reference_time=TAKEN)
        assert len(rows) == 1
        return rows[0].label

    assert label("北京 移动") is None
    assert label("广东深圳") is None
    assert label("手机") is None
    assert label("北京银行") == "北京银行"
    assert label("中国建设银行 客服") == "中国建设银行 客服"
    assert label("营销推广") == "营销推广"
    assert label("Sun Life Insurance") == "Sun Life Insurance"


def test_the_reference_time_is_read_in_the_users_zone() -> None:
    # 02:30 UTC on the 23rd is 10:30 in Shanghai: "10:15" is that morning
    rows = call_log_rows([line("95533", 400), line("10:15", 400, left=800)],
                         reference_time=datetime(2024, 11, 23, 2, 30, tzinfo=UTC))
    assert [row.at for row in rows] == [at(23, 10, 15)]


def test_nothing_gives_nothing() -> None:
    assert call_log_rows([], reference_time=TAKEN) == []
    assert call_log_rows([line("通话记录", 100)], height=HEIGHT, reference_time=TAKEN) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=30), st.floats(-1e4, 1e4), st.floats(0, 200),
                          st.floats(0, 1080)), max_size=12),
       st.one_of(st.none(), st.floats(0, 5000)))
def test_call_log_rows_never_raises(texts: list[tuple[str, float, float, float]],
                                    height: float | None) -> None:
    lines = [line(text, top, height=tall, left=left) for text, top, tall, left in texts]
    for row in call_log_rows(lines, height=height, reference_time=TAKEN):
        assert row.at.tzinfo is not None
        assert row.number


# ---- a real screenshot, read by the OCR engine -------------------------------------------

ROBOCALLS = [  # (name line, time column, line below), the robocall case: 95533 again and again
    ("中国建设银行", "10:15", "95533 北京 响铃2声"),
    ("中国建设银行", "09:02", "95533 北京 响铃5声"),
    ("95533", "昨天 18:40", "北京 呼入 1分23秒"),
    ("中国建设银行", "昨天 12:05", "95533 北京 响铃3声"),
    ("95533", "星期四", "北京 未接来电"),
    ("中国建设银行", "星期三", "95533 北京 响铃4声"),
    ("95533", "11月18日", "北京 呼出 2分10秒"),
    ("中国建设银行", "2024/11/15", "95533 北京 响铃1声"),
]


@pytest.mark.slow
def test_a_real_call_log_screenshot(tmp_path: Path) -> None:
    texts = [((60, 30), "10:30", 40), ((930, 30), "85%", 40), ((60, 150), "通话记录", 64)]
    for index, (first, when, second) in enumerate(ROBOCALLS):
        top = 330 + 230 * index
        texts += [((60, top), first, 52), ((760, top + 6), when, 40),
                  ((60, top + 80), second, 38)]
    lines = ocr(draw(tmp_path / "Screenshot_20241123-103000.png", texts))
    rows = call_log_rows(lines, height=HEIGHT, reference_time=TAKEN)
    assert [(row.number, row.at, row.missed, row.direction) for row in rows] == [
        ("95533", at(23, 10, 15), True, "in"),
        ("95533", at(23, 9, 2), True, "in"),
        ("95533", at(22, 18, 40), False, "in"),
        ("95533", at(22, 12, 5), True, "in"),
        ("95533", at(21), True, "in"),
        ("95533", at(20), True, "in"),
        ("95533", at(18), False, "out"),
        ("95533", at(15), True, "in"),
    ]
    assert [row.label for row in rows].count("中国建设银行") == 5
