"""What goes into a dossier, gathered from the services into plain values (no ReportLab).

Also the integrity check: every exhibit's stored file is hashed again before anything is laid
out, and an exhibit whose bytes no longer match its recorded SHA-256 stops the export.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.deadlines.clock import clock_sentence
from desktop_app.dossier.labels import case_code
from desktop_app.dossier.masking import masked_profile
from desktop_app.errors import DossierCancelled, DossierError, NotFound
from desktop_app.evidence.plain_copies import plain_digest
from desktop_app.evidence.redaction import inside_any
from desktop_app.evidence.renditions import PRINT
from desktop_app.i18n import tr
from desktop_app.records import (
    Box,
    CaseRecord,
    EventRecord,
    EvidenceRecord,
    ExhibitText,
    Redaction,
)
from desktop_app.services.profile import Profile, load_profile
from desktop_app.store import reads
from desktop_app.store.audit_chain import ChainState
from desktop_app.store.audit_chain import walk as walk_chain
from desktop_app.timeutil import now
from desktop_app.vocab import Channel, Direction, PromiseState

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook

log = logging.getLogger(__name__)

TEXT_MIMES = frozenset({"text/plain", "text/csv", "text/markdown", "application/json",
                        "text/html", "application/xml", "text/xml"})
ARCHIVE_MIMES = frozenset({"application/zip", "application/x-7z-compressed",
                           "application/x-rar-compressed", "application/vnd.rar",
                           "application/gzip", "application/x-tar"})
# Contacts that are not a complaint made by the complainant.
NOT_A_COMPLAINT = frozenset({Channel.NOTE, Channel.UNSOLICITED, Channel.UNSOLICITED_SMS})


@dataclass(frozen=True)
class Exhibit:
    """One exhibit as the dossier shows it."""

    record: EvidenceRecord
    kind: str  # "image", "pdf", "email", "text" or "other"
    path: Path  # the stored original
    rendition: Path | None = None  # the print rendition (images)
    rendition_sha256: str | None = None  # its SHA-256 as recorded when it was made
    problem: str = ""  # why it cannot be shown, if it cannot
    text: ExhibitText | None = None  # the text read from its picture(s), if it was read
    # black boxes over parts of its picture, and the redacted copy the dossier prints instead
    redaction: Redaction | None = None
    redacted: Path | None = None

    @property
    def label(self) -> str:
        return self.record.exhibit

    @property
    def name(self) -> str:
        return self.record.caption or self.record.original_name

    @property
    def media(self) -> str:
        """What sort of file, for the reader: image, pdf, email, text, audio, video, …"""
        if self.kind != "other":
            return self.kind
        mime = self.record.mime
        if mime.startswith("audio/"):
            return "audio"
        if mime.startswith("video/"):
            return "video"
        if mime in ARCHIVE_MIMES:
            return "archive"
        return "other"


@dataclass(frozen=True)
class PromiseRow:
    event_no: int
    made_at: datetime
    by: str
    text: str
    due_at: datetime | None
    outcome: str  # "kept", "broken", "overdue", "pending", "pending_open"
    note: str = ""


@dataclass
class DossierData:
    case: CaseRecord
    events: list[EventRecord]
    exhibits: list[Exhibit]
    profile: Profile
    generated_at: datetime
    audit_head: str
    lang: str
    clock_text: str | None = None  # the regulator clock in one sentence (deadlines core)
    clock_source: str | None = None  # the rule it follows, as cited
    clock_gaps: tuple[int, ...] = ()  # years its dates were counted without a holiday notice
    audit_entries: int = 0
    audit_problems: tuple[int, ...] = ()  # audit entries that did not verify, when made
    audit_checked_at: datetime | None = None  # when the chain was walked
    summaries: bool = False  # a line of each exhibit's read text in the list of evidence
    event_no: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.event_no = {e.id: i for i, e in enumerate(self.events, 1)}

    @property
    def code(self) -> str:
        """The case's number on paper (``CB-2024-0007``)."""
        return case_code(self.case)

    def references(self) -> list[tuple[str, str, str, datetime]]:
        """(value, label, issued by, when) of every reference number, first seen first."""
        seen: set[str] = set()
        found = []
        for event in self.events:
            for ref in event.references:
                if ref.value not in seen:
                    seen.add(ref.value)
                    found.append((ref.value, ref.label, ref.issued_by, event.at))
        return found

    def first_complaint(self) -> EventRecord | None:
        return next((e for e in self.events if e.direction == Direction.OUT
                     and e.channel not in NOT_A_COMPLAINT), None)

    def last_contact(self) -> EventRecord | None:
        return next((e for e in reversed(self.events) if e.channel != Channel.NOTE), None)

    def channel_counts(self) -> list[tuple[str, int, int]]:
        """(channel, by me, by them) for every channel used, in the vocabulary's order."""
        out_counts: Counter[str] = Counter()
        in_counts: Counter[str] = Counter()
        for e in self.events:
            (out_counts if e.direction == Direction.OUT else in_counts)[e.channel] += 1
        order = [c.value for c in Channel]
        used = sorted(set(out_counts) | set(in_counts),
                      key=lambda c: order.index(c) if c in order else len(order))
        return [(c, out_counts[c], in_counts[c]) for c in used]

    def promises(self) -> list[PromiseRow]:
        """Every promise, in the order made. A pending promise past its due time is broken."""
        rows = []
        for e in self.events:
            for p in e.promises:
                if p.state == PromiseState.KEPT:
                    outcome = "kept"
                elif p.state == PromiseState.BROKEN:
                    outcome = "broken"
                elif p.due_at is not None and p.due_at < self.generated_at:
                    outcome = "overdue"
                elif p.due_at is None:
                    outcome = "pending_open"
                else:
                    outcome = "pending"
                by = e.counterpart or (e.agent_id and f"#{e.agent_id}") or ""
                rows.append(PromiseRow(self.event_no[e.id], e.at, by, p.text, p.due_at,
                                       outcome, p.state_note))
        return rows

    def exhibits_of_event(self, event_id: int) -> list[Exhibit]:
        return [x for x in self.exhibits if x.record.event_id == event_id]


