"""The services against a real SQLite file: what they write, what they refuse, the audit chain."""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from raw_sqlite import query

from desktop_app.errors import Invalid, NotFound
from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from desktop_app.vocab import Status

Counts = Callable[[], dict[str, int]]


def case_fields(**changes: Any) -> CaseFields:
    base = CaseFields(
        title="建行微信小程序转账失败",
        institution_name="建设银行",
        product="建行微信小程序",
        category="failed_withdrawal",
        amount=Decimal("5000"),
        incident_at=parse_time("2024-03-01 09:30"),
        description="3月1日转账5000元，显示失败但已扣款。",
        desired_outcome="退还5000元并书面说明原因。",
    )
    return dataclasses.replace(base, **changes)


def event_fields(at: str | datetime = "2024-03-01 10:00", **changes: Any) -> EventFields:
    base = EventFields(
        at=parse_time(at) if isinstance(at, str) else at,
        channel="call",
        direction="out",
        counterpart="客服 李女士",
        agent_id="8823",
        contact="95533",
        duration_seconds=21 * 60,
        summary="投诉扣款未到账",
        details="客服说三个工作日内回电。",
        references=(
            ReferenceData("20240301-0001", "投诉编号", "中国建设银行"),
            ReferenceData("T-77", "工单号"),
        ),
        promises=(PromiseData("三个工作日内回电", parse_time("2024-03-06 18:00")),),
    )
    return dataclasses.replace(base, **changes)


def plus(before: dict[str, int], **delta: int) -> dict[str, int]:
    return {table: count + delta.get(table, 0) for table, count in before.items()}


def last_audit(db: Path) -> tuple[Any, ...]:
    sql = "SELECT action, entity, entity_id FROM audit_entry ORDER BY id DESC LIMIT 1"
    return query(db, sql)[0]


# ---- cases -------------------------------------------------------------------------------


def test_create_case_resolves_a_short_name_to_the_seeded_institution(
    book: Casebook, counts: Counts, db_path: Path
) -> None:
    before = counts()
    record = book.cases.create_case(case_fields())

    assert record.institution.name == "中国建设银行"
    assert record.institution.hotline == "95533"
    assert record.institution.seeded
    assert record.title == "建行微信小程序转账失败"
    assert record.amount == Decimal("5000.00")
    assert record.to_json()["amount"] == "5000.00"
    assert record.status == "open"
    assert counts() == plus(before, case=1, audit_entry=1)
    assert last_audit(db_path) == ("create", "case", record.id)
    assert book.cases.get_case(record.id) == record


def test_create_case_adds_an_unknown_institution_to_the_directory(
    book: Casebook, counts: Counts
) -> None:
    name = "某某网络小额贷款有限公司"
    assert book.institutions.find_institution(name) is None
    before = counts()

    record = book.cases.create_case(case_fields(institution_name=name))

    assert record.institution.name == name
    assert record.institution.kind == "other"
    assert not record.institution.seeded
    assert counts() == plus(before, institution=1, case=1, audit_entry=2)
    found = book.institutions.find_institution(name)
    assert found is not None
    assert found.id == record.institution.id

    again = book.cases.create_case(case_fields(institution_name=name, title="第二个案子"))
    assert again.institution.id == record.institution.id
    assert counts() == plus(before, institution=1, case=2, audit_entry=3)


