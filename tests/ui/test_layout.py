"""What a person sees on a 1366×768 laptop (less its taskbar: 1366×728) and a 1920×1080 monitor:
rows of the timeline and the evidence list, one "End call" during a call, the Due view on the
screen with its text whole, the empty book's words not cut, dialogs within the screen.

The offscreen test screen is 800×800; a smaller or larger one is faked where the window asks
for the screen's available area (``ui.screen_fit``, the Due view's placing)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from book_tasks import settle
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QScreen
from PySide6.QtWidgets import QAbstractButton, QApplication, QTableView
from pytestqt.qtbot import QtBot

from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.actions import plain_label
from ui.app import apply_style_sheet
from ui.dialogs.profile_dialog import ProfileDialog
from ui.i18n import Localisation
from ui.main_window import MainWindow

LAPTOP = (1366, 728)  # 1366×768 less a 40 px taskbar
MONITOR = (1920, 1040)


@pytest.fixture
def screen_of(monkeypatch: pytest.MonkeyPatch) -> Callable[[int, int], QRect]:
    """``screen_of(width, height)``: the screen's available area is that size from now on."""
    def fake(width: int, height: int) -> QRect:
        area = QRect(0, 0, width, height)
        monkeypatch.setattr(QScreen, "availableGeometry", lambda _self: QRect(area))
        return area
    return fake


@pytest.fixture
def case_id(data_dir: Path, tmp_path: Path) -> Iterator[int]:
    """A case as the sample's: a Chinese bank, its clock running and overdue, a desired outcome
    of three lines, 10 entries (a broken promise: the reminder bar shows) and 5 screenshots."""
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(
            title="建行微信小程序转账金额显示错误", institution_name="中国建设银行",
            product="建行微信小程序（手机银行）", category="function_fault",
            amount=Decimal("5000"), currency="CNY",
            incident_at=parse_time("2024-11-01 20:14"), jurisdiction="CN",
            desired_outcome="1. 请贵行核实小程序显示错误的原因并书面答复；\n"
                            "2. 退还或协助追回多转出的人民币4,500.00元；\n"
                            "3. 修复小程序的金额显示问题，避免其他客户受损。"))
        first = None
        for day in range(10):
            event = book.timeline.add_event(case.id, EventFields(
                at=parse_time(f"2024-11-{day + 2:02d} 09:05"), channel="call", direction="out",
                counterpart="客服 王女士", agent_id="95533-0871", contact="95533",
                summary="致电95533投诉转账金额显示错误，客服登记投诉",
                references=(ReferenceData("CCB-TS-20241102-00873", "投诉号"),),
                promises=(PromiseData("3个工作日内回电答复核查结果",
                                      parse_time("2024-11-06 18:00")),) if day == 0 else ()))
            first = first or event.id
        for n in range(5):
            picture = tmp_path / f"IMG_2024110{n + 1}_2014.png"
            image = QImage(108, 234, QImage.Format.Format_RGB32)
            image.fill(QColor(40 * n, 130, 246))  # five pictures, not one five times
            assert image.save(str(picture))
            book.imports.import_file(case.id, picture, event_id=first,
                                     caption=f"小程序转账确认页 {n + 1}",
                                     proves="确认页面显示的转账金额为500.00元")
        assert len(book.evidence.list_evidence(case.id)) == 5
        yield case.id


def full_rows(view: QTableView) -> int:
    """Rows shown whole in the view (not counting one cut at the bottom)."""
    height = view.viewport().height()
    return sum(1 for row in range(view.model().rowCount())
               if view.rowViewportPosition(row) >= 0
               and view.rowViewportPosition(row) + view.rowHeight(row) <= height)


def laid_out(qtbot: QtBot, window: MainWindow) -> None:
    settle(qtbot, window)
    qtbot.waitUntil(window.deadlines.bar.isVisible)  # the reminder bar takes its height too
    QApplication.processEvents()


