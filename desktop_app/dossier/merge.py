"""PDF exhibits' own pages, merged onto the pages the layout kept for them (pypdf).

ReportLab cannot import PDF pages, so the layout leaves a page per exhibit page, with the
dossier's header and footer, a caption and a frame, and records where the page goes; here each
exhibit page is scaled into its frame (clipped to its crop box, rotation applied) and merged in
under the dossier page, so the frame and caption stay drawn over it.
Outline, links and metadata of the dossier are kept. The exhibits are read through
:mod:`desktop_app.store.vault` (a locked book's are sealed); the laid-out dossier may be a file
or, for a locked book, the bytes in memory.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from desktop_app.i18n import tr
from desktop_app.store import vault

if TYPE_CHECKING:
    from pypdf import PdfWriter


class MergeFailed(Exception):
    """A PDF exhibit's pages could not be merged in (pypdf failed on its content)."""

    def __init__(self, evidence_id: int, reason: str) -> None:
        super().__init__(reason)
        self.evidence_id = evidence_id


def merge_exhibit_pages(built: Path | BinaryIO, out: Path,
                        slots: Mapping[tuple[int, int], tuple[int, float, float, float, float]],
                        sources: Mapping[int, Path],
                        step: Callable[[], None] = lambda: None) -> None:
    if not isinstance(built, Path):
        built.seek(0)
    from pypdf import PdfReader, PdfWriter, Transformation  # deferred: PDF exhibits only

    writer = PdfWriter(clone_from=str(built) if isinstance(built, Path) else built)
    exhibits: dict[int, PdfWriter] = {}  # a writer's pages can be transformed, a reader's not
    for (evidence_id, index), (page_no, x, y, w, h) in sorted(slots.items()):
        try:
            exhibit = exhibits.get(evidence_id)
            if exhibit is None:
                reader = PdfReader(io.BytesIO(vault.read_bytes(sources[evidence_id])))
                if reader.is_encrypted:
                    reader.decrypt("")
                exhibit = exhibits[evidence_id] = PdfWriter(clone_from=reader)
            page = exhibit.pages[index]
            if page.rotation % 360:
                page.transfer_rotation_to_content()
            box = page.cropbox
            left, bottom = float(box.left), float(box.bottom)
            width, height = float(box.width), float(box.height)
            scale = min(w / width, h / height)
            ox = x + (w - width * scale) / 2
            oy = y + (h - height * scale) / 2
            transform = Transformation().translate(-left, -bottom).scale(scale).translate(ox, oy)
            # under the dossier page: its frame stays visible over an opaque page (a redacted
            # page is a picture of the page, white to its edges)
            writer.pages[page_no - 1].merge_transformed_page(page, transform, over=False)
        except Exception as exc:  # its bytes, whatever they are, do not stop the dossier
            raise MergeFailed(evidence_id, tr("its pages could not be merged in ({kind})",
                                              kind=type(exc).__name__)) from exc
        step()
    with open(out, "wb") as fh:
        writer.write(fh)
