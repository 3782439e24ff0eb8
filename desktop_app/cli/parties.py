"""The parties to a complaint: the directory of institutions (``institution list|add|edit``)
and the complainant's own details (``profile set|show``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop_app.cli.output import print_json
from desktop_app.cli.parser import EXIT_OK, UsageError
from desktop_app.services.profile import FIELDS, load_profile, update_profile

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook


def cmd_institution(book: Casebook, args: argparse.Namespace) -> int:
    if args.action == "edit":
        changes = {key: getattr(args, key) for key in ("name", "short_name", "name_en", "kind",
                                                       "hotline", "email", "website", "notes")
                   if getattr(args, key) is not None}
        if not changes:
            raise UsageError("casebook institution edit: nothing to change")
        record = book.institutions.update_institution(args.institution, **changes)
        print_json(record.to_json()) if args.json else print(record.id)
        return EXIT_OK
    if args.action == "add":
        record = book.institutions.add_institution(args.name, kind=args.kind, hotline=args.hotline,
                                      email=args.email, website=args.website)
        print_json(record.to_json()) if args.json else print(record.id)
        return EXIT_OK
    records = book.institutions.list_institutions()
    if args.json:
        print_json([r.to_json() for r in records])
    else:
        for r in records:
            print(f"{r.id}\t{r.kind}\t{r.hotline}\t{r.name}")
    return EXIT_OK


def cmd_profile(book: Casebook, args: argparse.Namespace) -> int:
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
        print_json(profile.to_json())
    else:
        for label, value in (("name", profile.name), ("phone", profile.phone),
                             ("email", profile.email), ("address", profile.address),
                             ("id number", profile.masked_id())):
            print(f"{label}:\t{value}")
    return EXIT_OK
