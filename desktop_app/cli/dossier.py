"""The evidence dossier: ``export``, refused when verification finds a problem."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK
from desktop_app.dossier import build_dossier
from desktop_app.errors import ServiceError
from desktop_app.i18n import tr

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


class _Refused(Exception):
    """Verify found problems: the dossier is not written (its lines, to say on stderr)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("; ".join(lines))
        self.lines = lines


def cmd_export(book: Casebook, args: argparse.Namespace) -> int:
    # Verify (hashing every exhibit) runs beside the layout, on the second core (hashing lets
    # go of the GIL): the layout is put in place only once it has found nothing.
    from concurrent.futures import ThreadPoolExecutor  # deferred: export only

    with ThreadPoolExecutor(1, thread_name_prefix="verify") as pool:
        checking = pool.submit(_problems_for_export, book, args.case)

        def verified_first() -> None:
            lines = checking.result()
            if lines:
                raise _Refused(lines)

        try:
            result = build_dossier(book, args.case, args.output, lang=args.lang,
                                   paper=args.paper, max_size_mb=args.max_size,
                                   summaries=args.summaries, verified=True, mask=args.mask,
                                   before_commit=verified_first)
        except _Refused as refused:
            return _refuse(refused.lines)
        except (ServiceError, OSError):
            lines = checking.result()  # a damaged exhibit: what verify says of it comes first
            if lines:
                return _refuse(lines)
            raise
    for warning in result.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(result.to_json())
    else:
        for path in result.files:  # the dossier, or each of its volumes
            print(path)
    return EXIT_OK


def _problems_for_export(book: Casebook, case_id: int) -> list[str]:
    """Verify the case's exhibits and the audit chain: the lines saying what is wrong (none
    when all is well)."""
    from desktop_app.backup.verify import verify  # deferred: ~29 ms; export/verify only

    report = verify(book, case_id)
    if report.ok:
        return []
    lines = [p.message for p in report.problems]
    if len(lines) == 1:
        lines[0] = tr("{problem}; the dossier was not written", problem=lines[0])
    else:
        lines.append(tr("verify found {n} problem(s); the dossier was not written",
                        n=len(lines)))
    return lines


def _refuse(lines: list[str]) -> int:
    for line in lines:
        print(f"casebook: error: {line}", file=sys.stderr)
    return EXIT_ERROR
