"""Help → About says the version and whether this is the installed (frozen) app."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app import __version__
from desktop_app.services.book import Casebook
from ui.i18n import Localisation
from ui.main_window import MainWindow
from ui.settings import UiSettings


@pytest.mark.parametrize(("frozen", "says"), [(False, "Running from source"),
                                              (True, "Installed app (frozen build)")])
def test_about_says_version_and_whether_frozen(
        qtbot, data_dir: Path, localisation: Localisation,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, frozen: bool, says: str) -> None:
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, _title, text: shown.append(text))
    book = Casebook.open(data_dir)
    window = MainWindow(book, UiSettings.load(book.paths.settings), localisation,
                        book.paths.settings)
    qtbot.addWidget(window)
    try:
        window.act_about.trigger()
    finally:
        window.close()
        book.close()
    assert len(shown) == 1
    assert f"Casebook {__version__}" in shown[0]
    assert shown[0].endswith(says)
