"""File → Passphrase from the window: a plain book given a passphrase (converted in the
background, the window still on it), the passphrase changed, and removed."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_app.crypto.keys import unlock
from desktop_app.errors import WrongPassphrase
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store import vault
from ui.dialogs.passphrase_dialog import Change, PassphraseDialog
from ui.lock_actions import LockActions
from ui.main_window import MainWindow

sys.path.append(str(Path(__file__).resolve().parent.parent / "desktop_app"))
from locked_samples import FAST, PASSPHRASE, forget_all, make_locked

NEW = "一个新的 passphrase"


@pytest.fixture(autouse=True)
def no_key_left(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    forget_all()
    monkeypatch.setattr(LockActions, "scrypt_params", FAST)
    yield
    forget_all()


def answer_with(monkeypatch: pytest.MonkeyPatch, current: str = "", new: str = "",
                again: str | None = None) -> list[Change]:
    """The passphrase dialog typed into as given and accepted (its exec is the boundary)."""
    asked: list[Change] = []

    def ask(self: LockActions, change: Change) -> PassphraseDialog:
        asked.append(change)
        dialog = PassphraseDialog(change, self.window)
        dialog.old_field.edit.setText(current)
        dialog.new_field.edit.setText(new)
        dialog.again_field.edit.setText(new if again is None else again)
        assert dialog.ok.isEnabled()
        return dialog

    monkeypatch.setattr(LockActions, "ask", ask)
    return asked


def a_case(book: Casebook) -> None:
    book.cases.create_case(CaseFields(title="冻结资金", institution_name="建设银行"))


def test_setting_a_passphrase_encrypts_the_book_and_the_window_goes_on(
        qtbot: QtBot, tmp_path: Path, open_window: Callable[..., MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    book = Casebook.open(tmp_path)
    a_case(book)
    window = open_window(book)
    locking = window.locking
    qtbot.waitUntil(lambda: not locking.idle.busy())  # the renditions looked for at start
    assert locking.act_set.isEnabled()
    assert not locking.act_lock_now.isEnabled()
    assert not locking.idle._filtering  # a plain book has no idle lock
    asked = answer_with(monkeypatch, new=NEW)
    with qtbot.waitSignal(locking.conversionDone) as done:
        locking.act_set.trigger()
        assert locking.progress is not None
        assert locking.progress.isVisible()  # shown at once, modal to the whole program
        assert not locking.act_set.isEnabled()
    assert done.args == [True]
    assert asked == [Change.SET]
    assert vault.has_key_file(tmp_path)
    assert vault.key_for(tmp_path) is not None
    assert vault.is_encrypted_database(book.paths.database)
    assert unlock(tmp_path, NEW) == vault.key_for(tmp_path)
    qtbot.waitUntil(lambda: window.case_model.rowCount() == 1)  # read from the locked book
    assert locking.act_lock_now.isEnabled()
    assert not locking.act_set.isEnabled()
    assert locking.idle._filtering
    assert locking.progress is None


def test_changing_and_removing_the_passphrase(
        qtbot: QtBot, tmp_path: Path, open_window: Callable[..., MainWindow],
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_locked(tmp_path)
    book = Casebook.open(tmp_path, lambda: PASSPHRASE)
    a_case(book)
    window = open_window(book)
    locking = window.locking
    qtbot.waitUntil(lambda: not locking.idle.busy())  # the renditions looked for at start
    answer_with(monkeypatch, current=PASSPHRASE, new=NEW)
    with qtbot.waitSignal(locking.conversionDone) as done:
        locking.act_change.trigger()
    assert done.args == [True]
    with pytest.raises(WrongPassphrase):
        unlock(tmp_path, PASSPHRASE)
    assert unlock(tmp_path, NEW) == vault.key_for(tmp_path)

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    answer_with(monkeypatch, current="not it")
    with qtbot.waitSignal(locking.conversionDone) as done:
        locking.act_remove.trigger()
    assert done.args == [False]
    assert len(warned) == 1
    assert "\n" not in warned[0]
    assert vault.has_key_file(tmp_path)  # nothing changed

    answer_with(monkeypatch, current=NEW)
    with qtbot.waitSignal(locking.conversionDone) as done:
        locking.act_remove.trigger()
    assert done.args == [True]
    assert not vault.has_key_file(tmp_path)
    assert vault.key_for(tmp_path) is None
    assert not vault.is_encrypted_database(book.paths.database)
    qtbot.waitUntil(lambda: window.case_model.rowCount() == 1)
    assert locking.act_set.isEnabled()
    assert not locking.idle._filtering
