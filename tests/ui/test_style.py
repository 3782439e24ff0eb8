"""The style sheet's colours hold under any desktop palette: text on its white fields is dark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QVBoxLayout, QWidget

from ui.app import STYLE_FILE


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The application under a dark desktop theme, with Casebook's style sheet."""
    sheet, palette = qapp.styleSheet(), qapp.palette()
    qapp.setPalette(dark_desktop())
    qapp.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def dark_desktop() -> QPalette:
    """A dark desktop theme's palette: white text on dark grey."""
    palette = QPalette()
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText, QPalette.ColorRole.HighlightedText):
        palette.setColor(role, QColor("#ffffff"))
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.Button):
        palette.setColor(role, QColor("#2b2b2b"))
    return palette


def dark_pixels(image: QImage) -> int:
    """Pixels dark enough to be text on a white field (its border is light grey)."""
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if image.pixelColor(x, y).lightness() < 110)


@pytest.mark.parametrize("editable", [False, True])
def test_a_drop_downs_current_item_is_dark_on_white(qtbot, styled: QApplication,  # type: ignore[no-untyped-def]
                                                    editable: bool) -> None:
    holder = QWidget()
    combo = QComboBox()
    combo.setEditable(editable)
    combo.addItems(["Phone call", "I contacted them"])
    combo.setCurrentIndex(1)
    QVBoxLayout(holder).addWidget(combo)
    qtbot.addWidget(holder)
    holder.resize(300, 60)
    holder.show()
    qtbot.waitExposed(holder)
    image = combo.grab().toImage()
    # the field itself: left of the arrow, inside the border
    field = image.copy(4, 4, image.width() - 30, image.height() - 8)
    assert field.pixelColor(2, 2).lightness() > 240  # a white field...
    assert dark_pixels(field) > 20  # ...with its text drawn dark, not white on white

    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    popup = view.viewport().grab().toImage()
    assert popup.pixelColor(popup.width() - 3, popup.height() - 3).lightness() > 200
    assert dark_pixels(popup) > 20  # the list's items too, the selected one included
    combo.hidePopup()
