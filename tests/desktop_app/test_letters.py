"""Letters drafted from records: every reference number and every broken promise, both languages."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from records_factory import at, case, event, institution, promise, ref

from desktop_app.deadlines.clock import regulator_clock
from desktop_app.deadlines.letters import LETTERS_DIR, LetterError, draft_letter
from desktop_app.deadlines.rules import default_rules
from desktop_app.records import CaseRecord, EventRecord

NOW = at("2024-11-20 09:00")

REFERENCES = ["T2024110300123", "BG-7781", "SHOT-1", "CCB-WEB-55"]
BROKEN = ["三个工作日内回电", "11 月 10 日前给出处理结果"]
KEPT = "寄送交易流水"
PENDING = "月底前完成系统修复"


def the_case(**fields: object) -> CaseRecord:
    values: dict[str, object] = {
        "product": "建行微信小程序", "category": "wrong_information",
        "amount": Decimal("12800"), "incident_at": at("2024-11-01 14:30"),
        "transaction_refs": "TX20241101-889",
        "description": "在建行微信小程序转账 12,800 元，页面显示为 1,280 元。",
        "desired_outcome": "核实转账金额并书面说明原因。",
    }
    values.update(fields)
    return case(**values)  # type: ignore[arg-type]


def the_events() -> list[EventRecord]:
    return [
        event(4, "2024-11-08 09:00", "note", summary="整理截图", refs=(ref("SHOT-1", "截图编号"),)),
        event(1, "2024-11-01 15:00", "app", summary="提交“功能问题”反馈",
              refs=(ref("CCB-WEB-55", ""),)),
        event(2, "2024-11-03 10:00", "call", contact="95533", counterpart="王女士",
              agent_id="10086", duration_seconds=720, summary="要求核实",
              refs=(ref("T2024110300123"),),
              promises=(promise(BROKEN[0], "2024-11-06 18:00", id=11),
                        promise(KEPT, "2024-11-05 18:00", "kept", id=13))),
        event(3, "2024-11-07 09:00", "sms", direction="in", summary="已转后台",
              refs=(ref("BG-7781", "工单号", "建设银行"),),
              promises=(promise(BROKEN[1], "2024-11-10 18:00", "broken", id=12,
                                note="未收到任何答复"),
                        promise(PENDING, "2024-11-30 18:00", id=14))),
    ]


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end)]


@pytest.mark.parametrize("kind", ["complaint", "chaser"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_reference_and_every_broken_promise(kind: str, lang: str) -> None:
    letter = draft_letter(kind, lang, the_case(), the_events(), NOW)
    for value in REFERENCES:
        assert value in letter
    for text in BROKEN:
        assert text in letter
    assert "未收到任何答复" in letter  # the note on the broken promise


def test_the_chinese_complaint() -> None:
    letter = draft_letter("complaint", "zh", the_case(), the_events(), NOW,
                          profile={"name": "李明", "phone": "13800000000", "address": "北京市"})
    assert letter.startswith("投诉信\n\n致：国家金融监督管理总局（12378）\n")
    for line in ["姓名：李明", "联系电话：13800000000", "联系地址：北京市",
                 "被投诉机构：中国建设银行", "产品或服务：建行微信小程序", "投诉类别：信息错误",
                 "发生时间：2024-11-01 14:30", "涉及金额：人民币 12,800.00 元",
                 "交易/订单号：TX20241101-889", "核实转账金额并书面说明原因。",
                 "日期：2024-11-20"]:
        assert line in letter
    contacts = section(letter, "二、", "三、")
    # every contact, in time order, with Chinese channel names; notes are not contacts
    assert [line.split("，")[1].split("（")[0] for line in contacts.splitlines()[1:] if line] \
        == ["App内反馈", "电话", "短信"]
    assert "经办人 王女士" in contacts
    assert "工号 10086" in contacts
    assert "通话约 12 分钟" in contacts
    assert "（对方联系我）" in contacts
    assert not re.search(r"\b(call|sms|app|note|out|in)\b", letter)
    broken = section(letter, "四、", "五、")
    assert broken.count("至今未兑现") == 2
    assert KEPT not in broken
    assert PENDING not in broken
    # the agent set apart from the sentence ("王女士 工号1234通过电话承诺" ran together)
    assert "建设银行工作人员（王女士 工号 10086）在电话中承诺：三个工作日内回电" in broken
    clock = section(letter, "五、", "六、")
    # lodged with the in-app feedback of Fri 1 Nov: day 15 is Sat 16 Nov, moved to Monday
    # 18 Nov; on 20 Nov that is 2 days late (not 4: the days are counted from the 18th)
    assert "建设银行应于 2024-11-18 前答复（15 天已满，已逾期 2 天）" in clock
    assert "邮箱" not in letter  # optional fields only when given


def test_the_english_complaint() -> None:
    letter = draft_letter("complaint", "en", the_case(), the_events(), NOW)
    assert "To: National Financial Regulatory Administration (12378)" in letter
    assert "Complaint against: China Construction Bank (customer service 95533)" in letter
    assert "Amount: CNY 12,800.00" in letter
    assert "When it happened: 1 Nov 2024 14:30" in letter
    assert "Category: wrong information" in letter
    contacts = section(letter, "2. My contacts", "3. Complaint")
    assert "3 Nov 2024 10:00, phone call (I contacted them)" in contacts
    assert "7 Nov 2024 09:00, SMS (they contacted me)" in contacts
    assert "note" not in contacts
    broken = section(letter, "4. Promises not kept", "5. Time")
    assert broken.count("This has not been done.") == 2
    assert KEPT not in broken
    assert ("China Construction Bank should answer by 18 Nov 2024"
            " (all 15 days have run; 2 days overdue)") in letter
    # no profile: blanks to fill in
    assert "Name: ________________" in letter
    assert "Phone: ________________" in letter
    assert "Date: 20 Nov 2024" in letter


def test_a_reference_without_a_label_is_still_named() -> None:
    zh = draft_letter("complaint", "zh", the_case(), the_events(), NOW)
    assert "编号：CCB-WEB-55（2024-11-01，App内反馈）" in zh
    en = draft_letter("complaint", "en", the_case(), the_events(), NOW)
    assert "Reference: CCB-WEB-55 (1 Nov 2024, in-app feedback)" in en


def test_chasing_one_promise() -> None:
    for lang in ("zh", "en"):
        letter = draft_letter("chaser", lang, the_case(), the_events(), NOW, promise_id=11)
        assert BROKEN[0] in letter
        assert BROKEN[1] not in letter
        for value in REFERENCES:
            assert value in letter
    zh = draft_letter("chaser", "zh", the_case(), the_events(), NOW, promise_id=11,
                      profile={"name": "李明", "phone": "13800000000"})
    assert zh.startswith("催办函\n\n致：中国建设银行（客服电话 95533）\n")
    assert "本人于 2024-11-01 通过App内反馈向贵方提出投诉（编号：CCB-WEB-55）。" in zh
    assert "本人将向国家金融监督管理总局（12378）投诉" in zh
    assert "姓名：李明" in zh
    en = draft_letter("chaser", "en", the_case(), the_events(), NOW, promise_id=11)
    assert "take my complaint to the National Financial Regulatory Administration (12378)" in en


def test_chasing_a_pending_promise_is_allowed_a_kept_one_or_a_missing_one_is_not() -> None:
    letter = draft_letter("chaser", "zh", the_case(), the_events(), NOW, promise_id=14)
    assert PENDING in letter
    with pytest.raises(LetterError, match="kept"):
        draft_letter("chaser", "zh", the_case(), the_events(), NOW, promise_id=13)
    with pytest.raises(LetterError, match="99"):
        draft_letter("chaser", "en", the_case(), the_events(), NOW, promise_id=99)


def test_a_chaser_without_broken_promises_chases_the_complaint() -> None:
    events = [event(1, "2024-11-03 10:00", refs=(ref("T1"),))]
    zh = draft_letter("chaser", "zh", the_case(), events, at("2024-11-05 09:00"))
    assert "贵方至今未就本人的投诉作出答复。" in zh
    assert "T1" in zh
    en = draft_letter("chaser", "en", the_case(), events, at("2024-11-05 09:00"))
    assert "You have not answered my complaint." in en


def test_the_complaint_goes_to_the_next_body() -> None:
    uk = case(jurisdiction="UK", inst=institution("bank", "Barclays Bank UK PLC", "Barclays",
                                                   "Barclays Bank UK PLC"))
    events = [event(1, "2024-12-02 10:00", refs=(ref("BARC-1"),))]
    letter = draft_letter("complaint", "en", uk, events, at("2025-02-01 10:00"))
    assert "To: Financial Ombudsman Service (0800 023 4567)" in letter
    assert "Barclays Bank UK PLC should send its final response by 27 Jan 2025" in letter
    shop = case(kind="other", inst=institution("other", "某电商平台", "某电商", "A shop"))
    assert "致：全国12315平台（12315）" in draft_letter("complaint", "zh", shop, [], NOW)


def test_without_a_jurisdiction_the_addressee_is_left_blank() -> None:
    letter = draft_letter("complaint", "zh", the_case(jurisdiction="none"), the_events(), NOW)
    assert "致：________________" in letter
    assert "（暂无适用的处理时限）" in letter


def test_a_given_clock_is_used() -> None:
    c = the_case()
    events = the_events()
    earlier = regulator_clock(c, events, default_rules(), at("2024-11-12 09:00"))
    letter = draft_letter("complaint", "zh", c, events, NOW, clock=earlier)
    assert "（第 11 / 15 天，遇休假日顺延）" in letter


def test_empty_fields_read_as_not_given() -> None:
    c = case(amount=None, incident_at=None, description="", product="", desired_outcome="")
    letter = draft_letter("complaint", "en", c, [], NOW)
    assert "Amount: (not given)" in letter
    assert "When it happened: (not given)" in letter
    assert "6. What I ask for\n________________" in letter
    assert "3. Complaint and other reference numbers\nnone" in letter


def test_bad_requests_are_refused() -> None:
    with pytest.raises(LetterError, match="kind"):
        draft_letter("threat", "zh", the_case(), [], NOW)
    with pytest.raises(LetterError, match="language"):
        draft_letter("complaint", "fr", the_case(), [], NOW)


def test_templates_hold_placeholders_only() -> None:
    names = sorted(p.name for p in LETTERS_DIR.glob("*.txt"))
    assert names == ["chaser_en.txt", "chaser_zh.txt", "complaint_en.txt", "complaint_zh.txt"]
    for path in LETTERS_DIR.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        # every $ starts a ${name} placeholder: no expressions, no stray dollars
        assert re.sub(r"\$\{[a-z_]+\}", "", text).count("$") == 0, path.name
        assert "{%" not in text
        assert "{{" not in text


def test_a_promise_not_yet_due_is_chased_as_due_not_as_broken() -> None:
    zh = draft_letter("chaser", "zh", the_case(), the_events(), NOW, promise_id=14)
    promises = section(zh, "贵方承诺的事项：", "请尽快")
    assert f"{PENDING}（应于 2024-11-30 18:00 前兑现），尚未到期" in promises
    assert "未兑现" not in promises.replace("前兑现", "")
    en = draft_letter("chaser", "en", the_case(), the_events(), NOW, promise_id=14)
    promises = section(en, "What you promised:", "Please do")
    assert f"{PENDING} (due by 30 Nov 2024 18:00). This is not yet due" in promises
    assert "has not been done" not in promises
    # once its due time has passed, the same promise is not kept
    later = at("2024-12-01 09:00")
    zh = draft_letter("chaser", "zh", the_case(), the_events(), later, promise_id=14)
    assert f"{PENDING}（应于 2024-11-30 18:00 前兑现），至今未兑现。" in zh
    en = draft_letter("chaser", "en", the_case(), the_events(), later, promise_id=14)
    assert f"{PENDING} (due by 30 Nov 2024 18:00). This has not been done." in en
