"""What an export returns, and how it fails (no ReportLab here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANGUAGES = ("zh", "en")
PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class DossierResult:
    path: Path
    pages: int
    size: int  # bytes
    lang: str
    paper: str
    exhibits: int  # how many exhibits it carries
    warnings: tuple[str, ...] = field(default=())
    image_long_side: int | None = None  # px, when images were re-rendered to fit a size budget
    seconds: float = 0.0
    # (path, pages, size) of each volume when the dossier was split to fit its size budget;
    # then ``path`` is the first volume's, ``pages`` and ``size`` are the volumes' together
    volumes: tuple[tuple[Path, int, int], ...] = ()

    @property
    def files(self) -> list[Path]:
        """The files written: the dossier, or its volumes in order."""
        return [v[0] for v in self.volumes] or [self.path]

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "pages": self.pages, "size": self.size,
                "lang": self.lang, "paper": self.paper, "exhibits": self.exhibits,
                "warnings": list(self.warnings), "image_long_side": self.image_long_side,
                "seconds": round(self.seconds, 3),
                "volumes": [{"path": str(path), "pages": pages, "size": size}
                            for path, pages, size in self.volumes]}
