"""``event add --from-notes`` offers what the notes state; ``--promise`` without ``--due``
takes the period the promise's words state."""

from __future__ import annotations

from cli_run import CLI

NOTES = ("2024年9月27日 15:30 打95533，客服工号：8842，投诉编号：TS2024092700123，"
         "页面显示￥500.00，实际扣款5,000.00元")


def new_case(cli: CLI, *extra: str) -> str:
    return cli("case", "new", "--title", "建行小程序转账金额错误", "--institution", "建设银行",
               *extra).ok().strip()


def test_a_promise_without_due_takes_the_period_its_words_state(cli: CLI) -> None:
    case = new_case(cli)
    out = cli("event", "add", case, "--channel", "call", "--at", "2024-09-27 15:30",
              "--promise", "3个工作日内回电").ok()
    event_id, said = out.splitlines()
    assert said == "promise due 2024-10-08 23:59 (3个工作日 from the entry's time)"
    shown = cli("case", "show", case, "--json").json()
    [event] = shown["events"]
    assert event["id"] == int(event_id)
    assert event["promises"][0]["due"] == "2024-10-08T23:59:59+08:00"


def test_an_explicit_due_wins_and_a_promise_without_period_stays_without(cli: CLI) -> None:
    case = new_case(cli)
    event = cli("event", "add", case, "--channel", "call", "--at", "2024-09-27 15:30",
                "--promise", "48小时内解冻", "--due", "2024-09-28 12:00",
                "--promise", "书面回复", "--promise", "一周内寄出流水", "--json").json()
    assert [(p["text"], p["due"]) for p in event["promises"]] == [
        ("48小时内解冻", "2024-09-28T12:00:00+08:00"),
        ("书面回复", None),
        ("一周内寄出流水", "2024-10-04T23:59:59+08:00"),
    ]
    assert "suggestions" not in event


def test_working_days_follow_the_cases_jurisdiction(cli: CLI) -> None:
    case = new_case(cli, "--jurisdiction", "UK")
    event = cli("event", "add", case, "--channel", "email", "--at", "2024-09-27 15:30",
                "--promise", "reply within 3 business days", "--json").json()
    assert event["promises"][0]["due"] == "2024-10-02T23:59:59+08:00"


def test_from_notes_prints_suggestions_and_adds_nothing(cli: CLI) -> None:
    case = new_case(cli)
    out = cli("event", "add", case, "--channel", "call", "--at", "2024-09-27 15:30",
              "--summary", "转账金额显示错误", "--details", NOTES, "--from-notes").ok()
    lines = out.splitlines()
    assert lines[0].isdigit()
    assert lines[1:] == [
        "suggestion: phone 95533 [hotline] — record with: --contact 95533",
        "suggestion: agent_id 8842 (客服工号) — record with: --agent-id 8842",
        "suggestion: reference TS2024092700123 (投诉编号) — record with: "
        "--ref 投诉编号=TS2024092700123",
        f"suggestion: amount 500.00 — record with: casebook case edit {case} --amount 500.00",
        f"suggestion: amount 5000.00 — record with: casebook case edit {case} --amount 5000.00",
    ]  # the time is the entry's own: not offered
    [event] = cli("case", "show", case, "--json").json()["events"]
    assert (event["agent_id"], event["contact"], event["references"]) == ("", "", [])


def test_from_notes_skips_what_the_entry_holds_and_lists_json(cli: CLI) -> None:
    case = new_case(cli)
    event = cli("event", "add", case, "--channel", "call", "--at", "2024-09-28 09:00",
                "--details", NOTES, "--agent-id", "8842", "--contact", "95533",
                "--ref", "投诉编号=TS2024092700123", "--promise", "明天回电",
                "--from-notes", "--json").json()
    assert event["suggestions"] == [
        {"kind": "time", "value": "2024-09-27T15:30:00+08:00"},
        {"kind": "amount", "value": "500.00"},
        {"kind": "amount", "value": "5000.00"},
    ]
    assert event["promises"][0]["due"] == "2024-09-29T23:59:59+08:00"


def test_a_card_number_in_the_notes_is_shown_masked(cli: CLI) -> None:
    case = new_case(cli)
    out = cli("event", "add", case, "--channel", "visit", "--at", "2024-09-27 15:30",
              "--details", "卡号 6222 0212 3456 7890 128", "--from-notes").ok()
    assert out.splitlines()[1:] == [
        "suggestion: card ending 0128 — private: keep it out of the case unless the "
        "complaint needs it"]
    assert "6222" not in out


def test_without_from_notes_nothing_more_is_printed(cli: CLI) -> None:
    case = new_case(cli)
    out = cli("event", "add", case, "--channel", "call", "--at", "2024-09-27 15:30",
              "--details", NOTES).ok()
    assert out.strip().isdigit()
