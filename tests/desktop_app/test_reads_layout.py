"""reads.py builds records positionally (fast start-up): its column lists must follow the
records' own field order, or values would land in the wrong fields."""

from __future__ import annotations

from dataclasses import fields

from desktop_app.records import EventFields, EventRecord
from desktop_app.store import reads


def test_event_columns_follow_event_fields_order() -> None:
    names = tuple(f.name for f in fields(EventFields))
    assert names == (*reads.EVENT_FIELD_COLUMNS, "references", "promises")


def test_event_record_order_is_what_load_events_passes() -> None:
    names = tuple(f.name for f in fields(EventRecord))
    assert names[:6] == ("id", "case_id", "fields", "created_at", "updated_at", "evidence_ids")
