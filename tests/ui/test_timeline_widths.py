"""The timeline's fitted widths, measured from a few rows (start-up speed) and still what Qt
would measure from all of them: the "With" and "Reference no." columns as wide as their widest
cell (within their bounds), the entry numbers' header as wide as its widest number."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QHeaderView
from pytestqt.qtbot import QtBot

from desktop_app.records import CaseFields, EventFields, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.main_window import MainWindow
from ui.models.timeline import TimelineModel

BOUNDS = {TimelineModel.COUNTERPART: (90, 190), TimelineModel.REFERENCES: (90, 180)}


def entries(count: int, widest_at: int) -> list[EventFields]:
    """``count`` entries; entry ``widest_at`` has the widest "With" (Chinese) and reference
    number (Latin), the others short ones of different lengths."""
    start = parse_time("2024-03-01 09:00")
    return [EventFields(
        at=start + timedelta(hours=i), channel="call", direction="out",
        counterpart="客服经理王女士（信用卡中心）" if i == widest_at else f"客服 {i % 7}",
        summary=f"第 {i + 1} 次",
        references=(ReferenceData("CCB-TS-2024-0000087" if i == widest_at else f"R{i % 13}",
                                  "投诉号"),)) for i in range(count)]


def expected_width(window: MainWindow, column: int) -> int:
    least, most = BOUNDS[column]
    return max(least, min(most, window.timeline_view.sizeHintForColumn(column)))


@pytest.mark.parametrize("widest_at", [0, 137, 249])
def test_the_fitted_columns_are_what_measuring_every_row_gives(
        qtbot: QtBot, data_dir: Path, open_window: Callable[..., MainWindow],
        widest_at: int) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行", institution_name="中国建设银行"))
        book.timeline.add_events(case.id, entries(250, widest_at))
    window = open_window(data_dir, case_id=case.id)
    view = window.timeline_view
    assert window.timeline_model.rowCount() == TimelineModel.PAGE  # a page read, not all
    for column in BOUNDS:
        assert view.columnWidth(column) == expected_width(window, column), column
    # the widest cell is wider than the short ones: the test tells a fit from a default
    assert view.columnWidth(TimelineModel.COUNTERPART) > view.sizeHintForIndex(
        window.timeline_model.index(
            (widest_at + 1) % TimelineModel.PAGE, TimelineModel.COUNTERPART)).width()


def test_the_lodged_entry_drawn_bold_is_measured_bold(
        qtbot: QtBot, data_dir: Path, open_window: Callable[..., MainWindow]) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行", institution_name="中国建设银行"))
        added = book.timeline.add_events(case.id, [EventFields(
            at=parse_time("2024-03-01 09:00") + timedelta(hours=i), channel="call",
            direction="out", counterpart="Wang, card centre",
            summary="来电") for i in range(12)])
        book.cases.mark_lodged(case.id, added[0].id)  # the same text, in bold
    window = open_window(data_dir, case_id=case.id)
    assert window.timeline_model.lodged_event_id == added[0].id
    column = TimelineModel.COUNTERPART
    assert window.timeline_view.columnWidth(column) == expected_width(window, column)


@pytest.mark.parametrize("newest_first", [True, False])
def test_the_entry_numbers_are_as_wide_as_the_widest_number(
        qtbot: QtBot, data_dir: Path, open_window: Callable[..., MainWindow],
        newest_first: bool) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行", institution_name="中国建设银行"))
        book.timeline.add_events(case.id, entries(1000, 0))
    window = open_window(data_dir, case_id=case.id)
    if window.act_newest_first.isChecked() != newest_first:
        window.act_newest_first.trigger()
    numbers = window.timeline_view.verticalHeader()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: numbers.width() == QHeaderView.sizeHint(numbers).width())
    # as the timeline is read further (row 1,000's number has four digits, row 9's one)
    window.timeline_view.scrollToBottom()
    qtbot.waitUntil(lambda: window.timeline_model.rowCount() > TimelineModel.PAGE)
    assert numbers.sizeHint() == QHeaderView.sizeHint(numbers)
    assert numbers.width() == QHeaderView.sizeHint(numbers).width()
