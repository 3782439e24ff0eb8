"""Issue 12, item 1: the audit log vouches for the rows themselves. A row changed with sqlite3
behind Casebook's back is named by verify ("Case 1, entry 3: changed outside Casebook"), and
export refuses the case; what Casebook itself changed (edits, deletes, undo) stays vouched for."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from cli_run import CLI

from desktop_app.backup.verify import ROW_CHANGED, verify
from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time


def make_case(book: Casebook) -> tuple[int, int, int]:
    case = book.cases.create_case(CaseFields(title="建行扣款争议",
                                             institution_name="中国建设银行"))
    call = book.timeline.add_event(case.id, EventFields(
        at=parse_time("2024-11-02 09:05"), channel="call", summary="致电95533投诉",
        references=(ReferenceData("CCB-2024-1102"),),
        promises=(PromiseData("三个工作日内回电", parse_time("2024-11-07 18:00")),)))
    outcome = book.imports.import_bytes(case.id, "通话记录".encode(), "记录.txt",
                                        event_id=call.id)
    assert outcome.record is not None
    return case.id, call.id, outcome.record.id


def tamper(db: Path, sql: str) -> None:
    con = sqlite3.connect(db)
    with con:
        con.execute(sql)
    con.close()


def test_what_casebook_changed_is_vouched_for(data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        case_id, call_id, evidence_id = make_case(book)
        event = book.timeline.get_event(call_id)
        assert event.promises[0].id is not None
        book.timeline.set_promise_state(event.promises[0].id, "broken", "没有回电")
        book.evidence.update_evidence(evidence_id, caption="通话记录截图")
        book.cases.mark_lodged(case_id, call_id)
        deleted = book.timeline.delete_event(call_id)
        book.timeline.restore_event(deleted)
        book.cases.restore_case(book.cases.delete_case(case_id))
        assert verify(book).ok


def test_a_row_changed_behind_casebooks_back_is_named_and_export_refused(
        cli: CLI, data_dir: Path, tmp_path: Path) -> None:
    with Casebook.open(data_dir) as book:
        case_id, call_id, _evidence_id = make_case(book)
    db = data_dir / "casebook.sqlite3"
    tamper(db, f"UPDATE event SET summary = 'FORGED by bank' WHERE id = {call_id}")
    with Casebook.open(data_dir) as book:
        report = verify(book)
    assert not report.ok
    assert [(p.kind, p.message) for p in report.problems] == [
        (ROW_CHANGED, f"Case {case_id}, entry {call_id}: changed outside Casebook")]
    shown = cli("verify")
    assert shown.code == 1
    assert f"Case {case_id}, entry {call_id}: changed outside Casebook" in shown.out
    exported = cli("export", str(case_id), "-o", str(tmp_path / "d.pdf"))
    assert exported.code == 1
    assert not (tmp_path / "d.pdf").exists()


def test_promises_references_exhibits_cases_and_the_directory_are_covered(
        data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        case_id, call_id, evidence_id = make_case(book)
        institution = book.cases.get_case(case_id).institution.id
    db = data_dir / "casebook.sqlite3"
    cases = [
        ("UPDATE promise SET state = 'kept'", f"Case {case_id}, entry {call_id}"),
        ("UPDATE reference SET value = 'X'", f"Case {case_id}, entry {call_id}"),
        (f"UPDATE evidence SET proves = '伪造' WHERE id = {evidence_id}",
         f"Case {case_id}, exhibit E1"),
        (f"UPDATE \"case\" SET amount = '1.00' WHERE id = {case_id}", f"Case {case_id}"),
        (f"UPDATE institution SET hotline = '110' WHERE id = {institution}",
         "Institution 中国建设银行"),
    ]
    original = db.read_bytes()
    for sql, named in cases:
        db.write_bytes(original)
        for suffix in ("-wal", "-shm"):
            (data_dir / f"casebook.sqlite3{suffix}").unlink(missing_ok=True)
        tamper(db, sql)
        with Casebook.open(data_dir) as book:
            messages = [p.message for p in verify(book).problems]
            assert messages == [f"{named}: changed outside Casebook"], sql
            # one case checked (as export does) names it too
            assert [p.message for p in verify(book, case_id).problems] == messages


def test_a_row_deleted_behind_casebooks_back_is_named(data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        _case_id, call_id, _evidence_id = make_case(book)
    tamper(data_dir / "casebook.sqlite3", f"DELETE FROM event WHERE id = {call_id}")
    with Casebook.open(data_dir) as book:
        messages = [p.message for p in verify(book).problems]
    assert f"Entry {call_id}: deleted outside Casebook" in messages
