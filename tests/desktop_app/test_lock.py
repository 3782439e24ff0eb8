"""The data dir's locks: one writing process at a time, released by the OS on a crash; CLI
writers wait their turn behind each other and stop at once for a window; readers take none."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from raw_sqlite import table_counts

from desktop_app.cli import main, writing
from desktop_app.cli.parser import build_parser
from desktop_app.cli.writing import WRITE_COMMANDS
from desktop_app.store import lock as lock_module
from desktop_app.store.lock import WindowLocks, WriteLock, is_locked, window_is_open
from desktop_app.store.paths import DataPaths

REFUSAL = ("casebook: error: Casebook is open in a window on this data folder; close it first, "
           "or use the window")
ROOT = Path(__file__).resolve().parents[2]


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
            from desktop_app.store.lock import WindowLocks
            lock = WindowLocks({str(data_dir)!r})  # as a window holds the data dir
            assert lock.acquire()
            print("held", flush=True)
            time.sleep(60)
        """)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        assert is_locked(data_dir)
        assert window_is_open(data_dir)
        assert not WriteLock(data_dir).acquire()
        holder.kill()  # SIGKILL on POSIX: no clean-up code runs
        holder.wait(timeout=10)
        assert not window_is_open(data_dir)
        lock = WriteLock(data_dir)
        assert lock.acquire()
        lock.release()
        assert WindowLocks(data_dir).acquire()
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
def window_lock(data_dir: Path, seeded: dict[str, str]) -> Iterator[WindowLocks]:
    """The locks as the window holds them (another open file description: flock conflicts)."""
    lock = WindowLocks(data_dir)
    assert lock.acquire()
    yield lock
    lock.release()


@pytest.fixture
def cli_writer_lock(data_dir: Path, seeded: dict[str, str]) -> Iterator[WriteLock]:
    """The lock as another CLI writer holds it: the write lock, no window lock."""
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
        data_dir: Path, seeded: dict[str, str], window_lock: WindowLocks,
        capsys: pytest.CaptureFixture[str]) -> None:
    database = DataPaths(data_dir).database
    before = table_counts(database)
    files_before = sorted(p.name for p in data_dir.iterdir())
    for args in _writes(seeded):
        started = time.monotonic()
        code, out, err = _cli(data_dir, capsys, *args)
        assert (code, out, err) == (1, "", REFUSAL + "\n"), args
        assert time.monotonic() - started < writing.WAIT_S  # at once: no wait for a window
    assert table_counts(database) == before
    assert sorted(p.name for p in data_dir.iterdir()) == files_before  # no profile.json either


