"""Exhibits of a case: read them and their files, edit caption, "what it proves" and the entry
they belong to, remove and restore them (undo) — one at a time or many in one transaction —
and make an exhibit's previews when they are missing."""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Final

from desktop_app.errors import Invalid, NotFound
from desktop_app.evidence.file_store import EvidenceStore, StoredFile
from desktop_app.evidence.images import image_captured_at
from desktop_app.evidence.renditions import (
    DERIVED_KINDS,
    PREVIEW_OK,
    PREVIEW_TOO_LARGE,
    PREVIEW_UNDECODABLE,
    PREVIEW_UNSUPPORTED,
    THUMB,
    digest_of,
    make_many,
    wants_derivatives,
)
from desktop_app.i18n import tr
from desktop_app.reading.capture_time import pick_capture_time, time_from_name
from desktop_app.records import EvidenceRecord
from desktop_app.services.lookups import evidence_in, require_case, require_target
from desktop_app.store import reads
from desktop_app.store.paths import DataPaths
from desktop_app.timeutil import now

if TYPE_CHECKING:
    from sqlmodel import Session

    from desktop_app.services.book import Casebook


class Unset(enum.Enum):
    """The type of :data:`UNSET`: "leave this as it is" where None is a value."""

    UNSET = "UNSET"


UNSET: Final = Unset.UNSET


# a capture time and where it came from (see EvidenceRecord.captured_source)
Captured = tuple[datetime | None, str | None]


def capture_time_of(path: Path, mime: str, name: str, file_time: datetime | None) -> Captured:
    """When a file was made, and where that is known from: the photo's EXIF, else the time
    its name states (``Screenshot_20241123-101530.png``), else the file's modification time
    (of the file given, not of the store's copy). The import time is never taken for it.
    (The time a screenshot shows comes later, when its text is read.)"""
    exif = image_captured_at(path) if mime.startswith("image/") else None
    return pick_capture_time(exif=exif, filename=time_from_name(name), file_time=file_time)


def preview_note(code: str | None, mime: str) -> str:
    if code == PREVIEW_UNDECODABLE:
        return tr("no preview: the image cannot be decoded")
    if code == PREVIEW_UNSUPPORTED:
        return tr("no preview: {kind} images cannot be shown here",
                  kind=mime.partition("/")[2].upper())
    if code == PREVIEW_TOO_LARGE:
        return tr("no preview: the image is too large to show")
    if code is None:
        return tr("no preview: it could not be made")
    return ""


def insert_evidence(s: Session, w: ModuleType, con: sqlite3.Connection, case_id: int,
                     event_id: int | None, name: str, stored: StoredFile,
                     captured: Captured, caption: str, proves: str, note: str,
                     preview: bool) -> EvidenceRecord:
    captured_at, captured_source = captured
    draft = EvidenceRecord(
        id=0, case_id=case_id, exhibit_no=w.take_exhibit_no(s, case_id),
        sha256=stored.sha256, size=stored.size, mime=stored.mime, original_name=name,
        captured_at=captured_at, imported_at=now(), caption=caption.strip(),
        proves=proves.strip(), event_id=event_id, note=note, preview=preview,
        captured_source=captured_source if captured_at is not None else None)
    record = reads.get_evidence(con, w.insert_evidence(s, draft))
    assert record is not None
    if wants_derivatives(stored.mime):
        record_derivatives(s, w, con, stored.sha256)
    return record


def derived_path(store: EvidenceStore, sha256: str, kind: str) -> Path:
    return store.thumbnail_path(sha256) if kind == THUMB else store.rendition_path(sha256)


