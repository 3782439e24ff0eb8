"""A locked book's backup archive: what differs from a plain book's.

A locked book (one with a passphrase) is backed up as it is kept: its database is a SQLCipher
copy (the online backup keys the copy as the source), its evidence files, thumbnails, print
copies, profile and settings are copied sealed, byte for byte (members keep the plain SHA-256
as their name), and the archive holds the book's key file ``casebook.key`` (the data key sealed
by the passphrase: safe to carry). The manifest, which names every evidence file and counts the
cases, is itself sealed with the data key; the zip comment holds the SHA-256 of its sealed
bytes. Restoring such an archive asks for the passphrase: it opens the archive's key file, and
the restored folder is the same locked book, under the same passphrase.

An evidence member is checked against its name by the SHA-256 of its plain bytes.
``cryptography`` is loaded only when a locked archive is met.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from desktop_app.errors import LockError
from desktop_app.i18n import tr
from desktop_app.store import vault

KEY_MEMBER = vault.KEY_FILE_NAME
MAX_KEY_BYTES = 64 << 10
CHUNK = 1 << 20

Passphrase = Callable[[], "str | None"]


class Refused(Exception):
    """A reason the archive cannot be restored (turned into BackupRefused by the caller)."""


def book_key(root: Path) -> bytes | None:
    """The data key of the book in ``root`` if it is locked (BookLocked if this process does
    not hold it), None for a plain book."""
    if not vault.has_key_file(root):
        return None
    return vault.require_key(root)


@contextlib.contextmanager
def keyed_folder(folder: Path, key: bytes | None) -> Iterator[None]:
    """Files and databases under ``folder`` (a temp folder) open with ``key`` meanwhile."""
    if key is None:
        yield
        return
    vault.remember(folder, key)
    try:
        yield
    finally:
        vault.forget(folder)


def is_sealed_blob(blob: bytes) -> bool:
    return blob.startswith(vault.SEALED_MAGIC)


def seal(body: bytes, key: bytes) -> bytes:
    from desktop_app.crypto.stream import encrypt_bytes  # deferred: locked books

    return encrypt_bytes(body, key)


def unseal_manifest(blob: bytes, key: bytes) -> bytes:
    from desktop_app.crypto.stream import decrypt_bytes  # deferred: locked books

    try:
        return decrypt_bytes(blob, key, "manifest.json")
    except LockError:
        raise Refused(tr("its manifest is damaged or was not sealed with its key file's "
                         "key")) from None


def archive_key(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                passphrase: Passphrase | None, archive: Path) -> bytes:
    """The data key of a locked book's archive: its key file opened with the passphrase
    (BookLocked without one, WrongPassphrase for a wrong one)."""
    info = members.get(KEY_MEMBER)
    if info is None:
        raise Refused(tr("it is encrypted but holds no key file"))
    if info.file_size > MAX_KEY_BYTES:
        raise Refused(tr("its key file is too large"))
    from desktop_app.crypto.keys import (  # deferred: locked books
        KEY_FILE_FORMAT,
        KEY_FILE_VERSION,
        open_data_key,
    )

    try:
        with zf.open(info) as fh:
            document: Any = json.loads(fh.read(MAX_KEY_BYTES + 1).decode("utf-8"))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise Refused(tr("its key file is damaged")) from None
    if not isinstance(document, dict) or document.get("format") != KEY_FILE_FORMAT:
        raise Refused(tr("its key file is damaged"))
    if document.get("version") != KEY_FILE_VERSION:
        raise Refused(tr("it was made by a newer Casebook; install it to restore this backup"))
    given = None if passphrase is None else passphrase()
    if not given:
        raise vault.BookLocked(tr("This backup is of a locked book: it is restored only with "
                                  "its passphrase. Nothing was changed."))
    try:
        return open_data_key(document, given, where=archive)
    except LockError as exc:
        if type(exc) is LockError:  # the key file itself, not the passphrase
            raise Refused(tr("its key file is damaged")) from None
        raise


def plain_sha256(zf: zipfile.ZipFile, info: zipfile.ZipInfo, key: bytes) -> str:
    """The SHA-256 of a member's plain bytes: opened with ``key`` if it is sealed."""
    with zf.open(info) as fh:
        sealed = fh.read(len(vault.SEALED_MAGIC)) == vault.SEALED_MAGIC
        fh.seek(0)
        digest = hashlib.sha256()
        if not sealed:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
            return digest.hexdigest()
        from desktop_app.crypto.stream import SealedFile  # deferred: locked books

        try:
            opened = SealedFile(fh, key, info.filename)
            for index in range(opened.chunks):
                digest.update(opened.chunk(index))
        except LockError as exc:
            raise Refused(tr("the member {name} is damaged ({error})", name=info.filename,
                             error=exc)) from None
    return digest.hexdigest()
