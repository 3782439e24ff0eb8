"""A book's passphrase: ``lock``, ``lock --remove`` and ``unlock --change``.

``casebook lock`` gives a plain book a passphrase (from ``CASEBOOK_PASSPHRASE``, else asked
twice on the terminal) and seals everything in it; ``lock --remove`` makes it plain again (its
passphrase as any command takes it); ``unlock --change`` seals the book's key under a new
passphrase (``CASEBOOK_NEW_PASSPHRASE``, else asked twice) and encrypts nothing again. Each holds
the write lock (:mod:`desktop_app.cli.writing`); a conversion a kill interrupted is finished by
the next command that opens the book (:func:`desktop_app.crypto.conversion.resume`).

A forgotten passphrase means the book is lost: there is no back door.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop_app.cli.parser import EXIT_OK, UsageError
from desktop_app.cli.run import ENV_PASSPHRASE, passphrase
from desktop_app.errors import LockError
from desktop_app.i18n import tr
from desktop_app.store import vault
from desktop_app.store.paths import DataPaths, resolve_data_dir

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook

ENV_NEW_PASSPHRASE = "CASEBOOK_NEW_PASSPHRASE"


def before_open(args: argparse.Namespace) -> None:
    """What is refused before the book is opened (and a passphrase asked for): ``lock`` on a
    locked book, ``lock --remove`` and ``unlock`` on a plain one, ``unlock`` without
    ``--change``. The passphrase of a locked book is read once, here, for both the opening
    and the command (``args.passphrase_text``)."""
    if args.command == "unlock" and not args.change:
        raise UsageError("casebook unlock: " + tr(
            "give --change to change the passphrase (any command opens a locked book with it; "
            "`casebook lock --remove` takes it away)"))
    paths = DataPaths(resolve_data_dir(args.data_dir))
    args.was_pending = paths.lock_journal.exists()
    locked = vault.has_key_file(paths.root)
    removing = args.command == "unlock" or args.remove
    if not args.was_pending and locked and not removing:
        raise LockError(tr("This book has a passphrase already; `casebook unlock --change` "
                           "changes it."))
    if not args.was_pending and not locked and removing:
        raise LockError(tr("This book has no passphrase."))
    if locked and vault.key_for(paths.root) is None:
        args.passphrase_text = passphrase()


def cmd_lock(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.crypto import conversion  # deferred: cryptography, locking only

    paths = book.paths
    book.close()  # the database is exported whole: no connection of ours may stay open
    if args.remove:
        if vault.has_key_file(paths.root):
            conversion.remove_lock(paths, _given(args), _progress(tr("Removing the passphrase")))
        print(tr("The book has no passphrase now: its files are plain again."))
        return EXIT_OK
    if vault.has_key_file(paths.root):  # opening it finished a lock a kill had interrupted
        print(tr("The book is locked: a lock that had been interrupted is finished."))
        return EXIT_OK
    new = _new_passphrase(ENV_PASSPHRASE)
    conversion.lock_book(paths, new, _progress(tr("Locking")))
    print(tr("The book is locked. Without its passphrase it cannot be opened: there is no "
             "back door. Write the passphrase down and keep it somewhere safe."))
    return EXIT_OK


def cmd_unlock(book: Casebook, args: argparse.Namespace) -> int:
    from desktop_app.crypto import conversion  # deferred: cryptography, locked books only

    new = _new_passphrase(ENV_NEW_PASSPHRASE)
    conversion.change_passphrase(book.paths, _given(args), new)
    print(tr("The passphrase is changed; the old one no longer opens the book."))
    return EXIT_OK


def _given(args: argparse.Namespace) -> str:
    """The passphrase the book was opened with (read by :func:`before_open`)."""
    text = getattr(args, "passphrase_text", None)
    if not text:
        raise vault.BookLocked(tr("This book is locked: it opens only with its passphrase."))
    return str(text)


def _new_passphrase(env: str) -> str:
    """A new passphrase: the environment variable ``env``'s, else asked twice on the
    terminal."""
    given = os.environ.get(env)
    if given:
        return given
    if not sys.stdin.isatty():
        raise LockError(tr("No new passphrase: set {name}, or run this in a terminal to type "
                           "it.", name=env))
    import getpass  # deferred: asked on a terminal only

    try:
        first = getpass.getpass(tr("New passphrase: "))
        second = getpass.getpass(tr("The new passphrase again: "))
    except (EOFError, KeyboardInterrupt):
        raise LockError(tr("No new passphrase was given; nothing was changed.")) from None
    if first != second:
        raise LockError(tr("The two passphrases typed differ; nothing was changed."))
    if not first:
        raise LockError(tr("The passphrase is empty."))
    return first


def _progress(what: str) -> Callable[[int, int], None] | None:
    """A progress line on stderr, rewritten as the files go by, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{what}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show
