"""Room for the tab shown below the timeline.

The case page's divider leaves the timeline most of the height (what a person reads); the
entry's details need little. The evidence list needs more to be of use — a few exhibits,
each a thumbnail high — so when its tab comes forward with less than that, the divider moves
up to give it that room (the timeline keeping a few rows), and when a tab that needs no more
comes back, the divider goes back to where it was (unless it was moved by hand meanwhile).
On a 1366×768 laptop that is the difference between one exhibit and four.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QSplitter, QTableView, QTabWidget, QWidget


def height_for_rows(page: QWidget, view: QTableView, rows: int) -> int:
    """The height ``page`` needs to show ``rows`` rows of ``view``, a table inside it beside
    other controls (from size hints: a page not shown yet has no height of its own)."""
    chrome = page.sizeHint().height() - view.sizeHint().height()
    header = view.horizontalHeader()
    header_height = header.sizeHint().height() if not header.isHidden() else 0
    return (chrome + 2 * view.frameWidth() + header_height
            + rows * view.verticalHeader().defaultSectionSize())


class TabRoom(QObject):
    def __init__(self, splitter: QSplitter, tabs: QTabWidget,
                 keep: Callable[[], int]) -> None:
        """``tabs`` is the splitter's second widget; ``keep()``: the height the first keeps
        at least when a tab takes room."""
        super().__init__(splitter)
        self.splitter, self.tabs, self.keep = splitter, tabs, keep
        self._needs: dict[QWidget, Callable[[], int]] = {}
        self._before: list[int] | None = None  # where the divider was before a tab took room
        self._moved_to: list[int] | None = None
        tabs.currentChanged.connect(self._on_tab)
        splitter.splitterMoved.connect(self._moved_by_hand)

    def needs(self, page: QWidget, height: Callable[[], int]) -> None:
        """``page`` wants ``height()`` pixels (its own, without the tab bar) when shown."""
        self._needs[page] = height

    @Slot(int, int)
    def _moved_by_hand(self, _pos: int, _index: int) -> None:
        self._before = self._moved_to = None

    @Slot(int)
    def _on_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        need = self._needs.get(page) if page is not None else None
        sizes = self.splitter.sizes()
        if len(sizes) != 2 or not self.splitter.isVisible():
            return
        if need is None:
            if self._before is not None and sizes == self._moved_to:
                self.splitter.setSizes(self._before)
            self._before = self._moved_to = None
            return
        total = sum(sizes)
        bar = self.tabs.tabBar().sizeHint().height() if self.tabs.tabBar().isVisible() else 0
        wanted = min(need() + bar, total - self.keep())
        if wanted <= sizes[1]:
            return
        if self._before is None:
            self._before = sizes
        self.splitter.setSizes([total - wanted, wanted])
        self._moved_to = self.splitter.sizes()
