"""Fixtures for the core tests: look at the database file directly, with plain sqlite3."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

TABLES = ("institution", "case", "event", "reference", "promise", "audit_entry")


def query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run one read query on the database file and close the connection."""
    con = sqlite3.connect(db)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def table_counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "casebook.sqlite3"


@pytest.fixture
def counts(db_path: Path) -> Callable[[], dict[str, int]]:
    """Row counts of every table, read straight from the file."""
    return lambda: table_counts(db_path)
