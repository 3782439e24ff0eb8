"""One window per data dir: a second launch brings the first window forward and exits; a data
dir held by someone who does not answer is explained; the CLI's writes wait for the window."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from real_start import started_window

from desktop_app.store.lock import WriteLock, is_locked, window_is_open
from ui import app as app_module
from ui.single_instance import OK, Claim, SingleInstance, server_name

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def first(data_dir: Path, qapp: Any) -> Iterator[SingleInstance]:
    instance = SingleInstance(data_dir)
    assert instance.claim() is Claim.FIRST
    yield instance
    instance.release()


def test_the_name_is_the_data_dirs_however_it_is_spelled(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    assert server_name(tmp_path / "a") == server_name(tmp_path / "a" / ".." / "a")
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_the_first_instance_holds_both_locks(first: SingleInstance, data_dir: Path) -> None:
    assert first.holds
    assert is_locked(data_dir)
    assert (data_dir / "window.lock").exists()
    assert window_is_open(data_dir)  # CLI writers stop at once, they do not wait their turn
    first.release()
    assert not is_locked(data_dir)
    assert not window_is_open(data_dir)
    again = SingleInstance(data_dir)
    assert again.claim() is Claim.FIRST
    again.release()


def test_the_first_instance_answers_activate(first: SingleInstance, qtbot: QtBot) -> None:
    socket = QLocalSocket()
    with qtbot.waitSignal(first.activate_requested, timeout=10_000):
        socket.connectToServer(first.name)
        qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.ConnectedState,
                        timeout=10_000)
        socket.write(b"activate\n")
    answer = bytearray()

    def answered() -> bool:
        answer.extend(bytes(socket.readAll().data()))
        return answer.endswith(b"\n")

    qtbot.waitUntil(answered, timeout=10_000)
    assert bytes(answer) == OK


SECOND_LAUNCH = """
import sys
from desktop_app.store.lock import window_is_open
from ui.single_instance import ask_to_activate

said = []

def still_starting():
    if not said:  # nobody listened: this launch waits
        print("waiting", flush=True)
        said.append(True)
    return window_is_open(sys.argv[2])

print(ask_to_activate(sys.argv[1], 60_000, still_starting), flush=True)
"""


def test_a_second_launch_waits_for_a_starting_window_to_listen(
        data_dir: Path, qtbot: QtBot) -> None:
    # the window takes the data dir at once and listens after its first frame; a launch in
    # between asks again until it does, and is answered
    starting = SingleInstance(data_dir)
    assert starting.claim(listen=False) is Claim.FIRST
    assert not starting.listening
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    second = subprocess.Popen([sys.executable, "-c", SECOND_LAUNCH, starting.name,
                               str(data_dir)], cwd=ROOT, env=env, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert second.stdout is not None
        assert second.stdout.readline() == "waiting\n"  # (the listening window is not there)
        with qtbot.waitSignal(starting.activate_requested, timeout=60_000):
            starting.listen()
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        out, err = second.communicate(timeout=60)
    finally:
        if second.poll() is None:
            second.kill()
        starting.release()
    assert second.returncode == 0, err
    assert out == "True\n"


def test_a_data_dir_held_without_an_answer_is_busy(data_dir: Path, qapp: Any) -> None:
    held = WriteLock(data_dir)  # e.g. a CLI command importing a folder of photos
    assert held.acquire()
    try:
        assert SingleInstance(data_dir).claim(timeout_ms=2000) is Claim.BUSY
        assert not window_is_open(data_dir)  # the refused window keeps no lock of its own
    finally:
        held.release()


def test_another_data_dir_is_another_instance(first: SingleInstance, tmp_path: Path) -> None:
    other = SingleInstance(tmp_path / "other")
    assert other.claim() is Claim.FIRST
    assert other.name != first.name
    other.release()


def test_a_dead_windows_lock_file_does_not_block(data_dir: Path, qapp: Any) -> None:
    data_dir.mkdir(parents=True)
    # what a killed window leaves: a lock file naming a process that is gone
    (data_dir / "window.lock").write_text("999999\ncasebook\nlocalhost\n")
    instance = SingleInstance(data_dir)
    assert instance.claim() is Claim.FIRST
    instance.release()


# ---- the real start-up ------------------------------------------------------------------


@pytest.fixture
def window(data_dir: Path, qtbot: QtBot) -> Iterator[Any]:
    with started_window(data_dir, qtbot) as (_app, main_window, _book):
        yield main_window


def _launch(data_dir: Path) -> subprocess.Popen[bytes]:
    code = ("import sys; from ui.launcher import main; "
            f"sys.exit(main(['--data-dir', {str(data_dir)!r}]))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_second_launch_brings_the_first_window_forward(window: Any, data_dir: Path,
                                                         qtbot: QtBot) -> None:
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=5000)
    second = _launch(data_dir)
    try:
        with qtbot.waitSignal(window.single_instance.activate_requested, timeout=60_000):
            pass
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
    finally:
        if second.poll() is None:
            second.kill()
    _out, err = second.communicate(timeout=10)
    assert second.returncode == 0, err.decode(errors="replace")
    # not silent: a terminal says where the window went (a window manager may keep it behind)
    assert "already open" in err.decode()
    assert not window.isMinimized()
    assert window.isVisible()
    assert window.single_instance.holds  # the first window keeps the data dir


def test_a_busy_data_dir_is_explained(data_dir: Path, qapp: Any,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, title, text: told.append((title, text)))
    held = WriteLock(data_dir)
    assert held.acquire()
    try:
        assert app_module.run(str(data_dir)) == 1
    finally:
        held.release()
    assert len(told) == 1
    assert told[0][0] == "Casebook is already open"
    assert str(data_dir) in told[0][1]
    assert not (data_dir / "casebook.sqlite3").exists()  # the database was not opened


def test_cli_writes_wait_for_the_window_and_reads_do_not(
        window: Any, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.cli import main as cli

    code = cli(["--data-dir", str(data_dir), "case", "new", "--title", "建行转账失败",
                "--institution", "中国建设银行"])
    _out, err = capsys.readouterr()
    assert code == 1
    assert err == ("casebook: error: Casebook is open in a window on this data folder; close "
                   "it first, or use the window\n")
    assert cli(["--data-dir", str(data_dir), "case", "list"]) == 0
    assert cli(["--data-dir", str(data_dir), "institution", "list"]) == 0
    out, _err = capsys.readouterr()
    assert "中国建设银行" in out
