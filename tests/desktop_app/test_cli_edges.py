"""One line and a clean exit for what hostile testers fed the command line (issue 12): bytes that
are not text, times the time-zone library cannot place, a reader that goes away, and removing
exhibits from the command line (all or none)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import CLI
from raw_sqlite import table_counts

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook

PROGRAM = [sys.executable, "-m", "desktop_app"]


@pytest.fixture
def case_id(data_dir: Path) -> int:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行扣款争议",
                                                 institution_name="中国建设银行"))
        for n in range(1, 6):
            book.imports.import_bytes(case.id, f"第{n}份证据".encode(), f"{n}.txt")
        return case.id


def run(data_dir: Path, *args: str | bytes, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*PROGRAM, "--data-dir", str(data_dir), *args], capture_output=True,
                          env={**os.environ, **(env or {})}, timeout=120, check=False)


@pytest.mark.skipif(os.name == "nt", reason="POSIX arguments are bytes")
def test_an_argument_that_is_not_text_is_refused_by_name(data_dir: Path, case_id: int) -> None:
    before = table_counts(data_dir / "casebook.sqlite3")
    done = run(data_dir, "event", "add", str(case_id), "--summary", b"\xff\xfe\xe6\x8a",
               "--channel", "call")
    assert done.returncode == 2
    err = done.stderr.decode()
    assert err.count("\n") == 1
    assert "argument 7 is not valid text (UTF-8): \\udcff" in err  # the 7th word
    assert "Traceback" not in err
    assert table_counts(data_dir / "casebook.sqlite3") == before


@pytest.mark.parametrize("when", ["9999-12-31 23:59", "0001-01-01 00:00", "1899-12-31 10:00",
                                  "2201-01-01 00:00"])
def test_a_year_out_of_range_is_refused(cli: CLI, data_dir: Path, case_id: int,
                                        monkeypatch: pytest.MonkeyPatch, when: str) -> None:
    monkeypatch.setenv("CASEBOOK_TZ", "America/New_York")
    before = table_counts(data_dir / "casebook.sqlite3")
    done = cli("event", "add", str(case_id), "--summary", "来电", "--at", when)
    assert done.code != 0
    assert done.err == ("casebook event add: argument --at: the year must be between 1900 and "
                        "2200\n")
    assert table_counts(data_dir / "casebook.sqlite3") == before


def test_a_reader_that_goes_away_ends_quietly(data_dir: Path, case_id: int) -> None:
    """`casebook verify --json | head -1`: no 'Broken pipe', no traceback."""
    reader, writer = os.pipe()
    os.close(reader)  # the reader is gone before anything is written
    try:
        done = subprocess.run([*PROGRAM, "--data-dir", str(data_dir), "verify", "--json"],
                              stdout=writer, stderr=subprocess.PIPE, timeout=120, check=False)
    finally:
        os.close(writer)
    assert done.stderr.decode() == ""
    assert done.returncode == 1


def test_evidence_remove_takes_all_or_none(cli: CLI, data_dir: Path, case_id: int) -> None:
    listed = cli("evidence", "list", str(case_id), "--json").json()
    ids = [item["id"] for item in listed]
    before = table_counts(data_dir / "casebook.sqlite3")
    refused = cli("evidence", "remove", str(ids[0]), str(ids[1]), "999")
    assert refused.code == 1
    assert refused.err == "casebook: error: no evidence with id 999\n"
    assert table_counts(data_dir / "casebook.sqlite3") == before

    removed = cli("evidence", "remove", str(ids[0]), str(ids[3]), "--json").json()
    assert [r["exhibit"] for r in removed] == ["E1", "E4"]
    left = cli("evidence", "list", str(case_id), "--json").json()
    assert [item["exhibit"] for item in left] == ["E2", "E3", "E5"]
    # the files stay in the store, so the removal could be undone; verify is content
    assert cli("verify").code == 0


EVIL = "建行\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eexe.txt"


def test_text_a_terminal_would_act_on_is_shown_escaped(cli: CLI, data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title=EVIL, institution_name="中国建设银行"))
        email = ("From: =?UTF-8?B?" + __import__("base64").b64encode(
            "客服\x1b[31m".encode()).decode() + "?= <a@b.example>\r\n"
            "Subject: bad\x1b[2Jnews\r\nDate: Tue, 05 Nov 2024 10:00:00 +0800\r\n\r\nbody\r\n")
        book.imports.import_bytes(case.id, email.encode(), "mail.eml")
    for args in (("case", "show", str(case.id)), ("case", "list"), ("search", "建行"),
                 ("evidence", "list", str(case.id))):
        out = cli(*args).ok()
        assert "\x1b" not in out
        assert "\x9b" not in out
        assert "\u202e" not in out
        if args[:2] == ("case", "show"):
            assert "\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\u202eexe.txt" in out
            assert "bad\\x1b[2Jnews" in out
    # JSON keeps the exact text, written as JSON escapes
    shown = cli("case", "show", str(case.id), "--json")
    assert "\x9b" not in shown.out
    assert "\x1b" not in shown.out
    assert shown.json()["title"] == EVIL
    # and error messages too
    refused = cli("case", "show", "999\x1b[2J")
    assert "\x1b" not in refused.err


def test_an_unexpected_error_is_one_line_and_its_details_go_to_the_log(
        data_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug (here: a command whose module is missing, as in a bundle that left it out) is one
    line naming what happened and where the details are, exit 1; the traceback is in the
    data folder's log, not on the screen."""
    from desktop_app.cli import run

    monkeypatch.setitem(run.COMMANDS, "search", "no_such_module:cmd_search")
    code = run.main(["--data-dir", str(data_dir), "search", "退款"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    log = data_dir / "logs" / "casebook.log"
    assert err == ("casebook: error: an unexpected error (ModuleNotFoundError: No module named "
                   "'desktop_app.cli.no_such_module'); nothing more was done; the details are "
                   f"in {log}\n")
    written = log.read_text(encoding="utf-8")
    assert "an unexpected error in: casebook --data-dir" in written
    assert "Traceback (most recent call last)" in written
    assert "ModuleNotFoundError" in written


def test_a_locked_books_log_quotes_neither_the_command_nor_the_errors_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The log is plain text; in a locked book an error's own words (which may quote what was
    typed) and the command line stay out of it: the kind of error and the frames are kept."""
    from locked_samples import PASSPHRASE, forget_all, make_locked

    from desktop_app.cli import run

    data_dir = tmp_path / "locked"
    make_locked(data_dir)
    data_dir.chmod(0o700)
    monkeypatch.setenv("CASEBOOK_PASSPHRASE", PASSPHRASE)

    def failing(_book: object, args: object) -> int:
        raise RuntimeError(f"cannot search for {getattr(args, 'words', '')}")

    monkeypatch.setattr(run, "command", lambda _where: failing)
    try:
        code = run.main(["--data-dir", str(data_dir), "search", "工行年费争议XYZ"])
    finally:
        forget_all()
    _out, err = capsys.readouterr()
    assert code == 1
    assert len(err.splitlines()) == 1
    written = (data_dir / "logs" / "casebook.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written
    assert "RuntimeError: (its words are left out of the log: the book is locked)" in written
    assert "in failing" in written
    assert "工行年费争议XYZ" not in written
