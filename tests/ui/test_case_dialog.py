"""The case form, driven as a person does: picking the bank from the directory or typing a new
one, typing an amount (also in Chinese input mode), saying whether the incident time is known."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog
from qt_typing import type_text

from desktop_app.records import CaseFields, InstitutionRecord
from ui.dialogs import to_edit_value
from ui.dialogs.case_dialog import CaseDialog, parse_amount

SHANGHAI = ZoneInfo("Asia/Shanghai")
DIRECTORY = [
    InstitutionRecord(id=1, name="中国工商银行", short_name="工商银行",
                      name_en="Industrial and Commercial Bank of China", hotline="95588"),
    InstitutionRecord(id=4, name="中国建设银行", short_name="建设银行",
                      name_en="China Construction Bank", hotline="95533"),
    InstitutionRecord(id=16, name="支付宝", short_name="支付宝", name_en="Alipay",
                      kind="payment", hotline="95188"),
    InstitutionRecord(id=18, name="国家金融监督管理总局", short_name="金融监管总局",
                      name_en="National Financial Regulatory Administration",
                      kind="regulator", hotline="12378"),
]


def open_dialog(qtbot, fields: CaseFields | None = None) -> CaseDialog:  # type: ignore[no-untyped-def]
    dialog = CaseDialog(DIRECTORY, fields)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def pick(combo: QComboBox, value: str) -> None:
    index = combo.findData(value)
    assert index >= 0, value
    combo.setCurrentIndex(index)


def test_a_new_case_starts_empty_with_the_defaults(qtbot) -> None:
    dialog = open_dialog(qtbot)
    assert dialog.fields() == CaseFields(title="")
    assert QApplication.focusWidget() is dialog.title_edit
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.isVisible()
    assert "title" in dialog.message.text()
    assert dialog.currency_combo.currentText() == "CNY"
    assert [dialog.currency_combo.itemText(i) for i in range(dialog.currency_combo.count())] \
        == ["CNY", "GBP", "USD", "EUR", "HKD"]


def test_the_title_is_required(qtbot) -> None:
    dialog = open_dialog(qtbot)
    dialog.institution_combo.setCurrentIndex(1)
    with qtbot.assertNotEmitted(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        dialog.accept()
    assert dialog.isVisible()
    assert "title" in dialog.message.text()
    assert QApplication.focusWidget() is dialog.title_edit

    qtbot.keyClicks(dialog.title_edit, "  ")
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.title_edit, "小程序转账金额显示错误")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.fields().title == "小程序转账金额显示错误"


def test_who_the_complaint_is_against_is_required_too(qtbot) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.title_edit, "钱包打不开")
    assert not dialog.ok_button.isEnabled()
    assert "against" in dialog.message.text()
    type_text(qtbot, dialog.institution_combo.lineEdit(), "某某小贷")
    assert dialog.ok_button.isEnabled()


def test_picking_a_bank_from_the_directory_list(qtbot) -> None:
    dialog = open_dialog(qtbot)
    dialog.institution_combo.setCurrentIndex(1)
    fields = dialog.fields()
    assert (fields.institution_id, fields.institution_name) == (4, "中国建设银行")
    assert "95533" in dialog.institution_note.text()


@pytest.mark.parametrize(("typed", "expected_id"), [
    ("建设", 4),          # part of the Chinese name
    ("construction", 4),  # part of the English name, any case
    ("9558", 1),          # the hotline
    ("监管", 18),
])
def test_the_completer_finds_a_bank_by_any_part_of_its_names(qtbot, typed: str,
                                                             expected_id: int) -> None:
    dialog = open_dialog(qtbot)
    line = dialog.institution_combo.lineEdit()
    type_text(qtbot, line, typed)
    popup = dialog.institution_combo.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 1
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    fields = dialog.fields()
    expected = next(i for i in DIRECTORY if i.id == expected_id)
    assert (fields.institution_id, fields.institution_name) == (expected_id, expected.name)
    assert line.text() == expected.name


def test_typing_a_name_not_in_the_directory(qtbot) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.institution_combo.lineEdit(), "某某消费金融")
    dialog.institution_combo.completer().popup().hide()
    fields = dialog.fields()
    assert (fields.institution_id, fields.institution_name) == (None, "某某消费金融")
    assert "directory" in dialog.institution_note.text()
    assert dialog.institution_combo.count() == len(DIRECTORY)  # nothing added to the list


def test_typing_a_directory_name_in_full_is_the_same_as_picking_it(qtbot) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.institution_combo.lineEdit(), "支付宝")
    assert (dialog.fields().institution_id, dialog.fields().institution_name) == (16, "支付宝")
    dialog.institution_combo.lineEdit().clear()
    qtbot.keyClicks(dialog.institution_combo.lineEdit(), "alipay")
    assert (dialog.fields().institution_id, dialog.fields().institution_name) == (16, "支付宝")


@pytest.mark.parametrize(("typed", "amount"), [
    ("1280.50", Decimal("1280.50")),
    ("1,234.5", Decimal("1234.5")),
    ("¥5,000.00", Decimal("5000")),
    ("5万元", Decimal("50000")),
    ("", None),
])
def test_the_amount_is_a_decimal_with_up_to_two_places(qtbot, typed: str,
                                                       amount: Decimal | None) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.amount_edit, typed)  # ¥ and 万 are no keys QTest can press
    assert dialog.amount_edit.text() == typed  # every key kept as typed
    assert dialog.fields().amount == amount
    assert dialog.fields().amount is None or isinstance(dialog.fields().amount, Decimal)


@pytest.mark.parametrize(("typed", "reason"), [
    ("12.345", "two decimal places"),
    ("12a3", "not an amount"),
    ("1e30", "not an amount"),      # once read as 130: keys were dropped without a word
    ("-5", "not an amount"),
    ("0", "more than zero"),
    ("5,0,0", "not an amount"),
    ("1" * 23, "too large"),
])
def test_what_is_not_an_amount_is_kept_as_typed_and_said(qtbot, typed: str, reason: str) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.title_edit, "冻结资金")
    dialog.institution_combo.setCurrentIndex(2)
    qtbot.keyClicks(dialog.amount_edit, typed)
    assert dialog.amount_edit.text() == typed
    assert not dialog.ok_button.isEnabled()
    assert reason in dialog.message.text()


def test_the_amount_typed_in_chinese_input_mode(qtbot) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.amount_edit, "１２８０。５")
    assert dialog.fields().amount == Decimal("1280.5")


def test_an_incomplete_amount_is_refused(qtbot) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.title_edit, "冻结资金")
    dialog.institution_combo.setCurrentIndex(2)
    qtbot.keyClicks(dialog.amount_edit, "1,23")
    assert not dialog.ok_button.isEnabled()
    assert "amount" in dialog.message.text()
    qtbot.keyClicks(dialog.amount_edit, "4")
    assert dialog.ok_button.isEnabled()
    assert dialog.fields().amount == Decimal("1234")


@pytest.mark.parametrize(("text", "amount"), [
    ("", None), ("0", None), ("１,０００.５０", Decimal("1000.50")),
    ("3。5", Decimal("3.5")),
])
def test_parse_amount(text: str, amount: Decimal | None) -> None:
    assert parse_amount(text) == amount


def test_the_incident_time_is_none_until_known(qtbot) -> None:
    dialog = open_dialog(qtbot)
    assert not dialog.incident_known.isChecked()
    assert not dialog.incident_edit.isEnabled()
    assert dialog.fields().incident_at is None

    qtbot.mouseClick(dialog.incident_known, Qt.MouseButton.LeftButton)
    assert dialog.incident_edit.isEnabled()
    dialog.incident_edit.setDateTime(to_edit_value(datetime(2024, 10, 31, 21, 15,
                                                            tzinfo=SHANGHAI)))
    incident = dialog.fields().incident_at
    assert incident == datetime(2024, 10, 31, 21, 15, tzinfo=SHANGHAI)
    assert incident is not None
    assert incident.utcoffset() == timedelta(hours=8)

    qtbot.mouseClick(dialog.incident_known, Qt.MouseButton.LeftButton)
    assert dialog.fields().incident_at is None


def test_the_currency_is_three_letters_in_capitals(qtbot) -> None:
    dialog = open_dialog(qtbot)
    line = dialog.currency_combo.lineEdit()
    line.selectAll()
    qtbot.keyClicks(line, "jpy1")
    assert dialog.fields().currency == "JPY"
    dialog.currency_combo.setCurrentIndex(1)
    assert dialog.fields().currency == "GBP"


def test_filling_in_a_whole_case(qtbot) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.title_edit, "建行小程序转账金额显示错误")
    dialog.institution_combo.setCurrentIndex(1)
    type_text(qtbot, dialog.product_edit, "建行微信小程序")
    pick(dialog.category_combo, "function_fault")
    qtbot.keyClicks(dialog.amount_edit, "12800")
    qtbot.mouseClick(dialog.incident_known, Qt.MouseButton.LeftButton)
    dialog.incident_edit.setDateTime(to_edit_value(datetime(2024, 10, 31, 21, 15,
                                                            tzinfo=SHANGHAI)))
    qtbot.keyClicks(dialog.transaction_refs_edit, "T2024103100123")
    type_text(qtbot, dialog.description_edit, "转账时小程序显示金额与实际扣款不符。")
    type_text(qtbot, dialog.desired_outcome_edit, "退回多扣款项并书面说明原因。")
    pick(dialog.status_combo, "awaiting_reply")
    pick(dialog.jurisdiction_combo, "CN")

    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.desired_outcome_edit, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
    assert dialog.fields() == CaseFields(
        title="建行小程序转账金额显示错误", institution_id=4, institution_name="中国建设银行",
        product="建行微信小程序", category="function_fault", amount=Decimal("12800"),
        currency="CNY", incident_at=datetime(2024, 10, 31, 21, 15, tzinfo=SHANGHAI),
        transaction_refs="T2024103100123",
        description="转账时小程序显示金额与实际扣款不符。",
        desired_outcome="退回多扣款项并书面说明原因。", status="awaiting_reply",
        jurisdiction="CN")


@pytest.mark.parametrize("fields", [
    CaseFields(title="钱包无法开通", institution_id=1, institution_name="中国工商银行",
               product="数字钱包", category="function_fault", amount=Decimal("99.90"),
               currency="CNY", incident_at=datetime(2024, 9, 1, 10, 0, 30, tzinfo=SHANGHAI),
               transaction_refs="A1, A2", description="多次尝试失败。\n客服无法解决。",
               desired_outcome="开通钱包", status="escalated", jurisdiction="CN"),
    CaseFields(title="Unwanted calls", institution_id=None, institution_name="Some Lender Ltd",
               category="unwanted_calls", currency="GBP", status="open", jurisdiction="UK"),
], ids=["directory", "typed-institution"])
def test_a_case_passes_through_the_dialog_unchanged(qtbot, fields: CaseFields) -> None:
    dialog = open_dialog(qtbot, fields)
    assert dialog.fields() == fields
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.fields() == fields


def test_esc_on_an_untouched_case_cancels_and_on_a_changed_one_asks_again(qtbot) -> None:
    dialog = open_dialog(qtbot)
    type_text(qtbot, dialog.title_edit, "草稿")
    with qtbot.assertNotEmitted(dialog.rejected):
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)

    untouched = open_dialog(qtbot)
    with qtbot.waitSignal(untouched.rejected, timeout=1000):
        qtbot.keyClick(untouched.title_edit, Qt.Key.Key_Escape)
