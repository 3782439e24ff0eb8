"""Phone screenshots drawn for the reading tests (Pillow, the bundled CJK font), and the OCR
engine's answer turned into :class:`OcrLine`s."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop_app.reading.lines import OcrLine

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
PHONE = (1080, 2340)


def line(text: str, top: float, *, left: float = 60, height: float = 40,
         width: float | None = None) -> OcrLine:
    """A hand-made OCR line: ``top`` and ``height`` in pixels."""
    return OcrLine(text, (left, top, width or 30 * len(text), height), 0.99)


def draw(path: Path, texts: list[tuple[tuple[int, int], str, int]]) -> Path:
    """A white phone-sized picture with each text at its (x, y) in its pixel size."""
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGB", PHONE, "white")
    pen = ImageDraw.Draw(picture)
    fonts: dict[int, Any] = {}
    for (x, y), text, size in texts:
        font = fonts.setdefault(size, ImageFont.truetype(str(FONT), size))
        pen.text((x, y), text, font=font, fill="black")
    picture.save(path)
    return path


def ocr(path: Path) -> list[OcrLine]:
    """What RapidOCR reads in the picture, as OCR lines (about 3–8 s for a phone screenshot)."""
    from rapidocr_onnxruntime import RapidOCR

    result, _ = RapidOCR()(str(path))
    lines = []
    for points, text, confidence in result or []:
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        lines.append(OcrLine(str(text), (min(xs), min(ys), max(xs) - min(xs),
                                         max(ys) - min(ys)), float(confidence)))
    return lines
