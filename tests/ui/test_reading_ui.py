"""The text in pictures, read in the background as the window runs: a screenshot added through
the window is read and then found by the search box; Stop leaves the rest unread for the next
start; a window opened on a book with unread pictures reads them; "Read text again"; closing
the window mid-read kills the OCR workers at once.

These tests turn the automatic reading on (the window tests' conftest turns it off) and run
the real engine in worker processes: a few seconds each."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import Qt
from qt_typing import type_text
from screenshot_samples import FONT, draw

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from ui.main_window import MainWindow
from ui.models.search import HIT_ROLE
from ui.widgets.search_panel import DEBOUNCE_MS

pytestmark = pytest.mark.slow

COMPLAINT_NO = "TS2024112300123"
RECEIPT = [((40, 30), "10:15", 32), ((60, 200), "中国建设银行 客户服务", 44),
           ((60, 320), "您的投诉已受理", 44), ((60, 440), f"投诉编号：{COMPLAINT_NO}", 44),
           ((60, 560), "受理工号：8842", 44), ((60, 680), "涉及金额：¥5,000.00元", 44)]
READ_MS = 90_000  # worker start-up and OCR on a loaded machine, with room to spare


@pytest.fixture(autouse=True)
def automatic_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEBOOK_OCR", "on")


def note(path: Path, text: str) -> Path:
    """A small picture with one line of text: quick to read."""
    picture = Image.new("RGB", (520, 120), "white")
    ImageDraw.Draw(picture).text((20, 30), text, font=ImageFont.truetype(str(FONT), 40),
                                 fill="black")
    picture.save(path)
    return path


def unread_book(data_dir: Path, tmp_path: Path, count: int) -> tuple[Casebook, int, list[int]]:
    """A book whose case holds ``count`` pictures never read (added without the window)."""
    book = Casebook.open(data_dir)
    case = book.cases.create_case(CaseFields(title="建行小程序转账金额错误",
                                             institution_name="中国建设银行"))
    ids = []
    for n in range(count):
        outcome = book.imports.import_file(case.id, note(tmp_path / f"note{n}.png",
                                                         f"受理工号：88{n:02d}"))
        assert outcome.record is not None
        ids.append(outcome.record.id)
    assert len(book.reading.unread(case.id)) == count
    return book, case.id, ids


def workers() -> list[multiprocessing.Process]:
    return list(multiprocessing.active_children())


def test_a_screenshot_added_through_the_window_is_read_and_then_found(
        qtbot, open_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    book = Casebook.open(data_dir)
    case = book.cases.create_case(CaseFields(title="建行小程序转账金额错误",
                                             institution_name="中国建设银行"))
    window = open_window(book, case_id=case.id, active=True)
    shot = draw(tmp_path / "Screenshot_20241123-101530.png", RECEIPT)  # 1080×2340
    monkeypatch.setattr(window.evidence, "choose_evidence_files", lambda: [str(shot)])
    reading = window.reading

    with qtbot.waitSignal(reading.textKept, timeout=READ_MS) as kept:
        qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.ShiftModifier)  # Add evidence…
        qtbot.waitUntil(lambda: reading.label.isVisible(), timeout=READ_MS)
        assert reading.label.text().startswith("Reading text in pictures 0/1")
        assert reading.stop_button.isVisible()
    [exhibit] = book.evidence.list_evidence(case.id)
    assert kept.args == [exhibit.id]
    text = book.reading.text_of(exhibit.id)
    assert text is not None
    assert COMPLAINT_NO in text.text
    qtbot.waitUntil(lambda: not reading.label.isVisible())

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.box.hasFocus())
    type_text(qtbot, panel.box, "2411230")  # a fragment of the complaint number
    qtbot.waitUntil(lambda: panel.isVisible() and panel.model.rowCount() > 0,
                    timeout=DEBOUNCE_MS * 10)
    assert panel.model.rowCount() == 1
    hit = panel.model.index(0, 0).data(HIT_ROLE)
    assert (hit.kind, hit.evidence_id, hit.exhibit_no, hit.in_picture) == (
        "evidence", exhibit.id, 1, True)
    assert "E1" in panel.model.index(0, 0).data()


def test_stop_leaves_what_was_not_read_for_the_next_start(
        qtbot, open_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path) -> None:
    book, case_id, ids = unread_book(data_dir, tmp_path, 4)
    window = open_window(book, case_id=case_id)
    reading = window.reading
    qtbot.waitUntil(lambda: reading.stop_button.isVisible(), timeout=READ_MS)
    assert reading.label.text() == "Reading text in pictures 0/4"
    assert reading.act_stop.isEnabled()

    with qtbot.waitSignal(reading.idle, timeout=READ_MS):
        qtbot.mouseClick(reading.stop_button, Qt.MouseButton.LeftButton)
    read = [i for i in ids if book.reading.text_of(i) is not None]
    assert len(read) < 4
    assert {r.id for r in book.reading.unread(case_id)} == set(ids) - set(read)
    assert window.statusBar().currentMessage().startswith("Stopped reading text: ")
    assert not reading.stop_button.isVisible()
    assert not reading.act_stop.isEnabled()
    assert workers() == []  # stopped means the workers are gone, not left to finish


def test_a_window_opened_on_unread_pictures_reads_them_and_reads_one_again_when_asked(
        qtbot, open_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path) -> None:
    book, case_id, [evidence_id] = unread_book(data_dir, tmp_path, 1)
    window = open_window(book, case_id=case_id)
    reading = window.reading
    qtbot.waitUntil(lambda: book.reading.text_of(evidence_id) is not None and not reading.busy,
                    timeout=READ_MS)
    text = book.reading.text_of(evidence_id)
    assert text is not None
    assert "8800" in text.text
    assert book.reading.unread(case_id) == []

    # Evidence → Read text again (also in the evidence list's context menu)
    view = window.evidence_panel.view
    assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert reading.act_reread in view.actions()
    assert reading.act_reread in window.menu_evidence.actions()
    window.show_evidence([evidence_id])
    assert reading.act_reread.isEnabled()
    with qtbot.waitSignal(reading.textKept, timeout=READ_MS) as kept:
        reading.act_reread.trigger()
    assert kept.args == [evidence_id]
    qtbot.waitUntil(lambda: not reading.busy)
    with book.read() as con:
        (reads,) = con.execute("SELECT count(*) FROM audit_entry WHERE action = 'read_text' "
                               "AND entity_id = ?", (evidence_id,)).fetchone()
    assert reads == 2  # read at the start, and again


def test_closing_the_window_mid_read_leaves_no_worker_process(
        qtbot, open_window: Callable[..., MainWindow], data_dir: Path, tmp_path: Path) -> None:
    book, case_id, _ids = unread_book(data_dir, tmp_path, 4)
    window = open_window(book, case_id=case_id)
    qtbot.waitUntil(lambda: len(workers()) > 0, timeout=READ_MS)
    started = workers()

    t0 = time.monotonic()
    window.close()
    assert time.monotonic() - t0 < 5  # at once, not after what the workers were reading

    assert workers() == []
    assert not any(process.is_alive() for process in started)
    assert len(book.reading.unread(case_id)) >= 1  # the rest is read at the next start
    assert window.reading.closed
