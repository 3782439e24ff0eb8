"""The entry editor, driven as a person does: typing (Chinese through an input method), picking
channels, adding reference numbers and promises in the tables, pressing OK."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)
from qt_typing import type_text

from desktop_app.records import EventFields, InstitutionRecord, PromiseData, ReferenceData
from desktop_app.timeutil import now, to_local
from ui.dialogs import to_edit_value
from ui.dialogs.event_editor import EventEditor, parse_duration
from ui.models.entry_tables import PromiseTableModel, ReferenceTableModel

SHANGHAI = ZoneInfo("Asia/Shanghai")
CCB = InstitutionRecord(id=4, name="中国建设银行", short_name="建设银行",
                        name_en="China Construction Bank", hotline="95533")


def open_editor(qtbot, fields: EventFields | None = None, *,  # type: ignore[no-untyped-def]
                institution: InstitutionRecord | None = None) -> EventEditor:
    dialog = EventEditor(fields, institution=institution)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def rows(dialog: EventEditor) -> dict[str, QWidget]:
    return {"contact": dialog.contact_edit, "counterpart": dialog.counterpart_edit,
            "agent_id": dialog.agent_id_edit, "duration": dialog.duration_edit,
            "email_from": dialog.email_from_edit, "email_to": dialog.email_to_edit,
            "email_cc": dialog.email_cc_edit}


def shown_rows(dialog: EventEditor) -> set[str]:
    return {key for key, widget in rows(dialog).items() if widget.isVisibleTo(dialog)}


def label_of(dialog: EventEditor, widget: QWidget) -> str:
    form = dialog.findChild(QFormLayout)
    label = form.labelForField(widget)
    return label.text() if label is not None else ""


def pick(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def editing(view: QAbstractItemView) -> bool:
    return view.state() == QAbstractItemView.State.EditingState


def commit_cell(qtbot, view: QAbstractItemView) -> None:  # type: ignore[no-untyped-def]
    """Press Enter in the open cell editor, as a person finishing a cell does."""
    editor = QApplication.focusWidget()
    assert editor is not None
    assert editing(view)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editing(view))


def call_fields() -> EventFields:
    return EventFields(
        at=datetime(2024, 11, 1, 9, 30, 15, 123456, tzinfo=SHANGHAI), channel="call",
        direction="out", counterpart="王女士", agent_id="A1024", contact="95533",
        duration_seconds=754, summary="转账金额显示错误，已投诉",
        details="小程序显示转账 ¥1,280.00，实际扣款 ¥12,800.00。\n客服记录了投诉。",
        references=(ReferenceData(value="TS20241101001", label="投诉号",
                                  issued_by="中国建设银行"),
                    ReferenceData(value="GD-778", label="工单号")),
        promises=(PromiseData(text="三个工作日内回电", id=17,
                              due_at=datetime(2024, 11, 6, 18, 0, tzinfo=SHANGHAI)),
                  PromiseData(text="退回多扣的款项", state="broken", state_note="未退款", id=18)),
    )


def test_a_new_entry_is_a_call_made_now_to_the_hotline(qtbot) -> None:
    before = to_local(now()).replace(second=0, microsecond=0)
    dialog = open_editor(qtbot, institution=CCB)
    after = to_local(now())

    fields = dialog.fields()
    assert fields.channel == "call"
    assert fields.direction == "out"
    assert fields.contact == "95533"
    assert before <= fields.at <= after
    assert (fields.at.second, fields.at.microsecond) == (0, 0)
    assert fields.at.utcoffset() == timedelta(hours=8)
    assert fields.duration_seconds is None
    assert fields.summary == ""
    assert fields.references == ()
    assert fields.promises == ()
    assert QApplication.focusWidget() is dialog.summary_edit
    assert dialog.time_edit.calendarPopup()
    assert dialog.time_edit.displayFormat() == "yyyy-MM-dd HH:mm"


def test_a_new_entry_without_an_institution_has_no_number(qtbot) -> None:
    dialog = open_editor(qtbot)
    assert dialog.fields().contact == ""
    assert dialog.contact_edit.isVisibleTo(dialog)


@pytest.mark.parametrize(("channel", "expected", "labels"), [
    ("call", {"contact", "counterpart", "agent_id", "duration"},
     {"contact": "Number dialled", "counterpart": "Agent's name"}),
    ("unsolicited", {"contact", "counterpart", "agent_id", "duration"},
     {"contact": "Caller's number"}),
    ("visit", {"contact", "counterpart", "agent_id"},
     {"contact": "Branch / address", "counterpart": "Staff name", "agent_id": "Staff ID"}),
    ("email", {"email_from", "email_to", "email_cc"},
     {"email_from": "From", "email_to": "To", "email_cc": "Cc"}),
    ("letter", {"contact"}, {"contact": "Address"}),
    ("sms", {"contact"}, {"contact": "Number"}),
    ("web", {"contact"}, {"contact": "Where"}),
    ("app", {"contact"}, {"contact": "Where"}),
    ("wechat", {"contact"}, {"contact": "Where"}),
    ("social", {"contact"}, {"contact": "Where"}),
    ("regulator", {"contact", "counterpart"},
     {"contact": "Body / hotline", "counterpart": "Case handler"}),
    ("note", set(), {}),
])
def test_the_channel_shows_only_the_rows_that_fit_it(qtbot, channel: str, expected: set[str],
                                                     labels: dict[str, str]) -> None:
    dialog = open_editor(qtbot)
    pick(dialog.channel_combo, channel)

    assert shown_rows(dialog) == expected
    widgets = rows(dialog)
    for key, text in labels.items():
        assert label_of(dialog, widgets[key]) == text
        assert widgets[key].isVisible()
    for key in set(widgets) - expected:
        form = dialog.findChild(QFormLayout)
        assert not form.labelForField(widgets[key]).isVisibleTo(dialog)
    # The top of the form and the details are there whatever the channel.
    for widget in (dialog.time_edit, dialog.channel_combo, dialog.direction_combo,
                   dialog.summary_edit, dialog.details_edit, dialog.reference_view,
                   dialog.promise_view):
        assert widget.isVisibleTo(dialog)


def test_what_a_hidden_row_holds_is_not_saved_but_comes_back(qtbot) -> None:
    dialog = open_editor(qtbot)
    type_text(qtbot, dialog.counterpart_edit, "李经理")
    pick(dialog.channel_combo, "letter")
    assert dialog.fields().counterpart == ""
    pick(dialog.channel_combo, "visit")
    assert dialog.fields().counterpart == "李经理"


def test_the_hotline_follows_the_channel_until_the_number_is_edited(qtbot) -> None:
    dialog = open_editor(qtbot, institution=CCB)
    pick(dialog.channel_combo, "sms")
    assert dialog.contact_edit.text() == ""
    pick(dialog.channel_combo, "call")
    assert dialog.contact_edit.text() == "95533"

    dialog.contact_edit.clear()
    qtbot.keyClicks(dialog.contact_edit, "95533-2")
    pick(dialog.channel_combo, "visit")
    pick(dialog.channel_combo, "call")
    assert dialog.fields().contact == "95533-2"


def test_an_unsolicited_call_is_one_they_made(qtbot) -> None:
    dialog = open_editor(qtbot)
    pick(dialog.channel_combo, "unsolicited")
    assert dialog.fields().direction == "in"
    pick(dialog.channel_combo, "call")
    assert dialog.fields().direction == "out"


def test_entering_a_call_with_a_reference_number_and_a_promise(qtbot) -> None:
    dialog = open_editor(qtbot, institution=CCB)
    dialog.time_edit.setDateTime(to_edit_value(datetime(2024, 11, 1, 9, 30, tzinfo=SHANGHAI)))
    type_text(qtbot, dialog.summary_edit, "投诉转账金额显示错误")
    type_text(qtbot, dialog.counterpart_edit, "王女士")
    qtbot.keyClicks(dialog.agent_id_edit, "A1024")
    qtbot.keyClicks(dialog.duration_edit, "12:34")
    type_text(qtbot, dialog.details_edit, "客服说会转交后台处理。")

    # A reference number: Add puts the cursor in the number cell of a "complaint no." row.
    qtbot.mouseClick(dialog.add_reference_button, Qt.MouseButton.LeftButton)
    refs = dialog.reference_view
    assert editing(refs)
    qtbot.keyClicks(QApplication.focusWidget(), "TS20241101001")
    commit_cell(qtbot, refs)
    # Its label changed to the Chinese one, in the label cell's editor.
    refs.setCurrentIndex(dialog.reference_model.index(0, 0))
    qtbot.keyClick(refs, Qt.Key.Key_Return)
    label_editor = QApplication.focusWidget()
    assert isinstance(label_editor, QComboBox)  # free text, with the usual kinds to pick from
    assert label_editor.currentText() == "Complaint no."
    assert label_editor.findText("Ticket no.") >= 0
    label_editor.lineEdit().selectAll()
    type_text(qtbot, label_editor.lineEdit(), "投诉号")
    commit_cell(qtbot, refs)
    # A second row left empty is dropped.
    qtbot.mouseClick(dialog.add_reference_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editing(refs))
    assert dialog.isVisible()  # Esc closed the cell editor, not the dialog

    # A promise: what, by when, and its state.
    promises = dialog.promise_view
    qtbot.mouseClick(dialog.add_promise_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, QApplication.focusWidget(), "三个工作日内回电")
    commit_cell(qtbot, promises)
    promises.setCurrentIndex(dialog.promise_model.index(0, PromiseTableModel.DUE))
    qtbot.keyClick(promises, Qt.Key.Key_Return)
    due_editor = QApplication.focusWidget()
    while due_editor is not None and not isinstance(due_editor, QDateTimeEdit):
        due_editor = due_editor.parentWidget()
    assert isinstance(due_editor, QDateTimeEdit)
    # it starts where the words say (three working days after Friday 11-01: Wednesday 11-06,
    # at the end of the day), never at the entry's own time (broken the moment it is saved)
    assert due_editor.dateTime() == to_edit_value(
        datetime(2024, 11, 6, 23, 59, 59, tzinfo=SHANGHAI))
    due_editor.setDateTime(to_edit_value(datetime(2024, 11, 6, 18, 0, tzinfo=SHANGHAI)))
    commit_cell(qtbot, promises)
    promises.setCurrentIndex(dialog.promise_model.index(0, PromiseTableModel.STATE))
    promises.edit(promises.currentIndex())
    state_editor = QApplication.focusWidget()
    assert isinstance(state_editor, QComboBox)
    pick(state_editor, "kept")
    commit_cell(qtbot, promises)

    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted

    fields = dialog.fields()
    assert fields == EventFields(
        at=datetime(2024, 11, 1, 9, 30, tzinfo=SHANGHAI), channel="call", direction="out",
        counterpart="王女士", agent_id="A1024", contact="95533", duration_seconds=754,
        summary="投诉转账金额显示错误", details="客服说会转交后台处理。",
        references=(ReferenceData(value="TS20241101001", label="投诉号",
                                  issued_by="中国建设银行"),),
        promises=(PromiseData(text="三个工作日内回电",
                              due_at=datetime(2024, 11, 6, 18, 0, tzinfo=SHANGHAI),
                              state="kept"),),
    )
    assert fields.at.utcoffset() == timedelta(hours=8)
    assert fields.promises[0].due_at is not None
    assert fields.promises[0].due_at.utcoffset() == timedelta(hours=8)
    assert fields.at.isoformat() == "2024-11-01T09:30:00+08:00"


@pytest.mark.parametrize("fields", [
    call_fields(),
    EventFields(at=datetime(2024, 11, 2, 2, 5, tzinfo=UTC), channel="email", direction="in",
                email_from="kf@ccb.com", email_to="me@example.com", email_cc="boss@example.com",
                summary="银行回复邮件", details="见附件"),
    EventFields(at=datetime(2024, 11, 3, 20, 0, tzinfo=SHANGHAI), channel="unsolicited",
                direction="in", contact="95533", duration_seconds=None, summary="营销外呼"),
    # A note that holds a number (say, from the command line): the row stays in view.
    EventFields(at=datetime(2024, 11, 4, 8, 0, tzinfo=SHANGHAI), channel="note",
                contact="12378", duration_seconds=60, summary="记下监管热线"),
], ids=["call", "email", "unsolicited", "note-with-number"])
def test_an_entry_passes_through_the_editor_unchanged(qtbot, fields: EventFields) -> None:
    dialog = open_editor(qtbot, fields, institution=CCB)
    assert dialog.fields() == fields
    assert dialog.fields().at == fields.at
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.fields() == fields


def test_editing_a_promise_keeps_its_id(qtbot) -> None:
    original = call_fields()
    dialog = open_editor(qtbot, original)
    promises = dialog.promise_view
    promises.setCurrentIndex(dialog.promise_model.index(0, PromiseTableModel.TEXT))
    qtbot.keyClick(promises, Qt.Key.Key_Return)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(qtbot, editor, "五个工作日内回电")
    commit_cell(qtbot, promises)
    # Remove the other promise with the Remove button.
    promises.setCurrentIndex(dialog.promise_model.index(1, PromiseTableModel.TEXT))
    promises.selectRow(1)
    qtbot.mouseClick(dialog.remove_promise_button, Qt.MouseButton.LeftButton)

    kept = dialog.fields().promises
    assert [(p.id, p.text, p.due_at) for p in kept] == [
        (17, "五个工作日内回电", original.promises[0].due_at)]


def test_delete_clears_a_due_time(qtbot) -> None:
    dialog = open_editor(qtbot, call_fields())
    promises = dialog.promise_view
    promises.setFocus()
    promises.setCurrentIndex(dialog.promise_model.index(0, PromiseTableModel.DUE))
    qtbot.keyClick(promises, Qt.Key.Key_Delete)
    assert dialog.fields().promises[0].due_at is None
    assert dialog.fields().promises[0].id == 17


def test_ok_is_refused_while_the_summary_is_empty(qtbot) -> None:
    dialog = open_editor(qtbot, institution=CCB)
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.isVisible()
    assert "summary" in dialog.message.text()

    with qtbot.assertNotEmitted(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.details_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        dialog.accept()
    assert dialog.isVisible()
    assert QApplication.focusWidget() is dialog.summary_edit

    qtbot.keyClicks(dialog.summary_edit, "   ")
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.summary_edit, "打了热线")
    assert dialog.ok_button.isEnabled()
    assert dialog.message.text() == ""


def test_ctrl_return_saves_from_the_details(qtbot) -> None:
    dialog = open_editor(qtbot)
    type_text(qtbot, dialog.summary_edit, "排队等待中")
    type_text(qtbot, dialog.details_edit, "等了二十分钟")
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.details_edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    assert dialog.fields().details == "等了二十分钟"


def test_esc_cancels_at_once_when_nothing_was_typed(qtbot) -> None:
    dialog = open_editor(qtbot, call_fields())
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Escape)


def test_esc_asks_twice_before_throwing_away_what_was_typed(qtbot) -> None:
    dialog = open_editor(qtbot)
    type_text(qtbot, dialog.summary_edit, "客服挂断了电话")
    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert "Esc again" in dialog.message.text()
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Escape)


def test_cancel_button_cancels(qtbot) -> None:
    dialog = open_editor(qtbot)
    type_text(qtbot, dialog.summary_edit, "草稿")
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)


def test_set_duration_and_channel(qtbot) -> None:
    dialog = open_editor(qtbot)
    dialog.set_duration_seconds(4520)
    assert dialog.duration_edit.text() == "1:15:20"
    assert dialog.fields().duration_seconds == 4520
    dialog.set_channel("visit")
    assert dialog.fields().channel == "visit"
    assert dialog.fields().duration_seconds is None  # a visit has no duration row
    dialog.set_channel("call")
    assert dialog.fields().duration_seconds == 4520


def test_the_duration_takes_minutes_and_seconds_typed_in_chinese_mode(qtbot) -> None:
    dialog = open_editor(qtbot)
    type_text(qtbot, dialog.duration_edit, "１２：０５")
    assert dialog.duration_edit.text() == "12:05"
    assert dialog.fields().duration_seconds == 725
    dialog.duration_edit.clear()
    qtbot.keyClicks(dialog.duration_edit, "3.05")
    assert dialog.duration_edit.text() == "3:05"
    dialog.duration_edit.clear()
    qtbot.keyClicks(dialog.duration_edit, "7x")
    assert dialog.duration_edit.text() == "7"
    assert dialog.fields().duration_seconds == 420
    dialog.duration_edit.clear()
    assert dialog.fields().duration_seconds is None
    qtbot.keyClicks(dialog.duration_edit, "90")
    qtbot.keyClick(dialog.duration_edit, Qt.Key.Key_Tab)  # leaving the field shows how it reads
    assert dialog.duration_edit.text() == "1:30:00"


@pytest.mark.parametrize(("text", "seconds"), [
    ("", None), ("12", 720), ("12:30", 750), ("12:", 720), ("12:3", 723), ("1:15:20", 4520),
    ("０:４５", 45), ("12.30", 750), ("abc", None),
])
def test_parse_duration(text: str, seconds: int | None) -> None:
    assert parse_duration(text) == seconds


def test_tab_goes_down_the_form_through_the_rows_in_view(qtbot) -> None:
    dialog = open_editor(qtbot, institution=CCB)
    expected = [dialog.contact_edit, dialog.counterpart_edit, dialog.agent_id_edit,
                dialog.duration_edit, dialog.details_edit, dialog.reference_view,
                dialog.add_reference_button]
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_the_table_models_behave(qtbot, qtmodeltester) -> None:
    dialog = open_editor(qtbot, call_fields())
    qtmodeltester.check(dialog.reference_model)
    qtmodeltester.check(dialog.promise_model)
    dialog.reference_model.add_row("Complaint no.", "中国建设银行")
    dialog.promise_model.add_row()
    qtmodeltester.check(dialog.reference_model)
    qtmodeltester.check(dialog.promise_model)
    assert len(dialog.fields().references) == 2  # the added rows are empty: dropped
    assert len(dialog.fields().promises) == 2


def test_the_table_models_pass_qtmodeltester_through_edits(check_model) -> None:
    """Edits, inserts and removals through the models' own calls, checked as they happen."""
    references = ReferenceTableModel(call_fields().references)
    promises = PromiseTableModel(call_fields().promises)
    for model in (references, promises):
        check_model(model)
    assert references.setData(references.index(1, ReferenceTableModel.VALUE), "GD-779")
    assert promises.setData(promises.index(0, PromiseTableModel.STATE), "kept")
    assert promises.setData(promises.index(1, PromiseTableModel.DUE), None)
    references.add_row("投诉号")
    promises.add_row()
    references.remove_rows([0])
    promises.remove_rows([0, 2])
    assert [r.value for r in references.references()] == ["GD-779"]
    assert [(p.text, p.state) for p in promises.promises()] == [("退回多扣的款项", "broken")]
    assert references.headerData(0, Qt.Orientation.Horizontal) == "Kind of number"
    assert promises.headerData(2, Qt.Orientation.Horizontal) == "Kept?"
