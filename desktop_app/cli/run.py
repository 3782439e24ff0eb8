"""``casebook COMMAND …``: parse the command line, run the command, turn errors into one line.

Every command takes ``--data-dir DIR`` (before the command). ``--json`` prints JSON on stdout.
Success exits 0; any error exits non-zero with a one-line message on stderr and changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from desktop_app.cli.backup import cmd_backup, cmd_restore, cmd_verify
from desktop_app.cli.cases import cmd_case, cmd_event, cmd_search
from desktop_app.cli.deadlines import cmd_calendar, cmd_due, cmd_letter, cmd_promise
from desktop_app.cli.dossier import cmd_export
from desktop_app.cli.evidence import cmd_evidence
from desktop_app.cli.output import quiet_stdout, safe_terminal, utf8_streams
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, build_parser
from desktop_app.cli.parties import cmd_institution, cmd_profile
from desktop_app.cli.writing import NotOurTurn, write_turn
from desktop_app.errors import DatabaseError, ServiceError
from desktop_app.i18n import tr
from desktop_app.services.book import Casebook
from desktop_app.timeutil import BadTime

COMMANDS: dict[str, Callable[[Casebook, argparse.Namespace], int]] = {
    "case": cmd_case,
    "event": cmd_event,
    "evidence": cmd_evidence,
    "institution": cmd_institution,
    "profile": cmd_profile,
    "export": cmd_export,
    "due": cmd_due,
    "letter": cmd_letter,
    "calendar": cmd_calendar,
    "promise": cmd_promise,
    "verify": cmd_verify,
    "backup": cmd_backup,
    "search": cmd_search,
}

# Commands given the command line only: they must not open (and so create) the data dir.
BOOKLESS_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "restore": cmd_restore,
}


def main(argv: Sequence[str] | None = None,
         run_gui: Callable[[str | None], int] | None = None) -> int:
    """Run one command; with none, open the window through ``run_gui``."""
    utf8_streams()
    words = list(sys.argv[1:] if argv is None else argv)
    bad = not_text(words)
    if bad is not None:
        print(f"casebook: error: {bad}", file=sys.stderr)
        return EXIT_USAGE
    try:
        with safe_terminal():
            code = _run(words, run_gui)
        sys.stdout.flush()  # a reader that went away is found here, not at exit
        return code
    except BrokenPipeError:  # `casebook … | head -1`: the reader went away; end quietly
        quiet_stdout()
        return EXIT_ERROR


def not_text(words: Sequence[str]) -> str | None:
    """Why an argument cannot be taken (bytes that are not text in UTF-8, which Python keeps as
    lone surrogates), or None."""
    for n, word in enumerate(words, start=1):
        try:
            word.encode("utf-8")
        except UnicodeEncodeError:
            shown = word.encode("utf-8", "backslashreplace").decode("ascii", "replace")
            return tr("argument {n} is not valid text (UTF-8): {word}", n=n, word=shown)
    return None


def _run(words: list[str], run_gui: Callable[[str | None], int] | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(words)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    if args.command is None:
        if run_gui is None:
            parser.print_help()
            return EXIT_OK
        return run_gui(args.data_dir)
    try:
        if args.command in BOOKLESS_COMMANDS:
            return BOOKLESS_COMMANDS[args.command](args)
        with write_turn(args), Casebook.open(args.data_dir) as book:
            if book.was_open_to_others:
                print("casebook: " + tr("note: the data folder {folder} could be read by other "
                                        "users of this computer; it is now yours only",
                                        folder=str(book.paths.root)), file=sys.stderr)
            return COMMANDS[args.command](book, args)
    except NotOurTurn as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except (ServiceError, DatabaseError, BadTime) as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"casebook: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return EXIT_ERROR