@pytest.mark.parametrize(("size", "timeline_rows"), [(LAPTOP, 8), (MONITOR, 14)])
def test_the_timeline_and_the_evidence_list_show_enough_rows(
        qtbot: QtBot, data_dir: Path, case_id: int, open_window: Callable[..., MainWindow],
        size: tuple[int, int], timeline_rows: int) -> None:
    """At 1366×728 the timeline showed 6 rows and the evidence tab one exhibit of five."""
    window = open_window(data_dir, case_id=case_id, size=size)
    laid_out(qtbot, window)
    assert full_rows(window.timeline_view) >= min(timeline_rows, 10)

    window.show_evidence()
    evidence = window.evidence_panel.view
    qtbot.waitUntil(lambda: full_rows(evidence) >= 4)
    assert full_rows(window.timeline_view) >= 2  # still there to drop an exhibit on

    # back at the entry's details, the timeline has its rows again
    window.case_page.bottom_tabs.setCurrentWidget(window.detail)
    qtbot.waitUntil(lambda: full_rows(window.timeline_view) >= min(timeline_rows, 10))


def test_during_a_call_there_is_one_end_call_and_the_timeline_keeps_its_rows(
        qtbot: QtBot, data_dir: Path, case_id: int,
        open_window: Callable[..., MainWindow]) -> None:
    """The toolbar, the timeline's button and the call bar all said "End call"; the call bar
    took the timeline down to 3 rows."""
    window = open_window(data_dir, case_id=case_id, size=LAPTOP)
    laid_out(qtbot, window)
    window.case_actions.act_log_call.trigger()
    assert window.stopwatch.running
    QApplication.processEvents()

    def ends_call(button: QAbstractButton) -> bool:
        text = plain_label(button.text()).lower()
        return button.isVisible() and button.isEnabled() and "end call" in text

    enders = [b for b in window.findChildren(QAbstractButton) if ends_call(b)]
    rows = full_rows(window.timeline_view)
    window.stopwatch.discard()  # (a window closing during a call would ask first)
    assert enders == [window.stopwatch.end_button]
    assert rows >= 7
    assert window.case_page.timeline_bar.isVisible()
    assert window.case_actions.act_start_call.isEnabled()


def test_the_due_view_opens_on_the_screen_with_its_text_whole(
        qtbot: QtBot, data_dir: Path, case_id: int, open_window: Callable[..., MainWindow],
        screen_of: Callable[[int, int], QRect]) -> None:
    """Ctrl+D opened a 384×253 box over the menu bar, every cell cut."""
    area = screen_of(*LAPTOP)
    window = open_window(data_dir, case_id=case_id, size=(1326, 668))
    laid_out(qtbot, window)
    window.deadlines.act_due.trigger()
    dock = window.deadlines.due_dock
    qtbot.waitUntil(dock.isVisible)
    assert window.deadlines.act_due.isChecked()
    assert area.contains(dock.geometry())
    assert dock.geometry().top() >= window.geometry().top() + window.menuBar().height()
    view = window.deadlines.due_view.view
    QApplication.processEvents()
    for column in range(view.model().columnCount()):
        assert view.header().sectionSize(column) >= view.sizeHintForColumn(column), column
    assert view.verticalScrollBar().maximum() == 0  # every row shown

    window.deadlines.act_due.trigger()  # Ctrl+D again: gone
    qtbot.waitUntil(lambda: not dock.isVisible())


def test_the_empty_book_says_what_a_case_is_without_cutting_it(
        qtbot: QtBot, data_dir: Path, open_window: Callable[..., MainWindow]) -> None:
    window = open_window(data_dir, size=LAPTOP)
    text = window.empty_page.text
    assert text.isVisible()
    QApplication.processEvents()
    assert text.height() >= text.heightForWidth(text.width())
    assert window.empty_page.button.geometry().top() >= text.geometry().bottom()


def test_the_profile_hint_is_under_its_field(qtbot: QtBot, data_dir: Path) -> None:
    dialog = ProfileDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.resize(dialog.width(), dialog.height() + 80)  # room to spare goes below the form
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    field, hint = dialog.id_edit.geometry(), dialog.id_hint.geometry()
    assert 0 <= hint.top() - field.bottom() <= 8
    # and its text at the top of it (a label taller than its text centres it: 60 px lower)
    assert hint.height() <= dialog.id_hint.heightForWidth(hint.width()) + 4
    assert abs(hint.left() - field.left()) <= 4


def test_verify_is_a_line_when_all_is_well(qtbot: QtBot, data_dir: Path, case_id: int,
                                           open_window: Callable[..., MainWindow]) -> None:
    """Verify was a 680×420 dialog for one line."""
    window = open_window(data_dir, case_id=case_id)
    dialog = window.verification.verify()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    QApplication.processEvents()
    assert dialog.report is not None
    assert not dialog.report.problems
    assert dialog.height() <= 160
    assert dialog.width() <= 600
    dialog.close()


