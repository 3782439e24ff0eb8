"""An existing book locked (given a passphrase) or made plain again, in place and resumably.

The caller holds the book's write lock (:class:`desktop_app.store.lock.WriteLock`; the CLI's
``write_turn``, the window's lock): nobody else writes while a book is converted. No Qt.

- :func:`lock_book`: a plain book gets a passphrase;
- :func:`remove_lock`: a locked book becomes plain again;
- :func:`change_passphrase`: the same data key sealed under a new passphrase (nothing else is
  written again: see :mod:`desktop_app.crypto.keys`);
- :func:`resume`: finish a conversion a crash or a kill interrupted (``Casebook.open`` calls it,
  once the key is known, when the journal is there: :func:`resume_if_free`);
- :func:`pending`: ``"lock"`` / ``"remove"`` while a conversion is under way.

Each step is durable (temp file, fsync, rename; folders fsynced). Locking::

    journal {"action": "lock"}  →  key file  →  key remembered  →  the database (SQLCipher)
    →  every other file sealed in place  →  every file checked  →  journal removed

and removing::

    journal {"action": "remove"}  →  the database plain  →  every sealed file plain
    →  every file checked  →  key file removed  →  journal removed

Every file is told by its first bytes (sealed or plain, SQLCipher or SQLite), so a book killed
at any moment reads whole: with the passphrase while the key file is there, without it once it
is gone; and doing a step again is harmless (a sealed file is not sealed twice). A ``lock``
journal without a key file means the lock never began (everything is plain); a ``remove``
journal without one means it had ended: either way :func:`resume` just removes the journal.

What is converted, under the data folder:

- the database ``casebook.sqlite3`` and the automatic backups (``backups/**/*.sqlite3``):
  SQLCipher (:mod:`desktop_app.crypto.database`), exported whole and checked;
- every other file, sealed in place (:mod:`desktop_app.crypto.stream`): evidence originals
  (their names, the plain bytes' SHA-256, are unchanged; their read-only mode is kept), derived
  files, redacted copies, ``profile.json``, ``settings.json``, and **backup archives** (zip):
  a plain archive is sealed whole, so restoring reads an archive through
  :func:`desktop_app.store.vault.open_read` (sealed or not). An archive made while the book was
  locked (a zip holding the key file and sealed members) is left as it is, both ways: it opens
  with the passphrase the book had when it was made;
- ``logs/``: the crash log is appended to, plain, by whoever crashes (a locked book's lines
  name no case and no argument), so it cannot be sealed in place: a plain log there when the
  book is locked (it may name a case from before) is sealed under ``NAME.sealed`` and the plain
  one removed; a new plain log starts beside it. Removing the lock makes ``NAME.sealed`` plain.

Left alone: the key file, the journal, the lock files (``casebook.lock``, ``window.lock``: they
hold no data), the database's ``-wal``/``-shm`` (emptied and removed by the export). Temp files
a dead writer left (``*.tmp``, ``*.part``, the store's ``tmp/``) are deleted first: they have no
final name, and a half-written plain copy must not outlive the lock.

Checks: every sealed file is decrypted whole (each chunk's tag), an evidence original's plain
SHA-256 must equal its name when its plain bytes matched it before they were sealed (a file
already damaged before is left for ``casebook verify`` to report, not made a reason never to
finish), and each database copy is checked by the export itself.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from desktop_app.crypto import keys
from desktop_app.crypto.database import decrypt_database, encrypt_database
from desktop_app.crypto.stream import PlainDigest, decrypt_file, decrypt_to, encrypt_file
from desktop_app.errors import EncryptedFileDamaged, LockError
from desktop_app.i18n import tr
from desktop_app.store import vault
from desktop_app.store.files import fsync_folder, write_atomically
from desktop_app.store.lock import WriteLock, held_here, remove_abandoned
from desktop_app.store.paths import DataPaths

Progress = Callable[[int, int], None]

LOCK = "lock"
REMOVE = "remove"
JOURNAL_FORMAT = "casebook-lock-journal"
SEALED_LOG_SUFFIX = ".sealed"

_NOT_DATA = {"casebook.key", "lock-journal.json", "casebook.lock", "window.lock"}
_SIDECARS = ("-wal", "-shm", "-journal")
_TEMP_ENDINGS = (".tmp", ".part", ".tmp-journal", ".tmp-wal", ".tmp-shm")
_ORIGINAL = re.compile(r"([0-9a-f]{64})(\.[A-Za-z0-9]+)?")


# ---- the journal -------------------------------------------------------------------------------

def pending(paths: DataPaths) -> str | None:
    """``"lock"`` or ``"remove"`` while a conversion is under way (its journal is there)."""
    try:
        text = paths.lock_journal.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise LockError(tr("The journal {path} cannot be read: {why}", path=paths.lock_journal,
                           why=exc)) from exc
    try:
        action = json.loads(text).get("action")
    except (ValueError, AttributeError):
        action = None
    if action not in (LOCK, REMOVE):
        raise LockError(tr("The journal {path} is damaged; the book is left as it is.",
                           path=paths.lock_journal))
    return str(action)


def _write_journal(paths: DataPaths, action: str) -> None:
    write_atomically(paths.lock_journal,
                     json.dumps({"format": JOURNAL_FORMAT, "action": action}) + "\n", mode=0o600)


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fsync_folder(path.parent)


# ---- the four operations -----------------------------------------------------------------------

def lock_book(paths: DataPaths, passphrase: str, progress: Progress | None = None, *,
              params: keys.ScryptParams | None = None) -> None:
    """Give the plain book in ``paths`` the passphrase ``passphrase`` and seal everything in
    it. ``params``: scrypt's cost (tests pass a tiny one; by default the real one). A lock that
    was interrupted is finished (``passphrase`` must then be the one it was begun with). No
    connection to the database may be open (close the book's first: it is exported whole)."""
    root = paths.root
    action = pending(paths)
    if action == REMOVE:
        raise _under_way(REMOVE)
    if action is None and keys.is_locked(root):
        raise LockError(tr("This book has a passphrase already."))
    keys.passphrase_bytes(passphrase)  # an empty one is refused before anything is written
    if action == LOCK and keys.is_locked(root):
        key = keys.unlock(root, passphrase)
    else:
        _write_journal(paths, LOCK)
        key = keys.create_key_file(root, passphrase, params=params)
    vault.remember(root, key)
    _finish_lock(paths, key, progress)


def remove_lock(paths: DataPaths, passphrase: str, progress: Progress | None = None) -> None:
    """Make the locked book in ``paths`` plain again (its passphrase must be given)."""
    root = paths.root
    action = pending(paths)
    if action == LOCK:
        raise _under_way(LOCK)
    if not keys.is_locked(root):
        if action == REMOVE:
            _remove(paths.lock_journal)
            return
        raise LockError(tr("This book has no passphrase."))
    key = keys.unlock(root, passphrase)  # a wrong passphrase changes nothing
    vault.remember(root, key)
    if action is None:
        _write_journal(paths, REMOVE)
    _finish_remove(paths, key, progress)


def change_passphrase(paths: DataPaths, old: str, new: str, *,
                      params: keys.ScryptParams | None = None) -> None:
    """Seal the book's data key under ``new``; no file is encrypted again."""
    action = pending(paths)
    if action is not None:
        raise _under_way(action)
    keys.passphrase_bytes(new)
    keys.change_passphrase(paths.root, old, new, params=params)


def resume(paths: DataPaths) -> None:
    """Finish the conversion whose journal is in ``paths`` (nothing if there is none). The
    caller holds the write lock, and the book's key is known (``vault.remember``) when it has
    a key file."""
    action = pending(paths)
    if action is None:
        return
    if not keys.is_locked(paths.root):  # the lock never began, or the removal had ended
        vault.forget(paths.root)
        _remove(paths.lock_journal)
        return
    key = vault.require_key(paths.root)
    if action == LOCK:
        _finish_lock(paths, key, None)
    else:
        _finish_remove(paths, key, None)


def resume_if_free(paths: DataPaths) -> bool:
    """:func:`resume`, if this process holds the write lock or can take it now (else another
    process is converting or writing: the book reads whole meanwhile). Whether it ran."""
    if held_here(paths):
        resume(paths)
        return True
    lock = WriteLock(paths)
    if not lock.acquire():
        return False
    with lock:
        resume(paths)
    return True


def _under_way(action: str) -> LockError:
    if action == LOCK:
        return LockError(tr("The book is being locked: open it with its new passphrase to "
                            "finish that first."))
    return LockError(tr("The book's passphrase is being removed: open it with the passphrase "
                        "to finish that first."))


# ---- locking -----------------------------------------------------------------------------------

def _finish_lock(paths: DataPaths, key: bytes, progress: Progress | None) -> None:
    _remove_leftovers(paths)
    databases, others = _book_files(paths)
    total, done = len(databases) + len(others), 0
    known: dict[Path, PlainDigest] = {}
    for db in databases:
        if _is_plain_database(db):
            encrypt_database(db, db, key)
        done += 1
        _tell(progress, done, total)
    for path in others:
        if not vault.is_sealed(path):
            target = _sealed_log_name(paths, path)
            known[target] = _in_place(path, target, lambda s, d: encrypt_file(s, d, key))
            if target != path:
                _remove(path)
        done += 1
        _tell(progress, done, total)
    _check_locked(paths, key, known)
    _remove(paths.lock_journal)


def _sealed_log_name(paths: DataPaths, path: Path) -> Path:
    """Where a file is sealed: in place, but a plain log beside it under a name of its own
    (``casebook.log.sealed``, ``casebook.log.2.sealed`` when that is taken)."""
    if not _under(path, paths.root / "logs") or path.name.endswith(SEALED_LOG_SUFFIX):
        return path
    target, n = path.with_name(path.name + SEALED_LOG_SUFFIX), 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{n}{SEALED_LOG_SUFFIX}")
    return target


def _check_locked(paths: DataPaths, key: bytes, known: dict[Path, PlainDigest]) -> None:
    databases, others = _book_files(paths)
    for db in databases:
        if _is_plain_database(db):
            raise LockError(tr("{path} is still plain after locking.", path=db))
    for path in others:
        if not vault.is_sealed(path):
            raise LockError(tr("{path} is still plain after locking.", path=path))
        with open(os.devnull, "wb") as sink:
            digest = decrypt_to(path, sink, key)
        _check_digest(paths, path, digest, known.get(path))


# ---- removing the lock -------------------------------------------------------------------------

def _finish_remove(paths: DataPaths, key: bytes, progress: Progress | None) -> None:
    _remove_leftovers(paths)
    databases, others = _book_files(paths)
    total, done = len(databases) + len(others), 0
    known: dict[Path, PlainDigest] = {}
    for db in databases:
        if vault.is_encrypted_database(db) and not vault.is_sealed(db):
            decrypt_database(db, db, key)
        done += 1
        _tell(progress, done, total)
    for path in others:
        if vault.is_sealed(path):
            known[path] = _in_place(path, path, lambda s, d: decrypt_file(s, d, key))
        done += 1
        _tell(progress, done, total)
    _check_plain(paths, known)
    _remove(paths.key_file)
    vault.forget(paths.root)
    _remove(paths.lock_journal)


def _check_plain(paths: DataPaths, known: dict[Path, PlainDigest]) -> None:
    databases, others = _book_files(paths)
    for db in databases:
        if vault.is_encrypted_database(db):
            raise LockError(tr("{path} is still encrypted after removing the passphrase.",
                               path=db))
    for path in others:
        if vault.is_sealed(path):
            raise LockError(tr("{path} is still encrypted after removing the passphrase.",
                               path=path))
        _check_digest(paths, path, _digest_of(path), known.get(path))


# ---- one file ----------------------------------------------------------------------------------

def _in_place(source: Path, target: Path,
              convert: Callable[[Path, Path], PlainDigest]) -> PlainDigest:
    """``convert(source, target)`` (temp, fsync, rename), keeping ``source``'s permissions (an
    evidence original is read-only: Windows renames nothing over a read-only file)."""
    mode = stat.S_IMODE(os.stat(source).st_mode)
    if os.name == "nt" and target.exists():  # pragma: no cover - Windows only
        os.chmod(target, stat.S_IREAD | stat.S_IWRITE)
    digest = convert(source, target)
    os.chmod(target, mode)
    return digest


def _check_digest(paths: DataPaths, path: Path, digest: PlainDigest,
                  before: PlainDigest | None) -> None:
    """The plain bytes read back are those converted, and an evidence original's are those its
    name says (unless they were not before: that damage is ``casebook verify``'s to report)."""
    if before is not None and (before.sha256, before.size) != (digest.sha256, digest.size):
        raise EncryptedFileDamaged(tr("{path} did not read back as it was written; the book "
                                      "is left half-converted: try again.", path=path))
    name = _original_hash(paths, path)
    if name is None:
        return
    if digest.sha256 != name and (before is None or before.sha256 == name):
        raise EncryptedFileDamaged(tr("{path} does not hold the bytes its name says.",
                                      path=path))
    if stat.S_IMODE(os.stat(path).st_mode) != stat.S_IREAD:
        os.chmod(path, stat.S_IREAD)  # a kill between the rename and the mode being restored


def _original_hash(paths: DataPaths, path: Path) -> str | None:
    """The SHA-256 an evidence original's name gives (``evidence/ab/<sha256>.ext``), or None."""
    if path.parent.parent != paths.evidence or len(path.parent.name) != 2:
        return None
    match = _ORIGINAL.fullmatch(path.name)
    return match.group(1) if match and match.group(1)[:2] == path.parent.name else None


def _digest_of(path: Path) -> PlainDigest:
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            size += len(block)
    return PlainDigest(digest.hexdigest(), size)


def _tell(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


# ---- what is in the book -----------------------------------------------------------------------

def _book_files(paths: DataPaths) -> tuple[list[Path], list[Path]]:
    """(the databases: the book's and its automatic backups, everything else to convert),
    sorted, without what is never converted (see the module's docstring)."""
    databases: list[Path] = []
    others: list[Path] = []
    if paths.database.is_file():
        databases.append(paths.database)
    for path in _walk(paths.root):
        if path == paths.database or _is_left_alone(paths, path):
            continue
        if _under(path, paths.backups) and path.suffix == ".sqlite3" and not vault.is_sealed(path):
            databases.append(path)
        else:
            others.append(path)
    return databases, others


def _is_left_alone(paths: DataPaths, path: Path) -> bool:
    if path.parent == paths.root and path.name in _NOT_DATA:
        return True
    if path.name.endswith(_SIDECARS) and path.with_name(_without_sidecar(path.name)).is_file():
        return True
    return _is_temp(paths, path)


def _without_sidecar(name: str) -> str:
    for ending in _SIDECARS:
        if name.endswith(ending):
            return name[:-len(ending)]
    return name


def _is_temp(paths: DataPaths, path: Path) -> bool:
    return path.name.endswith(_TEMP_ENDINGS) or _under(path, paths.evidence / "tmp")


def _remove_leftovers(paths: DataPaths) -> None:
    """Delete the temp files dead writers left (this conversion's own, a killed import's):
    none is held by a live writer while we hold the write lock."""
    remove_abandoned([p for p in _walk(paths.root) if _is_temp(paths, p)])


def _walk(root: Path) -> Iterator[Path]:
    """Every regular file under ``root`` (links are not followed), in a stable order."""
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs.sort()
        base = Path(folder)
        for name in sorted(names):
            path = base / name
            if path.is_file() and not path.is_symlink():
                yield path


def _under(path: Path, folder: Path) -> bool:
    return path.is_relative_to(folder)


def _is_plain_database(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(vault.SQLITE_MAGIC)) == vault.SQLITE_MAGIC
    except FileNotFoundError:
        return False


__all__ = ["LOCK", "REMOVE", "change_passphrase", "lock_book", "pending", "remove_lock",
           "resume", "resume_if_free"]
