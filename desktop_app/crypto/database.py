"""The database as SQLCipher, through the same SQLAlchemy engine.

SQLCipher (``sqlcipher3``: SQLite with every page encrypted, AES-256 with an HMAC per page) is
opened with the book's *database key*, derived from its data key (:func:`database_key`) and
given as a raw key (``PRAGMA key = "x'…'"``), so SQLCipher's own passphrase KDF is not run on
every connection: the passphrase was stretched once, by scrypt, when the key file was opened.

- :func:`connect`: one keyed DB-API connection, checked (a wrong key fails here, in one line);
- :func:`create_engine`: an SQLAlchemy engine whose connections are :func:`connect`'s. It is
  a plain engine; the book adds its own listeners (WAL, foreign keys, ``BEGIN IMMEDIATE``) as
  it does to the plain one (``desktop_app.store.engine``): they work on SQLCipher unchanged;
- :func:`encrypt_database` / :func:`decrypt_database`: a whole database copied into an
  encrypted (or plain) one with ``sqlcipher_export``, into a temp file that is checked, fsynced
  and renamed over the target. The source must not be open in another connection (the caller
  holds the book's write lock); its WAL is checkpointed into it first.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy.engine import Engine

from desktop_app.crypto.keys import subkey
from desktop_app.errors import DatabaseError
from desktop_app.i18n import tr
from desktop_app.store.files import TempFile
from desktop_app.store.paths import sqlite_uri

BUSY_TIMEOUT_S = 10.0


def database_key(data_key: bytes) -> bytes:
    """The database's own 256-bit key, derived from the book's data key."""
    return subkey(data_key, b"database v1")


def raw_key(data_key: bytes | None) -> str:
    """SQLCipher's raw-key literal for the book's database key (``''`` for plain)."""
    return "" if data_key is None else f"x'{database_key(data_key).hex()}'"


def connect(path: Path, data_key: bytes | None, *, query: str = "") -> sqlcipher.Connection:
    """A connection to the database at ``path``: SQLCipher keyed with the book's key, or plain
    SQLite when ``data_key`` is None; ``query`` as in :func:`desktop_app.store.paths.sqlite_uri`
    (``mode=ro`` …). The same API as ``sqlite3``'s, for the book's plain-sqlite3 readers.
    :class:`DatabaseError` (one line) when the key does not open it: a plain file, another
    book's, or damaged."""
    conn = sqlcipher.connect(sqlite_uri(path, query), uri=True, timeout=BUSY_TIMEOUT_S,
                             check_same_thread=False)
    try:
        if data_key is not None:
            conn.execute(f"PRAGMA key = \"{raw_key(data_key)}\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        conn.close()
        if data_key is None:
            raise DatabaseError(tr("The database {path} is encrypted: it needs the book's "
                                   "passphrase.", path=path)) from None
        raise DatabaseError(tr("The database {path} does not open with this book's key: it is "
                               "not encrypted, another book's, or damaged.",
                               path=path)) from None
    except BaseException:
        conn.close()
        raise
    return conn


def create_engine(path: Path, data_key: bytes) -> Engine:
    """An SQLAlchemy engine on the SQLCipher database at ``path`` (a pool of keyed
    connections; SQLAlchemy's SQLite dialect, ``sqlcipher3`` as its DB-API module so that its
    errors are wrapped as SQLite's are)."""
    return sa.create_engine(f"sqlite:///{path}", module=sqlcipher,
                            creator=lambda: connect(path, data_key), future=True)


def encrypt_database(src: Path, dst: Path, data_key: bytes) -> None:
    """Copy the plain database at ``src`` into an encrypted one at ``dst`` (may be ``src``)."""
    _export(src, None, dst, data_key)


def decrypt_database(src: Path, dst: Path, data_key: bytes) -> None:
    """Copy the encrypted database at ``src`` into a plain one at ``dst`` (may be ``src``)."""
    _export(src, data_key, dst, None)


def table_counts(conn: Any) -> dict[str, int]:
    """Every table's row count (the check that a copy holds what its source held)."""
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{_quoted(name)}"').fetchone()[0]
            for name in names}


def _export(src: Path, src_key: bytes | None, dst: Path, dst_key: bytes | None) -> None:
    with TempFile(dst, keep_open=False) as temp:
        source = connect(src, src_key)
        try:
            source.isolation_level = None
            source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            version = int(source.execute("PRAGMA user_version").fetchone()[0])
            counts = table_counts(source)
            source.execute("ATTACH DATABASE ? AS target KEY ?", (str(temp.path),
                                                                  raw_key(dst_key)))
            source.execute("SELECT sqlcipher_export('target')")
            source.execute(f"PRAGMA target.user_version = {version}")
            source.execute("DETACH DATABASE target")
        finally:
            source.close()
        _check_copy(temp.path, dst_key, version, counts)
        if dst == src:
            _clear_wal(src)
        temp.commit(mode=0o600)


def _check_copy(path: Path, data_key: bytes | None, version: int,
                counts: dict[str, int]) -> None:
    copy = connect(path, data_key)
    try:
        ok = copy.execute("PRAGMA quick_check").fetchone()[0]
        same = (int(copy.execute("PRAGMA user_version").fetchone()[0]) == version
                and table_counts(copy) == counts)
    finally:
        copy.close()
    if ok != "ok" or not same:
        raise DatabaseError(tr("The copy of the database {path} did not come out whole; the "
                               "database is left as it was.", path=path))


def _clear_wal(path: Path) -> None:
    """Before a copy replaces ``path``: its WAL must be empty (checkpointed, and no one else
    has it open), and the empty leftovers go, so no plain page is ever replayed into it."""
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseError(tr("The database {path} is in use by another program; close it "
                               "and try again.", path=path))
    for leftover in (wal, path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def _quoted(name: str) -> str:
    return name.replace('"', '""')


__all__ = ["connect", "create_engine", "database_key", "decrypt_database", "encrypt_database",
           "raw_key", "table_counts"]
