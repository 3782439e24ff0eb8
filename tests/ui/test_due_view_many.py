"""The Due view with a book's worth of items (12,200 rows: 2,000 promises due in each of six
weeks and 200 regulator deadlines), and the guard that keeps it from crashing Python 3.11:
PySide6 6.12 takes a reference from ``None`` at every Qt call that returns nothing, and filling
the view made enough such calls for ``None`` to be freed ("none_dealloc")."""

from __future__ import annotations

import sys
from datetime import timedelta

from desktop_app.deadlines.due import DueItem
from desktop_app.timeutil import parse_time
from ui.none_guard import RESERVE, keep_none_alive
from ui.widgets.due_view import DueView

NOW = parse_time("2024-11-12 09:00")


def many_items() -> list[DueItem]:
    promises = [DueItem(1 + i % 200, "promise", f"三个工作日内回电（{i}）",
                        NOW + timedelta(hours=i - 6000), i < 6000, f"p{i}", f"案卷{i % 200}",
                        i, i) for i in range(12_000)]
    clocks = [DueItem(c, "regulator", "建设银行应于 2024-11-18 前答复（第 9 / 15 天）",
                      NOW + timedelta(days=c - 100), c < 100, f"r{c}", f"案卷{c}", c, None,
                      "cn.nfra") for c in range(200)]
    return promises + clocks


def test_the_guard_gives_none_references_to_spare() -> None:
    keep_none_alive()
    assert keep_none_alive() is False  # once is enough
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > RESERVE // 2


def test_the_due_view_fills_with_twelve_thousand_rows_again_and_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = DueView()
    qtbot.addWidget(view)
    view.show()
    items = many_items()
    for _ in range(3):  # each fill made ~80,000 of the calls that lose a reference
        view.set_items(items, NOW)
    counts = {bucket: len(rows) for bucket, rows in view.bucket_texts().items()}
    assert sum(counts.values()) == len(items)
    assert counts["overdue"] == 6_000 + 100
    assert view.summary.text() == "12200 items, 6100 overdue"
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > RESERVE // 2
