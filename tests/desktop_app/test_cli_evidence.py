"""The evidence commands: ``casebook evidence add`` and ``casebook evidence list``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import CLI
from evidence_samples import gbk_email, image_bytes, pdf_bytes, sha256, write
from raw_sqlite import query


@pytest.fixture
def case(cli: CLI) -> str:
    result = cli("case", "new", "--title", "建行小程序转账失败", "--institution", "建设银行")
    assert result.code == 0, result.err
    return result.out.strip()


def evidence_count(db: Path) -> int:
    return int(query(db, "SELECT count(*) FROM evidence")[0][0])


def test_add_prints_one_line_per_file(cli: CLI, case: str, tmp_path: Path) -> None:
    shot = write(tmp_path / "截图😡.png", image_bytes("PNG", text="1"))
    statement = write(tmp_path / "对账单 2024年3月.pdf", pdf_bytes())

    result = cli("evidence", "add", case, str(shot), str(statement))

    assert result.code == 0
    assert result.err == ""
    lines = result.out.splitlines()
    assert len(lines) == 2
    first = lines[0].split(" ", 3)
    second = lines[1].split(" ", 3)
    assert first[1:] == ["E1", sha256(shot), "截图😡.png"]
    assert second[1:] == ["E2", sha256(statement), "对账单 2024年3月.pdf"]
    assert first[0].isdigit()
    assert int(second[0]) > int(first[0])

    listed = cli("evidence", "list", case)
    assert listed.code == 0
    assert listed.out == result.out


def test_add_with_json_prints_evidence_objects(cli: CLI, case: str, tmp_path: Path) -> None:
    event = cli("event", "add", case, "--channel", "call", "--at", "2024-03-01 10:00")
    event_id = int(event.out)
    shot = write(tmp_path / "a.png", image_bytes("PNG"))

    added = cli("evidence", "add", case, str(shot), "--event", str(event_id),
                "--caption", "转账失败页面", "--proves", "证明扣款成功但显示失败", "--wait",
                "--json").json()

    (item,) = added
    assert item["exhibit"] == "E1"
    assert item["event_id"] == event_id
    assert (item["caption"], item["proves"]) == ("转账失败页面", "证明扣款成功但显示失败")
    assert (item["mime"], item["size"], item["sha256"]) == (
        "image/png", shot.stat().st_size, sha256(shot))
    assert item["original_name"] == "a.png"
    assert item["preview"] is True
    assert item["captured_at"].endswith("+08:00")
    assert cli("evidence", "list", case, "--json").json() == added

    shown = cli("case", "show", case, "--json").json()
    assert shown["evidence"] == added
    for key in ("id", "exhibit", "sha256", "size", "mime", "original_name", "captured_at",
                "caption", "proves", "event_id"):
        assert key in shown["evidence"][0]


def test_refused_files_are_named_on_stderr_and_the_others_are_imported(
        cli: CLI, case: str, tmp_path: Path, db_path: Path) -> None:
    good = write(tmp_path / "good.png", image_bytes("PNG"))
    empty = write(tmp_path / "empty.jpg", b"")
    missing = tmp_path / "缺失.pdf"
    folder = tmp_path / "folder"
    folder.mkdir()
    also_good = write(tmp_path / "also.txt", "记录".encode())

    result = cli("evidence", "add", case, str(good), str(empty), str(missing), str(folder),
                 str(also_good))

    assert result.code == 1
    assert [line.split(" ", 3)[3] for line in result.out.splitlines()] == ["good.png",
                                                                           "also.txt"]
    errors = result.err.splitlines()
    assert errors == [
        f"casebook: {empty}: the file is empty",
        f"casebook: {missing}: no such file",
        f"casebook: {folder}: the folder has no files to import",
    ]
    assert evidence_count(db_path) == 2


def test_a_duplicate_prints_its_existing_line_and_is_no_error(cli: CLI, case: str,
                                                              tmp_path: Path,
                                                              db_path: Path) -> None:
    data = image_bytes("PNG", text="same")
    first = cli("evidence", "add", case, str(write(tmp_path / "a.png", data)))
    copy = write(tmp_path / "copy.png", data)

    again = cli("evidence", "add", case, str(copy))

    assert again.code == 0
    assert again.out == first.out  # the existing evidence's line
    assert again.err == f"casebook: {copy}: already in this case as E1\n"
    assert evidence_count(db_path) == 1


def test_a_folder_is_imported_file_by_file(cli: CLI, case: str, tmp_path: Path) -> None:
    write(tmp_path / "shots" / "2.png", image_bytes("PNG", text="2"))
    write(tmp_path / "shots" / "1.png", image_bytes("PNG", text="1"))
    write(tmp_path / "shots" / ".DS_Store", b"junk")
    result = cli("evidence", "add", case, str(tmp_path / "shots"))
    assert result.code == 0
    assert [line.split(" ")[1:4:2] for line in result.out.splitlines()] == [
        ["E1", "1.png"], ["E2", "2.png"]]


def test_an_eml_without_event_creates_its_email_entry(cli: CLI, case: str,
                                                      tmp_path: Path) -> None:
    result = cli("evidence", "add", case, str(write(tmp_path / "答复.eml", gbk_email())),
                 "--json")
    items = result.json()
    assert [(i["exhibit"], i["original_name"]) for i in items] == [
        ("E1", "答复.eml"), ("E2", "对账单2024年3月.pdf"), ("E3", "转账截图.png")]
    shown = cli("case", "show", case, "--json").json()
    (event,) = shown["events"]
    assert event["channel"] == "email"
    assert event["direction"] == "in"
    assert event["summary"] == "关于您投诉的答复（编号20240301-0001）"
    assert {i["event_id"] for i in items} == {event["id"]}


def test_unknown_case_or_entry_is_one_line_and_changes_nothing(
        cli: CLI, case: str, tmp_path: Path, data_dir: Path) -> None:
    shot = write(tmp_path / "a.png", image_bytes("PNG"))
    for args in (("999", str(shot)), (case, str(shot), "--event", "999")):
        result = cli("evidence", "add", *args)
        assert result.code == 1
        assert result.out == ""
        assert len(result.err.splitlines()) == 1
        assert result.err.startswith("casebook: error: no ")
    assert not (data_dir / "evidence").exists() or not any(
        (data_dir / "evidence").glob("??/*"))
    listed = cli("evidence", "list", "999")
    assert (listed.code, listed.err) == (1, "casebook: error: no case with id 999\n")


def test_usage_errors(cli: CLI, case: str) -> None:
    assert cli("evidence", "add", case).code == 2  # no file
    assert cli("evidence", "add", "x", "f").code == 2
    assert cli("evidence").code == 2


def test_as_a_separate_process_with_worker_processes(case: str, data_dir: Path,
                                                     tmp_path: Path) -> None:
    """``python -m desktop_app``: UTF-8 output, and thumbnails made in spawned workers."""
    folder = tmp_path / "截图"
    for i in range(5):
        write(folder / f"Screenshot_{i}😀.png", image_bytes("PNG", (1080, 2340), text=str(i)))
    write(folder / "zero.png", b"")
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "evidence", "add",
         case, str(folder), "--wait", "--json"],
        capture_output=True, timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert proc.returncode == 1
    items = json.loads(proc.stdout.decode("utf-8"))
    assert [i["original_name"] for i in items] == [f"Screenshot_{i}😀.png" for i in range(5)]
    assert all(i["preview"] for i in items)
    assert proc.stderr.decode("utf-8") == f"casebook: {folder / 'zero.png'}: the file is empty\n"


def test_words_given_with_a_file_already_in_the_case_are_never_dropped_silently(
        cli: CLI, case: str, tmp_path: Path) -> None:
    data = image_bytes("PNG", text="same")
    cli("evidence", "add", case, str(write(tmp_path / "a.png", data)), "--no-ocr").ok()
    copy = str(write(tmp_path / "copy.png", data))

    # the exhibit had no 证明目的: the one given now is its
    given = cli("evidence", "add", case, copy, "--proves", "证明扣款", "--no-ocr", "--json")
    assert given.json()[0]["proves"] == "证明扣款"
    # it has one now: kept, and said how to change it
    other = cli("evidence", "add", case, copy, "--proves", "另一个目的", "--no-ocr", "--json")
    assert other.json()[0]["proves"] == "证明扣款"
    assert "keeps its --proves «证明扣款»" in other.err
    assert "casebook evidence edit 1 --proves" in other.err
