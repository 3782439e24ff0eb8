"""Automatic (rolling) backups of the database.

**Automatic backups** are database snapshots only: ``backups/auto/casebook-<UTC time>-<reason>
.sqlite3``, taken before every migration and when the window closes (if anything changed), the
newest ``backup_keep`` kept (``settings.json``, default 7). The evidence store is append-only
and content-addressed, so such a snapshot together with ``evidence/`` is a full restore point;
zipping gigabytes of evidence on every close would be too slow.
"""

from __future__ import annotations

import contextlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.errors import DatabaseError, LockError
from desktop_app.store import vault
from desktop_app.store.paths import DataPaths
from desktop_app.store.revision import backup_database, read_schema_state

AUTO_DIR = "auto"
DEFAULT_KEEP = 7
_AUTO_NAME = re.compile(r"casebook-\d{8}T\d{6}\.\d{3}Z-[a-z0-9_.-]+\.sqlite3")


def _audit_state(db: Path) -> tuple[str | None, str | None]:
    """(schema revision, audit chain head) of a database file, read without changing it."""
    state = read_schema_state(db)
    sidecars = [db.with_name(db.name + s) for s in ("-wal", "-journal")]
    query = "mode=ro" if any(p.exists() for p in sidecars) else "mode=ro&immutable=1"
    con = vault.connect(db, query)
    try:
        row = con.execute("SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1").fetchone()
    except vault.database_errors():
        row = None
    finally:
        con.close()
    return state.revision, None if row is None else str(row[0])


def configured_keep(paths: DataPaths) -> int:
    """How many automatic backups to keep: ``backup_keep`` in settings.json, default 7."""
    try:
        value = json.loads(vault.read_text(paths.settings)).get("backup_keep")
    except (OSError, ValueError, AttributeError, LockError):
        return DEFAULT_KEEP
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 \
        else DEFAULT_KEEP


def auto_backup_dir(paths: DataPaths) -> Path:
    return paths.backups / AUTO_DIR


def auto_backups(paths: DataPaths) -> list[Path]:
    """The automatic backups, oldest first."""
    folder = auto_backup_dir(paths)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if _AUTO_NAME.fullmatch(p.name) and p.is_file())


def rolling_backup(paths: DataPaths, reason: str, keep: int | None = None,
                   moment: datetime | None = None) -> Path:
    """Snapshot the database (online backup API) into ``backups/auto`` and keep the newest
    ``keep`` snapshots (default: the configured number)."""
    keep = configured_keep(paths) if keep is None else max(1, keep)
    reason = re.sub(r"[^a-z0-9_.-]+", "-", reason.lower()).strip("-.") or "auto"
    when = (moment or datetime.now(UTC)).astimezone(UTC)
    folder = auto_backup_dir(paths)
    target = folder / (f"casebook-{when:%Y%m%dT%H%M%S}.{when.microsecond // 1000:03d}Z"
                       f"-{reason}.sqlite3")
    while target.exists():  # two in the same millisecond
        when = when.replace(microsecond=(when.microsecond + 1000) % 1_000_000)
        target = folder / (f"casebook-{when:%Y%m%dT%H%M%S}.{when.microsecond // 1000:03d}Z"
                           f"-{reason}.sqlite3")
    backup_database(paths.database, target)
    prune_auto_backups(paths, keep, protect=target)
    return target


def prune_auto_backups(paths: DataPaths, keep: int, protect: Path | None = None) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; returns the deleted ones."""
    existing = auto_backups(paths)
    doomed = [p for p in existing[:max(0, len(existing) - max(1, keep))] if p != protect]
    for p in doomed:
        with contextlib.suppress(OSError):
            p.unlink()
    return doomed


def backup_if_changed(paths: DataPaths, reason: str = "close",
                      keep: int | None = None) -> Path | None:
    """An automatic backup unless the newest one already holds this database's state (same
    schema revision and audit chain head): closing the app twice makes one snapshot."""
    if not paths.database.is_file():
        return None
    current = _audit_state(paths.database)
    existing = auto_backups(paths)
    if existing:
        try:
            if _audit_state(existing[-1]) == current:
                return None
        except (DatabaseError, *vault.database_errors()):
            pass
    return rolling_backup(paths, reason, keep)
