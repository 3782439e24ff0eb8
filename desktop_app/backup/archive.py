"""Making and verifying backup archives.

A **backup archive** (``casebook backup -o FILE``, File → Back up…) is a zip with

- ``casebook.sqlite3`` — a consistent snapshot taken with SQLite's online backup API (never a
  copy of the live file), deflated;
- ``evidence/ab/<sha256>.ext`` — every evidence file the snapshot's rows refer to, byte for
  byte, and their thumbnails and print renditions (``evidence/derived/…``) when they exist, so
  that nothing has to be regenerated after a restore;
- the data dir's own JSON files (``profile.json``, ``settings.json``, …);
- ``manifest.json`` — format version, app version, schema revision, creation time and, for
  every other member, its path, size and SHA-256. The zip comment holds the manifest's own
  SHA-256, so an edited manifest is noticed too.

A locked book's archive also holds its key file, and its members are as the book keeps them
(database SQLCipher, files sealed) and its manifest sealed: see :mod:`desktop_app.backup.sealing`.

The snapshot is taken first and the evidence listed from it: store files are content-addressed
and never change, so the archive is consistent whatever is imported meanwhile. It is written to
a temp file beside the target, fsynced and renamed: a partial archive never has the final name.

Verifying an archive (before any restore, or on its own) reads it whole: the zip is readable (a
truncated file is refused), every member's name is safe and one of ours, the members are exactly
the manifest's, each member's size and SHA-256 match it, and the database is a Casebook database
no newer than this one that passes ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from desktop_app import __version__
from desktop_app.backup import sealing
from desktop_app.backup.sealing import KEY_MEMBER, Passphrase
from desktop_app.errors import BackupCancelled, BackupError, BackupRefused, DatabaseError
from desktop_app.evidence.file_store import EvidenceStore
from desktop_app.i18n import tr
from desktop_app.store import vault
from desktop_app.store.files import atomic_writer
from desktop_app.store.paths import DataPaths
from desktop_app.store.revision import (
    REVISIONS,
    backup_database,
    check_not_newer,
    read_schema_state,
)

FORMAT = "casebook-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "casebook.sqlite3"
COMMENT_PREFIX = b"casebook-backup manifest-sha256="
CHUNK = 1 << 20
MAX_MANIFEST_BYTES = 64 << 20
# Deflate packs at best ~1000:1 (long runs of zeros); real evidence and databases pack far
# looser. Past this ratio, a member of some size is taken for an archive bomb.
MAX_RATIO = 500
BOMB_MIN_BYTES = 16 << 20
KIB = 1024  # progress is reported in KiB (Qt signals carry 32-bit ints)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

ORIGINAL_MEMBER = re.compile(r"evidence/([0-9a-f]{2})/([0-9a-f]{64})(\.[a-z0-9]{1,8})?")
_DERIVED = re.compile(r"evidence/derived/([0-9a-f]{2})/([0-9a-f]{64})-(thumb|print)\.jpg")
_SETTINGS_FILE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}\.json")
_DEFLATE_EXTENSIONS = frozenset({".txt", ".eml", ".html", ".rtf", ".bmp", ".tif", ".wav",
                                 ".bin", ".doc", ".xls", ".ppt", ".msg"})


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    members: int
    evidence_files: int
    cases: int
    created_at: str
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"path": str(self.path), "size": self.size, "members": self.members,
                "evidence_files": self.evidence_files, "cases": self.cases,
                "created_at": self.created_at, "warnings": list(self.warnings)}


@dataclass(frozen=True)
class ArchiveInfo:
    """What a verified archive holds."""

    path: Path
    created_at: str
    app_version: str
    schema_revision: str
    members: int
    total_size: int
    cases: int
    evidence_files: int
    locked: bool = False  # a locked book's: restored with its passphrase

    def to_json(self) -> dict[str, Any]:
        return {"archive": str(self.path), "created_at": self.created_at,
                "app_version": self.app_version, "schema_revision": self.schema_revision,
                "members": self.members, "total_size": self.total_size, "cases": self.cases,
                "evidence_files": self.evidence_files, "locked": self.locked}


@dataclass(frozen=True)
class Entry:
    path: str
    size: int
    sha256: str


def default_archive_name(moment: datetime | None = None) -> str:
    return f"Casebook-backup-{(moment or datetime.now()).strftime('%Y-%m-%d')}.zip"


def check_cancelled(cancelled: Cancelled | None) -> None:
    if cancelled is not None and cancelled():
        raise BackupCancelled(tr("Cancelled."))


class Meter:
    """Progress in KiB over a known total, reported at most every few MB."""

    def __init__(self, total_bytes: int, progress: Progress | None) -> None:
        self.total = max(1, total_bytes // KIB)
        self.done = 0
        self.progress = progress
        self._last = -1

    def add(self, n: int) -> None:
        self.done += n
        kib = min(self.done // KIB, self.total)
        if self.progress is not None and (kib - self._last >= 4096 or kib == self.total):
            self._last = kib
            self.progress(kib, self.total)

    def start(self) -> None:
        if self.progress is not None:
            self.progress(0, self.total)


def _snapshot_rows(db: Path) -> tuple[list[tuple[str, str]], int]:
    """The (sha256, mime) of every evidence row, and the number of cases, of a snapshot."""
    con = vault.connect(db, "mode=ro&immutable=1")  # keyed when in a keyed temp folder
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows: list[tuple[str, str]] = []
        if "evidence" in tables:
            rows = [(str(a), str(b)) for a, b in con.execute(
                "SELECT DISTINCT sha256, mime FROM evidence ORDER BY sha256")]
        cases = int(con.execute('SELECT count(*) FROM "case"').fetchone()[0]) \
            if "case" in tables else 0
        return rows, cases
    finally:
        con.close()


# ---- making an archive ----------------------------------------------------------------------


def create_backup(book_or_paths: Any, target: str | os.PathLike[str],
                  progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> BackupResult:
    """Write the data dir (a ``Casebook`` or its ``DataPaths``) as one zip at ``target``."""
    paths: DataPaths = getattr(book_or_paths, "paths", book_or_paths)
    target = Path(target).expanduser().absolute()
    root = paths.root.resolve()
    resolved = target.resolve()
    if resolved.is_relative_to(root) and not resolved.is_relative_to(paths.backups.resolve()):
        raise BackupError(tr("A backup cannot be saved inside the data folder {path} "
                             "(except in its backups folder).", path=root))
    if target.is_dir():
        raise BackupError(tr("{path} is a folder; choose a file name.", path=target))
    if not target.parent.is_dir():
        raise BackupError(tr("The folder {path} does not exist.", path=target.parent))
    if not paths.database.is_file():
        raise BackupError(tr("There is no database in {path} to back up.", path=root))

    key = sealing.book_key(paths.root)
    with tempfile.TemporaryDirectory(prefix="casebook-backup-") as work, \
            sealing.keyed_folder(Path(work), key):
        snapshot = backup_database(paths.database, Path(work) / DATABASE)
        check_cancelled(cancelled)
        state = read_schema_state(snapshot)
        rows, cases = _snapshot_rows(snapshot)
        store = EvidenceStore(paths.evidence)
        files: list[tuple[str, Path]] = [(DATABASE, snapshot)]
        warnings: list[str] = []
        missing: list[str] = []
        originals = 0
        named: set[str] = set()
        for sha, mime in rows:
            name = f"evidence/{sha[:2]}/{store.path_for(sha, mime).name}"
            if name in named:
                continue
            named.add(name)
            found = store.locate(sha, mime)
            if found is None:
                missing.append(sha)
                warnings.append(tr("The file {sha} is missing from the evidence store; the "
                                   "backup holds its record only.", sha=sha))
                continue
            originals += 1
            # under its canonical name (an odd extension from an old version would not
            # pass the restore's name check)
            files.append((name, found))
            for derived in (store.thumbnail_path(sha), store.rendition_path(sha)):
                derived_name = f"evidence/derived/{sha[:2]}/{derived.name}"
                if derived.is_file() and derived_name not in named:
                    named.add(derived_name)
                    files.append((derived_name, derived))
        for extra in sorted(paths.root.iterdir()):
            if (_SETTINGS_FILE.fullmatch(extra.name) and extra.is_file()
                    and not extra.is_symlink()):
                files.append((extra.name, extra))
        if key is not None:  # the data key sealed by the passphrase: what opens the rest
            files.append((KEY_MEMBER, paths.key_file))

        total = sum(p.stat().st_size for _name, p in files)
        meter = Meter(total, progress)
        meter.start()
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        entries: list[Entry] = []
        with atomic_writer(target, prefix=f".{target.name}-", suffix=".part") as raw:
            with zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
                for name, source in files:
                    check_cancelled(cancelled)
                    entries.append(_add_member(zf, name, source, meter, cancelled))
                manifest = {
                    "format": FORMAT, "format_version": FORMAT_VERSION,
                    "app_version": __version__, "schema_revision": state.revision,
                    "schema_version": state.user_version, "created_at": created_at,
                    "counts": {"cases": cases, "evidence_files": originals},
                    "missing_evidence": missing,
                    "members": [{"path": e.path, "size": e.size, "sha256": e.sha256}
                                for e in entries],
                }
                body = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
                if key is not None:  # it names every evidence file and counts the cases
                    body = sealing.seal(body, key)
                info = zipfile.ZipInfo(MANIFEST, date_time=datetime.now().timetuple()[:6])
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (stat.S_IFREG | 0o600) << 16
                zf.writestr(info, body)
                zf.comment = COMMENT_PREFIX + hashlib.sha256(body).hexdigest().encode()
            check_cancelled(cancelled)
    return BackupResult(target, target.stat().st_size, len(entries) + 1, originals, cases,
                        created_at, tuple(warnings))


def _add_member(zf: zipfile.ZipFile, name: str, source: Path, meter: Meter,
                cancelled: Cancelled | None) -> Entry:
    info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
    info.external_attr = (stat.S_IFREG | 0o600) << 16
    deflate = name == DATABASE or name.endswith(".json") or (
        name.startswith("evidence/") and not name.startswith("evidence/derived/")
        and PurePosixPath(name).suffix in _DEFLATE_EXTENSIONS)
    info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as src, zf.open(info, "w", force_zip64=True) as dst:
        while chunk := src.read(CHUNK):
            check_cancelled(cancelled)
            digest.update(chunk)
            dst.write(chunk)
            size += len(chunk)
            meter.add(len(chunk))
    return Entry(name, size, digest.hexdigest())


# ---- verifying an archive -------------------------------------------------------------------


def refusal(message: str) -> BackupRefused:
    return BackupRefused(tr("This backup cannot be restored: {reason}", reason=message))


def unsafe_name_reason(name: str) -> str | None:
    """Why a member name may not be extracted, or None if it is safe."""
    if not name or "\x00" in name:
        return tr("an empty member name")
    if "\\" in name:
        return tr("the member name {name} contains a backslash", name=name)
    if name.startswith("/"):
        return tr("the member name {name} is an absolute path", name=name)
    if ":" in name:
        return tr("the member name {name} contains a drive letter or a colon", name=name)
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return tr("the member name {name} escapes the data folder or is not a file", name=name)
    return None


def _known_name(name: str) -> bool:
    return bool(name in (DATABASE, KEY_MEMBER) or _SETTINGS_FILE.fullmatch(name)
                or ORIGINAL_MEMBER.fullmatch(name) or _DERIVED.fullmatch(name))


def _check_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    members: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        name = info.filename
        reason = unsafe_name_reason(name)
        if reason is not None:
            raise refusal(reason)
        if name in members:
            raise refusal(tr("the member {name} appears twice", name=name))
        mode = info.external_attr >> 16
        if info.is_dir() or (stat.S_IFMT(mode) and not stat.S_ISREG(mode)):
            raise refusal(tr("the member {name} is not a plain file (a link or a folder)",
                             name=name))
        if info.flag_bits & 0x1:
            raise refusal(tr("the member {name} is encrypted", name=name))
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise refusal(tr("the member {name} uses an unknown compression", name=name))
        members[name] = info
    return members


def check_sizes(members: dict[str, zipfile.ZipInfo], work: Path) -> None:
    """Refuse an archive bomb before anything is inflated: a member packed far tighter than
    real files pack (a few MB that would become gigabytes of zeros), or more bytes in all than
    the disk where it is checked (and then restored) has free."""
    total = 0
    for name, info in members.items():
        if (info.file_size > BOMB_MIN_BYTES
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise refusal(tr("the member {name} would unpack to {size} from {packed}: far more "
                             "than any real file packs to", name=name,
                             size=_megabytes(info.file_size),
                             packed=_megabytes(info.compress_size)))
        total += info.file_size
    try:
        free = shutil.disk_usage(work).free
    except OSError:
        return
    if total > free:
        raise BackupError(tr("the backup would need {size} but the disk has {free} free",
                             size=_megabytes(total), free=_megabytes(free)))


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def _read_manifest(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                   opened: _Opened) -> tuple[dict[str, Any], list[Entry]]:
    info = members.get(MANIFEST)
    if info is None:
        raise refusal(tr("it has no manifest (it is not a Casebook backup)"))
    if info.file_size > MAX_MANIFEST_BYTES:
        raise refusal(tr("its manifest is too large"))
    try:
        with zf.open(info) as fh:
            body = fh.read(MAX_MANIFEST_BYTES + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise refusal(tr("its manifest is damaged ({error})", error=exc)) from None
    comment = zf.comment
    if not comment.startswith(COMMENT_PREFIX) or \
            comment[len(COMMENT_PREFIX):].decode("ascii", "replace") != \
            hashlib.sha256(body).hexdigest():
        raise refusal(tr("its manifest has been changed"))
    if sealing.is_sealed_blob(body):  # a locked book's: its key file opened with the passphrase
        try:
            opened.key = sealing.archive_key(zf, members, opened.passphrase, opened.archive)
            body = sealing.unseal_manifest(body, opened.key)
        except sealing.Refused as exc:
            raise refusal(str(exc)) from None
    try:
        manifest = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise refusal(tr("its manifest cannot be read")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refusal(tr("it is not a Casebook backup"))
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise refusal(tr("it was made by a newer Casebook; install it to restore this backup"))
    raw_members = manifest.get("members")
    if not isinstance(raw_members, list):
        raise refusal(tr("its manifest lists no files"))
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in raw_members:
        if not (isinstance(item, dict) and isinstance(item.get("path"), str)
                and isinstance(item.get("size"), int) and item["size"] >= 0
                and isinstance(item.get("sha256"), str)
                and re.fullmatch(r"[0-9a-f]{64}", item["sha256"])):
            raise refusal(tr("its manifest is malformed"))
        path = item["path"]
        reason = unsafe_name_reason(path)
        if reason is not None:
            raise refusal(reason)
        if not _known_name(path):
            raise refusal(tr("the member {name} is not part of a Casebook data folder",
                             name=path))
        if path in seen:
            raise refusal(tr("the member {name} appears twice", name=path))
        seen.add(path)
        entries.append(Entry(path, item["size"], item["sha256"]))
    if DATABASE not in seen:
        raise refusal(tr("it holds no database"))
    if (opened.key is not None) != (KEY_MEMBER in seen):
        raise refusal(tr("its key file does not match its manifest"))
    return manifest, entries


@dataclass
class _Opened:
    """The archive being verified and, once its manifest is read, a locked book's key."""

    archive: Path
    passphrase: Passphrase | None
    key: bytes | None = None

    def check_original(self, zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: Entry) -> None:
        """An evidence member holds the file its name says: by its plain bytes' SHA-256."""
        m = ORIGINAL_MEMBER.fullmatch(entry.path)
        if m is None or m.group(2) == entry.sha256:
            return  # not an original, or plain and already hashed against the manifest
        plain = None
        if self.key is not None:
            try:
                plain = sealing.plain_sha256(zf, info, self.key)
            except sealing.Refused as exc:
                raise refusal(str(exc)) from None
        if plain != m.group(2):
            raise refusal(tr("the member {name} does not hold the file its name says",
                             name=entry.path))


