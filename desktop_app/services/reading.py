"""``book.reading``: the text in exhibits' pictures, read by OCR in worker processes and kept
per original (by SHA-256), and each exhibit's capture time and where it came from.

Reading is slow (seconds a picture), so the window runs :meth:`Reading.read_files` away from
its event loop and hands each result to :meth:`Reading.keep` through the one writer; the CLI
calls :meth:`Reading.read`, which does both.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.reading import ocr
from desktop_app.reading.call_log import CallLogRow, call_log_rows
from desktop_app.reading.capture_time import CAPTURE_SOURCES, time_from_screen
from desktop_app.reading.fact_places import facts_in_exhibit
from desktop_app.reading.facts import Fact
from desktop_app.reading.ocr import (
    PDF,
    READABLE_IMAGES,
    Job,
    Reader,
    ReadResult,
    default_processes,
    engine_name,
    readable,
)
from desktop_app.records import EventFields, EvidenceRecord, ExhibitText
from desktop_app.services.lookups import evidence_in, require_case
from desktop_app.store import reads
from desktop_app.timeutil import iso
from desktop_app.vocab import Channel, Direction

if TYPE_CHECKING:
    import sqlite3
    from types import ModuleType

    from sqlmodel import Session

    from desktop_app.services.book import Casebook

READABLE = READABLE_IMAGES | {PDF}
# sources a reading may replace with the time the screen shows: the file's time is only when
# the copy was made, and a missing time is no better
WEAKER_THAN_SCREEN = frozenset({None, "file_time"})


def problem(code: str) -> str:
    """Why an exhibit's text could not be read, in the person's language."""
    words = {
        ocr.UNDECODABLE: tr("the picture cannot be decoded"),
        ocr.TOO_LARGE: tr("the picture is too large to read"),
        ocr.NO_MEMORY: tr("there was not enough memory to read it"),
        ocr.WORKER_DIED: tr("the reading process stopped before it finished"),
    }
    return words.get(code, tr("the text recognition failed on it"))


class Reading:
    """``book.reading``."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    # ---- reads ------------------------------------------------------------------------------

    def text_of(self, evidence_id: int) -> ExhibitText | None:
        """The text read from an exhibit, None when it has not been read."""
        with self.book.read() as con:
            record = evidence_in(con, evidence_id)
            return reads.exhibit_texts(con, [record.sha256]).get(record.sha256)

    def texts(self, records: Sequence[EvidenceRecord]) -> dict[int, ExhibitText]:
        """The text read from each of these exhibits that has been read, by exhibit id."""
        with self.book.read() as con:
            found = reads.exhibit_texts(con, [r.sha256 for r in records])
        return {r.id: found[r.sha256] for r in records if r.sha256 in found}

    def exhibits_json(self, records: Sequence[EvidenceRecord]) -> list[dict[str, Any]]:
        """Exhibits as the CLI's JSON gives them: each record, with the text read from it
        (None when it has not been read, or could not be), the facts found in that text, and
        the SHA-256 of its redacted copy (None when it has none)."""
        texts = self.texts(records)
        redacted = self.book.redactions.of([r.id for r in records])
        out = []
        for record in records:
            data = record.to_json()
            redaction = redacted.get(record.id)
            data["redacted_sha256"] = redaction.sha256 if redaction is not None else None
            text = texts.get(record.id)
            data["text"] = text.text if text is not None and not text.error else None
            data["facts"] = [fact.to_json() for fact in self.facts_of(record, text)]
            out.append(data)
        return out

    @staticmethod
    def facts_of(record: EvidenceRecord, text: ExhibitText | None) -> list[Fact]:
        """The facts found in the text read from an exhibit (dates without a year are taken
        in the year of its capture)."""
        if text is None or not text.text:
            return []
        return facts_in_exhibit(text.text,
                                reference_time=record.captured_at or record.imported_at)

    def unread(self, case_id: int | None = None) -> list[EvidenceRecord]:
        """Exhibits (of a case, or of the whole book) that can be read and never were."""
        with self.book.read() as con:
            if case_id is not None:
                require_case(con, case_id)
            return reads.unread_evidence(con, READABLE, case_id)

    def jobs(self, records: Iterable[EvidenceRecord]) -> list[tuple[Job, EvidenceRecord]]:
        """What a :class:`Reader` is given for these exhibits (those that can be read and whose
        file is in the store), each with its exhibit."""
        found = []
        for record in records:
            if not readable(record.mime):
                continue
            path = self.book.store.locate(record.sha256, record.mime)
            if path is not None:
                found.append(((record.id, str(path), record.mime), record))
        return found

    # ---- writes -----------------------------------------------------------------------------

    def keep(self, evidence_id: int, result: ReadResult) -> ExhibitText:
        """Keep what a reading found for the bytes of an exhibit (replacing an earlier one)."""
        text = "\n".join(line.text for line in result.lines)
        lines = json.dumps([line.to_json() for line in result.lines], ensure_ascii=False)
        with self.book.write() as (s, w, con):
            record = evidence_in(con, evidence_id)
            w.put_exhibit_text(s, record.sha256, text, lines, json.dumps(result.heights),
                               engine_name(), result.error or "")
            w.record_audit(s, "read_text", "evidence", evidence_id, {
                "sha256": record.sha256, "engine": engine_name(), "lines": len(result.lines),
                "error": result.error or ""})
            kept = reads.exhibit_texts(con, [record.sha256])[record.sha256]
            self._take_screen_time(s, w, con, record, kept)
        return kept

    @staticmethod
    def _take_screen_time(s: Session, w: ModuleType, con: sqlite3.Connection,
                          record: EvidenceRecord, text: ExhibitText) -> None:
        """A screenshot whose capture time is only its file's time (or none) takes the time its
        screen shows, when it shows a whole one: every exhibit holding these bytes."""
        if not record.mime.startswith("image/") or not text.lines:
            return
        weak = [r for r in reads.evidence_with_sha256(con, record.sha256)
                if r.captured_source in WEAKER_THAN_SCREEN]
        if not weak:
            return
        shown = time_from_screen(text.lines, near=record.captured_at or record.imported_at,
                                 height=text.heights[0] if text.heights else None)
        if shown is None:
            return
        w.set_captured(s, [r.id for r in weak], shown, "screen")
        w.record_audit(s, "captured", "evidence", record.id, {
            "exhibits": [r.id for r in weak], "captured_at": iso(shown), "source": "screen"})

    # ---- the phone's call log ---------------------------------------------------------------

    def call_log(self, evidence_id: int) -> list[CallLogRow]:
        """The calls a screenshot of the phone's recent-calls list shows (empty when it has not
        been read or shows none), dated from the screenshot's capture time."""
        with self.book.read() as con:
            record = evidence_in(con, evidence_id)
            text = reads.exhibit_texts(con, [record.sha256]).get(record.sha256)
        if text is None or not text.lines or not record.mime.startswith("image/"):
            return []
        return call_log_rows(text.lines, height=text.heights[0] if text.heights else None,
                             reference_time=record.captured_at or record.imported_at)

    def call_log_entries(self, evidence_id: int,
                         rows: Sequence[CallLogRow] | None = None) -> list[EventFields]:
        """Timeline entries for the calls of a call-log screenshot (all of them, or ``rows``):
        unsolicited calls that came in, numbered as shown, each naming the screenshot."""
        record = self.book.evidence.get_evidence(evidence_id)
        found = self.call_log(evidence_id) if rows is None else list(rows)
        entries = []
        for row in found:
            if row.direction == "out":
                continue  # a call the person made is not one they did not ask for
            what = (tr("Missed call from {number}", number=row.number) if row.missed
                    else tr("Call from {number}", number=row.number))
            summary = tr("{what} (from the call log in {exhibit})", what=what,
                         exhibit=record.exhibit)
            if not row.time_of_day:  # the list showed the day only: no hour is claimed
                summary = tr("{summary}; the call log shows the day, not the time",
                             summary=summary)
            entries.append(EventFields(
                at=row.at, channel=Channel.UNSOLICITED, direction=Direction.IN,
                counterpart=row.label or "", contact=row.number, summary=summary,
                details=row.source_text))
        return entries

    def set_captured(self, evidence_id: int, at: datetime | None) -> EvidenceRecord:
        """The person says when the exhibit was made (None: not known)."""
        with self.book.write() as (s, w, con):
            before = evidence_in(con, evidence_id)
            source = None if at is None else "person"
            w.set_captured(s, [evidence_id], at, source)
            after = evidence_in(con, evidence_id)
            w.record_audit(s, "captured", "evidence", evidence_id, {
                "before": before.to_json(), "after": after.to_json()})
            return after

    def restore_captured(self, evidence_id: int, at: datetime | None,
                         source: str | None) -> EvidenceRecord:
        """Put back a capture time and where it came from as they were (undoing
        :meth:`set_captured`)."""
        if source is not None and source not in CAPTURE_SOURCES:
            raise Invalid(tr("unknown source of a capture time: {source}", source=source))
        with self.book.write() as (s, w, con):
            before = evidence_in(con, evidence_id)
            w.set_captured(s, [evidence_id], at, source if at is not None else None)
            after = evidence_in(con, evidence_id)
            w.record_audit(s, "captured", "evidence", evidence_id, {
                "before": before.to_json(), "after": after.to_json()})
            return after

    # ---- facts ------------------------------------------------------------------------------

    def facts(self, evidence_id: int) -> list[Fact]:
        """The facts the text read from an exhibit states (none when it has not been read),
        days without a year placed from its capture time."""
        with self.book.read() as con:
            record = evidence_in(con, evidence_id)
            text = reads.exhibit_texts(con, [record.sha256]).get(record.sha256)
        return self.facts_of(record, text)

    # ---- reading ----------------------------------------------------------------------------

    def read(self, evidence_ids: Sequence[int], *,
             progress: Callable[[int, int, EvidenceRecord], None] | None = None,
             cancelled: Callable[[], bool] | None = None,
             processes: int | None = None) -> list[tuple[EvidenceRecord, ExhibitText]]:
        """Read these exhibits (again, if they were) and keep each text as it comes;
        ``progress(done, total, exhibit)`` after each. Exhibits that cannot be read (a kind
        that holds no picture, a file missing from the store) are left out."""
        with self.book.read() as con:
            records = [evidence_in(con, i) for i in evidence_ids]
        jobs = self.jobs(records)
        if not jobs:
            if records and not any(readable(r.mime) for r in records):
                raise Invalid(tr("only pictures and PDF files can be read"))
            return []
        by_id = {record.id: record for _, record in jobs}
        done: list[tuple[EvidenceRecord, ExhibitText]] = []
        with Reader(min(processes or default_processes(), len(jobs))) as reader:
            for key, result in reader.read((job for job, _ in jobs), cancelled=cancelled):
                record = by_id[key]
                done.append((record, self.keep(record.id, result)))
                if progress is not None:
                    progress(len(done), len(jobs), record)
        return done
