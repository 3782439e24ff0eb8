"""Cases: create, edit, change status, delete and restore (undo), the lodged mark, and the
whole case as ``case show --json`` prints it."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.records import CaseFields, CaseRecord, CaseSnapshot
from desktop_app.services import clock
from desktop_app.services.lookups import case_in, no_case, require_target
from desktop_app.services.validation import check_choice, fields_payload, validate_case
from desktop_app.store import reads
from desktop_app.vocab import Status

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


class Cases:
    """``book.cases``."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def list_cases(self) -> list[CaseRecord]:
        with self.book.read() as con:
            return reads.list_cases(con)

    def get_case(self, case_id: int) -> CaseRecord:
        with self.book.read() as con:
            return case_in(con, case_id)

    def create_case(self, fields: CaseFields) -> CaseRecord:
        fields = validate_case(fields)
        with self.book.write() as (s, w, con):
            institution_id = self.book.institutions.resolve(s, w, con, fields)
            case_id = w.insert_case(s, fields, institution_id)
            record = case_in(con, case_id)
            w.record_audit(s, "create", "case", case_id, fields_payload(record.fields))
            return record

    def update_case(self, case_id: int, fields: CaseFields) -> CaseRecord:
        fields = validate_case(fields)
        with self.book.write() as (s, w, con):
            if reads.get_case(con, case_id) is None:
                raise no_case(case_id)
            institution_id = self.book.institutions.resolve(s, w, con, fields)
            w.update_case(s, case_id, fields, institution_id)
            record = case_in(con, case_id)
            w.record_audit(s, "update", "case", case_id, fields_payload(record.fields))
            return record

    def set_case_status(self, case_id: int, status: str) -> CaseRecord:
        check_choice(status, Status, tr("status"))
        with self.book.write() as (s, w, con):
            current = reads.get_case(con, case_id)
            if current is None:
                raise no_case(case_id)
            w.update_case(s, case_id, dataclasses.replace(current.fields, status=status),
                          current.institution.id)
            w.record_audit(s, "status", "case", case_id, {"status": status})
            return case_in(con, case_id)

    def delete_case(self, case_id: int) -> CaseSnapshot:
        """Delete a case with its timeline; the snapshot returned can restore it exactly."""
        with self.book.write() as (s, w, con):
            snapshot = CaseSnapshot(case_in(con, case_id),
                                    tuple(reads.case_events(con, case_id)),
                                    tuple(reads.case_evidence(con, case_id)),
                                    reads.next_exhibit_no(con, case_id))
            w.delete_case(s, case_id)
            w.record_audit(s, "delete", "case", case_id,
                           {"title": snapshot.case.title, "events": len(snapshot.events),
                            "evidence": len(snapshot.evidence)})
            return snapshot

    def restore_case(self, snapshot: CaseSnapshot) -> CaseRecord:
        """Undo a deletion: the case and its events come back with their ids."""
        record = snapshot.case
        with self.book.write() as (s, w, con):
            if reads.get_case(con, record.id) is not None:
                raise Invalid(tr("case {id} exists already", id=record.id))
            institution_id = self.book.institutions.resolve(s, w, con, record.fields)
            w.insert_case(s, record.fields, institution_id, record.id, record.created_at,
                          record.updated_at)
            for event in snapshot.events:
                w.insert_event(s, record.id, event.fields, event.id, event.created_at,
                               event.updated_at)
            for evidence in snapshot.evidence:
                w.insert_evidence(s, evidence, evidence.id)
            if snapshot.next_exhibit_no > 1:
                w.set_exhibit_counter(s, record.id, snapshot.next_exhibit_no)
            if record.lodged_event_id is not None:
                w.set_lodged_event(s, record.id, record.lodged_event_id)
            w.record_audit(s, "restore", "case", record.id,
                           {"title": record.title, "events": len(snapshot.events),
                            "evidence": len(snapshot.evidence)})
            return case_in(con, record.id)

    def mark_lodged(self, case_id: int, event_id: int | None) -> CaseRecord:
        """Mark the entry the complaint counts as lodged at (the regulator clock's start);
        None clears the mark, and the clock starts at the first outgoing contact that produced
        a reference number."""
        with self.book.write() as (s, w, con):
            current = case_in(con, case_id)
            if event_id is not None:
                require_target(con, case_id, event_id)
            if current.lodged_event_id == event_id:
                return current
            w.set_lodged_event(s, case_id, event_id)
            w.record_audit(s, "lodged", "case", case_id, {"event_id": event_id})
            return case_in(con, case_id)

    def case_json(self, case_id: int) -> dict[str, Any]:
        """The case as ``casebook case show --json`` prints it."""
        with self.book.read() as con:
            record = case_in(con, case_id)
            events = reads.case_events(con, case_id)
            evidence = reads.case_evidence(con, case_id)
        from desktop_app.services.deadlines import clock_of  # deferred: ~9 ms; case show only

        data = record.to_json()
        regulator = clock_of(record, events, clock.current_time())
        data["clock"] = None if regulator is None else regulator.to_json()
        data["events"] = [e.to_json() for e in events]
        data["evidence"] = self.book.reading.exhibits_json(evidence)
        return data