def copy_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, entry: Entry,
                 out: IO[bytes] | None, meter: Meter, cancelled: Cancelled | None) -> None:
    """Read a member (into ``out`` if given), checking its size and hash against the entry."""
    digest = hashlib.sha256()
    size = 0
    try:
        with zf.open(info) as src:
            while chunk := src.read(CHUNK):
                check_cancelled(cancelled)
                size += len(chunk)
                if size > entry.size:
                    break
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
                meter.add(len(chunk))
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error) as exc:
        raise refusal(tr("the member {name} is damaged ({error})", name=entry.path,
                         error=exc)) from None
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise refusal(tr("the member {name} has been changed (its size or SHA-256 does not "
                         "match the manifest)", name=entry.path))


@contextlib.contextmanager
def open_archive(archive: Path, passphrase: Passphrase | None = None
                 ) -> Iterator[zipfile.ZipFile]:
    """The archive as a zip. An archive sealed whole (a plain book's archive kept in its
    ``backups/`` when the book was locked: see :mod:`desktop_app.crypto.conversion`) is read
    through the vault, with the key of the locked book whose folder holds it (opened with
    ``passphrase()`` when this process does not hold it yet)."""
    if not archive.is_file():
        raise BackupError(tr("{path} does not exist or is not a file.", path=archive))
    source: Any = archive
    if vault.is_sealed(archive):
        _unlock_holder(archive, passphrase)
        source = vault.open_read(archive)
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        if source is not archive:
            source.close()
        raise refusal(tr("it is not a zip archive, or it is damaged or truncated ({error})",
                         error=exc)) from None
    with zf:
        yield zf
    if source is not archive:
        source.close()


