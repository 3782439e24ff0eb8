"""Deadlines through the services, on a real database: the "complaint lodged" mark, the clock,
the due list, letters signed with the profile, promises marked kept or broken."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from raw_sqlite import query
from records_factory import at, case, event, ref

from desktop_app.deadlines.clock import regulator_clock
from desktop_app.deadlines.rules import default_rules
from desktop_app.deadlines.workdays import covers
from desktop_app.errors import Invalid, NotFound
from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.services.profile import update_profile

NOW = at("2024-11-12 09:00")


def bank_case(book: Casebook, title: str = "建行小程序转账金额显示错误", **fields: object) -> int:
    values: dict[str, object] = {"institution_name": "中国建设银行", "amount": Decimal("12800"),
                                 "desired_outcome": "核实并书面答复"}
    values.update(fields)
    return book.cases.create_case(CaseFields(title=title, **values)).id  # type: ignore[arg-type]


def add(book: Casebook, case_id: int, when: str, channel: str = "call", direction: str = "out",
        refs: tuple[str, ...] = (), promises: tuple[tuple[str, str | None], ...] = (),
        summary: str = "") -> int:
    fields = EventFields(
        at=at(when), channel=channel, direction=direction, summary=summary,
        references=tuple(ReferenceData(r, "投诉号") for r in refs),
        promises=tuple(PromiseData(t, None if d is None else at(d)) for t, d in promises))
    return book.timeline.add_event(case_id, fields).id


@pytest.fixture
def timeline(book: Casebook) -> tuple[int, dict[str, int]]:
    """A bank case: an app feedback, a call that got a complaint number and a promise, an SMS."""
    case_id = bank_case(book)
    ids = {
        "app": add(book, case_id, "2024-11-01 15:00", "app", summary="小程序反馈"),
        "call": add(book, case_id, "2024-11-03 10:00", refs=("T2024110300123",),
                    promises=(("三个工作日内回电", "2024-11-06 18:00"),), summary="要求核实"),
        "sms": add(book, case_id, "2024-11-07 09:00", "sms", "in", refs=("BG-7781",),
                   promises=(("月底前答复", "2024-11-30 18:00"),)),
    }
    return case_id, ids


def audit_actions(book: Casebook) -> list[tuple[str, str, int]]:
    return query(book.paths.database,
                 "SELECT action, entity, entity_id FROM audit_entry ORDER BY id")


# ---- the "complaint lodged" mark --------------------------------------------------------


def test_the_clock_starts_at_the_first_outgoing_contact_with_a_reference(
        book: Casebook, timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    clock = book.deadlines.case_clock(case_id, NOW)
    assert clock is not None
    assert clock.rule == "cn.nfra.complaints-2020"
    assert clock.lodged_event_id == ids["call"]
    assert clock.due_on == date(2024, 11, 18)
    assert clock.day_number == 9
    assert not clock.overdue


def test_marking_an_entry_moves_the_start_and_clearing_it_moves_it_back(
        book: Casebook, timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    record = book.cases.mark_lodged(case_id, ids["app"])
    assert record.lodged_event_id == ids["app"]
    assert book.cases.get_case(case_id).lodged_event_id == ids["app"]
    clock = book.deadlines.case_clock(case_id, NOW)
    assert clock is not None
    assert clock.lodged_event_id == ids["app"]
    assert clock.due_on == date(2024, 11, 16 + 2)  # 16 Nov is a Saturday: moved to Monday

    assert book.cases.mark_lodged(case_id, None).lodged_event_id is None
    clock = book.deadlines.case_clock(case_id, NOW)
    assert clock is not None
    assert clock.lodged_event_id == ids["call"]
    assert audit_actions(book)[-2:] == [("lodged", "case", case_id)] * 2
    assert book.verify_audit() == []


def test_marking_the_same_entry_again_writes_nothing(
        book: Casebook, timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    book.cases.mark_lodged(case_id, ids["call"])
    entries = len(audit_actions(book))
    book.cases.mark_lodged(case_id, ids["call"])
    assert len(audit_actions(book)) == entries


def test_a_mark_on_another_case_or_no_entry_is_refused_and_changes_nothing(
        book: Casebook, timeline: tuple[int, dict[str, int]],
        counts: Callable[[], dict[str, int]]) -> None:
    case_id, ids = timeline
    other = bank_case(book, "另一件")
    before = counts()
    with pytest.raises(Invalid, match="another case"):
        book.cases.mark_lodged(other, ids["call"])
    with pytest.raises(NotFound, match="no event with id 999"):
        book.cases.mark_lodged(case_id, 999)
    with pytest.raises(NotFound, match="no case with id 999"):
        book.cases.mark_lodged(999, ids["call"])
    assert counts() == before
    assert book.cases.get_case(other).lodged_event_id is None


def test_deleting_the_marked_entry_clears_the_mark_and_undo_restores_it(
        book: Casebook, timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    book.cases.mark_lodged(case_id, ids["app"])
    deleted = book.timeline.delete_event(ids["app"])
    assert deleted.lodged
    assert book.cases.get_case(case_id).lodged_event_id is None
    book.timeline.restore_event(deleted)
    assert book.cases.get_case(case_id).lodged_event_id == ids["app"]

    # an entry that was not marked does not take the mark when it comes back
    other = book.timeline.delete_event(ids["sms"])
    assert not other.lodged
    book.timeline.restore_event(other)
    assert book.cases.get_case(case_id).lodged_event_id == ids["app"]


def test_a_deleted_case_comes_back_with_its_mark(
        book: Casebook, timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    book.cases.mark_lodged(case_id, ids["sms"])
    snapshot = book.cases.delete_case(case_id)
    assert snapshot.case.lodged_event_id == ids["sms"]
    assert book.cases.restore_case(snapshot).lodged_event_id == ids["sms"]


# ---- the clock in case show --json -----------------------------------------------------


def test_case_json_carries_the_clock(book: Casebook,
                                     timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    data = book.cases.case_json(case_id)
    clock = data["clock"]
    assert data["lodged_event_id"] is None
    assert clock["rule"] == "cn.nfra.complaints-2020"
    assert clock["lodged_event_id"] == ids["call"]
    assert clock["lodged_at"] == "2024-11-03T10:00:00+08:00"
    assert clock["answer_due"] == "2024-11-18T23:59:59+08:00"
    assert clock["escalate_from"] == "2024-11-19T00:00:00+08:00"
    assert "银行业保险业消费投诉处理管理办法" in clock["source"]


def test_no_clock_without_a_lodged_complaint_or_a_jurisdiction(book: Casebook) -> None:
    case_id = bank_case(book)
    add(book, case_id, "2024-11-03 10:00")  # no reference number: nothing lodged yet
    assert book.deadlines.case_clock(case_id, NOW) is None
    assert book.cases.case_json(case_id)["clock"] is None

    abroad = bank_case(book, "无辖区", jurisdiction="none")
    add(book, abroad, "2024-11-03 10:00", refs=("X-1",))
    assert book.deadlines.case_clock(abroad, NOW) is None


# ---- the due list ------------------------------------------------------------------------


def test_due_lists_open_cases_soonest_first(book: Casebook,
                                            timeline: tuple[int, dict[str, int]]) -> None:
    case_id, _ids = timeline
    closed = bank_case(book, "已解决", status="resolved")
    add(book, closed, "2024-11-03 10:00", refs=("OLD-1",),
        promises=(("早已处理", "2024-11-05 10:00"),))

    items = book.deadlines.due(NOW)
    assert [(i.case_id, i.kind, i.text, i.overdue) for i in items] == [
        (case_id, "promise", "三个工作日内回电", True),
        (case_id, "regulator", "China Construction Bank should answer by 18 Nov 2024 "
                               "(day 9 of 15)", False),
        (case_id, "promise", "月底前答复", False),
    ]
    assert [i.due for i in items] == sorted(i.due for i in items)
    zh = book.deadlines.due(NOW, lang="zh")
    assert zh[1].text == "建设银行应于 2024-11-18 前答复（第 9 / 15 天）"


def test_a_kept_promise_leaves_the_due_list(book: Casebook,
                                            timeline: tuple[int, dict[str, int]]) -> None:
    _case_id, ids = timeline
    promise_id = book.timeline.get_event(ids["call"]).promises[0].id
    assert promise_id is not None
    kept = book.timeline.set_promise_state(promise_id, "kept", "11 月 6 日已回电")
    assert (kept.state, kept.state_note) == ("kept", "11 月 6 日已回电")
    assert [i.text for i in book.deadlines.due(NOW) if i.kind == "promise"] == ["月底前答复"]

    book.timeline.set_promise_state(promise_id, "broken", "没有回电")
    broken = [i for i in book.deadlines.due(NOW) if i.promise_id == promise_id]
    assert len(broken) == 1
    assert broken[0].overdue


def test_an_unknown_promise_state_or_promise_is_refused(book: Casebook,
                                                        timeline: tuple[int, dict[str, int]]
                                                        ) -> None:
    with pytest.raises(Invalid, match="promise state"):
        book.timeline.set_promise_state(1, "forgotten")
    with pytest.raises(NotFound, match="no promise with id 999"):
        book.timeline.set_promise_state(999, "kept")


# ---- letters -----------------------------------------------------------------------------


def test_letters_are_signed_with_the_profile_and_mask_the_id(
        book: Casebook, timeline: tuple[int, dict[str, int]]) -> None:
    case_id, _ids = timeline
    update_profile(book.paths.root, name="张三", phone="13800000000",
                   id_number="110101199001011234")
    letter = book.deadlines.draft_letter(case_id, "complaint", "zh", now=NOW)
    assert "致：国家金融监督管理总局" in letter
    assert "张三" in letter
    assert "13800000000" in letter
    assert "110101199001011234" not in letter
    assert "**************1234" in letter
    for text in ("T2024110300123", "BG-7781", "三个工作日内回电", "核实并书面答复"):
        assert text in letter


def test_a_chaser_needs_a_broken_promise(book: Casebook,
                                        timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    chaser = book.deadlines.draft_letter(case_id, "chaser", "en", now=NOW)
    assert "三个工作日内回电" in chaser
    assert "月底前答复" not in chaser  # pending, not due yet

    early = at("2024-11-04 09:00")
    with pytest.raises(Invalid, match="no broken promise to chase"):
        book.deadlines.draft_letter(case_id, "chaser", "en", now=early)
    pending = book.timeline.get_event(ids["sms"]).promises[0].id
    assert "月底前答复" in book.deadlines.draft_letter(case_id, "chaser", "zh", pending, now=early)


def test_bad_letter_requests_are_refused(book: Casebook,
                                         timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    promise_id = book.timeline.get_event(ids["call"]).promises[0].id
    assert promise_id is not None
    book.timeline.set_promise_state(promise_id, "kept")
    with pytest.raises(Invalid, match="was kept"):
        book.deadlines.draft_letter(case_id, "chaser", "zh", promise_id, now=NOW)
    with pytest.raises(Invalid, match="unknown letter kind"):
        book.deadlines.draft_letter(case_id, "thanks", "zh", now=NOW)
    with pytest.raises(Invalid, match="unknown letter language"):
        book.deadlines.draft_letter(case_id, "complaint", "fr", now=NOW)
    with pytest.raises(NotFound):
        book.deadlines.draft_letter(999, "complaint", "zh", now=NOW)


def test_the_letter_follows_the_marked_entry(book: Casebook,
                                             timeline: tuple[int, dict[str, int]]) -> None:
    case_id, ids = timeline
    book.cases.mark_lodged(case_id, ids["sms"])
    letter = book.deadlines.draft_letter(case_id, "chaser", "zh", now=NOW)
    assert "本人于 2024-11-07 通过短信向贵方提出投诉" in letter


# ---- calendar warnings belong to the date they concern ----------------------------------


def test_an_extension_into_a_year_without_holiday_data_warns_on_its_own_date() -> None:
    last = max(year for year in range(2020, 2100) if covers(year, "CN"))
    lodged = event(1, f"{last}-11-07 10:00", refs=(ref("T-1"),))
    clock = regulator_clock(case(), [lodged], default_rules(), at(f"{last}-11-10 10:00"))
    assert clock is not None
    assert clock.warnings == ()  # the 15-day answer date is on official data
    assert [d.period for d in clock.deadlines] == ["decision", "complex", "extended"]
    assert clock.deadlines[0].warnings == clock.deadlines[1].warnings == ()
    assert str(last + 1) in clock.deadlines[2].warnings[0]  # 60 days reach into next year
    assert clock.to_json()["deadlines"][2]["warnings"] == list(clock.deadlines[2].warnings)
