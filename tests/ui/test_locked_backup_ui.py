"""File → Back up… and File → Restore from backup… on a locked book: the backup is the locked
book's, and restoring it asks for its passphrase (none: nothing happens; a wrong one: refused,
nothing changed)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from locked_samples import PASSPHRASE, forget_all, make_locked
from PySide6.QtWidgets import QMessageBox

from desktop_app.backup.archive import is_locked_archive
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store import vault
from ui.backup_actions import latest_window
from ui.main_window import MainWindow

TITLE = "招商银行信用卡盗刷案"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    forget_all()


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def box(kind: str) -> Any:
        def show(_parent: object, _title: str, text: str, *a: object, **k: object) -> Any:
            shown.append((kind, text))
            return QMessageBox.StandardButton.Yes if kind == "question" \
                else QMessageBox.StandardButton.Ok
        return show

    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, box(kind))
    return shown


@pytest.fixture
def window(open_window: Callable[..., MainWindow], data_dir: Path) -> Iterator[MainWindow]:
    vault.remember(data_dir, make_locked(data_dir))
    book = Casebook.open(data_dir)
    book.cases.create_case(CaseFields(title=TITLE, institution_name="招商银行"))
    win = open_window(book)
    yield win
    restored = latest_window(win)
    if restored is not win:
        restored.close()
        restored.book.close()


def test_a_locked_books_backup_restores_in_the_window_only_with_its_passphrase(
        qtbot, window: MainWindow, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
        boxes: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "backup.zip"
    monkeypatch.setattr(window.backup, "choose_backup_file", lambda: str(archive))
    window.backup.act_backup.trigger()
    qtbot.waitUntil(lambda: not window.backup.busy, timeout=60_000)
    assert [k for k, _t in boxes] == ["information"]
    assert is_locked_archive(archive)
    assert TITLE.encode() not in archive.read_bytes()
    boxes.clear()
    monkeypatch.setattr(window.backup, "choose_archive", lambda: str(archive))
    listing = sorted(p.name for p in data_dir.parent.iterdir())
    db = hashlib.sha256((data_dir / "casebook.sqlite3").read_bytes()).hexdigest()

    asked: list[str | None] = [None]
    monkeypatch.setattr(window.backup, "ask_passphrase", lambda: asked[0])
    window.backup.act_restore.trigger()  # no passphrase given: nothing happens
    assert not window.backup.busy
    assert boxes == []

    asked[0] = "not the passphrase"
    window.backup.act_restore.trigger()
    qtbot.waitUntil(lambda: bool(boxes), timeout=60_000)
    ((kind, text),) = boxes
    assert kind == "critical"
    assert "Wrong passphrase" in text
    assert latest_window(window) is window
    assert sorted(p.name for p in data_dir.parent.iterdir()) == listing
    assert hashlib.sha256((data_dir / "casebook.sqlite3").read_bytes()).hexdigest() == db

    boxes.clear()
    asked[0] = PASSPHRASE
    window.backup.act_restore.trigger()
    qtbot.waitUntil(lambda: latest_window(window) is not window, timeout=60_000)
    new = latest_window(window)
    assert [k for k, _t in boxes] == ["question", "information"]
    assert [c.title for c in new.book.cases.list_cases()] == [TITLE]
    assert vault.has_key_file(data_dir)
    assert vault.is_encrypted_database(data_dir / "casebook.sqlite3")


def test_a_locked_books_window_settings_and_export_choices_are_sealed(data_dir: Path) -> None:
    from ui.dialogs.export_dialog import CHOICES_FILE, ExportChoices
    from ui.settings import UiSettings
    from ui.widgets.welcome_page import _choices

    vault.remember(data_dir, make_locked(data_dir))
    settings = UiSettings(last_case_id=42, backup_keep=3)
    settings.save(data_dir / "settings.json")
    choices = ExportChoices(folder=str(data_dir.parent / "我的导出"))
    choices.save(data_dir / CHOICES_FILE)
    for name in ("settings.json", CHOICES_FILE):
        saved = (data_dir / name).read_bytes()
        assert saved.startswith(vault.SEALED_MAGIC), name
        assert "我的导出".encode() not in saved
    assert UiSettings.load(data_dir / "settings.json").last_case_id == 42
    assert ExportChoices.load(data_dir / CHOICES_FILE).folder == choices.folder
    assert _choices(data_dir)["folder"] == choices.folder
    forget_all()  # without the key: the defaults, no error
    assert UiSettings.load(data_dir / "settings.json").last_case_id is None
    assert ExportChoices.load(data_dir / CHOICES_FILE).folder == ""
    assert _choices(data_dir) == {}
