"""The Due view in a real window over a book of 10,000 entries with 2,000 promises due (12 cases;
about 2,000 rows), and what an edit costs it: the window reads again only the edited case's
items (``check_cases``) against the full read (``check_due``) of the same window, measured in
the same run.

Also the crash it once had: on Python 3.11 PySide6 6.12 takes a reference from ``None`` at
every Qt call that returns nothing, and opening the Due view on this book freed ``None``
("Fatal Python error: none_dealloc"). ``--no-guard`` runs without ``ui.none_guard`` to show it
(the process aborts on 3.11; on 3.12 and later ``None`` is immortal and nothing happens).

    QT_QPA_PLATFORM=offscreen uv run python bench/due_view.py [--events 10000] [--no-guard]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from due import best  # noqa: E402
from search import make_database  # noqa: E402


def more_promises(db: Path, events: int) -> int:
    """A second promise due on every tenth entry, five apart from bench/search.py's: one in
    five entries then carries one."""
    con = sqlite3.connect(db)
    with con:
        con.executemany("INSERT INTO promise (event_id, text, due_at) SELECT id, '两天内退款',"
                        " at FROM event WHERE id = ?", [(e,) for e in range(5, events + 1, 10)])
    count = int(con.execute("SELECT count(*) FROM promise").fetchone()[0])
    con.close()
    return count


RUNS = 3  # each figure the best of this many


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--cases", type=int, default=12)
    parser.add_argument("--no-guard", action="store_true")
    opts = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from desktop_app.records import EventFields, PromiseData
    from desktop_app.timeutil import parse_time
    from ui import app as app_module
    from ui.widgets import due_view

    if opts.no_guard:
        app_module.keep_none_alive = due_view.keep_none_alive = lambda: False  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        db, _refs = make_database(data_dir, opts.cases, opts.events)
        promises = more_promises(db, opts.events)
        started = app_module.start(str(data_dir))
        assert started is not None
        app, window, book = started
        while not window.settled:
            app.processEvents()
        actions = window.deadlines
        print(f"{opts.events} entries, {promises} promises due, {opts.cases} cases "
              f"(Python {sys.version_info.major}.{sys.version_info.minor}, "
              f"None references {sys.getrefcount(None)})", flush=True)
        start = time.perf_counter()
        actions.show_due()
        app.processEvents()
        shown = (time.perf_counter() - start) * 1000
        rows = len(actions.due_view.items())
        print(f"  Due view opened with {rows} rows: {shown:.0f} ms", flush=True)
        case_id = actions.due_view.items()[0].case_id
        full = best(actions.check_due, RUNS)
        one = best(lambda: actions.check_cases({case_id}), RUNS)
        read_all = best(lambda: book.deadlines.due(), RUNS)
        read_one = best(lambda: book.deadlines.case_due(case_id), RUNS)
        print(f"  after an edit, the edited case read again: {one:7.1f} ms "
              f"(reading it {read_one:.1f} ms)")
        print(f"  full check (start-up, timer, opening):     {full:7.1f} ms "
              f"(reading all {read_all:.1f} ms); ratio {full / one:.1f}")
        window.ops.add_event(case_id, EventFields(
            at=parse_time("2024-11-08 10:00"), channel="call",
            promises=(PromiseData("两天内寄出流水", parse_time("2024-11-10 10:00")),)))
        while len(actions.due_view.items()) == rows:
            app.processEvents()
        print(f"  an entry added through the window: {len(actions.due_view.items())} rows; "
              f"None references {sys.getrefcount(None)}", flush=True)
        window.close()
        book.close()
        window.single_instance.release()  # type: ignore[attr-defined]
        del app
    print("no crash")


if __name__ == "__main__":
    main()
