"""The command-line contract, in-process and as ``python -m desktop_app``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_run import CLI
from raw_sqlite import table_counts

AT = "2024-03-01 10:00"




def run_module(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m desktop_app`` as a separate process; output is left as bytes."""
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), *args],
        capture_output=True, timeout=60, check=False, env={**os.environ, **env},
    )


def new_case(cli: CLI, *extra: str) -> int:
    result = cli("case", "new", "--title", "建行小程序转账失败", "--institution", "建设银行",
                 *extra)
    assert result.code == 0, result.err
    return int(result.out)


def add_event(cli: CLI, case_id: int, *extra: str, at: str = AT) -> int:
    result = cli("event", "add", str(case_id), "--channel", "call", "--at", at, *extra)
    assert result.code == 0, result.err
    return int(result.out)


# ---- cases -------------------------------------------------------------------------------


def test_case_new_prints_the_id_alone(cli: CLI, db_path: Path) -> None:
    result = cli("case", "new", "--title", "转账失败", "--institution", "建设银行")
    assert result.code == 0
    assert result.err == ""
    assert result.out.strip().isdigit()
    assert result.out == f"{result.out.strip()}\n"
    case_id = int(result.out)

    shown = cli("case", "show", str(case_id), "--json").json()
    assert shown["id"] == case_id
    assert shown["title"] == "转账失败"
    assert shown["institution"] == "中国建设银行"
    assert table_counts(db_path)["case"] == 1


def test_case_new_with_every_option_and_json(cli: CLI) -> None:
    created = cli(
        "case", "new", "--title", "冻结资金", "--institution", "工商银行",
        "--product", "工行手机银行", "--category", "frozen_funds", "--amount", "5000.00",
        "--currency", "cny", "--incident-at", "2024-03-01 09:30",
        "--description", "事实与理由", "--desired-outcome", "解冻并道歉",
        "--jurisdiction", "UK", "--json",
    ).json()

    assert isinstance(created["id"], int)
    assert created["title"] == "冻结资金"
    assert created["institution"] == "中国工商银行"
    assert created["product"] == "工行手机银行"
    assert created["category"] == "frozen_funds"
    assert (created["amount"], created["currency"]) == ("5000.00", "CNY")
    assert created["incident_at"] == "2024-03-01T09:30:00+08:00"
    assert created["description"] == "事实与理由"
    assert created["desired_outcome"] == "解冻并道歉"
    assert created["jurisdiction"] == "UK"
    assert created["status"] == "open"
    shown = cli("case", "show", str(created["id"]), "--json").json()
    assert {k: shown[k] for k in created} == created


@pytest.mark.parametrize(
    ("typed", "stored"), [("5000", "5000.00"), ("5,000.5", "5000.50"), ("0.01", "0.01")]
)
def test_amounts_are_kept_exactly(cli: CLI, typed: str, stored: str) -> None:
    case_id = new_case(cli, "--amount", typed)
    assert cli("case", "show", str(case_id), "--json").json()["amount"] == stored


def test_an_unknown_institution_is_added_to_the_directory(cli: CLI) -> None:
    before = cli("institution", "list", "--json").json()
    assert "某某网络小贷" not in {i["name"] for i in before}

    case_id = int(cli("case", "new", "--title", "暴力催收", "--institution", "某某网络小贷").out)

    after = cli("institution", "list", "--json").json()
    assert len(after) == len(before) + 1
    (added,) = [i for i in after if i["name"] == "某某网络小贷"]
    assert added["kind"] == "other"
    assert added["seeded"] is False
    assert cli("case", "show", str(case_id), "--json").json()["institution"] == "某某网络小贷"


def test_case_list(cli: CLI) -> None:
    assert cli("case", "list", "--json").json() == []
    first = new_case(cli)
    second = int(cli("case", "new", "--title", "第二个", "--institution", "招商银行").out)

    listed = cli("case", "list", "--json").json()
    assert isinstance(listed, list)
    assert {c["id"] for c in listed} == {first, second}
    by_id = {c["id"]: c for c in listed}
    assert by_id[second]["institution"] == "招商银行"
    assert by_id[first]["title"] == "建行小程序转账失败"
    for case in listed:
        assert {"id", "title", "institution", "status", "category"} <= case.keys()

    text = cli("case", "list")
    assert text.code == 0
    assert len(text.out.splitlines()) == 2
    assert "第二个" in text.out


