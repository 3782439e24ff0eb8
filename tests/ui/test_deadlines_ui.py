"""Deadlines in the window, as a person meets them: the clock in the case header (Chinese and
English), the "complaint lodged" flag, promises marked kept or broken and undone, the Due view
and the reminder bar, the calendar export, the quick log of an unsolicited call (Ctrl+U) and
its chart, escalation with the letter and the filing, a chaser for a missed promise.

Real database in a temp dir, real widgets; only the current time is fixed (the services'
``current_time``, which the window reads too)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import icalendar
import pytest
from book_tasks import done, settle
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog
from qt_typing import type_text

from desktop_app.deadlines.clock import regulator_clock
from desktop_app.deadlines.rules import default_rules
from desktop_app.deadlines.unsolicited import unsolicited_frequency
from desktop_app.deadlines.workdays import covers
from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services import clock as services_clock
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.deadlines import LINK_SCHEME, RECHECK_MS
from ui.dialogs.escalate_dialog import EscalateDialog
from ui.dialogs.letter_dialog import LetterDialog
from ui.dialogs.promise_state_dialog import PromiseStateDialog
from ui.dialogs.quick_log import QuickLogDialog
from ui.main_window import MainWindow
from ui.models.timeline import TimelineModel
from ui.widgets.frequency_chart import FrequencyChart, nice_step

NOW = parse_time("2024-11-12 09:00")
SIZE = (1280, 820)  # the window's size in these tests


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The current time, fixed; ``clock.set("2024-11-20 10:00")`` moves it."""

    class Clock:
        now = NOW

        def set(self, text: str) -> None:
            self.now = parse_time(text)

    fixed = Clock()
    monkeypatch.setattr(services_clock, "current_time", lambda: fixed.now)
    return fixed


def add(book: Casebook, case_id: int, when: str, channel: str = "call", direction: str = "out",
        refs: tuple[str, ...] = (), promises: tuple[tuple[str, str], ...] = (),
        **fields: Any) -> int:
    return book.timeline.add_event(case_id, EventFields(
        at=parse_time(when), channel=channel, direction=direction,
        references=tuple(ReferenceData(r, "投诉编号") for r in refs),
        promises=tuple(PromiseData(t, parse_time(d)) for t, d in promises), **fields)).id


class Scene:
    """A bank case with a complaint number, a late promise and a pending one; a robocall
    case; open in the window."""

    def __init__(self, book: Casebook) -> None:
        self.book = book
        self.bank = book.cases.create_case(CaseFields(
            title="建行小程序转账金额显示错误", institution_name="中国建设银行",
            product="建行微信小程序", amount=Decimal("12800"),
            desired_outcome="核实转账金额并书面说明")).id
        self.app = add(book, self.bank, "2024-11-01 15:00", "app", summary="小程序反馈")
        self.call = add(book, self.bank, "2024-11-03 10:00", refs=("T2024110300123",),
                        promises=(("三个工作日内回电", "2024-11-06 18:00"),),
                        summary="致电95533投诉", counterpart="王女士")
        self.sms = add(book, self.bank, "2024-11-07 09:00", "sms", "in", refs=("BG-7781",),
                       promises=(("11 月 30 日前答复", "2024-11-30 18:00"),), summary="已转后台")
        self.late = book.timeline.get_event(self.call).promises[0]
        self.pending = book.timeline.get_event(self.sms).promises[0]
        self.calls = book.cases.create_case(CaseFields(
            title="招行营销电话", institution_name="招商银行", category="unwanted_calls")).id
        for when in ("2024-11-04 09:10", "2024-11-04 18:30", "2024-11-05 12:00",
                     "2024-11-11 10:00"):
            add(book, self.calls, when, "unsolicited", "in", contact="95555",
                summary="信用卡分期推销")
        add(book, self.calls, "2024-11-06 20:00", "unsolicited_sms", "in", contact="95555",
            summary="营销短信")
        # the bank's own notice about the complaint: not harassment, not counted
        add(book, self.calls, "2024-11-06 08:00", "sms", "in", contact="95555",
            summary="短信通知：投诉已登记")


