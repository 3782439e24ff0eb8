"""The deadlines on the command line (exact contract): due, letter, calendar, promise set,
case lodged, and the clock in case show --json. The current time is fixed by monkeypatching
the services' clock; everything else is real (a database in a temp dir, the shipped rules)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from cli_run import Run
from raw_sqlite import query, table_counts
from records_factory import at

from desktop_app.cli import main
from desktop_app.services import clock

NOW = at("2024-11-12 09:00")




@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setattr(clock, "current_time", lambda: NOW)

    def run(*args: str) -> Run:
        code = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def new_case(cli: Any, title: str, institution: str = "建设银行", *extra: str) -> int:
    return int(cli("case", "new", "--title", title, "--institution", institution,
                   *extra).ok())


def add_event(cli: Any, case_id: int, at_: str, *extra: str) -> dict[str, Any]:
    result: dict[str, Any] = cli("event", "add", str(case_id), "--at", at_, "--json",
                                 *extra).json()
    return result


@pytest.fixture
def cases(cli: Any) -> dict[str, Any]:
    """Two open bank cases and a resolved one, with references and promises."""
    first = new_case(cli, "建行小程序转账金额显示错误", "建设银行", "--amount", "12800",
                     "--desired-outcome", "核实转账金额并书面说明")
    app = add_event(cli, first, "2024-11-01 15:00", "--channel", "app",
                    "--ref", "反馈编号=CCB-WEB-55")
    call = add_event(cli, first, "2024-11-03 10:00", "--channel", "call",
                     "--ref", "投诉编号=T2024110300123", "--summary", "要求核实",
                     "--promise", "三个工作日内回电", "--due", "2024-11-06 18:00",
                     "--promise", "寄送交易流水", "--due", "2024-11-08 18:00")
    sms = add_event(cli, first, "2024-11-07 09:00", "--channel", "sms", "--direction", "in",
                    "--ref", "工单号=BG-7781",
                    "--promise", "11 月 30 日前给出处理结果", "--due", "2024-11-30 18:00")
    second = new_case(cli, "工行扣费未退", "工商银行")
    icbc = add_event(cli, second, "2024-11-10 11:00", "--channel", "call",
                     "--ref", "投诉编号=ICBC-0099",
                     "--promise", "明天回电", "--due", "2024-11-11 12:00")
    done = new_case(cli, "已解决的", "中国银行")
    add_event(cli, done, "2024-11-02 09:00", "--channel", "call", "--ref", "投诉编号=BOC-1",
              "--promise", "不再显示", "--due", "2024-11-05 09:00")
    cli("case", "edit", str(done), "--status", "resolved").ok()
    # the second promise of the call is marked broken with a note; the first is just late
    broken = call["promises"][1]["id"]
    cli("promise", "set", str(broken), "--state", "broken", "--note", "未收到").ok()
    return {"first": first, "second": second, "done": done, "app": app, "call": call,
            "sms": sms, "icbc": icbc}


# ---- due --------------------------------------------------------------------------------


def test_due_json_soonest_first_with_overdue_flags(cli: Any, cases: dict[str, Any]) -> None:
    items = cli("due", "--json").json()
    assert all(set(item) == {"case_id", "kind", "text", "due", "overdue"} for item in items)
    first, second = cases["first"], cases["second"]
    assert [(i["case_id"], i["kind"], i["text"], i["due"], i["overdue"]) for i in items] == [
        (first, "promise", "三个工作日内回电", "2024-11-06T18:00:00+08:00", True),
        (first, "promise", "寄送交易流水", "2024-11-08T18:00:00+08:00", True),
        (second, "promise", "明天回电", "2024-11-11T12:00:00+08:00", True),
        (first, "regulator", "China Construction Bank should answer by 18 Nov 2024 "
                             "(day 11 of 15, extended past a weekend or holiday)",
         "2024-11-18T23:59:59+08:00", False),
        (second, "regulator", "Industrial and Commercial Bank of China should answer by "
                              "25 Nov 2024 (day 2 of 15)", "2024-11-25T23:59:59+08:00", False),
        (first, "promise", "11 月 30 日前给出处理结果", "2024-11-30T18:00:00+08:00", False),
    ]
    assert [i["due"] for i in items] == sorted(i["due"] for i in items)


def test_due_in_chinese_and_in_text(cli: Any, cases: dict[str, Any]) -> None:
    zh = cli("due", "--json", "--lang", "zh").json()
    texts = [i["text"] for i in zh]
    assert "建设银行应于 2024-11-18 前答复（第 11 / 15 天，遇休假日顺延）" in texts
    lines = cli("due").ok().splitlines()
    assert len(lines) == 6
    assert lines[0] == f"2024-11-06 18:00\tOVERDUE\t#{cases['first']}\tpromise\t三个工作日内回电"
    assert lines[-1].startswith("2024-11-30 18:00\tdue\t")
    assert sum("OVERDUE" in line for line in lines) == 3


def test_a_kept_promise_and_a_later_time(cli: Any, cases: dict[str, Any],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    first_promise = cases["call"]["promises"][0]["id"]
    kept = cli("promise", "set", str(first_promise), "--state", "kept", "--note", "已回电",
               "--json").json()
    assert (kept["state"], kept["state_note"]) == ("kept", "已回电")
    texts = [i["text"] for i in cli("due", "--json").json()]
    assert "三个工作日内回电" not in texts

    monkeypatch.setattr(clock, "current_time", lambda: at("2024-11-19 08:00"))
    late = {i["text"]: i["overdue"] for i in cli("due", "--json", "--lang", "zh").json()}
    # due on Mon 18 Nov (day 15, Sat 16 Nov, moved past the weekend): 1 day late on the 19th
    assert late["建设银行应于 2024-11-18 前答复（15 天已满，已逾期 1 天）"] is True


def test_nothing_due(cli: Any) -> None:
    assert cli("due", "--json").json() == []
    assert cli("due").ok() == ""


# ---- letters ----------------------------------------------------------------------------

REFERENCES = ("CCB-WEB-55", "T2024110300123", "BG-7781")
BROKEN = ("三个工作日内回电", "寄送交易流水")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["complaint", "chaser"])
def test_letters_carry_every_reference_and_every_broken_promise(
        cli: Any, cases: dict[str, Any], kind: str, lang: str) -> None:
    letter = cli("letter", str(cases["first"]), "--kind", kind, "--lang", lang).ok()
    for text in (*REFERENCES, *BROKEN):
        assert text in letter, text
    assert "ICBC-0099" not in letter  # another case
    assert "未收到" in letter  # the note of the promise marked broken
    titles = {("complaint", "zh"): "投诉信", ("complaint", "en"): "Letter of complaint",
              ("chaser", "zh"): "催办函",
              ("chaser", "en"): "Chasing my complaint: 建行小程序转账金额显示错误"}
    assert letter.splitlines()[0] == titles[kind, lang]
    if kind == "complaint":
        assert ("国家金融监督管理总局" if lang == "zh"
                else "National Financial Regulatory Administration") in letter
        assert "核实转账金额并书面说明" in letter


def test_the_letter_language_follows_the_jurisdiction(cli: Any, cases: dict[str, Any]) -> None:
    assert cli("letter", str(cases["first"]), "--kind", "complaint").ok().startswith("投诉信")
    uk = new_case(cli, "Card refund", "Barclays", "--jurisdiction", "UK")
    add_event(cli, uk, "2024-11-01 10:00", "--channel", "email", "--ref", "Ref=BC-1")
    assert "BC-1" in cli("letter", str(uk), "--kind", "complaint").ok()
    assert cli("letter", str(uk), "--kind", "complaint").ok().startswith("Letter of complaint")


def test_a_chaser_for_one_promise(cli: Any, cases: dict[str, Any]) -> None:
    pending = cases["sms"]["promises"][0]["id"]
    letter = cli("letter", str(cases["first"]), "--kind", "chaser", "--promise",
                 str(pending)).ok()
    assert "11 月 30 日前给出处理结果" in letter
    assert "三个工作日内回电" not in letter.split("承诺的事项")[1].split("应于 2024-11-18")[0]


def test_a_letter_to_a_file(cli: Any, cases: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "letters" / "投诉信.txt"
    target.parent.mkdir()
    target.write_text("an older draft", encoding="utf-8")
    assert cli("letter", str(cases["first"]), "--kind", "complaint", "-o", str(target)).ok() == ""
    text = target.read_text(encoding="utf-8")
    assert text.startswith("投诉信")
    assert all(r in text for r in REFERENCES)
    assert os.listdir(target.parent) == ["投诉信.txt"]  # no temp file left behind


def test_a_letter_into_a_missing_folder_fails_cleanly(cli: Any, cases: dict[str, Any],
                                                      tmp_path: Path) -> None:
    result = cli("letter", str(cases["first"]), "--kind", "complaint", "-o",
                 str(tmp_path / "nowhere" / "x.txt"))
    assert result.code != 0
    assert result.out == ""
    assert result.err.count("\n") == 1
    assert not (tmp_path / "nowhere").exists()


# ---- calendar ---------------------------------------------------------------------------


def test_the_calendar_parses_back(cli: Any, cases: dict[str, Any], tmp_path: Path) -> None:
    target = tmp_path / "due.ics"
    out = cli("calendar", "-o", str(target)).ok()
    assert out.split("\t")[0] == "6"
    cal = icalendar.Calendar.from_ical(target.read_bytes())
    events = list(cal.walk("VEVENT"))
    due = cli("due", "--json").json()
    assert len(events) == len(due) == 6
    starts = [e.decoded("dtstart") for e in events]
    assert starts == [datetime.fromisoformat(i["due"]) for i in due]
    summaries = [str(e.get("summary")) for e in events]
    assert summaries[0] == "三个工作日内回电 · 建行小程序转账金额显示错误"
    assert len({str(e.get("uid")) for e in events}) == 6
    assert all(len(list(e.walk("VALARM"))) == 1 for e in events)
    assert "Overdue" in str(events[0].get("description"))


# ---- case lodged and the clock in case show ---------------------------------------------


def test_case_show_json_carries_the_clock(cli: Any, cases: dict[str, Any]) -> None:
    shown = cli("case", "show", str(cases["first"]), "--json").json()
    assert shown["lodged_event_id"] is None
    clock = shown["clock"]
    assert clock["rule"] == "cn.nfra.complaints-2020"
    assert clock["lodged_at"] == "2024-11-01T15:00:00+08:00"  # the app feedback got a number
    assert clock["answer_due"] == "2024-11-18T23:59:59+08:00"  # 16 Nov, a Saturday, moved on
    assert clock["escalate_from"] == "2024-11-19T00:00:00+08:00"
    assert "银行业保险业消费投诉处理管理办法" in clock["source"]
    for key in ("lodged_at", "answer_due", "escalate_from"):
        assert datetime.fromisoformat(clock[key]).tzinfo is not None
    text = cli("case", "show", str(cases["first"])).ok()
    assert "建设银行应于 2024-11-18 前答复（第 11 / 15 天，遇休假日顺延）" in text


def test_marking_the_lodged_entry(cli: Any, cases: dict[str, Any]) -> None:
    first, call = cases["first"], cases["call"]["id"]
    assert cli("case", "lodged", str(first), "--event", str(call)).ok().strip() == str(first)
    shown = cli("case", "show", str(first), "--json").json()
    assert shown["lodged_event_id"] == call
    assert shown["clock"]["lodged_at"] == "2024-11-03T10:00:00+08:00"
    assert shown["clock"]["answer_due"] == "2024-11-18T23:59:59+08:00"
    cleared = cli("case", "lodged", str(first), "--clear", "--json").json()
    assert cleared["lodged_event_id"] is None


def test_no_clock_before_anything_is_lodged(cli: Any) -> None:
    case_id = new_case(cli, "刚开始")
    add_event(cli, case_id, "2024-11-01 10:00", "--channel", "call")
    assert cli("case", "show", str(case_id), "--json").json()["clock"] is None


# ---- errors: one line on stderr, non-zero, nothing changed -------------------------------

ERRORS = {
    "chaser without a broken promise": ("letter", "{second_case_ok}", "--kind", "chaser"),
    "letter for no case": ("letter", "999", "--kind", "complaint"),
    "letter of an unknown kind": ("letter", "{first}", "--kind", "thanks"),
    "letter in an unknown language": ("letter", "{first}", "--kind", "complaint", "--lang",
                                      "fr"),
    "chasing a kept promise": ("letter", "{first}", "--kind", "chaser", "--promise",
                               "{kept}"),
    "chasing no promise": ("letter", "{first}", "--kind", "chaser", "--promise", "999"),
    "calendar without a file": ("calendar",),
    "calendar into a missing folder": ("calendar", "-o", "/nonexistent/folder/due.ics"),
    "promise set with no state": ("promise", "set", "{kept}"),
    "promise set to an unknown state": ("promise", "set", "{kept}", "--state", "forgotten"),
    "promise set on no promise": ("promise", "set", "999", "--state", "kept"),
    "lodged without an event": ("case", "lodged", "{first}"),
    "lodged with both": ("case", "lodged", "{first}", "--event", "{call}", "--clear"),
    "lodged on another case's entry": ("case", "lodged", "{second}", "--event", "{call}"),
    "lodged on no entry": ("case", "lodged", "{first}", "--event", "999"),
    "lodged on no case": ("case", "lodged", "999", "--clear"),
    "due with a bad language": ("due", "--lang", "fr"),
}


@pytest.mark.parametrize("args", list(ERRORS.values()), ids=list(ERRORS))
def test_an_error_is_one_line_on_stderr_and_changes_nothing(
        cli: Any, cases: dict[str, Any], db_path: Path, args: tuple[str, ...]) -> None:
    kept = cases["call"]["promises"][0]["id"]
    cli("promise", "set", str(kept), "--state", "kept").ok()
    quiet = new_case(cli, "没有违约的", "农业银行")
    add_event(cli, quiet, "2024-11-10 10:00", "--channel", "call", "--ref", "编号=ABC-1",
              "--promise", "下周回电", "--due", "2024-11-20 10:00")
    values = {"first": cases["first"], "second": cases["second"], "call": cases["call"]["id"],
              "kept": kept, "second_case_ok": quiet}
    before = table_counts(db_path)
    audit = query(db_path, "SELECT max(id) FROM audit_entry")
    shown = {c: cli("case", "show", str(c), "--json").json()
             for c in (cases["first"], cases["second"], quiet)}

    result = cli(*(a.format(**values) for a in args))

    assert result.code != 0
    assert result.out == ""
    assert result.err.endswith("\n")
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert table_counts(db_path) == before
    assert query(db_path, "SELECT max(id) FROM audit_entry") == audit
    for case_id, data in shown.items():
        assert cli("case", "show", str(case_id), "--json").json() == data
