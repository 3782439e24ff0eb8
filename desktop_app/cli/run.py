"""``casebook COMMAND …``: parse the command line, run the command, turn errors into one line.

Every command takes ``--data-dir DIR`` (before the command). ``--json`` prints JSON on stdout.
Success exits 0; any error exits non-zero with a one-line message on stderr and changes nothing.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from desktop_app.cli.output import quiet_stdout, safe_terminal, utf8_streams
from desktop_app.cli.parser import EXIT_ERROR, EXIT_OK, EXIT_USAGE, UsageError, build_parser
from desktop_app.cli.writing import NotOurTurn, write_turn
from desktop_app.errors import DatabaseError, ServiceError
from desktop_app.i18n import tr
from desktop_app.timeutil import BadTime

if TYPE_CHECKING:
    from pathlib import Path

    pass

ENV_PASSPHRASE = "CASEBOOK_PASSPHRASE"

# Each command's function, by module and name: only the module of the command that runs is
# imported (a command of one module does not pay for the others' imports: ``case list`` need
# not load what ``evidence add`` or ``export`` needs).
COMMANDS: dict[str, str] = {
    "case": "cases:cmd_case",
    "event": "cases:cmd_event",
    "evidence": "evidence:cmd_evidence",
    "institution": "parties:cmd_institution",
    "profile": "parties:cmd_profile",
    "export": "dossier:cmd_export",
    "due": "deadlines:cmd_due",
    "letter": "deadlines:cmd_letter",
    "calendar": "deadlines:cmd_calendar",
    "promise": "deadlines:cmd_promise",
    "verify": "backup:cmd_verify",
    "backup": "backup:cmd_backup",
    "search": "cases:cmd_search",
    "lock": "locking:cmd_lock",
    "unlock": "locking:cmd_unlock",
}

# Checks made before the book is opened (and its passphrase asked for), by command.
BEFORE_OPEN: dict[str, str] = {
    "lock": "locking:before_open",
    "unlock": "locking:before_open",
}

# Commands given the command line only: they must not open (and so create) the data dir.
BOOKLESS_COMMANDS: dict[str, str] = {
    "restore": "backup:cmd_restore",
}


def command(where: str) -> Callable[..., int]:
    """The function of a command from :data:`COMMANDS` (``module:name`` in ``cli``)."""
    module, name = where.split(":")
    return cast("Callable[..., int]",
                getattr(importlib.import_module(f"desktop_app.cli.{module}"), name))


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
    parser = build_parser(words)
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
            return command(BOOKLESS_COMMANDS[args.command])(args)
        run_command = command(COMMANDS[args.command])
        if args.command in BEFORE_OPEN:
            command(BEFORE_OPEN[args.command])(args)
        from desktop_app.services.book import Casebook  # deferred: not for usage errors, --help

        given = getattr(args, "passphrase_text", None)
        ask = passphrase if given is None else (lambda: given)
        with write_turn(args), Casebook.open(args.data_dir, ask) as book:
            if book.was_open_to_others:
                print("casebook: " + tr("note: the data folder {folder} could be read by other "
                                        "users of this computer; it is now yours only",
                                        folder=str(book.paths.root)), file=sys.stderr)
            return run_command(book, args)
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
    except Exception as exc:  # a bug: one line for the person, the details in the log
        where = _log_unexpected(args.data_dir, words)
        print("casebook: error: " + tr(
            "an unexpected error ({kind}: {error}); nothing more was done", kind=type(exc).__name__,
            error=exc) + ("" if where is None else "; " + tr("the details are in {path}",
                                                               path=str(where))),
              file=sys.stderr)
        return EXIT_ERROR


def passphrase() -> str | None:
    """The locked book's passphrase: ``CASEBOOK_PASSPHRASE``, else asked on the terminal
    (not echoed), else None (no terminal to ask on: the command fails in one line)."""
    given = os.environ.get(ENV_PASSPHRASE)
    if given:
        return given
    if not sys.stdin.isatty():
        return None
    import getpass  # deferred: locked books only

    try:
        return getpass.getpass(tr("Passphrase of this book: "))
    except (EOFError, KeyboardInterrupt):
        return None


def _log_unexpected(data_dir: str | None, words: Sequence[str]) -> Path | None:
    """Append the exception being handled, with its traceback, to the data folder's
    ``logs/casebook.log`` (the window's crash log); where it went, or None if it could not be
    written."""
    import time  # deferred: only after a bug

    from desktop_app.store.log_text import is_private, traceback_text  # deferred: after a bug
    from desktop_app.store.paths import DataPaths, resolve_data_dir  # deferred: after a bug

    try:
        paths = DataPaths(resolve_data_dir(data_dir))
        path = paths.log
        # a locked book's log quotes nothing of it: no argument, no exception's own words
        private = is_private(paths.root)
        shown = "…" if private else " ".join(words)
        kind, exc, tb = sys.exc_info()
        assert kind is not None
        assert exc is not None
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} CRITICAL casebook.cli "
                      f"[{os.getpid()}]: an unexpected error in: casebook "
                      f"{shown}\n{traceback_text((kind, exc, tb), private=private)}")
        return path
    except Exception:  # no log (a read-only folder, say): the one line is still said
        return None
