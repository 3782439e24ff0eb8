"""Redacting a PDF exhibit: each page with boxes is rendered (PDFium, through pypdfium2) at
:data:`RENDER_DPI`, the boxes are drawn solid black into the rendered pixels, and the page is
replaced by that picture, losslessly compressed. Nothing of the page's own content (its text,
its vector drawing, its images, its annotations) is carried over, so no text stays under a
box. Pages without boxes are kept as they are. The result is a new PDF without the document's
information dictionary or XMP metadata.

Boxes are in pixels of the page rendered at :data:`RENDER_DPI` as it is shown: its crop box,
its rotation applied; pages count from 1.
"""

from __future__ import annotations

import io
import math
import threading
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.errors import Invalid
from desktop_app.evidence.redaction import fit_boxes
from desktop_app.i18n import tr
from desktop_app.records import Box
from desktop_app.store import vault

if TYPE_CHECKING:
    from PIL import Image

RENDER_DPI = 150  # the resolution boxes on a PDF page are given at, and pages are redacted at
MAX_PAGE_PIXELS = 40_000_000  # a page larger than this at RENDER_DPI is refused (memory;
# an A0 poster is 35 million pixels)
PAGE_KEYS_DROPPED = ("/Metadata", "/PieceInfo")  # per-page metadata, on pages kept as they are
# PDFium must not be called from two threads at once, not even on two documents (the window
# renders a page while an export or a redaction runs on a pool thread): one at a time.
PDFIUM = threading.RLock()


def _source(path: Path) -> str | bytes:
    """What PDFium and pypdf open: the file by its name, or a sealed file's plain bytes (read
    through the vault: a locked book's exhibit)."""
    return vault.read_bytes(path) if vault.is_sealed(path) else str(path)


def _open(path: Path) -> Any:
    """The document in PDFium; Invalid with a reason when it cannot be opened."""
    import pypdfium2 as pdfium  # deferred: PDFium, only when a PDF is redacted or drawn on

    try:
        document = pdfium.PdfDocument(_source(path))
    except pdfium.PdfiumError as exc:
        raise Invalid(tr("the PDF cannot be opened to redact it ({reason})",
                         reason=str(exc) or type(exc).__name__)) from exc
    return document


def page_sizes(path: Path) -> list[tuple[int, int]]:
    """Each page's size in pixels at :data:`RENDER_DPI` (as shown: crop box, rotation)."""
    with PDFIUM:
        document = _open(path)
        try:
            scale = RENDER_DPI / 72
            return [(math.ceil(w * scale), math.ceil(h * scale))  # as PDFium renders them
                    for w, h in (document.get_page_size(i) for i in range(len(document)))]
        finally:
            document.close()


def render_page(path: Path, page: int) -> Image.Image:
    """Page ``page`` (from 1) rendered at :data:`RENDER_DPI`, as an RGB picture."""
    with PDFIUM:
        document = _open(path)
        try:
            return _render(document, page)
        finally:
            document.close()


def _render(document: Any, page: int) -> Image.Image:
    count = len(document)
    if not 1 <= page <= count:
        raise Invalid(tr("the PDF has {n} page(s); there is no page {page}", n=count,
                         page=page))
    scale = RENDER_DPI / 72
    width, height = document.get_page_size(page - 1)
    if width * scale * height * scale > MAX_PAGE_PIXELS:
        raise Invalid(tr("page {page} of the PDF is too large to redact", page=page))
    handle = document[page - 1]
    try:
        bitmap = handle.render(scale=scale, draw_annots=True, may_draw_forms=True)
        picture: Image.Image = bitmap.to_pil().convert("RGB")
        bitmap.close()
    finally:
        handle.close()
    return picture


def _blackened(picture: Image.Image, boxes: Sequence[Box]) -> Image.Image:
    from PIL import ImageDraw  # deferred: Pillow, only when redacting

    draw = ImageDraw.Draw(picture)
    for x, y, w, h in boxes:
        draw.rectangle((x, y, x + w - 1, y + h - 1), fill=(0, 0, 0))
    return picture


def fitted_pages(path: Path, boxes: Mapping[int, Sequence[Box]]
                 ) -> dict[int, tuple[Box, ...]]:
    """The boxes of each page (from 1) cut to that page; a page the document does not have,
    or a box wholly off its page, is refused."""
    sizes = page_sizes(path)
    fitted: dict[int, tuple[Box, ...]] = {}
    for page, on_page in sorted(boxes.items()):
        if not 1 <= page <= len(sizes):
            raise Invalid(tr("the PDF has {n} page(s); there is no page {page}",
                             n=len(sizes), page=page))
        fitted[page] = fit_boxes(on_page, *sizes[page - 1])
    return fitted


def redacted_pdf(path: Path, boxes: Mapping[int, Sequence[Box]]) -> bytes:
    """The PDF at ``path`` with every page that has boxes replaced by its render with the boxes
    black, as the bytes of a new PDF without metadata. ``boxes``: page (from 1) → boxes in
    pixels at :data:`RENDER_DPI`, already fitted (:func:`fitted_pages`)."""
    from pypdf import PdfReader  # deferred: with the rest of a PDF redaction

    try:
        source = _source(path)
        reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Invalid(tr("the PDF is password-protected; it cannot be redacted"))
        count = len(reader.pages)
    except Invalid:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise Invalid(tr("the PDF cannot be read to redact it ({reason})",
                         reason=type(exc).__name__)) from exc
    with PDFIUM:
        return _redacted(reader, path, boxes, count)


def _redacted(reader: Any, path: Path, boxes: Mapping[int, Sequence[Box]], count: int
              ) -> bytes:
    from pypdf import PdfWriter  # deferred: with the rest of a PDF redaction

    document = _open(path)
    writer = PdfWriter()
    try:
        if len(document) != count:
            raise Invalid(tr("the PDF's pages cannot be counted for certain; it cannot be "
                             "redacted"))
        for number in range(1, count + 1):
            on_page = boxes.get(number)
            if on_page:
                picture = _blackened(_render(document, number), on_page)
                _add_picture_page(writer, picture, *document.get_page_size(number - 1))
            else:
                added = writer.add_page(reader.pages[number - 1])
                for key in PAGE_KEYS_DROPPED:
                    added.pop(key, None)
    except Invalid:
        raise
    except Exception as exc:  # PDFium or pypdf on a damaged page
        raise Invalid(tr("the PDF cannot be redacted ({reason})",
                         reason=str(exc) or type(exc).__name__)) from exc
    finally:
        document.close()
    writer.metadata = None  # no /Info: no title, author, producer or dates
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _add_picture_page(writer: Any, picture: Image.Image, width: float, height: float) -> None:
    """A page of ``width`` × ``height`` points showing ``picture`` over all of it, as an
    image compressed without loss (Flate): what pdfimages gives back is the pixels drawn."""
    from pypdf.generic import (  # deferred: with the rest of a PDF redaction
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        StreamObject,
    )

    image = StreamObject()
    image.set_data(zlib.compress(picture.tobytes(), 6))
    image.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(picture.width),
        NameObject("/Height"): NumberObject(picture.height),
        NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
        NameObject("/BitsPerComponent"): NumberObject(8),
        NameObject("/Filter"): NameObject("/FlateDecode"),
    })
    contents = DecodedStreamObject()
    contents.set_data(f"q {width:.4f} 0 0 {height:.4f} 0 0 cm /Im0 Do Q".encode("ascii"))
    page = writer.add_blank_page(width, height)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/XObject"): DictionaryObject({
            NameObject("/Im0"): writer._add_object(image)})})
    page[NameObject("/Contents")] = writer._add_object(contents)
