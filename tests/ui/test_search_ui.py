"""The search box as a person uses it: Ctrl+Shift+F, type Chinese or a reference number, the
hits appear after a pause, Down into them, Enter opens the case at the entry or exhibit."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from book_tasks import done, settle
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from qt_typing import type_text

from desktop_app.records import CaseFields, EventFields, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.main_window import MainWindow
from ui.models.search import HIT_ROLE, HTML_ROLE, SearchResultsModel
from ui.widgets.search_panel import DEBOUNCE_MS


def seed(book: Casebook, tmp_path: Path) -> dict[str, int]:
    first = book.cases.create_case(CaseFields(title="招行信用卡年费", institution_name="招商银行"))
    case = book.cases.create_case(CaseFields(title="建行小程序转账失败",
                                             institution_name="建设银行",
                                       description="一笔未经授权的交易"))
    base = EventFields(at=parse_time("2024-03-01 10:00"), channel="call", summary="第一次来电")
    events = [book.timeline.add_event(case.id, dataclasses.replace(
        base, at=parse_time(f"2024-03-0{n} 10:00"), summary=f"第{n}次来电")).id
        for n in range(1, 6)]
    target = book.timeline.add_event(case.id, dataclasses.replace(
        base, at=parse_time("2024-03-03 12:00"), summary="客服同意退款",
        references=(ReferenceData("CCB20241101-0042", "投诉编号"),)))
    image = tmp_path / "回单.png"
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(Qt.GlobalColor.white)
    assert picture.save(str(image))
    outcome = book.imports.import_file(case.id, image, caption="银行回单截图")
    assert outcome.record is not None
    return {"first": first.id, "case": case.id, "event": target.id, "other": events[0],
            "evidence": outcome.record.id}


@pytest.fixture
def window(open_window: Callable[..., MainWindow], data_dir: Path,
           tmp_path: Path) -> tuple[MainWindow, dict[str, int]]:
    book = Casebook.open(data_dir)
    ids = seed(book, tmp_path)
    return open_window(book, case_id=ids["first"], active=True), ids


def search_for(qtbot, win: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    panel = win.search_panel
    qtbot.waitUntil(lambda: panel.box.hasFocus())
    type_text(qtbot, panel.box, text)
    qtbot.waitUntil(lambda: panel.isVisible() and panel.model.rowCount() > 0,
                    timeout=DEBOUNCE_MS * 10)


def test_typing_chinese_shows_hits_after_a_pause(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    panel = win.search_panel
    assert not panel.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: panel.box.hasFocus())
    type_text(qtbot, panel.box, "授权")
    assert panel.model.rowCount() == 0  # not yet: the box waits for a pause in typing
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=DEBOUNCE_MS * 10)
    hit = panel.model.index(0, 0).data(HIT_ROLE)
    assert (hit.kind, hit.case_id, hit.event_id) == ("case", ids["case"], None)
    assert "<b><u>授权</u></b>" in panel.model.index(0, 0).data(HTML_ROLE)
    assert "建行小程序转账失败" in panel.model.index(0, 0).data()
    assert panel.status.text() == "1 hit"

    panel.box.clear()
    type_text(qtbot, panel.box, "没有这个词")
    qtbot.waitUntil(lambda: panel.status.text() == "Nothing found", timeout=DEBOUNCE_MS * 10)
    assert panel.model.rowCount() == 0


def test_enter_opens_the_case_at_the_entry(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    assert win.current_case is not None
    assert win.current_case.id == ids["first"]
    search_for(qtbot, win, "1101-0042")
    panel = win.search_panel
    assert panel.model.rowCount() == 1
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert win.current_case is not None
    assert win.current_case.id == ids["case"]
    selected = win.timeline_view.selectionModel().selectedRows()
    assert [win.timeline_model.event_at(i.row()).id for i in selected] == [ids["event"]]
    assert win.timeline_view.hasFocus()
    assert not panel.isVisible()  # the keyboard went to the timeline: the hits close

    # Ctrl+Shift+F again: the same query, its hits back, ready to type over
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert panel.isVisible()
    assert panel.box.selectedText() == "1101-0042"


def test_the_hits_open_below_the_box_inside_the_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, _ids = window
    search_for(qtbot, win, "来电")
    panel = win.search_panel
    corner = panel.box.mapTo(win, panel.box.rect().bottomLeft())
    assert panel.geometry().top() > corner.y()
    assert panel.geometry().left() == corner.x()
    assert win.rect().contains(panel.geometry())
    win.resize(win.minimumSize())  # the box stays in sight, and the hits inside the window
    qtbot.waitUntil(lambda: win.rect().contains(panel.geometry()))
    assert panel.box.isVisible()


def test_enter_in_the_box_opens_the_first_hit(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    search_for(qtbot, win, "退款")
    qtbot.keyClick(win.search_panel.box, Qt.Key.Key_Return)
    assert win.current_case is not None
    assert win.current_case.id == ids["case"]
    selected = win.timeline_view.selectionModel().selectedRows()
    assert [win.timeline_model.event_at(i.row()).id for i in selected] == [ids["event"]]


def test_an_exhibit_hit_shows_the_evidence(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    search_for(qtbot, win, "回单截图")
    panel = win.search_panel
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert win.current_case is not None
    assert win.current_case.id == ids["case"]
    assert win.bottom_tabs.currentWidget() is win.evidence_panel
    rows = win.evidence_panel.view.selectionModel().selectedRows()
    assert [win.evidence_panel.model.record_at(r.row()).id for r in rows] == [ids["evidence"]]
    assert win.evidence_panel.view.hasFocus()
    assert not panel.isVisible()


def test_escape_goes_back_to_the_box_then_clears_it(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, _ids = window
    search_for(qtbot, win, "来电")
    panel = win.search_panel
    assert panel.model.rowCount() == 5
    qtbot.keyClick(panel.box, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)
    assert panel.box.hasFocus()
    qtbot.keyClick(panel.box, Qt.Key.Key_Escape)
    assert panel.box.text() == ""
    assert not panel.isVisible()
    assert panel.model.rowCount() == 0


def test_hits_follow_changes_to_the_records(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win, ids = window
    search_for(qtbot, win, "来电")
    panel = win.search_panel
    assert panel.model.rowCount() == 5
    done(qtbot, win.ops.delete_event(ids["other"]))  # as the window deletes: the hub told
    assert panel.model.rowCount() == 4
    assert panel.status.text() == "4 hits"
    win.undo_stack.undo()
    settle(qtbot, win)
    assert panel.model.rowCount() == 5


def test_the_results_model_passes_qtmodeltester(qtmodeltester, book: Casebook,  # type: ignore[no-untyped-def]
                                                tmp_path: Path) -> None:
    seed(book, tmp_path)
    model = SearchResultsModel()
    model.set_hits(book.search("来电"))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5
    model.set_hits(book.search("CCB2024"))
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, 0).data(HIT_ROLE).kind == "reference"
    assert "Reference number" in model.index(0, 0).data()

