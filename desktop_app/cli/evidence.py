"""Files kept as a case's exhibits: ``evidence add|list|remove|edit|ocr|calls|redact``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK, UNSET_TIME, UsageError
from desktop_app.errors import Invalid
from desktop_app.evidence.redaction import parse_page_box
from desktop_app.i18n import tr
from desktop_app.reading.ocr import PDF, UNDECODABLE
from desktop_app.records import EvidenceRecord
from desktop_app.services.reading import READABLE, problem
from desktop_app.store import reads
from desktop_app.timeutil import iso, to_local

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


def _evidence_line(record: EvidenceRecord) -> str:
    return f"{record.id} {record.exhibit} {record.sha256} {record.original_name}"


def _read_text(book: Casebook, evidence_ids: list[int], *, loud: bool) -> int:
    """Read the text in these exhibits, progress on stderr when ``loud``; the number that
    could not be read (named on stderr; when not ``loud``, only pictures that decode: a PDF
    with no page to read is no news, and a picture that does not decode is kept with a note
    that says so)."""
    def progress(done: int, total: int, record: EvidenceRecord) -> None:
        if loud:
            print(tr("reading {done}/{total}: {exhibit} {name}", done=done, total=total,
                     exhibit=record.exhibit, name=record.original_name), file=sys.stderr)

    failed = 0
    for record, text in book.reading.read(evidence_ids, progress=progress):
        if text.error and (loud or (record.mime != PDF and text.error != UNDECODABLE)):
            failed += 1
            print(f"casebook: {record.exhibit} {record.original_name}: "
                  + tr("its text could not be read: {reason}", reason=problem(text.error)),
                  file=sys.stderr)
    return failed


def _cmd_ocr(book: Casebook, args: argparse.Namespace) -> int:
    wanted = args.exhibit or [r.id for r in book.reading.unread(args.case)]
    for evidence_id in args.exhibit:
        record = book.evidence.get_evidence(evidence_id)
        if record.case_id != args.case:
            raise Invalid(tr("{exhibit} (id {id}) is evidence of another case",
                             exhibit=record.exhibit, id=evidence_id))
    failed = _read_text(book, wanted, loud=True) if wanted else 0
    records = [book.evidence.get_evidence(i) for i in wanted]
    texts = book.reading.texts(records)
    if args.json:
        print_json([{"id": r.id, "exhibit": r.exhibit,
                     "text": texts[r.id].text if r.id in texts else None,
                     "error": problem(texts[r.id].error)
                     if r.id in texts and texts[r.id].error else None}
                    for r in records])
    else:
        for r in records:
            found = texts.get(r.id)
            lines = len(found.lines) if found is not None else 0
            print(f"{r.id} {r.exhibit} " + tr("{n} line(s) of text", n=lines))
        if not wanted:
            print(tr("every picture of this case has been read"))
    return EXIT_ERROR if failed else EXIT_OK


def _cmd_edit(book: Casebook, args: argparse.Namespace) -> int:
    if args.caption is None and args.proves is None and args.captured is UNSET_TIME:
        raise UsageError("casebook evidence edit: give --caption, --proves or --captured")
    record = book.evidence.get_evidence(args.evidence)
    if args.caption is not None or args.proves is not None:
        record = book.evidence.update_evidence(args.evidence, caption=args.caption,
                                               proves=args.proves)
    if args.captured is not UNSET_TIME:
        record = book.reading.set_captured(args.evidence, args.captured)
    if args.json:
        print_json(record.to_json())
    else:
        print(_evidence_line(record))
    return EXIT_OK


def _cmd_redact(book: Casebook, args: argparse.Namespace) -> int:
    """``evidence redact ID --box [P:]X,Y,W,H …`` prints the redacted copy's SHA-256; ``--clear``
    prints nothing (exit 0 whether or not it had one)."""
    if args.clear == bool(args.box):
        raise UsageError("casebook evidence redact: give --box X,Y,W,H (one or more) or --clear")
    if args.clear:
        book.evidence.get_evidence(args.evidence)  # an unknown id is an error, not a no-op
        book.redactions.clear(args.evidence)
        if args.json:
            print_json(None)
        return EXIT_OK
    given = [parse_page_box(text) for text in args.box]
    redaction = book.redactions.redact(args.evidence, [box for _page, box in given],
                                       [page for page, _box in given])
    if args.json:
        print_json(redaction.to_json())
    else:
        print(redaction.sha256)
    return EXIT_OK


def _cmd_calls(book: Casebook, args: argparse.Namespace) -> int:
    record = book.evidence.get_evidence(args.evidence)
    if book.reading.text_of(record.id) is None:
        _read_text(book, [record.id], loud=True)
    rows = book.reading.call_log(record.id)
    added = []
    if args.add and rows:
        added = book.timeline.add_events(record.case_id,
                                         book.reading.call_log_entries(record.id, rows))
    if args.json:
        print_json({"calls": [{"number": r.number, "at": iso(r.at), "missed": r.missed,
                               "direction": r.direction, "label": r.label,
                               "time_of_day": r.time_of_day} for r in rows],
                    "added": [e.id for e in added]})
        return EXIT_OK
    for r in rows:
        state = tr("missed") if r.missed else ""
        when = to_local(r.at).strftime("%Y-%m-%d %H:%M" if r.time_of_day else "%Y-%m-%d")
        print("\t".join((when, r.number, r.label or "", state)).rstrip())
    if not rows:
        print(tr("no calls found in {exhibit}", exhibit=record.exhibit))
    elif args.add:
        print(tr("{n} call(s) added to the timeline as unsolicited calls", n=len(added)))
    return EXIT_OK


def _words_for_duplicate(book: Casebook, record: EvidenceRecord, caption: str,
                         proves: str) -> EvidenceRecord:
    """A file already in the case, given with a caption or "what it proves": words the
    exhibit lacks are given to it; words it has already are kept, and that is said (never
    dropped without a word)."""
    fill: dict[str, str] = {}
    for field, given, name in (("caption", caption.strip(), "--caption"),
                               ("proves", proves.strip(), "--proves")):
        current = getattr(record, field)
        if not given or given == current:
            continue
        if current:
            print(f"casebook: {record.exhibit}: "
                  + tr("it keeps its {option} «{current}»; to change it: casebook evidence "
                       "edit {id} {option} …", option=name, current=current, id=record.id),
                  file=sys.stderr)
        else:
            fill[field] = given
    if not fill:
        return record
    return book.evidence.update_evidence(record.id, caption=fill.get("caption"),
                                         proves=fill.get("proves"))


def cmd_evidence(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "ocr":
        return _cmd_ocr(book, args)
    if args.action == "calls":
        return _cmd_calls(book, args)
    if args.action == "edit":
        return _cmd_edit(book, args)
    if args.action == "redact":
        return _cmd_redact(book, args)
    if args.action == "list":
        records = book.evidence.list_evidence(args.case)
        if args.json:
            print_json(book.reading.exhibits_json(records))
        else:
            for r in records:
                print(_evidence_line(r))
        return EXIT_OK
    if args.action == "remove":
        removed = book.evidence.remove_many(args.evidence)  # one transaction: all or none
        if args.json:
            print_json([r.to_json() for r in removed])
        else:
            for r in removed:
                print(_evidence_line(r))
        return EXIT_OK
    # each file is kept first (copied, hashed, committed); its thumbnail and print copy are
    # left pending in the book (made by --wait, the window or the dossier)
    outcomes = book.imports.import_paths(args.case, args.files, event_id=args.event,
                                         caption=args.caption, proves=args.proves,
                                         derive=False)
    shown: list[EvidenceRecord] = []
    refused = 0
    not_tried = [o for o in outcomes if o.not_tried]
    for outcome in outcomes:
        if outcome.not_tried:
            refused += 1
            continue
        if outcome.error is not None or outcome.record is None:
            refused += 1
            print(f"casebook: {outcome.source}: {outcome.error}", file=sys.stderr)
            continue
        if outcome.duplicate:
            print(f"casebook: {outcome.source}: "
                  + tr("already in this case as {exhibit}", exhibit=outcome.record.exhibit),
                  file=sys.stderr)
            record = _words_for_duplicate(book, outcome.record, args.caption, args.proves)
        else:
            record = outcome.record
        if outcome.repaired:
            print(f"casebook: {outcome.source}: "
                  + tr("the stored copy of these bytes was damaged; it was repaired from this "
                       "file"), file=sys.stderr)
        shown.append(record)
        shown.extend(outcome.attachments)
    if getattr(args, "wait", False):
        book.evidence.make_pending_renditions(r.id for r in shown)
    if not args.no_ocr:
        with book.read() as con:
            unread = {r.id for r in reads.unread_evidence(con, READABLE, args.case)}
        # a picture whose text cannot be read is still evidence: said, not refused
        _read_text(book, [r.id for r in shown if r.id in unread], loud=False)
    if not_tried:
        print("casebook: " + tr("{n} more file(s) not imported: the import stopped there; the "
                                "files listed were kept", n=len(not_tried)), file=sys.stderr)
    if args.json:
        print_json(book.reading.exhibits_json(
            [book.evidence.get_evidence(r.id) for r in shown]))  # as read just now
    else:
        for record in shown:
            print(_evidence_line(record))
    return EXIT_ERROR if refused else EXIT_OK
