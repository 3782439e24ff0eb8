"""What every flat table of records in the window shares: row and column counts, translated
column headers, and a refresh of all of it when the language changes."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Subclasses set ``HEADERS`` (English, marked with QT_TRANSLATE_NOOP in ``CONTEXT``) and
    implement :meth:`row_total`."""

    HEADERS: ClassVar[tuple[str, ...]] = ()
    CONTEXT: ClassVar[str] = ""

    def row_total(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return QCoreApplication.translate(self.CONTEXT, self.HEADERS[section])
        return None

    def retranslate(self) -> None:
        """Headers and cells again, in the language now installed."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.HEADERS) - 1)
        rows = self.row_total()
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self.HEADERS) - 1))
