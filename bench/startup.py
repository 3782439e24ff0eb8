"""Start-up time: a shown main window holding a case of 1,000 events, against a bare
PySide6 QMainWindow measured in the same run. Target: ratio <= 1.5.

Each start is a fresh interpreter (what a person waits for after double-clicking), timed
from spawn until the window's first frame is painted: for both, the moment the main window
receives its first paint event. Casebook finishes a little start-up work after that frame
(the reminders' check of what is due, the backup and verify actions, the single-instance
server): the time until that is done ("settled") is printed too, with its own ratio, so
nothing is hidden. Median of N, after one warm-up start of each (which also writes the
bytecode cache, as any install has).

    uv run python bench/startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Both children print the wall-clock time of their window's first paint event ("painted"),
# Casebook's also when its start-up work after that frame is done ("settled").
FIRST_PAINT = """
import time
from PySide6.QtCore import QEvent, QObject

class FirstPaint(QObject):
    def __init__(self, window, then):
        super().__init__(window)
        self.window, self.then = window, then
        window.installEventFilter(self)

    def eventFilter(self, watched, event):
        if watched is self.window and event.type() == QEvent.Type.Paint:
            print("painted", time.time(), flush=True)
            self.window.removeEventFilter(self)
            self.then()
        return False
"""

BARE = FIRST_PAINT + """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
w = QMainWindow()
w.resize(1280, 780)
w.show()
watch = FirstPaint(w, app.quit)
app.exec()
print("settled", time.time(), flush=True)
"""

CASEBOOK = FIRST_PAINT + """
import sys
from ui.app import start
app, window, book = start(sys.argv[1])
assert window.timeline_model.rowCount() == 1000, window.timeline_model.rowCount()

def settled():
    print("settled", time.time(), flush=True)
    app.quit()

def after_paint():
    if window.settled:
        settled()
    else:
        window.startupSettled.connect(settled)

watch = FirstPaint(window, after_paint)
app.exec()
"""


def make_case(data_dir: Path, events: int = 1000) -> None:
    sys.path.insert(0, str(ROOT))
    from datetime import timedelta

    from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
    from desktop_app.services import Casebook
    from desktop_app.timeutil import parse_time

    with Casebook.open(data_dir) as book:
        case = book.create_case(CaseFields(title="建行小程序转账金额显示错误",
                                           institution_name="中国建设银行",
                                           product="建行微信小程序", amount=None))
        start = parse_time("2024-01-01 09:00")
        for i in range(events):
            book.add_event(case.id, EventFields(
                at=start + timedelta(hours=7 * i), channel=("call", "email", "sms", "app")[i % 4],
                counterpart=f"客服 {i}", contact="95533",
                summary=f"第 {i + 1} 次联系：询问处理进度",
                details="客服表示已记录，将在三个工作日内回复。" * 3,
                references=(ReferenceData(f"CCB2024{i:06d}", "投诉号"),),
                promises=(PromiseData("三个工作日内回电", start + timedelta(hours=7 * i + 72)),)
                if i % 5 == 0 else ()))


def time_child(code: str, *args: str) -> tuple[float, float]:
    """Seconds from spawn to the window's first paint, and to settled."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # A person's second start reads cached bytecode; without this (CI sets it) every module of
    # ours would be compiled from source on every run, which no installed app does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT)
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True,
                         text=True, check=True, cwd=ROOT)
    moments = dict(line.split() for line in out.stdout.splitlines() if line.strip())
    if "painted" not in moments or "settled" not in moments:
        raise RuntimeError(out.stdout + out.stderr)
    return float(moments["painted"]) - t0, float(moments["settled"]) - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        t0 = time.perf_counter()
        make_case(data)
        print(f"prepared a case of 1,000 events in {time.perf_counter() - t0:.1f} s")
        time_child(BARE)  # warm the file cache for both
        time_child(CASEBOOK, str(data))
        bare, ours, ours_settled = [], [], []
        for _ in range(args.runs):
            bare.append(time_child(BARE)[0])
            painted, settled = time_child(CASEBOOK, str(data))
            ours.append(painted)
            ours_settled.append(settled)

    def line(label: str, times: list[float]) -> str:
        return (f"{label:44s} median {statistics.median(times) * 1000:5.0f} ms  "
                f"(min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, n={len(times)})")

    b, o, s = (statistics.median(t) for t in (bare, ours, ours_settled))
    print(line("bare QMainWindow, first frame painted:", bare))
    print(line("Casebook, 1,000 events, first frame painted:", ours))
    print(line("Casebook, start-up work after it done:", ours_settled))
    print(f"ratio: {o / b:.2f}  (target <= 1.5; settled {s / b:.2f})")


if __name__ == "__main__":
    main()
