"""``desktop_app.backup.verify``: every evidence file re-hashed, rows against files, the audit
chain walked (over plain sqlite3, agreeing with the ORM's walk), on real data dirs whose files
are then damaged behind the app's back."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from evidence_samples import CASE, image_bytes, pdf_bytes
from pypdf import PdfReader
from raw_sqlite import query
from sqlmodel import col, select

from desktop_app.backup.verify import (
    AUDIT_ENTRY,
    DAMAGED_FILE,
    DATABASE,
    FILE_CHANGED,
    FILE_MISSING,
    NO_PREVIEW,
    STRAY_FILE,
    UNUSED_FILE,
    VerifyCancelled,
    verify,
)
from desktop_app.dossier import build_dossier
from desktop_app.errors import NotFound
from desktop_app.records import CaseFields, EventFields
from desktop_app.services.book import Casebook
from desktop_app.store import audit_chain
from desktop_app.store.engine import read_session
from desktop_app.store.tables import AuditEntry
from desktop_app.timeutil import parse_time


@dataclass
class Book:
    book: Casebook
    case_a: int
    case_b: int
    receipt: int  # case A, E1: 收据.png (its bytes are also case B's E2)
    statement: int  # case A, E2: 对账单.pdf
    letter: int  # case B, E1: 回函.pdf


@pytest.fixture
def sample(book: Casebook) -> Book:
    a = book.cases.create_case(CASE).id
    b = book.cases.create_case(CaseFields(title="信用卡年费争议", institution_name="招商银行")).id
    png = image_bytes("PNG", text="receipt")
    receipt = book.imports.import_bytes(a, png, "收据.png").record
    statement = book.imports.import_bytes(a, pdf_bytes("statement"), "对账单.pdf").record
    letter = book.imports.import_bytes(b, pdf_bytes("reply letter"), "回函.pdf").record
    shared = book.imports.import_bytes(b, png, "收据副本.png").record
    assert receipt
    assert statement
    assert letter
    assert shared
    assert shared.sha256 == receipt.sha256
    return Book(book, a, b, receipt.id, statement.id, letter.id)


def event_fields() -> EventFields:
    return EventFields(at=parse_time("2024-11-02 10:00"), channel="call", summary="致电客服")


def stored(book: Casebook, evidence_id: int) -> Path:
    return book.evidence.evidence_file(evidence_id)


def flip_a_byte(path: Path, at: int = -1) -> None:
    os.chmod(path, 0o644)  # originals are read-only
    data = bytearray(path.read_bytes())
    data[at] ^= 0x01
    path.write_bytes(bytes(data))


def test_a_clean_book_verifies(sample: Book) -> None:
    progress: list[tuple[int, int]] = []
    report = verify(sample.book, progress=lambda done, total: progress.append((done, total)))
    assert report.ok, report.problems
    assert report.problems == ()
    assert report.notes == ()
    assert report.exhibits_checked == 4
    assert report.files_checked == 3  # the shared screenshot is one file
    total = sum(stored(sample.book, i).stat().st_size
                for i in (sample.receipt, sample.statement, sample.letter))
    assert report.bytes_checked == total
    assert report.audit_entries == query(sample.book.paths.database,
                                         "SELECT count(*) FROM audit_entry")[0][0]
    assert report.audit_head == sample.book.audit_head()
    assert progress[0] == (0, total)
    assert progress[-1] == (total, total)
    assert report.summary().startswith("Verified 3 evidence files (")
    assert report.summary().endswith(": all intact")


def test_a_flipped_byte_names_that_case_and_exhibit(sample: Book) -> None:
    flip_a_byte(stored(sample.book, sample.statement), at=20)
    report = verify(sample.book)
    assert not report.ok
    assert [(p.kind, p.case_id, p.exhibit_no, p.evidence_id) for p in report.problems] == [
        (FILE_CHANGED, sample.case_a, 2, sample.statement)]
    message = report.problems[0].message
    assert f"Case {sample.case_a}, exhibit E2 (对账单.pdf)" in message
    assert "no longer matches its recorded SHA-256" in message
    assert "1 problem found" in report.summary()


def test_a_flipped_byte_in_a_shared_file_names_every_exhibit_holding_it(sample: Book) -> None:
    flip_a_byte(stored(sample.book, sample.receipt))
    report = verify(sample.book)
    assert [(p.kind, p.case_id, p.exhibit_no) for p in report.problems] == [
        (FILE_CHANGED, sample.case_a, 1), (FILE_CHANGED, sample.case_b, 2)]


def test_a_deleted_file_is_missing(sample: Book) -> None:
    path = stored(sample.book, sample.letter)
    path.unlink()
    report = verify(sample.book)
    assert [(p.kind, p.case_id, p.exhibit_no) for p in report.problems] == [
        (FILE_MISSING, sample.case_b, 1)]
    assert "回函.pdf" in report.problems[0].message
    assert "missing" in report.problems[0].message


def test_a_stray_file_in_the_store_is_a_problem(sample: Book) -> None:
    evidence = sample.book.paths.evidence
    shard = stored(sample.book, sample.receipt).parent
    (shard / "照片.jpg").write_bytes(b"not named by its hash")
    (evidence / "notes.txt").write_text("left here by hand")
    report = verify(sample.book)
    assert sorted((p.kind, Path(p.path or "").name) for p in report.problems) == [
        (STRAY_FILE, "notes.txt"), (STRAY_FILE, "照片.jpg")]
    assert all("not a file of the evidence store" in p.message for p in report.problems)
    assert any(str(Path("evidence") / "notes.txt") in p.message for p in report.problems)


def test_tmp_and_derived_are_not_checked_file_by_file(sample: Book) -> None:
    store = sample.book.store
    store.temp_dir.mkdir(parents=True, exist_ok=True)
    (store.temp_dir / "import-123.part").write_bytes(b"half an import")
    store.derived_dir.mkdir(parents=True, exist_ok=True)
    (store.derived_dir / "whatever.jpg").write_bytes(b"x")
    assert verify(sample.book).ok


def test_an_unreferenced_well_formed_original_is_a_note_not_a_failure(sample: Book) -> None:
    book = sample.book
    # the file stays, so undo can bring it back
    removed = book.evidence.remove_evidence(sample.letter)
    report = verify(book)
    assert report.ok
    assert [(n.kind, n.path) for n in report.notes] == [
        (UNUSED_FILE, str(book.store.locate(removed.sha256, removed.mime)))]
    assert "no exhibit uses it" in report.notes[0].message
    assert report.summary().endswith("all intact (1 note, not problems)")
    assert report.files_checked == 3


def test_an_unreferenced_store_name_whose_content_changed_is_a_problem(sample: Book) -> None:
    book = sample.book
    removed = book.evidence.remove_evidence(sample.letter)
    path = book.store.locate(removed.sha256, removed.mime)
    assert path is not None
    flip_a_byte(path)
    report = verify(book)
    assert [(p.kind, p.path) for p in report.problems] == [(DAMAGED_FILE, str(path))]
    assert report.notes == ()


def test_a_missing_preview_is_a_note(sample: Book) -> None:
    book = sample.book
    record = book.evidence.get_evidence(sample.receipt)
    assert record.preview
    book.store.thumbnail_path(record.sha256).unlink()
    report = verify(book)
    assert report.ok
    assert {(n.kind, n.case_id, n.exhibit_no) for n in report.notes} == {
        (NO_PREVIEW, sample.case_a, 1), (NO_PREVIEW, sample.case_b, 2)}


def test_a_case_restricts_the_exhibits_checked(sample: Book) -> None:
    flip_a_byte(stored(sample.book, sample.letter))  # case B
    (sample.book.paths.evidence / "stray.bin").write_bytes(b"x")  # the store: whole book only
    report = verify(sample.book, sample.case_a)
    assert report.ok, report.problems
    assert report.exhibits_checked == 2
    assert report.files_checked == 2
    assert report.summary().startswith(f"Case {sample.case_a}: verified 2 evidence files")
    report = verify(sample.book, sample.case_b)
    assert [(p.kind, p.case_id, p.exhibit_no) for p in report.problems] == [
        (FILE_CHANGED, sample.case_b, 1)]


def test_an_unknown_case_is_refused(sample: Book) -> None:
    with pytest.raises(NotFound, match="no case with id 999"):
        verify(sample.book, 999)


def test_cancelling_stops_the_check(sample: Book) -> None:
    with pytest.raises(VerifyCancelled):
        verify(sample.book, cancelled=lambda: True)


def test_verify_changes_nothing(sample: Book) -> None:
    db = sample.book.paths.database
    before = query(db, "SELECT count(*), max(id) FROM audit_entry")
    files = sorted(p for p in sample.book.paths.evidence.rglob("*"))
    verify(sample.book)
    assert query(db, "SELECT count(*), max(id) FROM audit_entry") == before
    assert sorted(p for p in sample.book.paths.evidence.rglob("*")) == files


# ---- the audit chain ------------------------------------------------------------------------


def audit_ids(db: Path) -> list[int]:
    return [r[0] for r in query(db, "SELECT id FROM audit_entry ORDER BY id")]


def tamper(db: Path, sql: str, params: tuple[object, ...]) -> None:
    con = sqlite3.connect(db)
    with con:
        con.execute(sql, params)
    con.close()


def walk(db: Path) -> audit_chain.ChainState:
    con = sqlite3.connect(db)
    try:
        return audit_chain.walk(con)
    finally:
        con.close()


def test_the_sqlite3_walk_agrees_with_the_orm(sample: Book) -> None:
    book = sample.book
    db = book.paths.database
    state = walk(db)
    assert state.intact
    assert state.entries == len(audit_ids(db))
    assert state.head == book.audit_head()
    assert book.verify_audit() == []
    # each entry as the walk reads it is the entry as the ORM reads it, ``at`` included
    con = sqlite3.connect(db)
    try:
        plain = list(audit_chain.rows(con))
    finally:
        con.close()
    with read_session(book.engine) as s:
        orm = [audit_chain.ChainEntry(e.id or 0, e.at, e.action, e.entity, e.entity_id, e.payload,
                                e.prev_hash, e.hash)
               for e in s.exec(select(AuditEntry).order_by(col(AuditEntry.id)))]
    assert plain == orm
    assert all(e.at is not None and e.at.tzinfo is not None for e in plain)


@pytest.mark.parametrize(("column", "value"), [
    ("payload", '{"title":"改过的"}'),
    ("at", "2020-01-01T00:00:00.000000+00:00"),
    ("hash", "f" * 64),
])
def test_an_edited_audit_row_is_named(sample: Book, column: str, value: str) -> None:
    book = sample.book
    db = book.paths.database
    target = audit_ids(db)[2]
    tamper(db, f"UPDATE audit_entry SET {column} = ? WHERE id = ?", (value, target))
    orm = book.verify_audit()
    plain = list(walk(db).problems)
    assert plain == orm  # both walks find the same
    report = verify(book)
    assert not report.ok
    named = [p.audit_entry_id for p in report.problems]
    assert named[0] == target
    assert all(p.kind == AUDIT_ENTRY for p in report.problems)
    assert f"Audit entry {target}" in report.problems[0].message
    if column == "hash":  # the next entry no longer follows it
        assert named == [target, audit_ids(db)[3]]
    else:
        assert named == [target]
        assert "was changed after it was written" in report.problems[0].message


def test_an_edited_time_that_is_no_time_is_named(sample: Book) -> None:
    db = sample.book.paths.database
    target = audit_ids(db)[1]
    tamper(db, "UPDATE audit_entry SET at = 'yesterday' WHERE id = ?", (target,))
    report = verify(sample.book)
    assert [p.audit_entry_id for p in report.problems] == [target]
    assert "time cannot be read" in report.problems[0].message


def test_a_deleted_middle_audit_row_names_the_entry_after_it(sample: Book) -> None:
    book = sample.book
    db = book.paths.database
    ids = audit_ids(db)
    tamper(db, "DELETE FROM audit_entry WHERE id = ?", (ids[2],))
    assert list(walk(db).problems) == book.verify_audit()
    report = verify(book, sample.case_a)  # the chain is walked whole, even for one case
    assert [p.audit_entry_id for p in report.problems] == [ids[3]]
    assert "does not follow the entry before it" in report.problems[0].message


def test_a_damaged_database_file_is_a_problem(sample: Book) -> None:
    book = sample.book
    book.timeline.add_event(sample.case_a, event_fields())
    db = book.paths.database
    # an index whose entries no longer match its table, as a torn write can leave one
    con = sqlite3.connect(db)
    con.execute("PRAGMA writable_schema = ON")
    with con:
        con.execute("UPDATE sqlite_master SET sql = replace(sql, 'case_id, at',"
                    " 'case_id, summary') WHERE name = 'ix_event_case_at'")
    con.close()
    report = verify(book)
    assert [p.kind for p in report.problems] == [DATABASE]
    assert "ix_event_case_at" in report.problems[0].message
    assert report.problems[0].message.startswith("The database file is damaged: ")


# ---- the dossier's integrity appendix -----------------------------------------------------------


def dossier_text(book: Casebook, case_id: int, out: Path) -> str:
    build_dossier(book, case_id, out, lang="en")
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)


def test_the_dossier_says_the_chain_was_verified_intact(sample: Book, tmp_path: Path) -> None:
    text = dossier_text(sample.book, sample.case_b, tmp_path / "d.pdf")
    assert "The whole chain was checked again, entry by entry, at" in text
    assert "it is intact." in text


def test_the_dossier_names_audit_entries_that_do_not_verify(sample: Book, tmp_path: Path
                                                            ) -> None:
    # the export paths (CLI, window) refuse first; the builder itself still tells the truth
    db = sample.book.paths.database
    target = audit_ids(db)[1]
    tamper(db, "UPDATE audit_entry SET payload = '{}' WHERE id = ?", (target,))
    text = dossier_text(sample.book, sample.case_b, tmp_path / "d.pdf")
    assert f"1 entry does not verify (entry {target})." in text
    assert "it is intact" not in text
