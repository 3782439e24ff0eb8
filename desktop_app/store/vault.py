"""The book's files read and written plain, or sealed when the book is locked.

A locked book (one with a passphrase: ``casebook.key`` in its data folder) keeps every file
under its folder sealed (:mod:`desktop_app.crypto.stream`) and its database in SQLCipher
(:mod:`desktop_app.crypto.database`). Once the passphrase has opened the key file, the book's
*data key* is remembered here, in this process's memory only, for the data folder
(:func:`remember`); every reader and writer of a file under that folder comes here:

- :func:`open_read` / :func:`read_bytes` / :func:`read_text`: a file's plain bytes, whether it
  is sealed or not (a file is told by its first bytes, so a book half-way through being locked
  or unlocked reads whole); a sealed file in a folder whose key is not known is refused in one
  line (:class:`BookLocked`);
- :mod:`desktop_app.store.sealed_files` writes them: whole or not at all, sealed when the
  folder's key is known, plain otherwise;
- :func:`connect`: a DB-API connection to a database file, SQLCipher when it is encrypted;
- :func:`plain_size`: the plain size of a file either way.

A plain book never loads ``cryptography`` or SQLCipher: they are imported only once a sealed
file or a key is met. The data key is never written anywhere; :func:`forget` drops it (the
window's idle lock, closing the book).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.errors import LockError
from desktop_app.i18n import tr
from desktop_app.store.paths import sqlite_uri

KEY_FILE_NAME = "casebook.key"  # desktop_app.crypto.keys.KEY_FILE_NAME, without importing it
SEALED_MAGIC = b"\x89CBSEAL\n"  # desktop_app.crypto.stream.MAGIC, as above
SQLITE_MAGIC = b"SQLite format 3\x00"

_keys: dict[str, bytes] = {}
_guard = threading.Lock()


class BookLocked(LockError):
    """A sealed file, or a locked book, read without the book's passphrase."""


# ---- the keys known to this process ----------------------------------------------------------

def _folder_key(folder: Path) -> str:
    return os.path.normcase(os.path.abspath(folder))


def remember(folder: Path, data_key: bytes) -> None:
    """Files under ``folder`` (a data folder) are sealed with ``data_key`` from now on."""
    with _guard:
        _keys[_folder_key(folder)] = bytes(data_key)


def forget(folder: Path) -> None:
    """Drop the data key of ``folder`` from memory (its sealed files can no longer be read)."""
    with _guard:
        _keys.pop(_folder_key(folder), None)


def remembered() -> dict[str, bytes]:
    """Every data folder whose key this process knows, with its key (what a worker process is
    given over its pipe, see :func:`desktop_app.workers.spawn_pool`)."""
    with _guard:
        return dict(_keys)


def key_for(path: Path) -> bytes | None:
    """The data key of the book whose folder holds ``path`` (or is ``path``), if known."""
    if not _keys:
        return None
    where = _folder_key(path)
    with _guard:
        for folder, key in _keys.items():
            if where == folder or where.startswith(folder + os.sep):
                return key
    return None


def has_key_file(folder: Path) -> bool:
    """Whether the data folder has a passphrase (its key file), whatever this process knows."""
    return (folder / KEY_FILE_NAME).is_file()


def require_key(path: Path) -> bytes:
    key = key_for(path)
    if key is None:
        raise BookLocked(tr("{path} is encrypted: the book is locked and needs its "
                            "passphrase.", path=path))
    return key


def is_sealed(path: Path) -> bool:
    """Whether the file at ``path`` is sealed (by its first bytes); False if it is missing."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SEALED_MAGIC)) == SEALED_MAGIC
    except (FileNotFoundError, IsADirectoryError):
        return False


# ---- reading -----------------------------------------------------------------------------------

def open_read(path: Path) -> BinaryIO:
    """The file at ``path`` opened for reading its plain bytes (seekable), sealed or not."""
    fh = open(path, "rb")  # noqa: SIM115 (returned to the caller)
    try:
        if fh.read(len(SEALED_MAGIC)) != SEALED_MAGIC:
            fh.seek(0)
            return fh
    except BaseException:
        fh.close()
        raise
    fh.close()
    from desktop_app.crypto.stream import open_plain  # deferred: cryptography, locked books

    return open_plain(path, require_key(path))  # type: ignore[return-value]


def read_bytes(path: Path) -> bytes:
    with open_read(path) as fh:
        return fh.read()


def read_text(path: Path, encoding: str = "utf-8") -> str:
    return read_bytes(path).decode(encoding)


def plain_size(path: Path) -> int:
    """The size of the file's plain bytes (a sealed file's, from its header; no key needed)."""
    if is_sealed(path):
        from desktop_app.crypto.stream import plain_size as sealed_size  # deferred: as above

        return sealed_size(path)
    return path.stat().st_size


# ---- the database ------------------------------------------------------------------------------

def is_encrypted_database(path: Path) -> bool:
    """Whether the database file exists and is not plain SQLite (SQLCipher's pages are random
    from the first byte; an empty file is plain)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        return False
    return bool(head) and head != SQLITE_MAGIC


def database_key(path: Path) -> bytes | None:
    """The key to open the database at ``path`` with: None for a plain file (or a new one in a
    plain book), the book's key for an encrypted one (:class:`BookLocked` if it is unknown)
    and for a new one in a locked book."""
    if is_encrypted_database(path):
        key = key_for(path)
        if key is None and has_key_file(path.parent):
            return require_key(path)
        return key  # None: not SQLite, and not a locked book's: SQLite refuses it, as it is
    if path.exists() and path.stat().st_size > 0:
        return None
    return key_for(path)


def connect(path: Path, query: str = "", **kwargs: Any) -> Any:
    """A DB-API connection to the database at ``path`` (``query`` as in
    :func:`~desktop_app.store.paths.sqlite_uri`: ``mode=ro`` …): ``sqlite3``'s for a plain file,
    SQLCipher's, keyed, for an encrypted one. Both speak the same API."""
    key = database_key(path)
    if key is None:
        return sqlite3.connect(sqlite_uri(path, query), uri=True, **kwargs)
    from desktop_app.crypto.database import connect as connect_sealed  # deferred: SQLCipher

    con = connect_sealed(path, key, query=query)
    if "isolation_level" in kwargs:
        con.isolation_level = kwargs["isolation_level"]
    return con


def connect_like(path: Path, like: Path, **kwargs: Any) -> Any:
    """A connection to a new database at ``path`` keyed as the one at ``like`` is (a copy of
    it: SQLite's backup copies pages as they are, so both must share the key)."""
    key = database_key(like)
    if key is None:
        return sqlite3.connect(sqlite_uri(path), uri=True, **kwargs)
    from desktop_app.crypto.database import connect as connect_sealed  # deferred: SQLCipher

    return connect_sealed(path, key)


def database_errors() -> tuple[type[BaseException], ...]:
    """The DB-API errors a connection from :func:`connect` may raise (both modules' when
    SQLCipher is loaded)."""
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    sealed = _loaded_sqlcipher()
    if sealed is not None:
        errors += (sealed.Error,)
    return errors


def _loaded_sqlcipher() -> Any:
    return sys.modules.get("sqlcipher3.dbapi2")


__all__ = [
    "KEY_FILE_NAME", "BookLocked", "connect", "database_errors", "database_key", "forget",
    "has_key_file", "is_encrypted_database", "is_sealed", "key_for", "open_read", "plain_size",
    "read_bytes", "read_text", "remember", "remembered", "require_key",
]
