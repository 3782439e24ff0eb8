# mypy: disallow-subclassing-any=False
# (ReportLab has no type information: its classes are Any to mypy.)
"""The text read from an exhibit's picture, on paper: an invisible layer over the picture (so a
clerk can search, select and copy it in any PDF reader), and a short line of its content for the
list of evidence.

The layer is each OCR line drawn where the picture shows it, in PDF text render mode 3
(invisible), in the dossier's CJK font, stretched to the line's width. OCR boxes are in pixels of
the upright original, while the page shows a print copy (long side 1600 px or less, upright): the
boxes are scaled by the drawn height over the original's height, the same for both axes as both
keep the picture's proportions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from PIL import Image
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.dossier.exhibits import PreparedImage
from desktop_app.dossier.fonts import FALLBACK, SANS, FontSet
from desktop_app.dossier.layout import FittedImage
from desktop_app.evidence.images import allow_heif
from desktop_app.reading.capture_time import STATUS_BAR_SHARE
from desktop_app.reading.lines import OcrLine
from desktop_app.records import ExhibitText
from desktop_app.store import vault

SUMMARY_CHARS = 60  # of an exhibit's text, in the list of evidence
SEPARATOR = " / "
# What a phone's status bar shows (and other lines that say nothing of the content): a clock,
# the battery, the network, a speed, and lines of symbols only.
CLUTTER = re.compile(
    r"""^(?:
        (?:上午|下午|中午|晚上|凌晨|早上)?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?
      | \d{1,3}\s*[%％]
      | [\d.]+\s*[KkMm]?B?/s
      | (?:[2-5]G\+?|LTE|VoLTE|HD|Wi-?Fi|WLAN|NFC|[\s|])+
      | [\W_]+
    )$""", re.VERBOSE | re.IGNORECASE)
EXIF_ORIENTATION = 0x0112


# ---- the invisible layer ------------------------------------------------------------------------


class ReadableImage(FittedImage):
    """A picture with the text read from it laid over it, invisible."""

    def __init__(self, image: PreparedImage, lines: Sequence[OcrLine], source_height: float,
                 fonts: FontSet) -> None:
        super().__init__(str(image.path), image.width, image.height)
        self.lines = tuple(lines)
        self.source_height = source_height  # of the upright original, in pixels
        self.fonts = fonts

    def draw(self) -> None:
        super().draw()
        draw_text_layer(self.canv, self.lines, self.height / self.source_height, self.height,
                        self.fonts)


def picture(image: PreparedImage, text: ExhibitText | None, original: Path,
            fonts: FontSet) -> FittedImage:
    """The picture as the exhibit page shows it: with its text laid over it, invisible, when
    it was read; else the picture alone."""
    lines = [line for line in text.lines if line.page == 0 and line.text.strip()] \
        if text is not None and not text.error else []
    if not lines:
        return FittedImage(str(image.path), image.width, image.height)
    height = text.heights[0] if text is not None and text.heights else 0.0
    if not height > 0:
        height = upright_height(original) or 0.0
    if not height > 0:  # no telling where the lines are on the page
        return FittedImage(str(image.path), image.width, image.height)
    return ReadableImage(image, lines, height, fonts)


def upright_height(path: Path) -> float | None:
    """The height in pixels of a picture turned upright by its EXIF orientation (its header
    only is read); None when it cannot be opened."""
    try:
        allow_heif(path)
        with vault.open_read(path) as fh, Image.open(fh) as im:
            width, height = im.size
            turned = im.getexif().get(EXIF_ORIENTATION) in (5, 6, 7, 8)
    except Exception:  # a picture Pillow cannot open: no layer rather than no dossier
        return None
    return float(width if turned else height)


def font_runs(text: str, fonts: FontSet) -> list[tuple[str, str]]:
    """``text`` as (font, run) pieces the fonts can draw: the main font, else the fallback;
    a character neither has is left out (it would be extracted as nothing anyway)."""
    runs: list[tuple[str, str]] = []
    for char in " ".join(text.split()):
        code = ord(char)
        if code in fonts.main:
            font = SANS
        elif code in fonts.fallback:
            font = FALLBACK
        else:
            continue
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


def draw_text_layer(canv: Canvas, lines: Sequence[OcrLine], scale: float, height: float,
                    fonts: FontSet) -> None:
    """Each line invisible at its box (pixels, from the top left) scaled by ``scale`` points
    a pixel, in a drawing ``height`` points high whose origin is its bottom left. The font's
    ascent and descent span the box's height; the text is stretched to its width."""
    ascent, descent = getAscentDescent(SANS, 1.0)
    span = ascent - descent
    canv.saveState()  # the render mode is graphics state: it ends with this
    for line in lines:
        left, top, width, tall = line.box
        runs = font_runs(line.text, fonts)
        if not runs or width <= 0 or tall <= 0:
            continue
        size = tall * scale / span
        natural = sum(stringWidth(run, font, size) for font, run in runs)
        if natural <= 0:
            continue
        baseline = height - (top + tall) * scale - descent * size
        text = canv.beginText(left * scale, baseline)
        text.setTextRenderMode(3)
        text.setHorizScale(100 * width * scale / natural)
        for font, run in runs:
            text.setFont(font, size)
            text.textOut(run)
        canv.drawText(text)
    canv.restoreState()


# ---- the content line -------------------------------------------------------------------------


def content_summary(text: ExhibitText | None, limit: int = SUMMARY_CHARS) -> str:
    """The start of what a picture says, for the list of evidence: its meaningful lines
    (not the status bar's clock, battery or network) joined with " / ", whitespace folded,
    cut at about ``limit`` characters. Empty when nothing was read."""
    if text is None or text.error:
        return ""
    lines = text.lines or tuple(OcrLine(t, (0.0, 0.0, 0.0, 0.0), 1.0)
                                for t in text.text.splitlines())
    height = text.heights[0] if text.heights else 0.0
    kept: list[str] = []
    for line in lines:
        folded = " ".join(line.text.split())
        if not folded or CLUTTER.match(folded):
            continue
        _left, top, _width, tall = line.box
        if line.page == 0 and height > 0 and tall > 0 \
                and top + tall / 2 <= height * STATUS_BAR_SHARE:
            continue  # the status bar: the carrier, icons read as letters
        kept.append(folded)
        if sum(len(k) for k in kept) + len(SEPARATOR) * (len(kept) - 1) > limit:
            break
    joined = SEPARATOR.join(kept)
    if len(joined) <= limit:
        return joined
    cut = joined[:limit].rstrip(" /")
    return cut + "…"
