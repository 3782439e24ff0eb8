"""Drawing black boxes over an exhibit's picture in the image viewer (issue 16).

:class:`RedactionLayer` keeps the boxes on the viewer's picture, in the picture's own pixels:
drawn with the mouse (drag), or with the keyboard (B adds a box in the middle of what is
shown, the arrow keys move the chosen one, Shift+arrows change its size, Delete removes it,
Tab chooses the next); each change can be undone while drawing (Ctrl+Z). Outside drawing it
shows the exhibit's saved redaction, solid black, as the dossier prints it.
:class:`RedactionBar` is the strip of words and buttons shown while drawing: cover the private
numbers read in the picture, save, remove all, cancel. Saving is the viewer's (one undo step in
the main window, through :class:`~ui.exhibit_operations.ExhibitEdits`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPen
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from desktop_app.i18n import english_plural
from desktop_app.records import Box

STEP = 4  # pixels of the picture an arrow key moves or grows a box
LEAST = 4  # a drag smaller than this (either way) is a click, not a box


class RedactionLayer(QObject):
    """The boxes over the picture ``item`` in ``view``; ``changed`` after every change."""

    changed = Signal()

    def __init__(self, view: QGraphicsView, item: QGraphicsPixmapItem) -> None:
        super().__init__(view)
        self.view = view
        self.item = item
        self.active = False
        self.chosen: int | None = None
        self._boxes: list[Box] = []
        self._items: list[QGraphicsRectItem] = []
        self._history: list[tuple[Box, ...]] = []
        self._start: QPointF | None = None
        self._drawing: QGraphicsRectItem | None = None
        view.viewport().installEventFilter(self)

    # ---- the boxes ------------------------------------------------------------------------

    def boxes(self) -> tuple[Box, ...]:
        return tuple(self._boxes)

    def show(self, boxes: Sequence[Box], *, editing: bool = False) -> None:
        """Show ``boxes``: solid black (saved), or to edit (translucent, the chosen one red)."""
        self.active = editing
        self._boxes = [tuple(b) for b in boxes]  # type: ignore[misc]
        self._history = []
        self.chosen = len(self._boxes) - 1 if editing and self._boxes else None
        self.view.setDragMode(QGraphicsView.DragMode.NoDrag if editing
                              else QGraphicsView.DragMode.ScrollHandDrag)
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor if editing
                                       else Qt.CursorShape.OpenHandCursor)
        self._draw()

    def _change(self, boxes: list[Box], chosen: int | None) -> None:
        self._history.append(tuple(self._boxes))
        self._boxes = boxes
        self.chosen = chosen
        self._draw()
        self.changed.emit()

    def add(self, box: Box) -> None:
        width, height = self._size()
        x, y = max(0, min(box[0], width - 1)), max(0, min(box[1], height - 1))
        w, h = min(box[2], width - x), min(box[3], height - y)
        if w >= 1 and h >= 1:
            self._change([*self._boxes, (x, y, w, h)], len(self._boxes))

    def add_many(self, boxes: Sequence[Box]) -> None:
        """Several boxes in one change (one Ctrl+Z takes them away)."""
        fresh = [b for b in boxes if b not in self._boxes]
        if fresh:
            self._change([*self._boxes, *fresh], len(self._boxes) + len(fresh) - 1)

    def add_in_middle(self) -> None:
        """A box in the middle of what the view shows (B): to move and size with the keys."""
        centre = self.item.mapFromScene(self.view.mapToScene(
            self.view.viewport().rect().center()))
        width, height = self._size()
        w, h = max(LEAST, width // 3), max(LEAST, height // 20)
        self.add((int(centre.x()) - w // 2, int(centre.y()) - h // 2, w, h))

    def remove_chosen(self) -> None:
        if self.chosen is None:
            return
        boxes = [b for n, b in enumerate(self._boxes) if n != self.chosen]
        self._change(boxes, len(boxes) - 1 if boxes else None)

    def clear(self) -> None:
        if self._boxes:
            self._change([], None)

    def nudge(self, dx: int, dy: int, *, grow: bool = False) -> bool:
        """Move the chosen box (or, ``grow``, change its size) by whole steps; False when no
        box is chosen."""
        if self.chosen is None:
            return False
        x, y, w, h = self._boxes[self.chosen]
        width, height = self._size()
        if grow:
            w, h = max(1, min(w + dx * STEP, width - x)), max(1, min(h + dy * STEP, height - y))
        else:
            x = max(0, min(x + dx * STEP, width - w))
            y = max(0, min(y + dy * STEP, height - h))
        boxes = list(self._boxes)
        boxes[self.chosen] = (x, y, w, h)
        self._change(boxes, self.chosen)
        return True

    def choose_next(self) -> None:
        if self._boxes:
            self.chosen = 0 if self.chosen is None else (self.chosen + 1) % len(self._boxes)
            self._draw()

    def undo(self) -> bool:
        """Take back the last change made while drawing; False when there is none."""
        if not self.active or not self._history:
            return False
        self._boxes = list(self._history.pop())
        self.chosen = len(self._boxes) - 1 if self._boxes else None
        self._draw()
        self.changed.emit()
        return True

    # ---- drawing ----------------------------------------------------------------------------

    def _size(self) -> tuple[int, int]:
        pixmap = self.item.pixmap()
        return pixmap.width(), pixmap.height()

    def _draw(self) -> None:
        scene = self.item.scene()
        for old in self._items:
            if scene is not None:
                scene.removeItem(old)
        self._items = []
        for n, (x, y, w, h) in enumerate(self._boxes):
            rect = QGraphicsRectItem(QRectF(x, y, w, h), self.item)
            if self.active:
                rect.setBrush(QBrush(QColor(0, 0, 0, 190)))
                chosen = n == self.chosen
                rect.setPen(QPen(QColor("#dc2626" if chosen else "#f59e0b"), 3 if chosen else 2))
            else:
                rect.setBrush(QBrush(QColor(0, 0, 0)))
                rect.setPen(QPen(Qt.PenStyle.NoPen))
            self._items.append(rect)

    def _at(self, event: QMouseEvent) -> QPointF:
        return self.item.mapFromScene(self.view.mapToScene(event.position().toPoint()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.active or watched is not self.view.viewport():
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            self._start = self._at(event)
            self._drawing = QGraphicsRectItem(QRectF(self._start, self._start), self.item)
            self._drawing.setPen(QPen(QColor("#dc2626"), 2, Qt.PenStyle.DashLine))
            return True
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) \
                and self._start is not None and self._drawing is not None:
            self._drawing.setRect(QRectF(self._start, self._at(event)).normalized())
            return True
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) \
                and self._start is not None:
            rect = QRectF(self._start, self._at(event)).normalized()
            self._start = None
            if self._drawing is not None and self._drawing.scene() is not None:
                self._drawing.scene().removeItem(self._drawing)
            self._drawing = None
            if rect.width() >= LEAST and rect.height() >= LEAST:
                self.add((int(rect.x()), int(rect.y()), round(rect.width()),
                          round(rect.height())))
            else:  # a click: choose the box under it
                hit = [n for n, (x, y, w, h) in enumerate(self._boxes)
                       if QRectF(x, y, w, h).contains(rect.center())]
                if hit:
                    self.chosen = hit[-1]
                    self._draw()
            return True
        return False


class RedactionBar(QWidget):
    """Words and buttons while drawing boxes; the viewer connects the buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redactionBar")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.suggest_button = QPushButton()
        self.clear_button = QPushButton()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 4, 10, 4)
        row.addWidget(self.hint, 1)
        for button in (self.suggest_button, self.clear_button, self.save_button,
                       self.cancel_button):
            row.addWidget(button)
        self.retranslate(0)
        self.hide()

    def retranslate(self, private: int) -> None:
        """The words; ``private``: how many private numbers were read in the picture."""
        self.hint.setText(self.tr(
            "Drag over what the regulator need not see. Keys: B adds a box, arrows move it, "
            "Shift+arrows size it, Tab picks the next, Delete removes it, Ctrl+Z undoes."))
        self.suggest_button.setText(english_plural(
            self.tr("Cover %n private number(s)", None, private), private) if private
            else self.tr("No private numbers read"))
        self.suggest_button.setEnabled(private > 0)
        self.suggest_button.setToolTip(self.tr(
            "ID numbers, bank card numbers and phone numbers other than hotlines read in the "
            "picture"))
        self.clear_button.setText(self.tr("Remove all"))
        self.save_button.setText(self.tr("Save boxes"))
        self.save_button.setToolTip(self.tr(
            "The dossier prints a copy with these areas black; the original stays as it is "
            "(Ctrl+Z in the main window takes it back)"))
        self.cancel_button.setText(self.tr("Cancel"))
