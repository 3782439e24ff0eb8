"""A screenshot tour: every main screen and dialog of the window, at the screen sizes people
have (a 1366×768 laptop, a 1920×1080 monitor), in Chinese and English, as PNG files to look
at — for text cut off, columns too narrow, buttons off the screen.

    uv run python bench/tour.py OUTDIR [--sizes 1366x768,1920x1080] [--langs zh,en]

The book is ``bench/window_sample.py``'s (the README's sample case beside three others), its
pictures read by OCR once, as on 19 November 2024. Each size and language is a fresh
offscreen process whose one screen has that size; the window starts at the size it takes
with nothing saved. Each shot is written twice: ``<size>-<lang>-<NN>-<name>.png``, the widget
as grabbed, and ``…-screen.png``, the window and the dialog drawn where they stand on the
screen (what is off the screen is not there).

``--readme DIR`` instead writes the README's ``main-window-{zh,en}.png`` (1280×800).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LANGS = {"zh": "zh_CN", "en": "en"}
README_SIZE = (1280, 800)


# ---- the book ---------------------------------------------------------------------------------


def build_book(data_dir: Path, files: Path) -> dict[str, int]:
    """window_sample's book, its pictures read: the ids the tour opens."""
    from window_sample import build

    case_id, call_id = build(data_dir, files)
    from desktop_app.services.book import Casebook

    with Casebook.open(data_dir) as book:
        records = book.evidence.list_evidence(case_id)
        book.reading.read([r.id for r in records if r.mime.startswith("image/")])
        robocalls = next(c.id for c in book.cases.list_cases()
                         if c.category == "unwanted_calls")
        promise = next(p.id for e in book.timeline.list_events(case_id) for p in e.promises)
        image = next(r.id for r in records if r.mime.startswith("image/"))
    return {"case": case_id, "call": call_id, "robocalls": robocalls, "promise": promise,
            "image": image}


