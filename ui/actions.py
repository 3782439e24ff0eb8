"""Window actions made one way: the main window's and its controllers' menu and toolbar entries
and their shortcuts, added to the window so that the keys work wherever the focus is."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

_ACCESS_KEY = re.compile(r"\s*\(&[^)]\)")  # Chinese style: 添加证据(&A)
SHORT_LABEL = "shortLabel"  # an action whose toolbar text its owner sets itself


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


def plain_label(text: str) -> str:
    """A menu text as a button shows it: without its access key (``(&A)``, ``&``) and
    without the "…" that says a dialog follows."""
    text = _ACCESS_KEY.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").rstrip()


def keep_plain_labels(toolbar: QToolBar) -> None:
    """Toolbar buttons show their action's text without access keys, whatever language it
    is set in later: Qt strips ``&`` but leaves "(A)" of Chinese menus on the button, and the
    menus' keys are the menus' (Alt+A cannot mean two buttons)."""
    def relabel(action: QAction) -> None:
        if action.property(SHORT_LABEL):
            return
        wanted = plain_label(action.text())
        if action.iconText() != wanted:
            action.setIconText(wanted)  # emits changed again: then equal, and it stops

    for action in toolbar.actions():
        if not action.isSeparator():
            action.changed.connect(lambda a=action: relabel(a))
            relabel(action)
