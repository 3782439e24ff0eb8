"""Files become exhibits: files and folders dropped, bytes pasted, and emails (an entry on the
timeline with the message and its attachments as exhibits). Each file is stored first
(content-addressed), then committed in its own transaction; thumbnails and print copies are
made in worker processes when a drop holds several images."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import ServiceError
from desktop_app.evidence.drops import display_name, file_mtime, files_in_folder
from desktop_app.evidence.file_store import SourceError, StoredFile
from desktop_app.evidence.renditions import (
    PREVIEW_OK,
    make_derivatives,
    wants_derivatives,
)
from desktop_app.evidence.sniffing import EMAIL_MIME, count_images, extension_for
from desktop_app.i18n import tr
from desktop_app.records import EventFields, EventRecord, EvidenceRecord, ImportOutcome
from desktop_app.services.evidence import (
    Captured,
    capture_time_of,
    insert_evidence,
    preview_note,
    remove_in,
    restore_in,
)
from desktop_app.services.lookups import event_in, require_case, require_target
from desktop_app.services.timeline import delete_event_in, restore_event_in
from desktop_app.services.validation import os_reason, validate_event
from desktop_app.store import reads, vault
from desktop_app.timeutil import now
from desktop_app.vocab import Channel, Direction
from desktop_app.workers import spawn_pool

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from desktop_app.evidence.mail import ParsedEmail
    from desktop_app.services.book import Casebook

# Derivatives go to worker processes when a drop holds at least this many images.
POOL_MIN_IMAGES = 4
MAX_WORKERS = 8


def _refusal(path: Path) -> str | None:
    """Why a path cannot be imported as one file, or None when it can."""
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return link_refusal()
        st = os.stat(path)
    except FileNotFoundError:
        return tr("no such file")
    except PermissionError:
        return tr("the file cannot be read: permission denied")
    except (OSError, ValueError) as exc:
        reason = os_reason(exc) if isinstance(exc, OSError) else str(exc)
        return tr("the file cannot be read: {reason}", reason=reason)
    if stat.S_ISDIR(st.st_mode):
        return tr("it is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        return tr("it is not a regular file (a device, pipe or socket)")
    if st.st_size == 0:
        return tr("the file is empty")
    return None


def link_refusal() -> str:
    return tr("it is a link; add the file it points to directly if you mean it")


def _repair_payload(stored: StoredFile) -> dict[str, object]:
    return {"sha256": stored.sha256, "size": stored.size,
            "file": stored.path.name}


def _malformed_note(reason: str) -> str:
    return tr("malformed email, kept as a file: {reason}", reason=reason)


@dataclasses.dataclass(frozen=True)
class _Prepared:
    """A file in the evidence store that is not evidence of the case yet."""

    source: str
    stored: StoredFile
    name: str
    captured_at: datetime | None
    captured_source: str | None


@dataclasses.dataclass
class _Pending:
    """One item of a drop on its way: refused already, or stored and maybe being derived."""

    outcome: ImportOutcome | None = None
    prepared: _Prepared | None = None
    future: Future[str] | None = None
    derive: bool = True

    def ready(self) -> bool:
        return self.future is None or self.future.done()


class _Prefetch:
    """Files stored (copied, hashed, fsynced) a few ahead of the one being committed, on
    threads: hashing and writing release the GIL, so one file's fsync overlaps the next one's
    copy. Results are taken in order; what was stored ahead and never taken is only bytes in
    the store (no row), as with any stopped import."""

    def __init__(self, prepare: Callable[[str, Path], _Prepared | ImportOutcome],
                 items: Sequence[tuple[str, Path | None, str | None]], threads: int) -> None:
        from concurrent.futures import ThreadPoolExecutor  # deferred: imports only

        self.prepare, self.items, self.ahead = prepare, items, threads * 2
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="store")
        self.futures: dict[int, Future[_Prepared | ImportOutcome]] = {}

    def get(self, index: int) -> _Prepared | ImportOutcome:
        for i in range(index, min(index + self.ahead, len(self.items))):
            source, path, _error = self.items[i]
            if i not in self.futures and path is not None:
                self.futures[i] = self.pool.submit(self.prepare, source, path)
        return self.futures.pop(index).result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


PREPARE_THREADS = 3


class EvidenceImport:
    """``book.imports``."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def import_file(self, case_id: int, path: str | os.PathLike[str], *,
                    event_id: int | None = None, caption: str = "", proves: str = "",
                    derive: bool = True) -> ImportOutcome:
        """Import one file. Problems with the file are returned as ``error``, not raised."""
        with self.book.read() as con:
            require_target(con, case_id, event_id)
        source = os.fspath(path)
        prepared = self._prepare_path(source, Path(source))
        if isinstance(prepared, ImportOutcome):
            return prepared
        return self._complete(case_id, event_id, caption, proves, prepared, derive)

    def import_bytes(self, case_id: int, data: bytes, name: str, *,
                     event_id: int | None = None, caption: str = "",
                     proves: str = "") -> ImportOutcome:
        """Import bytes that are no file yet (a screenshot pasted from the clipboard)."""
        with self.book.read() as con:
            require_target(con, case_id, event_id)
        if not data:
            return ImportOutcome(name, None, error=tr("the file is empty"))
        try:
            stored = self.book.store.put_bytes(data)
        except OSError as exc:
            return ImportOutcome(name, None, error=tr("the file could not be stored: {reason}",
                                                      reason=os_reason(exc)))
        shown = display_name(name) if name.strip() else f"pasted{extension_for(stored.mime)}"
        prepared = self._prepared(name, stored, shown, None)
        return self._complete(case_id, event_id, caption, proves, prepared, derive=True)

    def import_paths(self, case_id: int, paths: Iterable[str | os.PathLike[str]], *,
                     event_id: int | None = None, caption: str = "", proves: str = "",
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None,
                     workers: int | None = None, derive: bool = True) -> list[ImportOutcome]:
        """Import files and folders (the files inside, recursively). Each file is its own
        transaction; a refused file is an outcome with ``error`` and the others go on.

        Thumbnails and print renditions are made in worker processes when there are several
        images; with ``derive`` false they are not made here but left pending (each exhibit
        kept first, its renditions made later: :meth:`EvidenceService.make_pending_renditions`,
        from the book, so a crash in between loses nothing). ``progress(done, total)``
        follows each file; once ``cancelled()`` is true no further file becomes evidence (those
        done stay).
        """
        with self.book.read() as con:
            require_target(con, case_id, event_id)
        items = self._expand(paths)
        total = len(items)
        cores = min(workers if workers is not None else (os.cpu_count() or 1), MAX_WORKERS)
        use_pool = derive and cores > 1 and count_images(
            (path for _, path, _ in items if path is not None), POOL_MIN_IMAGES
        ) >= POOL_MIN_IMAGES
        pool: ProcessPoolExecutor | None = None
        outcomes: list[ImportOutcome] = []
        window: deque[_Pending] = deque()

        failure: list[str] = []  # why the book refused a file (a full disk): the rest stop

        def stop() -> bool:
            return bool(failure) or (cancelled is not None and cancelled())

        def finish_first() -> None:
            pending = window.popleft()
            try:
                outcome = self._finish_pending(case_id, event_id, caption, proves, pending)
            except ServiceError as exc:
                failure.append(str(exc))
                source = pending.prepared.source if pending.prepared else ""
                outcome = ImportOutcome(source, None, error=str(exc))
            outcomes.append(outcome)
            if progress is not None:
                progress(len(outcomes), total)

        taken = 0
        prefetch = _Prefetch(self._prepare_path, items, PREPARE_THREADS)
        try:
            for index, (source, path, error) in enumerate(items):
                if stop():
                    break
                taken += 1
                pending = _Pending(derive=derive)
                if path is None:
                    pending.outcome = ImportOutcome(source, None, error=error)
                else:
                    prepared = prefetch.get(index)
                    if isinstance(prepared, ImportOutcome):
                        pending.outcome = prepared
                    else:
                        pending.prepared = prepared
                        if use_pool and self._worth_deriving(case_id, prepared):
                            if pool is None:
                                pool = spawn_pool(cores)
                            pending.future = self._submit_derivation(pool, prepared)
                            use_pool = pending.future is not None  # a broken pool: here
                window.append(pending)
                while window and (window[0].ready() or len(window) > 2 * cores):
                    if stop():
                        break
                    finish_first()
                else:
                    continue
                break
            while window and not stop():
                finish_first()
        finally:
            prefetch.close()
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        if failure:  # those not done are said to be so, each by name (those kept stay kept)
            left = [p.prepared.source if p.prepared else (p.outcome.source if p.outcome else "")
                    for p in window] + [source for source, _path, _error in items[taken:]]
            outcomes.extend(ImportOutcome(source, None, error=tr(
                "not imported: the import stopped at the error before"), not_tried=True)
                for source in left)
        return outcomes

    def withdraw(self, evidence_ids: Sequence[int], event_ids: Sequence[int],
                 ) -> tuple[list[EvidenceRecord], list[EventRecord]]:
        """Undo an import in one transaction: the exhibits it added are removed and the
        entries it made (an email's) deleted; what is returned brings them back with
        :meth:`reinstate`. One refusal changes nothing."""
        with self.book.write() as (s, w, con):
            records = [remove_in(s, w, con, evidence_id) for evidence_id in evidence_ids]
            events = [delete_event_in(s, w, con, event_id) for event_id in event_ids]
        return records, events

    def reinstate(self, events: Sequence[EventRecord], records: Sequence[EvidenceRecord],
                  ) -> list[EvidenceRecord]:
        """Redo an import that :meth:`withdraw` undid, in one transaction."""
        with self.book.write() as (s, w, con):
            for event in events:
                restore_event_in(s, w, con, event)
            return [restore_in(s, w, con, self.book.store, record) for record in records]

    def _expand(self, paths: Iterable[str | os.PathLike[str]]
                ) -> list[tuple[str, Path | None, str | None]]:
        """(source, file path or None, refusal) for each file a drop holds."""
        items: list[tuple[str, Path | None, str | None]] = []
        for given in paths:
            source = os.fspath(given)
            path = Path(source)
            if path.is_symlink():  # a link given directly: not followed either
                items.append((source, None, link_refusal()))
                continue
            if not path.is_dir():
                items.append((source, path, None))
                continue
            problems: list[OSError] = []
            links: list[Path] = []
            found = files_in_folder(path, problems.append, links.append)
            items.extend((str(f), f, None) for f in found)
            items.extend((str(link), None, link_refusal()) for link in links)
            if problems and not found:
                items.append((source, None, tr("the folder cannot be read: {reason}",
                                               reason=os_reason(problems[0]))))
            elif not found:
                items.append((source, None, tr("the folder has no files to import")))
        return items

    def _prepare_path(self, source: str, path: Path) -> _Prepared | ImportOutcome:
        """Refuse the path, or stream its file into the store."""
        refusal = _refusal(path)
        if refusal is not None:
            return ImportOutcome(source, None, error=refusal)
        try:
            stored = self.book.store.put_file(path)
        except SourceError as exc:
            return ImportOutcome(source, None, error=tr("the file cannot be read: {reason}",
                                                        reason=os_reason(exc)))
        except OSError as exc:
            return ImportOutcome(source, None, error=tr("the file could not be stored: {reason}",
                                                        reason=os_reason(exc)))
        if stored.size == 0:
            return ImportOutcome(source, None, error=tr("the file is empty"))
        return self._prepared(source, stored, display_name(path), file_mtime(path))

    @staticmethod
    def _prepared(source: str, stored: StoredFile, name: str,
                  file_time: datetime | None) -> _Prepared:
        captured, where = capture_time_of(stored.path, stored.mime, name, file_time)
        return _Prepared(source, stored, name, captured, where)

    def _worth_deriving(self, case_id: int, prepared: _Prepared) -> bool:
        stored = prepared.stored
        if not wants_derivatives(stored.mime) or self.book.store.has_preview(stored.sha256):
            return False
        with self.book.read() as con:
            return reads.find_evidence(con, case_id, stored.sha256) is None

    def _submit_derivation(self, pool: ProcessPoolExecutor, prepared: _Prepared
                           ) -> Future[str] | None:
        from concurrent.futures.process import BrokenProcessPool  # deferred: ~27 ms, pools only

        args = self.book.store.derive_args(prepared.stored.sha256, prepared.stored.mime)
        if args is None:
            return None
        try:
            return pool.submit(make_derivatives, *args)
        except (BrokenProcessPool, RuntimeError):  # workers could not start: derive in-process
            return None

    def _finish_pending(self, case_id: int, event_id: int | None, caption: str, proves: str,
                        pending: _Pending) -> ImportOutcome:
        if pending.outcome is not None:
            return pending.outcome
        assert pending.prepared is not None
        derivation: str | None = None
        if pending.future is not None:
            try:
                derivation = pending.future.result()
            except Exception:  # a worker died: make them here instead
                derivation = None
        return self._complete(case_id, event_id, caption, proves, pending.prepared,
                              pending.derive, derivation)

    def _preview(self, stored: StoredFile, derive: bool,
                 derivation: str | None = None) -> tuple[bool, str]:
        """(preview, note) of a stored file, making its derived files if asked."""
        if not wants_derivatives(stored.mime):
            return False, ""
        if derivation is None:
            if not derive:
                return self.book.store.has_preview(stored.sha256), ""
            try:
                derivation = self.book.store.derive(stored.sha256, stored.mime)
            except OSError as exc:
                return False, tr("no preview: it could not be made ({reason})",
                                 reason=os_reason(exc))
        preview = derivation == PREVIEW_OK and self.book.store.has_preview(stored.sha256)
        return preview, "" if preview else preview_note(derivation, stored.mime)

    def _complete(self, case_id: int, event_id: int | None, caption: str, proves: str,
                  prepared: _Prepared, derive: bool,
                  derivation: str | None = None) -> ImportOutcome:
        """A stored file becomes evidence (or an email becomes a timeline entry)."""
        stored = prepared.stored
        with self.book.read() as con:
            existing = reads.find_evidence(con, case_id, stored.sha256)
        if existing is not None:
            if stored.repaired:
                self._record_repair(stored)
            return ImportOutcome(prepared.source, existing, duplicate=True,
                                 repaired=stored.repaired)
        if stored.mime == EMAIL_MIME:
            return self._complete_email(case_id, event_id, caption, proves, prepared, derive)
        preview, note = self._preview(stored, derive, derivation)
        if not note and prepared.name.casefold().endswith(".eml"):
            note = _malformed_note(tr("it does not begin with mail headers"))
        return self._commit_evidence(case_id, event_id, caption, proves, prepared,
                                     (prepared.captured_at, prepared.captured_source), preview,
                                     note)

    def _commit_evidence(self, case_id: int, event_id: int | None, caption: str, proves: str,
                         prepared: _Prepared, captured: Captured, preview: bool,
                         note: str) -> ImportOutcome:
        with self.book.write() as (s, w, con):
            require_target(con, case_id, event_id)
            existing = reads.find_evidence(con, case_id, prepared.stored.sha256)
            if existing is not None:
                return ImportOutcome(prepared.source, existing, duplicate=True)
            record = insert_evidence(s, w, con, case_id, event_id, prepared.name,
                                     prepared.stored, captured, caption, proves, note, preview)
            w.touch_case(s, case_id)
            w.record_audit(s, "import", "evidence", record.id, record.to_json())
            if prepared.stored.repaired:
                w.record_audit(s, "repair", "store", None, _repair_payload(prepared.stored))
            return ImportOutcome(prepared.source, record, repaired=prepared.stored.repaired)

    def _record_repair(self, stored: StoredFile) -> None:
        """The audit log says when a damaged stored copy was replaced by good bytes."""
        with self.book.write() as (s, w, _con):
            w.record_audit(s, "repair", "store", None, _repair_payload(stored))

    def _complete_email(self, case_id: int, event_id: int | None, caption: str, proves: str,
                        prepared: _Prepared, derive: bool) -> ImportOutcome:
        from desktop_app.evidence.mail import (  # deferred: email package ~23 ms, .eml only
            MAX_EMAIL_BYTES,
            MalformedEmail,
            parse_email,
        )

        stored = prepared.stored
        parsed: ParsedEmail | None = None
        note = ""
        if stored.size > MAX_EMAIL_BYTES:
            note = _malformed_note(tr("it is too large to read as an email"))
        else:
            try:
                parsed = parse_email(vault.read_bytes(stored.path))
            except MalformedEmail as exc:
                note = _malformed_note(exc.reason)
        if parsed is None or event_id is not None:
            # kept as a file: on the entry it was dropped on, or (malformed) on none
            captured: Captured = (prepared.captured_at, prepared.captured_source)
            if parsed is not None and parsed.date:
                captured = (parsed.date, "email")
            return self._commit_evidence(case_id, event_id, caption, proves, prepared,
                                         captured, False, note)
        return self._import_email_event(case_id, caption, proves, prepared, parsed, derive)

    def _email_direction(self, parsed: ParsedEmail) -> str:
        """"out" when the sender is an address the user has used before, else "in"."""
        from email.utils import getaddresses  # deferred: email package ~23 ms, .eml only

        sender = parsed.sender[0].address.casefold() if parsed.sender else ""
        if not sender:
            return Direction.IN
        with self.book.read() as con:
            fields = reads.own_email_fields(con)
        own = {address.casefold() for _, address in getaddresses(fields) if address}
        return Direction.OUT if sender in own else Direction.IN

    def _import_email_event(self, case_id: int, caption: str, proves: str,
                            prepared: _Prepared, parsed: ParsedEmail,
                            derive: bool) -> ImportOutcome:
        """The email becomes a timeline entry with the .eml and its attachments as evidence,
        all in one transaction."""
        from desktop_app.evidence.mail import format_addresses  # deferred: as above, .eml only

        notes = []
        if parsed.date is None:
            notes.append(tr("the message has no readable date; the file's time is used"))
        if parsed.incomplete:
            notes.append(tr("the message may be cut off: its closing MIME boundary is missing"))
        if parsed.empty_attachments:
            notes.append(tr("empty attachments left out: {names}",
                            names=", ".join(parsed.empty_attachments)))
        attachments: list[tuple[str, StoredFile, Captured, bool, str]] = []
        for attachment in parsed.attachments:
            try:
                stored = self.book.store.put_bytes(attachment.data)
            except OSError as exc:
                return ImportOutcome(prepared.source, None,
                                     error=tr("the file could not be stored: {reason}",
                                              reason=os_reason(exc)))
            name = display_name(attachment.filename.replace("\\", "/")).strip()
            name = name or f"attachment{extension_for(stored.mime)}"
            captured = capture_time_of(stored.path, stored.mime, name, None)
            if captured[1] in (None, "filename") and parsed.date:
                captured = (parsed.date, "email")  # the mail's Date beats a name's digits
            preview, preview_note = self._preview(stored, derive)
            attachments.append((name, stored, captured, preview, preview_note))

        direction = self._email_direction(parsed)
        other = parsed.sender if direction == Direction.IN else parsed.to
        at = parsed.date or prepared.captured_at or now()
        fields = validate_event(EventFields(
            at=at, channel=Channel.EMAIL, direction=direction,
            counterpart=(other[0].name or other[0].address) if other else "",
            email_from=format_addresses(parsed.sender), email_to=format_addresses(parsed.to),
            email_cc=format_addresses(parsed.cc), summary=parsed.subject, details=parsed.body))

        with self.book.write() as (s, w, con):
            require_case(con, case_id)
            existing = reads.find_evidence(con, case_id, prepared.stored.sha256)
            if existing is not None:
                return ImportOutcome(prepared.source, existing, duplicate=True)
            event_id = w.insert_event(s, case_id, fields)
            w.touch_case(s, case_id)
            message = insert_evidence(s, w, con, case_id, event_id, prepared.name,
                                      prepared.stored,
                                      # the entry needs a time; the exhibit is not said to
                                      # be made at import when nothing tells when it was
                                      (parsed.date, "email") if parsed.date else
                                      (prepared.captured_at, prepared.captured_source),
                                      caption, proves, "; ".join(notes), False)
            records = []
            for name, stored, captured, preview, preview_note in attachments:
                if reads.find_evidence(con, case_id, stored.sha256) is not None:
                    continue  # already evidence of this case
                records.append(insert_evidence(s, w, con, case_id, event_id, name,
                                                     stored, captured, "", "", preview_note,
                                                     preview))
            event = event_in(con, event_id)
            w.record_audit(s, "import_email", "event", event_id, {
                "event": event.to_json(),
                "evidence": [message.to_json(), *(r.to_json() for r in records)]})
            return ImportOutcome(prepared.source, message, created_event_id=event_id,
                                 attachments=tuple(records))


