"""Each record type is described once (desktop_app.records); the tables store exactly its fields,
and its JSON carries exactly them (with the documented renames), so a field added to one place
and not the others fails here."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import SQLModel

import desktop_app.store.tables  # noqa: F401 - registers the tables
from desktop_app.records import (
    CaseFields,
    CaseRecord,
    EventFields,
    EventRecord,
    EvidenceRecord,
    InstitutionRecord,
    PromiseData,
    ReferenceData,
    stored_fields,
)
from desktop_app.store import reads
from desktop_app.timeutil import parse_time


def columns(table: str) -> set[str]:
    return {c.name for c in SQLModel.metadata.tables[table].columns}


# Columns a table has beyond its record's fields: keys that tie rows together, and a list order.
KEYS = {
    "institution": set(),
    "case": {"lodged_event_id"},
    "event": {"id", "case_id", "created_at", "updated_at"},
    "reference": {"id", "event_id", "position"},
    "promise": {"event_id", "position"},
    "evidence": set(),
}


@pytest.mark.parametrize(("table", "fields"), [
    ("institution", set(stored_fields(InstitutionRecord))),
    ("case", set(reads.CASE_COLUMNS)),
    ("event", set(stored_fields(EventFields, left_out=("references", "promises")))),
    ("reference", set(stored_fields(ReferenceData))),
    ("promise", set(stored_fields(PromiseData))),
    ("evidence", set(stored_fields(EvidenceRecord))),
])
def test_a_table_stores_its_records_fields(table: str, fields: set[str]) -> None:
    assert columns(table) == fields | KEYS[table]


def test_json_carries_every_field_once() -> None:
    at = parse_time("2024-11-02 09:05")
    institution = InstitutionRecord(1, "中国建设银行")
    case = CaseRecord(7, CaseFields(title="扣款争议", institution_id=1,
                                    institution_name="中国建设银行"), institution, at, at)
    event = EventRecord(3, 7, EventFields(
        at=at, channel="call", references=(ReferenceData("TS2024"),),
        promises=(PromiseData("回电", at, id=5),)), at, at, evidence_ids=(9,), lodged=True)
    evidence = EvidenceRecord(9, 7, 1, "ab" * 32, 10, "image/png", "a.png", None, at)

    assert set(institution.to_json()) == set(stored_fields(InstitutionRecord))
    assert set(case.to_json()) == ({"institution"} | set(reads.CASE_COLUMNS)
                                   | {"event_count", "last_event_at", "lodged_event_id"})
    event_fields = {f.name for f in dataclasses.fields(EventFields)}
    assert set(event.to_json()) == {"id", "case_id", "created_at", "updated_at"} | event_fields
    assert set(event.to_json()["promises"][0]) == {"id", "text", "due", "state", "state_note"}
    assert set(event.to_json()["references"][0]) == set(stored_fields(ReferenceData))
    assert set(evidence.to_json()) == {"exhibit"} | set(stored_fields(EvidenceRecord))
    assert case.to_json()["institution"] == "中国建设银行"
    assert event.to_json()["at"] == "2024-11-02T09:05:00+08:00"
