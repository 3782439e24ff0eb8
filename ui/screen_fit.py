"""Sizes that fit the screen: a window or dialog starts at its preferred size, or smaller on a
small screen (a 1366×768 laptop), leaving room for the window manager's frame and panels."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

FRAME_ROOM = QSize(40, 60)  # a title bar and borders around the available area


def fitted_size(widget: QWidget, width: int, height: int) -> QSize:
    """``width`` × ``height``, no larger than the available area of the widget's screen (of
    its parent's, for a dialog not shown yet) less the room for a frame, nor smaller than the
    widget's minimum size (or its hint)."""
    parent = widget.parentWidget()
    screen = (parent if parent is not None else widget).screen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - FRAME_ROOM.width())
        height = min(height, available.height() - FRAME_ROOM.height())
    least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
    return QSize(max(width, least.width()), max(height, least.height()))


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    widget.resize(fitted_size(widget, width, height))
