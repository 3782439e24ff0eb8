"""What is due and what to write about it: ``due``, ``letter``, ``calendar``, ``promise set``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json, write_atomically
from desktop_app.cli.parser import EXIT_OK
from desktop_app.timeutil import to_local

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


def cmd_due(book: Casebook, args: argparse.Namespace) -> int:
    items = book.deadlines.due(lang=args.lang)
    if args.json:
        print_json([item.to_json() for item in items])
        return EXIT_OK
    for item in items:
        state = "OVERDUE" if item.overdue else "due"
        print(f"{to_local(item.due):%Y-%m-%d %H:%M}\t{state}\t#{item.case_id}\t{item.kind}"
              f"\t{item.text}")
    return EXIT_OK


def cmd_letter(book: Casebook, args: argparse.Namespace) -> int:
    lang = args.lang or ("zh" if book.cases.get_case(args.case).jurisdiction == "CN" else "en")
    text = book.deadlines.draft_letter(args.case, args.kind, lang, promise_id=args.promise)
    if args.output:
        write_atomically(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_calendar(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.deadlines.ics import calendar_ics  # deferred: ~14 ms; calendar only

    items = book.deadlines.due()
    write_atomically(args.output, calendar_ics(items))
    print(f"{len(items)}\t{args.output}")
    return EXIT_OK


def cmd_promise(book: Casebook, args: argparse.Namespace) -> int:
    promise = book.timeline.set_promise_state(args.promise, args.state, args.note)
    print_json(promise.to_json()) if args.json else print(promise.id)
    return EXIT_OK