@pytest.fixture
def scene(data_dir: Path, clock: Any) -> Scene:
    with Casebook.open(data_dir) as book:
        return Scene(book)


@pytest.fixture
def window(open_window: Callable[..., MainWindow], data_dir: Path,
           scene: Scene) -> Iterator[MainWindow]:
    w = open_window(data_dir, case_id=scene.bank, active=True, size=SIZE)
    yield w
    for dialog in list(w.complaint.letter_dialogs):
        dialog.done(0)


def row_of(window: MainWindow, event_id: int) -> int:
    return window.timeline_model.row_of(event_id)


def cell(window: MainWindow, event_id: int, column: int, role: int = 0) -> Any:
    model = window.timeline_model
    return model.index(row_of(window, event_id), column).data(role)


def the_record_dialog(qtbot, window: MainWindow, kind: type) -> Any:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, kind)
                    and window.active_dialog.isVisible())
    return window.active_dialog


def ok(qtbot, dialog: Any) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def undo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Z in the window, made active first as a person's click or window manager would
    (a dialog saved on the book's worker closes after the click, and offscreen nothing
    activates its parent again)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)


def trigger(menu: Any, text: str) -> None:
    for action in menu.actions():
        if action.text() == text:
            action.trigger()
            return
    raise LookupError(f"{text!r} not in {[a.text() for a in menu.actions()]}")


# ---- the clock in the case header ---------------------------------------------------------


