"""The main window as a person uses it: create a case, log contacts through the editor, edit,
undo and redo, time a call, switch the language, close and come back to find it all."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from book_tasks import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from qt_typing import type_text

from desktop_app.services.book import Casebook
from ui.app import register_fonts
from ui.dialogs.case_dialog import CaseDialog
from ui.dialogs.event_editor import EventEditor
from ui.i18n import Localisation
from ui.main_window import MainWindow
from ui.models.timeline import TimelineModel
from ui.settings import UiSettings

TITLE = "建行小程序转账金额显示错误 🏦"


class FakeClock:
    def __init__(self) -> None:
        self.t = 500.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def open_window(qtbot, data_dir: Path, localisation: Localisation,  # type: ignore[no-untyped-def]
                clock: FakeClock | None = None) -> MainWindow:
    book = Casebook.open(data_dir)
    settings_path = book.paths.settings
    window = MainWindow(book, UiSettings.load(settings_path), localisation, settings_path,
                        stopwatch_clock=clock,
                        stopwatch_wallclock=lambda: datetime(2024, 11, 5, 2, 0, 30, tzinfo=UTC))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)
    return window


def activate(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Make the window the active one, so keyboard shortcuts reach it as they would a user's."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def close_window(window: MainWindow) -> None:
    window.close()
    window.book.close()


def the_dialog(qtbot, window: MainWindow, kind: type) -> object:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, kind) and
                    window.active_dialog.isVisible())
    return window.active_dialog


def ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def create_case(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.case_actions.act_new_case.trigger()
    dialog = the_dialog(qtbot, window, CaseDialog)
    assert isinstance(dialog, CaseDialog)
    type_text(qtbot, dialog.title_edit, TITLE)
    type_text(qtbot, dialog.institution_combo.lineEdit(), "中国建设银行")
    dialog.institution_combo.completer().popup().hide()
    type_text(qtbot, dialog.product_edit, "建行微信小程序")
    qtbot.keyClicks(dialog.amount_edit, "5000")
    ok(qtbot, dialog)


def add_entry(qtbot, window: MainWindow, summary: str,  # type: ignore[no-untyped-def]
              reference: str | None = None) -> None:
    window.case_actions.act_add_event.trigger()
    dialog = the_dialog(qtbot, window, EventEditor)
    assert isinstance(dialog, EventEditor)
    type_text(qtbot, dialog.summary_edit, summary)
    if reference:
        dialog.reference_model.add_row("投诉号", "")
        dialog.reference_model.setData(dialog.reference_model.index(0, 1), reference)
    ok(qtbot, dialog)


def summaries(window: MainWindow) -> list[str]:
    model = window.timeline_model
    return [model.index(r, TimelineModel.SUMMARY).data() for r in range(model.rowCount())]


def test_an_empty_data_dir_invites_to_create_a_case(qtbot, data_dir: Path,
                                                    localisation: Localisation) -> None:
    window = open_window(qtbot, data_dir, localisation)
    assert window._stack.currentWidget() is window.empty_page
    assert not window.case_actions.act_add_event.isEnabled()
    assert not window.case_actions.act_log_call.isEnabled()
    close_window(window)


def test_create_a_case_log_entries_edit_undo_redo_and_find_it_all_again(
        qtbot, data_dir: Path, localisation: Localisation) -> None:
    window = open_window(qtbot, data_dir, localisation)
    create_case(qtbot, window)
    assert window.current_case is not None
    case_id = window.current_case.id
    assert window.header.title.text() == TITLE
    assert "中国建设银行" in window.header.subtitle.text()
    assert window.case_model.rowCount() == 1
    assert window._stack.currentWidget() is window.case_page

    add_entry(qtbot, window, "在小程序内反馈：功能问题")
    add_entry(qtbot, window, "致电95533投诉", reference="CCB20241101-0042")
    assert window.book.cases.case_json(case_id)["events"][1]["references"] == [
        {"label": "complaint_no", "value": "CCB20241101-0042", "issued_by": ""}]  # by kind
    assert len(summaries(window)) == 2

    # Edit the selected entry through the editor (F2 / Enter).
    window.select_event(window.book.timeline.list_events(case_id)[0].id)
    window.case_actions.act_edit_event.trigger()
    dialog = the_dialog(qtbot, window, EventEditor)
    assert isinstance(dialog, EventEditor)
    dialog.summary_edit.clear()
    type_text(qtbot, dialog.summary_edit, "小程序反馈（已截图）")
    ok(qtbot, dialog)
    events = window.book.timeline.list_events(case_id)
    assert "小程序反馈（已截图）" in [e.summary for e in events]
    edited_id = next(e.id for e in events if e.summary == "小程序反馈（已截图）")

    # Undo the edit, then the second entry; redo both.
    window.act_undo.trigger()
    settle(qtbot, window)
    assert "在小程序内反馈：功能问题" in summaries(window)
    window.act_undo.trigger()
    settle(qtbot, window)
    events = window.book.cases.case_json(case_id)["events"]
    assert events[0]["summary"] == "在小程序内反馈：功能问题"
    assert len(window.book.timeline.list_events(case_id)) == 1
    assert len(summaries(window)) == 1
    window.act_redo.trigger()
    settle(qtbot, window)
    window.act_redo.trigger()
    settle(qtbot, window)
    events = window.book.timeline.list_events(case_id)
    assert len(events) == 2
    assert {e.summary for e in events} == {"小程序反馈（已截图）", "致电95533投诉"}
    assert edited_id in {e.id for e in events}
    assert window.book.verify_audit() == []

    # Delete with the Delete key, undo brings it back with its reference.
    window.select_event(next(e.id for e in events if e.summary == "致电95533投诉"))
    activate(qtbot, window)
    window.timeline_view.setFocus()
    qtbot.keyClick(window.timeline_view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert len(window.book.timeline.list_events(case_id)) == 1
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert window.book.cases.case_json(case_id)["events"][1]["references"][0]["value"] == \
        "CCB20241101-0042"

    before = window.book.cases.case_json(case_id)
    close_window(window)

    # Close and open again: everything exactly as it was.
    again = open_window(qtbot, data_dir, localisation)
    assert again.current_case is not None
    assert again.current_case.id == case_id
    assert again.header.title.text() == TITLE
    assert sorted(summaries(again)) == sorted(e["summary"] for e in before["events"])
    assert again.book.cases.case_json(case_id) == before
    close_window(again)


@pytest.mark.parametrize("redo_keys", [
    (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
], ids=["ctrl+y", "ctrl+shift+z"])
def test_undo_and_redo_from_the_keyboard(qtbot, data_dir: Path, localisation: Localisation,  # type: ignore[no-untyped-def]
                                         redo_keys: tuple[Qt.Key, Qt.KeyboardModifier]) -> None:
    """Ctrl+Z undoes; both redo keys people know redo (Ctrl+Y on Windows, Ctrl+Shift+Z
    elsewhere), whichever the platform's own redo key is: none may be bound twice, which
    would make it ambiguous and do nothing."""
    from desktop_app.records import CaseFields, EventFields
    from desktop_app.timeutil import parse_time

    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行", institution_name="中国建设银行"))
        book.timeline.add_event(case.id, EventFields(at=parse_time("2024-11-01 10:00"),
                                                     channel="call",
                                            summary="致电95533投诉"))
    window = open_window(qtbot, data_dir, localisation)
    shortcuts = [k.toString() for k in window.act_redo.shortcuts()]
    assert len(shortcuts) == len(set(shortcuts))
    window.select_event(window.timeline_model.event_at(0).id)
    activate(qtbot, window)
    window.timeline_view.setFocus()
    qtbot.keyClick(window.timeline_view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert summaries(window) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window)
    assert summaries(window) == ["致电95533投诉"]
    qtbot.keyClick(window, *redo_keys)
    settle(qtbot, window)
    assert summaries(window) == []
    close_window(window)


def test_newest_or_oldest_first_is_the_users_choice_and_remembered(
        qtbot, data_dir: Path, localisation: Localisation) -> None:
    from desktop_app.records import CaseFields, EventFields
    from desktop_app.timeutil import parse_time

    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="Robocalls", institution_name="招商银行"))
        for day, text in ((1, "first"), (2, "second"), (3, "third")):
            book.timeline.add_event(case.id, EventFields(at=parse_time(f"2024-11-0{day} 10:00"),
                                                channel="unsolicited", direction="in",
                                                summary=text))
    window = open_window(qtbot, data_dir, localisation)
    assert summaries(window) == ["third", "second", "first"]
    window.act_newest_first.setChecked(False)
    assert summaries(window) == ["first", "second", "third"]
    close_window(window)
    again = open_window(qtbot, data_dir, localisation)
    assert summaries(again) == ["first", "second", "third"]
    close_window(again)


def test_the_panes_are_where_the_user_left_them(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                               localisation: Localisation) -> None:
    from desktop_app.records import CaseFields

    with Casebook.open(data_dir) as book:
        book.cases.create_case(CaseFields(title="转账金额显示错误",
                                          institution_name="中国建设银行"))
    window = open_window(qtbot, data_dir, localisation)
    timeline, below = window.timeline_splitter.sizes()
    assert timeline > below  # by default the timeline has the larger share
    window.resize(window.minimumSize())  # (what fits the offscreen screen comes back the same)
    qtbot.waitUntil(lambda: window.size() == window.minimumSize())
    window.timeline_splitter.setSizes([120, sum(window.timeline_splitter.sizes()) - 120])
    window.case_splitter.setSizes([340, sum(window.case_splitter.sizes()) - 340])
    moved = window.timeline_splitter.sizes(), window.case_splitter.sizes()
    close_window(window)
    again = open_window(qtbot, data_dir, localisation)
    restored = again.timeline_splitter.sizes(), again.case_splitter.sizes()
    assert again.size() == window.size()
    # (the restored window may differ from the closed one by its frame: a few pixels)
    for sizes, was in zip(restored, moved, strict=True):
        assert all(abs(a - b) <= 8 for a, b in zip(sizes, was, strict=True)), (restored, moved)
    close_window(again)

    # a settings file edited by hand does not stop the window from opening
    path = data_dir / "settings.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"splitters": {', '"splitters": '
                                                             '[], "x": {'), encoding="utf-8")
    assert UiSettings.load(path).splitters == {}
    third = open_window(qtbot, data_dir, localisation)
    assert third.current_case is not None
    close_window(third)


def test_on_a_low_screen_the_timeline_keeps_the_larger_share(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                                              localisation: Localisation) -> None:
    """A 1366×768 laptop leaves a window about 700 px tall: the tabs below the timeline must
    not claim the room a hidden tab (the unsolicited calls' chart) needs."""
    from desktop_app.records import CaseFields

    with Casebook.open(data_dir) as book:
        book.cases.create_case(CaseFields(title="转账金额显示错误",
                                          institution_name="中国建设银行"))
    window = open_window(qtbot, data_dir, localisation)
    window.resize(1280, 700)
    qtbot.waitUntil(lambda: window.height() == 700)
    QApplication.processEvents()
    timeline, below = window.timeline_splitter.sizes()
    assert timeline > below, (timeline, below)
    assert timeline >= 4 * window.timeline_view.verticalHeader().defaultSectionSize()
    # the chart's tab, once shown, gets the height it needs
    window.complaint.show_unsolicited()
    QApplication.processEvents()
    assert window.bottom_tabs.height() >= window.complaint.unsolicited.chart.minimumHeight()
    window.bottom_tabs.setCurrentWidget(window.detail)
    QApplication.processEvents()
    assert window.bottom_tabs.minimumSizeHint().height() < (
        window.complaint.unsolicited.chart.minimumHeight())
    close_window(window)


def test_log_a_call_times_it_and_prefills_the_entry(qtbot, data_dir: Path,
                                                    localisation: Localisation,
                                                    clock: FakeClock) -> None:
    window = open_window(qtbot, data_dir, localisation, clock)
    create_case(qtbot, window)
    assert window.current_case is not None
    case_id = window.current_case.id

    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stopwatch.running
    assert not window.stopwatch.isHidden()
    assert window.stopwatch.number.text() == "95533"  # the institution's hotline
    assert "End" in window.case_actions.act_log_call.text()
    type_text(qtbot, window.stopwatch.notes, "等待转人工")
    clock.t += 12 * 60 + 34
    window.case_actions.act_log_call.trigger()  # Ctrl+L again ends the call
    assert not window.stopwatch.running

    dialog = the_dialog(qtbot, window, EventEditor)
    assert isinstance(dialog, EventEditor)
    assert dialog.channel() == "call"
    assert dialog.duration_edit.text() == "12:34"
    assert dialog.contact_edit.text() == "95533"
    assert dialog.summary_edit.text() == "等待转人工"
    type_text(qtbot, dialog.counterpart_edit, "王女士")
    ok(qtbot, dialog)

    [event] = window.book.timeline.list_events(case_id)
    assert event.duration_seconds == 754
    assert event.contact == "95533"
    assert event.counterpart == "王女士"
    assert event.at == datetime(2024, 11, 5, 2, 0, tzinfo=UTC)
    window.act_undo.trigger()
    settle(qtbot, window)
    assert window.book.timeline.list_events(case_id) == []
    close_window(window)


def test_quitting_during_a_call_asks_first(qtbot, data_dir: Path, localisation: Localisation,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, data_dir, localisation)
    create_case(qtbot, window)
    window.case_actions.act_log_call.trigger()
    asked: list[str] = []

    def answer_no(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[1]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer_no)
    window.close()
    assert asked
    assert window.isVisible()
    window.stopwatch.discard()
    close_window(window)


def test_a_refused_save_keeps_the_dialog_open_with_the_reason(
        qtbot, data_dir: Path, localisation: Localisation) -> None:
    window = open_window(qtbot, data_dir, localisation)
    create_case(qtbot, window)
    assert window.current_case is not None
    case_id = window.current_case.id
    window.case_actions.act_add_event.trigger()
    dialog = the_dialog(qtbot, window, EventEditor)
    assert isinstance(dialog, EventEditor)
    type_text(qtbot, dialog.summary_edit, "这条记录不会丢")
    window.book.cases.delete_case(case_id)  # e.g. removed from the command line meanwhile
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.ok_button.isEnabled()  # saving on the book's worker: OK waits
    qtbot.waitUntil(lambda: str(case_id) in dialog.message.text())
    assert dialog.isVisible()
    assert dialog.ok_button.isEnabled()
    assert dialog.summary_edit.text() == "这条记录不会丢"
    assert window.undo_stack.count() == 1  # the case only: nothing was added
    dialog.reject()
    close_window(window)


def test_the_language_switches_at_once_and_is_remembered(
        qtbot, data_dir: Path, localisation: Localisation) -> None:
    window = open_window(qtbot, data_dir, localisation)
    create_case(qtbot, window)
    assert window.menu_file.title() == "&File"
    header = window.timeline_model.headerData(0, Qt.Orientation.Horizontal)
    assert header == "When"

    window.act_language["zh_CN"].trigger()
    assert localisation.language == "zh_CN"
    qtbot.waitUntil(lambda: "文件" in window.menu_file.title())  # LanguageChange is posted
    assert window.timeline_model.headerData(0, Qt.Orientation.Horizontal) != "When"
    assert window.header.edit_button.text() != "Edit case…"
    assert window.header.status.currentText() == "处理中"
    assert window.act_undo.text().startswith("撤销")
    assert "hotline" not in window.header.subtitle.text()
    assert window.act_language["zh_CN"].isChecked()

    window.act_language["en"].trigger()
    qtbot.waitUntil(lambda: window.menu_file.title() == "&File")
    assert window.header.status.currentText() == "Open"
    window.act_language["zh_CN"].trigger()
    close_window(window)
    assert UiSettings.load(Path(data_dir) / "settings.json").language == "zh_CN"


def test_the_bundled_cjk_font_is_registered(qapp) -> None:  # type: ignore[no-untyped-def]
    families = register_fonts()
    assert any("WenQuanYi" in f or "文泉驿" in f for f in families)
    assert families[0] in QApplication.font().families()


def test_the_first_size_with_nothing_saved_fits_the_screen(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                                                           localisation: Localisation) -> None:
    """1280×780 was taller than a 1366×768 laptop: the first size keeps to the screen."""
    book = Casebook.open(data_dir)
    window = MainWindow(book, UiSettings(), localisation, None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    available = window.screen().availableGeometry()
    assert window.height() <= available.height() - 60
    # (the test screen is 800 wide, narrower than the window's minimum: it keeps to that)
    least = window.minimumSize().expandedTo(window.minimumSizeHint())
    assert window.width() <= max(available.width() - 40, least.width())
    window.close()
    book.close()


def test_a_data_folder_open_to_others_is_made_the_owners_and_the_window_says_so(
        qtbot, tmp_path: Path, localisation: Localisation) -> None:
    import os
    import stat

    if os.name != "posix":
        pytest.skip("POSIX permissions")
    data_dir = tmp_path / "shared"
    data_dir.mkdir()
    os.chmod(data_dir, 0o777)
    window = open_window(qtbot, data_dir, localisation)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert "could be read by other users" in window.statusBar().currentMessage()
    close_window(window)
    again = open_window(qtbot, data_dir, localisation)
    assert "could be read" not in again.statusBar().currentMessage()
    close_window(again)


def test_a_long_timeline_opens_at_its_first_page_and_finds_any_entry(
        open_window, book: Casebook, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.records import CaseFields, EventFields
    from desktop_app.timeutil import parse_time
    from ui.models.timeline import TimelineModel

    monkeypatch.setattr(TimelineModel, "PAGE", 3)
    case = book.cases.create_case(CaseFields(title="骚扰电话", institution_name="招商银行"))
    added = [book.timeline.add_event(case.id, EventFields(
        at=parse_time(f"2024-05-{day:02d} 10:00"),
        channel="unsolicited" if day <= 2 else "call", summary=f"第 {day} 次"))
        for day in range(1, 13)]
    window = open_window(book, case_id=case.id)
    model = window.timeline_model
    assert model.entry_count() == 12
    assert model.rowCount() < 12  # the rest is read as the view scrolls to it
    # the unsolicited tab counts the two oldest entries, not read into the timeline yet
    assert window.complaint.unsolicited.count() == 2
    window.select_event(added[0].id)  # a search hit, a selection by id
    assert window.selected_event() is not None
    assert window.selected_event().id == added[0].id  # type: ignore[union-attr]
