"""The one door for changes: every edit the window makes goes through here.

Each change calls a core service, is pushed onto the undo stack as a command that holds ids
and before/after values (never live ORM objects), and is announced on the signal hub.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar, cast

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
from desktop_app.services import Casebook
from ui.jobs import ImportFilesJob, ImportImageJob, ImportResult, JobRunner
from ui.signals import SignalHub

if TYPE_CHECKING:
    from desktop_app.records import EvidenceRecord

T = TypeVar("T")
_Import = TypeVar("_Import", ImportFilesJob, ImportImageJob)
_KEEP = object()  # "leave this field as it is"



class _Command(QUndoCommand):
    """A command whose first redo already happened (the operation ran before the push)."""

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


class _CreateCase(_Command):
    def __init__(self, ops: Operations, record: CaseRecord) -> None:
        super().__init__(
            ops,
            QCoreApplication.translate("Operations", "New case “{title}”").format(
                title=record.title
            ),
        )
        self.case_id = record.id
        self.snapshot: CaseSnapshot | None = None

    def undo(self) -> None:
        self.snapshot = self.ops.book.delete_case(self.case_id)
        self.ops.announce_cases()

    def do(self) -> None:
        assert self.snapshot is not None
        self.ops.book.restore_case(self.snapshot)
        self.ops.announce_cases(self.case_id)


class _DeleteCase(_Command):
    def __init__(self, ops: Operations, snapshot: CaseSnapshot) -> None:
        super().__init__(
            ops,
            QCoreApplication.translate("Operations", "Delete case “{title}”").format(
                title=snapshot.case.title
            ),
        )
        self.snapshot = snapshot

    def undo(self) -> None:
        self.ops.book.restore_case(self.snapshot)
        self.ops.announce_cases(self.snapshot.case.id)

    def do(self) -> None:
        self.snapshot = self.ops.book.delete_case(self.snapshot.case.id)
        self.ops.announce_cases()


class _EditCase(_Command):
    def __init__(
        self, ops: Operations, case_id: int, before: CaseFields, after: CaseFields, text: str
    ) -> None:
        super().__init__(ops, text)
        self.case_id, self.before, self.after = case_id, before, after

    def undo(self) -> None:
        self.ops.book.update_case(self.case_id, self.before)
        self.ops.announce_case(self.case_id)

    def do(self) -> None:
        self.ops.book.update_case(self.case_id, self.after)
        self.ops.announce_case(self.case_id)


class _AddEvent(_Command):
    def __init__(self, ops: Operations, record: EventRecord, text: str) -> None:
        super().__init__(ops, text)
        self.record = record

    def undo(self) -> None:
        self.record = self.ops.book.delete_event(self.record.id)
        self.ops.announce_timeline(self.record.case_id)

    def do(self) -> None:
        self.record = self.ops.book.restore_event(self.record)
        self.ops.announce_timeline(self.record.case_id)


class _EditEvent(_Command):
    def __init__(self, ops: Operations, before: EventRecord, after: EventRecord) -> None:
        super().__init__(
            ops,
            QCoreApplication.translate("Operations", "Edit entry “{summary}”").format(
                summary=after.summary
            ),
        )
        self.before, self.after = before, after

    def undo(self) -> None:
        self.ops.book.update_event(self.before.id, self.before.fields)
        self.ops.announce_timeline(self.before.case_id)

    def do(self) -> None:
        self.ops.book.update_event(self.after.id, self.after.fields)
        self.ops.announce_timeline(self.after.case_id)


class _DeleteEvent(_Command):
    def __init__(self, ops: Operations, record: EventRecord) -> None:
        super().__init__(
            ops,
            QCoreApplication.translate("Operations", "Delete entry “{summary}”").format(
                summary=record.summary
            ),
        )
        self.record = record

    def undo(self) -> None:
        self.record = self.ops.book.restore_event(self.record)
        self.ops.announce_timeline(self.record.case_id)

    def do(self) -> None:
        self.record = self.ops.book.delete_event(self.record.id)
        self.ops.announce_timeline(self.record.case_id)


class _EditInstitution(_Command):
    def __init__(self, ops: Operations, before: InstitutionRecord, after: InstitutionRecord,
                 fields: tuple[str, ...]) -> None:
        super().__init__(ops, QCoreApplication.translate(
            "Operations", "Edit institution “{name}”").format(name=after.name))
        self.institution_id = after.id
        self.before = {f: getattr(before, f) for f in fields}
        self.after = {f: getattr(after, f) for f in fields}

    def undo(self) -> None:
        self.ops.book.update_institution(self.institution_id, **self.before)
        self.ops.announce_institutions()

    def do(self) -> None:
        self.ops.book.update_institution(self.institution_id, **self.after)
        self.ops.announce_institutions()


def _exhibits(records: Sequence[EvidenceRecord]) -> str:
    shown = ", ".join(r.exhibit for r in records[:3])
    return shown + ("…" if len(records) > 3 else "")


class _ImportEvidence(_Command):
    """Files that came in by an import (a drop, a paste, the file dialog): undo removes what it
    added (never what was already there), and the email entries it made."""

    def __init__(self, ops: Operations, case_id: int, records: Sequence[EvidenceRecord],
                 event_ids: Sequence[int], text: str) -> None:
        super().__init__(ops, text)
        self.case_id = case_id
        self.records = tuple(records)
        self.event_ids = tuple(event_ids)
        self.events: tuple[EventRecord, ...] = ()

    def undo(self) -> None:
        book = self.ops.book
        self.records = tuple(reversed([book.remove_evidence(r.id)
                                       for r in reversed(self.records)]))
        self.events = tuple(book.delete_event(event_id) for event_id in self.event_ids)
        self.ops.announce_evidence(self.case_id, timeline=bool(self.event_ids))

    def do(self) -> None:
        book = self.ops.book
        for event in self.events:
            book.restore_event(event)
        self.records = tuple(book.restore_evidence(r) for r in self.records)
        self.ops.announce_evidence(self.case_id, timeline=bool(self.event_ids))


class _EditEvidence(_Command):
    """Caption, "what it proves" or the entry of one or more exhibits, before and after."""

    def __init__(self, ops: Operations, changes: Sequence[tuple[EvidenceRecord, EvidenceRecord]],
                 text: str) -> None:
        super().__init__(ops, text)
        self.changes = tuple(changes)

    def _apply(self, pick: int) -> None:
        case_ids = set()
        for pair in self.changes:
            record = pair[pick]
            self.ops.book.update_evidence(record.id, caption=record.caption,
                                          proves=record.proves, event_id=record.event_id)
            case_ids.add(record.case_id)
        for case_id in sorted(case_ids):
            self.ops.announce_evidence(case_id)

    def undo(self) -> None:
        self._apply(0)

    def do(self) -> None:
        self._apply(1)


class _RemoveEvidence(_Command):
    def __init__(self, ops: Operations, records: Sequence[EvidenceRecord]) -> None:
        super().__init__(ops, QCoreApplication.translate("Operations", "Remove {exhibits}").format(
            exhibits=_exhibits(records)))
        self.records = tuple(records)

    def undo(self) -> None:
        self.records = tuple(self.ops.book.restore_evidence(r) for r in self.records)
        for case_id in sorted({r.case_id for r in self.records}):
            self.ops.announce_evidence(case_id)

    def do(self) -> None:
        self.records = tuple(self.ops.book.remove_evidence(r.id) for r in self.records)
        for case_id in sorted({r.case_id for r in self.records}):
            self.ops.announce_evidence(case_id)


class _SetPromiseState(_Command):
    """A promise marked kept, broken or pending again, with its note, before and after."""

    def __init__(self, ops: Operations, case_id: int, before: PromiseData,
                 after: PromiseData, text: str) -> None:
        super().__init__(ops, text)
        self.case_id, self.before, self.after = case_id, before, after

    def _apply(self, promise: PromiseData) -> None:
        assert promise.id is not None
        self.ops.book.set_promise_state(promise.id, promise.state, promise.state_note)
        self.ops.announce_timeline(self.case_id)

    def undo(self) -> None:
        self._apply(self.before)

    def do(self) -> None:
        self._apply(self.after)


class _MarkLodged(_Command):
    """The case's "complaint lodged" entry, before and after (None: no mark)."""

    def __init__(self, ops: Operations, case_id: int, before: int | None,
                 after: int | None) -> None:
        super().__init__(ops, QCoreApplication.translate(
            "Operations", "Mark as complaint lodged") if after is not None else
            QCoreApplication.translate("Operations", "Clear “complaint lodged”"))
        self.case_id, self.before, self.after = case_id, before, after

    def undo(self) -> None:
        self.ops.book.mark_lodged(self.case_id, self.before)
        self.ops.announce_timeline(self.case_id)

    def do(self) -> None:
        self.ops.book.mark_lodged(self.case_id, self.after)
        self.ops.announce_timeline(self.case_id)