def offscreen_config(folder: Path, width: int, height: int) -> str:
    """The offscreen platform with one screen of this size."""
    path = folder / f"screen-{width}x{height}.json"
    path.write_text(json.dumps({"screens": [{
        "name": "tour", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return f"offscreen:configfile={path}"


# ---- one process: one size, one language -------------------------------------------------------


def child(data_dir: str, ids: dict[str, int], out: Path, prefix: str,
          readme: bool = False) -> None:
    from dossier import SAMPLE_MADE

    import desktop_app.timeutil as timeutil

    timeutil.now = lambda: SAMPLE_MADE  # before the modules that import it load

    from PySide6.QtCore import QRect, QTimer
    from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from desktop_app.reading.call_log import CallLogRow
    from desktop_app.services.book import Casebook
    from desktop_app.timeutil import parse_time
    from ui.app import start
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    started = start(data_dir)
    assert started is not None
    app, window, book = started
    if readme:
        window.resize(*README_SIZE)
    shots: list[str] = []

    def on_screen(widgets: list[QWidget]) -> QPixmap:
        """The screen with these top-level widgets drawn where they stand (frames left out)."""
        screen = QGuiApplication.primaryScreen().geometry()
        canvas = QPixmap(screen.size())
        canvas.fill("#3b4252")
        painter = QPainter(canvas)
        for widget in widgets:
            if widget.isVisible():
                painter.drawPixmap(widget.geometry().topLeft(), widget.grab())
                painter.setPen("#ff0000")
                painter.drawRect(QRect(widget.geometry()).adjusted(0, 0, -1, -1))
        painter.end()
        return canvas

    def shoot(name: str, widget: QWidget | None = None) -> None:
        if readme:
            window.grab().save(str(out / f"{name}-{prefix.split('-')[-1]}.png"))
            return
        base = out / f"{prefix}-{len(shots):02d}-{name}"
        target = widget if widget is not None else window
        target.grab().save(f"{base}.png")
        tops = [window] if target is window else [window, target]
        on_screen(tops).save(f"{base}-screen.png")
        size = target.size()
        shots.append(f"{base.name}: {size.width()}×{size.height()}")

    def dialog_of(kind: type) -> Any:
        found = [d for d in window.findChildren(kind) if d.isVisible()]
        assert found, kind
        return found[-1]

    def close(widget: QWidget) -> None:
        if isinstance(widget, QDialog):
            widget.reject()
        widget.close()

    def steps() -> Iterator[float]:
        """Each yield: seconds to let the window settle before the next step."""
        page = window.case_page
        window.select_case(ids["case"])
        window.select_event(ids["call"])
        page.bottom_tabs.setCurrentWidget(page.detail)
        yield 1.5  # thumbnails are read in the background
        shoot("main-window")
        if readme:
            return
        window.show_evidence()
        yield 0.3
        shoot("evidence")

        window.select_case(ids["robocalls"])
        window.complaint.show_unsolicited()
        yield 0.3
        shoot("unsolicited")

        window.select_case(ids["case"])
        window.select_event(ids["call"])
        page.bottom_tabs.setCurrentWidget(page.detail)
        window.case_actions.act_log_call.trigger()
        yield 0.3
        shoot("call-in-progress")
        page.stopwatch.discard()

        window.deadlines.act_due.trigger()
        yield 0.5
        shoot("due", window.deadlines.due_dock)
        window.deadlines.due_dock.hide()

        from ui.dialogs.call_log_dialog import CallLogDialog
        from ui.dialogs.capture_time_dialog import CaptureTimeDialog
        from ui.dialogs.case_dialog import CaseDialog
        from ui.dialogs.directory_dialog import DirectoryDialog
        from ui.dialogs.escalate_dialog import EscalateDialog
        from ui.dialogs.event_editor import EventEditor
        from ui.dialogs.export_dialog import ExportDialog
        from ui.dialogs.image_viewer import ImageViewer
        from ui.dialogs.letter_dialog import LetterDialog
        from ui.dialogs.profile_dialog import ProfileDialog
        from ui.dialogs.verify_dialog import VerifyDialog

        openers: list[tuple[str, Callable[[], object], type]] = [
            ("case-dialog", window.case_actions.act_edit_case.trigger, CaseDialog),
            ("entry-editor", window.case_actions.act_edit_event.trigger, EventEditor),
            ("export-dialog", window.dossier.act_export.trigger, ExportDialog),
            ("escalate-dialog", window.complaint.act_escalate.trigger, EscalateDialog),
            ("verify-dialog", window.verification.act_verify.trigger, VerifyDialog),
            ("profile-dialog", window.dossier.act_profile.trigger, ProfileDialog),
            ("directory-dialog", window.case_actions.act_directory.trigger, DirectoryDialog),
            ("letter-dialog", lambda: window.complaint.chaser_letter(ids["promise"]),
             LetterDialog),
        ]
        for name, open_it, kind in openers:
            window.select_event(ids["call"])
            open_it()
            yield 1.0 if kind is VerifyDialog else 0.4
            dialog = dialog_of(kind)
            shoot(name, dialog)
            close(dialog)
            yield 0.1

        window.show_evidence([ids["image"]])
        window.evidence_panel.show_image()
        yield 1.0
        viewer = dialog_of(ImageViewer)
        shoot("image-viewer", viewer)
        viewer.redact_button.setChecked(True)  # drawing boxes: the card number covered
        viewer.redaction_bar.suggest_button.click()
        yield 0.3
        shoot("image-viewer-redacting", viewer)
        viewer.redact_button.setChecked(False)
        close(viewer)
        window.evidence_panel.set_capture_time()
        yield 0.3
        dialog = dialog_of(CaptureTimeDialog)
        shoot("capture-time-dialog", dialog)
        close(dialog)

        record = book.evidence.get_evidence(ids["image"])
        rows = [CallLogRow(number, parse_time(at), missed, direction, label, "")
                for number, at, missed, direction, label in (
                    ("95533", "2024-11-18 09:12", False, "out", "建设银行客服"),
                    ("02195533", "2024-11-17 16:40", True, "in", None),
                    ("+8613812345678", "2024-11-16 11:05", False, "in", "王女士"),
                    ("95555", "2024-11-15 19:31", True, "in", "招商银行"))]
        call_log = CallLogDialog(record, rows, window)
        call_log.show()
        yield 0.3
        shoot("call-log-dialog", call_log)
        close(call_log)

        with tempfile.TemporaryDirectory() as empty_dir:
            empty_book = Casebook.open(Path(empty_dir))
            empty = MainWindow(empty_book, UiSettings(language=window.settings.language),
                               window.localisation)
            empty.show()
            yield 0.3
            empty.grab().save(str(out / f"{prefix}-{len(shots):02d}-empty-book.png"))
            on_screen([empty]).save(str(out / f"{prefix}-{len(shots):02d}-empty-book-screen.png"))
            shots.append(f"{prefix}-{len(shots):02d}-empty-book: "
                         f"{empty.width()}×{empty.height()}")
            empty.close()
            empty_book.close()

    running = steps()

    def next_step() -> None:
        try:
            wait = next(running)
        except StopIteration:
            print("\n".join(shots))
            app.quit()
            return
        except Exception:  # a step that failed: say which, and stop (a hang says nothing)
            traceback.print_exc()
            print("\n".join(shots))
            app.exit(1)
            return
        QTimer.singleShot(round(wait * 1000), next_step)

    def begin() -> None:
        QTimer.singleShot(0, next_step)

    if window.settled:
        begin()
    else:
        window.startupSettled.connect(begin)
    code = app.exec()
    QApplication.processEvents()
    sys.stdout.flush()
    os._exit(code)  # not the window's teardown: the shots are all that was wanted


# ---- the tour ----------------------------------------------------------------------------------


def run_child(data_dir: Path, ids: dict[str, int], out: Path, lang: str, size: tuple[int, int],
              config_dir: Path, readme: bool = False) -> str:
    (data_dir / "settings.json").write_text(json.dumps({"language": LANGS[lang]}),
                                            encoding="utf-8")  # nothing else saved
    env = {**os.environ, "QT_QPA_PLATFORM": offscreen_config(config_dir, *size),
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")]),
           "CASEBOOK_OCR": "off"}
    prefix = f"{size[0]}x{size[1]}-{lang}"
    done = subprocess.run([sys.executable, __file__, "--child", str(data_dir), json.dumps(ids),
                           str(out), prefix] + (["--as-readme"] if readme else []),
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    if done.returncode:
        sys.exit(f"{prefix} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--sizes", default="1366x768,1920x1080",
                        help="screen sizes, WIDTHxHEIGHT, comma-separated")
    parser.add_argument("--langs", default="zh,en", help="languages: zh, en, comma-separated")
    parser.add_argument("--readme", action="store_true",
                        help="write the README's main-window-{zh,en}.png to OUT instead")
    args = parser.parse_args()
    os.environ.setdefault("CASEBOOK_TZ", "Asia/Shanghai")
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [(1920, 1080)] if args.readme else [
        tuple(int(n) for n in size.split("x")) for size in args.sizes.split(",")]
    langs = args.langs.split(",")
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        ids = build_book(data_dir, Path(tmp) / "files")
        print(f"book built in {time.monotonic() - began:.0f} s", flush=True)
        for size in sizes:
            for lang in langs:
                print(run_child(data_dir, ids, args.out, lang, size,  # type: ignore[arg-type]
                                Path(tmp), args.readme), end="", flush=True)
    print(f"{args.out}: done in {time.monotonic() - began:.0f} s")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        data, ids_json, out_dir, shot_prefix = sys.argv[2:6]
        child(data, json.loads(ids_json), Path(out_dir), shot_prefix,
              readme="--as-readme" in sys.argv)
    else:
        main()