def classify(mime: str) -> str:
    if mime.startswith("image/"):
        return "image"
    if mime == "application/pdf":
        return "pdf"
    if mime == "message/rfc822":
        return "email"
    if mime in TEXT_MIMES or mime.startswith("text/"):
        return "text"
    return "other"


def gather(book: Casebook, case_id: int, lang: str, exhibits: Sequence[int] | None,
           clock_text: str | None, summaries: bool = False,
           mask: Sequence[str] = ()) -> DossierData:
    """Read everything the dossier shows, in one go, before anything is laid out; ``mask``:
    the profile's fields shown masked besides the ID number (see :mod:`.masking`)."""
    case = book.cases.get_case(case_id)
    events = book.timeline.list_events(case_id)
    records = book.evidence.list_evidence(case_id)
    if exhibits is not None:
        wanted = set(exhibits)
        unknown = wanted - {r.id for r in records}
        if unknown:
            raise DossierError(tr("case {case} has no evidence with id {ids}", case=case_id,
                                  ids=", ".join(str(i) for i in sorted(unknown))))
        records = [r for r in records if r.id in wanted]
    # print copies still pending (an import leaves them for later) are made now, and recorded
    book.evidence.make_pending_renditions(r.id for r in records)
    with book.read() as con:
        digests = reads.derived_digests(con, [r.sha256 for r in records])
    texts = book.reading.texts(records)
    redactions = book.redactions.of([r.id for r in records])
    shown = []
    for record in sorted(records, key=lambda r: r.exhibit_no):
        kind = classify(record.mime)
        try:
            path = book.evidence.evidence_file(record.id)
        except NotFound:
            raise DossierError(tr(
                "exhibit {exhibit} ({name}) is missing from the evidence store; the dossier "
                "was not written", exhibit=record.exhibit, name=record.original_name)) from None
        rendition = book.evidence.rendition_file(record.id) if kind == "image" else None
        redaction = redactions.get(record.id) if kind in ("image", "pdf") else None
        text = texts.get(record.id)
        if redaction is not None and text is not None:  # nothing read under a box goes out
            text = (outside_boxes(text, redaction.boxes) if kind == "image"
                    else off_redacted_pages(text, redaction))
        shown.append(Exhibit(record, kind, path, rendition,
                             digests.get((record.sha256, PRINT)) if kind == "image" else None,
                             text=text, redaction=redaction,
                             redacted=book.redactions.file(redaction) if redaction else None))
    profile = masked_profile(load_profile(book.paths.root), mask)
    generated_at = now()
    clock_source: str | None = None
    clock_gaps: tuple[int, ...] = ()
    if clock_text is None:
        clock_text, clock_source, clock_gaps = regulator_clock(book, case, lang, generated_at)
    walked = audit_chain(book)
    return DossierData(case=case, events=events, exhibits=shown, profile=profile,
                       generated_at=generated_at, audit_head=walked.head, lang=lang,
                       clock_text=clock_text or None, clock_source=clock_source,
                       clock_gaps=clock_gaps,
                       audit_entries=walked.entries,
                       audit_problems=tuple(dict.fromkeys(p.entry_id for p in walked.problems)),
                       audit_checked_at=now(), summaries=summaries)


