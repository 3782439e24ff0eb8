"""Restoring a backup archive into a data dir.

A **restore** verifies everything before it writes anything: the zip is readable (a truncated
file is refused), every member's name is safe (no absolute paths, drive letters, ``..``,
backslashes, links or duplicates) and one of ours, the members are exactly the manifest's, each
member's size and SHA-256 match it, and the database is a Casebook database no newer than this
one that passes ``PRAGMA integrity_check``. Only then are the files extracted into a temp dir
beside the target (same file system), fsynced and renamed into place. An existing data dir is
replaced only when asked, and is kept aside as ``<dir>.before-restore-<UTC time>``.

A locked book's archive is restored only with its passphrase (it opens the archive's key file;
without it, or with a wrong one, nothing is written). The restored folder is that locked book,
under the same passphrase, and this process holds its key (as it would after opening it); a
plain book restored over a locked one leaves no key held for the folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.backup.archive import (
    ORIGINAL_MEMBER,
    ArchiveInfo,
    Cancelled,
    Meter,
    Progress,
    check_cancelled,
    copy_member,
    open_archive,
    refusal,
    verify_contents,
)
from desktop_app.backup.sealing import Passphrase
from desktop_app.errors import BackupError
from desktop_app.i18n import tr
from desktop_app.store import vault
from desktop_app.store.files import fsync_folder
from desktop_app.store.lock import WriteLock
from desktop_app.store.paths import DataPaths


@dataclass(frozen=True)
class RestoreResult:
    data_dir: Path
    previous: Path | None  # where the replaced data dir was put aside
    info: ArchiveInfo

    def to_json(self) -> dict[str, Any]:
        return {"data_dir": str(self.data_dir),
                "previous": None if self.previous is None else str(self.previous),
                **self.info.to_json()}


def utc_stamp(moment: datetime | None = None) -> str:
    """``20241101T093000Z``: sortable, safe in a file name on every system."""
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _check_target(target: Path, replace: bool) -> None:
    if target.exists() and not target.is_dir():
        raise BackupError(tr("{path} is not a folder.", path=target))
    if target.is_dir() and not replace and any(target.iterdir()):
        raise BackupError(tr("{path} is not empty; restore into an empty folder, or replace "
                             "the data folder (--replace).", path=target))


@dataclass
class StagedRestore:
    """A verified archive extracted beside its target, waiting to be renamed into place."""

    target: Path
    staging: Path
    replace: bool
    info: ArchiveInfo
    key: bytes | None = field(default=None, repr=False)  # a locked book's data key
    _done: bool = field(default=False, repr=False)

    def commit(self, moment: datetime | None = None) -> RestoreResult:
        """Put the restored data dir in place (the old one, if any, kept aside)."""
        if self._done:
            raise BackupError("this restore has already been finished")
        _check_target(self.target, self.replace)
        with _unused(self.target):
            return self._put_in_place(moment)

    def _put_in_place(self, moment: datetime | None) -> RestoreResult:
        previous: Path | None = None
        try:
            if self.target.is_dir() and any(self.target.iterdir()):
                previous = self.target.with_name(
                    f"{self.target.name}.before-restore-{utc_stamp(moment)}")
                n = 1
                while previous.exists():
                    n += 1
                    previous = previous.with_name(
                        f"{self.target.name}.before-restore-{utc_stamp(moment)}-{n}")
                os.rename(self.target, previous)
            elif self.target.is_dir():
                self.target.rmdir()
            try:
                os.rename(self.staging, self.target)
            except OSError:
                if previous is not None:
                    os.rename(previous, self.target)
                raise
        except OSError as exc:
            self.discard()
            raise BackupError(tr("The restored data could not be put in place: {error}",
                                 error=exc)) from None
        self._done = True
        fsync_folder(self.target.parent)
        if self.key is not None:  # the folder is that locked book now: its files seal with it
            vault.remember(self.target, self.key)
        else:
            vault.forget(self.target)
        return RestoreResult(self.target, previous, self.info)

    def discard(self) -> None:
        if not self._done:
            self._done = True
            _remove_tree(self.staging)


@contextlib.contextmanager
def _unused(target: Path) -> Iterator[None]:
    """Refuse to replace a data dir a window or a writing command has open (its write lock is
    held); hold that lock while the folders are swapped (on POSIX: Windows cannot rename a
    folder with an open file in it, so there the lock is only checked)."""
    paths = DataPaths(target)
    if not paths.write_lock.exists():  # never opened by Casebook: nobody can be using it
        yield
        return
    lock = WriteLock(paths)
    if not lock.acquire():
        raise BackupError(tr("Casebook is open in a window on {path}; close it first, or "
                             "restore from the window (File → Restore from backup…).",
                             path=target))
    if os.name == "nt":  # pragma: no cover - Windows only
        lock.release()
        yield
        return
    try:
        yield
    finally:
        lock.release()


def _remove_tree(path: Path) -> None:
    """Delete a staging dir, read-only evidence files included."""
    if not path.exists():
        return
    for dirpath, _dirnames, filenames in os.walk(path):
        with contextlib.suppress(OSError):
            os.chmod(dirpath, stat.S_IRWXU)
        for name in filenames:
            with contextlib.suppress(OSError):
                os.chmod(os.path.join(dirpath, name), stat.S_IREAD | stat.S_IWRITE)
    shutil.rmtree(path, ignore_errors=True)


def stage_restore(archive: str | os.PathLike[str], into: str | os.PathLike[str],
                  replace: bool = False, progress: Progress | None = None,
                  cancelled: Cancelled | None = None,
                  passphrase: Passphrase | None = None) -> StagedRestore:
    """Verify the archive, then extract it into a temp dir beside ``into``. A locked book's
    archive is opened with ``passphrase()`` (BookLocked without one, WrongPassphrase for a
    wrong one: nothing written)."""
    path = Path(archive).expanduser().absolute()
    target = Path(into).expanduser().absolute()
    _check_target(target, replace)
    with open_archive(path, passphrase) as zf:
        with tempfile.TemporaryDirectory(prefix="casebook-verify-") as w:
            # verifying takes the first half of the progress bar, extracting the second
            half = (lambda d, t: progress(d, 2 * t)) if progress is not None else None
            info, entries, members, key = verify_contents(zf, path, Path(w), half, cancelled,
                                                          passphrase)
        target.parent.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(target.parent).free
        if free < info.total_size + (64 << 20):
            raise BackupError(tr("Not enough free space in {path} to restore this backup "
                                 "({size} MB needed).", path=target.parent,
                                 size=info.total_size // (1 << 20) + 1))
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
        try:
            total = info.total_size
            meter = Meter(2 * total, progress)
            meter.done = total
            dirs: set[Path] = {staging}
            for e in entries:
                check_cancelled(cancelled)
                dest = staging.joinpath(*e.path.split("/"))
                if not dest.resolve().is_relative_to(staging.resolve()):  # belt and braces
                    raise refusal(tr("the member name {name} escapes the data folder",
                                     name=e.path))
                dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
                dirs.add(dest.parent)
                with open(dest, "xb") as out:
                    copy_member(zf, members[e.path], e, out, meter, cancelled)
                    out.flush()
                    os.fsync(out.fileno())
                original = ORIGINAL_MEMBER.fullmatch(e.path) is not None
                os.chmod(dest, stat.S_IREAD if original
                         else stat.S_IREAD | stat.S_IWRITE)
            for d in sorted(dirs, key=lambda p: len(p.parts), reverse=True):
                fsync_folder(d)
            if os.name == "posix":
                os.chmod(staging, 0o700)
        except BaseException:
            _remove_tree(staging)
            raise
    return StagedRestore(target, staging, replace, info, key)


def restore_backup(archive: str | os.PathLike[str], into: str | os.PathLike[str],
                   replace: bool = False, progress: Progress | None = None,
                   cancelled: Cancelled | None = None,
                   passphrase: Passphrase | None = None) -> RestoreResult:
    """Restore an archive into ``into``: an empty or missing folder, or (``replace``) an
    existing data dir, which is kept aside. A refused archive leaves everything as it was. A
    locked book's archive needs ``passphrase`` (see :func:`stage_restore`)."""
    staged = stage_restore(archive, into, replace, progress, cancelled, passphrase)
    try:
        return staged.commit()
    finally:
        staged.discard()
