"""Starting the window on a locked book: the passphrase dialog comes first (a wrong passphrase is
said and asked again, Cancel leaves quietly), and the right one opens the book."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store import vault
from ui import app as app_module
from ui.dialogs.passphrase_dialog import Change, PassphraseDialog, UnlockDialog

sys.path.append(str(Path(__file__).resolve().parent.parent / "desktop_app"))
from locked_samples import PASSPHRASE, forget_all, make_locked
from real_start import started_window

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_key_left() -> Iterator[None]:
    forget_all()
    yield
    forget_all()


@pytest.fixture
def locked_book(tmp_path: Path) -> Path:
    """A locked book with one case, its key forgotten."""
    folder = tmp_path / "data"
    make_locked(folder)
    book = Casebook.open(folder, lambda: PASSPHRASE)
    try:
        book.cases.create_case(CaseFields(title="Card refund", institution_name="建设银行"))
    finally:
        book.close()
    forget_all()
    return folder


def when_dialog_shows(qtbot: QtBot, then: Callable[[UnlockDialog], None]) -> None:
    """``then(dialog)`` once the unlock dialog runs (inside its exec)."""
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnlockDialog):
            QTimer.singleShot(10, look)
            return
        try:
            then(dialog)
        except BaseException:
            dialog.reject()  # exec returns: the test fails instead of waiting for ever
            if dialog.isVisible():
                dialog.done(QDialog.DialogCode.Rejected)
            raise
    QTimer.singleShot(0, look)


def type_and_open(qtbot: QtBot, dialog: UnlockDialog, passphrase: str) -> None:
    dialog.field.edit.setText(passphrase)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_the_right_passphrase_opens_the_book(qtbot: QtBot, locked_book: Path) -> None:
    seen: list[str] = []

    def answer(dialog: UnlockDialog) -> None:
        assert dialog.field.edit.echoMode() is QLineEdit.EchoMode.Password
        with qtbot.waitSignal(dialog.refused) as refused:
            type_and_open(qtbot, dialog, "not it")
        seen.append(refused.args[0])
        assert dialog.error.isVisible()
        assert dialog.error.text()
        assert vault.key_for(locked_book) is None  # still closed
        assert dialog.isVisible()
        type_and_open(qtbot, dialog, PASSPHRASE)

    when_dialog_shows(qtbot, answer)
    with started_window(locked_book, qtbot) as (_app, window, book):
        assert seen
        assert "\n" not in seen[0]
        assert vault.key_for(locked_book) is not None
        assert window.isVisible()
        assert book.paths.root == locked_book
        assert window.case_model.rowCount() == 1  # the case list, read from the locked book


def test_cancel_quits_quietly(qtbot: QtBot, locked_book: Path) -> None:
    when_dialog_shows(qtbot, lambda dialog: dialog.reject())
    assert app_module._run(str(locked_book)) == 0
    assert vault.key_for(locked_book) is None


def test_show_toggles_the_mask(qtbot: QtBot, tmp_path: Path) -> None:
    make_locked(tmp_path)
    dialog = UnlockDialog(tmp_path)
    qtbot.addWidget(dialog)
    dialog.field.toggle.click()
    assert dialog.field.edit.echoMode() is QLineEdit.EchoMode.Normal
    dialog.field.toggle.click()
    assert dialog.field.edit.echoMode() is QLineEdit.EchoMode.Password


def test_the_new_passphrase_is_typed_twice(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(Change.SET)
    qtbot.addWidget(dialog)
    assert "no way back" in dialog.warning.text()
    assert not dialog.ok.isEnabled()
    dialog.new_field.edit.setText("long enough passphrase")
    dialog.again_field.edit.setText("long enough passphras")
    assert not dialog.ok.isEnabled()
    dialog.again_field.edit.setText("long enough passphrase")
    assert dialog.ok.isEnabled()
    assert dialog.new == "long enough passphrase"
    dialog.new_field.edit.setText("short")
    dialog.again_field.edit.setText("short")
    assert dialog.ok.isEnabled()
    assert not dialog.hint.isHidden()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_plain_books_window_loads_no_cryptography(tmp_path: Path) -> None:
    """Start-up of a plain book, File → Passphrase and the idle lock built (after the first
    frame), loads neither cryptography nor SQLCipher."""
    code = textwrap.dedent(f"""
        import json, os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["CASEBOOK_OCR"] = "off"
        from ui import app
        app_, window, book = app.start({str(tmp_path / "data")!r})
        window.finish_start()
        assert window.locking.act_set.isEnabled()
        window.close()
        book.close()
        window.single_instance.release()
        print(json.dumps(sorted(sys.modules)))
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout.splitlines()[-1])
    assert "ui.lock_actions" in loaded
    assert [m for m in loaded if m.split(".")[0] in ("cryptography", "sqlcipher3")] == []
