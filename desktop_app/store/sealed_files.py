"""Writing the book's files whole or not at all, sealed when the book is locked.

The writers of :mod:`desktop_app.store.files`, each sealing what is written into it when the
data key of the folder the file goes to is known (:func:`desktop_app.store.vault.key_for`), and
writing it plain otherwise. Readers are in :mod:`desktop_app.store.vault`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from desktop_app.store import files
from desktop_app.store.vault import key_for

if TYPE_CHECKING:
    from desktop_app.crypto.stream import PlainDigest


class SealedTempFile(files.TempFile):
    """A :class:`~desktop_app.store.files.TempFile` whose :attr:`file` seals what is written
    into it when the book's key is known for ``key_path`` (the data folder or any path under
    it), and is the plain temp file otherwise. :attr:`digest`: the plain bytes' SHA-256 and
    size once :meth:`finish` has run (sealed only; None for a plain one)."""

    def __init__(self, target: Path | None = None, *, key_path: Path | None = None,
                 **kwargs: Any) -> None:
        kwargs["keep_open"] = True
        super().__init__(target, **kwargs)
        where = key_path if key_path is not None else (target or self.path)
        self.key = key_for(where)
        self.digest: PlainDigest | None = None
        self._sink: BinaryIO | None = None
        if self.key is not None:
            from desktop_app.crypto.stream import SealingWriter  # deferred: locked books

            assert self.file is not None
            self._sink = self.file
            self.file = SealingWriter(self._sink, self.key)  # type: ignore[assignment]

    @property
    def sealed(self) -> bool:
        return self.key is not None

    def finish(self) -> None:
        if self._sink is not None and self.file is not None:
            writer, self.file = self.file, self._sink
            writer.close()  # the last chunk sealed into the temp file
            self.digest = writer.digest  # type: ignore[attr-defined]
            self._sink = None
        super().finish()

    def discard(self) -> None:
        if self._sink is not None:
            self.file, self._sink = self._sink, None  # the plain sink is closed, unsealed
        super().discard()


def atomic_writer(target: Path, **kwargs: Any) -> contextlib.AbstractContextManager[BinaryIO]:
    """As :func:`desktop_app.store.files.atomic_writer`, sealed when the book is locked."""
    return files.atomic_writer(target, temp_file=SealedTempFile, **kwargs)


def write_atomically(target: Path, data: bytes | str, **kwargs: Any) -> Path:
    """As :func:`desktop_app.store.files.write_atomically`, sealed when the book is locked."""
    return files.write_atomically(target, data, temp_file=SealedTempFile, **kwargs)


def seal_bytes(path: Path, data: bytes) -> bytes:
    """``data`` as it is kept at ``path``: sealed when the book is locked, as it is if not."""
    key = key_for(path)
    if key is None:
        return data
    from desktop_app.crypto.stream import encrypt_bytes  # deferred: locked books

    return encrypt_bytes(data, key)


__all__ = ["SealedTempFile", "atomic_writer", "seal_bytes", "write_atomically"]
