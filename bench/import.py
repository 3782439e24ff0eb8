"""Import benchmark: 200 phone screenshots (1080×2340 PNG with text and noise).

By default: ``casebook evidence add CASE FOLDER --no-ocr`` as a whole process (start-up, copy,
hash, one committed row per file; thumbnails and print copies left pending for later) against
the floor of copying the same files with ``cp`` and hashing them with ``sha256sum``, measured
in the same run (target: at most 3× the floor); then the same with ``--wait`` (renditions made
before it returns), for reference.

``--derive``: the import with thumbnails and print renditions made during it, the derivative
work spread over all cores, against the same import done on one core in the same run.

Each import runs in a fresh interpreter so its peak memory is its own: the figure printed is
``getrusage`` of that process (self) plus its largest worker process (children; on Linux
``ru_maxrss`` of children is the biggest one, not a sum).

    uv run python bench/import.py [--count 200] [--keep DIR] [--derive]
    uv run python bench/import.py --gui [--count 50] [--keep DIR] [--no-read]

``--gui``: the window (offscreen) imports the screenshots and reads the text in them in the
background, while a 10 ms heartbeat measures how long its event loop was ever held up.

``make_screenshots(folder, n)`` is meant to be reused (e.g. by the window's heartbeat bench).
``import`` is a keyword, so load this file with importlib::

    spec = importlib.util.spec_from_file_location("bench_import", "bench/import.py")
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1080, 2340)

LINES = ["您好，您的转账申请已提交", "交易状态：处理中", "转账金额：5,000.00 元",
         "收款人：张三  尾号 8823", "如有疑问请致电 95533", "交易失败，资金将原路退回",
         "Transfer failed. Please try again later.", "订单号 CCB2024030100012345",
         "客服：您的问题已记录，三个工作日内回复", "投诉编号 20240301-0001"]


def _font(size: int) -> object:
    from PIL import ImageFont

    cjk = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
    try:
        return ImageFont.truetype(str(cjk), size)
    except OSError:
        return ImageFont.load_default(size)


def _screenshot(path: str, index: int) -> int:
    """One phone screenshot: status bar, app header, chat-like rows of text, a photo-like noisy
    area (what makes real screenshots big). Returns its size in bytes."""
    from PIL import Image, ImageDraw

    rng = random.Random(index)
    width = SIZE[0]
    im = Image.new("RGB", SIZE, (245, 245, 247))
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, width, 90), fill=(20, 20, 20))
    draw.text((40, 22), f"10:{index % 60:02d}   5G   87%", fill="white", font=_font(40))
    header = (0, 80 + rng.randrange(60), 160 + rng.randrange(60))
    draw.rectangle((0, 90, width, 260), fill=header)
    draw.text((60, 140), f"建行生活 · 转账记录 #{index}", fill="white", font=_font(56))
    body_font = _font(44)
    y = 300
    while y < 1500:
        left = rng.choice((40, 300))
        draw.rounded_rectangle((left, y, left + 740, y + 150), radius=28,
                               fill=(255, 255, 255) if left == 40 else (149, 236, 105))
        draw.text((left + 30, y + 20), rng.choice(LINES), fill="black", font=body_font)
        draw.text((left + 30, y + 84), f"2024-03-{1 + index % 28:02d} 10:{y % 60:02d}",
                  fill=(120, 120, 120), font=_font(34))
        y += 180
    photo = Image.merge("RGB", [Image.effect_noise((width - 80, 560), 48 + c * 8)
                                for c in range(3)])
    im.paste(photo, (40, 1560))
    draw.rectangle((40, 2160, width - 40, 2290), fill=(230, 0, 18))
    draw.text((380, 2195), "确认转账", fill="white", font=_font(56))
    im.save(path, "PNG")
    return os.path.getsize(path)


def make_screenshots(folder: Path, n: int) -> list[Path]:
    """Write ``n`` distinct phone-size screenshots into ``folder``. Threads, not processes
    (Pillow releases the GIL while it draws and encodes), so this works however this file
    was loaded."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"Screenshot_20240301-10{i // 60:02d}{i % 60:02d}_{i:03d}.png"
             for i in range(n)]
    with ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        list(pool.map(_screenshot, [str(p) for p in paths], range(n)))
    return paths


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity(workers: int, n: int = 4_000_000) -> float:
    """How many cores' worth of CPU this machine really gives ``workers`` processes at once
    (a virtual machine's vCPUs may share fewer physical cores)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_burn, [1000] * workers))  # started and warm
        t0 = time.perf_counter()
        list(pool.map(_burn, [n] * workers))
        together = time.perf_counter() - t0
        t0 = time.perf_counter()
        pool.submit(_burn, n).result()
        alone = time.perf_counter() - t0
    return workers * alone / together


def _peak_mib(who: int) -> float:
    import resource

    peak = resource.getrusage(who).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, else KiB


def run_import(folder: str, data_dir: str, workers: int | None) -> dict[str, object]:
    """One import in this process (called in a fresh child by :func:`main`)."""
    import resource

    sys.path.insert(0, str(ROOT))
    from desktop_app.records import CaseFields
    from desktop_app.services.book import Casebook

    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="批量导入截图",
                                                 institution_name="中国建设银行"))
        t0 = time.perf_counter()
        outcomes = book.imports.import_paths(case.id, [folder], workers=workers)
        elapsed = time.perf_counter() - t0
        previews = sum(1 for o in outcomes if o.record is not None and o.record.preview)
        errors = [o.error for o in outcomes if o.error]
    return {"seconds": elapsed, "files": len(outcomes), "previews": previews, "errors": errors,
            "self_mib": _peak_mib(resource.RUSAGE_SELF),
            "children_mib": _peak_mib(resource.RUSAGE_CHILDREN)}


def in_child(folder: Path, data_dir: Path, workers: int | None) -> dict[str, object]:
    args = [sys.executable, str(Path(__file__).resolve()), "--child", str(folder),
            str(data_dir), "0" if workers is None else str(workers)]
    out = subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT)
    result: dict[str, object] = json.loads(out.stdout.splitlines()[-1])
    return result


def _timed(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child processes) of one command."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def cli_against_floor(folder: Path, paths: list[Path], work: Path) -> None:
    """``evidence add --no-ocr`` as a whole process against ``cp`` + ``sha256sum``."""
    sys.path.insert(0, str(ROOT))
    from desktop_app.records import CaseFields
    from desktop_app.services.book import Casebook

    copies = work / "floor"
    copies.mkdir()
    floor, floor_cpu = _timed(["sh", "-c", 'cp -- "$@" "$0" && sha256sum "$0"/* >/dev/null',
                               str(copies), *map(str, paths)])
    cases = {}
    for label in ("no-ocr", "wait"):
        with Casebook.open(work / label) as book:  # the case made first, not timed
            cases[label] = book.cases.create_case(CaseFields(
                title="批量导入截图", institution_name="中国建设银行")).id
    cli = [sys.executable, "-m", "desktop_app", "--data-dir"]
    add, add_cpu = _timed([*cli, str(work / "no-ocr"), "evidence", "add",
                           str(cases["no-ocr"]), str(folder), "--no-ocr"])
    wait, wait_cpu = _timed([*cli, str(work / "wait"), "evidence", "add", str(cases["wait"]),
                             str(folder), "--no-ocr", "--wait"])
    with Casebook.open(work / "no-ocr") as book:
        kept = len(book.evidence.list_evidence(cases["no-ocr"]))
        pending = len(book.evidence.pending_renditions())
    if kept != len(paths):
        raise SystemExit(f"evidence add kept {kept} of {len(paths)} screenshots")
    ratio = add / floor
    print(f"floor (cp + sha256sum of {len(paths)} files): {floor:6.2f} s wall "
          f"{floor_cpu:6.2f} s CPU")
    print(f"evidence add --no-ocr (whole process): {add:6.2f} s wall {add_cpu:6.2f} s CPU   "
          f"{ratio:.2f}× the floor — {'OK' if ratio <= 3 else 'TOO SLOW'} (target: ≤ 3×); "
          f"{pending} renditions left pending")
    print(f"evidence add --no-ocr --wait (renditions made): {wait:6.2f} s wall "
          f"{wait_cpu:6.2f} s CPU   {wait / floor:.2f}× the floor (for reference)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--keep", metavar="DIR", help="generate the screenshots here and keep")
    parser.add_argument("--derive", action="store_true",
                        help="the import with renditions, all cores against one core")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, data_dir, workers = args.child
        print(json.dumps(run_import(folder, data_dir, int(workers) or None)))
        return

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp) / "screenshots"
        t0 = time.perf_counter()
        paths = make_screenshots(folder, args.count)
        total = sum(p.stat().st_size for p in paths)
        print(f"made {len(paths)} screenshots {SIZE[0]}×{SIZE[1]} PNG, "
              f"{total / len(paths) / 2**20:.2f} MiB each, {total / 2**20:.0f} MiB in all "
              f"({time.perf_counter() - t0:.1f} s)")
        if not args.derive:
            cli_against_floor(folder, paths, Path(tmp))
            return
        cores = os.cpu_count() or 1
        print(f"this machine: {cores} cores, giving {parallel_capacity(cores):.2f} cores' worth "
              "of CPU to as many busy processes")
        results = {}
        for label, workers in (("all cores", None), ("one core", 1)):
            result = in_child(folder, Path(tmp) / f"data-{workers}", workers)
            results[label] = result
            if result["files"] != args.count or result["previews"] != args.count:
                raise SystemExit(f"{label}: not every screenshot was imported: {result}")
            print(f"{label:>9}: {result['seconds']:6.1f} s   "
                  f"{float(str(result['seconds'])) / args.count * 1000:5.0f} ms/file   "
                  f"peak RSS {result['self_mib']:.0f} MiB"
                  + (f" + largest worker {result['children_mib']:.0f} MiB"
                     if workers is None else ""))
        many = float(str(results["all cores"]["seconds"]))
        one = float(str(results["one core"]["seconds"]))
        print(f"speed-up on {cores} cores: {one / many:.2f}× (one core / all cores)")



# ---- the window stays responsive (the GUI part, run with --gui) ----


def gui_heartbeat(count: int = 50, folder: Path | None = None, settle: float = 1.0,
                  read: bool = True) -> dict[str, float]:
    """Import ``count`` screenshots through the window's background job, as a drop does, and
    (``read``) wait until the window has read the text in every one of them in the background
    (OCR worker processes; each text kept through the book's worker), while a 10 ms QTimer
    heartbeat on the GUI thread records every gap between its ticks. The longest gap is how
    long the window was frozen at worst (target: never more than 100 ms). The measurement runs
    from the drop until ``settle`` seconds after the last text was kept (or, without ``read``,
    after the import's summary), so it includes the evidence list refilling and its
    thumbnails loading."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen" if sys.platform.startswith("linux")
                          and not os.environ.get("DISPLAY") else "")
    if not os.environ["QT_QPA_PLATFORM"]:
        del os.environ["QT_QPA_PLATFORM"]
    os.environ["CASEBOOK_OCR"] = "on" if read else "off"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from desktop_app.records import CaseFields
    from desktop_app.services.book import Casebook
    from ui.app import make_application
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    app = make_application([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        shots = folder or Path(tmp) / "screenshots"
        if not any(shots.glob("*.png")):
            make_screenshots(shots, count)
        book = Casebook.open(Path(tmp) / "data")
        case = book.cases.create_case(CaseFields(title="批量导入截图",
                                                 institution_name="中国建设银行"))
        window = MainWindow(book, UiSettings())
        window.resize(1280, 800)
        window.show()
        window.show_evidence()
        app.processEvents()

        clock = QElapsedTimer()
        gaps: list[float] = []
        last = [0.0]

        def beat() -> None:
            t = clock.nsecsElapsed() / 1e6
            gaps.append(t - last[0])
            last[0] = t

        heartbeat = QTimer()
        heartbeat.setInterval(10)
        heartbeat.timeout.connect(beat)
        loop = QEventLoop()
        done: dict[str, float] = {}
        kept: list[int] = []

        def finish() -> None:
            done["end_ms"] = clock.nsecsElapsed() / 1e6
            QTimer.singleShot(int(settle * 1000), loop.quit)

        def finished(result: object) -> None:
            done["import_ms"] = clock.nsecsElapsed() / 1e6
            done["files"] = float(len(getattr(result, "added", ())))
            if not read:
                finish()

        def text_kept(evidence_id: int) -> None:
            kept.append(evidence_id)
            if "first_text_ms" not in done:
                done["first_text_ms"] = clock.nsecsElapsed() / 1e6

        def idle() -> None:
            if "import_ms" in done and len(kept) >= done["files"] and "end_ms" not in done:
                finish()

        window.reading.textKept.connect(text_kept)
        window.reading.idle.connect(idle)
        clock.start()
        heartbeat.start()
        job = window.evidence.import_files(case.id, [str(shots)])
        assert job is not None
        job.finished.connect(finished)
        job.failed.connect(lambda message: (print("failed:", message), loop.quit()))
        loop.exec()
        heartbeat.stop()
        added = len(book.evidence.list_evidence(case.id))
        unread = len(book.reading.unread(case.id))
        t0 = time.perf_counter()
        window.close()
        close_s = time.perf_counter() - t0
        book.close()
    gaps.sort()
    result = {"files": float(added), "import_s": done.get("import_ms", 0.0) / 1000,
              "read": float(len(kept)), "unread": float(unread),
              "first_text_s": done.get("first_text_ms", 0.0) / 1000,
              "total_s": done.get("end_ms", 0.0) / 1000, "close_s": close_s,
              "beats": float(len(gaps)), "max_gap_ms": gaps[-1] if gaps else 0.0,
              "p99_gap_ms": gaps[int(len(gaps) * 0.99)] if gaps else 0.0,
              "over_100ms": float(sum(1 for g in gaps if g > 100))}
    del app
    return result


def gui_main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=gui_heartbeat.__doc__)
    parser.add_argument("--gui", action="store_true", required=True)
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--keep", metavar="DIR", help="use (or make and keep) screenshots here")
    parser.add_argument("--no-read", action="store_true",
                        help="only the import: no OCR in the background")
    args = parser.parse_args(argv)
    result = gui_heartbeat(args.count, Path(args.keep) if args.keep else None,
                           read=not args.no_read)
    verdict = "OK" if result["max_gap_ms"] <= 100 else "TOO SLOW"
    print(f"window import of {result['files']:.0f} screenshots: {result['import_s']:.1f} s")
    if not args.no_read:
        print(f"read in the background: {result['read']:.0f} texts kept "
              f"({result['unread']:.0f} left unread), the first after "
              f"{result['first_text_s']:.1f} s, all after {result['total_s']:.1f} s "
              f"({(result['total_s'] - result['import_s']) / max(result['read'], 1):.2f} s a "
              f"picture after the import); window closed in {result['close_s'] * 1000:.0f} ms")
    print(f"heartbeat (10 ms timer) {result['beats']:.0f} beats, longest gap "
          f"{result['max_gap_ms']:.0f} ms, p99 {result['p99_gap_ms']:.0f} ms, "
          f"{result['over_100ms']:.0f} gaps over 100 ms — {verdict} (target: never > 100 ms)")
    if hasattr(os, "getloadavg"):
        print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other "
              f"programs competing for the CPU lengthen the gaps)")


if __name__ == "__main__":
    if "--gui" in sys.argv[1:]:
        gui_main(sys.argv[1:])
    else:
        main()
