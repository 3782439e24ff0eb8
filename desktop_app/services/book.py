"""One data directory opened: the database and the evidence store, and the services over them.

``Casebook`` holds the connections and transactions; each concern is a service of its own:
``book.institutions``, ``book.cases``, ``book.timeline``, ``book.evidence``, ``book.imports``
and ``book.deadlines``. Every write is one transaction plus its audit entries.

Reads go through :mod:`desktop_app.store.reads` over plain sqlite3 (fast, no ORM at start-up);
writes go through :mod:`desktop_app.store.writes` (SQLModel), loaded on the first write.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from desktop_app.errors import ServiceError
from desktop_app.i18n import tr
from desktop_app.store import vault
from desktop_app.store.light_reads import connect
from desktop_app.store.paths import DataPaths, resolve_data_dir
from desktop_app.store.revision import HEAD, check_not_newer, read_schema_state

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from desktop_app.evidence.file_store import EvidenceStore
    from desktop_app.services.cases import Cases
    from desktop_app.services.deadlines import Deadlines
    from desktop_app.services.evidence import Evidence
    from desktop_app.services.evidence_import import EvidenceImport
    from desktop_app.services.institutions import Institutions
    from desktop_app.services.reading import Reading
    from desktop_app.services.redaction import Redactions
    from desktop_app.services.timeline import Timeline
    from desktop_app.store.audit_chain import ChainProblem
    from desktop_app.store.search import SearchHit

SERVICES: dict[str, tuple[str, str]] = {
    "institutions": ("institutions", "Institutions"), "cases": ("cases", "Cases"),
    "timeline": ("timeline", "Timeline"), "evidence": ("evidence", "Evidence"),
    "imports": ("evidence_import", "EvidenceImport"), "deadlines": ("deadlines", "Deadlines"),
    "reading": ("reading", "Reading"), "redactions": ("redaction", "Redactions"),
}


class Casebook:
    """One data directory: the database and the evidence store."""

    def __init__(self, paths: DataPaths, engine: Engine | None = None) -> None:
        self.paths = paths
        self._engine = engine
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._store: EvidenceStore | None = None
        # the data folder was open to other users until this start made it owner-only (POSIX)
        self.was_open_to_others = False

    # The services, each made (and its module imported) when first used: a command that lists
    # cases does not load what reading pictures or the deadline rules need.
    institutions: Institutions
    cases: Cases
    timeline: Timeline
    evidence: Evidence
    imports: EvidenceImport
    deadlines: Deadlines
    reading: Reading
    redactions: Redactions

    def __getattr__(self, name: str) -> Any:
        """A service (see above), made on first use."""
        where = SERVICES.get(name)
        if where is None:
            raise AttributeError(name)
        module, cls = where
        service_class = getattr(importlib.import_module(f"desktop_app.services.{module}"), cls)
        with self._lock:  # one of each, even when two threads first ask at once
            if name not in self.__dict__:
                setattr(self, name, service_class(self))  # found directly from now on
            return self.__dict__[name]

    @classmethod
    def open(cls, data_dir: str | Path | None = None,
             passphrase: Callable[[], str | None] | None = None) -> Casebook:
        """Open a data dir, creating or upgrading its database; a newer one is refused. A
        locked book whose key this process does not hold yet is opened with the passphrase
        ``passphrase()`` gives (:class:`~desktop_app.store.vault.BookLocked` without one,
        :class:`~desktop_app.errors.WrongPassphrase` for a wrong one: nothing is changed). A
        conversion (locking, or removing the lock) that was interrupted is finished first, if
        no other process holds the write lock (see :mod:`desktop_app.crypto.conversion`)."""
        paths = DataPaths(resolve_data_dir(data_dir))
        was_open_to_others = paths.ensure()
        if vault.has_key_file(paths.root) and vault.key_for(paths.root) is None:
            unlock_book(paths.root, None if passphrase is None else passphrase())
        if paths.lock_journal.exists():  # a lock, or its removal, was interrupted: finish it
            from desktop_app.crypto.conversion import resume_if_free  # deferred: locked books

            resume_if_free(paths)
        state = read_schema_state(paths.database)
        check_not_newer(state, paths.database)
        engine = None
        if state.revision != HEAD:
            # deferred: SQLAlchemy, SQLModel and Alembic cost ~450 ms; an up-to-date book opens
            # without them (reads are plain sqlite3)
            from desktop_app.store.engine import open_engine  # deferred: see above

            engine = open_engine(paths)
            if os.name == "posix":
                paths.tighten()  # the database SQLite just made follows the umask (0644)
        book = cls(paths, engine)
        book.was_open_to_others = was_open_to_others
        return book

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from desktop_app.store.engine import make_engine  # deferred: ORM on first write

            self._engine = make_engine(self.paths.database)
        return self._engine

    def close(self) -> None:
        with self._lock:
            for con in self._connections:
                con.close()
            self._connections.clear()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Casebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions (for the services) ----------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A consistent snapshot for one read (a connection per thread)."""
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            con = connect(self.paths.database)
            self._local.con = con
            with self._lock:
                self._connections.append(con)
        con.execute("BEGIN")
        try:
            yield con
        finally:
            con.execute("COMMIT")

    @contextmanager
    def write(self) -> Iterator[tuple[Session, ModuleType, sqlite3.Connection]]:
        """One write transaction: (session, the writes module, the session's raw connection)."""
        from sqlalchemy.exc import DBAPIError  # deferred: the ORM, as writes

        from desktop_app.store import writes  # deferred: the ORM (~300 ms) on the first write
        from desktop_app.store.engine import write_session  # deferred: as writes

        try:
            with write_session(self.engine) as s:
                yield s, writes, writes.raw_connection(s)
        except (DBAPIError, *vault.database_errors()) as exc:  # rolled back: none of it saved
            raise ServiceError(tr("the change was not saved: {reason}",
                                  reason=_database_reason(exc))) from exc

    @property
    def store(self) -> EvidenceStore:
        if self._store is None:
            from desktop_app.evidence.file_store import EvidenceStore  # deferred: ~5 ms, evidence

            self._store = EvidenceStore(self.paths.evidence)
            self._store.remove_stale_temp_files()
        return self._store

    # ---- the whole book ------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Cases, entries and exhibits holding every word of ``query``, newest first."""
        from desktop_app.store import search as search_index  # deferred: searches only

        with self.read() as con:
            return search_index.search(con, query, limit)

    def audit_head(self) -> str:
        from desktop_app.store import reads  # deferred: the records (~13 ms); not `case list`
        from desktop_app.store.audit_chain import GENESIS  # deferred: ~1 ms, writes and checks

        with self.read() as con:
            return reads.audit_head(con) or GENESIS

    def verify_audit(self) -> list[ChainProblem]:
        from desktop_app.store import audit_log  # deferred: the ORM, as writes
        from desktop_app.store.engine import read_session  # deferred: as writes

        with read_session(self.engine) as s:
            return audit_log.verify(s)


def unlock_book(folder: Path, passphrase: str | None) -> None:
    """Open the locked book in ``folder`` with ``passphrase``: its data key is held in this
    process's memory from now on (:func:`desktop_app.store.vault.remember`)."""
    if not passphrase:
        raise vault.BookLocked(tr("This book is locked: it opens only with its passphrase."))
    from desktop_app.crypto.keys import unlock  # deferred: cryptography, locked books only

    vault.remember(folder, unlock(folder, passphrase))


def _database_reason(exc: BaseException) -> str:
    """SQLite's own words ("database or disk is full"), without SQLAlchemy's statement dump."""
    cause = getattr(exc, "orig", None) or exc
    return (str(cause).splitlines() or [type(cause).__name__])[0]