def audit_chain(book: Casebook) -> ChainState:
    """The audit chain walked entry by entry (its head, length and any entry that does not
    verify), over plain sqlite3: ``audit`` would load the ORM, a second and a half of a
    command-line export."""
    con = reads.connect(book.paths.database)
    try:
        return walk_chain(con)
    finally:
        con.close()


def regulator_clock(book: Casebook, case: CaseRecord, lang: str, at: datetime
                    ) -> tuple[str | None, str | None, tuple[int, ...]]:
    """What the regulator clock says of the case at ``at``, in one sentence, the rule it
    follows, and the years its dates were counted through without an official holiday notice;
    (None, None, ()) when no clock runs (or it cannot be worked out: the dossier is made
    without it rather than not at all)."""
    try:
        clock = book.deadlines.case_clock(case.id, at)
        if clock is None:
            return None, None, ()
        source = clock.source.zh if lang == "zh" else clock.source.en
        return clock_sentence(clock, case, lang), source or None, clock.calendar_gaps
    except Exception:
        log.exception("the regulator clock could not be worked out")
        return None, None, ()


def sha256_of(path: Path) -> str:
    """The SHA-256 of the stored file's plain bytes (a locked book's file is sealed)."""
    return plain_digest(path)[0]


def outside_boxes(text: ExhibitText, boxes: Sequence[Box]) -> ExhibitText:
    """The text read from a picture less every line under a redaction box (on its first page:
    the picture the boxes are on)."""
    kept = tuple(line for line in text.lines
                 if line.page != 0 or not inside_any(line.box, boxes))
    if len(kept) == len(text.lines):
        return text
    return dataclasses.replace(text, lines=kept,
                               text="\n".join(line.text for line in kept if line.page == 0))


def off_redacted_pages(text: ExhibitText, redaction: Redaction) -> ExhibitText:
    """The text read from a PDF exhibit less every line of a page with a box on it: a page's
    own text carries no place to tell what lay under a box, so none of the page's goes out."""
    redacted = {page - 1 for page in redaction.by_page()}  # lines count pages from 0
    kept = tuple(line for line in text.lines if line.page not in redacted)
    if len(kept) == len(text.lines) and text.lines:
        return text
    return dataclasses.replace(text, lines=kept,
                               text="\n".join(line.text for line in kept))


def verify_exhibits(exhibits: Sequence[Exhibit], cancelled: Callable[[], bool],
                    step: Callable[[], None]) -> None:
    """Hash every exhibit's stored file again; any that is missing or changed stops the export
    with a message naming it."""

    def check(exhibit: Exhibit) -> str | None:
        if cancelled():
            return None
        record = exhibit.record
        try:
            actual = sha256_of(exhibit.path)
        except FileNotFoundError:
            return tr("exhibit {exhibit} ({name}) is missing from the evidence store ({path}); "
                      "the dossier was not written", exhibit=record.exhibit,
                      name=record.original_name, path=str(exhibit.path))
        except OSError as exc:
            return tr("exhibit {exhibit} ({name}) cannot be read: {error}; the dossier was not "
                      "written", exhibit=record.exhibit, name=record.original_name,
                      error=exc.strerror or exc)
        if actual != record.sha256:
            return tr("exhibit {exhibit} ({name}) no longer matches its recorded SHA-256 "
                      "(recorded {recorded}, now {actual}): the stored file was changed or "
                      "damaged; the dossier was not written", exhibit=record.exhibit,
                      name=record.original_name, recorded=record.sha256, actual=actual)
        return None

    with ThreadPoolExecutor(max_workers=4) as pool:
        for problem in pool.map(check, exhibits):
            if cancelled():
                raise DossierCancelled(tr("the export was cancelled"))
            if problem is not None:
                raise DossierError(problem)
            step()