def test_cli_reads_run_while_the_window_holds_the_lock(
        data_dir: Path, seeded: dict[str, str], window_lock: WindowLocks, tmp_path: Path,
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
        data_dir: Path, seeded: dict[str, str], window_lock: WindowLocks,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert _cli(data_dir, capsys, "profile", "set", "--name", "张三")[0] == 1
    window_lock.release()
    code, _out, err = _cli(data_dir, capsys, "profile", "set", "--name", "张三")
    assert code == 0, err
    assert not is_locked(data_dir)  # the command let go of it


def test_a_cli_writer_holds_the_lock_while_it_runs(
        data_dir: Path, seeded: dict[str, str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.services.institutions import Institutions

    seen: list[bool] = []
    original = Institutions.add_institution

    def spy(self: Institutions, *args: object, **kwargs: object) -> object:
        seen.append(is_locked(data_dir))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Institutions, "add_institution", spy)
    assert _cli(data_dir, capsys, "institution", "add", "--name", "某小贷公司")[0] == 0
    assert seen == [True]


def test_the_window_lock_tells_a_window_from_a_cli_writer(data_dir: Path) -> None:
    assert not window_is_open(data_dir)  # no data dir yet: nothing is created to find out
    assert not data_dir.exists()
    with WriteLock(data_dir) as command:  # a CLI writer
        assert command.acquire()
        assert is_locked(data_dir)
        assert not window_is_open(data_dir)
    window = WindowLocks(data_dir)
    assert window.acquire()
    assert window.held
    assert is_locked(data_dir)
    assert window_is_open(data_dir)
    assert not WindowLocks(data_dir).acquire()  # one window per data dir
    assert window_is_open(data_dir)  # the refused attempt let go of nothing of the window's
    window.release()
    assert not window.held
    assert not is_locked(data_dir)
    assert not window_is_open(data_dir)
    assert (data_dir / "window.lock").is_file()  # never deleted either


def test_a_cli_writer_waits_for_another_cli_writer(
        data_dir: Path, seeded: dict[str, str], cli_writer_lock: WriteLock,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    looks: list[bool] = []
    real_look = lock_module.window_is_open

    def look_then_finish(paths: object) -> bool:
        """The waiting writer asks who holds the lock: a CLI command, which then finishes."""
        looks.append(real_look(paths))  # type: ignore[arg-type]
        cli_writer_lock.release()
        return looks[-1]

    monkeypatch.setattr(lock_module, "window_is_open", look_then_finish)
    code, out, err = _cli(data_dir, capsys, "institution", "add", "--name", "某小贷公司")
    assert (code, err) == (0, ""), err
    assert looks == [False]  # it found the lock taken, by no window, and waited its turn
    assert not is_locked(data_dir)  # and let go of it when done
    code, out, _err = _cli(data_dir, capsys, "institution", "list")
    assert "某小贷公司" in out


def test_a_waiting_cli_writer_stops_when_a_window_takes_the_folder(
        data_dir: Path, seeded: dict[str, str], cli_writer_lock: WriteLock,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    database = DataPaths(data_dir).database
    before = table_counts(database)
    real_look = lock_module.window_is_open
    window = WindowLocks(data_dir)

    def look_as_a_window_opens(paths: object) -> bool:
        if not window.held:  # the other command finishes and a window opens straight after
            cli_writer_lock.release()
            assert window.acquire()
        return real_look(paths)  # type: ignore[arg-type]

    monkeypatch.setattr(lock_module, "window_is_open", look_as_a_window_opens)
    try:
        code, out, err = _cli(data_dir, capsys, "profile", "set", "--name", "张三")
    finally:
        window.release()
    assert (code, out, err) == (1, "", REFUSAL + "\n")
    assert table_counts(database) == before
    assert not (data_dir / "profile.json").exists()


def test_a_cli_writer_gives_up_after_the_bounded_wait(
        data_dir: Path, seeded: dict[str, str], cli_writer_lock: WriteLock,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(writing, "WAIT_S", 0.5)
    database = DataPaths(data_dir).database
    before = table_counts(database)
    files_before = sorted(p.name for p in data_dir.iterdir())
    started = time.monotonic()
    code, out, err = _cli(data_dir, capsys, "event", "add", seeded["case"], "--channel", "note",
                          "--at", "2024-11-02 10:00")
    assert time.monotonic() - started >= 0.5
    assert (code, out) == (1, "")
    assert err == ("casebook: error: another casebook command kept this data folder busy for "
                   "0.5 seconds; nothing was changed: try again when it has finished\n")
    assert table_counts(database) == before
    assert sorted(p.name for p in data_dir.iterdir()) == files_before
    assert is_locked(data_dir)  # still the other command's


def installed_script(name: str) -> str:
    """The path of one of the project's installed scripts (``uv sync`` installs them)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"the {name!r} script is not installed beside {sys.executable}: run uv sync"
    return found


@pytest.mark.slow
def test_twenty_cli_writers_started_at_once_all_get_their_turn(
        data_dir: Path, seeded: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's case: 20 ``casebook event add`` at once on one data folder, no window."""
    script = installed_script("casebook-cli")
    case = seeded["case"]
    writers = [
        subprocess.Popen([script, "--data-dir", str(data_dir), "event", "add", case,
                          "--channel", "call", "--at", f"2024-11-03 {9 + i // 6:02d}:{i % 6}0",
                          "--summary", f"第 {i + 1} 次来电"],
                         cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         encoding="utf-8")
        for i in range(20)
    ]
    results = []
    try:
        for writer in writers:
            out, err = writer.communicate(timeout=300)
            results.append((writer.returncode, out, err))
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
                writer.wait()
    assert [(code, err) for code, _out, err in results] == [(0, "")] * 20
    ids = {int(out) for _code, out, _err in results}
    assert len(ids) == 20
    code, out, err = _cli(data_dir, capsys, "case", "show", case, "--json")
    assert code == 0, err
    events = json.loads(out)["events"]
    assert {e["id"] for e in events} >= ids
    assert sorted(e["summary"] for e in events if e["id"] in ids) == sorted(
        f"第 {i + 1} 次来电" for i in range(20))
    assert _cli(data_dir, capsys, "verify")[0] == 0  # the audit chain is whole
    assert not is_locked(data_dir)


# Every command the CLI has, as a reader or a writer. A new command must be put in one of the
# two (a writer in desktop_app.cli.writing.WRITE_COMMANDS) before this passes.
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
