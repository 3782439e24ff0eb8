"""A CLI command's whole process: ``casebook case list`` over a book of 3 cases, against
``python -c "import sqlite3"`` (the interpreter starting and loading SQLite: what no command
can do without) measured in the same run. Target: ratio <= 4.

Each run is a fresh process, started and waited for as a script would; the two alternate, so
a busy moment of the machine falls on both. Median of N, after a warm-up of each. Bytecode is
written and read as an installed app's would be (this machine may set PYTHONDONTWRITEBYTECODE).
Also printed: the peak memory of one of each (ru_maxrss of the child).

    uv run python bench/cli.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 4.0


def make_book(data_dir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from desktop_app.records import CaseFields, EventFields
    from desktop_app.services.book import Casebook
    from desktop_app.timeutil import parse_time

    with Casebook.open(data_dir) as book:
        for n, (bank, title) in enumerate((("中国建设银行", "小程序转账金额显示错误"),
                                           ("招商银行", "信用卡年费未经同意扣收"),
                                           ("支付宝", "冻结资金七天未解冻"))):
            case = book.cases.create_case(CaseFields(title=title, institution_name=bank))
            for i in range(20):
                book.timeline.add_event(case.id, EventFields(
                    at=parse_time(f"2024-0{n + 1}-{i + 1:02d} 09:00"), channel="call",
                    summary=f"第 {i + 1} 次联系"))


def run_once(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - t0


def peak_kib(argv: list[str], env: dict[str, str]) -> int:
    """The peak resident memory of one run (of this child alone: measured in a grandchild)."""
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
             "stdout=subprocess.DEVNULL); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", probe, *argv], env=env, check=True,
                         capture_output=True, text=True, cwd=ROOT)
    return int(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    assert resource  # (POSIX: the peak memory below)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        make_book(data)
        anchor = [sys.executable, "-c", "import sqlite3"]
        ours = [sys.executable, "-c", "from ui.launcher import main; main()",
                "--data-dir", str(data), "case", "list"]
        out = subprocess.run(ours, env=env, check=True, capture_output=True, text=True)
        assert len(out.stdout.splitlines()) == 3, out.stdout
        run_once(anchor, env)  # warm-up: file cache, bytecode
        a, o = [], []
        for _ in range(args.runs):
            a.append(run_once(anchor, env))
            o.append(run_once(ours, env))
        mem_anchor, mem_ours = peak_kib(anchor, env), peak_kib(ours, env)

    def line(label: str, times: list[float], kib: int) -> str:
        return (f"{label:34s} median {statistics.median(times) * 1000:6.1f} ms  "
                f"(min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f}, n={len(times)})"
                f"  peak {kib / 1024:.1f} MiB")

    print(line('python -c "import sqlite3":', a, mem_anchor))
    print(line("casebook case list (3 cases):", o, mem_ours))
    ratio = statistics.median(o) / statistics.median(a)
    print(f"ratio: {ratio:.2f}  (target <= {TARGET:g}: {'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
