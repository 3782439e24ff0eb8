"""The timeline: entries (with their references and promises) added, edited, deleted and
restored, and promises marked kept, broken or pending."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from desktop_app.errors import Invalid, NotFound
from desktop_app.i18n import tr
from desktop_app.records import EventFields, EventRecord, PromiseData
from desktop_app.services.lookups import case_in, event_in, no_case, no_event
from desktop_app.services.validation import check_choice, validate_event
from desktop_app.store import reads
from desktop_app.timeutil import from_utc_text
from desktop_app.vocab import PromiseState, Status

if TYPE_CHECKING:
    from sqlmodel import Session

    from desktop_app.services.book import Casebook


class Timeline:
    """``book.timeline``."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def list_events(self, case_id: int, newest_first: bool = False) -> list[EventRecord]:
        with self.book.read() as con:
            if reads.get_case(con, case_id) is None:
                raise no_case(case_id)
            return reads.case_events(con, case_id, newest_first)

    def page_of_events(self, case_id: int, newest_first: bool, offset: int,
                       limit: int) -> tuple[list[EventRecord], int]:
        """``limit`` of a case's events from the ``offset``-th on in time order, and how many
        the case has: a long timeline read a screenful at a time."""
        with self.book.read() as con:
            if reads.get_case(con, case_id) is None:
                raise no_case(case_id)
            return (reads.case_events(con, case_id, newest_first, limit, offset),
                    reads.event_count(con, case_id))

    def event_position(self, case_id: int, event_id: int, newest_first: bool) -> int | None:
        """The row an event of the case takes in time order (None: not the case's)."""
        with self.book.read() as con:
            return reads.event_position(con, case_id, event_id, newest_first)

    def events_on(self, case_id: int, channels: Sequence[str]) -> list[EventRecord]:
        """A case's events on these channels (its unsolicited calls), oldest first."""
        marks = ", ".join("?" * len(channels))
        with self.book.read() as con:
            return reads.load_events(con, f"case_id = ? AND channel IN ({marks})",
                                     (case_id, *channels))

    def get_event(self, event_id: int) -> EventRecord:
        with self.book.read() as con:
            return event_in(con, event_id)

    def add_event(self, case_id: int, fields: EventFields, *,
                  status: str | None = None) -> EventRecord:
        """Add an entry; with ``status``, the case's status changes in the same transaction
        (a filing with a regulator that escalates the case)."""
        fields = validate_event(fields)
        if status is not None:
            check_choice(status, Status, tr("status"))
        with self.book.write() as (s, w, con):
            if not w.case_exists(s, case_id):
                raise no_case(case_id)
            event_id = w.insert_event(s, case_id, fields)
            w.touch_case(s, case_id)
            record = event_in(con, event_id)
            w.record_audit(s, "create", "event", event_id, record.to_json())
            if status is not None:
                current = case_in(con, case_id)
                if current.status != status:
                    w.update_case(s, case_id, dataclasses.replace(current.fields, status=status),
                                  current.institution.id)
                    w.record_audit(s, "status", "case", case_id, {"status": status})
            return record

    def add_events(self, case_id: int, entries: Sequence[EventFields]) -> list[EventRecord]:
        """Add several entries in one transaction: all or none (the calls of a call log)."""
        checked = [validate_event(fields) for fields in entries]
        with self.book.write() as (s, w, con):
            if not w.case_exists(s, case_id):
                raise no_case(case_id)
            records = []
            for fields in checked:
                event_id = w.insert_event(s, case_id, fields)
                records.append(event_in(con, event_id))
                w.record_audit(s, "create", "event", event_id, records[-1].to_json())
            if records:
                w.touch_case(s, case_id)
            return records

    def delete_events(self, event_ids: Sequence[int]) -> list[EventRecord]:
        """Delete several entries in one transaction (undoing :meth:`add_events`)."""
        with self.book.write() as (s, w, con):
            return [delete_event_in(s, w, con, event_id) for event_id in event_ids]

    def restore_events(self, records: Sequence[EventRecord]) -> list[EventRecord]:
        with self.book.write() as (s, w, con):
            return [restore_event_in(s, w, con, record) for record in records]

    def update_event(self, event_id: int, fields: EventFields) -> EventRecord:
        fields = validate_event(fields)
        with self.book.write() as (s, w, con):
            case_id = w.update_event(s, event_id, fields)
            if case_id is None:
                raise no_event(event_id)
            w.touch_case(s, case_id)
            record = event_in(con, event_id)
            w.record_audit(s, "update", "event", event_id, record.to_json())
            return record

    def delete_event(self, event_id: int) -> EventRecord:
        """Delete an entry; the record returned can bring it back with ``restore_event``."""
        with self.book.write() as (s, w, con):
            return delete_event_in(s, w, con, event_id)

    def restore_event(self, record: EventRecord) -> EventRecord:
        with self.book.write() as (s, w, con):
            return restore_event_in(s, w, con, record)

    def set_promise_state(self, promise_id: int, state: str, note: str = "") -> PromiseData:
        """Mark a promise kept, broken or pending, with a note."""
        return self.set_promise_states([(promise_id, state, note)])[0]

    def set_promise_states(self, changes: Sequence[tuple[int, str, str]]) -> list[PromiseData]:
        """(promise id, state, note) for several promises, in one transaction: all of them
        change, or (on any refusal) none."""
        for _promise_id, state, _note in changes:
            check_choice(state, PromiseState, tr("promise state"))
        done = []
        with self.book.write() as (s, w, con):
            for promise_id, state, note in changes:
                if not w.set_promise_state(s, promise_id, state, note):
                    raise NotFound(tr("no promise with id {id}", id=promise_id))
                w.record_audit(s, "state", "promise", promise_id,
                               {"state": state, "note": note})
                text, due, state_now, note_now = con.execute(
                    "SELECT text, due_at, state, state_note FROM promise WHERE id = ?",
                    (promise_id,)).fetchone()
                done.append(PromiseData(text, from_utc_text(due) if due else None, state_now,
                                        note_now, promise_id))
        return done


def delete_event_in(s: Session, w: ModuleType, con: sqlite3.Connection,
                    event_id: int) -> EventRecord:
    """Delete an entry inside a write transaction (see ``Timeline.delete_event``)."""
    record = event_in(con, event_id)
    if case_in(con, record.case_id).lodged_event_id == event_id:
        record = dataclasses.replace(record, lodged=True)  # undo marks it again
    w.delete_event(s, event_id)
    w.touch_case(s, record.case_id)
    w.record_audit(s, "delete", "event", event_id, record.to_json())
    return record


def restore_event_in(s: Session, w: ModuleType, con: sqlite3.Connection,
                     record: EventRecord) -> EventRecord:
    """Bring a deleted entry back inside a write transaction, with its id."""
    fields = validate_event(record.fields)
    if not w.case_exists(s, record.case_id):
        raise no_case(record.case_id)
    if w.event_exists(s, record.id):
        raise Invalid(tr("event {id} exists already", id=record.id))
    w.insert_event(s, record.case_id, fields, record.id, record.created_at,
                   record.updated_at)
    w.link_evidence(s, record.case_id, record.id, record.evidence_ids)
    if record.lodged and case_in(con, record.case_id).lodged_event_id is None:
        w.set_lodged_event(s, record.case_id, record.id)
    w.touch_case(s, record.case_id)
    restored = event_in(con, record.id)
    w.record_audit(s, "restore", "event", record.id, restored.to_json())
    return restored
