"""The window's own preferences, kept as JSON in the data dir (written atomically)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any


@dataclass
class UiSettings:
    language: str | None = None  # None: follow the system
    newest_first: bool = True
    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""
    splitters: dict[str, str] = field(default_factory=dict)  # name -> QSplitter.saveState()
    last_case_id: int | None = None
    backup_keep: int = 7  # automatic backups kept in backups/auto (see desktop_app.backup)

    @classmethod
    def load(cls, path: Path) -> UiSettings:
        try:
            raw: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if not isinstance(settings.splitters, dict):  # hand-edited: the defaults then
            settings.splitters = {}
        return settings

    def save(self, path: Path) -> None:
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(asdict(self), fh, ensure_ascii=False, indent=2)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(path)
