"""OCR benchmark: N generated Chinese phone screenshots (1080×2340 PNG) read through
Casebook's pipeline, against RapidOCR alone on the same pictures with the same number of
processes, in the same run.

Casebook's pipeline is ``book.reading.read``: exhibits of a real book, read by
:class:`desktop_app.reading.ocr.Reader` (spawned worker processes, each decoding the picture
with Pillow, turning it upright, running the engine) and each text kept through the one
writer with its lines, boxes and search index. The bare engine is a ``spawn`` process pool
whose workers each hold one ``RapidOCR()`` and are given the file paths.

Both start their pools cold and the time includes starting the workers and loading the
models, as a person's first reading after opening Casebook does. Alternating runs (bare then
Casebook, Casebook then bare…, after one warm-up) so a shared machine's load falls on both.

    uv run python bench/ocr.py [--count 12] [--processes N] [--rounds 2]

Target: Casebook's throughput ≥ 0.9× the bare engine's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"

LINES = ["中国建设银行 客户服务", "您的投诉已受理，我们将尽快处理", "投诉编号：TS20241123{n:05d}",
         "受理工号：{agent}", "涉及金额：¥{amount:,}.00元", "我们将在3个工作日内回电",
         "如有疑问请致电95533", "交易时间：2024年11月23日 10:{minute:02d}",
         "订单号：DD{n:08d}", "感谢您的耐心等待"]


def make_chinese_screenshots(folder: Path, n: int) -> list[Path]:
    from PIL import Image, ImageDraw, ImageFont

    folder.mkdir(parents=True, exist_ok=True)
    big = ImageFont.truetype(str(FONT), 44)
    small = ImageFont.truetype(str(FONT), 32)
    paths = []
    for i in range(n):
        picture = Image.new("RGB", (1080, 2340), "white")
        pen = ImageDraw.Draw(picture)
        pen.text((40, 20), f"10:{i % 60:02d}", font=small, fill="black")
        for row, text in enumerate(LINES):
            pen.text((60, 200 + 150 * row),
                     text.format(n=i, agent=1000 + i, amount=500 * (i + 1), minute=i % 60),
                     font=big, fill="black")
        path = folder / f"Screenshot_20241123-10{i % 60:02d}00_{i:03d}.png"
        picture.save(path)
        paths.append(path)
    return paths


# ---- the bare engine -------------------------------------------------------------------------

_engine = None


def _bare_start() -> None:
    global _engine
    from rapidocr_onnxruntime import RapidOCR

    _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)


def _bare_read(path: str) -> float:
    t0 = time.perf_counter()
    result, _ = _engine(path)
    assert result
    return time.perf_counter() - t0


def bare(paths: list[Path], processes: int) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_bare_start) as pool:
        each = list(pool.map(_bare_read, [str(p) for p in paths]))
    return time.perf_counter() - t0, each


# ---- Casebook's pipeline ---------------------------------------------------------------------


def casebook(paths: list[Path], processes: int, workdir: Path) -> tuple[float, list[float]]:
    from desktop_app.records import CaseFields
    from desktop_app.services.book import Casebook

    data = Path(tempfile.mkdtemp(dir=workdir))
    with Casebook.open(data) as book:
        case = book.cases.create_case(CaseFields(title="OCR bench", institution_name="建设银行"))
        ids = []
        for path in paths:
            outcome = book.imports.import_file(case.id, path)
            assert outcome.record is not None
            ids.append(outcome.record.id)
        stamps: list[float] = []
        t0 = time.perf_counter()
        done = book.reading.read(ids, processes=processes,
                                 progress=lambda *_: stamps.append(time.perf_counter()))
        total = time.perf_counter() - t0
    assert len(done) == len(paths)
    assert all(text.text and not text.error for _, text in done)
    gaps = [b - a for a, b in zip([t0, *stamps], stamps, strict=False)]
    return total, gaps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--processes", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        paths = make_chinese_screenshots(work / "shots", args.count)
        bare_times, ours_times, per_image = [], [], []
        bare(paths[:1], 1)  # warm the file cache for the engine's libraries and models
        for round_no in range(args.rounds):
            if round_no % 2 == 0:
                b, each = bare(paths, args.processes)
                o, _ = casebook(paths, args.processes, work)
            else:
                o, _ = casebook(paths, args.processes, work)
                b, each = bare(paths, args.processes)
            bare_times.append(b)
            ours_times.append(o)
            per_image.extend(each)
            print(f"round {round_no + 1}: bare engine {b:.2f} s, Casebook {o:.2f} s"
                  f" for {args.count} screenshots on {args.processes} process(es)")
        b, o = statistics.median(bare_times), statistics.median(ours_times)
        print(f"bare RapidOCR: {args.count / b:.2f} screenshots/s (median of {args.rounds})")
        print(f"Casebook:      {args.count / o:.2f} screenshots/s")
        print(f"ratio (Casebook throughput / bare): {b / o:.2f}x   target >= 0.9x")
        print(f"per-image median (engine time in one process): "
              f"{statistics.median(per_image) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
