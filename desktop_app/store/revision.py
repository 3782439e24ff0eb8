"""What a database file is, read without SQLAlchemy: its schema revision, whether it is
newer than this Casebook, and a consistent copy of it. Cheap enough for every start-up."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from desktop_app.errors import DatabaseError, NewerDatabase
from desktop_app.store import vault

# Every revision in order; a test checks this equals Alembic's own history.
REVISIONS: tuple[str, ...] = ("0001_initial", "0002_seed_directory", "0003_evidence",
                              "0004_complaint_lodged", "0005_search",
                              "0006_derived_files", "0007_row_hashes",
                              "0008_exhibit_text", "0009_reference_kinds",
                              "0010_search_bigrams", "0011_redaction",
                              "0012_due_index")
HEAD = REVISIONS[-1]
SCHEMA_VERSION = len(REVISIONS)
BUSY_TIMEOUT_MS = 10_000


class SchemaState(NamedTuple):  # (not a dataclass: see DataPaths)
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
        con = vault.connect(path, query)
    except vault.database_errors() as exc:
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
    except vault.database_errors() as exc:
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


def backup_database(path: Path, target: Path) -> Path:
    """Copy the database with SQLite's online backup API (never a copy of the live file)."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    from desktop_app.store.files import TempFile  # deferred: ~3 ms (tempfile, shutil)

    with TempFile(target, suffix=".tmp", keep_open=False) as temp:
        src = vault.connect(path, "mode=ro")
        try:
            # the copy is keyed as the source is: SQLCipher copies page by page under one key
            dst = vault.connect_like(temp.path, path)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        temp.commit()
    return target