def test_the_header_shows_the_clock_in_plain_words_in_english_and_chinese(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    panel = window.header.clock
    assert panel.isVisible()
    assert panel.plain_lines() == [
        "China Construction Bank should answer by 18 Nov 2024 (day 9 of 15)",
        "You can complain to 12378 from 19 Nov 2024",
    ]
    assert panel.state == "running"
    assert "China Construction Bank should answer by 18 Nov 2024" in panel.lines.text()
    assert "#b91c1c" not in panel.lines.text()
    assert not panel.warning.isVisible()
    assert "银行业保险业消费投诉处理管理办法" not in panel.toolTip()  # English: the English source
    assert "Measures for the Handling" in panel.toolTip()

    window.act_language["zh_CN"].trigger()
    qtbot.waitUntil(lambda: "建设银行应于" in panel.lines.text())
    assert panel.plain_lines() == ["建设银行应于 2024-11-18 前答复（第 9 / 15 天）",
                                   "可于 2024-11-19 起向 12378 投诉"]
    assert "银行业保险业消费投诉处理管理办法" in panel.toolTip()
    window.act_language["en"].trigger()
    qtbot.waitUntil(lambda: "should answer" in panel.lines.text())


def test_the_clock_turns_red_when_the_time_is_up(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                 clock: Any) -> None:
    clock.set("2024-11-19 08:00")
    window.deadlines.check_due()
    panel = window.header.clock
    assert panel.state == "overdue"
    assert panel.plain_lines()[0].endswith("(all 15 days have run; 1 day overdue)")
    assert "#b91c1c" in panel.lines.text()
    assert panel.plain_lines()[1] == "You can complain to 12378 now (since 19 Nov 2024)"


def test_a_calendar_without_official_holidays_is_said(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                                      open_window: Callable[..., MainWindow],
                                                      clock: Any) -> None:
    last = max(year for year in range(2020, 2100) if covers(year, "CN"))
    clock.set(f"{last}-12-28 10:00")
    with Casebook.open(data_dir) as book:
        case_id = book.cases.create_case(CaseFields(title="网购退款",
                                                    institution_name="某电商平台")).id
        add(book, case_id, f"{last}-12-24 10:00", "regulator", refs=("12315-1",))
    window = open_window(data_dir, case_id=case_id, active=True, size=SIZE)
    panel = window.header.clock
    assert panel.warning.isVisible()
    assert str(last + 1) in panel.warning.text()
    assert "No official holiday notice for" in panel.warning.text()
    # and where the clock is given as the reason to escalate
    dialog = window.complaint.escalate()
    assert isinstance(dialog, EscalateDialog)
    assert "No official holiday notice for" in dialog.why.text()
    assert str(last + 1) in dialog.why.text()
    dialog.done(0)
    window.close()
    window.book.close()


def test_no_clock_yet_says_how_it_starts(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                         open_window: Callable[..., MainWindow],
                                         clock: Any) -> None:
    with Casebook.open(data_dir) as book:
        case_id = book.cases.create_case(CaseFields(title="刚开始",
                                                    institution_name="中国工商银行")).id
        add(book, case_id, "2024-11-10 10:00")
        other = book.cases.create_case(CaseFields(title="no jurisdiction", institution_name="X",
                                            jurisdiction="none")).id
    window = open_window(data_dir, case_id=case_id, active=True, size=SIZE)
    panel = window.header.clock
    assert panel.isVisible()
    assert panel.state == "none"
    assert "complaint lodged" in panel.lines.text()
    window.select_case(other)
    assert not panel.isVisible()
    window.close()
    window.book.close()


# ---- "complaint lodged" ---------------------------------------------------------------------


def test_the_lodged_entry_is_flagged_and_another_can_be_marked_and_undone(
        qtbot, window: MainWindow, scene: Scene) -> None:  # type: ignore[no-untyped-def]
    model = window.timeline_model
    # the default: the first outgoing contact that gave a number (the app feedback gave none)
    assert model.lodged_event_id == scene.call
    assert cell(window, scene.call, TimelineModel.SUMMARY,
                Qt.ItemDataRole.DecorationRole) is not None
    assert cell(window, scene.call, TimelineModel.SUMMARY, Qt.ItemDataRole.FontRole).bold()
    assert cell(window, scene.app, TimelineModel.SUMMARY,
                Qt.ItemDataRole.DecorationRole) is None
    assert cell(window, scene.call, TimelineModel.SUMMARY) == "致电95533投诉"

    window.select_event(scene.app)
    assert "Mark as complaint lodged" in window.detail.toPlainText()
    menu = window.complaint.context_menu(window.selected_event())
    trigger(menu, "Mark as complaint lodged")
    settle(qtbot, window)
    assert window.book.cases.get_case(scene.bank).lodged_event_id == scene.app
    assert model.lodged_event_id == scene.app
    assert window.header.clock.clock is not None
    assert window.header.clock.clock.lodged_event_id == scene.app
    assert window.header.clock.plain_lines()[0].startswith(
        "China Construction Bank should answer by 18 Nov 2024 (day 11 of 15")
    window.select_event(scene.app)
    assert "Complaint lodged here" in window.detail.toPlainText()
    assert window.undo_stack.undoText() == "Mark as complaint lodged"

    undo(qtbot, window)
    assert window.book.cases.get_case(scene.bank).lodged_event_id is None
    qtbot.waitUntil(lambda: model.lodged_event_id == scene.call)

    # marking through the entry details' link, and clearing it through the menu
    window.select_event(scene.sms)
    window.detail.anchorClicked.emit(QUrl(f"{LINK_SCHEME}:lodged/{scene.sms}"))
    settle(qtbot, window)
    assert window.book.cases.get_case(scene.bank).lodged_event_id == scene.sms
    assert window.header.clock.plain_lines()[0].startswith(
        "China Construction Bank should answer by 22 Nov 2024")
    window.select_event(scene.sms)
    trigger(window.complaint.context_menu(window.selected_event()), "Clear “complaint lodged”")
    settle(qtbot, window)
    assert window.book.cases.get_case(scene.bank).lodged_event_id is None


# ---- promises -------------------------------------------------------------------------------


def test_a_late_promise_shows_as_broken(window: MainWindow, scene: Scene) -> None:
    text = cell(window, scene.call, TimelineModel.PROMISES)
    assert text.startswith("✗ 三个工作日内回电")
    brush = cell(window, scene.call, TimelineModel.PROMISES, Qt.ItemDataRole.ForegroundRole)
    assert brush.color().name() == "#b91c1c"
    assert cell(window, scene.sms, TimelineModel.PROMISES,
                Qt.ItemDataRole.ForegroundRole) is None
    window.select_event(scene.call)
    assert "三个工作日内回电 — due 2024-11-06 18:00 [Broken]" in window.detail.toPlainText()


def test_a_promise_s_actions_follow_it_with_a_chinese_colon(
        qtbot, window: MainWindow, scene: Scene) -> None:  # type: ignore[no-untyped-def]
    """The entry details wrote "3个工作日内回电答复核查结果: 标记为已兑现…" with an ASCII colon."""
    window.select_event(scene.call)
    assert "三个工作日内回电: Mark kept… · Mark broken…" in window.detail.toPlainText()
    window.act_language["zh_CN"].trigger()
    window.select_event(scene.call)
    qtbot.waitUntil(lambda: "三个工作日内回电：标记为已兑现…" in window.detail.toPlainText())
    assert not re.search(r"[\u4e00-\u9fff][:,;]", window.detail.toPlainText())
    window.act_language["en"].trigger()


def test_marking_a_promise_kept_then_broken_with_notes_and_undo(
        qtbot, window: MainWindow, scene: Scene) -> None:  # type: ignore[no-untyped-def]
    book = window.book
    window.select_event(scene.call)
    window.detail.anchorClicked.emit(QUrl(f"{LINK_SCHEME}:kept/{scene.late.id}"))
    settle(qtbot, window)
    dialog = the_record_dialog(qtbot, window, PromiseStateDialog)
    assert dialog.state() == "kept"
    type_text(qtbot, dialog.note_edit, "11 月 7 日回电了")
    ok(qtbot, dialog)
    promise = book.timeline.get_event(scene.call).promises[0]
    assert (promise.state, promise.state_note) == ("kept", "11 月 7 日回电了")
    assert cell(window, scene.call, TimelineModel.PROMISES).startswith("✓ ")
    assert window.undo_stack.undoText() == "Mark “三个工作日内回电” kept"

    window.select_event(scene.call)
    trigger(window.complaint.context_menu(window.selected_event()),
            "Mark “三个工作日内回电” broken…")
    settle(qtbot, window)
    dialog = the_record_dialog(qtbot, window, PromiseStateDialog)
    assert dialog.state() == "broken"
    dialog.note_edit.clear()
    type_text(qtbot, dialog.note_edit, "No call came")
    ok(qtbot, dialog)
    promise = book.timeline.get_event(scene.call).promises[0]
    assert (promise.state, promise.state_note) == ("broken", "No call came")

    undo(qtbot, window)
    promise = book.timeline.get_event(scene.call).promises[0]
    assert (promise.state, promise.state_note) == ("kept", "11 月 7 日回电了")
    undo(qtbot, window)
    promise = book.timeline.get_event(scene.call).promises[0]
    assert (promise.state, promise.state_note) == ("pending", "")
    assert window.undo_stack.redoText() == "Mark “三个工作日内回电” kept"
    window.act_redo.trigger()
    settle(qtbot, window)
    assert book.timeline.get_event(scene.call).promises[0].state == "kept"


# ---- the Due view and reminders --------------------------------------------------------------


def test_reminders_at_start_and_the_due_view(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                              scene: Scene) -> None:
    actions = window.deadlines
    qtbot.waitUntil(lambda: actions.bar.isVisible())
    assert actions.bar.text.text() == "1 promise is overdue"
    assert actions.bar.severity == "overdue"
    assert actions.recheck.isActive()
    assert actions.recheck.interval() == RECHECK_MS <= 10 * 60 * 1000

    qtbot.mouseClick(actions.bar.show_button, Qt.MouseButton.LeftButton)
    assert actions.due_dock.isVisible()
    texts = actions.due_view.bucket_texts()
    assert texts["overdue"] == ["Promise: 三个工作日内回电"]
    assert texts["this_week"] == [
        "China Construction Bank should answer by 18 Nov 2024 (day 9 of 15)"]
    assert texts["later"] == ["Promise: 11 月 30 日前答复"]

    # opening an item: its case, at the entry
    window.select_case(scene.calls)
    actions.due_view.activate_row("overdue", 0)
    assert window.current_case is not None
    assert window.current_case.id == scene.bank
    selected = window.selected_event()
    assert selected is not None
    assert selected.id == scene.call


def test_the_reminder_bar_counts_dismisses_and_comes_back(
        qtbot, window: MainWindow, scene: Scene, clock: Any) -> None:  # type: ignore[no-untyped-def]
    bar = window.deadlines.bar
    qtbot.waitUntil(lambda: bar.isVisible())
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    window.deadlines.check_due()  # the same things overdue: it stays hidden
    assert not bar.isVisible()

    # a new promise that is already late appears in the timeline: the bar is back
    window.ops.add_event(scene.bank, EventFields(
        at=parse_time("2024-11-08 10:00"), channel="call",
        promises=(PromiseData("两天内寄出流水", parse_time("2024-11-10 10:00")),)))
    qtbot.waitUntil(lambda: bar.isVisible())
    assert bar.text.text() == "2 promises are overdue"

    # and when everything is dealt with, it goes away
    undo(qtbot, window)
    window.ops.set_promise_state(scene.bank, scene.late, "kept", "")
    window.ops.mark_lodged(scene.bank, None)
    qtbot.waitUntil(lambda: not bar.isVisible() or "promise" not in bar.text.text())

    # an item due today (later that day) gives the amber reminder
    clock.set("2024-11-30 09:00")
    window.deadlines.check_due()
    assert bar.isVisible()
    assert "the time to answer has run out on 1 case" in bar.text.text().lower()


def test_a_due_today_only_reminder_is_amber(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                            open_window: Callable[..., MainWindow],
                                         clock: Any) -> None:
    with Casebook.open(data_dir) as book:
        case_id = book.cases.create_case(CaseFields(title="回电", institution_name="中国银行",
                                              jurisdiction="none")).id
        add(book, case_id, "2024-11-12 08:00", promises=(("今天下午回电", "2024-11-12 16:00"),))
    window = open_window(data_dir, case_id=case_id, active=True, size=SIZE)
    bar = window.deadlines.bar
    qtbot.waitUntil(lambda: bar.isVisible())
    assert bar.text.text() == "1 item is due today"
    assert bar.severity == "today"
    assert window.deadlines.due_view.bucket_texts() == {"today": ["Promise: 今天下午回电"]}
    window.close()
    window.book.close()


class DueReads:
    """A spy at the service boundary: which cases the window read its due items of ("all"
    for every open case). The real reads run; only who asked is noted."""

    def __init__(self, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.cases: list[int | str] = []
        deadlines = window.book.deadlines
        self.due, case_due = deadlines.due, deadlines.case_due

        def every_case(*args: Any, **kwargs: Any) -> Any:
            self.cases.append("all")
            return self.due(*args, **kwargs)

        def one_case(case_id: int, *args: Any, **kwargs: Any) -> Any:
            self.cases.append(case_id)
            return case_due(case_id, *args, **kwargs)

        monkeypatch.setattr(deadlines, "due", every_case)
        monkeypatch.setattr(deadlines, "case_due", one_case)


def test_after_an_edit_only_the_edited_case_is_read_again(
        qtbot, window: MainWindow, scene: Scene,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    actions = window.deadlines
    qtbot.waitUntil(lambda: actions.bar.isVisible())  # the first, full, read is shown
    other = window.book.cases.create_case(CaseFields(
        title="农行扣费", institution_name="中国农业银行", jurisdiction="none")).id
    said = add(window.book, other, "2024-11-02 10:00",
               promises=(("两天内退回", "2024-11-04 18:00"),))
    actions.check_due()
    spy = DueReads(window, monkeypatch)
    before = actions.due_view.items()
    kept = [i for i in before if i.case_id != scene.bank]
    assert {i.case_id for i in kept} == {other}

    window.ops.add_event(scene.bank, EventFields(
        at=parse_time("2024-11-08 10:00"), channel="call",
        promises=(PromiseData("两天内寄出流水", parse_time("2024-11-10 10:00")),)))
    qtbot.waitUntil(lambda: "两天内寄出流水" in str(actions.due_view.bucket_texts()))
    assert spy.cases == [scene.bank]
    after = actions.due_view.items()
    assert after == spy.due(NOW)  # what a full read gives
    assert all(a is b for a, b in zip([i for i in after if i.case_id != scene.bank], kept,
                                      strict=True))  # the other case's items, not read again
    assert actions.bar.text.text() == "3 promises are overdue"

    # marking the other case's promise kept reads that case only, and its item goes
    promise = window.book.timeline.get_event(said).promises[0]
    window.ops.set_promise_state(other, promise, "kept", "")
    qtbot.waitUntil(lambda: all(i.case_id != other for i in actions.due_view.items()))
    assert spy.cases == [scene.bank, other]
    assert actions.due_view.items() == spy.due(NOW)


def test_a_change_that_names_no_case_reads_them_all(
        qtbot, window: MainWindow, scene: Scene,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    actions = window.deadlines
    qtbot.waitUntil(lambda: actions.bar.isVisible())
    spy = DueReads(window, monkeypatch)
    window.ops.delete_case(scene.bank)  # announced as "the cases changed"
    qtbot.waitUntil(lambda: not actions.due_view.items())
    assert spy.cases == ["all"]
    assert not actions.bar.isVisible()

    actions.recheck.timeout.emit()  # the reminder timer's tick reads everything
    assert spy.cases == ["all", "all"]
    actions.show_due()  # and so does opening the Due view, once
    assert spy.cases == ["all", "all", "all"]
    assert not actions._soon.isActive()


def test_ctrl_d_toggles_the_due_view(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dock = window.deadlines.due_dock
    assert not dock.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(dock.isVisible)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dock.isVisible())


def test_export_to_calendar(qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "到期.ics"
    monkeypatch.setattr(window.deadlines, "choose_calendar_file", lambda: str(target))
    qtbot.mouseClick(window.deadlines.due_view.export_button, Qt.MouseButton.LeftButton)
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    due = window.book.deadlines.due(NOW)
    assert [str(e.get("summary")) for e in events] == [
        f"{i.text} · {i.case_title}" for i in due]
    assert [e.decoded("dtstart") for e in events] == [i.due for i in due]
    assert "saved to" in window.statusBar().currentMessage()

    monkeypatch.setattr(window.deadlines, "choose_calendar_file", lambda: "")
    assert window.deadlines.export_calendar() is None  # cancelled: nothing written


# ---- unsolicited calls ------------------------------------------------------------------------


def test_ctrl_u_logs_an_unsolicited_call_and_an_sms(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                    scene: Scene) -> None:
    window.select_case(scene.calls)
    tabs = window.bottom_tabs
    panel = window.complaint.unsolicited
    assert tabs.isTabVisible(window.complaint.unsolicited_tab)
    assert tabs.tabText(window.complaint.unsolicited_tab) == "Unsolicited calls (5)"
    before = len(window.book.timeline.list_events(scene.calls))

    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = the_record_dialog(qtbot, window, QuickLogDialog)
    assert dialog.number.itemText(0) == "95555"  # the number that called before
    assert dialog.focusWidget() in (dialog.number, dialog.number.lineEdit())
    qtbot.keyClicks(dialog.number.lineEdit(), "021-61234567")
    type_text(qtbot, dialog.about, "贷款推销，我说了不要")
    ok(qtbot, dialog)
    events = window.book.timeline.list_events(scene.calls)
    assert len(events) == before + 1
    new = max(events, key=lambda e: e.id)
    assert (new.channel, new.direction, new.contact, new.summary) == (
        "unsolicited", "in", "021-61234567", "贷款推销，我说了不要")
    assert new.at == NOW
    assert window.selected_event() is not None
    assert window.selected_event().id == new.id
    qtbot.waitUntil(lambda: panel.count() == 6)
    assert tabs.tabText(window.complaint.unsolicited_tab) == "Unsolicited calls (6)"
    assert window.undo_stack.undoText() == "Log unsolicited call"

    window.complaint.quick_log()
    dialog = the_record_dialog(qtbot, window, QuickLogDialog)
    qtbot.mouseClick(dialog.sms, Qt.MouseButton.LeftButton)
    dialog.number.setCurrentText("95555")
    type_text(qtbot, dialog.about, "分期营销短信")
    ok(qtbot, dialog)
    new = max(window.book.timeline.list_events(scene.calls), key=lambda e: e.id)
    assert (new.channel, new.direction, new.summary) == ("unsolicited_sms", "in", "分期营销短信")
    qtbot.waitUntil(lambda: panel.count() == 7)

    undo(qtbot, window)
    undo(qtbot, window)
    assert len(window.book.timeline.list_events(scene.calls)) == before


def test_the_quick_log_needs_a_case(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                    open_window: Callable[..., MainWindow]) -> None:
    window = open_window(data_dir, active=True, size=SIZE)
    assert not window.complaint.act_quick_log.isEnabled()
    assert not window.complaint.act_escalate.isEnabled()
    window.complaint.quick_log()
    assert window.active_dialog is None
    window.close()
    window.book.close()


def test_the_frequency_chart_shows_the_cores_numbers(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                      scene: Scene) -> None:
    window.select_case(scene.calls)
    window.complaint.show_unsolicited()
    panel = window.complaint.unsolicited
    chart = panel.chart
    assert window.bottom_tabs.currentWidget() is panel
    events = window.book.timeline.list_events(scene.calls)
    assert chart.series() == unsolicited_frequency(events, "day")
    assert chart.series()[:3] == [(date(2024, 11, 4), 2), (date(2024, 11, 5), 1),
                                  (date(2024, 11, 6), 1)]
    assert len(chart.series()) == 8  # 4 to 11 November, quiet days included
    assert chart.y_ticks() == [0, 1, 2]
    chart.grab()  # paints it
    bars = chart.bar_rects()
    assert len(bars) == 8
    heights = [round(r.height()) for r in bars]
    assert heights[1] > 0
    assert abs(heights[0] - 2 * heights[1]) <= 1
    assert heights[3] == 0  # 7 November: none
    assert chart.tooltip_text(0) == "2024-11-04: 2"
    assert "5 unsolicited calls and messages from 2024-11-04 to 2024-11-11" in \
        panel.summary.text()

    qtbot.mouseClick(panel.per_week, Qt.MouseButton.LeftButton)
    assert chart.by == "week"
    assert chart.series() == [(date(2024, 11, 4), 4), (date(2024, 11, 11), 1)]
    assert chart.series() == unsolicited_frequency(events, "week")
    assert chart.tooltip_text(1) == "Week of 2024-11-11: 1"


@pytest.mark.parametrize(("highest", "step"), [(1, 1), (5, 1), (6, 2), (12, 5), (40, 10),
                                               (230, 50)])
def test_the_chart_axis_steps(highest: int, step: int) -> None:
    assert nice_step(highest) == step


def test_the_chart_draws_many_days_and_nothing(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = FrequencyChart()
    qtbot.addWidget(chart)
    chart.resize(500, 220)
    chart.show()
    qtbot.waitExposed(chart)
    chart.grab()  # paints it
    assert chart.bar_rects() == []
    series = [(date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + i), i % 7)
              for i in range(400)]
    chart.set_series(series)
    chart.grab()  # paints it
    assert len(chart.bar_rects()) == 400
    assert all(r.width() >= 1 for r in chart.bar_rects())
    assert chart.y_ticks()[-1] >= 6


# ---- escalation and letters -------------------------------------------------------------------


def the_letter_dialog(qtbot, window: MainWindow, kind: type) -> Any:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(window.complaint.letter_dialogs)
                    and isinstance(window.complaint.letter_dialogs[-1], kind)
                    and window.complaint.letter_dialogs[-1].isVisible())
    return window.complaint.letter_dialogs[-1]


def test_escalate_proposes_the_body_drafts_the_letter_and_records_the_filing(
        qtbot, window: MainWindow, scene: Scene) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_R,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = the_letter_dialog(qtbot, window, EscalateDialog)
    # it fits the screen (800×780 was taller than a 1366×768 laptop's): its last button shows
    available = dialog.screen().availableGeometry()
    assert dialog.height() <= available.height() - 60
    assert dialog.width() <= available.width() - 40
    assert dialog.rect().contains(dialog.close_buttons.geometry())
    assert "National Financial Regulatory Administration" in dialog.where.text()
    assert "12378" in dialog.where.text()
    assert "should answer by 18 Nov 2024" in dialog.why.text()
    assert dialog.lang == "zh"
    letter = dialog.letter_text()
    assert letter.startswith("投诉信")
    for text in ("T2024110300123", "BG-7781", "三个工作日内回电", "核实转账金额并书面说明"):
        assert text in letter

    # edits are kept per language
    dialog.editor.appendPlainText("补充：附截图三张。")
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    assert dialog.letter_text().startswith("Letter of complaint")
    assert "T2024110300123" in dialog.letter_text()
    dialog.language.setCurrentIndex(dialog.language.findData("zh"))
    assert dialog.letter_text().endswith("补充：附截图三张。")

    type_text(qtbot, dialog.reference, "NFRA-2024-778")
    qtbot.mouseClick(dialog.filed_button, Qt.MouseButton.LeftButton)
    assert not dialog.filed_button.isEnabled()  # saving on the book's worker
    qtbot.waitUntil(lambda: dialog.filed is not None)
    assert dialog.filed is not None
    filed = window.book.timeline.get_event(dialog.filed.id)
    assert (filed.channel, filed.direction, filed.counterpart, filed.contact) == (
        "regulator", "out", "国家金融监督管理总局", "12378")
    assert [(r.value, r.issued_by) for r in filed.references] == [
        ("NFRA-2024-778", "国家金融监督管理总局")]
    assert filed.at == NOW
    assert window.book.cases.get_case(scene.bank).status == "escalated"
    assert not dialog.filed_button.isEnabled()

    # one Ctrl+Z undoes the filing and the status together
    dialog.done(0)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    undo(qtbot, window)
    assert window.book.cases.get_case(scene.bank).status == "open"
    assert all(e.channel != "regulator" for e in window.book.timeline.list_events(scene.bank))


def test_the_letter_can_be_copied_saved_and_printed(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = window.complaint.escalate()
    assert isinstance(dialog, EscalateDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.letter_text()

    target = tmp_path / "投诉信.txt"
    monkeypatch.setattr(dialog, "choose_save_path", lambda: str(target))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.read_text(encoding="utf-8") == dialog.letter_text()

    pdf = tmp_path / "letter.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer

    monkeypatch.setattr(dialog, "make_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    assert dialog.print_letter()
    assert pdf.read_bytes().startswith(b"%PDF")
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
    assert not dialog.print_letter()


def test_closing_an_edited_letter_asks_twice(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = window.complaint.chaser_letter(None)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    dialog.editor.appendPlainText("PS")
    dialog.reject()
    assert dialog.isVisible()
    assert "not saved" in dialog.message.text()
    dialog.reject()
    assert not dialog.isVisible()


def test_a_chaser_for_a_missed_promise(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                       scene: Scene) -> None:
    window.select_event(scene.call)
    trigger(window.complaint.context_menu(window.selected_event()),
            "Chaser letter for “三个工作日内回电”…")
    settle(qtbot, window)
    dialog = the_letter_dialog(qtbot, window, LetterDialog)
    assert dialog.kind == "chaser"
    assert dialog.promise_id == scene.late.id
    text = dialog.letter_text()
    assert text.startswith("催办函")
    assert "三个工作日内回电" in text
    assert "T2024110300123" in text


def test_a_chaser_without_a_broken_promise_says_so(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                   scene: Scene) -> None:
    done(qtbot, window.ops.set_promise_state(scene.bank, scene.late, "kept", ""))
    dialog = window.complaint.chaser_letter(None)
    assert dialog is not None
    assert "no broken promise to chase" in dialog.message.text()
    assert not dialog.editor.isEnabled()
    assert not dialog.copy_button.isEnabled()


def test_the_clock_follows_the_rules_in_the_window_too(window: MainWindow, scene: Scene) -> None:
    """The header shows exactly the core's clock (no rule lives in the UI)."""
    case = window.book.cases.get_case(scene.bank)
    expected = regulator_clock(case, window.book.timeline.list_events(scene.bank), default_rules(),
                               NOW)
    assert window.header.clock.clock == expected
    assert isinstance(expected.answer_due, datetime)
