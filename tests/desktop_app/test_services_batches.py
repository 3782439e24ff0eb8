"""Batch actions are one transaction each: removing, restoring, moving several exhibits, undoing
an import, marking several promises — all of them change, or, when any one fails, none does
(the database file and its audit log read back unchanged)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from raw_sqlite import query, table_counts

from desktop_app.errors import Invalid, NotFound, ServiceError
from desktop_app.records import CaseFields, EventFields, PromiseData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time


class Book:
    """A case with two entries and five exhibits (E1–E5), and a second case."""

    def __init__(self, book: Casebook) -> None:
        self.book = book
        case = book.cases.create_case(CaseFields(title="建行扣款争议",
                                                 institution_name="中国建设银行"))
        self.case_id = case.id
        self.call = book.timeline.add_event(case.id, EventFields(
            at=parse_time("2024-11-02 09:05"), channel="call", summary="致电95533",
            promises=(PromiseData("三个工作日内回电", parse_time("2024-11-07 18:00")),
                      PromiseData("退还手续费", parse_time("2024-11-10 18:00")))))
        self.letter = book.timeline.add_event(case.id, EventFields(
            at=parse_time("2024-11-04 10:00"), channel="letter", summary="寄出书面投诉"))
        outcomes = [book.imports.import_bytes(case.id, f"第{n}份证据".encode(), f"{n}.txt")
                    for n in range(1, 6)]
        self.ids = [o.record.id for o in outcomes if o.record is not None]
        other = book.cases.create_case(CaseFields(title="另一件", institution_name="招商银行"))
        self.other_event = book.timeline.add_event(other.id, EventFields(
            at=parse_time("2024-11-05 10:00"), channel="call", summary="另一件事"))

    def exhibits(self) -> list[tuple[str, int | None]]:
        return [(e.exhibit, e.event_id) for e in self.book.evidence.list_evidence(self.case_id)]

    def state(self) -> tuple[dict[str, int], str, str]:
        """Every table's row count, the audit chain's head and the whole evidence table."""
        db = self.book.paths.database
        rows = repr(query(db, "SELECT * FROM evidence ORDER BY id"))
        return table_counts(db), self.book.audit_head(), hashlib.sha256(rows.encode()).hexdigest()


@pytest.fixture
def scene(data_dir: Path) -> Iterator[Book]:
    with Casebook.open(data_dir) as book:
        yield Book(book)


def fail_on_delete_of(db: Path, evidence_id: int) -> None:
    """A trigger in the database file that makes deleting one exhibit fail, as a full disk or
    an I/O error would in the middle of a batch."""
    con = sqlite3.connect(db)
    with con:
        con.execute(f"CREATE TRIGGER fail_delete BEFORE DELETE ON evidence "
                    f"WHEN old.id = {evidence_id} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); "
                    f"END")
    con.close()


def test_removing_five_where_the_fourth_is_missing_changes_nothing(scene: Book) -> None:
    before = scene.state()
    ids = [*scene.ids[:3], 9999, scene.ids[4]]
    with pytest.raises(NotFound, match="9999"):
        scene.book.evidence.remove_many(ids)
    assert scene.state() == before
    assert [e for e, _ in scene.exhibits()] == ["E1", "E2", "E3", "E4", "E5"]


def test_removing_five_where_the_database_fails_on_the_fourth_changes_nothing(
        scene: Book) -> None:
    fail_on_delete_of(scene.book.paths.database, scene.ids[3])
    before = scene.state()
    with pytest.raises(ServiceError) as caught:
        scene.book.evidence.remove_many(scene.ids)
    message = str(caught.value)
    assert message == "the change was not saved: disk I/O error"
    assert "\n" not in message
    assert scene.state() == before


def test_removing_five_and_restoring_them_keeps_ids_and_exhibit_numbers(scene: Book) -> None:
    removed = scene.book.evidence.remove_many(scene.ids)
    assert [r.exhibit for r in removed] == ["E1", "E2", "E3", "E4", "E5"]
    assert scene.exhibits() == []
    restored = scene.book.evidence.restore_many(removed)
    assert [(r.id, r.exhibit) for r in restored] == [(r.id, r.exhibit) for r in removed]
    assert [e for e, _ in scene.exhibits()] == ["E1", "E2", "E3", "E4", "E5"]
    actions = query(scene.book.paths.database,
                    "SELECT action FROM audit_entry WHERE entity = 'evidence' ORDER BY id")
    assert [a for (a,) in actions][-10:] == ["remove"] * 5 + ["restore"] * 5


def test_restoring_many_where_one_cannot_come_back_restores_none(scene: Book) -> None:
    removed = scene.book.evidence.remove_many(scene.ids[:3])
    # E2's bytes come back meanwhile as a new exhibit: E2 itself cannot be restored
    again = scene.book.imports.import_bytes(scene.case_id, "第2份证据".encode(), "again.txt")
    assert again.record is not None
    assert again.record.exhibit == "E6"
    before = scene.state()
    with pytest.raises(Invalid, match="E6"):
        scene.book.evidence.restore_many(removed)
    assert scene.state() == before


def test_moving_many_where_one_target_is_refused_moves_none(scene: Book) -> None:
    scene.book.evidence.update_evidence(scene.ids[3], event_id=scene.letter.id)
    before = scene.state()
    # an entry of another case is refused: the first three do not move either
    with pytest.raises(Invalid, match="another case"):
        scene.book.evidence.link_evidence(scene.ids, scene.other_event.id)
    assert scene.state() == before
    moved = scene.book.evidence.link_evidence(scene.ids, scene.call.id)
    assert [(b.exhibit, b.event_id, a.event_id) for b, a in moved] == [
        ("E1", None, scene.call.id), ("E2", None, scene.call.id), ("E3", None, scene.call.id),
        ("E4", scene.letter.id, scene.call.id), ("E5", None, scene.call.id)]
    # set_evidence puts them back as they were, in one transaction
    scene.book.evidence.set_evidence([b for b, _a in moved])
    assert scene.exhibits() == [("E1", None), ("E2", None), ("E3", None),
                                ("E4", scene.letter.id), ("E5", None)]


def test_marking_promises_where_one_is_missing_marks_none(scene: Book) -> None:
    first, second = (p.id for p in scene.call.promises)
    assert first is not None
    assert second is not None
    before = scene.state()
    with pytest.raises(NotFound):
        scene.book.timeline.set_promise_states([(first, "kept", "按时回电"),
                                                (9999, "broken", "")])
    assert scene.state() == before
    with pytest.raises(Invalid):
        scene.book.timeline.set_promise_states([(first, "kept", ""), (second, "maybe", "")])
    assert scene.state() == before
    done = scene.book.timeline.set_promise_states([(first, "kept", "按时回电"),
                                                   (second, "broken", "未退")])
    assert [(p.state, p.state_note) for p in done] == [("kept", "按时回电"), ("broken", "未退")]
    promises = scene.book.timeline.get_event(scene.call.id).promises
    assert [p.state for p in promises] == ["kept", "broken"]


def test_an_email_import_is_withdrawn_and_reinstated_in_one_transaction(
        scene: Book) -> None:
    email = ("From: 建行客服 <service@ccb.example>\r\nTo: me@example.com\r\n"
             "Subject: =?UTF-8?B?5oqV6K+J5Zue5aSN?=\r\nDate: Tue, 05 Nov 2024 10:00:00 +0800\r\n"
             "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
             "您的投诉已受理。\r\n").encode()
    outcome = scene.book.imports.import_bytes(scene.case_id, email, "reply.eml")
    assert outcome.record is not None
    assert outcome.created_event_id is not None
    entries = len(scene.book.timeline.list_events(scene.case_id))
    records, events = scene.book.imports.withdraw([outcome.record.id],
                                                  [outcome.created_event_id])
    assert [e.id for e in events] == [outcome.created_event_id]
    assert len(scene.book.timeline.list_events(scene.case_id)) == entries - 1
    assert outcome.record.id not in [r.id for r in scene.book.evidence.list_evidence(
        scene.case_id)]
    back = scene.book.imports.reinstate(events, records)
    assert [r.exhibit for r in back] == [outcome.record.exhibit]
    event = scene.book.timeline.get_event(outcome.created_event_id)
    assert event.summary == "投诉回复"
    # withdrawing where one part is gone changes nothing
    before = scene.state()
    with pytest.raises(NotFound):
        scene.book.imports.withdraw([outcome.record.id], [9999])
    assert scene.state() == before