def test_case_show_json_has_the_whole_timeline_oldest_first(cli: CLI) -> None:
    case_id = new_case(cli, "--product", "建行微信小程序", "--description", "经过",
                       "--desired-outcome", "退款")
    later = add_event(cli, case_id, "--summary", "第二次", at="2024-03-04 15:00")
    earlier = add_event(
        cli, case_id, "--direction", "in", "--counterpart", "李女士", "--contact", "95533",
        "--duration", "21", "--summary", "第一次", "--details", "细节",
        "--ref", "投诉编号=20240301-0001", "--ref", "工单号 = T-77",
        "--promise", "三个工作日内回电", "--due", "2024-03-06 18:00",
        at="2024-03-01 10:00",
    )

    shown = cli("case", "show", str(case_id), "--json").json()

    for key in ("id", "title", "institution", "product", "category", "status", "description",
                "desired_outcome", "events", "evidence"):
        assert key in shown
    assert (shown["product"], shown["description"], shown["desired_outcome"]) == (
        "建行微信小程序", "经过", "退款")
    assert shown["evidence"] == []
    assert [e["id"] for e in shown["events"]] == [earlier, later]
    first = shown["events"][0]
    for key in ("id", "at", "channel", "direction", "counterpart", "contact", "summary",
                "details", "references", "promises"):
        assert key in first
    assert first["at"] == "2024-03-01T10:00:00+08:00"
    assert (first["channel"], first["direction"]) == ("call", "in")
    assert (first["counterpart"], first["contact"]) == ("李女士", "95533")
    assert first["duration_seconds"] == 21 * 60
    assert (first["summary"], first["details"]) == ("第一次", "细节")
    assert [{"label": r["label"], "value": r["value"]} for r in first["references"]] == [
        {"label": "complaint_no", "value": "20240301-0001"},  # known kinds, by key
        {"label": "ticket_no", "value": "T-77"},
    ]
    (promise,) = first["promises"]
    assert isinstance(promise["id"], int)
    assert (promise["text"], promise["due"], promise["state"]) == (
        "三个工作日内回电", "2024-03-06T18:00:00+08:00", "pending")
    second = shown["events"][1]
    assert second["direction"] == "out"
    assert (second["references"], second["promises"]) == ([], [])

    text = cli("case", "show", str(case_id))
    assert text.code == 0
    assert "第一次" in text.out
    assert "三个工作日内回电" in text.out


# ---- events ------------------------------------------------------------------------------


def test_event_add_prints_the_id_alone(cli: CLI, db_path: Path) -> None:
    case_id = new_case(cli)
    result = cli("event", "add", str(case_id), "--channel", "wechat", "--at", AT)
    assert result.code == 0
    assert result.err == ""
    assert result.out == f"{int(result.out)}\n"
    (event,) = cli("case", "show", str(case_id), "--json").json()["events"]
    assert event["id"] == int(result.out)
    assert event["channel"] == "wechat"
    assert table_counts(db_path)["event"] == 1


def test_event_add_json_and_a_promise_without_a_due_time(cli: CLI) -> None:
    case_id = new_case(cli)
    event = cli("event", "add", str(case_id), "--channel", "regulator", "--at",
                "2024-03-08T09:00:00+00:00", "--promise", "15日内答复", "--promise", "书面回复",
                "--due", "2024-03-23 17:00", "--json").json()
    assert event["case_id"] == case_id
    assert event["at"] == "2024-03-08T17:00:00+08:00"
    assert [(p["text"], p["due"]) for p in event["promises"]] == [
        ("15日内答复", "2024-03-23T17:00:00+08:00"), ("书面回复", None)]
    shown = cli("case", "show", str(case_id), "--json").json()
    assert shown["events"] == [event]


@pytest.mark.parametrize("channel", ["call", "visit", "web", "app", "wechat", "email", "letter",
                                     "sms", "social", "regulator", "note", "unsolicited"])
def test_every_channel_is_accepted(cli: CLI, channel: str) -> None:
    case_id = new_case(cli)
    add = cli("event", "add", str(case_id), "--channel", channel, "--at", AT)
    assert add.code == 0, add.err
    (event,) = cli("case", "show", str(case_id), "--json").json()["events"]
    assert event["channel"] == channel


def test_institution_list(cli: CLI) -> None:
    listed = cli("institution", "list", "--json").json()
    assert len(listed) >= 20
    by_name = {i["name"]: i for i in listed}
    assert by_name["中国建设银行"]["hotline"] == "95533"
    assert by_name["中国工商银行"]["hotline"] == "95588"
    assert by_name["国家金融监督管理总局"]["kind"] == "regulator"
    text = cli("institution", "list")
    assert text.code == 0
    assert len(text.out.splitlines()) == len(listed)
    assert "95533" in text.out


