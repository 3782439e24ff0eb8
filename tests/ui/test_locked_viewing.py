"""A locked book's evidence in the window: its sealed pictures drawn as thumbnails and in the
image viewer, its PDFs in the preview, and "Open" handing another program a plain copy kept
outside the data folder, in this session's owner-only temp folder, gone when the window closes
(or, after a crash, at the next start).

The evidence store does not write sealed files yet: the book is made locked, its evidence
imported as usual, then every stored file sealed in place with the book's key. Only the system's
"open with another program" (QDesktopServices.openUrl) is replaced, recording what it is given.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from dossier_case import exhibit_pdf
from locked_samples import PASSPHRASE, forget_all, make_locked, seal_store
from PIL import Image
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot
from real_start import started_window

from desktop_app.dossier import build_dossier
from desktop_app.evidence.plain_copies import MARKER, PlainCopies, remove_leftovers
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store import vault
from ui.main_window import MainWindow
from ui.models.evidence import THUMBNAIL_SIZE, EvidenceModel, ThumbnailLoader
from ui.widgets.pdf_preview import PdfPreview

BLUE = "#3b82f6"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    forget_all()


@pytest.fixture
def temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temp folder, for this test: where plain copies go, and are looked for."""
    root = tmp_path / "system-temp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def system_opens(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """What the system is asked to open with another program, from now on (each "opened")."""
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return opened


def show_list(qtbot, window: MainWindow, rows: int) -> None:  # type: ignore[no-untyped-def]
    """The case's evidence list in view, with its ``rows`` exhibits."""
    qtbot.waitUntil(lambda: window.evidence_panel.model.rowCount() == rows)
    window.case_page.bottom_tabs.setCurrentWidget(window.evidence_panel)


@dataclass
class Locked:
    window: MainWindow
    case_id: int
    sources: dict[str, Path]  # the files imported, by name
    ids: dict[str, int]  # their exhibits' ids

    @property
    def data_dir(self) -> Path:
        return self.window.book.paths.root


@pytest.fixture
def locked(qtbot, open_window: Callable[..., MainWindow], tmp_path: Path,  # type: ignore[no-untyped-def]
           temp_root: Path) -> Iterator[Locked]:
    data_dir = tmp_path / "data"
    key = make_locked(data_dir)
    files = tmp_path / "files"
    files.mkdir()
    tall = files / "转账截图.png"
    Image.new("RGB", (120, 260), BLUE).save(tall, "PNG")
    wide = files / "photo.jpg"
    Image.new("RGB", (640, 480), "#f97316").save(wide, "JPEG")
    statement = exhibit_pdf(files / "statement.pdf")
    sources = {"tall": tall, "wide": wide, "pdf": statement}
    ids = {}
    with Casebook.open(data_dir, lambda: PASSPHRASE) as book:
        case = book.cases.create_case(CaseFields(title="建行小程序转账金额显示错误",
                                                 institution_name="中国建设银行"))
        for name, path in sources.items():
            outcome = book.imports.import_file(case.id, path)
            assert outcome.ok, outcome.error
            assert outcome.record is not None
            ids[name] = outcome.record.id
    sealed = seal_store(data_dir, key)
    assert len(sealed) == 7  # three originals, two thumbnails, two print copies
    book = Casebook.open(data_dir, lambda: PASSPHRASE)  # the key is still remembered
    window = open_window(book, case_id=case.id)
    show_list(qtbot, window, 3)
    yield Locked(window, case.id, sources, ids)
    window.jobs.wait()
    ThumbnailLoader.instance().wait()


def test_the_thumbnails_are_drawn_from_the_sealed_files(qtbot, locked: Locked) -> None:  # type: ignore[no-untyped-def]
    model = locked.window.evidence_panel.model
    row = model.row_of(locked.ids["tall"])
    index = model.index(row, EvidenceModel.EXHIBIT)
    tile = index.data(Qt.ItemDataRole.DecorationRole)
    assert not tile.isNull()
    qtbot.waitUntil(lambda: model.index(row, EvidenceModel.EXHIBIT).data(
        Qt.ItemDataRole.DecorationRole).cacheKey() != tile.cacheKey())
    thumb = model.index(row, EvidenceModel.EXHIBIT).data(Qt.ItemDataRole.DecorationRole)
    assert not thumb.isNull()
    assert thumb.size() == THUMBNAIL_SIZE
    centre = THUMBNAIL_SIZE.width() // 2
    assert thumb.toImage().pixelColor(centre, centre).name() == BLUE  # the picture, not a tile
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "<img src='data:image/jpeg;base64," in tip  # the sealed thumbnail, inline
    assert str(locked.data_dir) not in tip


def test_the_image_viewer_shows_a_sealed_picture(qtbot, locked: Locked) -> None:  # type: ignore[no-untyped-def]
    window = locked.window
    panel = window.evidence_panel
    panel.select([locked.ids["wide"]])
    window.evidence.act_show_image.trigger()
    viewer = panel.viewer
    assert viewer is not None
    qtbot.waitExposed(viewer)
    assert vault.is_sealed(window.book.evidence.evidence_file(locked.ids["wide"]))
    assert viewer.image_size() == (640, 480)
    assert not viewer.message.isVisible()
    viewer.show_previous()
    assert viewer.image_size() == (120, 260)
    viewer.close()


