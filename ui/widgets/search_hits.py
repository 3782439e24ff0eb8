"""How a search hit is drawn in the search panel's list (:mod:`ui.widgets.search_panel`): two
lines of rich text. Its own module, loaded with the first search: the Qt classes it draws with
(QStyle's enums alone take ~4.5 ms to load) are not needed before the window's first frame."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.models.search import HTML_ROLE


class HitDelegate(QStyledItemDelegate):
    """Two lines of rich text: the case and what matched; the snippet, the matches in bold."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
                  ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        meta = option.palette.color(QPalette.ColorRole.HighlightedText if selected
                                    else QPalette.ColorRole.PlaceholderText)
        doc.setDefaultStyleSheet(f".meta {{ color: {meta.name()}; }}")
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        width = option.rect.width()
        view = self.parent()
        if width <= 0 and isinstance(view, QListView):
            width = view.viewport().width()
        doc.setTextWidth(max(width, 120))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._document(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, opt.rect.width(), opt.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()))
