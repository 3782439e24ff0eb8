"""Reading the database file directly with plain sqlite3, past the services, to check them."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

TABLES = ("institution", "case", "event", "reference", "promise", "audit_entry", "evidence",
          "exhibit_counter")


def query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one read query on the database file and close the connection."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def table_counts(db: Path) -> dict[str, int]:
    """Row counts of every table."""
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    finally:
        con.close()


def downgrade(db: Path, revision: str) -> None:
    """Take the database file back to an earlier Alembic revision, as an earlier Casebook
    left it (the migrations' own downgrade, in one transaction)."""
    from alembic import command
    from alembic.config import Config

    from desktop_app.store.engine import make_engine

    engine = make_engine(db)
    try:
        cfg = Config()
        cfg.set_main_option("script_location", "desktop_app.store:migrations")
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()
