"""The main window's place, size, docks and splitters, kept in ``settings.json`` between
sessions (Qt's saved states, as base64 text)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from ui.screen_fit import resize_within_screen
from ui.settings import UiSettings

DEFAULT_SIZE = (1600, 940)  # fitted to the screen: 1326×708 on a 1366×768 laptop


def _as_text(state: QByteArray) -> str:
    """A saved Qt state (geometry, dock layout, splitter) as text for ``settings.json``."""
    return bytes(state.toBase64().data()).decode()


def _from_text(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode())


def restore_window_state(window: QMainWindow, splitters: Sequence[QSplitter],
                         settings: UiSettings) -> None:
    if settings.geometry:
        window.restoreGeometry(_from_text(settings.geometry))
    else:
        resize_within_screen(window, *DEFAULT_SIZE)
    if settings.window_state:
        window.restoreState(_from_text(settings.window_state))
    for splitter in splitters:
        state = settings.splitters.get(splitter.objectName())
        if isinstance(state, str) and state:
            splitter.restoreState(_from_text(state))


def remember_window_state(window: QMainWindow, splitters: Sequence[QSplitter],
                          settings: UiSettings) -> None:
    settings.geometry = _as_text(window.saveGeometry())
    settings.window_state = _as_text(window.saveState())
    settings.splitters = {splitter.objectName(): _as_text(splitter.saveState())
                          for splitter in splitters}
