"""Verify a data directory: the evidence files, the rows that record them, the audit chain and
the database file. ``casebook verify [CASE]``, Tools → Verify… in the window, and before every
dossier export.

What is checked:

- every evidence row's original file is in the store and its SHA-256, computed again from the
  bytes, is the one recorded at import;
- whole book only (not with a case): every file in the store's originals area
  (``evidence/ab/…``) is a file the store wrote — named by the SHA-256 of its content, with the
  extension of a known type — and its content still hashes to its name;
- the audit chain, always whole (there is one chain for the whole book), entry by entry;
- ``PRAGMA integrity_check`` of the database file (a book is small: the full check, indexes
  against their tables, takes milliseconds).

Problems and notes. A *problem* makes verify fail (exit 1, the export refused): an exhibit whose
file is missing, unreadable or changed; a file in the originals area that is not a store file,
or whose content no longer matches its name; an audit entry that does not hash or link as
recorded; a damaged database file. A *note* is worth knowing but is not a failure: a well-formed
original that no exhibit uses — left by a removed exhibit (the file is kept so the removal can be
undone) or by an import interrupted between storing the file and recording it — and an image
exhibit whose thumbnail or print rendition is missing, or no longer hashes to the SHA-256 recorded
when Casebook made it, or has none on record (they are derived from the original, which is what
counts: the export never prints such a copy, it makes one afresh from the original). The
store's ``tmp/`` (imports under way) and ``derived/`` folders are not walked file by file (an
exhibit's own derived copies are checked as above).

Nothing here writes: the database is read over its own plain sqlite3 connection (no ORM), and
the store is looked at, never tidied.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from desktop_app.errors import EncryptedFileDamaged, NotFound
from desktop_app.evidence.file_store import CHUNK, EvidenceStore
from desktop_app.evidence.plain_copies import plain_digest
from desktop_app.evidence.renditions import PRINT, THUMB
from desktop_app.evidence.sniffing import EXTENSIONS
from desktop_app.i18n import tr
from desktop_app.store import audit_chain, reads, row_hashes, vault
from desktop_app.timeutil import iso, now

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook

# Problems
FILE_MISSING = "file_missing"
FILE_CHANGED = "file_changed"
FILE_UNREADABLE = "file_unreadable"
STRAY_FILE = "stray_file"          # in the originals area, but not a name the store gives
DAMAGED_FILE = "damaged_file"      # a store name whose content no longer hashes to it
AUDIT_ENTRY = "audit_entry"
DATABASE = "database"
ROW_CHANGED = "row_changed"  # a row whose content no audit entry explains
# Notes
UNUSED_FILE = "unused_file"
NO_PREVIEW = "no_preview"
DERIVED_CHANGED = "derived_changed"  # a thumbnail or print copy that does not match its record
DERIVED_UNRECORDED = "derived_unrecorded"  # one with no SHA-256 on record
REDACTION_KEY = "exhibit {id}"  # the recorded digests' key of an exhibit's redacted copy

_STORE_NAME = re.compile(r"([0-9a-f]{64})(\.[0-9a-z]+)")
_KNOWN_EXTENSIONS = frozenset(EXTENSIONS.values())


class VerifyCancelled(Exception):
    """The user stopped the check before it was done."""


@dataclass(frozen=True)
class Finding:
    """One problem or note, with what it is about (whichever applies)."""

    kind: str
    message: str  # for the user, translated
    case_id: int | None = None
    exhibit_no: int | None = None
    evidence_id: int | None = None
    audit_entry_id: int | None = None
    path: str | None = None

    @property
    def exhibit(self) -> str | None:
        return None if self.exhibit_no is None else f"E{self.exhibit_no}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "case_id": self.case_id,
                "exhibit": self.exhibit, "exhibit_no": self.exhibit_no,
                "evidence_id": self.evidence_id, "audit_entry_id": self.audit_entry_id,
                "path": self.path}


@dataclass(frozen=True)
class VerifyReport:
    case_id: int | None  # None: the whole book
    problems: tuple[Finding, ...]
    notes: tuple[Finding, ...]
    exhibits_checked: int
    files_checked: int
    bytes_checked: int
    audit_entries: int
    audit_head: str
    checked_at: datetime = field(default_factory=now)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line for the user."""
        counts: dict[str, Any] = {"files": tr("{n} evidence file(s)", n=self.files_checked),
                                  "size": size_text(self.bytes_checked),
                                  "entries": self.audit_entries,
                                  "problems": tr("{n} problem(s) found", n=len(self.problems))}
        whole, ok = self.case_id is None, self.ok
        if whole and ok:
            text = tr("Verified {files} ({size}) and an audit chain of {entries}: all intact",
                      **counts)
        elif whole:
            text = tr("Verified {files} ({size}) and an audit chain of {entries}: {problems}",
                      **counts)
        elif ok:
            text = tr("Case {case}: verified {files} ({size}) and an audit chain of {entries}:"
                      " all intact", case=self.case_id, **counts)
        else:
            text = tr("Case {case}: verified {files} ({size}) and an audit chain of {entries}:"
                      " {problems}", case=self.case_id, **counts)
        if self.notes:
            text += tr(" ({n} note(s), not problems)", n=len(self.notes))
        return text

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "case_id": self.case_id, "summary": self.summary(),
                "problems": [p.to_json() for p in self.problems],
                "notes": [n.to_json() for n in self.notes],
                "exhibits_checked": self.exhibits_checked,
                "files_checked": self.files_checked, "bytes_checked": self.bytes_checked,
                "audit_entries": self.audit_entries, "audit_head": self.audit_head,
                "checked_at": iso(self.checked_at)}


