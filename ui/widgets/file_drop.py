"""Dropping files (and evidence rows) on the window.

A :class:`DropZone` watches one widget (a view's viewport, or a whole page): while something
droppable is dragged over it, it asks its owner which spot the drop would land on and paints
that spot — a row for a timeline entry or a case, a frame for a whole area — and on the drop
hands over the local paths (or evidence ids) with the spot's target.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QWidget

from ui.models.evidence import evidence_ids_from_mime

FILES = "files"
EVIDENCE = "evidence"


@dataclass(frozen=True)
class DropSpot:
    """Where a drop would land: ``rect`` (in the watched widget) is highlighted, ``target`` is
    what the owner makes of it, ``label`` says it in words; ``frame`` outlines an area rather
    than filling a row."""

    rect: QRect
    target: object
    label: str = ""
    frame: bool = False


Locate = Callable[[QPoint, str], "DropSpot | None"]


def local_paths(mime: QMimeData | None) -> list[str]:
    """The local files and folders a drag or the clipboard carries, in order, once each."""
    if mime is None or not mime.hasUrls():
        return []
    paths: list[str] = []
    for url in mime.urls():
        if url.isLocalFile():
            path = str(Path(url.toLocalFile()))
            if path not in paths:
                paths.append(path)
    return paths


class DropHighlight(QWidget):
    """Paints a :class:`DropSpot` over its parent; the mouse (and the drag) go through it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("dropHighlight")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.spot: DropSpot | None = None
        self.hide()

    def show_spot(self, spot: DropSpot) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        if spot != self.spot:
            self.spot = spot
            self.update()
        self.raise_()
        self.show()

    def clear(self) -> None:
        self.spot = None
        self.hide()

    def paintEvent(self, _event: QPaintEvent) -> None:
        spot = self.spot
        if spot is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor("#2563eb")
        rect = QRectF(spot.rect).adjusted(1.5, 1.5, -1.5, -1.5)
        fill = QColor(accent)
        fill.setAlphaF(0.07 if spot.frame else 0.16)
        pen = QPen(accent, 2, Qt.PenStyle.DashLine if spot.frame else Qt.PenStyle.SolidLine)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 6 if spot.frame else 3, 6 if spot.frame else 3)
        if not spot.label:
            return
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        text_width = metrics.horizontalAdvance(spot.label) + 20
        height: float = metrics.height() + 8
        if spot.frame:
            pill = QRectF(rect.center().x() - text_width / 2, rect.center().y() - height / 2,
                          text_width, height)
        else:
            height = min(float(height), rect.height() - 4)
            pill = QRectF(rect.right() - text_width - 6, rect.center().y() - height / 2,
                          text_width, height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, spot.label)


class DropZone(QObject):
    """Makes ``widget`` take drops of files (and, if asked, evidence rows).

    Signals: ``filesDropped(list[str], object target)``,
    ``evidenceDropped(list[int], object target)``.
    """

    filesDropped = Signal(list, object)
    evidenceDropped = Signal(list, object)

    def __init__(self, widget: QWidget, locate: Locate, accept_evidence: bool = False) -> None:
        super().__init__(widget)
        self.widget = widget
        self.locate = locate
        self.accept_evidence = accept_evidence
        self.highlight = DropHighlight(widget)
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def _kind(self, mime: QMimeData | None) -> str | None:
        if mime is None:
            return None
        if evidence_ids_from_mime(mime):
            return EVIDENCE if self.accept_evidence else None
        return FILES if local_paths(mime) else None

    def _spot(self, event: QDropEvent) -> tuple[str, DropSpot] | None:
        kind = self._kind(event.mimeData())
        if kind is None:
            return None
        spot = self.locate(event.position().toPoint(), kind)
        return None if spot is None else (kind, spot)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.widget:
            return False
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)
            if self._kind(event.mimeData()) is None:
                event.ignore()
                self.highlight.clear()
                return True
            found = self._spot(event)
            if found is None:
                # Accept the enter anyway (moves follow only an accepted enter), refuse here.
                if kind == QEvent.Type.DragEnter:
                    event.acceptProposedAction()
                else:
                    event.ignore()
                self.highlight.clear()
                return True
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.highlight.show_spot(found[1])
            return True
        if kind == QEvent.Type.DragLeave:
            self.highlight.clear()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            self.highlight.clear()
            found = self._spot(event)
            if found is None:
                event.ignore()
                return True
            what, spot = found
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            mime = event.mimeData()
            if what == EVIDENCE:
                self.evidenceDropped.emit(evidence_ids_from_mime(mime), spot.target)
            else:
                self.filesDropped.emit(local_paths(mime), spot.target)
            return True
        return False
