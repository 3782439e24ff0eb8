"""The due list read through the indexes (promises with a due time, and only the events the
regulator clocks depend on) equals the due list computed from every event of every open case,
on varied books; and one case's items read alone are that case's items in the whole list."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from records_factory import at

from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook

NOW = at("2024-11-12 09:00")
CHANNELS = ("call", "app", "sms", "note", "regulator", "email", "visit")
DAYS = [f"2024-{m:02d}-{d:02d} {h:02d}:00" for m in (10, 11, 12) for d in (1, 9, 20)
        for h in (9, 18)]

event_st = st.fixed_dictionaries({
    "when": st.sampled_from(DAYS),
    "channel": st.sampled_from(CHANNELS),
    "direction": st.sampled_from(("out", "in")),
    "refs": st.lists(st.sampled_from(("T1", "BG-7", "X9")), max_size=2),
    "promises": st.lists(st.tuples(st.sampled_from(("回电", "退款")),
                                   st.none() | st.sampled_from(DAYS),
                                   st.sampled_from(("pending", "kept", "broken"))), max_size=2),
})
case_st = st.fixed_dictionaries({
    "jurisdiction": st.sampled_from(("CN", "UK", "US", "none")),
    "status": st.sampled_from(("open", "awaiting_reply", "resolved")),
    "events": st.lists(event_st, max_size=6),
    "mark": st.none() | st.integers(0, 5),
})


def build(book: Casebook, spec: dict) -> None:
    case_id = book.cases.create_case(CaseFields(
        title="案卷", institution_name="中国建设银行", jurisdiction=spec["jurisdiction"],
        status=spec["status"])).id
    ids = []
    for e in spec["events"]:
        fields = EventFields(
            at=at(e["when"]), channel=e["channel"], direction=e["direction"],
            references=tuple(ReferenceData(r, "投诉号") for r in e["refs"]),
            promises=tuple(PromiseData(t, None if d is None else at(d)) for t, d, _s in
                           e["promises"]))
        record = book.timeline.add_event(case_id, fields)
        ids.append(record.id)
        for promise, (_t, _d, state) in zip(record.fields.promises, e["promises"], strict=True):
            if state != "pending":
                book.timeline.set_promise_state(promise.id, state, "")
    if spec["mark"] is not None and spec["mark"] < len(ids):
        book.cases.mark_lodged(case_id, ids[spec["mark"]])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(case_st, min_size=1, max_size=4), st.sampled_from(("en", "zh")))
def test_indexed_due_equals_full_computation(cases: list[dict], lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, Casebook.open(Path(tmp)) as book:
        for spec in cases:
            build(book, spec)
        full = book.deadlines.due_full(NOW, lang)
        assert book.deadlines.due(NOW, lang) == full
        for case in book.cases.list_cases():
            assert book.deadlines.case_due(case.id, NOW, lang) == [
                i for i in full if i.case_id == case.id]


def test_the_clock_is_read_from_the_few_events_it_depends_on(data_dir: Path) -> None:
    """The cases the clock reads past the index for: a first referenced contact after many
    without one, a rule that starts at a regulator filing (US), a marked entry, an escalation."""
    with Casebook.open(data_dir) as book:
        late = book.cases.create_case(CaseFields(title="迟来的编号", institution_name="建设银行",
                                                 jurisdiction="CN")).id
        for day in range(1, 6):
            book.timeline.add_event(late, EventFields(at=at(f"2024-10-0{day} 09:00"),
                                                      channel="call"))
        book.timeline.add_event(late, EventFields(at=at("2024-10-08 09:00"), channel="note",
                                                  references=(ReferenceData("N-1", "号"),)))
        first = book.timeline.add_event(late, EventFields(
            at=at("2024-10-09 09:00"), channel="call",
            references=(ReferenceData("T-9", "投诉号"),))).id
        book.timeline.add_event(late, EventFields(at=at("2024-11-01 09:00"),
                                                  channel="regulator", counterpart="12378"))
        chase = book.institutions.add_institution("Chase", kind="bank").id
        us = book.cases.create_case(CaseFields(title="CFPB", institution_id=chase,
                                               jurisdiction="US")).id
        book.timeline.add_event(us, EventFields(at=at("2024-10-01 09:00"), channel="call",
                                                references=(ReferenceData("C-1", "ref"),)))
        filed = book.timeline.add_event(us, EventFields(
            at=at("2024-10-03 09:00"), channel="regulator",
            references=(ReferenceData("CFPB-1", "ref"),))).id
        marked = book.cases.create_case(CaseFields(title="标记", institution_name="建设银行",
                                                   jurisdiction="CN")).id
        book.timeline.add_event(marked, EventFields(at=at("2024-10-01 09:00"), channel="call",
                                                    references=(ReferenceData("M-1", "号"),)))
        chosen = book.timeline.add_event(marked, EventFields(at=at("2024-10-05 09:00"),
                                                             channel="app")).id
        book.cases.mark_lodged(marked, chosen)
        full = book.deadlines.due_full(NOW, "zh")
        assert book.deadlines.due(NOW, "zh") == full
        lodged = {i.case_id: i.event_id for i in full if i.kind == "regulator"}
        assert lodged[late] == first
        assert lodged[marked] == chosen
        assert lodged[us] == filed  # not the call before it: this clock starts at a filing