# ---- errors: one line on stderr, non-zero, nothing changed ---------------------------------

EVENT = ("event", "add", "1", "--channel", "call", "--at", AT)
NEW = ("case", "new", "--title", "不该写入", "--institution", "不该出现的机构")

ERRORS = {
    "bad date": ("event", "add", "1", "--channel", "call", "--at", "2024-02-30 10:00"),
    "unreadable date": ("event", "add", "1", "--channel", "call", "--at", "明天上午"),
    "bad due date": (*EVENT, "--promise", "回电", "--due", "next week"),
    "unknown channel": ("event", "add", "1", "--channel", "fax", "--at", AT),
    "unknown direction": (*EVENT, "--direction", "both"),
    "unknown case for event": ("event", "add", "999", "--channel", "call", "--at", AT),
    "case id not a number": ("event", "add", "one", "--channel", "call", "--at", AT),
    "unknown case to show": ("case", "show", "999", "--json"),
    "bad amount": (*NEW, "--amount", "abc"),
    "negative amount": (*NEW, "--amount=-5"),
    "huge amount": (*NEW, "--amount", "1e30"),
    "NaN amount": (*NEW, "--amount", "NaN"),
    "bad incident time": (*NEW, "--incident-at", "2024-13-01"),
    "unknown category": (*NEW, "--category", "fraud"),
    "unknown jurisdiction": (*NEW, "--jurisdiction", "JP"),
    "blank title": ("case", "new", "--title", "  ", "--institution", "不该出现的机构"),
    "ref without =": (*EVENT, "--ref", "20240301-0001"),
    "ref without value": (*EVENT, "--ref", "投诉编号="),
    "missing --institution": ("case", "new", "--title", "不该写入"),
    "missing --title": ("case", "new", "--institution", "不该出现的机构"),
    "missing --channel": ("event", "add", "1", "--at", AT),
    "missing --at": ("event", "add", "1", "--channel", "call"),
    "--due without --promise": (*EVENT, "--due", "2024-03-06 18:00"),
    "negative duration": (*EVENT, "--duration=-3"),
    "infinite duration": (*EVENT, "--duration", "inf"),
    "absurd duration": (*EVENT, "--duration", "1e300"),
    "no action": ("case",),
    "unknown command": ("frobnicate",),
}


@pytest.mark.parametrize("args", list(ERRORS.values()), ids=list(ERRORS))
def test_an_error_is_one_line_on_stderr_and_changes_nothing(
    cli: CLI, db_path: Path, args: tuple[str, ...]
) -> None:
    case_id = new_case(cli)
    assert case_id == 1
    add_event(cli, case_id, "--ref", "投诉编号=1", "--promise", "回电", "--due", AT)
    shown = cli("case", "show", "1", "--json").json()
    institutions = cli("institution", "list", "--json").json()
    before = table_counts(db_path)

    result = cli(*args)

    assert result.code != 0
    assert result.out == ""
    assert result.err.endswith("\n")
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert table_counts(db_path) == before
    assert cli("case", "show", "1", "--json").json() == shown
    assert cli("institution", "list", "--json").json() == institutions


def test_event_delete(cli: CLI, db_path: Path) -> None:
    case_id = new_case(cli)
    event_id = add_event(cli, case_id, "--ref", "编号=1")
    before = table_counts(db_path)
    assert cli("event", "delete", str(event_id)).code == 0
    assert cli("case", "show", str(case_id), "--json").json()["events"] == []
    assert table_counts(db_path)["audit_entry"] == before["audit_entry"] + 1
    again = cli("event", "delete", str(event_id))
    assert again.code != 0
    assert again.err.count("\n") == 1


# ---- Chinese text, in and out --------------------------------------------------------------

TEXT = {
    "title": "建行小程序转账失败：资金被冻结 🥶",
    "institution": "某某消费金融有限公司（测试）",
    "summary": "客服称“系统升级”，让我等待…",
    "details": "第一行\n第二行 ✅ 全角　空格",
    "label": "客服记录编码",  # a label of one's own (known kinds are stored by key)
    "value": "CCB-２０２４-0301",
    "counterpart": "王经理 👩‍💼 工号Ａ0815",
}

CASE_ARGS = ("case", "new", "--title", TEXT["title"], "--institution", TEXT["institution"])


