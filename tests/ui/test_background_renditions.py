"""The window never waits for thumbnails and print copies: an import keeps the rows, the
renditions are made in the background and each thumbnail appears when ready; at start the
window makes those a previous run left pending."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PIL import Image

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from ui.main_window import MainWindow
from ui.models.evidence import ThumbnailLoader

CASE = CaseFields(title="建行小程序转账金额显示错误", institution_name="中国建设银行")


def png(path: Path, colour: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (600, 1300), colour).save(path, "PNG")
    return path


def shown_previews(window: MainWindow) -> dict[int, bool]:
    return {r.id: r.preview for r in window.evidence_panel.model._records}


def test_at_start_the_window_makes_the_renditions_left_pending(
        qtbot, open_window: Callable[..., MainWindow], data_dir: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    with Casebook.open(data_dir) as book:  # an import killed before its renditions
        case = book.cases.create_case(CASE)
        shots = [png(tmp_path / f"{i}.png", colour) for i, colour in enumerate(("red", "blue"))]
        outcomes = book.imports.import_paths(case.id, shots, derive=False)
        ids = [o.record.id for o in outcomes if o.record]
        assert book.evidence.pending_renditions() == ids

    window = open_window(data_dir, case_id=case.id)
    qtbot.waitUntil(lambda: window.book.evidence.pending_renditions() == [], timeout=20000)
    qtbot.waitUntil(lambda: shown_previews(window) == dict.fromkeys(ids, True), timeout=20000)
    for evidence_id in ids:
        assert window.book.evidence.thumbnail_file(evidence_id) is not None
    ThumbnailLoader.instance().wait()


def test_a_window_import_keeps_the_rows_and_makes_the_thumbnails_after(
        qtbot, open_window: Callable[..., MainWindow], data_dir: Path,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CASE)
    window = open_window(data_dir, case_id=case.id)
    folder = tmp_path / "shots"
    for i, colour in enumerate(("red", "green", "blue")):
        png(folder / f"{i}.png", colour)
    with qtbot.waitSignal(window.renditions.idle, timeout=30000):
        job = window.evidence.import_files(case.id, [str(folder)])
        assert job is not None
    window.jobs.wait()
    records = window.book.evidence.list_evidence(case.id)
    assert len(records) == 3
    qtbot.waitUntil(lambda: window.book.evidence.pending_renditions() == [], timeout=20000)
    qtbot.waitUntil(lambda: all(shown_previews(window).values())
                    and len(shown_previews(window)) == 3, timeout=20000)
    ThumbnailLoader.instance().wait()
