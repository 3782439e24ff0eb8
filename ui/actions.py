"""Window actions made one way: the main window's and its controllers' menu and toolbar entries
and their shortcuts, added to the window so that the keys work wherever the focus is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


def window_action(window: QWidget, slot: Callable[..., object],
                  shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                  checkable: bool = False) -> QAction:
    """An action of ``window`` that calls ``slot`` (with the checked state when checkable)."""
    action = QAction(window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setCheckable(checkable)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action
