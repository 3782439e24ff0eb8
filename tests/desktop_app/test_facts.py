"""Facts found in text: the four founding situations as a person types them and as OCR reads
their screenshots (full-width colons, "￥", spaces dropped or doubled)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.reading.fact_rules import FactRulesError, load_fact_rules
from desktop_app.reading.facts import Fact, find_facts, id_number_ok, luhn_ok
from desktop_app.timeutil import parse_time

WRITTEN = parse_time("2024-11-25 09:00")  # when the notes were written (Asia/Shanghai)


def facts(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in find_facts(text, reference_time=WRITTEN)]


def one(text: str, kind: str) -> Fact:
    found = [f for f in find_facts(text, reference_time=WRITTEN) if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


def with_luhn(body: str) -> str:
    """``body`` with the Luhn check digit that makes it a valid card number."""
    return next(body + d for d in "0123456789" if luhn_ok(body + d))


# ---- 1. a mini-program transfer showing the wrong amount --------------------------------------


def test_a_mini_program_transfer_screenshot() -> None:
    ocr = ("转账详情\n转账金额：￥5,000.00\n收款人：张*三\n转账时间：2024-11-23 10:15:30\n"
           "交易流水号：202411231015300088\n页面显示 500.00元")
    assert facts(ocr) == [
        ("amount", "5000.00"),
        ("time", "2024-11-23T10:15:30+08:00"),
        ("reference", "202411231015300088"),
        ("amount", "500.00"),
    ]
    assert one(ocr, "reference").label == "交易流水号"
    assert one(ocr, "time").value == "2024-11-23T10:15:30+08:00"


def test_a_call_to_the_hotline_as_typed_in_the_notes() -> None:
    notes = ("2024年11月23日 10:15 打95533反映小程序金额显示错误，客服工号：8842，"
             "投诉编号：TS2024112300123，答复3个工作日内回电。")
    assert facts(notes) == [
        ("time", "2024-11-23T10:15:00+08:00"),
        ("phone", "95533"),
        ("agent_id", "8842"),
        ("reference", "TS2024112300123"),
    ]
    hotline = one(notes, "phone")
    assert hotline.hotline
    assert not hotline.private
    reference = one(notes, "reference")
    assert reference.label == "投诉编号"
    assert notes[reference.start:reference.end] == "投诉编号：TS2024112300123"


def test_a_date_inside_a_reference_number_is_no_time() -> None:
    assert facts("受理编号TS2024112300123") == [("reference", "TS2024112300123")]
    assert facts("受理编号 2024-11-23-0042") == [("reference", "2024-11-23-0042")]


# ---- 2. a digital wallet complaint: the confirmation SMS --------------------------------------


def test_the_confirmation_sms_with_its_complaint_number() -> None:
    sms = ("【中国建设银行】尊敬的客户，您反映的数字钱包无法开通问题已受理，投诉号码为"
           "20241125000345，我行将于15个工作日内答复。如有疑问请致电95533。")
    assert facts(sms) == [("reference", "20241125000345"), ("phone", "95533")]
    assert one(sms, "reference").label == "投诉号码"


def test_numbers_inside_a_reference_are_not_phones_or_cards() -> None:
    assert facts("投诉号码：13812345678") == [("reference", "13812345678")]
    card_like = with_luhn("622202123456789012")
    assert facts(f"订单号{card_like}") == [("reference", card_like)]


# ---- 3. a consumer-credit wallet freezes a withdrawal -----------------------------------------


def test_a_frozen_withdrawal_with_order_number_and_agents() -> None:
    notes = ("11月23日提现5万元被冻结，订单号 DD20241123887766。客服小王 工号 10086 说48小时内"
             "解冻；第二次是李经理，工号:8842。另有1.2万在途。我的手机138 1234 5678")
    assert facts(notes) == [
        ("time", "2024-11-23T00:00:00+08:00"),
        ("amount", "50000.00"),
        ("reference", "DD20241123887766"),
        ("agent_id", "10086"),
        ("agent_id", "8842"),
        ("amount", "12000.00"),
        ("phone", "13812345678"),
    ]
    assert not one(notes, "phone").hotline


def test_ocr_drops_the_spaces_between_words() -> None:
    ocr = "订单号DD20241123887766冻结金额￥50,000.00工号8842客服电话4008208888"
    assert facts(ocr) == [
        ("reference", "DD20241123887766"),
        ("amount", "50000.00"),
        ("agent_id", "8842"),
        ("phone", "4008208888"),
    ]
    assert one(ocr, "phone").hotline
    assert one(ocr, "amount").label == "冻结金额"


@pytest.mark.parametrize("text", ["工号:8842", "工号：8842", "工号 8842", "工号8842",
                                  "工号是8842", "8842号客服"])
def test_an_agent_id_however_written(text: str) -> None:
    assert facts(text) == [("agent_id", "8842")]


def test_a_month_and_day_take_the_year_of_the_notes() -> None:
    assert facts("12月28日来电") == [("time", "2023-12-28T00:00:00+08:00")]  # not the future
    assert facts("11月25日来电") == [("time", "2024-11-25T00:00:00+08:00")]
    assert find_facts("1月3日", reference_time=parse_time("2025-01-10 12:00"))[0].value \
        == "2025-01-03T00:00:00+08:00"


# ---- 4. robocall marketing from 95533 ----------------------------------------------------------


def test_robocalls_with_their_times() -> None:
    log = ("昨天下午3点又接到95533系统外呼。\n2024-11-23 10:15:30 95533 呼入 0分32秒\n"
           "2024/11/24 20:05 95533 呼入\n11月24日晚上8点半 021-61234567 营销电话")
    assert facts(log) == [
        ("time", "2024-11-24T15:00:00+08:00"),
        ("phone", "95533"),
        ("time", "2024-11-23T10:15:30+08:00"),
        ("time", "2024-11-24T20:05:00+08:00"),
        ("time", "2024-11-24T20:30:00+08:00"),
        ("phone", "02161234567"),
    ]


def test_a_clock_time_alone_is_no_time_fact() -> None:
    assert facts("10:15 来电，20:05 又来电") == []


def test_regulator_hotlines_are_hotlines() -> None:
    found = find_facts("打12378或12363，再不行打12315。", reference_time=WRITTEN)
    assert [(f.value, f.hotline) for f in found] == [
        ("12378", True), ("12363", True), ("12315", True)]


# ---- amounts, phones, private numbers, English -------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("¥5000", "5000.00"), ("￥ 1,234.5", "1234.50"), ("5万元", "50000.00"),
    ("1.2万", "12000.00"), ("人民币3000元", "3000.00"), ("RMB 88.8", "88.80"),
    ("200 CNY", "200.00"), ("30块", "30.00"), ("金额：1,000,000.00", "1000000.00"),
])
def test_amounts(text: str, value: str) -> None:
    assert facts(text) == [("amount", value)]


def test_counts_of_ten_thousand_people_are_no_amount() -> None:
    assert facts("已有1.2万人投诉") == []


def test_phones() -> None:
    assert facts("+86 138-1234-5678") == [("phone", "+8613812345678")]
    assert facts("（010）62345678") == [("phone", "01062345678")]
    assert facts("0755-8765432") == [("phone", "07558765432")]
    assert facts("800 810 8888") == [("phone", "8008108888")]


def test_a_card_number_is_private_and_checked() -> None:
    card = with_luhn("622202123456789012")
    grouped = " ".join(card[i:i + 4] for i in range(0, len(card), 4))
    found = one(f"卡号 {grouped}", "card")
    assert found.value == card
    assert found.private
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    assert facts(f"卡号 {wrong}") == []


def test_an_id_number_is_private_and_checked() -> None:
    found = one("身份证号：11010519491231002x", "id_number")
    assert found.value == "11010519491231002X"
    assert found.private
    assert id_number_ok("11010519491231002X")
    assert not id_number_ok("110105194912310021")  # wrong check character
    assert not id_number_ok("110105194913310028")  # month 13


def test_english_notes() -> None:
    notes = ("Called 95533. Complaint no.: CR-88231, agent ID A1023. They took RMB 1,200.50; "
             "ticket 55667788. Call back on +86 13812345678. Ref is the same.")
    assert facts(notes) == [
        ("phone", "95533"), ("reference", "CR-88231"), ("agent_id", "A1023"),
        ("amount", "1200.50"), ("reference", "55667788"), ("phone", "+8613812345678"),
    ]
    assert one(notes, "agent_id").label == "agent ID"


def test_each_fact_once_in_text_order() -> None:
    text = "95533 … 95533 … 投诉编号TS1 投诉编号 TS2024"
    assert facts(text) == [("phone", "95533"), ("reference", "TS2024")]


def test_to_json_is_kind_and_value_only() -> None:
    fact = one("工号8842", "agent_id")
    assert fact.to_json() == {"kind": "agent_id", "value": "8842"}


def test_a_reference_keyword_without_a_number_is_nothing() -> None:
    assert facts("for your reference, the case is closed") == []
    assert facts("投诉编号：暂无") == []


# ---- the rules file -----------------------------------------------------------------------------


def test_the_words_are_data(tmp_path: Path) -> None:
    shipped = json.loads((Path(__file__).parents[2] / "resources" / "rules" / "facts.json")
                         .read_text(encoding="utf-8"))
    shipped["references"]["zh"].append("保单号")
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(shipped, ensure_ascii=False), encoding="utf-8")
    rules = load_fact_rules(path)
    found = find_facts("保单号P20240001", reference_time=WRITTEN, rules=rules)
    assert [(f.kind, f.value, f.label) for f in found] == [("reference", "P20240001", "保单号")]
    assert find_facts("保单号P20240001", reference_time=WRITTEN) == []


def test_a_broken_rules_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text('{"format": 1, "references": []}', encoding="utf-8")
    with pytest.raises(FactRulesError):
        load_fact_rules(path)


# ---- never raises ------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "投诉编号", "工号", "：", ":", "￥", "¥", "元", "万", "年", "月", "日", "号", "点", "下午",
    "昨天", "-", " ", "\n", ".", ",", "+86", "95533", "400", "X", "ref", "amount", "13812345678",
    "2024", "11", "23", "10:15", "个工作日", "半", "分",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=6), st.integers(0, 10**20).map(str)),
                max_size=25),
       st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2199, 1, 1)))
def test_find_facts_never_raises_and_spans_are_in_the_text(pieces: list[str],
                                                           written: datetime) -> None:
    text = "".join(pieces)
    for fact in find_facts(text, reference_time=written):
        assert 0 <= fact.start < fact.end <= len(text)
        assert fact.private == (fact.kind in ("card", "id_number"))
        assert not fact.hotline or fact.kind == "phone"