def event_args(case_id: int) -> tuple[str, ...]:
    return ("event", "add", str(case_id), "--channel", "call", "--at", AT,
            "--counterpart", TEXT["counterpart"], "--summary", TEXT["summary"],
            "--details", TEXT["details"], "--ref", f"{TEXT['label']}={TEXT['value']}")


def assert_text_intact(shown: dict[str, Any]) -> None:
    assert shown["title"] == TEXT["title"]
    assert shown["institution"] == TEXT["institution"]
    (event,) = shown["events"]
    assert event["counterpart"] == TEXT["counterpart"]
    assert event["summary"] == TEXT["summary"]
    assert event["details"] == TEXT["details"]
    assert [(r["label"], r["value"]) for r in event["references"]] == [
        (TEXT["label"], TEXT["value"])]


def test_chinese_text_round_trips_in_process(cli: CLI, data_dir: Path) -> None:
    case_id = int(cli(*CASE_ARGS).out)
    added = cli(*event_args(case_id))
    assert added.code == 0, added.err
    assert added.out == f"{int(added.out)}\n"
    shown = cli("case", "show", str(case_id), "--json").json()
    assert_text_intact(shown)
    # and stored as such: a fresh Casebook reading the file gives the same
    from desktop_app.services.book import Casebook

    with Casebook.open(data_dir) as book:
        assert book.cases.case_json(case_id) == shown


def test_the_module_entry_point_round_trips_chinese_text(cli: CLI, data_dir: Path) -> None:
    created = run_module(data_dir, *CASE_ARGS)
    assert created.returncode == 0, created.stderr.decode("utf-8")
    assert created.stderr == b""
    case_id = int(created.stdout.decode("utf-8"))
    assert cli(*event_args(case_id)).code == 0  # in-process: each subprocess costs seconds

    # A console that is not UTF-8 (a Chinese Windows one is GBK): the CLI still writes UTF-8.
    shown = run_module(data_dir, "case", "show", str(case_id), "--json",
                       PYTHONIOENCODING="gbk")
    assert shown.returncode == 0, shown.stderr.decode("utf-8")
    assert_text_intact(json.loads(shown.stdout.decode("utf-8")))


def test_the_module_entry_point_reports_errors_on_one_line(data_dir: Path) -> None:
    proc = run_module(data_dir, "event", "add", "1", "--channel", "call", "--at", "某天")
    assert proc.returncode != 0
    assert proc.stdout == b""
    lines = proc.stderr.decode("utf-8").splitlines()
    assert len(lines) == 1
    assert "某天" in lines[0]


@pytest.mark.parametrize(("amount", "reason"), [
    ("1e30", "not an amount"), ("5,0,0", "not an amount"), ("1e-400", "not an amount"),
    ("0", "more than zero"), ("1" * 23, "too large"), ("12.345", "two decimal places"),
    ("", "give an amount"),
])
def test_an_amount_the_window_would_refuse_the_cli_refuses_in_one_line(
        cli: CLI, amount: str, reason: str) -> None:
    result = cli("case", "new", "--title", "冻结", "--institution", "建设银行",
                 "--amount", amount)
    assert result.code == 2
    assert reason in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert cli("case", "list", "--json").json() == []


@pytest.mark.parametrize(("amount", "stored"), [
    ("5,000", "5000.00"), ("¥1,280.5", "1280.50"), ("5万", "50000.00"), ("５０００", "5000.00"),
])
def test_amounts_as_people_write_them(cli: CLI, amount: str, stored: str) -> None:
    case = cli("case", "new", "--title", "冻结", "--institution", "建设银行", "--amount",
               amount).ok().strip()
    assert cli("case", "show", case, "--json").json()["amount"] == stored


def test_an_empty_summary_is_refused_as_the_window_refuses_it(cli: CLI) -> None:
    case = str(new_case(cli))
    for blank in ("", "   "):
        result = cli("event", "add", case, "--channel", "call", "--at", "2024-11-01 09:30",
                     "--summary", blank)
        assert result.code == 2
        assert "--summary is empty" in result.err
    assert cli("case", "show", case, "--json").json()["events"] == []


def test_case_show_says_the_incident_time_and_leaves_out_what_is_empty(cli: CLI) -> None:
    case = cli("case", "new", "--title", "冻结", "--institution", "中国建设银行",
               "--incident-at", "2024-10-28 14:05").ok().strip()
    shown = cli("case", "show", case).ok().splitlines()
    assert shown[1] == "  中国建设银行 · open"
    assert shown[2] == "  incident: 2024-10-28T14:05:00+08:00"
