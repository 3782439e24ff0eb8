"""Shared fixtures of the window tests: the window in English, and main windows opened on a data
folder as the app opens them (closed, with their books, when the test ends)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.services.book import Casebook
from ui.i18n import Localisation
from ui.main_window import MainWindow
from ui.settings import UiSettings

# the core tests' helpers (screenshot_samples: phone screenshots drawn with the CJK font), after
# this folder's own so that no name of theirs shadows one of ours
sys.path.append(str(Path(__file__).resolve().parent.parent / "desktop_app"))


@pytest.fixture(autouse=True)
def no_automatic_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pictures imported in window tests are not read by OCR (worker processes, seconds of
    CPU each) unless a test turns it on again (``monkeypatch.setenv("CASEBOOK_OCR", "on")``,
    before it opens its window): the app reads them by default."""
    monkeypatch.setenv("CASEBOOK_OCR", "off")


@pytest.fixture
def localisation(qapp: QApplication) -> Iterator[Localisation]:
    loc = Localisation(qapp)
    loc.apply("en")
    yield loc
    loc.apply("en")


@pytest.fixture
def open_window(qtbot: QtBot, localisation: Localisation) -> Iterator[Callable[..., MainWindow]]:
    """``open_window(book_or_data_dir, *, case_id=None, remember=False, active=False,
    size=None)``: a main window, shown and exposed, with fresh settings.

    ``remember``: it saves its settings to the data folder's settings file (as the app does);
    otherwise nowhere. ``active``: wait until it is the active window, so keyboard shortcuts
    reach it as they would a user's. ``case_id``: the case selected once it is shown. ``size``:
    resized before it is shown.

    Every window opened is closed at the end of the test, and its book with it (after the
    test module's own fixtures have finished with it)."""
    opened: list[MainWindow] = []

    def open_(where: Casebook | Path, *, case_id: int | None = None, remember: bool = False,
              active: bool = False, size: tuple[int, int] | None = None) -> MainWindow:
        book = where if isinstance(where, Casebook) else Casebook.open(where)
        window = MainWindow(book, UiSettings(), localisation,
                            book.paths.settings if remember else None)
        qtbot.addWidget(window)
        opened.append(window)
        if size is not None:
            window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if active:
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        if case_id is not None:
            window.select_case(case_id)
        return window

    yield open_
    for window in opened:
        window.close()
        window.book.close()


@pytest.fixture
def check_model(request: pytest.FixtureRequest) -> Iterator[Callable[[QAbstractItemModel], None]]:
    """``check_model(model)``: pytest-qt's Python model tester (``force_py``) on ``model``, now
    and at every change the model announces until the test ends. One tester per model, so that
    one test can watch several (``qtmodeltester`` is one tester, for one model at a time)."""
    from pytestqt.modeltest import ModelTester  # needs pytest-qt's Qt set up: not at import

    testers: list[ModelTester] = []

    def check(model: QAbstractItemModel) -> None:
        tester = ModelTester(request.config)
        testers.append(tester)
        tester.check(model, force_py=True)

    yield check
    for tester in testers:
        tester._cleanup()
