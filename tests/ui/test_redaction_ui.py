"""Redaction in the image viewer (issue 16): boxes drawn with the mouse and with the keyboard,
each change undone while drawing, the private numbers read in the picture covered in one
click, saved as one undo step of the main window; the saved boxes shown black."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from book_tasks import settle
from PIL import Image
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QGraphicsRectItem
from shiboken6 import Shiboken

from desktop_app.reading.facts import luhn_ok
from desktop_app.reading.lines import OcrLine
from desktop_app.reading.ocr import ReadResult
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from ui.dialogs.image_viewer import ImageViewer
from ui.main_window import MainWindow

CARD = next(f"622202123456789{d}" for d in range(10) if luhn_ok(f"622202123456789{d}"))


@pytest.fixture
def viewer(qtbot: Any, open_window: Callable[..., MainWindow], data_dir: Path,
           tmp_path: Path) -> Iterator[tuple[ImageViewer, MainWindow, Casebook, int]]:
    book = Casebook.open(data_dir)
    case = book.cases.create_case(CaseFields(title="银行卡被盗刷", institution_name="中国银行"))
    shot = tmp_path / "card.png"
    Image.new("RGB", (1080, 1600), (230, 240, 250)).save(shot)
    record = book.imports.import_file(case.id, shot).record
    assert record is not None
    book.reading.keep(record.id, ReadResult(lines=(
        OcrLine(f"卡号 {CARD}", (100.0, 300.0, 700.0, 60.0), 0.99),
        OcrLine("客服热线 95566", (100.0, 500.0, 400.0, 60.0), 0.99)), heights=(1600.0,)))
    window = open_window(book, case_id=case.id, active=True)
    panel = window.evidence_panel
    window.show_evidence([record.id])
    panel.show_image()
    shown = panel.viewer
    assert shown is not None
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: bool(shown.side and shown.side.lines()))
    yield shown, window, book, record.id
    if Shiboken.isValid(shown):  # Esc may have closed (and deleted) it
        shown.close()
    window.jobs.wait()


def drawn(viewer: ImageViewer) -> list[QGraphicsRectItem]:
    assert viewer.layer is not None
    return list(viewer.layer._items)


def test_boxes_drawn_with_the_mouse_and_keys_are_saved_and_undone(qtbot: Any, viewer: Any
                                                                  ) -> None:
    shown, window, book, evidence_id = viewer
    layer = shown.layer
    assert shown.redact_button.isVisible()
    assert shown.redact_button.isEnabled()
    qtbot.keyClick(shown, Qt.Key.Key_R)
    assert layer.active
    assert shown.redaction_bar.isVisible()

    # a drag over the picture
    shown.set_zoom(0.5)
    port = shown.view.viewport()
    start = shown.view.mapFromScene(shown.item.mapToScene(100, 100))
    end = shown.view.mapFromScene(shown.item.mapToScene(300, 200))
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(port, pos=(start + end) / 2)
    qtbot.mouseMove(port, pos=end)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=end)
    assert len(layer.boxes()) == 1
    x, y, w, h = layer.boxes()[0]
    assert max(abs(x - 100), abs(y - 100)) <= 3
    assert max(abs(w - 200), abs(h - 100)) <= 4

    # with the keyboard: B adds, arrows move, Shift+arrows grow, Delete removes, Ctrl+Z undoes
    qtbot.keyClick(shown, Qt.Key.Key_B)
    assert len(layer.boxes()) == 2
    before = layer.boxes()[1]
    qtbot.keyClick(shown, Qt.Key.Key_Right)
    qtbot.keyClick(shown, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    moved = layer.boxes()[1]
    assert moved[0] == before[0] + 4
    assert moved[3] == before[3] + 4
    assert shown.index == 0  # the arrows did not flip to another picture
    qtbot.keyClick(shown, Qt.Key.Key_Delete)
    assert len(layer.boxes()) == 1
    qtbot.keyClick(shown, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert layer.boxes()[1] == moved  # the removal taken back, not the main window's undo

    # the card number read in the picture, covered in one click; the hotline left alone
    assert "1" in shown.redaction_bar.suggest_button.text()
    qtbot.mouseClick(shown.redaction_bar.suggest_button, Qt.MouseButton.LeftButton)
    assert len(layer.boxes()) == 3
    card_box = layer.boxes()[2]
    assert card_box[1] < 300 < card_box[1] + card_box[3]

    saved = layer.boxes()
    qtbot.mouseClick(shown.redaction_bar.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: book.redactions.get(evidence_id) is not None)
    assert book.redactions.get(evidence_id).boxes == saved
    assert not layer.active
    assert not shown.redaction_bar.isVisible()
    assert all(item.brush().color().alpha() == 255 for item in drawn(shown))  # black, saved
    assert "Redact E1" in window.undo_stack.undoText()

    window.undo_stack.undo()  # the main window's undo takes the redaction back
    qtbot.waitUntil(lambda: book.redactions.get(evidence_id) is None)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: book.redactions.get(evidence_id) is not None)


def test_esc_leaves_drawing_without_saving_then_closes(qtbot: Any, viewer: Any) -> None:
    shown, _window, book, evidence_id = viewer
    shown.redact_button.setChecked(True)
    shown.layer.add((10, 10, 50, 50))
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert shown.isVisible()
    assert not shown.layer.active
    assert shown.layer.boxes() == ()
    assert book.redactions.get(evidence_id) is None
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not shown.isVisible())


def test_a_click_chooses_a_box(qtbot: Any, viewer: Any) -> None:
    shown, _window, _book, _evidence_id = viewer
    shown.redact_button.setChecked(True)
    shown.layer.add((10, 10, 200, 200))
    shown.layer.add((400, 400, 100, 100))
    assert shown.layer.chosen == 1
    port = shown.view.viewport()
    point: QPoint = shown.view.mapFromScene(shown.item.mapToScene(50, 50))
    qtbot.mouseClick(port, Qt.MouseButton.LeftButton, pos=point)
    assert shown.layer.chosen == 0


def test_a_pdf_exhibit_is_redacted_page_by_page(qtbot: Any, open_window: Callable[..., MainWindow],
                                                data_dir: Path, tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.evidence.pdf_redaction import page_sizes

    source = tmp_path / "statement.pdf"
    canvas = Canvas(str(source))
    for text in ("FIRST PAGE", f"CARD {CARD}"):
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()
    book = Casebook.open(data_dir)
    case = book.cases.create_case(CaseFields(title="对账单", institution_name="中国银行"))
    record = book.imports.import_file(case.id, source).record
    assert record is not None
    window = open_window(book, case_id=case.id, active=True)
    panel = window.evidence_panel
    window.show_evidence([record.id])
    assert panel.show_button.isEnabled()
    panel.show_image()  # Show: the document's pages, in the viewer
    shown = panel.viewer
    assert shown is not None
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    try:
        assert len(shown.images) == 2
        assert [i.page for i in shown.images] == [1, 2]
        assert shown.image_size() == page_sizes(source)[0]  # the pixels the boxes are in
        shown.show_next()
        assert shown.redact_button.isEnabled()
        qtbot.keyClick(shown, Qt.Key.Key_R)
        assert not shown.redaction_bar.suggest_button.isEnabled()  # nothing measured here
        qtbot.keyClick(shown, Qt.Key.Key_B)
        on_two = shown.layer.boxes()
        assert len(on_two) == 1
        qtbot.keyClick(shown, Qt.Key.Key_Return)
        settle(qtbot, window)
        qtbot.waitUntil(lambda: book.redactions.get(record.id) is not None)
        saved = book.redactions.get(record.id)
        assert (saved.boxes, saved.pages) == (tuple(on_two), (2,))

        shown.show_previous()  # page 1 shows none of page 2's boxes
        assert shown.layer.boxes() == ()
        qtbot.keyClick(shown, Qt.Key.Key_R)
        qtbot.keyClick(shown, Qt.Key.Key_B)
        on_one = shown.layer.boxes()
        qtbot.keyClick(shown, Qt.Key.Key_Return)
        settle(qtbot, window)
        qtbot.waitUntil(lambda: book.redactions.get(record.id).pages == (1, 2))
        assert book.redactions.get(record.id).boxes == (*on_one, *on_two)
        assert book.redactions.file(book.redactions.get(record.id)).suffix == ".pdf"

        window.undo_stack.undo()  # back to the boxes on page 2 alone
        qtbot.waitUntil(lambda: book.redactions.get(record.id).pages == (2,))
        window.undo_stack.undo()
        qtbot.waitUntil(lambda: book.redactions.get(record.id) is None)
    finally:
        if Shiboken.isValid(shown):
            shown.close()
        window.jobs.wait()