def test_update_case_changes_every_field(book: Casebook, counts: Counts, db_path: Path) -> None:
    record = book.cases.create_case(case_fields())
    before = counts()
    changed = dataclasses.replace(
        record.fields,
        title="招行App转账失败",
        institution_id=None,
        institution_name="招商银行",
        product="招商银行App",
        category="function_fault",
        amount=Decimal("12.5"),
        currency="usd",
        incident_at=parse_time("2024-04-02 08:15"),
        transaction_refs="TX-1, TX-2",
        description="新的描述",
        desired_outcome="新的诉求",
        status="escalated",
        jurisdiction="UK",
    )

    updated = book.cases.update_case(record.id, changed)

    assert updated.id == record.id
    assert updated.institution.name == "招商银行"
    assert (updated.title, updated.product, updated.category) == (
        "招行App转账失败", "招商银行App", "function_fault")
    assert updated.amount == Decimal("12.50")
    assert updated.currency == "USD"
    assert updated.incident_at == parse_time("2024-04-02 08:15")
    assert (updated.transaction_refs, updated.description, updated.desired_outcome) == (
        "TX-1, TX-2", "新的描述", "新的诉求")
    assert (updated.status, updated.jurisdiction) == ("escalated", "UK")
    assert updated.created_at == record.created_at
    assert counts() == plus(before, audit_entry=1)
    assert last_audit(db_path) == ("update", "case", record.id)
    assert book.cases.get_case(record.id) == updated


def test_update_case_stamps_updated_at_from_the_clock(
    book: Casebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = book.cases.create_case(case_fields())
    fixed = datetime(2030, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    monkeypatch.setattr("desktop_app.store.writes.now", lambda: fixed)

    updated = book.cases.update_case(record.id, dataclasses.replace(record.fields, title="新标题"))

    assert updated.updated_at == fixed
    assert updated.created_at == record.created_at
    assert book.cases.list_cases()[0].updated_at == fixed


def test_set_case_status_walks_every_status(book: Casebook, counts: Counts,
                                            db_path: Path) -> None:
    record = book.cases.create_case(case_fields())
    for status in Status:
        before = counts()
        changed = book.cases.set_case_status(record.id, status)
        assert changed.status == status
        assert book.cases.get_case(record.id).status == status
        assert counts() == plus(before, audit_entry=1)
        assert last_audit(db_path) == ("status", "case", record.id)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "closed"}, "unknown status 'closed'"),
        ({"category": "fraud"}, "unknown category 'fraud'"),
        ({"jurisdiction": "JP"}, "unknown jurisdiction 'JP'"),
        ({"title": "   "}, "needs a title"),
        ({"title": ""}, "needs a title"),
        ({"institution_name": "  "}, "needs the institution"),
        ({"amount": Decimal("-1")}, "more than zero"),
        ({"amount": Decimal("0")}, "more than zero"),
        ({"amount": Decimal("NaN")}, "not an amount"),
        ({"amount": Decimal("12.345")}, "two decimal places"),
        ({"amount": Decimal("1e30")}, "too large"),
    ],
)
def test_invalid_case_is_refused_and_nothing_is_written(
    book: Casebook, counts: Counts, changes: dict[str, Any], message: str
) -> None:
    existing = book.cases.create_case(case_fields())
    shown = book.cases.case_json(existing.id)
    before = counts()
    # A new institution name: had anything been written, the directory would have grown.
    bad = case_fields(**{"institution_name": "从未见过的机构", **changes})

    with pytest.raises(Invalid, match=message):
        book.cases.create_case(bad)
    with pytest.raises(Invalid, match=message):
        book.cases.update_case(existing.id, bad)

    assert counts() == before
    assert book.cases.case_json(existing.id) == shown
    assert book.institutions.find_institution("从未见过的机构") is None


def test_invalid_status_change_is_refused(book: Casebook, counts: Counts) -> None:
    record = book.cases.create_case(case_fields())
    before = counts()
    with pytest.raises(Invalid, match="unknown status 'done'"):
        book.cases.set_case_status(record.id, "done")
    with pytest.raises(NotFound, match="no case with id 999"):
        book.cases.set_case_status(999, "resolved")
    with pytest.raises(NotFound, match="no case with id 999"):
        book.cases.update_case(999, case_fields())
    assert counts() == before
    assert book.cases.get_case(record.id) == record


def test_unknown_institution_id_is_refused(book: Casebook, counts: Counts) -> None:
    before = counts()
    with pytest.raises(NotFound, match="no institution with id 9999"):
        book.cases.create_case(case_fields(institution_id=9999))
    assert counts() == before


