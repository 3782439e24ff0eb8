"""An exhibit's image, to read a screenshot's small print: zoom in and out (buttons, Ctrl+wheel,
Ctrl++ / Ctrl+-), fit to the window (Ctrl+0), actual size (Ctrl+1), and flip through the
case's images (← / →, Page Up / Page Down).

The image is shown as stored, with its EXIF orientation applied. Given the window's operations,
the viewer shows beside the picture the text read from it and the facts it states
(:class:`~ui.widgets.exhibit_side.ExhibitSide`), and a search's words highlighted on the picture
and in the text; a fact is put where it belongs only when the person clicks its offer, and
Ctrl+Z here undoes it as in the main window.

A PDF exhibit is shown page by page, each page rendered by the core as the dossier's redaction
renders it (``desktop_app.evidence.pdf_redaction``), so boxes drawn on a page are in the pixels
the redacted copy is made from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import Invalid
from desktop_app.evidence.redaction import suggested_boxes
from desktop_app.i18n import english_plural
from desktop_app.records import Box
from ui.plain_files import read_image
from ui.widgets.redaction_layer import RedactionBar, RedactionLayer

if TYPE_CHECKING:
    from ui.operations import Operations
    from ui.widgets.exhibit_side import ExhibitSide

ZOOM_STEP = 1.25
MIN_ZOOM = 0.02
MAX_ZOOM = 16.0


@dataclass(frozen=True)
class ViewerImage:
    path: Path
    title: str
    evidence_id: int | None = None
    fallback: Path | None = None  # e.g. the print rendition, when Qt cannot decode the original
    page: int = 0  # a page of a PDF exhibit (from 1), rendered; 0: a picture


def rendered_page(path: Path, page: int) -> tuple[QImage, str]:
    """Page ``page`` of the PDF at ``path`` as the core renders it for redaction (a null
    image and the reason when it cannot be)."""
    from desktop_app.evidence.pdf_redaction import render_page  # deferred: PDFium, on a PDF

    try:
        picture = render_page(path, page)
    except Invalid as exc:
        return QImage(), str(exc)
    data = picture.tobytes()
    image = QImage(data, picture.width, picture.height, picture.width * 3,
                   QImage.Format.Format_RGB888)
    return image.copy(), ""  # the copy owns its pixels


class ZoomView(QGraphicsView):
    """A graphics view that turns Ctrl+wheel into zoom steps (plain wheel scrolls)."""

    zoomRequested = Signal(float)  # steps: +1 per notch towards the viewer

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoomRequested.emit(steps)
            event.accept()
            return
        super().wheelEvent(event)


class ImageViewer(QDialog):
    """Signals: ``openOriginalRequested(int)`` — the evidence id of the image shown."""

    openOriginalRequested = Signal(int)

    def __init__(self, images: list[ViewerImage], index: int = 0,
                 parent: QWidget | None = None, *, ops: Operations | None = None,
                 words: Sequence[str] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.images = list(images)
        self.index = -1
        self.fit_mode = True
        self._zoom = 1.0

        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = ZoomView(self.scene)
        self.view.setObjectName("imageView")
        self.view.setBackgroundBrush(QBrush(QColor("#2f343b")))
        self.view.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform
                                 | QPainter.RenderHint.Antialiasing)
        self.view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.view.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view.zoomRequested.connect(self._wheel_zoom)
        self.view.installEventFilter(self)
        self.message = QLabel()
        self.message.setObjectName("viewerMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.hide()
        self.words = list(words)
        self.boxes: list[QGraphicsRectItem] = []
        self.side: ExhibitSide | None = None
        self.said = QLabel()  # what a click on a fact changed
        self.said.setObjectName("viewerSaid")

        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.position_label = QLabel()
        self.zoom_out_button = QPushButton()
        self.zoom_label = QLabel()
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumWidth(56)
        self.zoom_in_button = QPushButton()
        self.fit_button = QPushButton()
        self.fit_button.setCheckable(True)
        self.actual_button = QPushButton()
        self.open_button = QPushButton()
        self.close_button = QPushButton()
        self.redact_button = QPushButton()
        self.redact_button.setCheckable(True)
        self.redact_button.hide()  # with the window's operations only
        self.layer: RedactionLayer | None = None
        self.redaction_bar = RedactionBar()
        self.redact_keys: list[QShortcut] = []
        for button in (self.zoom_out_button, self.zoom_in_button):
            button.setFixedWidth(36)
        self.previous_button.clicked.connect(self.show_previous)
        self.next_button.clicked.connect(self.show_next)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.fit_button.clicked.connect(self.fit_to_window)
        self.actual_button.clicked.connect(self.actual_size)
        self.open_button.clicked.connect(self._open_original)
        self.close_button.clicked.connect(self.close)

        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.position_label)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(self.zoom_out_button)
        bar.addWidget(self.zoom_label)
        bar.addWidget(self.zoom_in_button)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.actual_button)
        bar.addStretch(1)
        bar.addWidget(self.redact_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.close_button)
        picture = QWidget()
        picture_layout = QVBoxLayout(picture)
        picture_layout.setContentsMargins(0, 0, 0, 0)
        picture_layout.addWidget(self.view, 1)
        picture_layout.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        if ops is None:
            layout.addWidget(picture, 1)
        else:
            from ui.widgets.exhibit_side import ExhibitSide  # deferred: ~3 ms, with the viewer

            self.side = ExhibitSide(ops)
            self.side.loaded.connect(self.draw_matches)
            self.side.message.connect(self.said.setText)
            self.splitter = QSplitter(Qt.Orientation.Horizontal)
            self.splitter.setChildrenCollapsible(False)
            self.splitter.addWidget(picture)
            self.splitter.addWidget(self.side)
            self.splitter.setStretchFactor(0, 1)
            self.splitter.setStretchFactor(1, 1)
            layout.addWidget(self.splitter, 1)
            self.ops = ops
            self.layer = RedactionLayer(self.view, self.item)
            self.redact_button.show()
            self.redact_button.toggled.connect(self.toggle_redaction)
            bar_ = self.redaction_bar
            bar_.save_button.clicked.connect(self._save_redaction)
            bar_.cancel_button.clicked.connect(lambda: self.redact_button.setChecked(False))
            bar_.clear_button.clicked.connect(self.layer.clear)
            bar_.suggest_button.clicked.connect(self._cover_private)
            layout.addWidget(bar_)
            # the main window's Undo and Redo, which do not reach this window (while drawing
            # boxes, Undo takes back the last box first)
            undo_keys: list[tuple[QKeySequence, object]] = [
                (QKeySequence(QKeySequence.StandardKey.Undo), self._undo),
                (QKeySequence(QKeySequence.StandardKey.Redo), ops.undo_stack.redo),
                (QKeySequence("Ctrl+Shift+Z"), ops.undo_stack.redo),
                (QKeySequence("Ctrl+Y"), ops.undo_stack.redo)]
            taken: set[str] = set()
            for undo_sequence, action in undo_keys:
                if undo_sequence.isEmpty() or undo_sequence.toString() in taken:
                    continue
                taken.add(undo_sequence.toString())
                QShortcut(undo_sequence, self).activated.connect(action)
            said_row = QHBoxLayout()
            said_row.setContentsMargins(10, 0, 10, 0)
            said_row.addWidget(self.said, 1)
            layout.addLayout(said_row)
        inner = QHBoxLayout()
        inner.setContentsMargins(10, 0, 10, 0)
        inner.addLayout(bar)
        layout.addLayout(inner)

        keys: list[tuple[list[QKeySequence | QKeySequence.StandardKey | Qt.Key | str], object]] = [
            ([QKeySequence.StandardKey.ZoomIn, "Ctrl+=", "Ctrl++", "+", "="], self.zoom_in),
            ([QKeySequence.StandardKey.ZoomOut, "Ctrl+-", "-"], self.zoom_out),
            (["Ctrl+0", "0"], self.fit_to_window),
            (["Ctrl+1", "1"], self.actual_size),
            ([Qt.Key.Key_Left, Qt.Key.Key_PageUp], self.show_previous),
            ([Qt.Key.Key_Right, Qt.Key.Key_PageDown], self.show_next),
        ]
        self.shortcuts: list[QShortcut] = []
        seen: set[str] = set()
        for sequences, slot in keys:
            for sequence in sequences:
                key = QKeySequence(sequence)
                if key.isEmpty() or key.toString() in seen:
                    continue
                seen.add(key.toString())
                shortcut = QShortcut(key, self)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)

        if self.layer is not None:
            layer = self.layer
            drawing_keys: list[tuple[str, object]] = [
                ("B", layer.add_in_middle), ("Delete", layer.remove_chosen),
                ("Backspace", layer.remove_chosen), ("Tab", layer.choose_next),
                ("Left", lambda: layer.nudge(-1, 0)), ("Right", lambda: layer.nudge(1, 0)),
                ("Up", lambda: layer.nudge(0, -1)), ("Down", lambda: layer.nudge(0, 1)),
                ("Shift+Left", lambda: layer.nudge(-1, 0, grow=True)),
                ("Shift+Right", lambda: layer.nudge(1, 0, grow=True)),
                ("Shift+Up", lambda: layer.nudge(0, -1, grow=True)),
                ("Shift+Down", lambda: layer.nudge(0, 1, grow=True)),
                ("Ctrl+S", self._save_redaction), ("Return", self._save_redaction)]
            for text, slot in drawing_keys:
                shortcut = QShortcut(QKeySequence(text), self)
                shortcut.setEnabled(False)
                shortcut.activated.connect(slot)
                self.redact_keys.append(shortcut)
            QShortcut(QKeySequence("R"), self).activated.connect(
                lambda: self.redact_button.setChecked(True)
                if self.redact_button.isEnabled() else None)

        self._retranslate()
        self.resize_for_screen()
        if self.side is not None:  # the text and the facts need about 480 pixels
            side = min(520, max(380, self.width() // 2 - 40))
            self.splitter.setSizes([self.width() - side, side])
        self.show_image(index)

    # ---- what is shown ----------------------------------------------------------------------

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def current(self) -> ViewerImage | None:
        return self.images[self.index] if 0 <= self.index < len(self.images) else None

    def show_image(self, index: int) -> None:
        if not self.images:
            return
        self.index = max(0, min(index, len(self.images) - 1))
        image = self.images[self.index]
        if image.page:
            loaded, reason = rendered_page(image.path, image.page)
        else:  # a locked book's picture from its plain bytes
            loaded, reason = read_image(image.path)
        whole = not loaded.isNull()  # the original itself is shown (not a smaller copy)
        if loaded.isNull() and image.fallback is not None:
            loaded, _second = read_image(image.fallback)
        if loaded.isNull():
            self.item.setPixmap(QPixmap())
            self.view.hide()
            self.message.setText(self.tr(
                "This image cannot be shown ({reason}). The file is kept as it is; "
                "use “Open original” to open it with another program.").format(
                    reason=reason))
            self.message.show()
        else:
            self.message.hide()
            self.view.show()
            self.item.setPixmap(QPixmap.fromImage(loaded))
            self.scene.setSceneRect(QRectF(self.item.boundingRect()))
        self.setWindowTitle(image.title)
        self.position_label.setText(f"{self.index + 1} / {len(self.images)}")
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.images) - 1)
        self.open_button.setEnabled(image.evidence_id is not None)
        if self.side is not None:
            self.side.show_exhibit(image.evidence_id, self.words)
        else:
            self.draw_matches()
        self._show_redaction(whole)
        self.fit_to_window()

    # ---- redaction ----------------------------------------------------------------------------

    def _show_redaction(self, whole: bool) -> None:
        """The exhibit's saved boxes, black; drawing is offered on an original shown whole."""
        self.redact_button.setChecked(False)
        if self.layer is None:
            return
        image = self.current
        evidence_id = image.evidence_id if image is not None else None
        self.layer.show(self._saved_boxes())
        self.redact_button.setEnabled(evidence_id is not None and whole)

    def _saved_boxes(self) -> tuple[Box, ...]:
        """The saved boxes on the picture (on a PDF exhibit, on the page) shown."""
        image = self.current
        if image is None or image.evidence_id is None:
            return ()
        saved = self.ops.book.redactions.get(image.evidence_id)
        if saved is None:
            return ()
        return saved.by_page().get(image.page, ()) if image.page else saved.boxes

    def _suggested(self) -> list[Box]:
        """Boxes over the private numbers read in the picture (none on a PDF page: what was
        read there is not measured in the pixels shown)."""
        image = self.current
        if self.side is None or image is None or image.page:
            return []
        return [box for _fact, box in suggested_boxes(self.side.lines())]

    @Slot(bool)
    def toggle_redaction(self, on: bool) -> None:
        """Draw boxes (on), or leave drawing without saving (off)."""
        if self.layer is None:
            return
        self.layer.show(self._saved_boxes(), editing=on)
        self.redaction_bar.retranslate(len(self._suggested()))
        self.redaction_bar.setVisible(on)
        for shortcut in self.shortcuts:  # the arrows move boxes while drawing
            if shortcut.key().toString() in ("Left", "Right", "Up", "Down"):
                shortcut.setEnabled(not on)
        for shortcut in self.redact_keys:
            shortcut.setEnabled(on)
        if on:
            self.view.setFocus()

    @Slot()
    def _cover_private(self) -> None:
        """Boxes over the ID, card and phone numbers read in the picture, all at once."""
        if self.layer is not None:
            self.layer.add_many(self._suggested())

    @Slot()
    def _save_redaction(self) -> None:
        image = self.current
        if self.layer is None or self.side is None or image is None \
                or image.evidence_id is None or not self.layer.active:
            return
        boxes = self.layer.boxes()
        self.redact_button.setChecked(False)
        self.layer.show(boxes)
        every, pages = list(boxes), [image.page] * len(boxes) if image.page else []
        saved = self.ops.book.redactions.get(image.evidence_id) if image.page else None
        if saved is not None:  # the boxes on the document's other pages stay
            for page, on_page in saved.by_page().items():
                if page != image.page:
                    every += on_page
                    pages += [page] * len(on_page)
        self.side.edits.set_redaction(image.evidence_id, every, pages).then(
            lambda redaction: self.said.setText(english_plural(
                self.tr("%n area(s) will be black in the dossier; the original is unchanged.",
                        None, len(boxes)), len(boxes)) if redaction is not None
                else self.tr("The dossier shows this picture whole again.")))

    @Slot()
    def _undo(self) -> None:
        if self.layer is not None and self.layer.undo():
            return
        self.ops.undo_stack.undo()

    def reject(self) -> None:
        """Esc while drawing boxes leaves drawing; otherwise it closes the viewer."""
        if self.redact_button.isChecked():
            self.redact_button.setChecked(False)
            return
        super().reject()

    @Slot()
    def draw_matches(self) -> None:
        """Translucent boxes over the picture's lines the search's words are in."""
        for box in self.boxes:
            self.scene.removeItem(box)
        self.boxes = []
        if self.side is None:
            return
        lines = self.side.matched_lines()
        height = self.side.picture_height()
        shown = self.item.pixmap().height()
        image = self.current
        if not lines or not shown or (image is not None and image.page):
            return  # a PDF page's text is not measured in the pixels shown
        # the boxes are measured on the original; a fallback copy may be smaller
        scale = shown / height if height else 1.0
        for line in lines:
            if line.page != 0:
                continue
            left, top, width, tall = (v * scale for v in line.box)
            box = QGraphicsRectItem(QRectF(left - 4, top - 3, width + 8, tall + 6), self.item)
            box.setBrush(QBrush(QColor(253, 224, 71, 110)))
            box.setPen(QPen(QColor(217, 119, 6, 220), 3))
            self.boxes.append(box)

    def image_size(self) -> tuple[int, int]:
        pixmap = self.item.pixmap()
        return pixmap.width(), pixmap.height()

    # ---- zoom -------------------------------------------------------------------------------

    def _fit_scale(self) -> float:
        width, height = self.image_size()
        if not width or not height:
            return 1.0
        # The room without scroll bars: a fitted image needs none.
        room = self.view.maximumViewportSize()
        scale = min((room.width() - 16) / width, (room.height() - 16) / height)
        return max(MIN_ZOOM, min(scale, 1.0))  # never blow a small image up to fit

    def set_zoom(self, zoom: float, *, fit: bool = False) -> None:
        self._zoom = max(MIN_ZOOM, min(zoom, MAX_ZOOM))
        self.fit_mode = fit
        self.view.resetTransform()
        self.view.scale(self._zoom, self._zoom)
        self.zoom_label.setText(f"{round(self._zoom * 100)}%")
        self.fit_button.setChecked(fit)
        self.zoom_in_button.setEnabled(self._zoom < MAX_ZOOM)
        self.zoom_out_button.setEnabled(self._zoom > MIN_ZOOM)

    @Slot()
    def fit_to_window(self) -> None:
        self.set_zoom(self._fit_scale(), fit=True)
        self.view.centerOn(self.item)

    @Slot()
    def actual_size(self) -> None:
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(1.0)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    @Slot()
    def zoom_in(self) -> None:
        self._step(1)

    @Slot()
    def zoom_out(self) -> None:
        self._step(-1)

    def _step(self, steps: float, anchor_under_mouse: bool = False) -> None:
        if not anchor_under_mouse:
            self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.set_zoom(self._zoom * ZOOM_STEP ** steps)
        self.view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)

    @Slot(float)
    def _wheel_zoom(self, steps: float) -> None:
        self._step(steps, anchor_under_mouse=True)

    # ---- navigation -------------------------------------------------------------------------

    @Slot()
    def show_previous(self) -> None:
        if self.index > 0:
            self.show_image(self.index - 1)

    @Slot()
    def show_next(self) -> None:
        if self.index < len(self.images) - 1:
            self.show_image(self.index + 1)

    @Slot()
    def _open_original(self) -> None:
        image = self.current
        if image is not None and image.evidence_id is not None:
            self.openOriginalRequested.emit(image.evidence_id)

    # ---- window -----------------------------------------------------------------------------

    def resize_for_screen(self) -> None:
        parent = self.parentWidget()
        screen = (parent if parent is not None else self).screen()
        if screen is None:
            self.resize(900, 700)
            return
        available = screen.availableGeometry()
        widest = 1100 if self.side is None else 1360
        self.resize(min(widest, int(available.width() * (0.8 if self.side is None else 0.92))),
                    min(860, int(available.height() * 0.88)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # the view's own size, once the layouts (the splitter's too) have given it
        if watched is self.view and event.type() == QEvent.Type.Resize \
                and self.fit_mode and self.index >= 0:
            self.set_zoom(self._fit_scale(), fit=True)
            self.view.centerOn(QPointF(self.item.boundingRect().center()))
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.previous_button.setText(self.tr("◀ Previous"))
        self.next_button.setText(self.tr("Next ▶"))
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setToolTip(self.tr("Zoom out (Ctrl+−, Ctrl+wheel)"))
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setToolTip(self.tr("Zoom in (Ctrl++, Ctrl+wheel)"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setToolTip(self.tr("Fit the image to the window (Ctrl+0)"))
        self.actual_button.setText(self.tr("100%"))
        self.actual_button.setToolTip(self.tr("Actual size (Ctrl+1)"))
        self.open_button.setText(self.tr("Open original"))
        self.open_button.setToolTip(self.tr("Open the file with the system's program"))
        self.close_button.setText(self.tr("Close"))
        self.redact_button.setText(self.tr("Redact…"))
        self.redact_button.setToolTip(self.tr(
            "Black out what the regulator need not see, in the dossier's copy (R)"))
