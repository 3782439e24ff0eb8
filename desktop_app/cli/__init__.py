"""The command line: same services as the window, for scripts, batch work and tests.

Every command takes ``--data-dir DIR`` (before the command). ``--json`` prints JSON on stdout.
Success exits 0; any error exits non-zero with a one-line message on stderr and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn

from desktop_app import __version__
from desktop_app.errors import DatabaseError, ServiceError
from desktop_app.i18n import tr
from desktop_app.records import (
    CaseFields,
    EventFields,
    EvidenceRecord,
    PromiseData,
    ReferenceData,
)
from desktop_app.services import Casebook
from desktop_app.timeutil import BadTime, parse_time
from desktop_app.vocab import Category, Channel, Direction, Jurisdiction, PromiseState, Status

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line on stderr."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"not an amount: {text!r}")
    return value


def _time(text: str) -> Any:
    try:
        return parse_time(text)
    except BadTime as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _reference(text: str) -> ReferenceData:
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


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="casebook", description="Casebook (投诉案卷): keep a complaint as one case.")
    p.add_argument("--data-dir", metavar="DIR", help="the data directory (default: per-user)")
    p.add_argument("--version", action="version", version=f"casebook {__version__}")
    sub = p.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    case = sub.add_parser("case", help="create, list and show cases")
    case_sub = case.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                   required=True)
    new = case_sub.add_parser("new", help="open a new case")
    _case_options(new, required=True)
    new.add_argument("--json", action="store_true")
    edit = case_sub.add_parser("edit", help="change a case's details")
    edit.add_argument("case", type=int, metavar="CASE")
    _case_options(edit, required=False)
    edit.add_argument("--status", choices=[s.value for s in Status])
    edit.add_argument("--json", action="store_true")
    lst = case_sub.add_parser("list", help="list cases")
    lst.add_argument("--json", action="store_true")
    show = case_sub.add_parser("show", help="show a case with its timeline")
    show.add_argument("case", type=int, metavar="CASE")
    show.add_argument("--json", action="store_true")
    _add_lodged_parser(case_sub)

    event = sub.add_parser("event", help="add to a case's timeline")
    event_sub = event.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                     required=True)
    add = event_sub.add_parser("add", help="log a contact")
    add.add_argument("case", type=int, metavar="CASE")
    add.add_argument("--channel", required=True, choices=[c.value for c in Channel])
    add.add_argument("--at", required=True, type=_time, metavar='"YYYY-MM-DD HH:MM"')
    add.add_argument("--direction", choices=[d.value for d in Direction], default="out")
    add.add_argument("--counterpart", default="", metavar="T")
    add.add_argument("--agent-id", default="", metavar="T")
    add.add_argument("--contact", default="", metavar="T")
    add.add_argument("--duration", type=_positive_minutes, metavar="MINUTES")
    add.add_argument("--summary", default="", metavar="T")
    add.add_argument("--details", default="", metavar="T")
    add.add_argument("--ref", action="append", type=_reference, default=[],
                     metavar="LABEL=VALUE")
    add.add_argument("--promise", action="append", default=[], metavar="TEXT")
    add.add_argument("--due", action="append", type=_time, default=[],
                     metavar='"YYYY-MM-DD HH:MM"')
    add.add_argument("--json", action="store_true")
    delete = event_sub.add_parser("delete", help="delete a timeline entry")
    delete.add_argument("event", type=int, metavar="EVENT")

    evidence = sub.add_parser("evidence", help="files kept as a case's exhibits")
    evidence_sub = evidence.add_subparsers(dest="action", parser_class=_Parser,
                                           metavar="ACTION", required=True)
    eadd = evidence_sub.add_parser("add", help="import files (folders: the files inside)")
    eadd.add_argument("case", type=int, metavar="CASE")
    eadd.add_argument("files", nargs="+", metavar="FILE")
    eadd.add_argument("--event", type=int, metavar="EVENT",
                      help="the timeline entry they belong to")
    eadd.add_argument("--caption", default="", metavar="T")
    eadd.add_argument("--proves", default="", metavar="T", help="what it proves (证明目的)")
    eadd.add_argument("--json", action="store_true")
    elist = evidence_sub.add_parser("list", help="list a case's evidence")
    elist.add_argument("case", type=int, metavar="CASE")
    elist.add_argument("--json", action="store_true")

    inst = sub.add_parser("institution", help="the directory of institutions")
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
    iedit.add_argument("institution", type=int, metavar="INSTITUTION")
    for option in ("name", "short-name", "name-en", "kind", "hotline", "email", "website",
                   "notes"):
        iedit.add_argument(f"--{option}", metavar="T")
    iedit.add_argument("--json", action="store_true")
    _add_profile_parser(sub)
    _add_export_parser(sub)
    _add_deadline_parsers(sub)
    _add_verify_parser(sub)
    _add_backup_parsers(sub)
    _add_search_parser(sub)
    return p


def _search_query(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("the search query is empty")
    return text


def _add_search_parser(sub: Any) -> None:
    search = sub.add_parser("search", help="find cases, entries and exhibits by their text")
    search.add_argument("query", type=_search_query, metavar="QUERY",
                        help="every word must occur (Chinese words of any length)")
    search.add_argument("--limit", type=int, default=50, metavar="N",
                        help="at most N hits (default 50)")
    search.add_argument("--json", action="store_true")


def _add_lodged_parser(case_sub: Any) -> None:
    lodged = case_sub.add_parser("lodged", help="mark the entry the complaint was lodged at")
    lodged.add_argument("case", type=int, metavar="CASE")
    which = lodged.add_mutually_exclusive_group(required=True)
    which.add_argument("--event", type=int, metavar="EVENT", help="the regulator clock's start")
    which.add_argument("--clear", action="store_true",
                       help="no mark: the first outgoing contact with a reference number")
    lodged.add_argument("--json", action="store_true")


def _add_deadline_parsers(sub: Any) -> None:
    due = sub.add_parser("due", help="promises and regulator deadlines across open cases")
    due.add_argument("--lang", choices=["zh", "en"], default="en",
                     help="the language of the regulator deadlines' text")
    due.add_argument("--json", action="store_true")
    letter = sub.add_parser("letter", help="draft a complaint or chaser letter from a case")
    letter.add_argument("case", type=int, metavar="CASE")
    letter.add_argument("--kind", required=True, choices=["complaint", "chaser"])
    letter.add_argument("--lang", choices=["zh", "en"],
                        help="default: Chinese for a case in China, else English")
    letter.add_argument("--promise", type=int, metavar="PROMISE",
                        help="chase this promise (default: every broken one)")
    letter.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    calendar = sub.add_parser("calendar", help="due items as an iCalendar (.ics) file")
    calendar.add_argument("-o", "--output", required=True, metavar="FILE.ics")
    promise = sub.add_parser("promise", help="mark a promise kept or broken")
    promise_sub = promise.add_subparsers(dest="action", parser_class=_Parser, metavar="ACTION",
                                         required=True)
    pset = promise_sub.add_parser("set", help="set a promise's state")
    pset.add_argument("promise", type=int, metavar="PROMISE")
    pset.add_argument("--state", required=True, choices=[s.value for s in PromiseState])
    pset.add_argument("--note", default="", metavar="T")
    pset.add_argument("--json", action="store_true")


def _add_backup_parsers(sub: Any) -> None:
    backup = sub.add_parser("backup", help="write the whole data folder as one zip file")
    backup.add_argument("-o", "--output", required=True, metavar="FILE.zip")
    backup.add_argument("--json", action="store_true")
    restore = sub.add_parser("restore", help="restore a backup zip (verified first)")
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


def _add_export_parser(sub: Any) -> None:
    export = sub.add_parser("export", help="write a case's evidence dossier as PDF")
    export.add_argument("case", type=int, metavar="CASE")
    export.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    export.add_argument("--lang", choices=["zh", "en"], default="zh",
                        help="the dossier's language (default zh)")
    export.add_argument("--paper", choices=["a4", "letter"], default="a4")
    export.add_argument("--max-size", type=_megabytes, metavar="MB",
                        help="make images smaller until the file fits this size")
    export.add_argument("--json", action="store_true")


def _add_verify_parser(sub: Any) -> None:
    verify = sub.add_parser("verify", help="re-hash the evidence files and check the audit chain")
    verify.add_argument("case", type=int, nargs="?", metavar="CASE",
                        help="only this case's exhibits (the audit chain is always checked whole)")
    verify.add_argument("--json", action="store_true")


def _add_profile_parser(sub: Any) -> None:
    profile = sub.add_parser("profile", help="who the complaint is from (the dossier's cover)")
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


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _case_fields(args: argparse.Namespace, base: CaseFields) -> CaseFields:
    changes: dict[str, Any] = {}
    for name in ("title", "product", "category", "amount", "currency", "incident_at",
                 "transaction_refs", "description", "desired_outcome", "jurisdiction"):
        value = getattr(args, name, None)
        if value is not None:
            changes[name] = value
    if getattr(args, "status", None):
        changes["status"] = args.status
    if args.institution is not None:
        changes["institution_id"] = None
        changes["institution_name"] = args.institution
    import dataclasses

    return dataclasses.replace(base, **changes)


def _cmd_case(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "new":
        record = book.create_case(_case_fields(args, CaseFields(title="")))
        _print_json(record.to_json()) if args.json else print(record.id)
    elif args.action == "edit":
        current = book.get_case(args.case)
        record = book.update_case(args.case, _case_fields(args, current.fields))
        _print_json(record.to_json()) if args.json else print(record.id)
    elif args.action == "list":
        cases = book.list_cases()
        if args.json:
            _print_json([c.to_json() for c in cases])
        else:
            for c in cases:
                print(f"{c.id}\t{c.status}\t{c.institution.name}\t{c.title}")
    elif args.action == "show":
        data = book.case_json(args.case)
        if args.json:
            _print_json(data)
        else:
            _print_case_text(data)
            _print_clock_text(book, args.case)
    elif args.action == "lodged":
        record = book.mark_lodged(args.case, None if args.clear else args.event)
        _print_json(record.to_json()) if args.json else print(record.id)
    return EXIT_OK


def _print_clock_text(book: Casebook, case_id: int) -> None:
    from desktop_app.deadlines import clock_lines

    clock = book.case_clock(case_id)
    if clock is not None:
        lang = "zh" if clock.jurisdiction == "CN" else "en"
        for line in clock_lines(clock, book.get_case(case_id), lang):
            print(f"  {line}")


def _print_case_text(data: dict[str, Any]) -> None:
    print(f"#{data['id']} {data['title']}")
    print(f"  {data['institution']} · {data['product']} · {data['status']}")
    if data["amount"] is not None:
        print(f"  {data['amount']} {data['currency']}")
    for e in data["events"]:
        refs = ", ".join(f"{r['label']}={r['value']}" if r["label"] else r["value"]
                         for r in e["references"])
        print(f"  [{e['id']}] {e['at']} {e['channel']}/{e['direction']} {e['summary']}"
              + (f" ({refs})" if refs else ""))
        for p in e["promises"]:
            print(f"      promise: {p['text']} due {p['due']} [{p['state']}]")
    for x in data.get("evidence", []):
        on = f" [{x['event_id']}]" if x["event_id"] is not None else ""
        print(f"  {x['exhibit']} {x['original_name']}{on} {x['sha256'][:12]}"
              + (f" — {x['caption']}" if x["caption"] else ""))


def _cmd_event(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "delete":
        book.delete_event(args.event)
        return EXIT_OK
    if len(args.due) > len(args.promise):
        raise UsageError("casebook event add: --due needs a --promise")
    promises = tuple(
        PromiseData(text=text, due_at=args.due[i] if i < len(args.due) else None)
        for i, text in enumerate(args.promise)
    )
    fields = EventFields(
        at=args.at, channel=args.channel, direction=args.direction,
        counterpart=args.counterpart, agent_id=args.agent_id, contact=args.contact,
        duration_seconds=None if args.duration is None else round(args.duration * 60),
        summary=args.summary, details=args.details, references=tuple(args.ref),
        promises=promises,
    )
    record = book.add_event(args.case, fields)
    _print_json(record.to_json()) if args.json else print(record.id)
    return EXIT_OK


def _evidence_line(record: EvidenceRecord) -> str:
    return f"{record.id} {record.exhibit} {record.sha256} {record.original_name}"


def _cmd_evidence(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "list":
        records = book.list_evidence(args.case)
        if args.json:
            _print_json([r.to_json() for r in records])
        else:
            for r in records:
                print(_evidence_line(r))
        return EXIT_OK
    outcomes = book.import_paths(args.case, args.files, event_id=args.event,
                                 caption=args.caption, proves=args.proves)
    shown: list[EvidenceRecord] = []
    refused = 0
    for outcome in outcomes:
        if outcome.error is not None or outcome.record is None:
            refused += 1
            print(f"casebook: {outcome.source}: {outcome.error}", file=sys.stderr)
            continue
        if outcome.duplicate:
            print(f"casebook: {outcome.source}: "
                  + tr("already in this case as {exhibit}", exhibit=outcome.record.exhibit),
                  file=sys.stderr)
        shown.append(outcome.record)
        shown.extend(outcome.attachments)
    if args.json:
        _print_json([r.to_json() for r in shown])
    else:
        for record in shown:
            print(_evidence_line(record))
    return EXIT_ERROR if refused else EXIT_OK


def _cmd_institution(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "edit":
        changes = {key: getattr(args, key) for key in ("name", "short_name", "name_en", "kind",
                                                       "hotline", "email", "website", "notes")
                   if getattr(args, key) is not None}
        if not changes:
            raise UsageError("casebook institution edit: nothing to change")
        record = book.update_institution(args.institution, **changes)
        _print_json(record.to_json()) if args.json else print(record.id)
        return EXIT_OK
    if args.action == "add":
        record = book.add_institution(args.name, kind=args.kind, hotline=args.hotline,
                                      email=args.email, website=args.website)
        _print_json(record.to_json()) if args.json else print(record.id)
        return EXIT_OK
    records = book.list_institutions()
    if args.json:
        _print_json([r.to_json() for r in records])
    else:
        for r in records:
            print(f"{r.id}\t{r.kind}\t{r.hotline}\t{r.name}")
    return EXIT_OK


def _cmd_profile(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.services.profile import FIELDS, load_profile, update_profile

    root = book.paths.root
    if args.action == "set":
        changes = {name: getattr(args, name) for name in FIELDS
                   if getattr(args, name) is not None}
        if not changes:
            raise UsageError("casebook profile set: nothing to change")
        profile = update_profile(root, **changes)
    else:
        profile = load_profile(root)
    if args.json:
        _print_json(profile.to_json())
    else:
        for label, value in (("name", profile.name), ("phone", profile.phone),
                             ("email", profile.email), ("address", profile.address),
                             ("id number", profile.masked_id())):
            print(f"{label}:\t{value}")
    return EXIT_OK


def _write_atomically(path: str, data: bytes) -> None:
    """Write a file whole or not at all: a temp file beside it, fsynced, renamed over it."""
    import os
    import tempfile
    from pathlib import Path

    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}-", suffix=".tmp",
                               dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _cmd_due(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.timeutil import to_local

    items = book.due(lang=args.lang)
    if args.json:
        _print_json([item.to_json() for item in items])
        return EXIT_OK
    for item in items:
        state = "OVERDUE" if item.overdue else "due"
        print(f"{to_local(item.due):%Y-%m-%d %H:%M}\t{state}\t#{item.case_id}\t{item.kind}"
              f"\t{item.text}")
    return EXIT_OK


def _cmd_letter(book: Casebook, args: argparse.Namespace) -> int:
    lang = args.lang or ("zh" if book.get_case(args.case).jurisdiction == "CN" else "en")
    text = book.draft_letter(args.case, args.kind, lang, promise_id=args.promise)
    if args.output:
        _write_atomically(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cmd_calendar(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.deadlines import calendar_ics

    items = book.due()
    _write_atomically(args.output, calendar_ics(items))
    print(f"{len(items)}\t{args.output}")
    return EXIT_OK


def _cmd_promise(book: Casebook, args: argparse.Namespace) -> int:
    promise = book.set_promise_state(args.promise, args.state, args.note)
    _print_json(promise.to_json()) if args.json else print(promise.id)
    return EXIT_OK


def _cmd_export(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.dossier import build_dossier

    if not _verified_for_export(book, args.case):
        return EXIT_ERROR
    result = build_dossier(book, args.case, args.output, lang=args.lang, paper=args.paper,
                           max_size_mb=args.max_size)
    for warning in result.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    if args.json:
        _print_json(result.to_json())
    else:
        print(result.path)
    return EXIT_OK


def _verified_for_export(book: Casebook, case_id: int) -> bool:
    """Verify the case's exhibits and the audit chain; on problems, say so (one line each on
    stderr) and refuse: the dossier is not written."""
    from desktop_app.backup.verify import verify

    report = verify(book, case_id)
    if report.ok:
        return True
    lines = [p.message for p in report.problems]
    if len(lines) == 1:
        lines[0] = tr("{problem}; the dossier was not written", problem=lines[0])
    else:
        lines.append(tr("verify found {count} problems; the dossier was not written",
                        count=len(lines)))
    for line in lines:
        print(f"casebook: error: {line}", file=sys.stderr)
    return False


def _cmd_verify(book: Casebook, args: argparse.Namespace) -> int:
    """Exit 0 and one summary line when all is well; else each problem on its own line (on
    stdout: the report is the command's output), then the summary, and exit 1."""
    from desktop_app.backup.verify import verify

    report = verify(book, args.case)
    if args.json:
        _print_json(report.to_json())
    else:
        for problem in report.problems:
            print(problem.message)
        print(report.summary())
    return EXIT_OK if report.ok else EXIT_ERROR


def _cmd_backup(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.backup.archive import create_backup

    result = create_backup(book, args.output)
    for warning in result.warnings:
        print(f"casebook: warning: {warning}", file=sys.stderr)
    _print_json(result.to_json()) if args.json else print(result.path)
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    """Restore without opening the data dir (that would create a database in the target)."""
    from desktop_app.backup.restore import restore_backup
    from desktop_app.store.paths import resolve_data_dir

    target = resolve_data_dir(args.into or args.data_dir)
    result = restore_backup(args.archive, target, replace=args.replace)
    if args.json:
        _print_json(result.to_json())
    else:
        print(result.data_dir)
        if result.previous is not None:
            print(tr("the previous data folder was kept as {path}", path=result.previous))
    return EXIT_OK


# Commands given the command line only: they must not open (and so create) the data dir.
BOOKLESS_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "restore": _cmd_restore,
}


def _cmd_search(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.timeutil import to_local

    hits = book.search(args.query, limit=args.limit)
    if args.json:
        _print_json([hit.to_json() for hit in hits])
        return EXIT_OK
    for hit in hits:
        where = f"#{hit.case_id}"
        if hit.event_id is not None:
            where += f" event {hit.event_id}"
        if hit.exhibit_no is not None:
            where += f" E{hit.exhibit_no}"
        when = "" if hit.at is None else f"{to_local(hit.at):%Y-%m-%d %H:%M}"
        print(f"{where}\t{hit.kind}\t{when}\t{hit.case_title}\t{hit.snippet}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[Casebook, argparse.Namespace], int]] = {
    "case": _cmd_case,
    "event": _cmd_event,
    "evidence": _cmd_evidence,
    "institution": _cmd_institution,
    "profile": _cmd_profile,
    "export": _cmd_export,
    "due": _cmd_due,
    "letter": _cmd_letter,
    "calendar": _cmd_calendar,
    "promise": _cmd_promise,
    "verify": _cmd_verify,
    "backup": _cmd_backup,
    "search": _cmd_search,
}


# Commands that change the data dir: (command, action), or (command, None) for every action.
# They take the data dir's write lock (desktop_app.store.lock) for their whole run and are refused
# while a window holds it; every other command only reads and runs beside an open window.
WRITE_COMMANDS: set[tuple[str, str | None]] = {
    ("case", "new"), ("case", "edit"), ("case", "delete"), ("case", "lodged"),
    ("event", "add"), ("event", "edit"), ("event", "delete"),
    ("evidence", "add"), ("evidence", "edit"), ("evidence", "remove"),
    ("institution", "add"), ("institution", "edit"),
    ("profile", "set"), ("promise", "set"),
}


class WindowOpen(Exception):
    """The write lock is held by another process (the window)."""


@contextmanager
def _write_lock_for(args: argparse.Namespace) -> Iterator[None]:
    """Hold the data dir's write lock while a writing command runs; refuse if it is taken."""
    from desktop_app.store.lock import WriteLock, remove_leftovers
    from desktop_app.store.paths import DataPaths, resolve_data_dir

    key = (args.command, getattr(args, "action", None))
    if key not in WRITE_COMMANDS and (args.command, None) not in WRITE_COMMANDS:
        yield
        return
    lock = WriteLock(DataPaths(resolve_data_dir(args.data_dir)))
    if not lock.acquire():
        raise WindowOpen(tr("Casebook is open in a window on this data folder; close it "
                            "first, or use the window"))
    with lock:
        remove_leftovers(lock.paths)  # what a writer killed half-way left: nobody else writes
        yield


def _utf8_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv: Sequence[str] | None = None,
         run_gui: Callable[[str | None], int] | None = None) -> int:
    """Run one command; with none, open the window through ``run_gui``."""
    _utf8_streams()
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
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
        with _write_lock_for(args), Casebook.open(args.data_dir) as book:
            return COMMANDS[args.command](book, args)
    except WindowOpen as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    except (ServiceError, DatabaseError, BadTime) as exc:
        print(f"casebook: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        print(f"casebook: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return EXIT_ERROR