class Operations:
    """Changes made from the window: service call, undo command, announcement."""

    def __init__(self, book: Casebook, hub: SignalHub, undo_stack: QUndoStack,
                 jobs: JobRunner | None = None) -> None:
        self.book = book
        self.hub = hub
        self.undo_stack = undo_stack
        self.jobs = jobs if jobs is not None else JobRunner()

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
    def edit_institution(self, institution_id: int, **changes: str) -> InstitutionRecord:
        """Change an institution in the directory (undoable)."""
        before = self.book.get_institution(institution_id)
        after = self.book.update_institution(institution_id, **changes)
        self.undo_stack.push(_EditInstitution(self, before, after, tuple(changes)))
        self.announce_institutions()
        return after

    def add_institution(self, name: str, kind: str = "bank", hotline: str = ""
                        ) -> InstitutionRecord:
        """Add an institution (not undoable: a case may use it at once; edit it instead)."""
        record = self.book.add_institution(name, kind=kind, hotline=hotline)
        self.announce_institutions()
        return record

    # cases -------------------------------------------------------------------------------
    def create_case(self, fields: CaseFields) -> CaseRecord:
        record = self.book.create_case(fields)
        self.undo_stack.push(_CreateCase(self, record))
        self.announce_cases(record.id)
        return record

    def edit_case(self, case_id: int, fields: CaseFields) -> CaseRecord:
        before = self.book.get_case(case_id).fields
        record = self.book.update_case(case_id, fields)
        self.undo_stack.push(
            _EditCase(
                self,
                case_id,
                before,
                record.fields,
                QCoreApplication.translate("Operations", "Edit case “{title}”").format(
                    title=record.title
                ),
            )
        )
        self.announce_case(case_id)
        return record

    def set_case_status(self, case_id: int, status: str) -> CaseRecord:
        current = self.book.get_case(case_id)
        if current.status == status:
            return current
        after = self._replace_status(current.fields, status)
        record = self.book.update_case(case_id, after)
        self.undo_stack.push(
            _EditCase(
                self,
                case_id,
                current.fields,
                record.fields,
                QCoreApplication.translate("Operations", "Change status"),
            )
        )
        self.announce_case(case_id)
        return record

    @staticmethod
    def _replace_status(fields: CaseFields, status: str) -> CaseFields:
        import dataclasses

        return dataclasses.replace(fields, status=status)

    def delete_case(self, case_id: int) -> CaseSnapshot:
        snapshot = self.book.delete_case(case_id)
        self.undo_stack.push(_DeleteCase(self, snapshot))
        self.announce_cases()
        return snapshot

    # events ------------------------------------------------------------------------------
    def add_event(self, case_id: int, fields: EventFields, text: str | None = None) -> EventRecord:
        record = self.book.add_event(case_id, fields)
        label = text or QCoreApplication.translate("Operations", "Add entry “{summary}”").format(
            summary=record.summary
        )
        self.undo_stack.push(_AddEvent(self, record, label))
        self.announce_timeline(case_id)
        return record

    def edit_event(self, event_id: int, fields: EventFields) -> EventRecord:
        before = self.book.get_event(event_id)
        after = self.book.update_event(event_id, fields)
        self.undo_stack.push(_EditEvent(self, before, after))
        self.announce_timeline(after.case_id)
        return after

    def delete_event(self, event_id: int) -> EventRecord:
        record = self.book.delete_event(event_id)
        self.undo_stack.push(_DeleteEvent(self, record))
        self.announce_timeline(record.case_id)
        return record

    # deadlines ---------------------------------------------------------------------------
    def set_promise_state(self, case_id: int, before: PromiseData, state: str,
                          note: str) -> PromiseData:
        """Mark a promise kept, broken or pending, with a note (undoable)."""
        assert before.id is not None
        after = self.book.set_promise_state(before.id, state, note)
        texts = {"kept": QCoreApplication.translate("Operations", "Mark “{promise}” kept"),
                 "broken": QCoreApplication.translate("Operations", "Mark “{promise}” broken")}
        text = texts.get(state, QCoreApplication.translate(
            "Operations", "Mark “{promise}” pending")).format(promise=before.text)
        self.undo_stack.push(_SetPromiseState(self, case_id, before, after, text))
        self.announce_timeline(case_id)
        return after

    def mark_lodged(self, case_id: int, event_id: int | None) -> CaseRecord:
        """Mark the entry the complaint was lodged at, or clear the mark (undoable)."""
        before = self.book.get_case(case_id).lodged_event_id
        record = self.book.mark_lodged(case_id, event_id)
        if before != event_id:
            self.undo_stack.push(_MarkLodged(self, case_id, before, event_id))
            self.announce_timeline(case_id)
        return record


    # evidence ----------------------------------------------------------------------------
    def import_files(self, case_id: int, paths: Sequence[str], event_id: int | None = None,
                     ) -> ImportFilesJob:
        """Import files and folders in the background; when done, one undoable step."""
        job = ImportFilesJob(self.book, case_id, paths, event_id)
        return self._start_import(job)

    def import_image(self, case_id: int, image: QImage, name: str,
                     event_id: int | None = None) -> ImportImageJob:
        """A clipboard image as a new PNG file, in the background."""
        job = ImportImageJob(self.book, case_id, image, name, event_id)
        return self._start_import(job, QCoreApplication.translate(
            "Operations", "Paste screenshot"))

    def _start_import(self, job: _Import, text: str = "") -> _Import:
        # Connected before the job starts, so this runs before any other listener.
        job.finished.connect(lambda result: self._imported(result, text))
        self.jobs.start(job)
        return job

    def _imported(self, result: ImportResult, text: str) -> None:
        added, event_ids = result.added, result.created_event_ids
        if added or event_ids:
            label = text or (
                QCoreApplication.translate("Operations", "Add {exhibits}").format(
                    exhibits=_exhibits(added)) if added else
                QCoreApplication.translate("Operations", "Add email entry"))
            self.undo_stack.push(_ImportEvidence(self, result.case_id, added, event_ids, label))
        self.announce_evidence(result.case_id, timeline=bool(event_ids))

    def update_evidence(self, evidence_id: int, *, caption: str | None = None,
                        proves: str | None = None, event_id: object = _KEEP) -> EvidenceRecord:
        """Edit an exhibit's caption, "what it proves" or its entry (None: the whole case)."""
        before = self.book.get_evidence(evidence_id)
        if event_id is _KEEP:
            after = self.book.update_evidence(evidence_id, caption=caption, proves=proves)
        else:
            after = self.book.update_evidence(evidence_id, caption=caption, proves=proves,
                                              event_id=cast("int | None", event_id))
        if (before.caption, before.proves, before.event_id) == (
                after.caption, after.proves, after.event_id):
            return after
        if before.event_id != after.event_id:
            text = QCoreApplication.translate("Operations", "Move {exhibits}").format(
                exhibits=after.exhibit)
        else:
            text = QCoreApplication.translate("Operations", "Edit {exhibits}").format(
                exhibits=after.exhibit)
        self.undo_stack.push(_EditEvidence(self, [(before, after)], text))
        self.announce_evidence(after.case_id)
        return after

    def link_evidence(self, evidence_ids: Sequence[int], event_id: int | None,
                      ) -> list[EvidenceRecord]:
        """Put exhibits on a timeline entry (or, with None, on the case as a whole)."""
        changes = []
        for evidence_id in evidence_ids:
            before = self.book.get_evidence(evidence_id)
            if before.event_id == event_id:
                continue
            changes.append((before, self.book.update_evidence(evidence_id, event_id=event_id)))
        if changes:
            afters = [after for _before, after in changes]
            self.undo_stack.push(_EditEvidence(self, changes, QCoreApplication.translate(
                "Operations", "Move {exhibits}").format(exhibits=_exhibits(afters))))
            for case_id in sorted({r.case_id for r in afters}):
                self.announce_evidence(case_id)
        return [after for _before, after in changes]

    def remove_evidence(self, evidence_ids: Sequence[int]) -> list[EvidenceRecord]:
        records = [self.book.remove_evidence(evidence_id) for evidence_id in evidence_ids]
        if records:
            self.undo_stack.push(_RemoveEvidence(self, records))
            for case_id in sorted({r.case_id for r in records}):
                self.announce_evidence(case_id)
        return records


def guarded(call: Callable[[], T], on_error: Callable[[str], None]) -> T | None:
    """Run a change; a refused one (ServiceError) reports its message instead of raising."""
    from desktop_app.errors import ServiceError

    try:
        return call()
    except ServiceError as exc:
        on_error(str(exc))
        return None

