"""The data dir's write lock: one writing process at a time, released by the OS on a crash,
respected by the CLI's writing commands and ignored by its readers."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from raw_sqlite import table_counts

from desktop_app.cli import WRITE_COMMANDS, build_parser, main
from desktop_app.store.lock import WriteLock, is_locked
from desktop_app.store.paths import DataPaths

REFUSAL = ("casebook: error: Casebook is open in a window on this data folder; close it first, "
           "or use the window")


def test_one_holder_at_a_time(data_dir: Path) -> None:
    first = WriteLock(data_dir)
    assert first.acquire()
    assert first.held
    assert DataPaths(data_dir).write_lock.is_file()
    second = WriteLock(DataPaths(data_dir))
    assert not second.acquire()
    assert is_locked(data_dir)
    first.release()
    assert not is_locked(data_dir)
    assert second.acquire()
    second.release()
    assert DataPaths(data_dir).write_lock.is_file()  # never deleted


def test_a_different_data_dir_is_a_different_lock(tmp_path: Path) -> None:
    with WriteLock(tmp_path / "a") as a, WriteLock(tmp_path / "b") as b:
        assert a.acquire()
        assert b.acquire()


def test_the_data_dir_is_created_owner_only(tmp_path: Path) -> None:
    with WriteLock(tmp_path / "fresh" / "data") as lock:
        assert lock.acquire()
    if os.name == "posix":
        assert (tmp_path / "fresh" / "data").stat().st_mode & 0o777 == 0o700


def test_a_killed_holder_does_not_block_the_next_start(data_dir: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from desktop_app.store.lock import WriteLock
            lock = WriteLock({str(data_dir)!r})
            assert lock.acquire()
            print("held", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        assert is_locked(data_dir)
        assert not WriteLock(data_dir).acquire()
        holder.kill()  # SIGKILL on POSIX: no clean-up code runs
        holder.wait(timeout=10)
        lock = WriteLock(data_dir)
        assert lock.acquire()
        lock.release()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()


# ---- the CLI -------------------------------------------------------------------------------


def _cli(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def seeded(data_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> dict[str, str]:
    """A case with an event, a promise and a piece of evidence, made through the CLI."""
    code, out, err = _cli(data_dir, capsys, "case", "new", "--title", "建行小程序转账失败",
                          "--institution", "中国建设银行")
    assert code == 0, err
    case = out.strip()
    code, out, err = _cli(data_dir, capsys, "event", "add", case, "--channel", "call",
                          "--at", "2024-11-01 09:30", "--summary", "报告金额显示错误",
                          "--ref", "投诉号=CCB-1", "--promise", "三日内回电",
                          "--due", "2024-11-06 18:00", "--json")
    assert code == 0, err
    import json

    event = json.loads(out)
    note = tmp_path / "说明.txt"
    note.write_text("转账金额显示为 50000", encoding="utf-8")
    code, out, err = _cli(data_dir, capsys, "evidence", "add", case, str(note))
    assert code == 0, err
    return {"case": case, "event": str(event["id"]),
            "promise": str(event["promises"][0]["id"]), "note": str(note)}


@pytest.fixture
def window_lock(data_dir: Path, seeded: dict[str, str]) -> Iterator[WriteLock]:
    """The lock as the window holds it (another open file description: flock conflicts)."""
    lock = WriteLock(data_dir)
    assert lock.acquire()
    yield lock
    lock.release()


def _writes(ids: dict[str, str]) -> list[list[str]]:
    return [
        ["case", "new", "--title", "另一个", "--institution", "中国工商银行"],
        ["case", "edit", ids["case"], "--title", "改过的标题"],
        ["case", "lodged", ids["case"], "--event", ids["event"]],
        ["event", "add", ids["case"], "--channel", "note", "--at", "2024-11-02 10:00"],
        ["event", "delete", ids["event"]],
        ["evidence", "add", ids["case"], ids["note"]],
        ["institution", "add", "--name", "某小贷公司"],
        ["institution", "edit", "1", "--hotline", "12345"],
        ["profile", "set", "--name", "张三"],
        ["promise", "set", ids["promise"], "--state", "broken"],
    ]


def test_cli_writes_are_refused_while_the_window_holds_the_lock(
        data_dir: Path, seeded: dict[str, str], window_lock: WriteLock,
        capsys: pytest.CaptureFixture[str]) -> None:
    database = DataPaths(data_dir).database
    before = table_counts(database)
    files_before = sorted(p.name for p in data_dir.iterdir())
    for args in _writes(seeded):
        code, out, err = _cli(data_dir, capsys, *args)
        assert (code, out, err) == (1, "", REFUSAL + "\n"), args
    assert table_counts(database) == before
    assert sorted(p.name for p in data_dir.iterdir()) == files_before  # no profile.json either


def test_cli_reads_run_while_the_window_holds_the_lock(
        data_dir: Path, seeded: dict[str, str], window_lock: WriteLock, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    case = seeded["case"]
    for args in (["case", "list"], ["case", "show", case], ["evidence", "list", case],
                 ["due"], ["institution", "list"], ["profile", "show"],
                 ["letter", case, "--kind", "complaint"],
                 ["calendar", "-o", str(tmp_path / "due.ics")],
                 ["search", "转账"], ["verify"], ["backup", "-o", str(tmp_path / "b.zip")],
                 ["export", case, "-o", str(tmp_path / "证据材料.pdf")]):
        code, out, err = _cli(data_dir, capsys, *args)
        assert code == 0, (args, err)
        assert out
    assert (tmp_path / "证据材料.pdf").read_bytes().startswith(b"%PDF-")


def test_cli_writes_again_once_the_window_has_closed(
        data_dir: Path, seeded: dict[str, str], window_lock: WriteLock,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(data_dir, capsys, "profile", "set", "--name", "张三")[0] == 1
    window_lock.release()
    code, _out, err = _cli(data_dir, capsys, "profile", "set", "--name", "张三")
    assert code == 0, err
    assert not is_locked(data_dir)  # the command let go of it


def test_a_cli_writer_holds_the_lock_while_it_runs(
        data_dir: Path, seeded: dict[str, str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.services import Casebook

    seen: list[bool] = []
    original = Casebook.add_institution

    def spy(self: Casebook, *args: object, **kwargs: object) -> object:
        seen.append(is_locked(data_dir))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Casebook, "add_institution", spy)
    assert _cli(data_dir, capsys, "institution", "add", "--name", "某小贷公司")[0] == 0
    assert seen == [True]


# Every command the CLI has, as a reader or a writer. A new command must be put in one of the
# two (a writer in desktop_app.cli.WRITE_COMMANDS) before this passes.
READ_COMMANDS = {
    ("case", "list"), ("case", "show"), ("evidence", "list"), ("institution", "list"),
    ("profile", "show"), ("due", None), ("letter", None), ("calendar", None), ("export", None),
    ("search", None), ("verify", None), ("backup", None),
}
# Writers that take the lock themselves: restore checks the folder it replaces (its own target,
# not always the data dir), see test_restore_does_not_replace_a_data_dir_a_window_has_open.
SELF_LOCKING = {("restore", None)}


def _all_commands() -> set[tuple[str, str | None]]:
    found: set[tuple[str, str | None]] = set()
    parser = build_parser()
    for action in parser._actions:  # argparse has no public walk
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                subs = [a for a in sub._actions
                        if isinstance(a, argparse._SubParsersAction)]
                if not subs:
                    found.add((name, None))
                for inner in subs:
                    found.update((name, verb) for verb in inner.choices)
    return found


def test_every_command_is_a_known_reader_or_writer() -> None:
    commands = _all_commands()
    unclassified = commands - READ_COMMANDS - WRITE_COMMANDS - SELF_LOCKING
    assert not unclassified, f"say whether these write: {sorted(unclassified, key=str)}"
    assert not READ_COMMANDS & WRITE_COMMANDS


def test_a_cli_writer_removes_what_a_killed_writer_left(
        data_dir: Path, seeded: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    leftover = data_dir / "evidence" / "tmp" / "import-killed.part"
    leftover.write_bytes(b"half a screenshot")
    assert _cli(data_dir, capsys, "case", "list")[0] == 0
    assert leftover.exists()  # a reader leaves it: a writer may be at work
    assert _cli(data_dir, capsys, "profile", "set", "--name", "张三")[0] == 0
    assert not leftover.exists()


def test_restore_does_not_replace_a_data_dir_a_window_has_open(
        data_dir: Path, seeded: dict[str, str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "backup.zip"
    assert _cli(data_dir, capsys, "backup", "-o", str(archive))[0] == 0
    before = sorted(p.name for p in data_dir.iterdir())
    with WriteLock(data_dir) as lock:
        assert lock.acquire()
        code, out, err = _cli(data_dir, capsys, "restore", str(archive), "--replace")
        assert code == 1
        assert out == ""
        assert err.startswith("casebook: error: Casebook is open in a window on ")
        assert len(err.splitlines()) == 1
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert not list(tmp_path.glob("*.before-restore-*"))
    assert not [p for p in data_dir.parent.iterdir() if ".restore-" in p.name]
    # once the window has closed, the same restore goes through
    code, out, err = _cli(data_dir, capsys, "restore", str(archive), "--replace")
    assert code == 0, err
    assert list(data_dir.parent.glob(f"{data_dir.name}.before-restore-*"))
