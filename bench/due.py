"""``casebook due`` over 100,000 timeline entries in 200 cases, against the old computation that
read every event of every open case, measured in the same run. Target: <= 200 ms in process.

The book is the one bench/search.py builds (a complaint number on every third entry, a promise
with a due time on every tenth: 10,000 promises due, all 200 cases with a regulator clock).
Prints, best of 5, the in-process time of ``book.deadlines.due`` (read through migration 0012's
indexes), of ``book.deadlines.case_due`` (one case, what the window reads after an edit), and
the anchors measured in the same run: ``book.deadlines.due_full`` (every event of every open
case, the old way) and a bare ``SELECT count(*) FROM event`` on the same file; then the whole
``casebook due`` process against a ``python -c "import sqlite3"`` process.

    uv run python bench/due.py [--events 100000] [--cases 200]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search import make_database  # noqa: E402

TARGET_MS = 200.0


def best(fn, runs: int = 5) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def process(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=200)
    opts = parser.parse_args()
    from desktop_app.services.book import Casebook

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        make_database(data_dir, opts.cases, opts.events)
        with Casebook.open(data_dir) as book:
            fast_items = book.deadlines.due()
            assert fast_items == book.deadlines.due_full(), "indexed due list differs"
            fast = best(book.deadlines.due)
            one = best(lambda: book.deadlines.case_due(fast_items[0].case_id))
            full = best(book.deadlines.due_full, 3)
            with book.read() as con:
                count = best(lambda: con.execute("SELECT count(*) FROM event").fetchone())
        env = {**os.environ, "CASEBOOK_DATA_DIR": str(data_dir)}
        cli = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "due"]
        whole = min(process(cli, env) for _ in range(3))
        bare = min(process([sys.executable, "-c", "import sqlite3"], env) for _ in range(3))
    print(f"due over {opts.events} events in {opts.cases} cases ({len(fast_items)} items)")
    print(f"  in process, indexed  : {fast:8.1f} ms  (target <= {TARGET_MS:.0f} ms)")
    print(f"  one case (an edit)   : {one:8.1f} ms")
    print(f"  anchor, full read    : {full:8.1f} ms  ({full / fast:.1f}x the indexed read)")
    print(f"  anchor, count(*)     : {count:8.1f} ms  (indexed read = {fast / count:.0f}x)")
    print(f"  `casebook due` process: {whole:8.1f} ms  "
          f"(python -c 'import sqlite3': {bare:.1f} ms; ratio {whole / bare:.1f})")
    print("PASS" if fast <= TARGET_MS else "FAIL")


if __name__ == "__main__":
    main()
