"""The due list read through the index (only the events it depends on) equals the due list
computed from every event of every open case, on varied books."""

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
    "jurisdiction": st.sampled_from(("CN", "UK", "none")),
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


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(case_st, min_size=1, max_size=4), st.sampled_from(("en", "zh")))
def test_indexed_due_equals_full_computation(cases: list[dict], lang: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, Casebook.open(Path(tmp)) as book:
        for spec in cases:
            build(book, spec)
        assert book.deadlines.due(NOW, lang) == book.deadlines.due_full(NOW, lang)
