"""The evidence store: files kept byte-for-byte under the data dir, named by their SHA-256.

``evidence/ab/abcdef….ext`` holds the bytes of every file ever imported, once however many
times (or into however many cases) it was imported. A file is streamed into a temp file in
``evidence/tmp/`` while it is hashed, fsynced, and renamed into place; the database row is
committed only after that (by the services). Originals are read-only. Derived files (see
:mod:`desktop_app.evidence.renditions`) live in ``evidence/derived/``.

In a locked book every file here is sealed (:mod:`desktop_app.store.sealed_files`) from the
temp file on, and read through :mod:`desktop_app.store.vault`; a file is still named by the
SHA-256 of its plain bytes, and its size is the plain size.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from desktop_app.errors import LockError
from desktop_app.evidence.renditions import PREVIEW_UNDECODABLE, digest_of, make_derivatives
from desktop_app.evidence.sniffing import HEAD, extension_for, sniff_mime
from desktop_app.store import vault
from desktop_app.store.sealed_files import SealedTempFile

CHUNK = 1 << 20          # bytes read and written at a time: memory stays flat for any size

class SourceError(OSError):
    """The file being imported could not be read (as opposed to the store being unwritable)."""


# O_NOFOLLOW where the system has it (POSIX): opening a link fails instead of following it
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)


def open_source(path: Path) -> IO[bytes]:
    """A file to import, opened for reading; a link is never followed (the import refuses
    links before, and this refuses one that appeared since)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | NO_FOLLOW)
    return os.fdopen(fd, "rb")


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    mime: str
    path: Path
    created: bool  # False: these bytes were in the store already
    repaired: bool = False  # the store's copy was damaged; these bytes replaced it


def _plain_size(path: Path) -> int | None:
    """The plain size of a stored file; None when even its header is damaged."""
    try:
        return vault.plain_size(path)
    except LockError:
        return None


class EvidenceStore:
    """Content-addressed files under one directory (the data dir's ``evidence/``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def temp_dir(self) -> Path:
        return self.root / "tmp"

    @property
    def derived_dir(self) -> Path:
        return self.root / "derived"

    def path_for(self, sha256: str, mime: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{extension_for(mime)}"

    def locate(self, sha256: str, mime: str) -> Path | None:
        """Where the bytes with this hash are, or None if they are not in the store."""
        expected = self.path_for(sha256, mime)
        if expected.is_file():
            return expected
        for candidate in sorted(expected.parent.glob(f"{sha256}*")):
            if candidate.is_file() and candidate.name.split(".", 1)[0] == sha256:
                return candidate
        return None

    def thumbnail_path(self, sha256: str) -> Path:
        return self.derived_dir / sha256[:2] / f"{sha256}-thumb.jpg"

    def rendition_path(self, sha256: str) -> Path:
        return self.derived_dir / sha256[:2] / f"{sha256}-print.jpg"

    def redacted_path(self, sha256: str, suffix: str | None = None) -> Path:
        """A redacted copy, by its own SHA-256 (see :mod:`desktop_app.evidence.redaction`):
        ``suffix`` ".png" for a picture's, ".pdf" for a PDF document's (see
        :mod:`desktop_app.evidence.pdf_redaction`); None: the one there is (".png" if none)."""
        folder = self.derived_dir / "redacted" / sha256[:2]
        if suffix is None:
            suffix = ".pdf" if (folder / f"{sha256}.pdf").is_file() else ".png"
        return folder / f"{sha256}{suffix}"

    def put_file(self, source: Path) -> StoredFile:
        """Stream a file into the store (hash and copy in chunks). Raises OSError."""
        try:
            src = open_source(source)
        except OSError as exc:
            raise SourceError(exc.errno, exc.strerror, exc.filename) from exc
        with src:
            return self._put_stream(src, whole=None)

    def put_bytes(self, data: bytes) -> StoredFile:
        return self._put_stream(io.BytesIO(data), whole=data)

    def _put_stream(self, src: IO[bytes], whole: bytes | None) -> StoredFile:
        self.temp_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        digest = hashlib.sha256()
        size = 0
        head = bytearray()
        buffer = bytearray(CHUNK)
        view = memoryview(buffer)
        try:
            with SealedTempFile(folder=self.temp_dir, prefix="import-", suffix=".part",
                                key_path=self.root) as temp:
                dst = temp.file
                assert dst is not None
                while True:
                    try:
                        n = src.readinto(buffer)  # type: ignore[attr-defined]
                    except OSError as exc:
                        raise SourceError(exc.errno, exc.strerror, exc.filename) from exc
                    if not n:
                        break
                    chunk = view[:n]
                    digest.update(chunk)
                    dst.write(chunk)
                    if len(head) < HEAD:
                        head += chunk[:HEAD - len(head)]
                    size += n
                temp.finish()
                sha256 = digest.hexdigest()
                mime = sniff_mime(bytes(head), whole if whole is not None else temp.path)
                final = self.path_for(sha256, mime)
                existing = self.locate(sha256, mime)
                # the store trusts no size alone: a copy of the same size is hashed again
                if (existing is not None and _plain_size(existing) == size
                        and digest_of(existing)[0] == sha256):
                    return StoredFile(sha256, size, mime, existing, created=False)
                final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                repaired = existing is not None or final.exists()
                if final.exists():  # a damaged copy: the good one replaces it
                    os.chmod(final, stat.S_IREAD | stat.S_IWRITE)
                try:
                    temp.commit(final)
                except PermissionError:
                    # Windows: another import of the same bytes put its read-only copy there
                    # first
                    existing = self.locate(sha256, mime)
                    if existing is None or _plain_size(existing) != size:
                        raise
                    return StoredFile(sha256, size, mime, existing, created=False)
                os.chmod(final, stat.S_IREAD)  # originals: read-only, and the owner's alone
                return StoredFile(sha256, size, mime, final, created=not repaired,
                                  repaired=repaired)
        finally:
            view.release()

    def remove_stale_temp_files(self, older_than: float = 24 * 3600) -> int:
        """Delete temp files an import left when it was killed half-way (a 2 GB recording
        would otherwise stay hidden in ``tmp/``). Recent ones may be in use: they stay."""
        removed = 0
        try:
            entries = list(os.scandir(self.temp_dir))
        except OSError:
            return 0
        limit = time.time() - older_than
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
        return removed

    def derive(self, sha256: str, mime: str) -> str:
        """Make the derived files of an image in this process; returns a PREVIEW_* code."""
        original = self.locate(sha256, mime)
        if original is None:
            return PREVIEW_UNDECODABLE
        return make_derivatives(str(original), str(self.thumbnail_path(sha256)),
                                str(self.rendition_path(sha256)), mime, str(self.temp_dir))

    def derive_args(self, sha256: str, mime: str) -> tuple[str, str, str, str, str] | None:
        """The arguments of :func:`make_derivatives` for a worker process."""
        original = self.locate(sha256, mime)
        if original is None:
            return None
        return (str(original), str(self.thumbnail_path(sha256)),
                str(self.rendition_path(sha256)), mime, str(self.temp_dir))

    def has_preview(self, sha256: str) -> bool:
        return self.thumbnail_path(sha256).is_file() and self.rendition_path(sha256).is_file()
