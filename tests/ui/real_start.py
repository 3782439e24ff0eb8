"""The real start-up (``ui.app.start``) for a test, and its tear-down."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services.book import Casebook
from ui import app as app_module
from ui.main_window import MainWindow


@contextmanager
def started_window(data_dir: Path, qtbot: QtBot
                   ) -> Iterator[tuple[QApplication, MainWindow, Casebook]]:
    """``start`` on ``data_dir`` as the launcher does; then the window closed, its data
    closed and its claim on the data dir let go."""
    started = app_module.start(str(data_dir))
    assert started is not None
    _app, window, book = started
    qtbot.addWidget(window)
    try:
        yield started
    finally:
        window.close()
        book.close()
        window.single_instance.release()  # type: ignore[attr-defined]