def _unlock_holder(archive: Path, passphrase: Passphrase | None) -> None:
    """Learn the key of the locked book whose data folder holds the sealed ``archive``."""
    if vault.key_for(archive) is not None:
        return
    for folder in archive.parents:
        if vault.has_key_file(folder):
            from desktop_app.crypto.keys import unlock  # deferred: cryptography, locked books

            given = None if passphrase is None else passphrase()
            if not given:
                raise vault.BookLocked(tr("{path} is encrypted: the book is locked and needs "
                                          "its passphrase.", path=archive))
            vault.remember(folder, unlock(folder, given))
            return


def _verify_database(db: Path, manifest: dict[str, Any], names: set[str]) -> tuple[str, int, int]:
    try:
        state = read_schema_state(db)
        check_not_newer(state, Path(DATABASE))
    except DatabaseError as exc:
        raise refusal(str(exc)) from None
    if state.revision is None or state.revision not in REVISIONS:
        raise refusal(tr("its database is not a Casebook database"))
    try:
        con = vault.connect(db, "mode=ro&immutable=1")  # keyed: in a keyed temp folder
    except (DatabaseError, *vault.database_errors()) as exc:
        raise refusal(tr("its database is damaged ({error})", error=exc)) from None
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    except vault.database_errors() as exc:
        raise refusal(tr("its database is damaged ({error})", error=exc)) from None
    finally:
        con.close()
    if ok != "ok":
        raise refusal(tr("its database is damaged ({error})", error=ok))
    try:
        rows, cases = _snapshot_rows(db)
    except vault.database_errors() as exc:
        raise refusal(tr("its database is damaged ({error})", error=exc)) from None
    held = {m.group(2) for n in names if (m := ORIGINAL_MEMBER.fullmatch(n))}
    declared_missing = set(manifest.get("missing_evidence") or [])
    lacking = [sha for sha, _mime in rows if sha not in held and sha not in declared_missing]
    if lacking:
        raise refusal(tr("it lacks {n} evidence file(s) its database refers to",
                         n=len(lacking)))
    return state.revision, cases, len(held)


