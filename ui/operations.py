"""The one door for changes: every edit the window makes goes through here.

Each change runs as one service call on the book's worker (:mod:`ui.book_worker`), never on the
GUI thread. When it is done — back on the GUI thread — it is pushed onto the undo stack as a
command that holds ids and before/after values (never live ORM objects) and announced on the
signal hub; then whoever asked hears of it through the returned task::

    ops.create_case(fields).then(lambda record: window.select_case(record.id))

A refusal (the core's one-line message) comes back as the task's ``failed(message)``; when no
one else listens, the hub's ``refused`` carries it to the window. Undo and redo run on the
worker too, in the order they were asked for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QImage, QUndoCommand, QUndoStack

from desktop_app.records import (
    CaseFields,
    CaseRecord,
    CaseSnapshot,
    EventFields,
    EventRecord,
    InstitutionRecord,
    PromiseData,
)
from desktop_app.services.book import Casebook
from ui.book_worker import BookWorker, Task
from ui.jobs import ImportFilesJob, ImportImageJob, ImportResult, JobRunner
from ui.signals import SignalHub

if TYPE_CHECKING:
    from desktop_app.records import EvidenceRecord

_KEEP = object()  # "leave this field as it is"


translate = QCoreApplication.translate  # called with the context written out, for lupdate


class _Command(QUndoCommand):
    """A command whose first redo already happened (the operation ran before the push).

    ``undo``/``redo`` hand the work to the worker; the announcement follows when it is done."""

    def __init__(self, ops: Operations, text: str) -> None:
        super().__init__(text)
        self.ops = ops
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.do()

    def do(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError


Command = _Command  # the base of the commands other modules of the one door define


class _CreateCase(_Command):
    def __init__(self, ops: Operations, record: CaseRecord) -> None:
        super().__init__(ops, translate(
                "Operations", "New case “{title}”").format(title=record.title))
        self.case_id = record.id
        self.snapshot: CaseSnapshot | None = None

    def undo(self) -> None:
        def done(snapshot: CaseSnapshot) -> None:
            self.snapshot = snapshot
            self.ops.announce_cases()

        self.ops.run(lambda: self.ops.book.cases.delete_case(self.case_id), done)

    def do(self) -> None:
        snapshot = self.snapshot
        assert snapshot is not None
        self.ops.run(lambda: self.ops.book.cases.restore_case(snapshot),
                     lambda _r: self.ops.announce_cases(self.case_id))


class _DeleteCase(_Command):
    def __init__(self, ops: Operations, snapshot: CaseSnapshot) -> None:
        super().__init__(ops, translate(
                "Operations", "Delete case “{title}”").format(title=snapshot.case.title))
        self.snapshot = snapshot

    def undo(self) -> None:
        snapshot = self.snapshot
        self.ops.run(lambda: self.ops.book.cases.restore_case(snapshot),
                     lambda _r: self.ops.announce_cases(snapshot.case.id))

    def do(self) -> None:
        def done(snapshot: CaseSnapshot) -> None:
            self.snapshot = snapshot
            self.ops.announce_cases()

        case_id = self.snapshot.case.id
        self.ops.run(lambda: self.ops.book.cases.delete_case(case_id), done)


class _EditCase(_Command):
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


class _AddEvent(_Command):
    def __init__(self, ops: Operations, record: EventRecord, text: str) -> None:
        super().__init__(ops, text)
        self.record = record

    def _done(self, record: EventRecord) -> None:
        self.record = record
        self.ops.announce_timeline(record.case_id)

    def undo(self) -> None:
        event_id = self.record.id
        self.ops.run(lambda: self.ops.book.timeline.delete_event(event_id), self._done)

    def do(self) -> None:
        record = self.record
        self.ops.run(lambda: self.ops.book.timeline.restore_event(record), self._done)


class _DeleteEvent(_AddEvent):
    def __init__(self, ops: Operations, record: EventRecord) -> None:
        super().__init__(ops, record, translate("Operations", "Delete entry “{summary}”").format(
            summary=record.summary))

    def undo(self) -> None:
        super().do()

    def do(self) -> None:
        super().undo()


class _EditEvent(_Command):
    def __init__(self, ops: Operations, before: EventRecord, after: EventRecord) -> None:
        super().__init__(ops, translate(
                "Operations", "Edit entry “{summary}”").format(summary=after.summary))
        self.before, self.after = before, after

    def _apply(self, record: EventRecord) -> None:
        self.ops.run(lambda: self.ops.book.timeline.update_event(record.id, record.fields),
                     lambda _r: self.ops.announce_timeline(record.case_id))

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


class _EditInstitution(_Command):
    def __init__(self, ops: Operations, before: InstitutionRecord, after: InstitutionRecord,
                 fields: tuple[str, ...]) -> None:
        super().__init__(ops, translate(
                "Operations", "Edit institution “{name}”").format(name=after.name))
        self.institution_id = after.id
        self.before = {f: getattr(before, f) for f in fields}
        self.after = {f: getattr(after, f) for f in fields}

    def _apply(self, values: dict[str, Any]) -> None:
        self.ops.run(lambda: self.ops.book.institutions.update_institution(
            self.institution_id, **values), lambda _r: self.ops.announce_institutions())

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


def _exhibits(records: Sequence[EvidenceRecord]) -> str:
    shown = ", ".join(r.exhibit for r in records[:3])
    return shown + ("…" if len(records) > 3 else "")


class _ImportEvidence(_Command):
    """Files that came in by an import (a drop, a paste, the file dialog): undo removes what it
    added (never what was already there), and the email entries it made — in one transaction."""

    def __init__(self, ops: Operations, case_id: int, records: Sequence[EvidenceRecord],
                 event_ids: Sequence[int], text: str) -> None:
        super().__init__(ops, text)
        self.case_id = case_id
        self.records = tuple(records)
        self.event_ids = tuple(event_ids)
        self.events: tuple[EventRecord, ...] = ()

    def undo(self) -> None:
        ids = [r.id for r in reversed(self.records)]

        def done(result: tuple[list[EvidenceRecord], list[EventRecord]]) -> None:
            records, events = result
            self.records, self.events = tuple(reversed(records)), tuple(events)
            self.ops.announce_evidence(self.case_id, timeline=bool(self.event_ids))

        self.ops.run(lambda: self.ops.book.imports.withdraw(ids, self.event_ids), done)

    def do(self) -> None:
        events, records = self.events, self.records

        def done(restored: list[EvidenceRecord]) -> None:
            self.records = tuple(restored)
            self.ops.announce_evidence(self.case_id, timeline=bool(self.event_ids))

        self.ops.run(lambda: self.ops.book.imports.reinstate(events, records), done)


class _EditEvidence(_Command):
    """Caption, "what it proves" or the entry of one or more exhibits, before and after."""

    def __init__(self, ops: Operations, changes: Sequence[tuple[EvidenceRecord, EvidenceRecord]],
                 text: str) -> None:
        super().__init__(ops, text)
        self.changes = tuple(changes)

    def _apply(self, pick: int) -> None:
        records = [pair[pick] for pair in self.changes]

        def done(_result: object) -> None:
            for case_id in sorted({record.case_id for record in records}):
                self.ops.announce_evidence(case_id)

        self.ops.run(lambda: self.ops.book.evidence.set_evidence(records), done)

    def undo(self) -> None:
        self._apply(0)

    def do(self) -> None:
        self._apply(1)


class _RemoveEvidence(_Command):
    def __init__(self, ops: Operations, records: Sequence[EvidenceRecord]) -> None:
        super().__init__(ops, translate(
                "Operations", "Remove {exhibits}").format(exhibits=_exhibits(records)))
        self.records = tuple(records)

    def _done(self, records: list[EvidenceRecord]) -> None:
        self.records = tuple(records)
        for case_id in sorted({r.case_id for r in records}):
            self.ops.announce_evidence(case_id)

    def undo(self) -> None:
        records = self.records
        self.ops.run(lambda: self.ops.book.evidence.restore_many(records), self._done)

    def do(self) -> None:
        ids = [r.id for r in self.records]
        self.ops.run(lambda: self.ops.book.evidence.remove_many(ids), self._done)


class _SetPromiseState(_Command):
    """A promise marked kept, broken or pending again, with its note, before and after."""

    def __init__(self, ops: Operations, case_id: int, before: PromiseData,
                 after: PromiseData, text: str) -> None:
        super().__init__(ops, text)
        self.case_id, self.before, self.after = case_id, before, after

    def _apply(self, promise: PromiseData) -> None:
        promise_id = promise.id
        assert promise_id is not None
        self.ops.run(lambda: self.ops.book.timeline.set_promise_states(
            [(promise_id, promise.state, promise.state_note)]),
            lambda _r: self.ops.announce_timeline(self.case_id))

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


class _MarkLodged(_Command):
    """The case's "complaint lodged" entry, before and after (None: no mark)."""

    def __init__(self, ops: Operations, case_id: int, before: int | None,
                 after: int | None) -> None:
        super().__init__(ops, translate(
                "Operations", "Mark as complaint lodged") if after is not None
                         else translate("Operations", "Clear “complaint lodged”"))
        self.case_id, self.before, self.after = case_id, before, after

    def _apply(self, event_id: int | None) -> None:
        self.ops.run(lambda: self.ops.book.cases.mark_lodged(self.case_id, event_id),
                     lambda _r: self.ops.announce_timeline(self.case_id))

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


