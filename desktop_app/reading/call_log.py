"""The phone's call log, read from a screenshot of the recent-calls list.

The OCR lines are grouped into rows by where they sit (lines whose vertical centres are within
about half a line height make one visual row). A visual row that shows a time (``10:15``,
``昨天 10:15``, ``星期二``, ``11月23日``, ``2024/11/23``, ``5分钟前``) is a call; the rows next to
it without a time (a name above, a number or a place below) belong to the nearest call. Relative
days are counted back from the screenshot's capture time. A call whose number is not shown is
left out: a name alone proves nothing a third party can check.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Literal

from desktop_app.reading.lines import OcrLine
from desktop_app.timeutil import localize, to_local

Direction = Literal["in", "out"]

# Of the picture's height, the top band where the status bar (clock, battery) is.
STATUS_BAR_SHARE = 0.05
# Lines whose vertical centres are this many line heights apart or less make one visual row.
SAME_ROW = 0.5
# A row without a time belongs to the nearest row with one at most this many line heights away.
SAME_CALL = 1.7
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Titles, tabs and buttons of dialer apps: a row made of these only is not a call.
HEADER_WORDS = frozenset(_words("""
通话记录 最近通话 通话 电话 拨号 拨号盘 拨号键盘 联系人 通讯录 收藏 个人收藏 语音留言
全部 全部通话 未接 未接来电 编辑 清除 搜索 更多 黄页 营业厅 更早 本周 上周
recents recent all missed edit clear
favorites favourites contacts keypad voicemail phone calls search older earlier
"""))
# Of those, the words a call's own row may show alone (iOS: "电话" under the number).
ALSO_IN_ROWS = frozenset({"未接", "未接来电", "missed", "电话", "phone"})
# What a row says about the number rather than who it is: not a contact name.
NOT_A_NAME = frozenset(_words("""
手机 电话 移动 联通 电信 中国移动 中国联通 中国电信 住宅 工作 单位 其他
未知 未知号码 陌生号码 归属地未知
mobile phone home work other unknown cell iphone main call
"""))
PROVINCES = _words("""
北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南
广东 海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门
""")
LOCATION = re.compile(r"^(?:" + "|".join(PROVINCES) + r")[\u4e00-\u9fff]{0,4}?"
                      r"(?:\s*(?:移动|联通|电信|固话|手机))?$")
BUSINESS = re.compile(r"银行|公司|客服|保险|证券|中心|集团|服务|商城|支付")

MISSED = re.compile(r"未接(?!通)|missed|响铃\s*\d+\s*声|响\s*\d+\s*声|\d+\s*rings?\b", re.I)
INCOMING = re.compile(r"呼入|来电|已接|incoming|received|拒接|declined|rejected", re.I)
ANSWERED = re.compile(r"已接|接听|answered|received", re.I)
OUTGOING = re.compile(r"呼出|已拨|拨出|去电|未接通|outgoing|dialed|dialled", re.I)
DURATION = re.compile(
    r"(?:\d+\s*(?:小时|时|分钟|分|秒))+|\d+\s*(?:h|hrs?|hours?)\s*\d*\s*(?:m|mins?|minutes?)?"
    r"\s*\d*\s*(?:s|secs?|seconds?)?\b|\d+\s*(?:m|mins?|minutes?)\s*\d*\s*(?:s|secs?|seconds?)?"
    r"\b|\d+\s*(?:s|secs?|seconds?)\b|通话\s*\d{1,2}:\d{2}(?::\d{2})?", re.I)
RINGS = re.compile(r"响铃\s*\d+\s*声|响\s*\d+\s*声|\d+\s*rings?\b", re.I)
COUNT = re.compile(r"[(（]\s*\d{1,3}\s*[)）]")
NUMBER = re.compile(r"(?<![\d:：.])(?:\+|00)?\d[\d \-]{1,22}\d(?![\d:：%.])")
ICONS = re.compile(r"[ⓘ①ⅰ>›·•|｜,，;；]|\(i\)|\bi\b")

_CLOCK = (r"(?:(?P<ampm1>上午|下午|凌晨|早上|中午|晚上)\s*)?(?<![0-9])(?P<H>[0-9]{1,2})\s*[:：]\s*"
          r"(?P<M>[0-9]{2})(?![0-9])(?:\s*(?P<ampm2>AM|PM)\b)?")
_THEN_CLOCK = r"(?:[\s,]*" + _CLOCK + r")?"
WEEKDAYS = {
    **{f"{prefix}{day}": number for prefix in ("星期", "周", "礼拜")
       for number, day in enumerate("一二三四五六日")},
    "星期天": 6, "周天": 6, "礼拜天": 6,
    **{name: number for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))},
    **{name: number for number, name in enumerate(
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
}
DAYS_BACK = {"今天": 0, "today": 0, "昨天": 1, "yesterday": 1, "前天": 2}
# The ways a call list says when, most specific first; each may be followed by a clock.
WHEN = (
    ("ymd", re.compile(r"(?<![0-9])(?P<Y>20[0-9]{2})\s*[年/.\-]\s*(?P<m>[0-9]{1,2})\s*[月/.\-]\s*"
                       r"(?P<d>[0-9]{1,2})(?![0-9])\s*日?" + _THEN_CLOCK)),
    ("md", re.compile(r"(?<![0-9/.\-])(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*日"
                      + _THEN_CLOCK)),
    ("md", re.compile(r"(?<![0-9/.\-:])(?P<m>[0-9]{1,2})/(?P<d>[0-9]{1,2})(?![0-9/])"
                      + _THEN_CLOCK)),
    ("days", re.compile(r"(?P<days>今天|昨天|前天|\btoday\b|\byesterday\b)" + _THEN_CLOCK,
                        re.I)),
    ("weekday", re.compile(r"(?P<weekday>(?:星期|周|礼拜)[一二三四五六日天]|\b(?:monday|tuesday|"
                           r"wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|"
                           r"sun)\b)\.?" + _THEN_CLOCK, re.I)),
    ("ago", re.compile(r"(?P<ago>\d{1,3})\s*(?P<unit>分钟|小时|mins?|minutes?|hours?|hrs?)\s*"
                       r"(?:前|ago)|(?P<now>刚刚|just now)", re.I)),
    ("clock", re.compile(_CLOCK)),
)


@dataclass(frozen=True)
class CallLogRow:
    """One call as the list shows it. ``at`` is aware; when the list shows only a day
    (``星期二``, ``11月23日``), ``time_of_day`` is False and ``at`` is that day's midnight."""

    number: str  # digits as shown, without spaces and dashes ("+8613812345678", "02195533")
    at: datetime
    missed: bool | None
    direction: Direction | None
    label: str | None  # the contact name shown, if any
    source_text: str  # the row's text as read
    time_of_day: bool = True


