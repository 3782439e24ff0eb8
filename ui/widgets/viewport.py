"""A scroll area's viewport, without PySide's toll on the first ``viewport()`` call.

``QAbstractScrollArea.viewport()`` returns a ``QWidget*``; the first time one is returned,
PySide 6 finds its Python type by creating the type of every ``QWidget`` subclass it knows
(dialogs, wizards, graphics views…) with all their enums: ~9 ms before the first frame, for
nothing. ``findChild`` by the name Qt gives every default viewport asks for a ``QWidget`` and
gets one, with no search. A viewport set with ``setViewport`` has another name: ``viewport()``
then, as before.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

VIEWPORT_NAME = "qt_scrollarea_viewport"  # QAbstractScrollAreaPrivate::init


def viewport_of(area: QAbstractScrollArea) -> QWidget:
    found = area.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)
    return found if found is not None else area.viewport()


__all__ = ["viewport_of"]
