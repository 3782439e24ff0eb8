"""A bar chart of how often unsolicited calls and messages came, per day or per week.

Drawn with QPainter: a y axis with whole-number ticks and light grid lines, one bar per day
(or week) with its count above it where there is room, date labels thinned so they never
overlap, and a tooltip per bar. The numbers come from ``desktop_app.deadlines.unsolicited`` so
that the dossier shows the same ones.
"""

from __future__ import annotations

import math
from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

BAR = QColor("#be123c")
BAR_TODAY = QColor("#9f1239")
AXIS = QColor("#6b7280")
GRID = QColor("#eceff3")
TEXT = QColor("#374151")
MUTED = QColor("#9ca3af")


def nice_step(highest: int, ticks: int = 5) -> int:
    """A step of 1, 2 or 5 × 10ⁿ giving at most ``ticks`` intervals up to ``highest``."""
    if highest <= ticks:
        return 1
    raw = highest / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


class FrequencyChart(QWidget):
    """``set_series([(date, count), …], by="day"|"week")``; oldest on the left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("frequencyChart")
        self._series: list[tuple[date, int]] = []
        self._by = "day"
        self._bars: list[QRectF] = []
        # small enough that on a low screen the timeline above keeps its rows (the tabs share
        # one minimum height, this tab's counts even while another is shown)
        self.setMinimumSize(320, 130)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setMouseTracking(True)

    # ---- data -----------------------------------------------------------------------------

    def set_series(self, series: list[tuple[date, int]], by: str = "day") -> None:
        self._series = list(series)
        self._by = by
        self.update()

    def series(self) -> list[tuple[date, int]]:
        return list(self._series)

    @property
    def by(self) -> str:
        return self._by

    def y_ticks(self) -> list[int]:
        """The values labelled on the y axis, from 0 up."""
        highest = max((n for _d, n in self._series), default=0)
        step = nice_step(max(highest, 1))
        top = max(step, math.ceil(max(highest, 1) / step) * step)
        return list(range(0, top + 1, step))

    def bar_rects(self) -> list[QRectF]:
        """Where each bar was last drawn (one per entry of the series, empty for a 0)."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(640, 230)

    # ---- drawing --------------------------------------------------------------------------

    def _label(self, day: date, previous: date | None) -> str:
        if previous is None or previous.year != day.year:
            return day.isoformat()
        return f"{day.month:02d}-{day.day:02d}"

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSizeF(max(8.0, font.pointSizeF() - 1))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        self._bars = []

        if not self._series:
            painter.setPen(MUTED)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             self.tr("No unsolicited calls or messages logged yet.\n"
                                     "Log one with Ctrl+U when it comes."))
            painter.end()
            return

        ticks = self.y_ticks()
        top_value = ticks[-1]
        y_title = self.tr("Calls and messages")
        x_title = self.tr("Day") if self._by == "day" else self.tr("Week starting on Monday")
        line = metrics.height()
        left = max(metrics.horizontalAdvance(str(top_value)), metrics.horizontalAdvance("0")) + 14
        top = line + 10
        bottom = 2 * line + 14
        right = 12
        plot = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        if plot.width() < 20 or plot.height() < 20:
            painter.end()
            return

        # axis titles
        painter.setPen(AXIS)
        painter.drawText(QRectF(4, 2, self.width() - 8, line), Qt.AlignmentFlag.AlignLeft,
                         y_title)
        painter.drawText(QRectF(plot.left(), self.height() - line - 2, plot.width(), line),
                         Qt.AlignmentFlag.AlignHCenter, x_title)

        # grid and y labels
        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * value / top_value

        for value in ticks:
            y = y_of(value)
            painter.setPen(QPen(GRID if value else AXIS, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(TEXT)
            painter.drawText(QRectF(0, y - line / 2, left - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             str(value))
        painter.setPen(QPen(AXIS, 1))
        painter.drawLine(int(plot.left()), int(plot.top()), int(plot.left()),
                         int(plot.bottom()))

        # bars, their counts, and the date labels (thinned so that they never overlap)
        count = len(self._series)
        slot = plot.width() / count
        bar_width = max(1.0, min(slot * 0.7, 48.0))
        widest = max(metrics.horizontalAdvance(self._label(d, None)) for d, _n in self._series)
        every = max(1, math.ceil((widest + 8) / slot))
        show_counts = slot >= metrics.horizontalAdvance("888") + 2
        previous: date | None = None
        for i, (day, n) in enumerate(self._series):
            x = plot.left() + slot * i + (slot - bar_width) / 2
            rect = QRectF(x, y_of(n), bar_width, plot.bottom() - y_of(n))
            self._bars.append(rect)
            if n:
                painter.fillRect(rect, BAR)
                if show_counts:
                    painter.setPen(TEXT)
                    painter.drawText(QRectF(x - 10, rect.top() - line - 1, bar_width + 20, line),
                                     Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                                     str(n))
            if i % every == 0:
                label = self._label(day, previous)
                previous = day
                centre = plot.left() + slot * i + slot / 2
                painter.setPen(QPen(AXIS, 1))
                painter.drawLine(int(centre), int(plot.bottom()), int(centre),
                                 int(plot.bottom()) + 3)
                painter.setPen(TEXT)
                width = metrics.horizontalAdvance(label) + 8
                painter.drawText(QRectF(centre - width / 2, plot.bottom() + 4, width, line),
                                 Qt.AlignmentFlag.AlignHCenter, label)
        painter.end()

    # ---- tooltips -------------------------------------------------------------------------

    def bar_at(self, pos: QPoint) -> int:
        """The index of the bar (its whole column) under ``pos``, or -1."""
        if not self._bars:
            return -1
        for i, rect in enumerate(self._bars):
            slot_left = rect.left() - 4
            if slot_left <= pos.x() <= rect.right() + 4:
                return i
        return -1

    def tooltip_text(self, index: int) -> str:
        day, n = self._series[index]
        if self._by == "week":
            return self.tr("Week of {date}: {count}").format(date=day.isoformat(), count=n)
        return self.tr("{date}: {count}").format(date=day.isoformat(), count=n)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.bar_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self.tooltip_text(index), self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