@dataclass
class _Row:
    """A visual row: OCR lines side by side."""

    lines: list[OcrLine] = field(default_factory=list)

    @property
    def centre(self) -> float:
        return statistics.fmean(_centre(line) for line in self.lines)

    @property
    def left(self) -> float:
        return min(line.box[0] for line in self.lines)

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)


@dataclass(frozen=True)
class _When:
    at: datetime
    time_of_day: bool
    start: int
    end: int


def call_log_rows(lines: Sequence[OcrLine], *, height: float | None = None,
                  reference_time: datetime) -> list[CallLogRow]:
    """The calls a screenshot of a recent-calls list shows, in the order shown.

    ``reference_time`` is when the screenshot was taken: ``昨天`` is the day before it, a
    weekday the most recent such day before it, a bare ``10:15`` its day (or the day before
    when that would be later than it). With ``height`` (the picture's, in pixels), the status
    bar is left out.
    """
    calls: list[CallLogRow] = []
    for page in sorted({line.page for line in lines}):
        on_page = [line for line in lines if line.page == page and line.text.strip()
                   and line.box[3] > 0]
        if height:
            on_page = [line for line in on_page if _centre(line) > height * STATUS_BAR_SHARE]
        calls.extend(_calls_on_page(on_page, reference_time))
    return calls


