"""Keeping the data safe: ``verify``, ``backup`` and ``restore``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK
from desktop_app.i18n import tr
from desktop_app.store.paths import resolve_data_dir

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


def cmd_verify(book: Casebook, args: argparse.Namespace) -> int:
    """Exit 0 and one summary line when all is well; else each problem on its own line (on
    stdout: the report is the command's output), then the summary, and exit 1."""
    from desktop_app.backup.verify import verify  # deferred: ~29 ms; export/verify only

    report = verify(book, args.case)
    if args.json:
        print_json(report.to_json())
    else:
        for problem in report.problems:
            print(problem.message)
        print(report.summary())
    return EXIT_OK if report.ok else EXIT_ERROR


def cmd_backup(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.backup.archive import create_backup  # deferred: ~21 ms; backup only

    result = create_backup(book, args.output)
    for warning in result.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    print_json(result.to_json()) if args.json else print(result.path)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore without opening the data dir (that would create a database in the target)."""
    from desktop_app.backup.restore import restore_backup  # deferred: ~21 ms; restore only
    from desktop_app.cli.run import passphrase  # deferred: asked only for a locked backup

    target = resolve_data_dir(args.into or args.data_dir)
    result = restore_backup(args.archive, target, replace=args.replace, passphrase=passphrase)
    if args.json:
        print_json(result.to_json())
    else:
        print(result.data_dir)
        if result.previous is not None:
            print(tr("the previous data folder was kept as {path}", path=result.previous))
    return EXIT_OK