def test_institution_directory(book: Casebook, counts: Counts) -> None:
    names = {i.name: i for i in book.institutions.list_institutions()}
    assert len(names) >= 20
    assert names["中国工商银行"].hotline == "95588"
    assert names["国家金融监督管理总局"].kind == "regulator"
    before = counts()

    added = book.institutions.add_institution("某银行信用卡中心", hotline="400-000-0000")
    assert book.institutions.get_institution(added.id) == added
    assert counts() == plus(before, institution=1, audit_entry=1)

    with pytest.raises(Invalid, match="already has 中国建设银行"):
        book.institutions.add_institution("中国建设银行")
    with pytest.raises(Invalid, match="unknown institution kind"):
        book.institutions.add_institution("别的机构", kind="casino")
    assert counts() == plus(before, institution=1, audit_entry=1)

    changed = book.institutions.update_institution(added.id, hotline="95599", notes="改过")
    assert (changed.hotline, changed.notes) == ("95599", "改过")
    assert counts() == plus(before, institution=1, audit_entry=2)


# ---- events ------------------------------------------------------------------------------


def test_add_event_with_references_and_promises(book: Casebook, counts: Counts,
                                                db_path: Path) -> None:
    case = book.cases.create_case(case_fields())
    before = counts()

    event = book.timeline.add_event(case.id, event_fields())

    assert event.case_id == case.id
    assert event.at == parse_time("2024-03-01 10:00")
    assert event.references == (
        ReferenceData("20240301-0001", "complaint_no", "中国建设银行"),  # kinds, by key
        ReferenceData("T-77", "ticket_no", ""),
    )
    (promise,) = event.promises
    assert isinstance(promise.id, int)
    assert (promise.text, promise.due_at, promise.state) == (
        "三个工作日内回电", parse_time("2024-03-06 18:00"), "pending")
    assert counts() == plus(before, event=1, reference=2, promise=1, audit_entry=1)
    assert last_audit(db_path) == ("create", "event", event.id)
    assert book.timeline.get_event(event.id) == event
    updated_case = book.cases.get_case(case.id)
    assert updated_case.event_count == 1
    assert updated_case.last_event_at == event.at


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"channel": "fax"}, "unknown channel 'fax'"),
        ({"direction": "sideways"}, "unknown direction"),
        ({"at": datetime(2024, 3, 1, 10, 0)}, "needs a time zone"),
        ({"duration_seconds": -60}, "cannot be negative"),
        ({"duration_seconds": 2**70}, "too long"),
        ({"promises": (PromiseData("回电", state="forgotten"),)}, "unknown promise state"),
        ({"promises": (PromiseData("回电", due_at=datetime(2024, 3, 2)),)}, "needs a time zone"),
    ],
)
def test_invalid_event_is_refused_and_nothing_is_written(
    book: Casebook, counts: Counts, changes: dict[str, Any], message: str
) -> None:
    case = book.cases.create_case(case_fields())
    event = book.timeline.add_event(case.id, event_fields())
    before = counts()

    with pytest.raises(Invalid, match=message):
        book.timeline.add_event(case.id, event_fields(**changes))
    with pytest.raises(Invalid, match=message):
        book.timeline.update_event(event.id, event_fields(**changes))

    assert counts() == before
    assert book.timeline.get_event(event.id) == event


def test_event_for_an_unknown_case_or_event_is_refused(book: Casebook, counts: Counts) -> None:
    before = counts()
    with pytest.raises(NotFound, match="no case with id 42"):
        book.timeline.add_event(42, event_fields())
    with pytest.raises(NotFound, match="no event with id 42"):
        book.timeline.update_event(42, event_fields())
    with pytest.raises(NotFound, match="no event with id 42"):
        book.timeline.delete_event(42)
    with pytest.raises(NotFound, match="no case with id 42"):
        book.timeline.list_events(42)
    assert counts() == before


