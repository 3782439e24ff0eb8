"""The evidence dossier: ``export``, refused when verification finds a problem."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK
from desktop_app.dossier import build_dossier
from desktop_app.i18n import tr

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


def cmd_export(book: Casebook, args: argparse.Namespace) -> int:
    if not _verified_for_export(book, args.case):
        return EXIT_ERROR
    result = build_dossier(book, args.case, args.output, lang=args.lang, paper=args.paper,
                           max_size_mb=args.max_size, summaries=args.summaries,
                           verified=True, mask=args.mask)
    for warning in result.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(result.to_json())
    else:
        for path in result.files:  # the dossier, or each of its volumes
            print(path)
    return EXIT_OK


def _verified_for_export(book: Casebook, case_id: int) -> bool:
    """Verify the case's exhibits and the audit chain; on problems, say so (one line each on
    stderr) and refuse: the dossier is not written."""
    from desktop_app.backup.verify import verify  # deferred: ~29 ms; export/verify only

    report = verify(book, case_id)
    if report.ok:
        return True
    lines = [p.message for p in report.problems]
    if len(lines) == 1:
        lines[0] = tr("{problem}; the dossier was not written", problem=lines[0])
    else:
        lines.append(tr("verify found {n} problem(s); the dossier was not written",
                        n=len(lines)))
    for line in lines:
        print(f"casebook: error: {line}", file=sys.stderr)
    return False
