"""The entry editor offers what the person's own words state: the facts in the notes, a button
each, and the due time a promise's words give. Nothing changes until they press one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPushButton
from qt_typing import type_text

from desktop_app.records import CaseFields, EventFields, InstitutionRecord, PromiseData
from desktop_app.services.book import Casebook
from desktop_app.vocab import Channel, Direction
from ui.dialogs import to_edit_value
from ui.dialogs.event_editor import EventEditor
from ui.i18n import Localisation
from ui.main_window import MainWindow
from ui.models.entry_tables import PromiseTableModel

SHANGHAI = ZoneInfo("Asia/Shanghai")
CCB = InstitutionRecord(id=4, name="中国建设银行", short_name="建设银行",
                        name_en="China Construction Bank", hotline="95533")
FRIDAY = datetime(2024, 9, 27, 15, 30, tzinfo=SHANGHAI)
NOTES = "2024年11月23日 10:15 致电95533，客服工号：8842，投诉编号：TS2024112300123，说退￥5,000.00"


def open_editor(qtbot, fields: EventFields | None = None, **kw: object  # type: ignore[no-untyped-def]
                ) -> EventEditor:
    dialog = EventEditor(fields, institution=CCB, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def offered(dialog: EventEditor) -> list[str]:
    strip = dialog.found_facts
    return [b.text() for b in strip.buttons] if strip.isVisibleTo(dialog) else []


def test_facts_in_the_notes_are_offered_and_nothing_changes_until_pressed(qtbot) -> None:
    dialog = open_editor(qtbot)
    type_text(qtbot, dialog.summary_edit, "小程序转账金额显示错误")
    assert offered(dialog) == []
    type_text(qtbot, dialog.details_edit, NOTES)
    # The hotline is already the number dialled and the amount belongs to the case: not offered.
    assert offered(dialog) == ["Time 2024-11-23 10:15", "Agent's ID 8842",
                               "Add number TS2024112300123"]
    assert dialog.found_facts.title.text() == "Found in your notes:"
    untouched = dialog.fields()
    assert (untouched.agent_id, untouched.references) == ("", ())

    qtbot.mouseClick(dialog.found_facts.buttons[1], Qt.MouseButton.LeftButton)
    assert dialog.agent_id_edit.text() == "8842"
    assert offered(dialog) == ["Time 2024-11-23 10:15", "Add number TS2024112300123"]
    # The keyboard reaches the strip: focus stays on its buttons; Space presses one.
    assert QApplication.focusWidget() is dialog.found_facts.buttons[0]
    dialog.found_facts.buttons[1].setFocus()
    qtbot.keyClick(dialog.found_facts.buttons[1], Qt.Key.Key_Space)
    assert offered(dialog) == ["Time 2024-11-23 10:15"]
    qtbot.mouseClick(dialog.found_facts.buttons[0], Qt.MouseButton.LeftButton)
    assert offered(dialog) == []
    assert not dialog.found_facts.isVisibleTo(dialog)

    fields = dialog.fields()
    assert fields.at == datetime(2024, 11, 23, 10, 15, tzinfo=SHANGHAI)
    assert fields.agent_id == "8842"
    assert [(r.label, r.value, r.issued_by) for r in fields.references] == [
        ("投诉编号", "TS2024112300123", "中国建设银行")]
    assert fields.contact == "95533"


def test_a_phone_number_goes_to_the_contact_field_only_where_the_channel_has_one(qtbot) -> None:
    dialog = open_editor(qtbot, EventFields(at=FRIDAY, channel=Channel.UNSOLICITED,
                                            direction=Direction.IN, summary="营销电话"))
    type_text(qtbot, dialog.details_edit, "来电号码 021-61234567，系统外呼推销贷款")
    assert offered(dialog) == ["Number 02161234567"]
    dialog.set_channel(Channel.EMAIL)  # an email has no contact row: nothing to put it in
    assert offered(dialog) == []
    dialog.set_channel(Channel.UNSOLICITED)
    qtbot.mouseClick(dialog.found_facts.buttons[0], Qt.MouseButton.LeftButton)
    assert dialog.fields().contact == "02161234567"
    assert offered(dialog) == []


def test_a_loaded_entry_offers_what_its_notes_hold_and_it_does_not(qtbot) -> None:
    dialog = open_editor(qtbot, EventFields(at=FRIDAY, channel=Channel.CALL, summary="催办",
                                            details=NOTES, agent_id="8842", contact="95533"))
    assert offered(dialog) == ["Time 2024-11-23 10:15", "Add number TS2024112300123"]


def test_the_due_time_a_promise_states_is_offered_while_typing(qtbot) -> None:
    dialog = open_editor(qtbot)
    dialog.time_edit.setDateTime(to_edit_value(FRIDAY))
    offer = dialog.promise_due_offer
    qtbot.mouseClick(dialog.add_promise_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisibleTo(dialog)
    type_text(qtbot, QApplication.focusWidget(), "3个工作日内回电")
    # Offered before the cell is committed: the end of Tuesday 10-08 (调休 and 国庆 counted).
    assert offer.isVisibleTo(dialog)
    assert offer.text.text() == "Due: 2024-10-08 23:59 (3个工作日)"
    assert "3 working days" in offer.text.toolTip()
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.promise_view.state() != QAbstractItemView.State.EditingState)
    assert dialog.fields().promises == (PromiseData(text="3个工作日内回电"),)  # not yet taken

    qtbot.mouseClick(offer.use_button, Qt.MouseButton.LeftButton)
    [promise] = dialog.fields().promises
    assert promise.due_at == datetime(2024, 10, 8, 23, 59, 59, tzinfo=SHANGHAI)
    assert not offer.isVisibleTo(dialog)
    # They can still change it in the cell, as any due time.
    dialog.promise_model.setData(dialog.promise_model.index(0, PromiseTableModel.DUE),
                                 datetime(2024, 10, 9, 12, 0, tzinfo=SHANGHAI))
    assert not offer.isVisibleTo(dialog)


def test_the_due_offer_follows_the_row_and_the_key(qtbot) -> None:
    dialog = open_editor(qtbot, EventFields(
        at=FRIDAY, channel=Channel.CALL, summary="催办",
        promises=(PromiseData(text="48小时内解冻", id=1),
                  PromiseData(text="书面回复", id=2),
                  PromiseData(text="明天回电", id=3,
                              due_at=datetime(2024, 9, 28, 12, 0, tzinfo=SHANGHAI)))))
    view, model, offer = dialog.promise_view, dialog.promise_model, dialog.promise_due_offer
    view.setCurrentIndex(model.index(1, PromiseTableModel.TEXT))
    assert not offer.isVisibleTo(dialog)  # no period in its words
    view.setCurrentIndex(model.index(2, PromiseTableModel.TEXT))
    assert not offer.isVisibleTo(dialog)  # it has a due time already
    view.setCurrentIndex(model.index(0, PromiseTableModel.TEXT))
    assert offer.text.text() == "Due: 2024-09-29 15:30 (48小时)"
    offer.use_button.setFocus()
    qtbot.keyClick(offer.use_button, Qt.Key.Key_Space)
    assert model.promises()[0].due_at == datetime(2024, 9, 29, 15, 30, tzinfo=SHANGHAI)


def test_the_offers_speak_chinese(qtbot, localisation: Localisation) -> None:
    localisation.apply("zh_CN")
    try:
        dialog = open_editor(qtbot, EventFields(
            at=FRIDAY, channel=Channel.CALL, summary="回电", details="工号 8842",
            promises=(PromiseData(text="3个工作日内回电"),)))
        dialog.promise_view.setCurrentIndex(dialog.promise_model.index(0, 0))
        assert dialog.promise_due_offer.text.text() == "到期：2024-10-08 23:59（3个工作日）"
        assert dialog.found_facts.title.text() == "在备注中找到："
        assert offered(dialog) == ["客服工号 8842"]
    finally:
        localisation.apply("en")


def test_the_editor_counts_on_the_cases_calendar(
        open_window: Callable[..., MainWindow], data_dir: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    book = Casebook.open(data_dir)
    case = book.cases.create_case(CaseFields(title="Account frozen", institution_name="Monzo",
                                             jurisdiction="UK"))
    window = open_window(book, case_id=case.id, active=True)
    window.case_actions.act_add_event.trigger()
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, EventEditor))
    dialog = window.active_dialog
    assert isinstance(dialog, EventEditor)
    dialog.time_edit.setDateTime(to_edit_value(datetime(2024, 12, 20, 10, 0, tzinfo=SHANGHAI)))
    dialog.promise_model.add_row()
    dialog.promise_model.setData(dialog.promise_model.index(0, PromiseTableModel.TEXT),
                                 "reply within 3 business days")
    # 25 and 26 December are bank holidays in England: Mon 23, Tue 24, Fri 27.
    assert dialog.promise_due_offer.text.text() == "Due: 2024-12-27 23:59 (3 business days)"
    buttons = dialog.findChildren(QPushButton)
    assert dialog.promise_due_offer.use_button in buttons
    dialog.reject()