def test_the_dialogs_keep_within_a_laptop_screen(
        qtbot: QtBot, data_dir: Path, case_id: int, open_window: Callable[..., MainWindow],
        screen_of: Callable[[int, int], QRect]) -> None:
    """The first size with nothing saved, and every dialog the window opens, within the
    available area of a 1366×768 laptop with its taskbar; the Escalate dialog's buttons
    on it."""
    area = screen_of(*LAPTOP)
    window = open_window(data_dir, case_id=case_id)
    assert window.width() <= area.width()
    assert window.height() <= area.height()
    laid_out(qtbot, window)
    openers = [window.case_actions.act_edit_case, window.dossier.act_profile,
               window.dossier.act_export, window.case_actions.act_directory,
               window.verification.act_verify]
    for action in openers:
        before = set(QApplication.topLevelWidgets())
        action.trigger()
        qtbot.waitUntil(lambda b=before: any(w.isVisible() and w not in b and w is not window
                                             for w in QApplication.topLevelWidgets()))
        for dialog in set(QApplication.topLevelWidgets()) - before:
            if dialog.isVisible():
                assert dialog.width() <= area.width(), action.text()
                assert dialog.height() <= area.height(), action.text()
                dialog.close()
    escalate = window.complaint.escalate()
    assert escalate is not None
    qtbot.waitUntil(escalate.isVisible)
    assert escalate.height() <= area.height() - 60
    assert escalate.rect().contains(escalate.close_buttons.geometry())
    escalate.close()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_entry_editor_fits_a_laptop_with_everything_it_can_show(
        qtbot: QtBot, screen_of: Callable[[int, int], QRect], localisation: Localisation,
        lang: str) -> None:
    """The editor needed 717 px where a 1366×768 laptop with a taskbar and a title bar has
    668: a call's four rows, the facts found in its notes and the offer of a promise's due
    time all showing, its OK button must still be on the screen."""
    from ui.dialogs.event_editor import EventEditor
    from ui.screen_fit import FRAME_ROOM

    localisation.apply(lang)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    previous = app.styleSheet()
    apply_style_sheet(app)  # as the app has it: its padding takes room too
    area = screen_of(*LAPTOP)
    fields = EventFields(
        at=parse_time("2024-11-02 09:05"), channel="call", direction="out",
        counterpart="客服 王女士", agent_id="95533-0871", contact="95533",
        duration_seconds=1130, summary="致电95533投诉转账金额显示错误",
        details="客服称工单号 CCB-TS-20241102-00873，工号 0871，3个工作日内回电答复。",
        references=(ReferenceData("CCB-TS-20241102-00873", "complaint"),),
        promises=(PromiseData("3个工作日内回电答复核查结果"),))
    editor = EventEditor(fields, None, jurisdiction="CN")
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.found_facts.isVisible()
    assert editor.promise_due_offer.isVisible()
    room = area.height() - FRAME_ROOM.height()
    layout = editor.layout()
    # at the width it opens at (words wrap less than at its least width)
    assert layout.minimumHeightForWidth(editor.width()) <= room
    assert editor.height() <= room
    ok = editor.ok_button
    assert editor.rect().contains(QRect(ok.mapTo(editor, QPoint(0, 0)), ok.size()))
    editor.close()
    app.setStyleSheet(previous)


def test_the_first_size_uses_a_monitor_and_fits_a_laptop(
        qtbot: QtBot, data_dir: Path, open_window: Callable[..., MainWindow],
        screen_of: Callable[[int, int], QRect]) -> None:
    """At 1280×780 on a 1920×1080 monitor the timeline's summaries and promises were cut; on
    a laptop the window takes the screen less its frame."""
    from ui.screen_fit import FRAME_ROOM

    screen_of(*MONITOR)
    window = open_window(data_dir)
    assert (window.width(), window.height()) == (1600, 940)
    window.close()
    area = screen_of(*LAPTOP)
    window = open_window(data_dir)
    assert window.width() == area.width() - FRAME_ROOM.width()
    assert window.height() == area.height() - FRAME_ROOM.height()
