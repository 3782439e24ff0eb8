"""Promises, regulator clocks, the due list and its calendar export — records in, results out."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
import pytest
from records_factory import at, case, event, institution, promise, ref

from desktop_app.deadlines.clock import clock_lines, clock_sentence, regulator_clock
from desktop_app.deadlines.due import DueItem, bucket_due, due_items
from desktop_app.deadlines.ics import calendar_ics
from desktop_app.deadlines.promises import promise_status
from desktop_app.deadlines.rules import (
    RULES_FILE,
    RulesError,
    default_rules,
    next_body,
    parse_rules,
)
from desktop_app.deadlines.timeline import lodged_event
from desktop_app.deadlines.workdays import covers
from desktop_app.records import CaseRecord, EventRecord

RULES = default_rules()


def raw_rules() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    return data


def lodged(when: str, channel: str = "call", id: int = 1, case_id: int = 1) -> EventRecord:
    return event(id, when, channel, refs=(ref(f"REF-{id}"),), case_id=case_id)


NOW = at("2024-11-12 09:00")


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (promise("回电", "2024-11-13 17:00"), "pending"),
        (promise("回电", "2024-11-11 17:00"), "broken"),  # past due, not marked: broken
        (promise("回电", "2024-11-11 17:00", "kept"), "kept"),
        (promise("回电", "2024-11-13 17:00", "broken"), "broken"),  # marked broken early
        (promise("回电", None), "pending"),  # no due time: pending until marked
        (promise("回电", None, "broken"), "broken"),
        (promise("回电", "2024-11-12 09:00"), "pending"),  # due this very minute
    ],
)
def test_promise_status(made: Any, expected: str) -> None:
    assert promise_status(made, NOW) == expected


def test_lodged_event_defaults_to_the_first_outgoing_contact_with_a_reference() -> None:
    events = [
        event(5, "2024-11-05 10:00", refs=(ref("B"),)),
        event(2, "2024-11-01 10:00"),  # no reference
        event(3, "2024-11-02 10:00", direction="in", refs=(ref("SMS-1"),)),  # they contacted us
        event(4, "2024-11-02 11:00", "note", refs=(ref("N"),)),  # a note is not a contact
        event(6, "2024-11-03 10:00", "web", refs=(ref("A"),)),
    ]
    found = lodged_event(events, None)
    assert found is not None
    assert found.id == 6


def test_the_marked_event_wins_and_a_stale_mark_falls_back() -> None:
    events = [event(1, "2024-11-01 10:00"), lodged("2024-11-03 10:00", id=2)]
    marked = lodged_event(events, 1)
    assert marked is not None
    assert marked.id == 1
    fallback = lodged_event(events, 99)
    assert fallback is not None
    assert fallback.id == 2
    assert lodged_event([event(1, "2024-11-01 10:00")], None) is None
    assert lodged_event([], None) is None


def test_lodged_event_limited_to_regulator_filings() -> None:
    events = [lodged("2024-11-01 10:00", id=1), lodged("2024-11-04 10:00", "regulator", id=2)]
    found = lodged_event(events, None, channels={"regulator"})
    assert found is not None
    assert found.id == 2


def test_every_rule_carries_its_source_and_as_of_date() -> None:
    assert {r.id for r in RULES.rules} >= {
        "cn.nfra.complaints-2020", "cn.samr.12315", "cn.pboc.payment", "uk.fca.disp-1.6.2",
        "uk.fca.disp-1.6.2A", "us.cfpb.response", "eu.psd2.art101"}
    for rule in RULES.rules:
        assert rule.source.zh
        assert rule.source.en
        assert rule.as_of <= date.today()
        if not rule.verified:
            assert rule.note is not None
    assert RULES.rule("cn.nfra.complaints-2020").source.url.endswith(
        "finance.caixin.com/2020-01-17/101505443.html")
    assert RULES.rule("uk.fca.disp-1.6.2").source.url.endswith("/handbook/DISP/1/6")


def test_the_periods_are_the_ones_in_the_regulations() -> None:
    def periods(rule_id: str) -> list[tuple[str, int]]:
        return [(p.id, p.length) for p in RULES.rule(rule_id).periods]

    nfra = RULES.rule("cn.nfra.complaints-2020")
    assert nfra.unit == "calendar_days"
    assert periods(nfra.id) == [("decision", 15), ("complex", 30), ("extended", 60)]
    assert RULES.rule("cn.samr.12315").unit == "working_days"
    assert periods("cn.samr.12315") == [("acceptance", 7), ("mediation", 45)]
    assert RULES.rule("uk.fca.disp-1.6.2").unit == "weeks"
    assert periods("uk.fca.disp-1.6.2") == [("final_response", 8)]
    assert RULES.rule("uk.fca.disp-1.6.2A").unit == "business_days"
    assert periods("uk.fca.disp-1.6.2A") == [("final_response", 15), ("exceptional", 35)]
    assert periods("us.cfpb.response") == [("response", 15), ("closure", 60)]
    assert RULES.rule("eu.psd2.art101").unit == "business_days"
    assert periods("eu.psd2.art101") == [("reply", 15), ("exceptional", 35)]


def test_12363_is_marked_unverified() -> None:
    rule = RULES.rule("cn.pboc.payment")
    assert rule.verified is False
    assert rule.note is not None
    assert "12363" in rule.note.zh
    assert RULES.body("cn_pboc").hotline == "12363"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["rules"][0].update(unit="fortnights"), "unit"),
        (lambda d: d["rules"][0]["escalation"].update(body="nobody"), "unknown body"),
        (lambda d: d["rules"][0].update(verified=False, note=None), "note"),
        (lambda d: d["rules"][0].pop("source"), "source"),
        (lambda d: d["rules"][0].update(as_of="soon"), "date"),
        (lambda d: d["rules"].append(copy.deepcopy(d["rules"][0])), "share an id"),
        (lambda d: d["wording"]["en"].pop("answer"), "answer"),
        (lambda d: d["rules"][0]["periods"][0].update(length=0), "positive"),
    ],
)
def test_a_broken_rules_file_is_refused(change: Any, message: str) -> None:
    data = raw_rules()
    change(data)
    with pytest.raises(RulesError, match=message):
        parse_rules(data)


@pytest.mark.parametrize(
    ("jurisdiction", "kind", "rule_id"),
    [
        ("CN", "bank", "cn.nfra.complaints-2020"),
        ("CN", "insurer", "cn.nfra.complaints-2020"),
        ("CN", "lender", "cn.nfra.complaints-2020.lender"),
        ("CN", "payment", "cn.pboc.payment"),
        ("CN", "other", "cn.samr.12315"),
        ("CN", "regulator", None),
        ("UK", "bank", "uk.fca.disp-1.6.2"),
        ("UK", "insurer", "uk.fca.disp-1.6.2"),
        ("UK", "payment", "uk.fca.disp-1.6.2A"),
        ("US", "bank", "us.cfpb.response"),
        ("US", "insurer", None),
        ("EU", "payment", "eu.psd2.art101"),
        ("EU", "bank", "eu.psd2.art101"),
        ("EU", "insurer", None),
        ("none", "bank", None),
    ],
)
def test_rule_selection(jurisdiction: str, kind: str, rule_id: str | None) -> None:
    rule = RULES.rule_for(case(jurisdiction=jurisdiction, kind=kind))
    assert (rule.id if rule else None) == rule_id


def test_the_most_specific_rule_wins_whatever_its_place() -> None:
    data = raw_rules()
    base = data["rules"][0]
    general = {**copy.deepcopy(base), "id": "any-kind", "institution_kinds": "*"}
    by_category = {**copy.deepcopy(base), "id": "bank-frozen", "categories": ["frozen_funds"]}
    data["rules"] = [general, by_category, base]
    rules = parse_rules(data)
    assert rules.rule_for(case(kind="bank", category="frozen_funds")).id == "bank-frozen"
    assert rules.rule_for(case(kind="bank")).id == base["id"]
    assert rules.rule_for(case(kind="lender")).id == "any-kind"


@pytest.mark.parametrize(
    ("jurisdiction", "kind", "body", "hotline"),
    [
        ("CN", "bank", "国家金融监督管理总局", "12378"),
        ("CN", "insurer", "国家金融监督管理总局", "12378"),
        ("CN", "payment", "中国人民银行", "12363"),
        ("CN", "other", "全国12315平台", "12315"),
        ("UK", "bank", "Financial Ombudsman Service", "0800 023 4567"),
        ("UK", "payment", "Financial Ombudsman Service", "0800 023 4567"),
        ("US", "bank", "Consumer Financial Protection Bureau", "(855) 411-2372"),
    ],
)
def test_next_body(jurisdiction: str, kind: str, body: str, hotline: str) -> None:
    found = next_body(case(jurisdiction=jurisdiction, kind=kind))
    assert found is not None
    assert body in (found.name.zh, found.name.en)
    assert found.hotline == hotline


def test_no_body_without_a_jurisdiction() -> None:
    assert next_body(case(jurisdiction="none")) is None


def clock_at(c: CaseRecord, events: list[EventRecord], now: str, marked: int | None = None
             ) -> Any:
    clock = regulator_clock(c, events, RULES, at(now), marked)
    assert clock is not None
    return clock


def test_the_bank_clock_in_plain_words() -> None:
    c = case()
    clock = clock_at(c, [lodged("2024-11-03 10:00")], "2024-11-12 09:00")
    assert clock_lines(clock, c, "zh") == ("建设银行应于 2024-11-18 前答复（第 9 / 15 天）",
                                           "可于 2024-11-19 起向 12378 投诉")
    assert clock_lines(clock, c, "en") == (
        "China Construction Bank should answer by 18 Nov 2024 (day 9 of 15)",
        "You can complain to 12378 from 19 Nov 2024")
    assert clock_sentence(clock, c, "zh") == (
        "建设银行应于 2024-11-18 前答复（第 9 / 15 天）；可于 2024-11-19 起向 12378 投诉。")
    assert clock_sentence(clock, c, "en") == (
        "China Construction Bank should answer by 18 Nov 2024 (day 9 of 15). "
        "You can complain to 12378 from 19 Nov 2024.")
    assert clock.warnings == ()
    assert not clock.overdue


def test_the_clock_as_json() -> None:
    c = case()
    clock = clock_at(c, [lodged("2024-11-03 10:00")], "2024-11-12 09:00")
    data = clock.to_json()
    assert data["rule"] == "cn.nfra.complaints-2020"
    assert data["lodged_at"] == "2024-11-03T10:00:00+08:00"
    assert data["answer_due"] == "2024-11-18T23:59:59+08:00"
    assert data["escalate_from"] == "2024-11-19T00:00:00+08:00"
    assert data["escalate_to"]["hotline"] == "12378"
    assert "15 日内" in data["source"]
    assert (data["day_number"], data["total"], data["overdue"]) == (9, 15, False)
    assert [d["due"][:10] for d in data["deadlines"]] == ["2024-11-18", "2024-12-03",
                                                         "2025-01-02"]
    json.dumps(data)


def test_the_bank_clock_runs_out() -> None:
    c = case()
    events = [lodged("2024-11-03 10:00")]
    last_minute = clock_at(c, events, "2024-11-18 23:59")
    assert not last_minute.overdue
    assert clock_lines(last_minute, c, "zh")[0].endswith("（第 15 / 15 天）")
    late = clock_at(c, events, "2024-11-20 09:00")
    assert late.overdue
    assert clock_lines(late, c, "zh") == (
        "建设银行应于 2024-11-18 前答复（15 天已满，已逾期 2 天）",
        "已可向 12378 投诉（自 2024-11-19 起）")
    assert clock_lines(late, c, "en") == (
        "China Construction Bank should answer by 18 Nov 2024"
        " (all 15 days have run; 2 days overdue)",
        "You can complain to 12378 now (since 19 Nov 2024)")


def test_the_bank_clock_across_national_day() -> None:
    # 15 days after Fri 20 Sep 2024 is Sat 5 Oct, inside 国庆 (1–7 Oct): moves to Tue 8 Oct
    c = case()
    events = [lodged("2024-09-20 15:00")]
    clock = clock_at(c, events, "2024-09-29 10:00")
    assert clock.due_on == date(2024, 10, 8)
    assert clock.nominal_due_on == date(2024, 10, 5)
    assert clock_lines(clock, c, "zh") == (
        "建设银行应于 2024-10-08 前答复（第 9 / 15 天，遇休假日顺延）",
        "可于 2024-10-09 起向 12378 投诉")
    holiday = clock_at(c, events, "2024-10-06 10:00")
    assert not holiday.overdue
    assert clock_lines(holiday, c, "zh")[0] == (
        "建设银行应于 2024-10-08 前答复（15 天已满，遇休假日顺延）")
    assert clock_lines(holiday, c, "en")[0] == (
        "China Construction Bank should answer by 8 Oct 2024 "
        "(all 15 days have run, extended past a weekend or holiday)")
    assert clock_at(c, events, "2024-10-09 00:00").overdue
    # overdue counts from the day it moved to (8 Oct), not from 5 Oct
    late = clock_at(c, events, "2024-10-09 10:00")
    assert clock_lines(late, c, "zh")[0] == (
        "建设银行应于 2024-10-08 前答复（15 天已满，已逾期 1 天）")
    assert clock_lines(late, c, "en")[0] == (
        "China Construction Bank should answer by 8 Oct 2024 (all 15 days have run; "
        "1 day overdue)")
    assert clock_lines(clock_at(c, events, "2024-10-15 10:00"), c, "zh")[0].endswith(
        "已逾期 7 天）")


def test_a_last_day_on_a_worked_saturday_does_not_move() -> None:
    # 15 days after 27 Sep 2024 is Sat 12 Oct, a working day (调休)
    clock = clock_at(case(), [lodged("2024-09-27 09:00")], "2024-10-01 10:00")
    assert clock.due_on == date(2024, 10, 12)
    assert not clock.rolled


def test_the_bank_clock_across_spring_festival_and_the_year_end() -> None:
    # 15 days after 15 Jan 2025 is 30 Jan, inside 春节 (28 Jan – 4 Feb)
    spring = clock_at(case(), [lodged("2025-01-15 09:00")], "2025-01-20 09:00")
    assert spring.due_on == date(2025, 2, 5)
    assert spring.escalate_from == at("2025-02-06 00:00")
    # 15 days after 17 Dec 2024 is 1 Jan 2025, 元旦
    year_end = clock_at(case(), [lodged("2024-12-17 09:00")], "2024-12-30 09:00")
    assert year_end.due_on == date(2025, 1, 2)
    assert year_end.day_number == 13


def test_the_complaint_is_received_on_the_local_day() -> None:
    # 23:30 in Shanghai is 15:30 UTC: the local date counts
    clock = clock_at(case(), [lodged("2024-11-03 23:30")], "2024-11-04 08:00")
    assert clock.received_on == date(2024, 11, 3)
    assert clock.day_number == 1


def test_the_marked_event_starts_the_clock() -> None:
    events = [event(1, "2024-11-01 10:00", "app"), lodged("2024-11-03 10:00", id=2)]
    assert clock_at(case(), events, "2024-11-05 10:00").lodged_event_id == 2
    marked = clock_at(case(), events, "2024-11-05 10:00", marked=1)
    assert marked.lodged_event_id == 1
    assert marked.due_on == date(2024, 11, 18)  # 16 Nov is a Saturday: moves to Monday


def test_a_year_beyond_the_chinese_calendar_data_warns() -> None:
    last = max(year for year in range(2004, 2200) if covers(year, "CN"))
    c = case(kind="other")
    filing = event(1, f"{last}-12-24 10:00", "regulator", refs=(ref("12315-1"),))
    clock = clock_at(c, [filing], f"{last}-12-28 10:00")
    assert clock.due_on.year == last + 1
    assert clock.warnings
    assert str(last + 1) in clock.warnings[0]
    assert clock.to_json()["warnings"] == list(clock.warnings)
    inside = clock_at(c, [event(1, f"{last}-06-01 10:00", "regulator", refs=(ref("x"),))],
                      f"{last}-06-02 10:00")
    assert inside.warnings == ()


def test_the_12315_clock_counts_working_days_from_the_filing() -> None:
    c = case(kind="other", inst=institution("other", "某电商平台", "某电商", "A shop"))
    call = event(1, "2024-09-20 10:00", refs=(ref("SHOP-1"),))  # to the trader: no clock
    assert regulator_clock(c, [call], RULES, at("2024-09-27 10:00")) is None
    filing = event(2, "2024-09-26 10:00", "regulator", refs=(ref("12315-2024-1"),))
    clock = clock_at(c, [call, filing], "2024-10-08 10:00")
    # 27 Sep, 29 Sep (a worked Sunday), 30 Sep, [1–7 Oct 国庆], 8, 9, 10, 11 Oct
    assert clock.due_on == date(2024, 10, 11)
    assert (clock.day_number, clock.total) == (4, 7)
    # mediation: 45 working days from acceptance, at the latest from 11 Oct
    assert clock.deadlines[1].due == at("2024-12-12 23:59:59")
    assert clock_lines(clock, c, "zh") == (
        "市场监管部门应于 2024-10-11 前作出是否受理的决定（第 4 / 7 个工作日）",)
    assert clock_lines(clock, c, "en") == (
        "The market regulator should decide whether to accept the complaint by 11 Oct 2024 "
        "(working day 4 of 7)",)
    assert clock.escalate_to is None
    assert clock.to_json()["escalate_from"] is None


def test_once_escalated_the_clock_says_when_and_to_whom() -> None:
    """After the person has complained to the regulator, the clock no longer tells them they
    may: it says when they did, and to whom (the body's own name when it is the one the rule
    names, else whom the timeline says)."""
    c = case()
    events = [lodged("2024-11-03 10:00")]
    filing = event(2, "2024-11-19 09:30", "regulator", counterpart="国家金融监督管理总局",
                   contact="12378", refs=(ref("12378-1"),))
    clock = clock_at(c, [*events, filing], "2024-11-20 09:00")
    assert clock.escalated_at == at("2024-11-19 09:30")
    assert clock_lines(clock, c, "zh") == (
        "建设银行应于 2024-11-18 前答复（15 天已满，已逾期 2 天）",
        "已于 2024-11-19 向 12378 投诉")
    assert clock_lines(clock, c, "en")[1] == "Complained to 12378 on 19 Nov 2024"
    # to another body: named as the timeline has it
    other = event(2, "2024-11-19 09:30", "regulator", counterpart="中国人民银行上海分行",
                  contact="12363")
    zh = clock_lines(clock_at(c, [*events, other], "2024-11-20 09:00"), c, "zh")
    assert zh[1] == "已于 2024-11-19 向 中国人民银行上海分行 投诉"
    # a filing before the complaint was lodged, or one made to them, does not count
    early = event(3, "2024-11-01 09:00", "regulator", counterpart="12378")
    incoming = event(4, "2024-11-19 10:00", "regulator", direction="in", counterpart="12378")
    still = clock_at(c, [early, *events, incoming], "2024-11-20 09:00")
    assert still.escalated_at is None
    assert clock_lines(still, c, "zh")[1] == "已可向 12378 投诉（自 2024-11-19 起）"


def test_the_uk_clock_once_referred() -> None:
    c = case(jurisdiction="UK", inst=institution("bank", "Barclays Bank UK PLC", "Barclays",
                                                  "Barclays"))
    referred = event(2, "2025-02-03 10:00", "regulator",
                     counterpart="the Financial Ombudsman Service")
    clock = clock_at(c, [lodged("2024-12-02 10:00"), referred], "2025-02-04 10:00")
    assert clock_lines(clock, c, "en")[1] == (
        "Referred to the Financial Ombudsman Service on 3 Feb 2025")
    assert clock_lines(clock, c, "zh")[1] == "已于 2025-02-03 向英国金融申诉专员服务机构申诉"


def test_the_12363_clock_says_it_is_not_verified() -> None:
    c = case(kind="payment", inst=institution("payment", "支付宝", "支付宝", "Alipay"))
    clock = clock_at(c, [lodged("2024-11-03 10:00")], "2024-11-05 10:00")
    assert clock.rule == "cn.pboc.payment"
    assert not clock.verified
    assert clock.warnings
    zh = clock_lines(clock, c, "zh")
    assert zh[0] == "支付宝应于 2024-11-18 前答复（第 2 / 15 天）（该期限未经核实）"
    assert zh[1] == "可于 2024-11-19 起向 12363 投诉"
    assert "not verified" in clock_lines(clock, c, "en")[0]
    assert clock.to_json()["verified"] is False


def test_the_uk_eight_weeks() -> None:
    c = case(jurisdiction="UK", inst=institution("bank", "Barclays Bank UK PLC", "Barclays",
                                                  "Barclays"))
    clock = clock_at(c, [lodged("2024-12-02 10:00")], "2024-12-22 10:00")
    # eight weeks after Monday 2 Dec 2024, Christmas regardless
    assert clock.due_on == date(2025, 1, 27)
    assert (clock.day_number, clock.total) == (20, 56)
    assert clock_lines(clock, c, "en") == (
        "Barclays should send its final response by 27 Jan 2025 (day 20 of 56)",
        "You can refer the complaint to the Financial Ombudsman Service from 28 Jan 2025, or "
        "once you have the final response; refer within 6 months of the final response")
    assert clock.escalate_to is not None
    assert clock.escalate_to.id == "uk_fos"


@pytest.mark.parametrize(
    ("lodged_on", "due", "exceptional"),
    [
        # Christmas Day, Boxing Day and New Year's Day 2024/25
        ("2024-12-20", date(2025, 1, 15), date(2025, 2, 12)),
        # Easter 2025 (Good Friday 18 Apr, Easter Monday 21 Apr) and 5 May
        ("2025-04-10", date(2025, 5, 6), date(2025, 6, 4)),
    ],
)
def test_the_uk_payment_services_business_days(lodged_on: str, due: date,
                                               exceptional: date) -> None:
    c = case(jurisdiction="UK", kind="payment",
             inst=institution("payment", "Wise Payments Ltd", "Wise", "Wise"))
    clock = clock_at(c, [lodged(f"{lodged_on} 10:00")], f"{lodged_on} 12:00")
    assert clock.rule == "uk.fca.disp-1.6.2A"
    assert clock.due_on == due
    assert clock.deadlines[1].due == at(f"{exceptional.isoformat()} 23:59:59")
    assert (clock.day_number, clock.total, clock.unit) == (0, 15, "business_days")
    assert not clock.escalation_verified
    assert clock.warnings  # the escalation reading is ours


def test_the_cfpb_clock_runs_from_the_cfpb_filing() -> None:
    c = case(jurisdiction="US", inst=institution("bank", "Wells Fargo Bank", "Wells Fargo",
                                                  "Wells Fargo"))
    to_bank = lodged("2024-11-01 10:00")
    assert regulator_clock(c, [to_bank], RULES, at("2024-11-05 10:00")) is None
    filing = event(2, "2024-11-04 10:00", "regulator", refs=(ref("241104-1234567"),))
    clock = clock_at(c, [to_bank, filing], "2024-11-10 10:00")
    assert clock.due_on == date(2024, 11, 19)
    assert clock_lines(clock, c, "en") == (
        "Wells Fargo should respond to your CFPB complaint by 19 Nov 2024 (day 6 of 15)",)


def test_the_psd2_clock_skips_target2_days() -> None:
    c = case(jurisdiction="EU", kind="payment",
             inst=institution("payment", "N26 Bank", "N26", "N26"))
    clock = clock_at(c, [lodged("2025-04-16 10:00")], "2025-04-22 10:00")
    # 17 Apr, [18, 21 Apr Easter], 22 … 30 Apr, [1 May], 2 … 12 May
    assert clock.due_on == date(2025, 5, 12)
    assert clock.day_number == 2
    assert clock.escalate_to is not None
    assert not clock.escalation_verified


@pytest.mark.parametrize(
    "c",
    [
        case(jurisdiction="none"),
        case(status="resolved"),
        case(status="closed_unresolved"),
        case(jurisdiction="US", kind="insurer"),
    ],
)
def test_no_clock(c: CaseRecord) -> None:
    assert regulator_clock(c, [lodged("2024-11-03 10:00")], RULES, NOW) is None


def test_no_clock_before_anything_is_lodged() -> None:
    assert regulator_clock(case(), [event(1, "2024-11-03 10:00")], RULES, NOW) is None


def test_the_clock_keeps_running_once_escalated() -> None:
    clock = regulator_clock(case(status="escalated"), [lodged("2024-11-03 10:00")], RULES, NOW)
    assert clock is not None


DUE_NOW = at("2024-11-12 09:00")


def due_fixture() -> list[tuple[CaseRecord, list[EventRecord]]]:
    bank = case(1)
    bank_events = [
        event(1, "2024-11-03 10:00", refs=(ref("CCB-1"),), promises=(
            promise("三个工作日内回电", "2024-11-06 18:00", id=11),  # broken by time
            promise("寄送流水", "2024-11-04 18:00", "kept", id=12),  # kept: not listed
            promise("记录在案", None, id=13),  # no due time: not listed
        )),
        event(2, "2024-11-11 10:00", promises=(
            promise("今天下午回电", "2024-11-12 16:00", id=14),  # due today
            promise("下周一给结果", "2024-11-18 12:00", id=15),  # this week
            promise("月底前退款", "2024-11-30 12:00", id=16),  # later
        )),
    ]
    shop = case(2, kind="other", title="网购退款",
                inst=institution("other", "某电商平台", "某电商", "A shop", id=9))
    shop_events = [event(3, "2024-11-08 10:00", "regulator", case_id=2,
                         refs=(ref("12315-9"),), promises=(
                             promise("商家答复", "2024-11-10 12:00", "broken", id=17),))]
    closed = case(3, status="resolved", title="已解决")
    closed_events = [event(4, "2024-11-01 10:00", case_id=3, refs=(ref("X"),),
                           promises=(promise("旧承诺", "2024-11-02 10:00", id=18),))]
    return [(bank, bank_events), (shop, shop_events), (closed, closed_events)]


def test_due_items_soonest_first() -> None:
    items = due_items(due_fixture(), RULES, DUE_NOW, lang="zh")
    listed = [(i.case_id, i.kind, i.promise_id, i.due, i.overdue) for i in items]
    assert listed == [
        (1, "promise", 11, at("2024-11-06 18:00"), True),
        (2, "promise", 17, at("2024-11-10 12:00"), True),
        (1, "promise", 14, at("2024-11-12 16:00"), False),
        (1, "promise", 15, at("2024-11-18 12:00"), False),
        (1, "regulator", None, at("2024-11-18 23:59:59"), False),
        # 12315 filed Fri 8 Nov: 11–15, 18, 19 Nov
        (2, "regulator", None, at("2024-11-19 23:59:59"), False),
        (1, "promise", 16, at("2024-11-30 12:00"), False),
    ]
    assert [i.due for i in items] == sorted(i.due for i in items)
    assert {i.promise_id for i in items if i.kind == "promise"} == {11, 14, 15, 16, 17}
    regulator = [i for i in items if i.kind == "regulator"]
    assert [i.case_id for i in regulator] == [1, 2]
    assert regulator[0].text == "建设银行应于 2024-11-18 前答复（第 9 / 15 天）"
    assert regulator[1].text.startswith("市场监管部门应于 2024-11-19 前")


def test_due_items_as_json() -> None:
    items = due_items(due_fixture(), RULES, DUE_NOW)
    first = items[0].to_json()
    assert first == {"case_id": 1, "kind": "promise", "text": "三个工作日内回电",
                     "due": "2024-11-06T18:00:00+08:00", "overdue": True}
    regulator = next(i for i in items if i.kind == "regulator" and i.case_id == 1)
    assert regulator.to_json() == {
        "case_id": 1, "kind": "regulator",
        "text": "China Construction Bank should answer by 18 Nov 2024 (day 9 of 15)",
        "due": "2024-11-18T23:59:59+08:00", "overdue": False}
    json.dumps([i.to_json() for i in items])


def test_the_marked_lodged_event_reaches_the_due_list() -> None:
    c = case()
    events = [event(1, "2024-11-01 10:00", "app"), lodged("2024-11-03 10:00", id=2)]
    items = due_items([(c, events)], RULES, DUE_NOW, marked_events={1: 1})
    assert [i.due for i in items] == [at("2024-11-18 23:59:59")]  # 16 Nov moves to Monday
    items = due_items([(c, events)], RULES, at("2024-11-19 09:00"), marked_events={1: 1})
    assert items[0].overdue


def test_buckets() -> None:
    buckets = bucket_due(due_items(due_fixture(), RULES, DUE_NOW), DUE_NOW)
    assert [i.promise_id for i in buckets.overdue] == [11, 17]
    assert [i.promise_id for i in buckets.today] == [14]
    assert [(i.kind, i.case_id) for i in buckets.this_week] == [
        ("promise", 1), ("regulator", 1), ("regulator", 2)]
    assert [i.promise_id for i in buckets.later] == [16]


def test_buckets_follow_the_local_day() -> None:
    now = at("2024-11-12 23:00")  # 15:00 UTC
    def item(due: str) -> DueItem:
        return DueItem(1, "promise", due, at(due), at(due) < now, f"u-{due}")
    buckets = bucket_due([item("2024-11-12 23:30"), item("2024-11-13 00:30"),
                          item("2024-11-19 23:59"), item("2024-11-20 00:01"),
                          item("2024-11-12 22:59")], now)
    assert [i.text for i in buckets.overdue] == ["2024-11-12 22:59"]
    assert [i.text for i in buckets.today] == ["2024-11-12 23:30"]
    assert [i.text for i in buckets.this_week] == ["2024-11-13 00:30", "2024-11-19 23:59"]
    assert [i.text for i in buckets.later] == ["2024-11-20 00:01"]


def test_the_calendar_parses_back() -> None:
    items = due_items(due_fixture(), RULES, DUE_NOW, lang="zh")
    stamp = datetime(2024, 11, 12, 1, 0, tzinfo=UTC)
    data = calendar_ics(items, stamp=stamp)
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(items)
    for parsed, item in zip(events, items, strict=True):
        assert parsed.decoded("dtstart") == item.due
        assert str(parsed["summary"]).startswith(item.text)
        assert item.case_title in str(parsed["summary"])
        assert str(parsed["uid"]) == item.uid
        alarms = list(parsed.walk("VALARM"))
        assert len(alarms) == 1
        assert alarms[0].decoded("trigger") < timedelta(0)
    assert len({str(e["uid"]) for e in events}) == len(events)
    # the same items give the same file: UIDs are stable
    assert calendar_ics(items, stamp=stamp) == data
    later = due_items(due_fixture(), RULES, DUE_NOW + timedelta(days=1), lang="zh")
    assert {i.uid for i in later} == {i.uid for i in items}


def test_an_empty_calendar_is_still_a_calendar() -> None:
    cal = icalendar.Calendar.from_ical(calendar_ics([]))
    assert list(cal.walk("VEVENT")) == []
    assert str(cal["version"]) == "2.0"


def test_an_unknown_language_is_refused() -> None:
    c = case()
    clock = clock_at(c, [lodged("2024-11-03 10:00")], "2024-11-12 09:00")
    with pytest.raises(ValueError, match="language"):
        clock_sentence(clock, c, "fr")
