"""The dossier's section on unsolicited calls and messages: how often they came, as a chart and
as tables.

The counting is the core's (:mod:`desktop_app.deadlines.unsolicited`), so the paper shows the
same numbers as the window's chart. Per day, or per week when the contacts span more than
:data:`WEEKLY_AFTER_DAYS` days (a bar a day would be too thin to read).
"""

from __future__ import annotations

import math
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from desktop_app.deadlines.unsolicited import unsolicited_frequency, unsolicited_hours
from desktop_app.dossier.fonts import SANS
from desktop_app.dossier.layout import ACCENT, FILL, INK, MUTED, RULE, Para, table_style

if TYPE_CHECKING:
    from desktop_app.dossier.story import StoryBuilder

WEEKLY_AFTER_DAYS = 45
CHART_HEIGHT = 62 * mm
MAX_AXIS_LABELS = 16  # category labels under the bars; the rest are left out
TABLE_PAIRS = 3  # (date, count) column pairs side by side


def unsolicited_section(b: StoryBuilder) -> list[Flowable]:
    """The section, or nothing when the case has no unsolicited contacts."""
    events = b.data.events
    days = unsolicited_frequency(events, "day")
    if not days:
        return []
    first, last = days[0][0], days[-1][0]
    by = "week" if (last - first).days > WEEKLY_AFTER_DAYS else "day"
    series = days if by == "day" else unsolicited_frequency(events, "week")
    busiest, most = max(days, key=lambda item: (item[1], -item[0].toordinal()))
    total = sum(n for _, n in days)
    numbers = iter(range(1, 10))
    story: list[Flowable] = [
        b.h1("sec-unsolicited", "sec_unsolicited"),
        b.p(b.t("uns_intro", n=total, first=first.isoformat(), last=last.isoformat(),
                busiest=busiest.isoformat(), most=most, zone=b.zone())),
        KeepTogether([b.h2("uns_chart_" + by, next(numbers)),
                      frequency_chart(series, b.width, by)]),
    ]

    # the periods with at least one contact, in column pairs filled top to bottom
    shown = [(d, n) for d, n in series if n]
    rows_n = math.ceil(len(shown) / TABLE_PAIRS)
    head = b.head_row("col_day" if by == "day" else "col_week", "col_count")
    head[1].style = b.s.cell_head.clone("hr", alignment=2)
    rows: list[list[Any]] = [head * TABLE_PAIRS]
    for r in range(rows_n):
        row: list[Any] = []
        for c in range(TABLE_PAIRS):
            i = c * rows_n + r
            if i < len(shown):
                d, n = shown[i]
                row += [Para(d.isoformat(), b.s.cell), Para(str(n), b.s.cell_right)]
            else:
                row += ["", ""]
        rows.append(row)
    style = table_style(len(rows))
    style += [("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE)]
    style += [("LINEBEFORE", (2 * c, 0), (2 * c, -1), 0.3, RULE) for c in range(1, TABLE_PAIRS)]
    pair = [0.19, 1 / TABLE_PAIRS - 0.19]
    table = Table(rows, colWidths=b.cols(*(pair * TABLE_PAIRS)), repeatRows=1,
                  style=TableStyle(style))
    story += [b.h2("uns_table" if by == "day" else "uns_table_week", next(numbers)), table]

    if by == "day":  # a short span: at what hours, too
        hours = dict(unsolicited_hours(events))
        grid: list[list[Any]] = []
        for half in (range(0, 12), range(12, 24)):
            grid.append([Para(b.m(b.t("col_hour")), b.s.cell_head)]
                        + [Para(f"{h}", b.s.cell_center) for h in half])
            grid.append([Para(b.m(b.t("col_count")), b.s.cell_muted)]
                        + [Para(f"<b>{hours[h]}</b>" if hours[h] else "·", b.s.cell_center)
                           for h in half])
        hour_style = [*table_style(len(grid), header=False),
                      ("BACKGROUND", (0, 0), (-1, 0), FILL),
                      ("BACKGROUND", (0, 2), (-1, 2), FILL),
                      ("LINEABOVE", (0, 2), (-1, 2), 0.6, INK)]
        hour_table = Table(grid, colWidths=b.cols(0.1, *([0.9 / 12] * 12)),
                           style=TableStyle(hour_style))
        story.append(KeepTogether([b.h2("uns_hours", next(numbers)), hour_table]))
    return story


def _step(most: int) -> int:
    """A whole-number step for the count axis giving at most about six gridlines."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if most / step <= 6:
            return step
    return int(math.ceil(most / 6 / 100) * 100)


def frequency_chart(series: list[tuple[date, int]], width: float, by: str) -> Drawing:
    """Bars of the counts per day (week), in the dossier's ink and font."""
    drawing = Drawing(width, CHART_HEIGHT)
    chart = VerticalBarChart()
    chart.x, chart.y = 9 * mm, 8 * mm
    chart.width = width - chart.x - 2 * mm
    chart.height = CHART_HEIGHT - chart.y - 5 * mm
    counts = [n for _, n in series]
    chart.data = [counts]
    every = max(1, math.ceil(len(series) / MAX_AXIS_LABELS))
    chart.categoryAxis.categoryNames = [
        d.strftime("%m-%d") if i % every == 0 else "" for i, (d, _) in enumerate(series)]
    step = _step(max(counts))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(step, math.ceil(max(counts) / step) * step)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labelTextFormat = "%d"
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = SANS
        axis.labels.fontSize = 7
        axis.labels.fillColor = MUTED
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = INK
    chart.categoryAxis.strokeWidth = 0.6
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.visibleAxis = 0
    chart.valueAxis.visibleTicks = 0
    chart.valueAxis.labels.dx = -3
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    slot = chart.width / len(series)
    bar = min(0.7 * slot, 9 * mm)  # few bars: not slabs
    chart.barWidth = bar
    chart.groupSpacing = slot - bar
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    if len(series) <= 31:  # room to write each count over its bar
        chart.barLabelFormat = lambda value: str(int(value)) if value else ""
        chart.barLabels.fontName = SANS
        chart.barLabels.fontSize = 6.5
        chart.barLabels.fillColor = INK
        chart.barLabels.nudge = 5
    drawing.add(chart)
    drawing.hAlign = "LEFT"
    return drawing

