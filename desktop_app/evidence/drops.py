"""What a drop (or a chosen folder) holds, and how its files are named and dated for a person."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

# Files a folder drop leaves out: operating-system litter, never evidence.
SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r",
                          ".localized"})
SYSTEM_FOLDERS = frozenset({"__macosx", "$recycle.bin", "system volume information",
                            ".spotlight-v100", ".trashes", ".fseventsd"})


def display_name(name: str | os.PathLike[str]) -> str:
    """A file's name as a person reads it: NFC, and never undecodable.

    On Linux a name that is not UTF-8 (a zip unpacked from a Chinese Windows PC is in GBK)
    arrives with surrogate escapes; those bytes are read as GB18030 when they are not UTF-8.
    """
    base = os.path.basename(os.fspath(name).rstrip("/\\")) or os.fspath(name)
    try:
        base.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(base)
        for encoding in ("utf-8", "gb18030"):
            try:
                base = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            base = raw.decode("utf-8", "replace")
    return unicodedata.normalize("NFC", base)


def file_mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None


def _hidden(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name.lower() in SYSTEM_FILES:
        return True
    attributes = getattr(os.stat(path, follow_symlinks=False), "st_file_attributes", 0)
    return bool(attributes & (0x2 | 0x4))  # FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM


def files_in_folder(folder: Path, on_error: Callable[[OSError], None] | None = None,
                    on_link: Callable[[Path], None] | None = None) -> list[Path]:
    """The files inside a folder and its subfolders, sorted, without hidden and system files.

    Links (to files or folders) are not followed: each one met is given to ``on_link`` instead,
    so that a link to ``~/.ssh`` in a downloads folder never becomes evidence unseen."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        base = Path(root)
        kept_dirs = []
        for d in dirs:
            if d.lower() in SYSTEM_FOLDERS or _safe_hidden(base / d):
                continue
            if (base / d).is_symlink():
                if on_link is not None:
                    on_link(base / d)
                continue
            kept_dirs.append(d)
        dirs[:] = kept_dirs
        for f in files:
            if _safe_hidden(base / f):
                continue
            if (base / f).is_symlink():
                if on_link is not None:
                    on_link(base / f)
                continue
            found.append(base / f)

    def key(path: Path) -> tuple[tuple[str, str], ...]:
        return tuple((part.casefold(), part) for part in path.relative_to(folder).parts)

    return sorted(found, key=key)


def _safe_hidden(path: Path) -> bool:
    try:
        return _hidden(path)
    except OSError:
        return False
