"""The SQLite database: engine, pragmas, transactions, migrations.

WAL mode, foreign keys on, synchronous FULL, one writer at a time (``BEGIN IMMEDIATE``).
Migrations are Alembic revisions shipped in ``desktop_app/store/migrations``; they run at start-up
after a backup of the file. A database written by a newer Casebook is refused, untouched.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from desktop_app.backup.automatic import rolling_backup  # backups/auto, the newest N kept
from desktop_app.errors import DatabaseError, NewerDatabase
from desktop_app.store import vault
from desktop_app.store.paths import DataPaths
from desktop_app.store.revision import (
    BUSY_TIMEOUT_MS,
    HEAD,
    REVISIONS,
    SCHEMA_VERSION,
    SchemaState,
    backup_database,
    check_not_newer,
    read_schema_state,
)

__all__ = [
    "BUSY_TIMEOUT_MS", "HEAD", "REVISIONS", "SCHEMA_VERSION", "DatabaseError", "NewerDatabase",
    "SchemaState", "backup_database", "check_not_newer", "make_engine", "migrate",
    "open_engine", "read_schema_state", "read_session", "write_session",
]


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    if sys.platform == "darwin":  # macOS's fsync stops at the drive's cache; F_FULLFSYNC does not
        cur.execute("PRAGMA fullfsync = ON")
    cur.close()


def _on_begin(conn: Connection) -> None:
    mode = conn.info.pop("begin_mode", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    """The book's engine: plain SQLite, or SQLCipher keyed with the book's key when the
    database is encrypted or is made in a locked book (:func:`vault.database_key`)."""
    key = vault.database_key(path)
    if key is not None:
        from desktop_app.crypto.database import create_engine  # deferred: locked books

        engine = create_engine(path, key)
    else:
        engine = sa.create_engine(
            f"sqlite:///{path}", connect_args={"check_same_thread": False}, future=True
        )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction (``BEGIN IMMEDIATE``): commits at the end, rolls back on error."""
    with engine.connect() as conn:
        conn.info["begin_mode"] = "IMMEDIATE"
        with conn.begin(), Session(bind=conn, expire_on_commit=False) as session:
            yield session
            session.flush()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A consistent read snapshot."""
    with engine.connect() as conn, conn.begin(), Session(bind=conn) as session:
        yield session


def migrate(engine: Engine, target: str = "head") -> None:
    """Run Alembic migrations over our own connection, all in one transaction."""
    from alembic import command  # deferred: Alembic ~380 ms beyond the ORM; upgrades only
    from alembic.config import Config  # deferred: as command

    cfg = Config()
    cfg.set_main_option("script_location", "desktop_app.store:migrations")
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # batch table rebuilds; outside a transaction
        try:
            conn.info["begin_mode"] = "IMMEDIATE"
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise DatabaseError(f"foreign key problems after migration: {problems[:5]}")
                revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                version = REVISIONS.index(str(revision)) + 1
                conn.exec_driver_sql(f"PRAGMA user_version = {version}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def open_engine(paths: DataPaths) -> Engine:
    """Open (creating or upgrading as needed) the database of a data dir."""
    paths.ensure()
    db_path = paths.database
    state = read_schema_state(db_path)
    check_not_newer(state, db_path)
    engine = make_engine(db_path)
    if state.revision != HEAD:
        if state.exists:
            rolling_backup(paths, f"pre-migration-{state.revision or 'none'}")
            with engine.connect() as conn:
                ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            if ok != "ok":
                engine.dispose()
                raise DatabaseError(f"the database {db_path} is damaged: {ok}")
        migrate(engine)
    return engine
