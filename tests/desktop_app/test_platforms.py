"""What Windows and macOS do differently, checked here on Linux: the SQLite URI of a folder on
a network share, macOS's full fsync for the database, the dossier's zone on Windows, its
symbol font's folders, the OCR workers' priority."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import SimpleNamespace

import pytest

from desktop_app.dossier import story
from desktop_app.store import engine as engine_module
from desktop_app.store.paths import sqlite_uri


@pytest.mark.parametrize(("path", "uri"), [
    (PureWindowsPath(r"\\server\share\案卷\casebook.sqlite3"),
     "file:////server/share/%E6%A1%88%E5%8D%B7/casebook.sqlite3"),
    (PureWindowsPath(r"C:\Users\张三\AppData\Local\Casebook\casebook.sqlite3"),
     "file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Local/Casebook/casebook.sqlite3"),
    (PurePosixPath("/home/a b/x?#%.sqlite3"), "file:///home/a%20b/x%3F%23%25.sqlite3"),
])
def test_the_sqlite_uri_of_a_share_a_drive_and_a_posix_path(path: PureWindowsPath,
                                                             uri: str) -> None:
    assert sqlite_uri(path) == uri
    assert sqlite_uri(path, "mode=ro") == uri + "?mode=ro"


def test_the_share_is_in_the_path_not_the_authority() -> None:
    """``Path.as_uri()`` gives ``file://server/share/…``, which SQLite refuses."""
    share = PureWindowsPath(r"\\server\share\casebook.sqlite3")
    assert share.as_uri() == "file://server/share/casebook.sqlite3"
    with pytest.raises(sqlite3.OperationalError):
        sqlite3.connect(f"{share.as_uri()}?mode=ro", uri=True)
    assert sqlite_uri(share).startswith("file:////server/")


def test_the_uri_opens_a_real_database_with_awkward_characters(tmp_path: Path) -> None:
    folder = tmp_path / "案卷 #1 ?%"
    folder.mkdir()
    db = folder / "casebook.sqlite3"
    with sqlite3.connect(db) as con:
        con.execute("CREATE TABLE t (x)")
        con.execute("INSERT INTO t VALUES (42)")
    con.close()
    reader = sqlite3.connect(sqlite_uri(db, "mode=ro"), uri=True)
    try:
        assert reader.execute("SELECT x FROM t").fetchone() == (42,)
        with pytest.raises(sqlite3.OperationalError):
            reader.execute("INSERT INTO t VALUES (1)")
    finally:
        reader.close()


@pytest.mark.parametrize(("platform", "full"), [("darwin", 1), ("linux", 0), ("win32", 0)])
def test_macos_connections_ask_for_a_full_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                platform: str, full: int) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    engine = engine_module.make_engine(tmp_path / "x.sqlite3")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA fullfsync").scalar() == full
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        engine.dispose()


class _WindowsZone(tzinfo):
    """What ``datetime.astimezone()`` gives on Windows: the zone named in words."""

    def __init__(self, name: str, hours: int) -> None:
        self.name, self.offset = name, timedelta(hours=hours)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return self.offset

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        return self.name


@pytest.mark.parametrize(("name", "zone", "label"), [
    (None, _WindowsZone("GMT Standard Time", 0), "UTC+00:00"),
    (None, _WindowsZone("Mountain Standard Time", -7), "UTC-07:00"),
    (None, _WindowsZone("CET", 1), "CET"),
    ("Europe/London", _WindowsZone("GMT Standard Time", 0), "Europe/London"),
])
def test_a_windows_zone_name_becomes_its_utc_offset(name: str | None, zone: tzinfo,
                                                    label: str) -> None:
    local = datetime(2025, 1, 15, 12, 0, tzinfo=zone)
    offset = local.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}"
    assert story._zone_label(name, local, offset) == label


def test_the_dossier_says_no_time_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """On Windows the English label read "GMT Standard Time time"."""
    zone = _WindowsZone("GMT Standard Time", 0)
    monkeypatch.setattr(story, "local_zone_name", lambda: None)
    monkeypatch.setattr(story, "to_local", lambda moment: moment.astimezone(zone))
    builder = object.__new__(story.StoryBuilder)
    builder.data = SimpleNamespace(  # type: ignore[assignment]
        generated_at=datetime(2025, 1, 15, 12, 0, tzinfo=UTC))
    builder.lang = "en"
    assert builder.zone() == "UTC+00:00"
    builder.lang = "zh"
    assert builder.zone() == "当地时间（UTC+00:00）"


def test_the_symbol_font_is_looked_for_in_windows_own_folder_and_macos_folders() -> None:
    from desktop_app.dossier.fonts import fallback_candidates

    found = fallback_candidates({"WINDIR": r"D:\WINNT"}, Path("/Users/zhang"))
    assert r"D:\WINNT/Fonts/seguisym.ttf" in found
    assert not any(c.startswith("C:/Windows") for c in found)
    assert "/Users/zhang/Library/Fonts/DejaVuSans.ttf" in found
    assert "/System/Library/Fonts/Supplemental/Arial Unicode.ttf" in found
    assert "C:/Windows/Fonts/seguisym.ttf" in fallback_candidates({}, Path("/home/x"))
    assert found[0].startswith("/usr/share/fonts")  # Linux's first, as before


def test_windows_workers_ask_for_below_normal_priority() -> None:
    from desktop_app.workers import lower_priority

    asked: list[str] = []

    def below_normal() -> bool:
        asked.append("below normal")
        return True

    lower_priority("win32", below_normal)
    assert asked == ["below normal"]

    def refused() -> bool:
        raise OSError("access denied")

    lower_priority("win32", refused)  # a refusal is no reason to stop reading


@pytest.mark.skipif(not hasattr(os, "nice"), reason="POSIX nice")
def test_workers_elsewhere_are_niced() -> None:
    """In a child process of its own: a nice value cannot be taken back."""
    code = ("import os\nfrom desktop_app.workers import lower_priority\n"
            "before = os.nice(0)\nlower_priority('linux')\nprint(before, os.nice(0))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[2]).stdout.split()
    before, after = int(out[0]), int(out[1])
    assert after == min(before + 5, 19)


def _mark_started(value: str) -> None:
    os.environ["CASEBOOK_POOL_STARTED"] = value


def _started() -> str | None:
    return os.environ.get("CASEBOOK_POOL_STARTED")


@pytest.mark.skipif(not hasattr(os, "nice"), reason="POSIX nice")
def test_a_pool_s_workers_are_lowered_before_their_own_start() -> None:
    """Every pool (OCR, thumbnails and print copies) is spawned by one helper: its workers run
    at the lower priority, then the pool's own initializer."""
    from desktop_app.workers import spawn_pool

    with spawn_pool(1, _mark_started, ("yes",)) as pool:
        niced = pool.submit(os.nice, 0).result()
        started = pool.submit(_started).result()
    assert niced == min(os.nice(0) + 5, 19)
    assert started == "yes"
