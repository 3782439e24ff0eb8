"""Redacting a picture: solid black boxes drawn into the pixels themselves (not laid over
them), the result a new PNG with no metadata (no EXIF, no text chunks: a photo's place and
camera go too). The boxes are in the pixels of the picture as it is shown, upright (its EXIF
orientation applied). The picture is read through :mod:`desktop_app.store.vault` (sealed in a
locked book)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.records import Box
from desktop_app.store import vault

if TYPE_CHECKING:
    from desktop_app.reading.facts import Fact
    from desktop_app.reading.lines import OcrLine

MAX_BOXES = 200


def parse_box(text: str) -> Box:
    """``"X,Y,W,H"`` (whole pixels; width and height at least 1)."""
    parts = [p.strip() for p in text.replace("，", ",").split(",")]
    try:
        x, y, w, h = (int(p) for p in parts)
    except ValueError:
        raise Invalid(tr("a box is X,Y,W,H in whole pixels, not {text!r}", text=text)) from None
    if x < 0 or y < 0 or w < 1 or h < 1:
        raise Invalid(tr("a box is X,Y,W,H with X and Y from 0 and a width and height of at "
                         "least 1 pixel, not {text!r}", text=text))
    return (x, y, w, h)


def parse_page_box(text: str) -> tuple[int, Box]:
    """``"X,Y,W,H"`` (page 1) or ``"P:X,Y,W,H"``: a box on page P (from 1) of a PDF
    exhibit, in pixels of the page rendered at ``pdf_redaction.RENDER_DPI``."""
    page_text, sep, box_text = text.replace("：", ":").partition(":")
    if not sep:
        return 1, parse_box(text)
    try:
        page = int(page_text.strip())
    except ValueError:
        page = 0
    if page < 1:
        raise Invalid(tr("a box on a page is P:X,Y,W,H with the page P counted from 1, not "
                         "{text!r}", text=text))
    return page, parse_box(box_text)


def fit_boxes(boxes: Iterable[Box], width: int, height: int) -> tuple[Box, ...]:
    """The boxes cut to the picture; a box wholly outside it is refused, as are none."""
    fitted: list[Box] = []
    for x, y, w, h in boxes:
        right, bottom = min(x + w, width), min(y + h, height)
        if x >= width or y >= height or right <= x or bottom <= y:
            raise Invalid(tr("the box {box} is outside the picture ({width}×{height} pixels)",
                             box=f"{x},{y},{w},{h}", width=width, height=height))
        fitted.append((x, y, right - x, bottom - y))
    if not fitted:
        raise Invalid(tr("give at least one box to black out"))
    if len(fitted) > MAX_BOXES:
        raise Invalid(tr("at most {n} boxes on one picture", n=MAX_BOXES))
    return tuple(fitted)


def upright_size(path: Path) -> tuple[int, int]:
    """The picture's width and height as shown (its EXIF orientation applied)."""
    from PIL import Image, ImageOps  # deferred: Pillow, only when redacting

    from desktop_app.evidence.images import allow_heif  # deferred: with Pillow

    allow_heif(path)
    with vault.open_read(path) as source, Image.open(source) as im:
        return ImageOps.exif_transpose(im).size


def redacted_png(path: Path, boxes: Sequence[Box]) -> bytes:
    """The picture at ``path``, upright, with every box solid black, as PNG bytes carrying no
    metadata. Raises Invalid when Pillow cannot read it."""
    from PIL import Image, ImageDraw, ImageOps  # deferred: Pillow, only when redacting

    from desktop_app.evidence.images import allow_heif  # deferred: with Pillow

    try:
        allow_heif(path)
        with vault.open_read(path) as source, Image.open(source) as im:
            picture = ImageOps.exif_transpose(im)
            picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise Invalid(tr("the picture cannot be read to redact it ({reason})",
                         reason=str(exc) or type(exc).__name__)) from exc
    clean = Image.new(picture.mode, picture.size)  # a fresh image: nothing of the old info
    clean.paste(picture)
    draw = ImageDraw.Draw(clean)
    black = (0, 0, 0, 255) if clean.mode == "RGBA" else (0, 0, 0)
    for x, y, w, h in boxes:
        draw.rectangle((x, y, x + w - 1, y + h - 1), fill=black)
    out = io.BytesIO()
    clean.save(out, "PNG", optimize=False)
    return out.getvalue()


def inside_any(box: tuple[float, float, float, float], boxes: Sequence[Box]) -> bool:
    """Whether the rectangle ``box`` (x, y, w, h) overlaps any of ``boxes``: a line of text
    read there must not be carried into the dossier."""
    x, y, w, h = box
    return any(x < bx + bw and bx < x + w and y < by + bh and by < y + h
               for bx, by, bw, bh in boxes)


def is_private(fact: Fact) -> bool:
    """What a regulator need not see: an ID number, a bank card number, a phone number that
    is not an institution's hotline."""
    return fact.private or (fact.kind == "phone" and not fact.hotline)


def suggested_boxes(lines: Sequence[OcrLine], *, pad: int = 4) -> list[tuple[Fact, Box]]:
    """Boxes over the private numbers read in a picture (first page), one for each number
    where it was found: the part of its line its characters take (the line's box shared out
    by characters, the keyword left visible), a little larger, in whole pixels."""
    from desktop_app.reading.facts import find_facts  # deferred: the patterns, when asked

    found: list[tuple[Fact, Box]] = []
    for line in lines:
        if line.page != 0 or not line.text.strip():
            continue
        for fact in find_facts(line.text):
            if not is_private(fact):
                continue
            x, y, w, h = line.box
            chars = max(1, len(line.text))
            start = _value_start(line.text, fact)
            left = x + w * start / chars
            right = x + w * fact.end / chars
            box = (max(0, int(left) - pad), max(0, int(y) - pad),
                   int(right - left) + 2 * pad, int(h) + 2 * pad)
            found.append((fact, box))
    return found


def _value_start(text: str, fact: Fact) -> int:
    """Where the number itself starts in its span (after a keyword such as 卡号)."""
    for index in range(fact.start, fact.end):
        if text[index].isdigit() or text[index] == "+":
            return index
    return fact.start
