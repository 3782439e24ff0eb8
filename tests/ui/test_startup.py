"""The real start-up (``ui.app.start``): the first frame holds the case and its timeline, under
the style sheet; what it does not need — Tools → Verify…, File → Back up…/Restore…, the first
check of what is due — follows just after that frame is painted, and the window says when it
has (``settled``, ``startupSettled``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from real_start import started_window

from desktop_app.records import CaseFields, EventFields, PromiseData
from desktop_app.services import clock
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.main_window import AfterFirstFrame, MainWindow
from ui.settings import UiSettings

NOW = parse_time("2024-11-12 09:00")


@pytest.fixture
def data_dir_with_a_late_promise(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(clock, "current_time", lambda: NOW)
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行小程序转账金额显示错误",
                                           institution_name="中国建设银行"))
        for day in range(1, 8):
            book.timeline.add_event(case.id, EventFields(
                at=parse_time(f"2024-11-0{day} 10:00"), channel="call",
                summary=f"第 {day} 次致电95533",
                promises=(PromiseData("三个工作日内回电", parse_time("2024-11-06 18:00")),)
                if day == 3 else ()))
    UiSettings(language="en").save(data_dir / "settings.json")
    return data_dir


@pytest.fixture
def started(data_dir_with_a_late_promise: Path, qtbot: QtBot
            ) -> Iterator[tuple[QApplication, MainWindow, Casebook]]:
    with started_window(data_dir_with_a_late_promise, qtbot) as result:
        yield result
    QApplication.instance().setStyleSheet("")  # type: ignore[union-attr]


def menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for menu in (window.menu_file, window.menu_tools) for a in menu.actions()]


def test_the_first_frame_holds_the_case_and_the_rest_follows_it(
        data_dir_with_a_late_promise: Path, qtbot: QtBot) -> None:
    # started here, not in a fixture: pytest-qt processes events between a test's set-up and
    # its body, and on a loaded machine the first frame (or its fallback timer) came then
    with started_window(data_dir_with_a_late_promise, qtbot) as started:
        _look_before_and_after_the_first_frame(started, qtbot)
    QApplication.instance().setStyleSheet("")  # type: ignore[union-attr]


def _look_before_and_after_the_first_frame(
        started: tuple[QApplication, MainWindow, Casebook], qtbot: QtBot) -> None:
    app, window, _book = started
    # returned before the event loop ran: the case and its timeline are there, under the look
    assert window.isVisible()
    assert window.timeline_model.rowCount() == 7
    assert window.current_case is not None
    assert window.current_case.title == "建行小程序转账金额显示错误"
    assert "QToolBar#mainToolbar" in app.styleSheet()
    # ... and what the first frame does not need is not yet
    assert not window.settled
    assert not hasattr(window, "backup")
    assert not hasattr(window, "verification")
    assert "&Verify…" not in menu_texts(window)
    assert not window.deadlines.bar.isVisible()
    assert window.single_instance is not None
    assert not window.single_instance.listening  # (QtNetwork: a second launch waits for it)

    with qtbot.waitSignal(window.startupSettled, timeout=30_000):
        pass  # the first frame is painted by the event loop, then the rest is done
    assert window.settled
    texts = menu_texts(window)
    assert "&Verify…" in texts
    assert any(text.startswith("&Back up") for text in texts)
    assert any(text.startswith("&Restore") for text in texts)
    assert window.deadlines.bar.isVisible()  # checked at once, not a moment later
    assert window.deadlines.bar.text.text() == "1 promise is overdue"
    assert window.single_instance.listening


def test_finishing_twice_changes_nothing(
        started: tuple[QApplication, MainWindow, Casebook], qtbot: QtBot) -> None:
    _app, window, _book = started
    qtbot.waitUntil(lambda: window.settled)
    backup, actions = window.backup, len(window.actions())
    window.finish_start()
    assert window.backup is backup
    assert len(window.actions()) == actions


def test_a_window_built_directly_is_whole_at_once(data_dir: Path, qtbot: QtBot) -> None:
    """Tests, and the window that replaces another after a restore, need no event loop."""
    with Casebook.open(data_dir) as book:
        window = MainWindow(book, UiSettings())
        qtbot.addWidget(window)
        assert window.settled
        assert window.backup is not None
        assert window.verification is not None


def test_a_window_that_never_paints_finishes_all_the_same(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """E.g. started minimised: the rest is done after a second instead of after a frame."""
    monkeypatch.setattr(AfterFirstFrame, "FALLBACK_MS", 50)
    hidden = QWidget()
    qtbot.addWidget(hidden)
    calls: list[int] = []
    AfterFirstFrame(hidden, lambda: calls.append(1))
    qtbot.waitUntil(lambda: calls == [1], timeout=2000)
    qtbot.wait(100)
    assert calls == [1]


def test_after_the_first_frame_runs_once_after_a_paint(qtbot: QtBot) -> None:
    shown = QWidget()
    qtbot.addWidget(shown)
    calls: list[bool] = []
    AfterFirstFrame(shown, lambda: calls.append(shown.isVisible()))
    assert calls == []
    shown.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=2000)
    shown.update()
    qtbot.wait(AfterFirstFrame.FALLBACK_MS + 100)  # neither a second paint nor the fallback
    assert calls == [True]


def test_the_start_up_bench_children_run(data_dir_with_a_late_promise: Path) -> None:
    """bench/startup.py's three children, as it runs them: each reports its first frame."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "startup_bench", Path(__file__).resolve().parents[2] / "bench" / "startup.py")
    assert spec is not None
    assert spec.loader is not None
    bench: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    painted, settled = bench.time_child(bench.BARE)
    assert 0 < painted <= settled
    painted, settled = bench.time_child(bench.SAME_SHAPE, str(data_dir_with_a_late_promise),
                                        str(bench.ROOT))
    assert 0 < painted <= settled
    painted, settled = bench.time_child(bench.CASEBOOK, str(data_dir_with_a_late_promise), "7")
    assert 0 < painted <= settled