def size_text(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{n} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class _Row:
    id: int
    case_id: int
    exhibit_no: int
    sha256: str
    mime: str
    original_name: str
    preview: bool

    def finding(self, kind: str, message: str, path: Path | None = None) -> Finding:
        return Finding(kind, message, case_id=self.case_id, exhibit_no=self.exhibit_no,
                       evidence_id=self.id, path=None if path is None else str(path))

    def words(self) -> dict[str, Any]:
        return {"case": self.case_id, "exhibit": f"E{self.exhibit_no}",
                "name": self.original_name}


class _Meter:
    """Bytes hashed so far, reported as (done, total); cancellation checked per chunk."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.total = max(total, 0)
        self.done = 0
        self.progress = progress
        self.cancelled = cancelled or (lambda: False)

    def check(self) -> None:
        if self.cancelled():
            raise VerifyCancelled(tr("the check was cancelled"))

    def add(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


def _sha256(path: Path, meter: _Meter) -> tuple[str, int]:
    """Hash a file in chunks; (hex digest, bytes read)."""
    digest = hashlib.sha256()
    size = 0
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    try:
        with vault.open_read(path) as fh:  # a locked book's files: their plain bytes
            while n := cast(io.BufferedIOBase, fh).readinto(buffer):
                meter.check()
                digest.update(view[:n])
                size += n
                meter.add(n)
    except EncryptedFileDamaged:
        return "", size  # a sealed file that fails its check: matches no SHA-256 (damaged)
    finally:
        view.release()
    return digest.hexdigest(), size


def _store_files(store: EvidenceStore) -> list[Path]:
    """Every file under the store's root, but for ``tmp/`` and ``derived/``."""
    skipped = {store.temp_dir.name, store.derived_dir.name}
    found: list[Path] = []
    if not store.root.is_dir():
        return found
    for root, dirs, files in os.walk(store.root):
        base = Path(root)
        if base == store.root:
            dirs[:] = [d for d in dirs if d not in skipped]
        dirs.sort()
        found.extend(base / name for name in sorted(files))
    return found


def _well_formed(store: EvidenceStore, path: Path) -> str | None:
    """The SHA-256 a store file is named by, or None if this is not a name the store gives."""
    match = _STORE_NAME.fullmatch(path.name)
    if (match is None or match.group(2) not in _KNOWN_EXTENSIONS
            or path.parent.parent != store.root or path.parent.name != match.group(1)[:2]):
        return None
    return match.group(1)


def _shown(path: Path, data_dir: Path) -> str:
    try:
        return str(path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _derived_notes(store: EvidenceStore, row: _Row, recorded: dict[tuple[str, str], str]
                   ) -> list[Finding]:
    """Notes on an image's thumbnail and print copy that are there but are not the copies
    Casebook made (changed since, or never recorded)."""
    found = []
    for kind, path, what in ((THUMB, store.thumbnail_path(row.sha256), tr("thumbnail")),
                             (PRINT, store.rendition_path(row.sha256), tr("print copy"))):
        try:
            actual = plain_digest(path)[0]
        except EncryptedFileDamaged:
            actual = ""  # sealed, and fails its check: changed
        except OSError:
            continue  # missing: said above when it matters
        expected = recorded.get((row.sha256, kind))
        if expected is None:
            found.append(row.finding(DERIVED_UNRECORDED, tr(
                "Case {case}, exhibit {exhibit} ({name}): its {what} has no SHA-256 on record; "
                "the dossier does not print it but makes a copy afresh from the original",
                what=what, **row.words()), path))
        elif actual != expected:
            found.append(row.finding(DERIVED_CHANGED, tr(
                "Case {case}, exhibit {exhibit} ({name}): its {what} no longer matches the "
                "SHA-256 recorded when it was made; the dossier does not print it but makes a "
                "copy afresh from the original (the original is intact)",
                what=what, **row.words()), path))
    redacted = recorded.get((REDACTION_KEY.format(id=row.id), "redacted"))
    if redacted is not None:
        path = store.redacted_path(redacted)
        try:
            intact = plain_digest(path)[0] == redacted
        except (OSError, EncryptedFileDamaged):
            intact = False
        if not intact:
            found.append(row.finding(DERIVED_CHANGED, tr(
                "Case {case}, exhibit {exhibit} ({name}): its redacted copy is missing or no "
                "longer matches the SHA-256 recorded when it was made; the dossier makes one "
                "afresh from the original with the same boxes", **row.words()), path))
    return found


def _read_database(book: Casebook, case_id: int | None
                   ) -> tuple[list[_Row], audit_chain.ChainState, list[str],
                              dict[tuple[str, str], str], list[Finding]]:
    """The evidence rows, the chain walked, what integrity_check says, and the recorded
    SHA-256 of the derived files, from one snapshot."""
    con = reads.connect(book.paths.database)
    try:
        con.execute("BEGIN")
        if case_id is not None and con.execute(
                'SELECT 1 FROM "case" WHERE id = ?', (case_id,)).fetchone() is None:
            raise NotFound(tr("no case with id {id}", id=case_id))
        where, params = ("WHERE case_id = ?", (case_id,)) if case_id is not None else ("", ())
        rows = [_Row(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in con.execute(
            "SELECT id, case_id, exhibit_no, sha256, mime, original_name, preview"
            f" FROM evidence {where} ORDER BY case_id, exhibit_no, id", params)]
        state = audit_chain.walk(con)
        # rows are held to the log only when the log itself is whole (its own problems are
        # reported, and an entry changed by hand vouches for nothing)
        changed_rows = _rows_changed_outside(con, case_id) if state.intact else []
        derived = reads.derived_digests(con, [r.sha256 for r in rows])
        derived.update({(REDACTION_KEY.format(id=i), "redacted"): r.sha256
                        for i, r in reads.redactions(con, [r.id for r in rows]).items()})
        checked = [str(r[0]) for r in con.execute("PRAGMA integrity_check")]
        con.execute("COMMIT")
    finally:
        con.close()
    damage = [] if checked == ["ok"] else checked
    return rows, state, damage, derived, changed_rows


def _order(finding: Finding) -> tuple[int, int, int, str, int]:
    """The database first, then exhibits by case and number, store files, audit entries."""
    if finding.kind == DATABASE:
        return (0, 0, 0, "", 0)
    if finding.case_id is not None:
        return (1, finding.case_id, finding.exhibit_no or 0, "", 0)
    if finding.audit_entry_id is not None:
        return (3, 0, 0, "", finding.audit_entry_id)
    return (2, 0, 0, finding.path or "", 0)


def _rows_changed_outside(con: sqlite3.Connection, case_id: int | None) -> list[Finding]:
    """Every row (of the case, and its institution, when one case is checked) whose content is
    not what the audit log last recorded for it: changed, added or deleted behind Casebook's
    back. Rows are named as a person knows them: case, entry, exhibit, institution."""
    vouched = row_hashes.recorded(text for (text,) in con.execute(
        "SELECT payload FROM audit_entry ORDER BY id"))
    current = row_hashes.all_row_hashes(con)
    cases = {i: t for i, t in con.execute('SELECT id, institution_id FROM "case"')}
    events = dict(con.execute("SELECT id, case_id FROM event"))
    exhibits = {i: (c, n) for i, c, n in con.execute(
        "SELECT id, case_id, exhibit_no FROM evidence")}
    names = dict(con.execute("SELECT id, name FROM institution"))
    findings: list[Finding] = []
    for key in sorted(set(current) | {k for k, v in vouched.items() if v is not None},
                      key=lambda k: (k.split(":")[0], int(k.split(":")[1]))):
        if current.get(key) == vouched.get(key):
            continue
        entity, _, raw_id = key.partition(":")
        row_id = int(raw_id)
        gone = key not in current
        owner: int | None
        if entity == "case":
            owner, what = row_id, tr("Case {case}", case=row_id)
        elif entity == "event":
            owner = events.get(row_id)
            what = (tr("Case {case}, entry {event}", case=owner, event=row_id)
                    if owner is not None else tr("Entry {event}", event=row_id))
        elif entity == "evidence":
            owner, number = exhibits.get(row_id, (None, None))
            what = (tr("Case {case}, exhibit E{number}", case=owner, number=number)
                    if owner is not None else tr("Exhibit {id}", id=row_id))
        else:
            owner = None
            what = tr("Institution {name}", name=names.get(row_id, row_id))
        if case_id is not None and owner != case_id and not (
                entity == "institution" and cases.get(case_id) == row_id):
            continue
        message = (tr("{what}: deleted outside Casebook", what=what) if gone
                   else tr("{what}: changed outside Casebook", what=what))
        findings.append(Finding(ROW_CHANGED, message, case_id=owner,
                                exhibit_no=exhibits.get(row_id, (None, None))[1]
                                if entity == "evidence" else None,
                                evidence_id=row_id if entity == "evidence" else None))
    return findings


def _audit_finding(problem: audit_chain.ChainProblem) -> Finding:
    if problem.kind == audit_chain.BROKEN_LINK:
        message = tr("Audit entry {id} does not follow the entry before it: an entry was "
                     "removed, inserted or changed", id=problem.entry_id)
    elif problem.kind == audit_chain.UNREADABLE:
        message = tr("Audit entry {id}: its time cannot be read; it was changed after it was "
                     "written", id=problem.entry_id)
    else:
        message = tr("Audit entry {id} was changed after it was written", id=problem.entry_id)
    return Finding(AUDIT_ENTRY, message, audit_entry_id=problem.entry_id)


def verify(book: Casebook, case_id: int | None = None,
           progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> VerifyReport:
    """Check the whole book, or one case's exhibits (and the whole audit chain).

    ``progress(done, total)`` is called with bytes hashed; ``cancelled()`` is polled between
    chunks and stops the check with :class:`VerifyCancelled`. An unknown case raises
    ``NotFound``.
    """
    rows, state, damage, derived, changed_rows = _read_database(book, case_id)
    store = EvidenceStore(book.paths.evidence)  # not book.store: that one tidies tmp/
    data_dir = book.paths.root
    problems: list[Finding] = []
    notes: list[Finding] = []
    if damage:
        problems.append(Finding(DATABASE, tr(
            "The database file is damaged: {detail}", detail="; ".join(damage[:5]))))

    # which rows each stored file holds (the same bytes may be evidence of several cases)
    holders: dict[Path, list[_Row]] = {}
    for row in rows:
        path = store.locate(row.sha256, row.mime)
        if path is None:
            problems.append(row.finding(FILE_MISSING, tr(
                "Case {case}, exhibit {exhibit} ({name}): the file is missing from the "
                "evidence store", **row.words())))
        else:
            holders.setdefault(path, []).append(row)
    others: list[tuple[Path, str | None]] = []
    if case_id is None:
        others = [(p, _well_formed(store, p)) for p in _store_files(store) if p not in holders]
        for path, sha in others:
            if sha is None:
                problems.append(Finding(STRAY_FILE, tr(
                    "{path}: not a file of the evidence store (its files are named by the "
                    "SHA-256 of their content)", path=_shown(path, data_dir)), path=str(path)))

    to_hash = list(holders) + [p for p, sha in others if sha is not None]
    sizes = {}
    for path in to_hash:
        try:
            sizes[path] = path.stat().st_size
        except OSError:
            sizes[path] = 0
    meter = _Meter(sum(sizes.values()), progress, cancelled)
    meter.check()
    if progress is not None:
        progress(0, meter.total)
    files = 0
    read = 0
    for path, held in holders.items():
        meter.check()
        try:
            actual, size = _sha256(path, meter)
        except FileNotFoundError:
            problems += [row.finding(FILE_MISSING, tr(
                "Case {case}, exhibit {exhibit} ({name}): the file is missing from the "
                "evidence store", **row.words()), path) for row in held]
            continue
        except OSError as exc:
            problems += [row.finding(FILE_UNREADABLE, tr(
                "Case {case}, exhibit {exhibit} ({name}): the file cannot be read: {error}",
                error=exc.strerror or exc, **row.words()), path) for row in held]
            continue
        files += 1
        read += size
        for row in held:
            if actual != row.sha256:
                problems.append(row.finding(FILE_CHANGED, tr(
                    "Case {case}, exhibit {exhibit} ({name}) no longer matches its recorded "
                    "SHA-256: the file was changed or damaged after it was recorded",
                    **row.words()), path))
            elif (row.preview and row.mime.startswith("image/")
                  and not store.has_preview(row.sha256)):
                notes.append(row.finding(NO_PREVIEW, tr(
                    "Case {case}, exhibit {exhibit} ({name}): its thumbnail or print rendition "
                    "is missing (the original is intact)", **row.words()), path))
            elif row.mime.startswith("image/") or row.mime == "application/pdf":  # a PDF's
                notes += _derived_notes(store, row, derived)  # redacted copy, if it has one
    for path, sha in others:
        if sha is None:
            continue
        meter.check()
        shown = _shown(path, data_dir)
        try:
            actual, size = _sha256(path, meter)
        except FileNotFoundError:
            continue  # gone meanwhile (an undo's clean-up, say): nothing to check
        except OSError as exc:
            problems.append(Finding(FILE_UNREADABLE, tr(
                "{path}: the file cannot be read: {error}", path=shown,
                error=exc.strerror or exc), path=str(path)))
            continue
        files += 1
        read += size
        if actual != sha:
            problems.append(Finding(DAMAGED_FILE, tr(
                "{path}: its content no longer matches the SHA-256 it is named by: the file "
                "was changed or damaged", path=shown), path=str(path)))
        else:
            notes.append(Finding(UNUSED_FILE, tr(
                "{path}: kept in the store, but no exhibit uses it (left by a removed exhibit, "
                "so that the removal can be undone, or by an interrupted import)", path=shown),
                path=str(path)))
    problems += [_audit_finding(p) for p in state.problems]
    problems += changed_rows
    if progress is not None:
        progress(meter.total, meter.total)
    return VerifyReport(case_id, tuple(sorted(problems, key=_order)),
                        tuple(sorted(notes, key=_order)), len(rows), files, read,
                        state.entries, state.head)
