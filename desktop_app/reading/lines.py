"""One line of text read from a picture (or a page of a scanned PDF), with where it is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OcrLine:
    """A line the OCR engine found: its text, its box in pixels of the original picture
    (left, top, width, height), the engine's confidence (0…1), and the page (0 for an image,
    0, 1, … for the pages of a PDF)."""

    text: str
    box: tuple[float, float, float, float]
    confidence: float
    page: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "box": [round(v, 1) for v in self.box],
                "confidence": round(self.confidence, 4), "page": self.page}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> OcrLine:
        x, y, w, h = (float(v) for v in data["box"])
        return cls(text=str(data["text"]), box=(x, y, w, h),
                   confidence=float(data["confidence"]), page=int(data.get("page", 0)))


def joined_text(lines: list[OcrLine] | tuple[OcrLine, ...]) -> str:
    """The lines as one text, one per line, in reading order as the engine gave them."""
    return "\n".join(line.text for line in lines)


def lines_with(texts: Sequence[str], words: Sequence[str]) -> list[int]:
    """The indexes of the texts that hold any of ``words``, as search finds them: case does not
    count, nor do spaces (OCR splits "TS 2024" where the person typed "TS2024")."""
    wanted = [re.sub(r"\s", "", w).casefold() for w in words if w.strip()]
    if not wanted:
        return []
    return [i for i, text in enumerate(texts)
            if any(w in re.sub(r"\s", "", text).casefold() for w in wanted)]
