"""The hits of a search, one row each: the case's title, what matched (case, entry, reference
number, promise, exhibit) and the text around the match."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.store.search import SearchHit
from ui.timeconv import format_datetime

Index = QModelIndex | QPersistentModelIndex

HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit
HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # title line and snippet, the matches in bold


def kind_label(kind: str) -> str:
    """What matched, in the window's language."""
    if kind == "case":
        return QCoreApplication.translate("SearchResultsModel", "Case")
    if kind == "event":
        return QCoreApplication.translate("SearchResultsModel", "Entry")
    if kind == "reference":
        return QCoreApplication.translate("SearchResultsModel", "Reference number")
    if kind == "promise":
        return QCoreApplication.translate("SearchResultsModel", "Promise")
    if kind == "evidence":
        return QCoreApplication.translate("SearchResultsModel", "Exhibit")
    return kind


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | \
            Qt.ItemFlag.ItemNeverHasChildren

    def _where(self, hit: SearchHit) -> str:
        label = kind_label(hit.kind)
        if hit.exhibit_no is not None:
            label += f" E{hit.exhibit_no}"
        if hit.at is not None:
            label += f" · {format_datetime(hit.at)}"
        return label

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        hit = self.hit_at(index.row()) if index.isValid() and index.column() == 0 else None
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.case_title} — {self._where(hit)}\n{hit.plain_snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.plain_snippet
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.case_title}, {self._where(hit)}: {hit.plain_snippet}"
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            snippet = "".join(f"<b><u>{html.escape(text)}</u></b>" if match
                              else html.escape(text) for text, match in hit.parts)
            return (f"<b>{html.escape(hit.case_title)}</b>"
                    f" <span class='meta'>— {html.escape(self._where(hit))}</span>"
                    f"<br/>{snippet}")
        return None

    def retranslate(self) -> None:
        if self._hits:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._hits) - 1, 0))