def _calls_on_page(lines: list[OcrLine], reference_time: datetime) -> list[CallLogRow]:
    if not lines:
        return []
    line_height = statistics.median(line.box[3] for line in lines)
    width = max(line.box[0] + line.box[2] for line in lines)
    rows = [row for row in _visual_rows(lines, line_height) if not _is_header(row)]
    section: date | None = None
    anchors: list[tuple[_Row, _When]] = []
    others: list[_Row] = []
    reference = to_local(reference_time)
    for row in rows:
        found = _when_in_row(row, reference, section)
        if found is None:
            others.append(row)
        elif _is_section_header(row, found, width):
            section = found.at.date()
        else:
            anchors.append((row, found))
    attached: dict[int, list[_Row]] = {id(row): [] for row, _ in anchors}
    for other in others:
        nearest = min(anchors, key=lambda anchor: (abs(anchor[0].centre - other.centre),
                                                   anchor[0].centre > other.centre),
                      default=None)
        if nearest is not None and abs(nearest[0].centre - other.centre) <= (
                SAME_CALL * line_height):
            attached[id(nearest[0])].append(other)
    calls = []
    for row, found in anchors:
        call = _call(row, attached[id(row)], found)
        if call is not None:
            calls.append(call)
    return calls


def _centre(line: OcrLine) -> float:
    return line.box[1] + line.box[3] / 2


def _visual_rows(lines: list[OcrLine], line_height: float) -> list[_Row]:
    rows: list[_Row] = []
    for line in sorted(lines, key=_centre):
        if rows and abs(_centre(line) - rows[-1].centre) <= SAME_ROW * line_height:
            rows[-1].lines.append(line)
        else:
            rows.append(_Row([line]))
    for row in rows:
        row.lines.sort(key=lambda line: line.box[0])
    return rows


def _is_header(row: _Row) -> bool:
    words = [word for word in re.split(r"[\s|｜/]+", row.text.lower()) if word]
    return (bool(words) and all(word in HEADER_WORDS for word in words)
            and any(word not in ALSO_IN_ROWS for word in words))


def _is_section_header(row: _Row, found: _When, width: float) -> bool:
    """A day alone at the left ("昨天", "更早" lists): it dates the rows below it."""
    rest = _clean(row.text[:found.start] + row.text[found.end:])
    return not found.time_of_day and not rest and row.left < width / 3


def _when_in_row(row: _Row, reference: datetime, section: date | None) -> _When | None:
    """When the row says the call was: read in its OCR lines from the right (the time
    column), the first form that gives a real time; offsets are in ``row.text``."""
    offsets, position = [], 0
    for line in row.lines:
        offsets.append(position)
        position += len(line.text.strip()) + 1
    for line, offset in reversed(list(zip(row.lines, offsets, strict=True))):
        found = _when(line.text.strip(), reference, section)
        if found is not None:
            return _When(found.at, found.time_of_day, found.start + offset, found.end + offset)
    return None


def _when(text: str, reference: datetime, section: date | None) -> _When | None:
    for kind, regex in WHEN:
        for found in regex.finditer(text):
            if kind == "weekday" and found.group("weekday").isascii() and (
                    found.group().strip() != text.strip()):
                continue  # "Sun" in "Sun Life Insurance" is no day: English ones stand alone
            at = _resolve(kind, found, reference, section)
            if at is not None:
                return _When(at[0], at[1], found.start(), found.end())
    return None


