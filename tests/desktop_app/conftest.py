"""Fixtures for the core tests: the database file of the test's data dir, looked at directly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_run import CLI, run_cli
from raw_sqlite import table_counts


@pytest.fixture
def db_path(data_dir: Path) -> Path:
    return data_dir / "casebook.sqlite3"


@pytest.fixture
def counts(db_path: Path) -> Callable[[], dict[str, int]]:
    """Row counts of every table, read straight from the file."""
    return lambda: table_counts(db_path)


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> CLI:
    """Run one command in-process against the test's data dir."""
    return lambda *args: run_cli(capsys, ["--data-dir", str(data_dir), *args])
