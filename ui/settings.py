"""The window's own preferences, kept as JSON in the data dir (written atomically; sealed
when the book is locked, read with its key; a locked book's file read without the key gives
the defaults)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from desktop_app.errors import LockError
from desktop_app.store import vault
from desktop_app.store.sealed_files import write_atomically


@dataclass
class UiSettings:
    language: str | None = None  # None: follow the system
    newest_first: bool = True
    geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""
    splitters: dict[str, str] = field(default_factory=dict)  # name -> QSplitter.saveState()
    last_case_id: int | None = None
    backup_keep: int = 7  # automatic backups kept in backups/auto (see desktop_app.backup)
    idle_lock_minutes: int = 15  # a locked book's window locks after this long idle; 0: never

    @classmethod
    def load(cls, path: Path) -> UiSettings:
        try:
            raw: dict[str, Any] = json.loads(vault.read_text(path))
        except (OSError, ValueError, LockError):
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if not isinstance(settings.splitters, dict):  # hand-edited: the defaults then
            settings.splitters = {}
        return settings

    def save(self, path: Path) -> None:
        # the temp name is one the next start's clean-up knows (*.json.tmp)
        write_atomically(path, json.dumps(asdict(self), ensure_ascii=False, indent=2),
                         prefix=f".{path.stem}-", suffix=f"{path.suffix}.tmp")
