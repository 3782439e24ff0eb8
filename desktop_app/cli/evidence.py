"""Files kept as a case's exhibits: ``evidence add|list|remove``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK
from desktop_app.i18n import tr
from desktop_app.records import EvidenceRecord

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


def _evidence_line(record: EvidenceRecord) -> str:
    return f"{record.id} {record.exhibit} {record.sha256} {record.original_name}"


def cmd_evidence(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "list":
        records = book.evidence.list_evidence(args.case)
        if args.json:
            print_json([r.to_json() for r in records])
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
    outcomes = book.imports.import_paths(args.case, args.files, event_id=args.event,
                                 caption=args.caption, proves=args.proves)
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
        if outcome.repaired:
            print(f"casebook: {outcome.source}: "
                  + tr("the stored copy of these bytes was damaged; it was repaired from this "
                       "file"), file=sys.stderr)
        shown.append(outcome.record)
        shown.extend(outcome.attachments)
    if not_tried:
        print("casebook: " + tr("{n} more file(s) not imported: the import stopped there; the "
                                "files listed were kept", n=len(not_tried)), file=sys.stderr)
    if args.json:
        print_json([r.to_json() for r in shown])
    else:
        for record in shown:
            print(_evidence_line(record))
    return EXIT_ERROR if refused else EXIT_OK
