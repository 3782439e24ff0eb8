"""The idle lock of a locked book's window: idle time (or Lock now) hides the cases and forgets
the key; the passphrase brings the window back where it was. A plain book has none."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store import vault
from ui.main_window import MainWindow

sys.path.append(str(Path(__file__).resolve().parent.parent / "desktop_app"))
from locked_samples import PASSPHRASE, forget_all, make_locked


@pytest.fixture(autouse=True)
def no_key_left() -> Iterator[None]:
    forget_all()
    yield
    forget_all()


@pytest.fixture
def locked_window(qtbot: QtBot, tmp_path: Path,
                  open_window: Callable[..., MainWindow]) -> MainWindow:
    """A window on a locked book with two cases, the second one shown."""
    make_locked(tmp_path)
    book = Casebook.open(tmp_path, lambda: PASSPHRASE)
    book.cases.create_case(CaseFields(title="冻结资金", institution_name="建设银行"))
    second = book.cases.create_case(CaseFields(title="Card refund", institution_name="招商银行"))
    window = open_window(book, case_id=second.id)
    qtbot.waitUntil(lambda: not window.locking.idle.busy())
    return window


def unlock_with(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    dialog = window.locking.idle.dialog
    assert dialog is not None
    dialog.field.edit.setText(passphrase)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_idle_time_locks_the_window_and_the_passphrase_brings_it_back(
        qtbot: QtBot, locked_window: MainWindow) -> None:
    window = locked_window
    idle, root = window.locking.idle, window.book.paths.root
    shown = window.current_case
    assert shown is not None
    with qtbot.waitSignal(idle.lockedChanged) as locked:
        idle.set_interval_ms(50)
    assert locked.args == [True]
    assert vault.key_for(root) is None  # the key is forgotten
    assert window.centralWidget() is idle.screen
    assert not window.case_list.isVisible()
    assert not window.case_page.isVisible()
    assert not window.menuBar().isEnabled()
    assert idle.dialog is not None
    assert idle.dialog.isVisible()

    with qtbot.waitSignal(idle.dialog.refused):
        unlock_with(qtbot, window, "not it")
    assert idle.locked
    assert vault.key_for(root) is None
    assert idle.dialog.error.isVisible()

    with qtbot.waitSignal(idle.lockedChanged) as unlocked:
        unlock_with(qtbot, window, PASSPHRASE)
    assert unlocked.args == [False]
    assert vault.key_for(root) is not None
    assert window.centralWidget() is not idle.screen
    assert window.case_list.isVisible()
    assert window.menuBar().isEnabled()
    assert window.case_model.rowCount() == 2  # read from the book again
    assert window.current_case is not None
    assert window.current_case.id == shown.id  # where it was
    assert idle.timer.isActive()  # and watching again


def test_lock_now_and_a_cancelled_passphrase_keep_it_locked(
        qtbot: QtBot, locked_window: MainWindow) -> None:
    window = locked_window
    idle, locking = window.locking.idle, window.locking
    assert locking.act_lock_now.isEnabled()
    assert locking.act_lock_now.shortcut().toString() == "Ctrl+Shift+L"
    with qtbot.waitSignal(idle.lockedChanged):
        locking.act_lock_now.trigger()
    assert idle.dialog is not None
    idle.dialog.reject()
    qtbot.waitUntil(lambda: idle.dialog is None)
    assert idle.locked
    assert window.centralWidget() is idle.screen
    assert not locking.act_lock_now.isEnabled()
    assert idle.screen is not None
    qtbot.mouseClick(idle.screen.unlock_button, Qt.MouseButton.LeftButton)
    assert idle.dialog is not None
    with qtbot.waitSignal(idle.lockedChanged):
        unlock_with(qtbot, window, PASSPHRASE)
    assert window.case_list.isVisible()


def test_a_window_closed_while_locked_writes_no_plain_preferences(
        qtbot: QtBot, tmp_path: Path, open_window: Callable[..., MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_locked(tmp_path)
    book = Casebook.open(tmp_path, lambda: PASSPHRASE)
    window = open_window(book, remember=True)
    qtbot.waitUntil(lambda: not window.locking.idle.busy())
    with qtbot.waitSignal(window.locking.idle.lockedChanged):
        window.locking.act_lock_now.trigger()
    window.close()
    assert not book.paths.settings.exists()


def test_a_plain_book_has_no_idle_lock(qtbot: QtBot, tmp_path: Path,
                                       open_window: Callable[..., MainWindow]) -> None:
    window = open_window(Casebook.open(tmp_path))
    idle = window.locking.idle
    idle.set_interval_ms(1)
    assert not idle.timer.isActive()
    assert not idle._filtering
    idle.lock()
    assert not idle.hiding
    assert window.centralWidget() is not None
    assert window.case_list.isVisible()


def test_lock_after_idle_is_a_preference(qtbot: QtBot, locked_window: MainWindow,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    window = locked_window
    assert window.settings.idle_lock_minutes == 15
    assert window.locking.idle.interval_ms == 15 * 60_000
    monkeypatch.setattr(type(window.locking), "ask_minutes", lambda _self, _m: 5)
    window.locking.act_idle.trigger()
    assert window.settings.idle_lock_minutes == 5
    assert window.locking.idle.interval_ms == 5 * 60_000
    assert window.locking.idle.timer.isActive()
    monkeypatch.setattr(type(window.locking), "ask_minutes", lambda _self, _m: 0)
    window.locking.act_idle.trigger()
    assert not window.locking.idle.timer.isActive()


def test_work_in_progress_finishes_before_the_key_is_dropped(
        qtbot: QtBot, locked_window: MainWindow) -> None:
    window = locked_window
    idle, root = window.locking.idle, window.book.paths.root
    release = threading.Event()
    window.worker.submit(lambda: release.wait(10))  # a change still being saved
    window.locking.act_lock_now.trigger()
    assert idle.hiding  # the case is out of sight at once
    assert window.centralWidget() is idle.screen
    assert not idle.locked
    assert vault.key_for(root) is not None  # the change needs it
    with qtbot.waitSignal(idle.lockedChanged):
        release.set()
    assert vault.key_for(root) is None


def test_no_menu_key_reaches_the_locked_window(
        qtbot: QtBot, locked_window: MainWindow) -> None:
    window = locked_window
    idle = window.locking.idle
    keys = (Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    newest_first = window.act_newest_first.isChecked()
    qtbot.keyClick(window, *keys)  # unlocked, the key works
    assert window.act_newest_first.isChecked() != newest_first
    newest_first = not newest_first
    with qtbot.waitSignal(idle.lockedChanged):
        window.locking.act_lock_now.trigger()
    assert idle.dialog is not None
    idle.dialog.reject()
    qtbot.waitUntil(lambda: idle.dialog is None)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, *keys)
    assert window.act_newest_first.isChecked() == newest_first
    idle.lock()  # already locked: nothing more happens
    assert idle.locked
