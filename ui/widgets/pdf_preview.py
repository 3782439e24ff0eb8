"""The dossier as it came out, inside the app: pages, zoom, print, open elsewhere.

The preview shows the PDF with QtPdf (``QPdfView`` over a ``QPdfDocument``). Printing renders
each page from the document onto the printer at the printer's resolution, so what is printed is
exactly what is previewed, with no other PDF reader needed.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QPointF,
    QRect,
    QSize,
    Qt,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ServiceError
from desktop_app.store import vault
from ui.plain_files import open_elsewhere

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0, 4.0)
PRINT_DPI_CAP = 300  # enough for text and screenshots; more only makes the spool file bigger


class PdfPreview(QMainWindow):
    """A window showing one PDF file.

    Signals:
        printed(int): pages were sent to the printer (how many).
    """

    printed = Signal(int)

    def __init__(self, path: str | Path, warnings: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("pdfPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.path = Path(path)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.printer: QPrinter | None = None  # made on first print (tests may set their own)

        self.notes = QLabel()
        self.notes.setObjectName("previewNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setStyleSheet("QLabel#previewNotes { background: #fff7ed; color: #92400e;"
                                 " padding: 6px 10px; border-bottom: 1px solid #fed7aa; }")
        self.notes.setText("\n".join(w[:1].upper() + w[1:] for w in warnings))
        self.notes.setVisible(bool(warnings))

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notes)
        layout.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.page_spin = QSpinBox()
        self.page_spin.setMinimum(1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.setMinimumWidth(64)
        # the style sheet's box leaves the spin arrows drawn broken; Previous and Next (and
        # PgUp/PgDn, ↑/↓ in the box) do their work
        self.page_spin.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_spin.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.page_total = QLabel()
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self._build_actions()
        self.view.pageNavigator().currentPageChanged.connect(self._on_page_changed)
        self.view.zoomFactorChanged.connect(lambda _z: self._update_zoom_label())
        self.document.statusChanged.connect(self._on_status)
        self._load()
        self.retranslate()
        self.resize_to_screen()

    def _load(self) -> None:
        """Show the file from a copy of its bytes: ``QPdfDocument.load(path)`` keeps the file
        open, and Windows then refuses to replace it (the next export of the same dossier).
        A sealed file (one of a locked book's) is shown from its plain bytes."""
        try:
            data = vault.read_bytes(self.path)
        except (OSError, ServiceError) as exc:
            self.notes.setText(self.tr("The file could not be shown: {error}").format(
                error=getattr(exc, "strerror", None) or str(exc)))
            self.notes.show()
            return
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    # ---- building ------------------------------------------------------------------------

    def _action(self, slot: object,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                ) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_print = self._action(self.print_document, QKeySequence.StandardKey.Print)
        self.act_open = self._action(self.open_in_viewer)
        self.act_folder = self._action(self.show_in_folder)
        self.act_previous = self._action(lambda: self.go_to(self.current_page() - 1),
                                         QKeySequence.StandardKey.MoveToPreviousPage)
        self.act_next = self._action(lambda: self.go_to(self.current_page() + 1),
                                     QKeySequence.StandardKey.MoveToNextPage)
        self.act_zoom_in = self._action(lambda: self.zoom(+1), QKeySequence.StandardKey.ZoomIn)
        self.act_zoom_out = self._action(lambda: self.zoom(-1),
                                         QKeySequence.StandardKey.ZoomOut)
        self.act_fit_width = self._action(self.fit_width, "Ctrl+0")
        self.act_fit_page = self._action(self.fit_page)
        self.act_close = self._action(self.close, QKeySequence.StandardKey.Close)
        # Esc closes it too, as it closes every dialog (it is a window, not a dialog, so that
        # it can sit beside the main window)
        self.act_close.setShortcuts([*self.act_close.shortcuts(), QKeySequence("Esc")])

        bar = QToolBar()
        bar.setObjectName("previewToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.addAction(self.act_print)
        bar.addSeparator()
        bar.addActions([self.act_previous, self.act_next])
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_total)
        bar.addSeparator()
        bar.addActions([self.act_zoom_out, self.act_zoom_in])
        bar.addWidget(self.zoom_label)
        bar.addActions([self.act_fit_width, self.act_fit_page])
        bar.addSeparator()
        bar.addActions([self.act_open, self.act_folder])
        self.toolbar = bar
        self.addToolBar(bar)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Dossier preview — {name}").format(name=self.path.name))
        self.toolbar.setWindowTitle(self.tr("Preview toolbar"))
        self.act_print.setText(self.tr("&Print…"))
        self.act_open.setText(self.tr("Open in system viewer"))
        self.act_folder.setText(self.tr("Show in folder"))
        self.act_previous.setText(self.tr("‹ Previous"))
        self.act_previous.setToolTip(self.tr("Previous page (Page Up)"))
        self.act_next.setText(self.tr("Next ›"))
        self.act_next.setToolTip(self.tr("Next page (Page Down)"))
        self.act_zoom_in.setText("+")
        self.act_zoom_in.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.act_zoom_out.setText("−")
        self.act_zoom_out.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.act_fit_width.setText(self.tr("Fit width"))
        self.act_fit_page.setText(self.tr("Whole page"))
        self.act_close.setText(self.tr("Close"))
        self._update_page_label()
        self._update_zoom_label()

    def resize_to_screen(self) -> None:
        screen = self.screen()
        if screen is None:
            self.resize(900, 1000)
            return
        available = screen.availableGeometry()
        self.resize(min(960, available.width() - 40), available.height() - 60)

    # ---- pages and zoom ---------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        if not 0 <= page < self.page_count() or page == self.current_page():
            return
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def zoom(self, step: int) -> None:
        current = self.view.zoomFactor()
        if step > 0:
            target = next((z for z in ZOOM_STEPS if z > current + 0.01), ZOOM_STEPS[-1])
        else:
            target = next((z for z in reversed(ZOOM_STEPS) if z < current - 0.01),
                          ZOOM_STEPS[0])
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(target)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    @Slot(QPdfDocument.Status)
    def _on_status(self, status: QPdfDocument.Status) -> None:
        if not shiboken6.isValid(self) or not shiboken6.isValid(self.page_spin):
            return  # the window is being torn down; the document says it is unloading
        if status == QPdfDocument.Status.Ready:
            self.page_spin.setMaximum(max(1, self.page_count()))
            self._update_page_label()
        elif status == QPdfDocument.Status.Error:
            self.notes.setText(self.tr("The file could not be shown: {error}").format(
                error=self.document.error().name))
            self.notes.show()

    @Slot(int)
    def _on_page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def _update_page_label(self) -> None:
        self.page_total.setText(self.tr(" of {pages} ").format(pages=self.page_count()))

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.view.zoomFactor() * 100)}%")

    # ---- elsewhere ---------------------------------------------------------------------------

    @Slot()
    def open_in_viewer(self) -> None:
        try:
            opened = open_elsewhere(self.path)  # a sealed file: from a plain copy
        except (OSError, ServiceError):
            opened = False
        if not opened:
            QMessageBox.warning(self, self.tr("Cannot open"), self.tr(
                "No program to open PDF files was found. The file is at:\n{path}").format(
                    path=self.path))

    @Slot()
    def show_in_folder(self) -> None:
        """The folder, with the file selected where the system file manager can do that."""
        path = str(self.path)
        try:
            if sys.platform == "win32":
                subprocess.Popen(["explorer", "/select,", path])
                return
            if sys.platform == "darwin":
                subprocess.Popen(["open", "-R", path])
                return
        except OSError:
            pass
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path.parent)))

    # ---- printing ----------------------------------------------------------------------------

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        return printer

    @Slot()
    def print_document(self) -> None:
        if self.page_count() == 0:
            return
        if self.printer is None:
            self.printer = self.make_printer()
        printer = self.printer
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the dossier"))
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        count = self.render_to(printer)
        if count:
            self.printed.emit(count)

    def render_to(self, printer: QPrinter) -> int:
        """Draw the chosen pages onto ``printer``, each rendered at the printer's resolution
        and fitted to its page; returns how many pages were printed."""
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0 or last <= 0:
            first, last = 1, self.page_count()
        last = min(last, self.page_count())
        pages = list(range(first - 1, last))
        dpi = min(printer.resolution(), PRINT_DPI_CAP)
        progress = QProgressDialog(self.tr("Printing…"), self.tr("Cancel"), 0, len(pages), self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.tr("Cannot print"),
                                self.tr("The printer could not be started."))
            return 0
        done = 0
        try:
            for n, page in enumerate(pages):
                if progress.wasCanceled():
                    break
                if n:
                    printer.newPage()
                target = painter.viewport()
                size_pt = self.document.pagePointSize(page)
                scale = dpi / 72.0
                pixels = QSize(max(1, round(size_pt.width() * scale)),
                               max(1, round(size_pt.height() * scale)))
                image = self.document.render(page, pixels)
                fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                x = target.x() + (target.width() - fitted.width()) // 2
                y = target.y() + (target.height() - fitted.height()) // 2
                painter.drawImage(QRect(x, y, fitted.width(), fitted.height()), image)
                done += 1
                progress.setValue(n + 1)
                QApplication.processEvents()
        finally:
            painter.end()
            progress.close()
        return done
