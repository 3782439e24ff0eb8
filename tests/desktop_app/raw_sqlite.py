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