def record_derivatives(s: Session, w: ModuleType, con: sqlite3.Connection, sha256: str) -> None:
    """Record the SHA-256 of the derived files of ``sha256`` that are on disk and not on record
    yet: the ones just made for this import (copies found when 0006 ran are on record)."""
    # the store beside this database (the import's callers do not pass theirs)
    root = Path(con.execute("PRAGMA database_list").fetchone()[2]).parent
    store = EvidenceStore(DataPaths(root).evidence)
    recorded = reads.derived_digests(con, [sha256])
    for kind in DERIVED_KINDS:
        if (sha256, kind) in recorded:
            continue
        try:
            digest, size = digest_of(derived_path(store, sha256, kind))
        except OSError:
            continue
        w.record_derived(s, sha256, kind, digest, size)


class Evidence:
    """``book.evidence``."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def list_evidence(self, case_id: int) -> list[EvidenceRecord]:
        """A case's evidence by exhibit number."""
        with self.book.read() as con:
            require_case(con, case_id)
            return reads.case_evidence(con, case_id)

    def get_evidence(self, evidence_id: int) -> EvidenceRecord:
        with self.book.read() as con:
            return evidence_in(con, evidence_id)

    def evidence_file(self, evidence_id: int) -> Path:
        """The original file, byte-for-byte as imported (read-only: never write to it)."""
        record = self.get_evidence(evidence_id)
        path = self.book.store.locate(record.sha256, record.mime)
        if path is None:
            raise NotFound(tr("the file of {exhibit} is missing from the evidence store",
                              exhibit=record.exhibit))
        return path

    def thumbnail_file(self, evidence_id: int) -> Path | None:
        path = self.book.store.thumbnail_path(self.get_evidence(evidence_id).sha256)
        return path if path.is_file() else None

    def rendition_file(self, evidence_id: int) -> Path | None:
        """The print rendition (JPEG, upright, long side <= 1600 px) of an image."""
        path = self.book.store.rendition_path(self.get_evidence(evidence_id).sha256)
        return path if path.is_file() else None

    def update_evidence(self, evidence_id: int, *, caption: str | None = None,
                        proves: str | None = None,
                        event_id: int | Unset | None = UNSET) -> EvidenceRecord:
        """Change the caption, what it proves, or the entry it belongs to (None: no entry)."""
        with self.book.write() as (s, w, con):
            return update_in(s, w, con, evidence_id, caption, proves, event_id)

    def link_evidence(self, evidence_ids: Sequence[int], event_id: int | None,
                      ) -> list[tuple[EvidenceRecord, EvidenceRecord]]:
        """Put exhibits on a timeline entry (None: on the case as a whole), all in one
        transaction: (before, after) of each exhibit that moved. One refusal changes nothing."""
        moved = []
        with self.book.write() as (s, w, con):
            for evidence_id in evidence_ids:
                before = evidence_in(con, evidence_id)
                if before.event_id != event_id:
                    moved.append((before, update_in(s, w, con, evidence_id, None, None, event_id)))
        return moved

    def set_evidence(self, records: Sequence[EvidenceRecord]) -> list[EvidenceRecord]:
        """Give exhibits the caption, "what it proves" and entry of the records given (undo and
        redo of edits and moves), in one transaction. One refusal changes nothing."""
        with self.book.write() as (s, w, con):
            return [update_in(s, w, con, r.id, r.caption, r.proves, r.event_id) for r in records]

    def remove_evidence(self, evidence_id: int) -> EvidenceRecord:
        """Take evidence off its case. The file stays in the store and the exhibit number is
        not reused; the record returned brings it back with ``restore_evidence``."""
        with self.book.write() as (s, w, con):
            return remove_in(s, w, con, evidence_id)

    def remove_many(self, evidence_ids: Sequence[int]) -> list[EvidenceRecord]:
        """Remove exhibits in one transaction: all of them, or (on any refusal) none."""
        with self.book.write() as (s, w, con):
            return [remove_in(s, w, con, evidence_id) for evidence_id in evidence_ids]

    def restore_evidence(self, record: EvidenceRecord) -> EvidenceRecord:
        """Undo a removal (or an import): the same id and exhibit number."""
        with self.book.write() as (s, w, con):
            return restore_in(s, w, con, self.book.store, record)

    def restore_many(self, records: Sequence[EvidenceRecord]) -> list[EvidenceRecord]:
        """Undo the removal of several exhibits in one transaction: all, or none."""
        with self.book.write() as (s, w, con):
            return [restore_in(s, w, con, self.book.store, record) for record in records]

    def pending_renditions(self, case_id: int | None = None) -> list[int]:
        """Ids of the image exhibits whose thumbnail or print copy is not made yet (not on
        record in ``derived_file``) and that were not found impossible to make (a note says
        so): the queue of renditions, derived from the book, so it survives a restart. Oldest
        first."""
        where = ("e.mime LIKE 'image/%' AND e.note = '' AND (SELECT COUNT(*) FROM derived_file d"
                 " WHERE d.original_sha256 = e.sha256) < ?")
        params: list[object] = [len(DERIVED_KINDS)]
        if case_id is not None:
            where += " AND e.case_id = ?"
            params.append(case_id)
        with self.book.read() as con:
            rows = con.execute(f"SELECT e.id FROM evidence e WHERE {where} ORDER BY e.id",
                               params).fetchall()
        return [row[0] for row in rows]

    def make_pending_renditions(self, evidence_ids: Iterable[int] | None = None, *,
                                case_id: int | None = None,
                                progress: Callable[[int, int], None] | None = None,
                                cancelled: Callable[[], bool] | None = None,
                                ) -> list[EvidenceRecord]:
        """Make the renditions still pending (of these exhibits, or of the case, or of the
        whole book), each recorded as it is made; return the records changed. What the
        dossier calls before it needs a print copy; ``evidence add --wait`` and the window's
        background worker call it too. A removed exhibit is passed over."""
        pending = self.pending_renditions(case_id)
        if evidence_ids is not None:
            wanted = set(evidence_ids)
            pending = [i for i in pending if i in wanted]
        self._derive_in_workers(pending)
        made: list[EvidenceRecord] = []
        for done, evidence_id in enumerate(pending, 1):
            if cancelled is not None and cancelled():
                break
            try:
                made.append(self.make_derivatives(evidence_id, keep_unrecorded=True))
            except NotFound:
                continue
            if progress is not None:
                progress(done, len(pending))
        return made

    def _derive_in_workers(self, evidence_ids: list[int], least: int = 4) -> None:
        """Make the files of many pending renditions in worker processes (one per core),
        before they are recorded one by one here."""
        cores = min(os.cpu_count() or 1, 8)
        if cores < 2 or len(evidence_ids) < least:
            return
        with self.book.read() as con:
            records = [reads.get_evidence(con, i) for i in evidence_ids]
        jobs = [args for r in records if r is not None
                for args in [self.book.store.derive_args(r.sha256, r.mime)] if args is not None]
        if len(jobs) >= least:
            make_many(jobs, cores)

    def make_derivatives(self, evidence_id: int, *, keep_unrecorded: bool = False
                         ) -> EvidenceRecord:
        """Make the thumbnail and print rendition of an image if they are missing, or do not
        match their recorded SHA-256 (made afresh from the original, and recorded), and record
        whether there is a preview. Idempotent: nothing is written when nothing changed.
        ``keep_unrecorded``: a derived file not on record yet (just made by a worker process
        for a pending rendition) is recorded as it is, not made again."""
        record = self.get_evidence(evidence_id)
        if not wants_derivatives(record.mime):
            return record
        store, sha = self.book.store, record.sha256
        with self.book.read() as con:
            recorded = reads.derived_digests(con, [sha])
        for kind in DERIVED_KINDS:
            path = derived_path(store, sha, kind)
            known = recorded.get((sha, kind))
            if keep_unrecorded and known is None:
                continue
            if path.is_file() and _digest(path) != known:
                with contextlib.suppress(OSError):
                    os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
                    path.unlink()
        code: str | None
        try:
            code = store.derive(sha, record.mime)
        except OSError:
            code = None
        preview = code == PREVIEW_OK and store.has_preview(sha)
        note = "" if preview else preview_note(code, record.mime)
        made = {kind: _digest(derived_path(store, sha, kind)) for kind in DERIVED_KINDS}
        fresh = {k: d for k, d in made.items() if d is not None and d != recorded.get((sha, k))}
        if (preview, note) == (record.preview, record.note) and not fresh:
            return record
        with self.book.write() as (s, w, con):
            evidence_in(con, evidence_id)
            for kind in fresh:
                digest, size = digest_of(derived_path(store, sha, kind))
                w.record_derived(s, sha, kind, digest, size)
            if (preview, note) != (record.preview, record.note):
                w.update_evidence(s, evidence_id, {"preview": preview, "note": note})
                w.record_audit(s, "derive", "evidence", evidence_id,
                               {"preview": preview, "note": note})
            return evidence_in(con, evidence_id)