def test_update_event_keeps_promise_ids_and_replaces_references(
    book: Casebook, counts: Counts, db_path: Path
) -> None:
    case = book.cases.create_case(case_fields())
    event = book.timeline.add_event(case.id, event_fields(promises=(
        PromiseData("三个工作日内回电", parse_time("2024-03-06 18:00")),
        PromiseData("寄送书面说明"),
    )))
    first, second = event.promises
    before = counts()

    updated = book.timeline.update_event(event.id, event_fields(
        at="2024-03-01 10:05",
        summary="改过的摘要",
        references=(ReferenceData("NFRA-9", "监管编号", "金融监管总局"),),
        promises=(
            dataclasses.replace(first, text="两个工作日内回电", state="kept", state_note="已回电"),
            PromiseData("退款", parse_time("2024-03-10 12:00")),
        ),
    ))

    assert updated.id == event.id
    assert updated.at == parse_time("2024-03-01 10:05")
    assert updated.summary == "改过的摘要"
    assert updated.references == (ReferenceData("NFRA-9", "监管编号", "金融监管总局"),)
    kept, new = updated.promises
    assert kept.id == first.id
    assert (kept.text, kept.state, kept.state_note) == ("两个工作日内回电", "kept", "已回电")
    assert new.id not in (first.id, second.id)
    assert new.text == "退款"
    assert counts() == plus(before, reference=-1, audit_entry=1)
    assert last_audit(db_path) == ("update", "event", event.id)
    assert book.timeline.get_event(event.id) == updated


def test_set_promise_state(book: Casebook, counts: Counts) -> None:
    case = book.cases.create_case(case_fields())
    (promise,) = book.timeline.add_event(case.id, event_fields()).promises
    assert promise.id is not None
    before = counts()

    changed = book.timeline.set_promise_state(promise.id, "broken", "没有回电")

    assert (changed.id, changed.state, changed.state_note) == (promise.id, "broken", "没有回电")
    assert counts() == plus(before, audit_entry=1)
    with pytest.raises(Invalid, match="unknown promise state"):
        book.timeline.set_promise_state(promise.id, "maybe")
    assert counts() == plus(before, audit_entry=1)


def test_delete_and_restore_event(book: Casebook, counts: Counts, db_path: Path) -> None:
    case = book.cases.create_case(case_fields())
    event = book.timeline.add_event(case.id, event_fields(promises=(
        PromiseData("回电"), PromiseData("退款", parse_time("2024-03-10 12:00")))))
    before = counts()

    deleted = book.timeline.delete_event(event.id)

    assert deleted == event
    with pytest.raises(NotFound):
        book.timeline.get_event(event.id)
    assert counts() == plus(before, event=-1, reference=-2, promise=-2, audit_entry=1)
    assert last_audit(db_path) == ("delete", "event", event.id)

    restored = book.timeline.restore_event(deleted)

    assert restored == event
    assert [p.id for p in restored.promises] == [p.id for p in event.promises]
    assert book.timeline.get_event(event.id) == event
    assert counts() == plus(before, audit_entry=2)
    assert last_audit(db_path) == ("restore", "event", event.id)

    with pytest.raises(Invalid, match="exists already"):
        book.timeline.restore_event(deleted)
    assert counts() == plus(before, audit_entry=2)


def test_delete_and_restore_case(book: Casebook, counts: Counts, db_path: Path) -> None:
    case = book.cases.create_case(case_fields())
    other = book.cases.create_case(case_fields(title="另一个案子"))
    book.timeline.add_event(case.id, event_fields("2024-03-01 10:00"))
    book.timeline.add_event(case.id, event_fields("2024-03-04 15:30", channel="regulator",
                                         promises=(PromiseData("15日内答复"),)))
    book.timeline.add_event(other.id, event_fields("2024-03-02 09:00"))
    shown = book.cases.case_json(case.id)
    record = book.cases.get_case(case.id)
    events = book.timeline.list_events(case.id)
    before = counts()

    snapshot = book.cases.delete_case(case.id)

    assert snapshot.case == record
    assert snapshot.events == tuple(events)
    with pytest.raises(NotFound):
        book.cases.get_case(case.id)
    with pytest.raises(NotFound):
        book.timeline.list_events(case.id)
    assert counts() == plus(before, case=-1, event=-2, reference=-4, promise=-2, audit_entry=1)
    assert last_audit(db_path) == ("delete", "case", case.id)
    assert len(book.timeline.list_events(other.id)) == 1

    restored = book.cases.restore_case(snapshot)

    assert restored.id == case.id
    assert book.cases.case_json(case.id) == shown
    assert book.timeline.list_events(case.id) == events
    assert counts() == plus(before, audit_entry=2)
    assert last_audit(db_path) == ("restore", "case", case.id)
    with pytest.raises(Invalid, match="exists already"):
        book.cases.restore_case(snapshot)


