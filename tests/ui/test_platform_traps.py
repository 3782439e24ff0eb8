"""What Windows and macOS do differently, checked here on Linux: the preview keeps no file
open, a dark desktop palette leaves text readable, the second launch's hand-over."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from ui.widgets.pdf_preview import PdfPreview


def _pdf(path: Path, marker: str) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    c.drawString(72, 720, marker)
    c.showPage()
    c.drawString(72, 720, marker)
    c.showPage()
    c.save()
    return path


def _open_descriptors_on(path: Path) -> list[str]:
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path)):  # " (deleted)" is added to a replaced file's name
            found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_the_preview_keeps_no_descriptor_on_the_file(tmp_path: Path, qtbot: QtBot) -> None:
    """Windows refuses to replace a file someone has open: the next export of the same
    dossier, with its preview still open, failed. The preview shows a copy of the bytes."""
    path = _pdf(tmp_path / "证据材料.pdf", "FIRST")
    preview = PdfPreview(path)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready,
                    timeout=10_000)
    assert preview.page_count() == 2
    assert _open_descriptors_on(path) == []
    newer = _pdf(tmp_path / "newer.pdf", "SECOND")
    os.replace(newer, path)  # the next export, with the preview still open
    assert preview.page_count() == 2  # still showing what it showed
    assert _open_descriptors_on(path) == []


def test_a_preview_of_a_missing_file_says_so(tmp_path: Path, qtbot: QtBot) -> None:
    preview = PdfPreview(tmp_path / "gone.pdf")
    qtbot.addWidget(preview)
    assert preview.notes.isVisibleTo(preview)
    assert "could not be shown" in preview.notes.text()
    assert preview.page_count() == 0