def _resolve(kind: str, found: re.Match[str], reference: datetime,
             section: date | None) -> tuple[datetime, bool] | None:
    parts = found.groupdict()
    today = reference.date()
    if kind == "ago":
        if parts.get("now"):
            return reference, True
        amount = int(parts["ago"])
        hours = parts["unit"].lower().startswith(("小时", "h"))
        return reference - timedelta(hours=amount if hours else 0,
                                     minutes=0 if hours else amount), True
    clock = _clock(parts)
    if parts.get("H") is not None and clock is None:
        return None
    day: date | None
    if kind == "ymd":
        day = _day(int(parts["Y"]), int(parts["m"]), int(parts["d"]))
    elif kind == "md":
        day = _day(today.year, int(parts["m"]), int(parts["d"]))
        if day is not None and day > today:
            day = _day(today.year - 1, int(parts["m"]), int(parts["d"]))
    elif kind == "days":
        day = today - timedelta(days=DAYS_BACK[parts["days"].lower()])
    elif kind == "weekday":
        back = (today.weekday() - WEEKDAYS[parts["weekday"].lower()]) % 7 or 7
        day = today - timedelta(days=back)
    else:  # a clock alone: the section's day, else the reference day (or the day before)
        day = section or today
    if day is None:
        return None
    at = localize(datetime.combine(day, clock or time()))
    if kind == "clock" and section is None and at > reference:
        at = localize(datetime.combine(day - timedelta(days=1), clock or time()))
    return at, clock is not None


def _clock(parts: dict[str, str | None]) -> time | None:
    if parts.get("H") is None:
        return None
    hour, minute = int(parts["H"] or ""), int(parts["M"] or "")
    ampm = (parts.get("ampm1") or parts.get("ampm2") or "").upper()
    if ampm:
        if not 0 <= hour <= 12:
            return None
        if ampm in ("下午", "晚上", "PM") and hour < 12:
            hour += 12
        elif ampm in ("AM", "凌晨", "上午", "早上") and hour == 12:
            hour = 0
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute)


def _day(year: int, month: int, day: int) -> date | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _call(anchor: _Row, attached: list[_Row], found: _When) -> CallLogRow | None:
    rows = sorted([anchor, *attached], key=lambda row: row.centre)
    # the time column read; what is left of every line, anchor first for the number
    texts: list[tuple[_Row, str]] = []
    for row in rows:
        text = row.text
        if row is anchor:
            text = text[:found.start] + " | " + text[found.end:]
        texts.append((row, text))
    whole = " ".join(row.text for row in rows)
    number = None
    for _row, text in sorted(texts, key=lambda item: item[0] is not anchor):
        number = _number(text)
        if number is not None:
            break
    if number is None:
        return None
    missed, direction = _missed_and_direction(whole)
    return CallLogRow(number=number, at=found.at, missed=missed, direction=direction,
                      label=_label([text for _, text in texts]), source_text=whole,
                      time_of_day=found.time_of_day)


def _strip_facts(text: str) -> str:
    """The text without durations, ring counts and call counts: what may hold a number."""
    for regex in (RINGS, DURATION, COUNT):
        text = regex.sub(" | ", text)
    return text


def _number(text: str) -> str | None:
    text = _strip_facts(text)
    for regex in (MISSED, INCOMING, OUTGOING):
        text = regex.sub(" | ", text)
    best = None
    for line in text.split("|"):
        for found in NUMBER.finditer(line):
            number = re.sub(r"[ \-]", "", found.group())
            digits = len(number.lstrip("+"))
            if 3 <= digits <= 16 and (best is None or digits > len(best.lstrip("+"))):
                best = number
    return best


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", ICONS.sub(" ", text)).strip()


def _label(texts: list[str]) -> str | None:
    """The first words in the row that name someone: not a number, a time, a call fact,
    a phone type or a place."""
    for text in texts:
        rest = _strip_facts(text)
        for regex in (MISSED, INCOMING, OUTGOING, NUMBER):
            rest = regex.sub(" | ", rest)
        for piece in rest.split("|"):
            piece = _clean(piece)
            letters = re.findall(r"[\u4e00-\u9fff]|[A-Za-z]", piece)
            if not letters or (len(letters) < 2 and not re.search(r"[\u4e00-\u9fff]", piece)):
                continue
            if piece.lower() in NOT_A_NAME or (LOCATION.match(piece)
                                               and not BUSINESS.search(piece)):
                continue
            return piece
    return None


def _missed_and_direction(text: str) -> tuple[bool | None, Direction | None]:
    if MISSED.search(text):
        return True, "in"
    if OUTGOING.search(text):
        return False, "out"
    answered = bool(DURATION.search(text) or ANSWERED.search(text))
    if INCOMING.search(text):
        return (False if answered else None), "in"
    return (False if answered else None), None
