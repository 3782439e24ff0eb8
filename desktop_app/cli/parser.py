"""The command line's grammar: every command and option, the argument types, the exit codes.

Errors in the command line are one line on stderr (:class:`UsageError`), never argparse's
usage block.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from desktop_app import __version__
from desktop_app.errors import Invalid
from desktop_app.timeutil import BadTime, parse_time
from desktop_app.vocab import Category, Channel, Direction, Jurisdiction, PromiseState, Status

if TYPE_CHECKING:
    from desktop_app.records import ReferenceData

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A wrong command line: its one-line message goes to stderr, the exit code is 2."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line on stderr."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _amount(text: str) -> Decimal:
    """An amount by the window's rules (:func:`parse_amount`)."""
    from desktop_app.services.validation import parse_amount  # deferred: the records, ~13 ms

    try:
        amount = parse_amount(text)
    except Invalid as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if amount is None:
        raise argparse.ArgumentTypeError("give an amount, like 1280.50")
    return amount


def _time(text: str) -> Any:
    try:
        return parse_time(text)
    except BadTime as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


UNSET_TIME = object()  # --captured not given (None is "unknown")


def _time_or_unknown(text: str) -> Any:
    """A time, or None for the word ``unknown``."""
    if text.strip().casefold() in ("unknown", "none", "未知"):
        return None
    return _time(text)


def _reference(text: str) -> ReferenceData:
    from desktop_app.records import ReferenceData  # deferred: ~13 ms, not for `case list`

    label, sep, value = text.partition("=")
    if not sep or not value.strip():
        raise argparse.ArgumentTypeError(f"a reference is LABEL=VALUE, not {text!r}")
    return ReferenceData(value=value.strip(), label=label.strip())


def _positive_minutes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of minutes: {text!r}") from None
    if value < 0 or not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a number of minutes: {text!r}")
    return value


MAX_ID = 2**63 - 1  # SQLite's largest INTEGER


def _id(text: str) -> int:
    """An id as ``new``/``add`` commands print it: a whole number from 1 (not one SQLite
    cannot even hold, which it would refuse with a traceback)."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an id: {text!r}") from None
    if not 1 <= value <= MAX_ID:
        raise argparse.ArgumentTypeError(f"not an id: {text!r}")
    return value


def _limit(text: str) -> int:
    value = _id(text)
    return min(value, 10_000)


def build_parser(words: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole grammar; given the command line ``words``, only its command's options are
    added (every command is still named, so ``--help`` and a wrong command read the same):
    building all of them costs more than running ``case list``."""
    p = _Parser(prog="casebook", description="Casebook (投诉案卷): keep a complaint as one case.")
    p.add_argument("--data-dir", metavar="DIR", help="the data directory (default: per-user)")
    frozen = " (frozen app)" if getattr(sys, "frozen", False) else ""  # the installed bundle
    p.add_argument("--version", action="version", version=f"casebook {__version__}{frozen}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    only = None if words is None else command_word(words)
    for name, (help_text, add_options) in _commands().items():
        if only in (None, name) or only not in _commands():
            add_options(sub.add_parser(name, help=help_text))
        else:
            sub.add_parser(name, help=help_text)
    return p


def command_word(words: Sequence[str]) -> str | None:
    """The command a command line names (the first word not an option, nor ``--data-dir``'s
    value, even abbreviated as argparse allows), or None."""
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return words[i + 1] if i + 1 < len(words) else None
        if not word.startswith("-"):
            return word
        takes_value = "=" not in word and len(word) > 2 and "--data-dir".startswith(word)
        i += 2 if takes_value else 1
    return None


def _commands() -> dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]]:
    """Each command: its help, and what adds its actions and options."""
    return {
        "case": ("create, list and show cases", _add_case_options),
        "event": ("add to a case's timeline", _add_event_options),
        "evidence": ("files kept as a case's exhibits", _add_evidence_options),
        "institution": ("the directory of institutions", _add_institution_options),
        "profile": ("who the complaint is from (the dossier's cover)", _add_profile_options),
        "export": ("write a case's evidence dossier as PDF", _add_export_options),
        "due": ("promises and regulator deadlines across open cases", _add_due_options),
        "letter": ("draft a complaint or chaser letter from a case", _add_letter_options),
        "calendar": ("due items as an iCalendar (.ics) file", _add_calendar_options),
        "promise": ("mark a promise kept or broken", _add_promise_options),
        "verify": ("re-hash the evidence files and check the audit chain",
                   _add_verify_options),
        "backup": ("write the whole data folder as one zip file", _add_backup_options),
        "restore": ("restore a backup zip (verified first)", _add_restore_options),
        "search": ("find cases, entries and exhibits by their text", _add_search_options),
        "lock": ("give the book a passphrase (--remove: make it plain again)",
                 _add_lock_options),
        "unlock": ("--change: change the book's passphrase", _add_unlock_options),
    }


