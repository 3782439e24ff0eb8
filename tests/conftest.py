"""Shared fixtures. Qt runs offscreen; every test gets its own data dir and a fixed zone."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("CASEBOOK_TZ", "Asia/Shanghai")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data dir; CASEBOOK_DATA_DIR points at it so nothing touches the real one."""
    path = tmp_path / "data"
    monkeypatch.setenv("CASEBOOK_DATA_DIR", str(path))
    return path


@pytest.fixture
def book(data_dir: Path) -> Iterator[object]:
    from desktop_app.services.book import Casebook

    with Casebook.open(data_dir) as opened:
        yield opened