def test_list_events_oldest_or_newest_first(book: Casebook) -> None:
    case = book.cases.create_case(case_fields())
    added = {
        "d": book.timeline.add_event(case.id, event_fields("2024-03-05 09:00")),
        "a": book.timeline.add_event(case.id, event_fields("2024-03-01 08:00")),
        # 03:00 UTC is 11:00 in Shanghai: after "b" at 10:30 local, whatever order they came in.
        "c": book.timeline.add_event(case.id, event_fields("2024-03-01T03:00:00+00:00")),
        "b": book.timeline.add_event(case.id, event_fields("2024-03-01 10:30")),
        # the same moment as "c": the one added later comes after it
        "c2": book.timeline.add_event(case.id, event_fields("2024-03-01 11:00")),
    }
    expected = [added[k].id for k in ("a", "b", "c", "c2", "d")]

    assert [e.id for e in book.timeline.list_events(case.id)] == expected
    assert [e.id for e in book.timeline.list_events(case.id, newest_first=True)] == expected[::-1]
    assert [e["id"] for e in book.cases.case_json(case.id)["events"]] == expected
    assert book.cases.get_case(case.id).last_event_at == parse_time("2024-03-05 09:00")


# ---- the audit chain ---------------------------------------------------------------------


def test_every_write_appends_exactly_one_audit_entry(book: Casebook, db_path: Path) -> None:
    case = book.cases.create_case(case_fields())
    new_inst = book.cases.create_case(case_fields(institution_name="新机构"))
    book.cases.update_case(case.id, dataclasses.replace(case.fields, title="改"))
    book.cases.set_case_status(case.id, "awaiting_reply")
    event = book.timeline.add_event(case.id, event_fields())
    book.timeline.update_event(event.id, event_fields(summary="改", promises=event.promises))
    assert event.promises[0].id is not None
    book.timeline.set_promise_state(event.promises[0].id, "kept")
    deleted = book.timeline.delete_event(event.id)
    book.timeline.restore_event(deleted)
    book.cases.restore_case(book.cases.delete_case(new_inst.id))

    # (a new book starts with 0007's baseline entry, which vouches for the seeded directory)
    entries = query(db_path, "SELECT action, entity, entity_id FROM audit_entry"
                             " WHERE action != 'baseline' ORDER BY id")
    assert entries == [
        ("create", "case", case.id),
        ("create", "institution", new_inst.institution.id),
        ("create", "case", new_inst.id),
        ("update", "case", case.id),
        ("status", "case", case.id),
        ("create", "event", event.id),
        ("update", "event", event.id),
        ("state", "promise", event.promises[0].id),
        ("delete", "event", event.id),
        ("restore", "event", event.id),
        ("delete", "case", new_inst.id),
        ("restore", "case", new_inst.id),
    ]
    assert book.verify_audit() == []


def test_verify_audit_reports_an_entry_changed_behind_its_back(book: Casebook,
                                                              db_path: Path) -> None:
    case = book.cases.create_case(case_fields())
    book.timeline.add_event(case.id, event_fields())
    book.cases.set_case_status(case.id, "escalated")
    assert book.verify_audit() == []
    head = book.audit_head()
    ids = [row[0] for row in query(db_path, "SELECT id FROM audit_entry"
                                            " WHERE action != 'baseline' ORDER BY id")]
    target = ids[1]

    con = sqlite3.connect(db_path)
    with con:
        con.execute("UPDATE audit_entry SET payload = replace(payload, '李女士', '王先生') "
                    "WHERE id = ?", (target,))
    con.close()

    problems = book.verify_audit()
    assert [p.entry_id for p in problems] == [target]
    assert "changed" in problems[0].message
    assert book.audit_head() == head