def _add_case_options(case: argparse.ArgumentParser) -> None:
    case_sub = case.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                   required=True)
    new = case_sub.add_parser("new", help="open a new case")
    _case_options(new, required=True)
    new.add_argument("--json", action="store_true")
    edit = case_sub.add_parser("edit", help="change a case's details")
    edit.add_argument("case", type=_id, metavar="CASE")
    _case_options(edit, required=False)
    edit.add_argument("--status", choices=[s.value for s in Status])
    edit.add_argument("--json", action="store_true")
    lst = case_sub.add_parser("list", help="list cases")
    lst.add_argument("--json", action="store_true")
    show = case_sub.add_parser("show", help="show a case with its timeline")
    show.add_argument("case", type=_id, metavar="CASE")
    show.add_argument("--json", action="store_true")
    _add_lodged_parser(case_sub)


def _add_event_options(event: argparse.ArgumentParser) -> None:
    event_sub = event.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                     required=True)
    add = event_sub.add_parser("add", help="log a contact")
    add.add_argument("case", type=_id, metavar="CASE")
    add.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    add.add_argument("--at", required=True, type=_time, metavar='"YYYY-MM-DD HH:MM"')
    add.add_argument("--direction", choices=[d.value for d in Direction], default="out")
    add.add_argument("--counterpart", default="", metavar="T")
    add.add_argument("--agent-id", default="", metavar="T")
    add.add_argument("--contact", default="", metavar="T")
    add.add_argument("--duration", type=_positive_minutes, metavar="MINUTES")
    add.add_argument("--summary", metavar="T")
    add.add_argument("--details", default="", metavar="T")
    add.add_argument("--ref", action="append", type=_reference, default=[],
                     metavar="LABEL=VALUE")
    add.add_argument("--promise", action="append", default=[], metavar="TEXT")
    add.add_argument("--due", action="append", type=_time, default=[],
                     metavar='"YYYY-MM-DD HH:MM"',
                     help="when the promise is due; without it, the period the promise's "
                          "words state (\"3个工作日内回电\"), counted from --at")
    add.add_argument("--from-notes", action="store_true",
                     help="after adding, list the reference numbers, agents' IDs, times, "
                          "numbers and amounts found in the summary, details and promises "
                          "(suggestions only: nothing is added from them)")
    add.add_argument("--json", action="store_true")
    delete = event_sub.add_parser("delete", help="delete a timeline entry")
    delete.add_argument("event", type=_id, metavar="EVENT")


