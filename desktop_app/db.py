"""The SQLite database: engine, pragmas, transactions, migrations.

WAL mode, foreign keys on, synchronous FULL, one writer at a time (``BEGIN IMMEDIATE``).
Migrations are Alembic revisions shipped in ``desktop_app/migrations``; they run at start-up
after a backup of the file. A database written by a newer Casebook is refused, untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from desktop_app.paths import DataPaths

# Every revision in order; a test checks this equals Alembic's own history.
REVISIONS: tuple[str, ...] = ("0001_initial", "0002_seed_directory")
HEAD = REVISIONS[-1]
SCHEMA_VERSION = len(REVISIONS)
BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """A database Casebook cannot open; the message is for the user."""


class NewerDatabase(DatabaseError):
    """The database was written by a newer Casebook; it is left untouched."""


@dataclass(frozen=True)
class SchemaState:
    exists: bool
    revision: str | None
    user_version: int


def read_schema_state(path: Path) -> SchemaState:
    """Look at a database file without changing it (read-only connection)."""
    if not path.exists() or path.stat().st_size == 0:
        return SchemaState(False, None, 0)
    # A read-only connection to a WAL database creates the missing -wal and -shm files. With no
    # -wal or -journal beside the file nobody is writing it, so read it as immutable: looking
    # at a database (e.g. one we then refuse) must leave no trace.
    sidecars = [path.with_name(path.name + suffix) for suffix in ("-wal", "-journal")]
    query = "mode=ro" if any(p.exists() for p in sidecars) else "mode=ro&immutable=1"
    try:
        con = sqlite3.connect(f"{path.as_uri()}?{query}", uri=True)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot open the database {path}: {exc}") from exc
    try:
        user_version = int(con.execute("PRAGMA user_version").fetchone()[0])
        has_table = con.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        revision = None
        if has_table:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"{path} is not a Casebook database or is damaged: {exc}") from exc
    finally:
        con.close()
    return SchemaState(True, revision, user_version)


def check_not_newer(state: SchemaState, path: Path) -> None:
    unknown_revision = state.revision is not None and state.revision not in REVISIONS
    if state.user_version > SCHEMA_VERSION or unknown_revision:
        schema = state.revision if unknown_revision else f"version {state.user_version}"
        raise NewerDatabase(
            f"The database {path} was written by a newer version of Casebook "
            f"(schema {schema}; this version knows up to {HEAD}). "
            "Install the newer Casebook to open it. The file has not been changed."
        )


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _on_begin(conn: Connection) -> None:
    mode = conn.info.pop("begin_mode", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
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


def backup_database(path: Path, target: Path) -> Path:
    """Copy the database with SQLite's online backup API (never a copy of the live file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    src = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    with open(tmp, "rb+") as fh:
        import os

        os.fsync(fh.fileno())
    tmp.replace(target)
    return target


def migrate(engine: Engine, target: str = "head") -> None:
    """Run Alembic migrations over our own connection, all in one transaction."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "desktop_app:migrations")
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
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            backup_database(
                db_path, paths.backups / f"pre-migration-{state.revision or 'none'}-{stamp}.sqlite3"
            )
            with engine.connect() as conn:
                ok = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            if ok != "ok":
                engine.dispose()
                raise DatabaseError(f"the database {db_path} is damaged: {ok}")
        migrate(engine)
    return engine
