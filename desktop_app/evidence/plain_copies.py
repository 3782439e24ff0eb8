"""A locked book's files for programs other than Casebook: plain copies outside the data folder.

A locked book keeps every file under its data folder sealed; a program the person opens an
exhibit with (the system's image viewer, a PDF reader) reads plain bytes only. So a sealed file
is opened from a plain copy in this session's own temp folder, outside the data folder: made by
:func:`tempfile.mkdtemp` (owner-only), with a copy named as the stored file is. The folder is
removed when the window closes (:meth:`PlainCopies.clear`); a session that died leaves it
behind, and the next one removes it (:func:`remove_leftovers`): each folder holds a marker
claimed by its session (:func:`desktop_app.store.lock.claim_temp_file`) for as long as it runs,
so another Casebook's folder, in use, is left alone. A plain file is opened where it is.

:func:`plain_digest`: the SHA-256 of a file's plain bytes, whether it is sealed or not.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
import time
from pathlib import Path

from desktop_app.store import vault
from desktop_app.store.lock import claim_temp_file, remove_abandoned

PREFIX = "casebook-open-"  # the session folders' names, under the system's temp folder
MARKER = ".session"  # claimed by the session while it runs
YOUNG = 60.0  # seconds: a folder without its marker this young may be a session starting
CHUNK = 1 << 20


def plain_digest(path: Path) -> tuple[str, int]:
    """(SHA-256, size) of the plain bytes of the file at ``path``, sealed or not. Raises
    OSError (and :class:`~desktop_app.store.vault.BookLocked` for a sealed file without its
    book's key)."""
    digest = hashlib.sha256()
    size = 0
    with vault.open_read(path) as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class PlainCopies:
    """This session's plain copies of sealed files, in one owner-only temp folder made on the
    first one, under ``root`` (the system's temp folder unless given)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.folder: Path | None = None
        self._claim: int | None = None

    def to_open(self, path: Path) -> Path:
        """The file a program other than Casebook is to open for the stored file at ``path``:
        itself when it is plain; a plain copy in this session's folder when it is sealed.
        Raises OSError (and BookLocked: the book's key is not known)."""
        if not vault.is_sealed(path):
            return path
        target = self._session_folder() / path.name
        if target.is_file():
            return target  # the same name is the same content: the store names by SHA-256
        part = target.with_name(f".{target.name}.part")
        with vault.open_read(path) as source, \
                open(os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as sink:
            shutil.copyfileobj(source, sink, CHUNK)
        os.replace(part, target)
        return target

    def _session_folder(self) -> Path:
        if self.folder is None or not self.folder.is_dir():
            root = str(self.root) if self.root is not None else None
            folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=root))  # mode 0o700
            marker = folder / MARKER
            marker.touch(mode=0o600)
            self._claim = claim_temp_file(marker)
            self.folder = folder
        return self.folder

    def clear(self) -> None:
        """Remove this session's folder and every copy in it (a copy a program still holds
        open on Windows stays until the next session removes it)."""
        folder, self.folder = self.folder, None
        if self._claim is not None:
            with contextlib.suppress(OSError):
                os.close(self._claim)
            self._claim = None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers(root: Path | None = None) -> int:
    """Remove the session folders of Casebooks that are no longer running (a crash, a power
    cut); returns how many. A folder whose session still runs is left alone."""
    base = Path(root) if root is not None else Path(tempfile.gettempdir())
    removed = 0
    try:
        candidates = sorted(base.glob(f"{PREFIX}*"))
    except OSError:
        return 0
    for folder in candidates:
        if folder.is_symlink() or not folder.is_dir():
            continue
        marker = folder / MARKER
        if marker.exists():
            gone = remove_abandoned([marker]) == 1
        else:
            try:
                gone = time.time() - folder.stat().st_mtime > YOUNG
            except OSError:
                gone = False
        if gone:
            shutil.rmtree(folder, ignore_errors=True)
            removed += not folder.exists()
    return removed


__all__ = ["PREFIX", "PlainCopies", "plain_digest", "remove_leftovers"]