def _add_evidence_options(evidence: argparse.ArgumentParser) -> None:
    evidence_sub = evidence.add_subparsers(dest="action", parser_class=_Parser,
                                           metavar="ACTION", required=True)
    eadd = evidence_sub.add_parser("add", help="import files (folders: the files inside)")
    eadd.add_argument("case", type=_id, metavar="CASE")
    eadd.add_argument("files", nargs="+", metavar="FILE")
    eadd.add_argument("--event", type=_id, metavar="EVENT",
                      help="the timeline entry they belong to")
    eadd.add_argument("--caption", default="", metavar="T")
    eadd.add_argument("--proves", default="", metavar="T", help="what it proves (证明目的)")
    eadd.add_argument("--no-ocr", action="store_true",
                      help="do not read the text in pictures now (evidence ocr does it later)")
    eadd.add_argument("--wait", action="store_true",
                      help="make the thumbnails and print copies of the pictures before "
                           "returning (by default they are made later: by the window, the "
                           "dossier, or the next --wait)")
    eadd.add_argument("--json", action="store_true")
    eocr = evidence_sub.add_parser(
        "ocr", help="read the text in a case's pictures and scanned PDFs not read yet")
    eocr.add_argument("case", type=_id, metavar="CASE")
    eocr.add_argument("--exhibit", type=_id, action="append", default=[], metavar="EXHIBIT_ID",
                      help="read this exhibit again (repeatable); default: those not read yet")
    eocr.add_argument("--json", action="store_true")
    ecalls = evidence_sub.add_parser(
        "calls", help="the calls a screenshot of the phone's call log shows (read first)")
    ecalls.add_argument("evidence", type=_id, metavar="EXHIBIT_ID")
    ecalls.add_argument("--add", action="store_true",
                        help="add them to the timeline as unsolicited calls, all in one go")
    ecalls.add_argument("--json", action="store_true")
    eedit = evidence_sub.add_parser("edit", help="change an exhibit's caption, what it proves,"
                                                 " or when it was made")
    eedit.add_argument("evidence", type=_id, metavar="EXHIBIT_ID")
    eedit.add_argument("--caption", metavar="T")
    eedit.add_argument("--proves", metavar="T", help="what it proves (证明目的)")
    eedit.add_argument("--captured", type=_time_or_unknown, default=UNSET_TIME,
                       metavar='"YYYY-MM-DD HH:MM"|unknown',
                       help="when it was made, as you know it (recorded as given by you)")
    eedit.add_argument("--json", action="store_true")
    eredact = evidence_sub.add_parser(
        "redact", help="black out parts of an exhibit's picture or PDF pages in the dossier "
                       "(the original stays as it is)")
    eredact.add_argument("evidence", type=_id, metavar="EXHIBIT_ID")
    eredact.add_argument("--box", action="append", default=[], metavar="[P:]X,Y,W,H",
                         help="a box to black out, in pixels of the picture as shown; on a PDF "
                              "exhibit, P:X,Y,W,H in pixels of page P (from 1; 1 if not given) "
                              "rendered at 150 dpi (repeatable); replaces the boxes it had")
    eredact.add_argument("--clear", action="store_true",
                         help="remove the redaction: the dossier shows the picture whole")
    eredact.add_argument("--json", action="store_true")
    elist = evidence_sub.add_parser("list", help="list a case's evidence")
    elist.add_argument("case", type=_id, metavar="CASE")
    elist.add_argument("--json", action="store_true")
    eremove = evidence_sub.add_parser(
        "remove", help="take exhibits off their case, all or none (the files stay in the store)")
    eremove.add_argument("evidence", type=_id, nargs="+", metavar="EXHIBIT_ID",
                         help="the id that evidence add and evidence list print first")
    eremove.add_argument("--json", action="store_true")


def _add_institution_options(inst: argparse.ArgumentParser) -> None:
    inst_sub = inst.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                   required=True)
    ilist = inst_sub.add_parser("list", help="list the directory")
    ilist.add_argument("--json", action="store_true")
    iadd = inst_sub.add_parser("add", help="add an institution")
    iadd.add_argument("--name", required=True)
    iadd.add_argument("--kind", default="bank")
    iadd.add_argument("--hotline", default="")
    iadd.add_argument("--email", default="")
    iadd.add_argument("--website", default="")
    iadd.add_argument("--json", action="store_true")
    iedit = inst_sub.add_parser("edit", help="change an institution in the directory")
    iedit.add_argument("institution", type=_id, metavar="INSTITUTION")
    for option in ("name", "short-name", "name-en", "kind", "hotline", "email", "website",
                   "notes"):
        iedit.add_argument(f"--{option}", metavar="T")
    iedit.add_argument("--json", action="store_true")


def _search_query(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the search query is empty")
    return text


def _add_search_options(search: argparse.ArgumentParser) -> None:
    search.add_argument("query", type=_search_query, metavar="QUERY",
                        help="every word must occur (Chinese words of any length)")
    search.add_argument("--limit", type=_limit, default=50, metavar="N",
                        help="at most N hits (default 50)")
    search.add_argument("--json", action="store_true")


def _add_lodged_parser(case_sub: Any) -> None:
    lodged = case_sub.add_parser("lodged", help="mark the entry the complaint was lodged at")
    lodged.add_argument("case", type=_id, metavar="CASE")
    which = lodged.add_mutually_exclusive_group(required=True)
    which.add_argument("--event", type=_id, metavar="EVENT", help="the regulator clock's start")
    which.add_argument("--clear", action="store_true",
                       help="no mark: the first outgoing contact with a reference number")
    lodged.add_argument("--json", action="store_true")


def _add_due_options(due: argparse.ArgumentParser) -> None:
    due.add_argument("--lang", choices=["zh", "en"], default="en",
                     help="the language of the regulator deadlines' text")
    due.add_argument("--json", action="store_true")


def _add_letter_options(letter: argparse.ArgumentParser) -> None:
    letter.add_argument("case", type=_id, metavar="CASE")
    letter.add_argument("--kind", required=True, choices=["complaint", "chaser"])
    letter.add_argument("--lang", choices=["zh", "en"],
                        help="default: Chinese for a case in China, else English")
    letter.add_argument("--promise", type=_id, metavar="PROMISE",
                        help="chase this promise (default: every broken one)")
    letter.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")


def _add_calendar_options(calendar: argparse.ArgumentParser) -> None:
    calendar.add_argument("-o", "--output", required=True, metavar="FILE.ics")


def _add_promise_options(promise: argparse.ArgumentParser) -> None:
    promise_sub = promise.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                         required=True)
    pset = promise_sub.add_parser("set", help="set a promise's state")
    pset.add_argument("promise", type=_id, metavar="PROMISE")
    pset.add_argument("--state", required=True, choices=[s.value for s in PromiseState])
    pset.add_argument("--note", default="", metavar="T")
    pset.add_argument("--json", action="store_true")