def verify_contents(zf: zipfile.ZipFile, archive: Path, work: Path, progress: Progress | None,
                    cancelled: Cancelled | None, passphrase: Passphrase | None = None
                    ) -> tuple[ArchiveInfo, list[Entry], dict[str, zipfile.ZipInfo],
                               bytes | None]:
    """Check the archive whole (see the module's docstring); a locked book's is opened with
    ``passphrase()`` (asked only for one). Returns its summary, members and data key (None for
    a plain book's)."""
    members = _check_members(zf)
    check_sizes(members, work)
    opened = _Opened(archive, passphrase)
    manifest, entries = _read_manifest(zf, members, opened)
    listed = {e.path for e in entries}
    present = set(members) - {MANIFEST}
    if present - listed:
        raise refusal(tr("it holds files its manifest does not list: {names}",
                         names=", ".join(sorted(present - listed)[:5])))
    if listed - present:
        raise refusal(tr("files its manifest lists are missing: {names}",
                         names=", ".join(sorted(listed - present)[:5])))
    for e in entries:
        if members[e.path].file_size != e.size:
            raise refusal(tr("the member {name} has been changed (its size or SHA-256 does "
                             "not match the manifest)", name=e.path))
        m = ORIGINAL_MEMBER.fullmatch(e.path)
        if m is not None and m.group(2) != e.sha256 and opened.key is None:
            raise refusal(tr("the member {name} does not hold the file its name says",
                             name=e.path))
    meter = Meter(sum(e.size for e in entries), progress)
    meter.start()
    db = work / DATABASE
    for e in entries:
        check_cancelled(cancelled)
        if e.path == DATABASE:
            with open(db, "wb") as out:
                copy_member(zf, members[e.path], e, out, meter, cancelled)
        else:
            copy_member(zf, members[e.path], e, None, meter, cancelled)
            opened.check_original(zf, members[e.path], e)
    with sealing.keyed_folder(work, opened.key):
        revision, cases, originals = _verify_database(db, manifest, listed)
    info = ArchiveInfo(archive, str(manifest.get("created_at", "")),
                       str(manifest.get("app_version", "")), revision, len(entries),
                       sum(e.size for e in entries), cases, originals, opened.key is not None)
    return info, entries, members, opened.key


def verify_archive(archive: str | os.PathLike[str], progress: Progress | None = None,
                   cancelled: Cancelled | None = None,
                   passphrase: Passphrase | None = None) -> ArchiveInfo:
    """Check an archive completely without writing anything (but a temp copy of its
    database, in the system's temp folder, removed again). Raises BackupRefused; for a locked
    book's archive, BookLocked without ``passphrase`` and WrongPassphrase for a wrong one."""
    path = Path(archive).expanduser().absolute()
    with open_archive(path, passphrase) as zf, \
            tempfile.TemporaryDirectory(prefix="casebook-verify-") as w:
        info = verify_contents(zf, path, Path(w), progress, cancelled, passphrase)[0]
    return info


def is_locked_archive(archive: str | os.PathLike[str]) -> bool:
    """Whether the archive is a locked book's (its manifest sealed): restoring it needs the
    passphrase. False for anything that is not a readable archive (verifying says why)."""
    try:
        with zipfile.ZipFile(Path(archive).expanduser()) as zf, zf.open(MANIFEST) as fh:
            return sealing.is_sealed_blob(fh.read(len(vault.SEALED_MAGIC)))
    except (KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return False