class Operations:
    """Changes made from the window: service call on the worker, undo command, announcement.

    Every method returns the worker's :class:`~ui.book_worker.Task`: ``done(result)`` comes
    after the undo step is pushed and the change announced."""

    def __init__(self, book: Casebook, hub: SignalHub, undo_stack: QUndoStack,
                 worker: BookWorker, jobs: JobRunner | None = None) -> None:
        self.book = book
        self.hub = hub
        self.undo_stack = undo_stack
        self.worker = worker
        self.jobs = jobs if jobs is not None else JobRunner(worker.pool)

    def run(self, call: Callable[[], Any], after: Callable[[Any], object] | None = None,
            ) -> Task:
        """``call`` on the worker; ``after(result)`` first on the GUI thread when it is done.
        A refusal is passed on to the hub's ``refused`` unless the caller handles it."""
        task = self.worker.submit(call)
        if after is not None:
            task.done.connect(after)
        task.failed.connect(lambda message, t=task: self._refused(t, message))
        return task

    def _refused(self, task: Task, message: str) -> None:
        if not task.handles_failure():  # the caller did not ask to hear of it: the window does
            self.hub.refused.emit(message)

    # announcements ---------------------------------------------------------------------
    def announce_cases(self, case_id: int | None = None) -> None:
        self.hub.casesChanged.emit()
        if case_id is not None:
            self.hub.caseChanged.emit(case_id)
            self.hub.timelineChanged.emit(case_id)

    def announce_case(self, case_id: int) -> None:
        self.hub.casesChanged.emit()
        self.hub.caseChanged.emit(case_id)

    def announce_timeline(self, case_id: int) -> None:
        self.hub.timelineChanged.emit(case_id)
        self.hub.caseChanged.emit(case_id)
        self.hub.casesChanged.emit()

    def announce_evidence(self, case_id: int, timeline: bool = False) -> None:
        self.hub.evidenceChanged.emit(case_id)
        if timeline:
            self.announce_timeline(case_id)

    def announce_institutions(self) -> None:
        self.hub.casesChanged.emit()

    # the directory --------------------------------------------------------------------------
    def edit_institution(self, institution_id: int, **changes: str) -> Task:
        """Change an institution in the directory (undoable); done(InstitutionRecord)."""
        institutions = self.book.institutions

        def call() -> tuple[InstitutionRecord, InstitutionRecord]:
            before = institutions.get_institution(institution_id)
            return before, institutions.update_institution(institution_id, **changes)

        def after(pair: tuple[InstitutionRecord, InstitutionRecord]) -> None:
            self.undo_stack.push(_EditInstitution(self, pair[0], pair[1], tuple(changes)))
            self.announce_institutions()

        return _second(self.run(call, after))

    def add_institution(self, name: str, kind: str = "bank", hotline: str = "") -> Task:
        """Add an institution (not undoable: a case may use it at once; edit it instead)."""
        return self.run(lambda: self.book.institutions.add_institution(
            name, kind=kind, hotline=hotline), lambda _r: self.announce_institutions())

    # cases -------------------------------------------------------------------------------
    def create_case(self, fields: CaseFields) -> Task:
        def after(record: CaseRecord) -> None:
            self.undo_stack.push(_CreateCase(self, record))
            self.announce_cases(record.id)

        return self.run(lambda: self.book.cases.create_case(fields), after)

    def edit_case(self, case_id: int, fields: CaseFields) -> Task:
        return self._change_case(case_id, lambda _current: fields,
                                 lambda record: translate(
                                         "Operations", "Edit case “{title}”").format(
                                     title=record.title))

    def set_case_status(self, case_id: int, status: str) -> Task:
        return self._change_case(case_id,
                                 lambda current: dataclasses.replace(current, status=status),
                                 lambda _record: translate("Operations", "Change status"))

    def _change_case(self, case_id: int, change: Callable[[CaseFields], CaseFields],
                     text: Callable[[CaseRecord], str]) -> Task:
        cases = self.book.cases

        def call() -> tuple[CaseFields, CaseRecord]:
            current = cases.get_case(case_id)
            wanted = change(current.fields)
            if wanted == current.fields:
                return current.fields, current
            return current.fields, cases.update_case(case_id, wanted)

        def after(pair: tuple[CaseFields, CaseRecord]) -> None:
            before, record = pair
            if before != record.fields:
                self.undo_stack.push(_EditCase(self, case_id, before, record.fields,
                                               text(record)))
            self.announce_case(case_id)

        return _second(self.run(call, after))

    def delete_case(self, case_id: int) -> Task:
        def after(snapshot: CaseSnapshot) -> None:
            self.undo_stack.push(_DeleteCase(self, snapshot))
            self.announce_cases()

        return self.run(lambda: self.book.cases.delete_case(case_id), after)

    # events ------------------------------------------------------------------------------
    def add_event(self, case_id: int, fields: EventFields, text: str | None = None) -> Task:
        def after(record: EventRecord) -> None:
            label = text or translate(
                    "Operations", "Add entry “{summary}”").format(summary=record.summary)
            self.undo_stack.push(_AddEvent(self, record, label))
            self.announce_timeline(case_id)

        return self.run(lambda: self.book.timeline.add_event(case_id, fields), after)

    def record_filing(self, case_id: int, fields: EventFields, status: str | None,
                      text: str) -> Task:
        """A filing with a regulator: the entry and (if ``status``) the case's new status, in
        one transaction and one undo step; done(the entry)."""
        book = self.book

        def call() -> tuple[EventRecord, CaseFields, CaseFields]:
            before = book.cases.get_case(case_id).fields
            record = book.timeline.add_event(case_id, fields, status=status)
            return record, before, book.cases.get_case(case_id).fields

        def after(result: tuple[EventRecord, CaseFields, CaseFields]) -> None:
            record, before, now = result
            self.undo_stack.beginMacro(text)
            self.undo_stack.push(_AddEvent(self, record, text))
            if now != before:
                self.undo_stack.push(_EditCase(self, case_id, before, now,
                                               translate("Operations", "Change status")))
            self.undo_stack.endMacro()
            self.announce_timeline(case_id)

        return self.run(call, after).mapped(lambda result: result[0])

    def edit_event(self, event_id: int, fields: EventFields) -> Task:
        timeline = self.book.timeline

        def call() -> tuple[EventRecord, EventRecord]:
            before = timeline.get_event(event_id)
            return before, timeline.update_event(event_id, fields)

        def after(pair: tuple[EventRecord, EventRecord]) -> None:
            self.undo_stack.push(_EditEvent(self, *pair))
            self.announce_timeline(pair[1].case_id)

        return _second(self.run(call, after))

    def delete_event(self, event_id: int) -> Task:
        def after(record: EventRecord) -> None:
            self.undo_stack.push(_DeleteEvent(self, record))
            self.announce_timeline(record.case_id)

        return self.run(lambda: self.book.timeline.delete_event(event_id), after)

    # deadlines ---------------------------------------------------------------------------
    def set_promise_state(self, case_id: int, before: PromiseData, state: str,
                          note: str) -> Task:
        """Mark a promise kept, broken or pending, with a note (undoable)."""
        promise_id = before.id
        assert promise_id is not None
        texts = {"kept": translate("Operations", "Mark “{promise}” kept"),
                 "broken": translate("Operations", "Mark “{promise}” broken")}
        text = texts.get(state, translate(
                "Operations", "Mark “{promise}” pending")).format(promise=before.text)

        def after(done: list[PromiseData]) -> None:
            self.undo_stack.push(_SetPromiseState(self, case_id, before, done[0], text))
            self.announce_timeline(case_id)

        task = self.run(lambda: self.book.timeline.set_promise_states(
            [(promise_id, state, note)]), after)
        return _first_of(task)

    def mark_lodged(self, case_id: int, event_id: int | None) -> Task:
        """Mark the entry the complaint was lodged at, or clear the mark (undoable)."""
        cases = self.book.cases

        def call() -> tuple[int | None, CaseRecord]:
            return cases.get_case(case_id).lodged_event_id, cases.mark_lodged(case_id, event_id)

        def after(pair: tuple[int | None, CaseRecord]) -> None:
            if pair[0] != event_id:
                self.undo_stack.push(_MarkLodged(self, case_id, pair[0], event_id))
                self.announce_timeline(case_id)

        return _second(self.run(call, after))

    # evidence ----------------------------------------------------------------------------
    def import_files(self, case_id: int, paths: Sequence[str], event_id: int | None = None,
                     ) -> ImportFilesJob:
        """Import files and folders in the background; when done, one undoable step."""
        job = ImportFilesJob(self.book, case_id, paths, event_id)
        self._start_import(job)
        return job

    def import_image(self, case_id: int, image: QImage, name: str,
                     event_id: int | None = None) -> ImportImageJob:
        """A clipboard image as a new PNG file, in the background."""
        job = ImportImageJob(self.book, case_id, image, name, event_id)
        self._start_import(job, translate("Operations", "Paste screenshot"))
        return job

    def _start_import(self, job: ImportFilesJob | ImportImageJob, text: str = "") -> None:
        # Connected before the job starts, so this runs before any other listener.
        job.finished.connect(lambda result: self._imported(result, text))
        self.jobs.start(job)

    def _imported(self, result: ImportResult, text: str) -> None:
        added, event_ids = result.added, result.created_event_ids
        if added or event_ids:
            label = text or (
                translate("Operations", "Add {exhibits}").format(exhibits=_exhibits(added))
                if added else translate("Operations", "Add email entry"))
            self.undo_stack.push(_ImportEvidence(self, result.case_id, added, event_ids, label))
        self.announce_evidence(result.case_id, timeline=bool(event_ids))
        if added:
            self.hub.evidenceAdded.emit(added)

    def update_evidence(self, evidence_id: int, *, caption: str | None = None,
                        proves: str | None = None, event_id: object = _KEEP) -> Task:
        """Edit an exhibit's caption, "what it proves" or its entry (None: the whole case)."""
        evidence = self.book.evidence

        def call() -> tuple[EvidenceRecord, EvidenceRecord]:
            before = evidence.get_evidence(evidence_id)
            if event_id is _KEEP:
                return before, evidence.update_evidence(evidence_id, caption=caption,
                                                        proves=proves)
            assert event_id is None or isinstance(event_id, int)
            return before, evidence.update_evidence(evidence_id, caption=caption,
                                                    proves=proves, event_id=event_id)

        def after(pair: tuple[EvidenceRecord, EvidenceRecord]) -> None:
            before, after = pair
            if (before.caption, before.proves, before.event_id) == (
                    after.caption, after.proves, after.event_id):
                return
            label = (translate("Operations", "Move {exhibits}") if before.event_id != after.event_id
                     else translate("Operations", "Edit {exhibits}")).format(exhibits=after.exhibit)
            self.undo_stack.push(_EditEvidence(self, [pair], label))
            self.announce_evidence(after.case_id)

        return _second(self.run(call, after))

    def set_proves(self, evidence_ids: Sequence[int], proves: str) -> Task:
        """What a whole drop proves (证明目的), given to each of its exhibits in one transaction
        and one undo step; done(the exhibits as they are now)."""
        ids, text = list(evidence_ids), proves.strip()
        evidence = self.book.evidence

        def call() -> list[tuple[EvidenceRecord, EvidenceRecord]]:
            befores = [evidence.get_evidence(i) for i in ids]
            afters = evidence.set_evidence([dataclasses.replace(b, proves=text)
                                            for b in befores])
            return [(b, a) for b, a in zip(befores, afters, strict=True) if b.proves != a.proves]

        def after(changes: list[tuple[EvidenceRecord, EvidenceRecord]]) -> None:
            if not changes:
                return
            afters = [a for _b, a in changes]
            self.undo_stack.push(_EditEvidence(self, changes, translate(
                "Operations", "Edit {exhibits}").format(exhibits=_exhibits(afters))))
            for case_id in sorted({r.case_id for r in afters}):
                self.announce_evidence(case_id)

        return self.run(call, after).mapped(lambda changes: [a for _b, a in changes])

    def link_evidence(self, evidence_ids: Sequence[int], event_id: int | None) -> Task:
        """Put exhibits on a timeline entry (or, with None, on the case as a whole), in one
        transaction and one undo step; done(the exhibits that moved, as they are now)."""
        ids = list(evidence_ids)

        def after(changes: list[tuple[EvidenceRecord, EvidenceRecord]]) -> None:
            if not changes:
                return
            afters = [after for _before, after in changes]
            self.undo_stack.push(_EditEvidence(self, changes, translate(
                    "Operations", "Move {exhibits}").format(
                exhibits=_exhibits(afters))))
            for case_id in sorted({r.case_id for r in afters}):
                self.announce_evidence(case_id)

        task = self.run(lambda: self.book.evidence.link_evidence(ids, event_id), after)
        return task.mapped(lambda changes: [a for _b, a in changes])

    def remove_evidence(self, evidence_ids: Sequence[int]) -> Task:
        """Remove exhibits in one transaction and one undo step; done(the removed records)."""
        ids = list(evidence_ids)

        def after(records: list[EvidenceRecord]) -> None:
            if records:
                self.undo_stack.push(_RemoveEvidence(self, records))
                for case_id in sorted({r.case_id for r in records}):
                    self.announce_evidence(case_id)

        return self.run(lambda: self.book.evidence.remove_many(ids), after)


def _second(task: Task) -> Task:
    """What callers are told of a (before, after) call: after."""
    return task.mapped(lambda pair: pair[1])


def _first_of(task: Task) -> Task:
    return task.mapped(lambda items: items[0])