def _add_backup_options(backup: argparse.ArgumentParser) -> None:
    backup.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    backup.add_argument("--json", action="store_true")


def _add_restore_options(restore: argparse.ArgumentParser) -> None:
    restore.add_argument("archive", metavar="FILE.zip")
    restore.add_argument("--into", metavar="DIR",
                         help="an empty folder to restore into (default: the data folder)")
    restore.add_argument("--replace", action="store_true",
                         help="replace a non-empty folder; the old one is kept beside it")
    restore.add_argument("--json", action="store_true")


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size in MB: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"not a size in MB: {text!r}")
    return value


MASKABLE = ("phone", "address")  # as desktop_app.dossier.masking.MASKABLE (not loaded here)


def _mask_fields(text: str) -> tuple[str, ...]:
    """``phone``, ``address`` or ``phone,address``: what the dossier's cover masks."""
    chosen = tuple(dict.fromkeys(p.strip().lower() for p in text.replace("，", ",").split(",")
                                 if p.strip()))
    unknown = [p for p in chosen if p not in MASKABLE]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"choose from {', '.join(MASKABLE)} (comma-separated), not {text!r}")
    return chosen


def _add_export_options(export: argparse.ArgumentParser) -> None:
    export.add_argument("case", type=_id, metavar="CASE")
    export.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    export.add_argument("--lang", choices=["zh", "en"], default="zh",
                        help="the dossier's language (default zh)")
    export.add_argument("--paper", choices=["a4", "letter"], default="a4")
    export.add_argument("--max-size", type=_megabytes, metavar="MB",
                        help="make images smaller until the file fits this size")
    export.add_argument("--summaries", action="store_true",
                        help="under each exhibit in the list of evidence, a line of the text "
                             "read from its picture")
    export.add_argument("--mask", type=_mask_fields, default=(), metavar="phone,address",
                        help="on the cover, mask your phone number (138****5678) and/or "
                             "address (its street hidden) as well as the ID number")
    export.add_argument("--json", action="store_true")


def _add_verify_options(verify: argparse.ArgumentParser) -> None:
    verify.add_argument("case", type=_id, nargs="?", metavar="CASE",
                        help="only this case's exhibits (the audit chain is always checked whole)")
    verify.add_argument("--json", action="store_true")


def _add_lock_options(lock: argparse.ArgumentParser) -> None:
    lock.add_argument("--remove", action="store_true",
                      help="take the passphrase away: every file plain again")


def _add_unlock_options(unlock: argparse.ArgumentParser) -> None:
    unlock.add_argument("--change", action="store_true",
                        help="seal the book under a new passphrase (CASEBOOK_NEW_PASSPHRASE, "
                             "else asked twice)")


def _add_profile_options(profile: argparse.ArgumentParser) -> None:
    profile_sub = profile.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                         required=True)
    pset = profile_sub.add_parser("set", help="change your name, phone, e-mail, address, ID")
    for option in ("name", "phone", "email", "address", "id-number"):
        pset.add_argument(f"--{option}", metavar="T")
    pset.add_argument("--json", action="store_true")
    pshow = profile_sub.add_parser("show", help="show the profile (the ID number masked)")
    pshow.add_argument("--json", action="store_true")


def _case_options(p: argparse.ArgumentParser, required: bool) -> None:
    p.add_argument("--title", required=required, metavar="T")
    p.add_argument("--institution", required=required, metavar="NAME")
    p.add_argument("--product", metavar="P")
    p.add_argument("--category", choices=[c.value for c in Category])
    p.add_argument("--amount", type=_amount, metavar="5000.00")
    p.add_argument("--currency", metavar="CNY")
    p.add_argument("--incident-at", type=_time, metavar='"YYYY-MM-DD HH:MM"')
    p.add_argument("--transaction-refs", metavar="T")
    p.add_argument("--description", metavar="T")
    p.add_argument("--desired-outcome", metavar="T")
    p.add_argument("--jurisdiction", choices=[j.value for j in Jurisdiction])
