"""Changes made from looking at an exhibit, through the one door (:mod:`ui.operations`): its
capture time set by hand, a fact read from its picture put where it belongs, the calls of a
call-log screenshot added to the timeline. Each runs on the book's worker and is one undo step.

Where a fact goes and what the record becomes is the core's
(:mod:`desktop_app.reading.fact_places`); this module only runs it and makes it undoable.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from desktop_app.errors import Invalid
from desktop_app.records import (
    Box,
    CaseFields,
    EventFields,
    EventRecord,
    EvidenceRecord,
    Redaction,
)
from ui.operations import Command

if TYPE_CHECKING:
    from desktop_app.reading.call_log import CallLogRow
    from desktop_app.reading.fact_places import Place
    from desktop_app.reading.facts import Fact
    from ui.book_worker import Task
    from ui.operations import Operations

translate = QCoreApplication.translate


class _SetCaptured(Command):
    """An exhibit's capture time and its source, before and after."""

    def __init__(self, ops: Operations, before: EvidenceRecord, after: EvidenceRecord) -> None:
        super().__init__(ops, translate("ExhibitEdits", "Set the capture time of {exhibit}"
                                        ).format(exhibit=after.exhibit))
        self.evidence_id, self.case_id = after.id, after.case_id
        self.before = (before.captured_at, before.captured_source)
        self.after = (after.captured_at, after.captured_source)

    def _apply(self, value: tuple[datetime | None, str | None]) -> None:
        self.ops.run(lambda: self.ops.book.reading.restore_captured(self.evidence_id, *value),
                     lambda _r: self.ops.announce_evidence(self.case_id))

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


class _ChangeEntry(Command):
    def __init__(self, ops: Operations, before: EventRecord, after: EventRecord,
                 text: str) -> None:
        super().__init__(ops, text)
        self.event_id, self.case_id = after.id, after.case_id
        self.before, self.after = before.fields, after.fields

    def _apply(self, fields: EventFields) -> None:
        self.ops.run(lambda: self.ops.book.timeline.update_event(self.event_id, fields),
                     lambda _r: self.ops.announce_timeline(self.case_id))

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


class _ChangeCase(Command):
    def __init__(self, ops: Operations, case_id: int, before: CaseFields, after: CaseFields,
                 text: str) -> None:
        super().__init__(ops, text)
        self.case_id, self.before, self.after = case_id, before, after

    def _apply(self, fields: CaseFields) -> None:
        self.ops.run(lambda: self.ops.book.cases.update_case(self.case_id, fields),
                     lambda _r: self.ops.announce_case(self.case_id))

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


class _AddCalls(Command):
    """Entries added in one batch: undo deletes them all, redo brings the same ones back."""

    def __init__(self, ops: Operations, case_id: int, records: Sequence[EventRecord],
                 text: str) -> None:
        super().__init__(ops, text)
        self.case_id = case_id
        self.records = tuple(records)

    def _done(self, records: list[EventRecord]) -> None:
        self.records = tuple(records)
        self.ops.announce_timeline(self.case_id)

    def undo(self) -> None:
        ids = [r.id for r in self.records]
        self.ops.run(lambda: self.ops.book.timeline.delete_events(ids), self._done)

    def do(self) -> None:
        records = self.records
        self.ops.run(lambda: self.ops.book.timeline.restore_events(records), self._done)


# an exhibit's redaction boxes and, on a PDF exhibit, the page of each (from 1)
PageBoxes = tuple[tuple[Box, ...], tuple[int, ...]]


class _SetRedaction(Command):
    """An exhibit's redaction boxes, before and after (none: printed whole)."""

    def __init__(self, ops: Operations, record: EvidenceRecord, before: PageBoxes,
                 after: PageBoxes) -> None:
        super().__init__(ops, translate("ExhibitEdits", "Redact {exhibit}").format(
            exhibit=record.exhibit) if after[0] else translate(
                "ExhibitEdits", "Clear the redaction of {exhibit}").format(
                    exhibit=record.exhibit))
        self.evidence_id, self.case_id = record.id, record.case_id
        self.before, self.after = before, after

    def _apply(self, wanted: PageBoxes) -> None:
        redactions = self.ops.book.redactions
        evidence_id = self.evidence_id
        boxes, pages = wanted
        self.ops.run(lambda: redactions.redact(evidence_id, boxes, pages) if boxes
                     else redactions.clear(evidence_id),
                     lambda _r: self.ops.announce_evidence(self.case_id))

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


def _fact_step(place: Place, fact: Fact, exhibit: str) -> str:
    """The undo step's name for a fact put in ``place``."""
    texts = {
        "entry_reference": translate("ExhibitEdits", "Add number {value} from {exhibit}"),
        "entry_agent_id": translate("ExhibitEdits", "Agent's ID {value} from {exhibit}"),
        "entry_contact": translate("ExhibitEdits", "Contact {value} from {exhibit}"),
        "entry_time": translate("ExhibitEdits", "Entry time from {exhibit}"),
        "case_amount": translate("ExhibitEdits", "Amount {value} from {exhibit}"),
    }
    return texts.get(place, "").format(value=fact.value, exhibit=exhibit)


