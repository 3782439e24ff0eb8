"""The image viewer: fit, zoom in and out by buttons, keys and Ctrl+wheel; flip through images;
EXIF orientation applied; a file Qt cannot decode is explained, not a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from ui.dialogs.image_viewer import ImageViewer, ViewerImage


def make_png(path: Path, size: tuple[int, int], colour: str = "#2563eb") -> Path:
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


@pytest.fixture
def viewer(qtbot, tmp_path: Path) -> ImageViewer:  # type: ignore[no-untyped-def]
    tall = make_png(tmp_path / "tall.png", (1080, 2340))
    small = make_png(tmp_path / "small.png", (120, 80), "#dc2626")
    rotated = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown portrait
    Image.new("RGB", (300, 200), "#16a34a").save(rotated, "JPEG", exif=exif.tobytes())
    broken = tmp_path / "broken.png"
    broken.write_bytes(make_png(tmp_path / "whole.png", (50, 50)).read_bytes()[:40])
    images = [ViewerImage(tall, "E1 — 转账截图", 1), ViewerImage(small, "E2", 2),
              ViewerImage(rotated, "E3", 3), ViewerImage(broken, "E4", 4)]
    dialog = ImageViewer(images, 0)
    qtbot.addWidget(dialog)
    dialog.resize(800, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def ctrl_wheel(viewer: ImageViewer, notches: int) -> None:
    viewport = viewer.view.viewport()
    centre = QPointF(viewport.rect().center())
    event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(viewport, event)


def test_a_tall_screenshot_opens_fitted_to_the_window(viewer: ImageViewer) -> None:
    assert viewer.windowTitle() == "E1 — 转账截图"
    assert viewer.image_size() == (1080, 2340)
    assert viewer.fit_mode
    assert viewer.zoom < 0.3
    shown = viewer.view.mapFromScene(viewer.item.sceneBoundingRect()).boundingRect()
    assert shown.height() <= viewer.view.viewport().height()
    assert viewer.zoom_label.text() == f"{round(viewer.zoom * 100)}%"
    assert viewer.position_label.text() == "1 / 4"
    assert not viewer.previous_button.isEnabled()


def test_zoom_with_buttons_keys_and_ctrl_wheel(qtbot, viewer: ImageViewer) -> None:  # type: ignore[no-untyped-def]
    fitted = viewer.zoom
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom == pytest.approx(fitted * 1.25)
    assert not viewer.fit_mode
    qtbot.keyClick(viewer, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom == pytest.approx(fitted * 1.25 ** 2)
    qtbot.keyClick(viewer, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom == pytest.approx(fitted * 1.25)
    ctrl_wheel(viewer, 2)
    assert viewer.zoom == pytest.approx(fitted * 1.25 ** 3)
    ctrl_wheel(viewer, -1)
    assert viewer.zoom == pytest.approx(fitted * 1.25 ** 2)
    qtbot.keyClick(viewer, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert viewer.zoom == 1.0
    assert viewer.zoom_label.text() == "100%"
    qtbot.keyClick(viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.fit_mode
    assert viewer.zoom == pytest.approx(fitted)
    assert viewer.fit_button.isChecked()


def test_a_plain_wheel_scrolls_instead_of_zooming(viewer: ImageViewer) -> None:
    viewer.actual_size()
    bar = viewer.view.verticalScrollBar()
    before = bar.value()
    viewport = viewer.view.viewport()
    centre = QPointF(viewport.rect().center())
    event = QWheelEvent(centre, QPointF(viewport.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, event)
    assert viewer.zoom == 1.0
    assert bar.value() > before


def test_fit_follows_the_window_size(qtbot, viewer: ImageViewer) -> None:  # type: ignore[no-untyped-def]
    fitted = viewer.zoom
    viewer.resize(1000, 900)
    qtbot.waitUntil(lambda: viewer.zoom > fitted)
    viewer.zoom_in()
    zoomed = viewer.zoom
    viewer.resize(700, 500)
    assert viewer.zoom == zoomed  # a chosen zoom stays


def test_flip_through_the_images(qtbot, viewer: ImageViewer) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.windowTitle() == "E2"
    assert viewer.image_size() == (120, 80)
    assert viewer.zoom == 1.0  # a small image is never blown up to fit
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    assert viewer.image_size() == (200, 300)  # EXIF orientation applied
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.message.isVisible()
    assert "cannot be shown" in viewer.message.text()
    assert not viewer.next_button.isEnabled()
    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.index == 3
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.view.isVisible()
    assert viewer.index == 2


def test_open_original_asks_for_the_shown_exhibit(qtbot, viewer: ImageViewer) -> None:  # type: ignore[no-untyped-def]
    viewer.show_image(2)
    with qtbot.waitSignal(viewer.openOriginalRequested) as blocker:
        qtbot.mouseClick(viewer.open_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [3]


def test_an_undecodable_original_falls_back_to_its_rendition(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    heic = tmp_path / "IMG_0001.heic"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    rendition = make_png(tmp_path / "rendition.png", (90, 160))
    dialog = ImageViewer([ViewerImage(heic, "E9", 9, rendition)])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.image_size() == (90, 160)
    assert not dialog.message.isVisible()
