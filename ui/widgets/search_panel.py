"""Search as you type: a box above the case list and, laid over the window below it, the hits.

The box searches 200 ms after the last key (``desktop_app.store.search``: cases, entries, reference
numbers, promises, exhibits). Down moves into the hits; Enter or a double click opens one
(``hitActivated``); Esc in the hits goes back to the box, Esc in the box clears it and closes
the hits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsDropShadowEffect,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.book import Casebook
from desktop_app.store.search import SearchHit
from ui.models.search import HIT_ROLE, SearchResultsModel

DEBOUNCE_MS = 200
LIMIT = 100
PANEL_WIDTH = 520
MARGIN = 8


class SearchBox(QLineEdit):
    """The query; Down hands the keyboard to the hits, Esc clears."""

    downPressed = Signal()
    escapePressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QFrame):
    """The hits of the query in ``box``, laid over the window just below the box (a child of
    the window, not a popup: the keyboard stays where the person puts it); ``hitActivated``
    when one is opened. It closes when the keyboard moves elsewhere."""

    hitActivated = Signal(object)  # SearchHit

    def __init__(self, book: Casebook, parent: QWidget) -> None:
        super().__init__(parent)
        self.book = book
        self.setObjectName("searchPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        shadow = QGraphicsDropShadowEffect(self)
        shadow.setBlurRadius(16)
        shadow.setOffset(0, 3)
        self.setGraphicsEffect(shadow)
        self.box = SearchBox()
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.model = SearchResultsModel(self)
        self.view = QListView()
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self._delegate_set = False  # the hits' delegate comes with the first search: _ready
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self._on_return)
        self.box.downPressed.connect(self.focus_results)
        self.box.escapePressed.connect(self.clear)
        self.view.activated.connect(self._on_activated)  # Enter, or a double click
        self.view.installEventFilter(self)
        parent.installEventFilter(self)  # follow the window's size
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        self.hide()
        self.retranslate()

    def _place(self) -> None:
        """Just below the box, from its left edge, as tall as the hits need."""
        window = self.parentWidget()
        if window is None or not self.box.isVisible():
            return
        corner = self.box.mapTo(window, QPoint(0, self.box.height()))
        x = max(MARGIN, min(corner.x(), window.width() - PANEL_WIDTH - MARGIN))
        width = min(PANEL_WIDTH, window.width() - x - MARGIN)
        y = corner.y() + 2
        self.setFixedWidth(width)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the list's new width, which the rows' heights depend on
        rows = sum(self.view.sizeHintForRow(r) for r in range(min(self.model.rowCount(), 12)))
        wanted = self.status.sizeHint().height() + rows + 2 * self.view.frameWidth() + 24
        self.setFixedHeight(max(60, min(wanted, window.height() - y - MARGIN)))
        self.move(x, y)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new is not self.box and not self.isAncestorOf(new) \
                and self.isVisible():
            self.hide()

    def _show(self) -> None:
        self.show()
        self._place()
        self.raise_()

    # ---- searching ------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self.box.text().strip()

    def run(self) -> None:
        """Search now for what the box holds (empty: no hits, the dock closes)."""
        self._timer.stop()
        if not self.query:
            self.model.set_hits([])
            self.hide()
            return
        hits = self.book.search(self.query, limit=LIMIT)
        self._ready()
        self.model.set_hits(hits)
        self._show_count()
        self._show()
        if hits:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _ready(self) -> None:
        """Give the hits their two-line delegate, with the first search: its Qt classes (QStyle's
        enums alone take ~4.5 ms) load then, not before the window's first frame."""
        if not self._delegate_set:
            from ui.widgets.search_hits import HitDelegate  # deferred: ~5 ms, the first search

            self.view.setItemDelegate(HitDelegate(self.view))
            self._delegate_set = True

    def refresh(self) -> None:
        """The records changed: search again if hits are showing."""
        if self.isVisible() and self.query:
            row = self.view.currentIndex().row()
            self.model.set_hits(self.book.search(self.query, limit=LIMIT))
            self._show_count()
            self._place()
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(
                    min(max(row, 0), self.model.rowCount() - 1), 0))

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.status.setText(self.tr("Nothing found"))
        elif count == 1:
            self.status.setText(self.tr("1 hit"))
        elif count >= LIMIT:
            self.status.setText(self.tr("The first {count} hits").format(count=count))
        else:
            self.status.setText(self.tr("{count} hits").format(count=count))

    def clear(self) -> None:
        self._timer.stop()
        self.box.clear()
        self.model.set_hits([])
        self.hide()

    def start(self) -> None:
        """Ctrl+Shift+F: into the box, its text selected to type over."""
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()
        if self.query and not self.isVisible():
            self.run()

    def focus_results(self) -> None:
        if self._timer.isActive():
            self.run()
        if self.model.rowCount():
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_hit(self) -> SearchHit | None:
        return self.model.hit_at(self.view.currentIndex().row())

    def _on_return(self) -> None:
        if self._timer.isActive() or not self.isVisible():
            self.run()
        hit = self.current_hit()
        if hit is not None:
            self.hitActivated.emit(hit)

    def _on_activated(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        if isinstance(hit, SearchHit):
            self.hitActivated.emit(hit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize \
                and self.isVisible():
            QTimer.singleShot(0, self._place)  # once the toolbar has moved the box
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.box.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() == Qt.Key.Key_Up and self.view.currentIndex().row() <= 0:
                self.box.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # ---- language -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.box.setPlaceholderText(self.tr("Search all cases (Ctrl+Shift+F)"))
        self.box.setToolTip(self.tr("Titles, entries, reference numbers, counterparts, "
                                    "evidence captions and email text"))
        self.model.retranslate()
        if self.isVisible() and self.query:
            self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