class ExhibitEdits:
    """The exhibit's changes, made through ``ops`` (its worker, undo stack and hub). Every
    method returns the worker's task; ``done`` comes after the undo step is pushed."""

    def __init__(self, ops: Operations) -> None:
        self.ops = ops

    def set_captured(self, evidence_id: int, at: datetime | None) -> Task:
        """The person says when the exhibit was made (None: not known); done(EvidenceRecord)."""
        book = self.ops.book

        def call() -> tuple[EvidenceRecord, EvidenceRecord]:
            before = book.evidence.get_evidence(evidence_id)
            return before, book.reading.set_captured(evidence_id, at)

        def after(pair: tuple[EvidenceRecord, EvidenceRecord]) -> None:
            before, now = pair
            if (before.captured_at, before.captured_source) != (
                    now.captured_at, now.captured_source):
                self.ops.undo_stack.push(_SetCaptured(self.ops, before, now))
            self.ops.announce_evidence(now.case_id)

        return self.ops.run(call, after).mapped(lambda pair: pair[1])

    def put_fact(self, evidence_id: int, fact: Fact, place: Place) -> Task:
        """Put a fact read from the exhibit where it belongs: the entry the exhibit is on, the
        case, or the exhibit's capture time. done(True when something changed)."""
        # deferred: the fact rules (~4 ms), when a fact is first put somewhere
        from desktop_app.reading.fact_places import ENTRY_PLACES, fact_time  # deferred: ~4 ms

        if place == "captured":
            return self.set_captured(evidence_id, fact_time(fact)).mapped(lambda _r: True)
        if place in ENTRY_PLACES:
            return self._put_on_entry(evidence_id, fact, place)
        if place == "case_amount":
            return self._put_on_case(evidence_id, fact)
        raise ValueError(f"no place {place!r}")

    def _put_on_entry(self, evidence_id: int, fact: Fact, place: Place) -> Task:
        book = self.ops.book

        def call() -> tuple[EvidenceRecord, EventRecord, EventRecord]:
            record = book.evidence.get_evidence(evidence_id)
            if record.event_id is None:
                raise Invalid(translate("ExhibitEdits", "{exhibit} belongs to no timeline entry"
                                        ).format(exhibit=record.exhibit))
            before = book.timeline.get_event(record.event_id)
            from desktop_app.reading.fact_places import entry_with  # deferred: as put_fact

            wanted = entry_with(before.fields, fact, place)
            if wanted == before.fields:
                return record, before, before
            return record, before, book.timeline.update_event(before.id, wanted)

        def after(result: tuple[EvidenceRecord, EventRecord, EventRecord]) -> None:
            record, before, now = result
            if before.fields != now.fields:
                self.ops.undo_stack.push(_ChangeEntry(
                    self.ops, before, now, _fact_step(place, fact, record.exhibit)))
                self.ops.announce_timeline(now.case_id)

        task = self.ops.run(call, after)
        return task.mapped(lambda result: result[1].fields != result[2].fields)

    def _put_on_case(self, evidence_id: int, fact: Fact) -> Task:
        book = self.ops.book

        def call() -> tuple[EvidenceRecord, CaseFields, CaseFields]:
            record = book.evidence.get_evidence(evidence_id)
            before = book.cases.get_case(record.case_id).fields
            from desktop_app.reading.fact_places import case_with_amount  # deferred: as put_fact

            wanted = case_with_amount(before, fact)
            if wanted == before:
                return record, before, before
            return record, before, book.cases.update_case(record.case_id, wanted).fields

        def after(result: tuple[EvidenceRecord, CaseFields, CaseFields]) -> None:
            record, before, now = result
            if before != now:
                self.ops.undo_stack.push(_ChangeCase(
                    self.ops, record.case_id, before, now,
                    _fact_step("case_amount", fact, record.exhibit)))
                self.ops.announce_case(record.case_id)

        task = self.ops.run(call, after)
        return task.mapped(lambda result: result[1] != result[2])

    def set_redaction(self, evidence_id: int, boxes: Sequence[Box],
                      pages: Sequence[int] = ()) -> Task:
        """Black out ``boxes`` in the exhibit's picture in the dossier (on a PDF exhibit, each
        on its page in ``pages``, from 1) (none: print it whole again), one undo step;
        done(the Redaction, or None when cleared)."""
        book = self.ops.book
        wanted, on = tuple(boxes), tuple(pages)

        def call() -> tuple[EvidenceRecord, Redaction | None, Redaction | None]:
            record = book.evidence.get_evidence(evidence_id)
            before = book.redactions.get(evidence_id)
            after = book.redactions.redact(evidence_id, wanted, on) if wanted else None
            if not wanted:
                book.redactions.clear(evidence_id)
            return record, before, after

        def after(result: tuple[EvidenceRecord, Redaction | None, Redaction | None]) -> None:
            record, before, now = result
            old: PageBoxes = (before.boxes, before.pages) if before else ((), ())
            new: PageBoxes = (now.boxes, now.pages) if now else ((), ())
            if old != new:
                self.ops.undo_stack.push(_SetRedaction(self.ops, record, old, new))
            self.ops.announce_evidence(record.case_id)

        return self.ops.run(call, after).mapped(lambda result: result[2])

    def add_calls(self, evidence_id: int, rows: Sequence[CallLogRow]) -> Task:
        """The chosen calls of a call-log screenshot as unsolicited-call entries, in one
        transaction and one undo step; done(the entries)."""
        book = self.ops.book
        chosen = list(rows)

        def call() -> tuple[EvidenceRecord, list[EventRecord]]:
            record = book.evidence.get_evidence(evidence_id)
            entries = book.reading.call_log_entries(evidence_id, chosen)
            return record, book.timeline.add_events(record.case_id, entries)

        def after(result: tuple[EvidenceRecord, list[EventRecord]]) -> None:
            record, added = result
            if not added:
                return
            text = translate("ExhibitEdits", "Add {count} calls from {exhibit}").format(
                count=len(added), exhibit=record.exhibit)
            self.ops.undo_stack.push(_AddCalls(self.ops, record.case_id, added, text))
            self.ops.announce_timeline(record.case_id)

        return self.ops.run(call, after).mapped(lambda result: result[1])


__all__ = ["ExhibitEdits"]
