"""Reading the evidence through the book and the CLI: OCR of pictures in worker processes, the
text kept and searched, capture times with their source, the phone's call log as entries."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from cli_run import CLI
from evidence_samples import image_bytes, write
from raw_sqlite import query
from screenshot_samples import draw

from desktop_app.reading.ocr import UNDECODABLE, Reader, readable
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.timeutil import localize

pytestmark = pytest.mark.slow

COMPLAINT_NO = "TS2024112300123"

# a bank's in-app message, as a phone screenshot shows it (1080×2340)
RECEIPT = [((40, 30), "10:15", 32), ((60, 200), "中国建设银行 客户服务", 44),
           ((60, 320), "您的投诉已受理", 44), ((60, 440), f"投诉编号：{COMPLAINT_NO}", 44),
           ((60, 560), "受理工号：8842", 44), ((60, 680), "涉及金额：¥5,000.00元", 44),
           ((60, 800), "我们将在3个工作日内回电", 44)]


def receipt(path: Path, extra: list[tuple[tuple[int, int], str, int]] | None = None) -> Path:
    return draw(path, RECEIPT + (extra or []))


@pytest.fixture
def case(cli: CLI) -> str:
    result = cli("case", "new", "--title", "建行小程序转账金额错误", "--institution", "建设银行")
    assert result.code == 0, result.err
    return result.out.strip()


def test_a_screenshot_added_through_the_cli_is_read_and_found(
        cli: CLI, case: str, tmp_path: Path, data_dir: Path) -> None:
    shot = receipt(tmp_path / "Screenshot_20241123-101530.png")

    added = cli("evidence", "add", case, str(shot), "--json").json()

    assert COMPLAINT_NO in added[0]["text"]
    hits = cli("search", "2411230", "--json").json()  # a fragment of the complaint number
    assert [(h["kind"], h["exhibit"], h["in_picture"]) for h in hits] == [
        ("evidence", "E1", True)]
    assert "«2411230»" in hits[0]["snippet"]
    assert cli("search", "工号", "--json").json()[0]["exhibit"] == "E1"  # two characters
    (item,) = cli("case", "show", case, "--json").json()["evidence"]
    assert item["text"] == added[0]["text"]
    facts = {(f["kind"], f["value"]) for f in item["facts"]}
    assert {("reference", COMPLAINT_NO), ("agent_id", "8842"), ("amount", "5000.00")} <= facts
    # kept with the engine that read it, each line with its box and confidence
    engine, lines = query(data_dir / "casebook.sqlite3",
                          "SELECT engine, lines FROM exhibit_text")[0]
    assert engine.startswith("rapidocr-onnxruntime ")
    assert '"confidence"' in lines
    assert '"box"' in lines


def test_a_screenshot_named_by_the_phone_is_captured_when_its_name_says(
        cli: CLI, case: str, tmp_path: Path) -> None:
    shot = receipt(tmp_path / "Screenshot_20241123-101530.png")
    os.utime(shot, (1_733_000_000, 1_733_000_000))  # copied from the phone a week later

    (item,) = cli("evidence", "add", case, str(shot), "--no-ocr", "--json").json()

    assert item["captured_at"] == "2024-11-23T10:15:30+08:00"
    assert item["captured_source"] == "filename"
    assert item["text"] is None  # not read: --no-ocr
    assert item["facts"] == []


def test_a_screenshot_with_no_better_time_takes_the_time_its_screen_shows(
        cli: CLI, case: str, tmp_path: Path) -> None:
    shot = receipt(tmp_path / "转账截图.png", [((60, 1000), "2024年11月23日 10:15", 44)])

    (item,) = cli("evidence", "add", case, str(shot), "--json").json()

    assert (item["captured_at"], item["captured_source"]) == (
        "2024-11-23T10:15:00+08:00", "screen")


def test_the_person_sets_the_capture_time_and_it_says_so(cli: CLI, case: str,
                                                           tmp_path: Path) -> None:
    shot = write(tmp_path / "a.png", image_bytes("PNG", text="1"))
    cli("evidence", "add", case, str(shot), "--no-ocr").ok()

    edited = cli("evidence", "edit", "1", "--captured", "2024-11-20 08:00", "--json").json()
    assert (edited["captured_at"], edited["captured_source"]) == (
        "2024-11-20T08:00:00+08:00", "person")
    cleared = cli("evidence", "edit", "1", "--captured", "unknown", "--json").json()
    assert (cleared["captured_at"], cleared["captured_source"]) == (None, None)
    bad = cli("evidence", "edit", "1", "--captured", "yesterday-ish")
    assert bad.code == 2
    assert len(bad.err.strip().splitlines()) == 1
    assert cli("verify").code == 0  # each change is vouched for by the audit log


def test_evidence_ocr_reads_what_was_not_read_with_progress_on_stderr(
        cli: CLI, case: str, tmp_path: Path) -> None:
    first = receipt(tmp_path / "one.png")
    second = draw(tmp_path / "two.png", [((60, 200), "订单号：DD88776655", 44)])
    cli("evidence", "add", case, str(first), str(second), "--no-ocr").ok()

    result = cli("evidence", "ocr", case)

    assert result.code == 0
    assert result.err.count("reading ") == 2
    assert "2/2" in result.err
    assert cli("search", "DD88776655", "--json").json()[0]["exhibit"] == "E2"
    again = cli("evidence", "ocr", case)
    assert again.code == 0
    assert again.err == ""
    reread = cli("evidence", "ocr", case, "--exhibit", "2", "--json").json()
    assert [r["exhibit"] for r in reread] == ["E2"]
    assert "DD88776655" in reread[0]["text"]


def test_a_picture_that_does_not_decode_is_kept_and_its_reading_says_why(
        book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CaseFields(title="测试", institution_name="建设银行")).id
    fake = write(tmp_path / "fake.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    record = book.imports.import_file(case, fake).record
    assert record is not None

    ((_, text),) = book.reading.read([record.id])

    assert text.error == UNDECODABLE
    assert text.text == ""
    assert book.reading.unread(case) == []  # tried: not tried again at every start
    assert book.reading.exhibits_json([record])[0]["text"] is None


def test_text_follows_its_exhibit_out_of_search_and_back_on_undo(
        book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CaseFields(title="测试", institution_name="建设银行")).id
    record = book.imports.import_file(case, receipt(tmp_path / "r.png")).record
    assert record is not None
    book.reading.read([record.id])
    assert [h.exhibit_no for h in book.search(COMPLAINT_NO)] == [1]

    removed = book.evidence.remove_evidence(record.id)
    assert book.search(COMPLAINT_NO) == []
    book.evidence.restore_evidence(removed)
    assert [h.in_picture for h in book.search(COMPLAINT_NO)] == [True]


def test_the_reader_reads_in_parallel_and_stops_when_cancelled(tmp_path: Path) -> None:
    paths = [receipt(tmp_path / f"{i}.png") for i in range(4)]
    done: list[int] = []
    with Reader(2) as reader:
        for key, result in reader.read(((i, str(p), "image/png") for i, p in enumerate(paths)),
                                       cancelled=lambda: len(done) >= 1):
            assert result.error is None
            assert any(COMPLAINT_NO in line.text for line in result.lines)
            done.append(key)
    assert 1 <= len(done) < 4
    assert readable("image/heic")
    assert readable("application/pdf")
    assert not readable("text/plain")


def test_a_call_log_screenshot_becomes_unsolicited_calls_in_one_batch(
        cli: CLI, case: str, tmp_path: Path) -> None:
    texts = [((60, 30), "10:30", 40), ((60, 150), "通话记录", 64)]
    calls = [("中国建设银行", "10:15", "95533 北京 响铃2声"),
             ("中国建设银行", "09:02", "95533 北京 响铃5声"),
             ("95533", "昨天 18:40", "北京 呼入 1分23秒"),
             ("95533", "11月18日", "北京 呼出 2分10秒")]
    for index, (first, when, second) in enumerate(calls):
        top = 330 + 230 * index
        texts += [((60, top), first, 52), ((760, top + 6), when, 40),
                  ((60, top + 80), second, 38)]
    shot = draw(tmp_path / "Screenshot_20241123-103000.png", texts)
    cli("evidence", "add", case, str(shot)).ok()

    shown = cli("evidence", "calls", "1", "--json").json()
    assert [(c["number"], c["at"], c["missed"]) for c in shown["calls"]] == [
        ("95533", "2024-11-23T10:15:00+08:00", True),
        ("95533", "2024-11-23T09:02:00+08:00", True),
        ("95533", "2024-11-22T18:40:00+08:00", False),
        ("95533", "2024-11-18T00:00:00+08:00", False)]
    assert shown["added"] == []  # shown, not added

    added = cli("evidence", "calls", "1", "--add", "--json").json()["added"]

    assert len(added) == 3  # the call the person made is not unsolicited
    events = cli("case", "show", case, "--json").json()["events"]
    assert {(e["channel"], e["direction"], e["contact"]) for e in events} == {
        ("unsolicited", "in", "95533")}
    assert all("E1" in e["summary"] for e in events)
    expected = localize(datetime(2024, 11, 23, 10, 15))
    assert any(datetime.fromisoformat(e["at"]) == expected for e in events)