def test_verify_audit_reports_a_removed_entry(book: Casebook, db_path: Path) -> None:
    case = book.cases.create_case(case_fields())
    for status in ("awaiting_reply", "escalated", "resolved"):
        book.cases.set_case_status(case.id, status)
    ids = [row[0] for row in query(db_path, "SELECT id FROM audit_entry ORDER BY id")]

    con = sqlite3.connect(db_path)
    with con:
        con.execute("DELETE FROM audit_entry WHERE id = ?", (ids[1],))
    con.close()

    problems = book.verify_audit()
    assert [p.entry_id for p in problems] == [ids[2]]
    assert "does not follow" in problems[0].message


# ---- text and files ----------------------------------------------------------------------

TEXTS = {
    "title": "建行小程序转账失败：资金被冻结 🥶",
    "institution": "某某消费金融有限公司（测试）",
    "product": "“建行生活”App ▸ 信用卡",
    "description": "第一行：事实与理由\n第二行\t带制表符　全角空格\n👨‍👩‍👧 家庭表情 + é (e\u0301)",
    "counterpart": "王经理 👩‍💼 工号Ａ０８１５",
    "summary": "客服称“系统升级”，让我等待…",
    "details": "多行\n细节 ✅\r\n结束",
    "label": "客服记录编码",  # a label of one's own (known kinds are stored by key)
    "value": "CCB-2024-０３０１-投诉",
    "promise": "３个工作日内回电 📞",
}


def test_chinese_and_emoji_round_trip_through_the_file(data_dir: Path, db_path: Path) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(case_fields(
            title=TEXTS["title"], institution_name=TEXTS["institution"],
            product=TEXTS["product"], description=TEXTS["description"]))
        event = book.timeline.add_event(case.id, event_fields(
            counterpart=TEXTS["counterpart"], summary=TEXTS["summary"], details=TEXTS["details"],
            references=(ReferenceData(TEXTS["value"], TEXTS["label"]),),
            promises=(PromiseData(TEXTS["promise"]),)))
        shown = book.cases.case_json(case.id)

    with Casebook.open(data_dir) as reopened:
        again = reopened.cases.get_case(case.id)
        (event_again,) = reopened.timeline.list_events(case.id)
        assert reopened.cases.case_json(case.id) == shown

    assert again.title == TEXTS["title"]
    assert again.institution.name == TEXTS["institution"]
    assert again.product == TEXTS["product"]
    assert again.description == TEXTS["description"]
    assert event_again == event
    assert event_again.counterpart == TEXTS["counterpart"]
    assert event_again.summary == TEXTS["summary"]
    assert event_again.details == TEXTS["details"]
    assert event_again.references == (ReferenceData(TEXTS["value"], TEXTS["label"]),)
    assert event_again.promises[0].text == TEXTS["promise"]
    # and byte for byte in the file itself
    assert query(db_path, 'SELECT title, description FROM "case"') == [
        (TEXTS["title"], TEXTS["description"])]
    assert query(db_path, "SELECT counterpart, details FROM event") == [
        (TEXTS["counterpart"], TEXTS["details"])]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_data_dir_is_created_owner_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "casebook-data"
    with Casebook.open(data_dir) as book:
        assert book.paths.root == data_dir
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert (data_dir / "casebook.sqlite3").is_file()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_an_existing_data_dir_is_made_owner_only_and_said_once(tmp_path: Path) -> None:
    """Issue 12: a folder made before Casebook first ran (here 0755) is tightened at every
    start, not kept as it was, and the book says so once."""
    data_dir = tmp_path / "mine"
    data_dir.mkdir(mode=0o755)
    data_dir.chmod(0o755)
    with Casebook.open(data_dir) as book:
        assert book.was_open_to_others
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    with Casebook.open(data_dir) as book:
        assert not book.was_open_to_others