def _digest(path: Path) -> str | None:
    try:
        return digest_of(path)[0]
    except OSError:
        return None


def update_in(s: Session, w: ModuleType, con: sqlite3.Connection, evidence_id: int,
            caption: str | None, proves: str | None,
            event_id: int | Unset | None) -> EvidenceRecord:
    current = evidence_in(con, evidence_id)
    changes: dict[str, Any] = {}
    if caption is not None:
        changes["caption"] = caption.strip()
    if proves is not None:
        changes["proves"] = proves.strip()
    if not isinstance(event_id, Unset):
        if event_id is not None:
            require_target(con, current.case_id, event_id)
        changes["event_id"] = event_id
    changes = {k: v for k, v in changes.items() if getattr(current, k) != v}
    if not changes:
        return current
    w.update_evidence(s, evidence_id, changes)
    w.touch_case(s, current.case_id)
    w.record_audit(s, "update", "evidence", evidence_id, changes)
    return evidence_in(con, evidence_id)


def remove_in(s: Session, w: ModuleType, con: sqlite3.Connection,
            evidence_id: int) -> EvidenceRecord:
    record = evidence_in(con, evidence_id)
    w.delete_evidence(s, evidence_id)
    w.touch_case(s, record.case_id)
    w.record_audit(s, "remove", "evidence", evidence_id, record.to_json())
    return record


