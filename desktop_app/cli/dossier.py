"""The evidence dossier: ``export``, refused when verification finds a problem."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK
from desktop_app.dossier import DossierResult, build_verified
from desktop_app.i18n import tr

if TYPE_CHECKING:
    from desktop_app.backup.verify import VerifyReport
    from desktop_app.services.book import Casebook


def cmd_export(book: Casebook, args: argparse.Namespace) -> int:
    result = build_verified(book, args.case, args.output, lang=args.lang, paper=args.paper,
                            max_size_mb=args.max_size, summaries=args.summaries,
                            mask=args.mask)
    if not isinstance(result, DossierResult):  # verify's report: nothing was written
        for line in _refusal_lines(result):
            print(f"casebook: error: {line}", file=sys.stderr)
        return EXIT_ERROR
    for warning in result.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(result.to_json())
    else:
        for path in result.files:  # the dossier, or each of its volumes
            print(path)
    return EXIT_OK


def _refusal_lines(report: VerifyReport) -> list[str]:
    """What verify found, a line each, saying the dossier was not written."""
    lines = [p.message for p in report.problems]
    if len(lines) == 1:
        lines[0] = tr("{problem}; the dossier was not written", problem=lines[0])
    else:
        lines.append(tr("verify found {n} problem(s); the dossier was not written",
                        n=len(lines)))
    return lines