def test_the_pdf_preview_renders_the_locked_books_dossier_and_a_sealed_pdf(  # type: ignore[no-untyped-def]
        qtbot, locked: Locked, tmp_path: Path) -> None:
    book = locked.window.book
    result = build_dossier(book, locked.case_id, tmp_path / "案卷.pdf")
    sealed = book.evidence.evidence_file(locked.ids["pdf"])
    assert vault.is_sealed(sealed)
    for path, pages in ((result.path, result.pages), (sealed, 2)):
        preview = PdfPreview(path)
        qtbot.addWidget(preview)
        preview.show()
        qtbot.waitUntil(lambda p=preview: p.document.status() == QPdfDocument.Status.Ready)
        assert preview.page_count() == pages
        assert not preview.notes.isVisible()
        preview.close()


def test_open_gives_another_program_a_plain_copy_outside_the_data_folder(  # type: ignore[no-untyped-def]
        qtbot, locked: Locked, temp_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = locked.window
    opened = system_opens(monkeypatch)
    for name in ("tall", "pdf"):
        window.evidence_panel.select([locked.ids[name]])
        window.evidence.act_open_original.trigger()
    copies = [Path(url.toLocalFile()) for url in opened]
    assert len(copies) == 2
    stored = window.book.evidence.evidence_file(locked.ids["tall"])
    assert copies[0].name == stored.name  # named as the stored file: the same extension
    assert copies[1].suffix == ".pdf"
    for copy, name in zip(copies, ("tall", "pdf"), strict=True):
        assert copy.read_bytes() == locked.sources[name].read_bytes()  # plain
        assert not copy.is_relative_to(locked.data_dir)
        assert copy.parent.parent == temp_root
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    folder = copies[0].parent
    assert folder == copies[1].parent  # one folder for the session
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    window.evidence_panel.select([locked.ids["tall"]])
    window.evidence.act_open_original.trigger()  # again: the same copy
    assert Path(opened[-1].toLocalFile()) == copies[0]
    window.close()
    assert not folder.exists()  # gone with the window
    assert list(temp_root.iterdir()) == []


def test_a_plain_books_file_is_opened_where_it_is(qtbot, open_window, data_dir: Path,  # type: ignore[no-untyped-def]
                                                  tmp_path: Path, temp_root: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "a.png"
    Image.new("RGB", (50, 80), BLUE).save(source, "PNG")
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="转账", institution_name="建设银行"))
        record = book.imports.import_file(case.id, source).record
        assert record is not None
        evidence_id = record.id
    window = open_window(data_dir, case_id=case.id)
    show_list(qtbot, window, 1)
    opened = system_opens(monkeypatch)
    window.evidence_panel.select([evidence_id])
    window.evidence.act_open_original.trigger()
    assert [Path(url.toLocalFile()) for url in opened] == \
        [window.book.evidence.evidence_file(evidence_id)]
    assert list(temp_root.iterdir()) == []  # no copy made


def test_a_crashed_sessions_copies_are_removed_at_the_next_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    vault.remember(data_dir, make_locked(data_dir))
    stored = data_dir / "evidence" / "ab" / "ab12.png"
    stored.parent.mkdir(parents=True)
    from desktop_app.store.sealed_files import write_atomically

    write_atomically(stored, b"\x89PNG plain bytes")
    assert vault.is_sealed(stored)
    root = tmp_path / "temp"
    root.mkdir()
    crashed, running = PlainCopies(root), PlainCopies(root)
    dead = crashed.to_open(stored)
    alive = running.to_open(stored)
    assert dead.read_bytes() == alive.read_bytes() == b"\x89PNG plain bytes"
    assert crashed._claim is not None
    os.close(crashed._claim)  # the process died: its claim on the marker went with it
    crashed._claim = None
    (root / "casebook-open-nomarker").mkdir()  # a folder left without its marker, long ago
    os.utime(root / "casebook-open-nomarker", (0, 0))
    (root / "someone-elses").mkdir()
    assert remove_leftovers(root) == 2
    assert not dead.parent.exists()
    assert alive.exists()  # the running session's, still claimed
    assert (alive.parent / MARKER).exists()
    assert (root / "someone-elses").exists()
    running.clear()
    assert not alive.parent.exists()


def test_the_window_removes_a_crashed_sessions_copies_once_it_is_up(
        tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    crashed = temp / "casebook-open-crashed"
    crashed.mkdir()
    (crashed / "转账截图.png").write_bytes(b"\x89PNG plain bytes")
    os.utime(crashed, (0, 0))  # left without its marker, long ago
    with started_window(tmp_path / "data", qtbot) as (_app, window, _book):
        with qtbot.waitSignal(window.startupSettled, timeout=30_000):
            pass
        assert not crashed.exists()
