"""``casebook due`` over 100,000 timeline entries in 200 cases, against the old computation that
read every event of every open case, measured in the same run. Target: <= 200 ms in process.

The book is the one bench/search.py builds (a complaint number on every third entry, a promise
with a due time on every tenth). Prints the in-process time of ``book.deadlines.due`` (indexed
read) and ``book.deadlines.due_full`` (every event; the anchor), best of 3, then the whole
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


def best(fn, runs: int = 3) -> float:  # type: ignore[no-untyped-def]
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
            full = best(book.deadlines.due_full)
        env = {**os.environ, "CASEBOOK_DATA_DIR": str(data_dir)}
        cli = [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "due"]
        whole = min(process(cli, env) for _ in range(3))
        bare = min(process([sys.executable, "-c", "import sqlite3"], env) for _ in range(3))
    print(f"due over {opts.events} events in {opts.cases} cases ({len(fast_items)} items)")
    print(f"  in process, indexed : {fast:8.1f} ms  (target <= {TARGET_MS:.0f} ms)")
    print(f"  in process, full read: {full:8.1f} ms  (anchor; {full / fast:.1f}x slower)")
    print(f"  `casebook due` process: {whole:8.1f} ms  "
          f"(python -c 'import sqlite3': {bare:.1f} ms; ratio {whole / bare:.1f})")
    print("PASS" if fast <= TARGET_MS else "FAIL")


if __name__ == "__main__":
    main()