def restore_in(s: Session, w: ModuleType, con: sqlite3.Connection, store: EvidenceStore,
             record: EvidenceRecord) -> EvidenceRecord:
    require_case(con, record.case_id)
    if reads.get_evidence(con, record.id) is not None:
        raise Invalid(tr("evidence {id} exists already", id=record.id))
    if con.execute("SELECT 1 FROM evidence WHERE case_id = ? AND exhibit_no = ?",
                   (record.case_id, record.exhibit_no)).fetchone():
        raise Invalid(tr("exhibit {exhibit} exists already", exhibit=record.exhibit))
    same = reads.find_evidence(con, record.case_id, record.sha256)
    if same is not None:
        raise Invalid(tr("the same file is in this case already as {exhibit}",
                         exhibit=same.exhibit))
    if store.locate(record.sha256, record.mime) is None:
        raise Invalid(tr("the file of {exhibit} is missing from the evidence store",
                         exhibit=record.exhibit))
    event_id = record.event_id
    if event_id is not None and con.execute(
            "SELECT 1 FROM event WHERE id = ? AND case_id = ?",
            (event_id, record.case_id)).fetchone() is None:
        event_id = None  # its entry is gone meanwhile
    w.insert_evidence(s, dataclasses.replace(record, event_id=event_id), record.id)
    w.set_exhibit_counter(s, record.case_id, record.exhibit_no + 1)
    w.touch_case(s, record.case_id)
    restored = evidence_in(con, record.id)
    w.record_audit(s, "restore", "evidence", record.id, restored.to_json())
    return restored
