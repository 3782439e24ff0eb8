"""``viewport_of``: the scroll area's own viewport, found by name (start-up speed), and the one
set with ``setViewport`` when that is not the default."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QListView, QTableView, QTextBrowser, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.viewport import viewport_of


@pytest.mark.parametrize("kind", [QTableView, QTextBrowser, QListView])
def test_the_default_viewport_is_the_one_viewport_gives(
        qtbot: QtBot, kind: type[QAbstractScrollArea]) -> None:
    area = kind()
    qtbot.addWidget(area)
    assert viewport_of(area) is area.viewport()


def test_a_viewport_set_by_hand_is_found_too(qtbot: QtBot) -> None:
    area = QTableView()
    qtbot.addWidget(area)
    own = QWidget()
    own.setObjectName("drawing")
    area.setViewport(own)
    assert viewport_of(area) is own


def test_a_nested_areas_viewport_is_not_taken_for_its_parents(qtbot: QtBot) -> None:
    outer = QTextBrowser()
    qtbot.addWidget(outer)
    outer.setViewport(QWidget())  # its own has another name now
    inner = QTableView(outer)  # a child holding a default viewport of its own
    assert viewport_of(outer) is outer.viewport()
    assert viewport_of(outer) is not viewport_of(inner)
