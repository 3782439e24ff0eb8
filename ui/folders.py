"""The folders Casebook offers by default for what it writes out (dossiers, backups)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """The person's Documents folder (their home when the platform names none). It may not
    exist yet: :func:`make_default_folder` makes it when something is written there."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def make_default_folder(folder: Path) -> str | None:
    """Make the folder Casebook offered (Documents, on a fresh account often missing) before
    writing into it; why it cannot be made, or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
