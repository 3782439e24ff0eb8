"""Writing a file whole or not at all (desktop_app.store.files): real files in a temp dir."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from desktop_app.store.files import TempFile, atomic_writer, write_atomically
from desktop_app.store.lock import remove_abandoned

posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and links")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_new_content_replaces_the_old(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")
    assert write_atomically(target, "新的内容") == target
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


@posix_only
def test_the_old_file_is_renamed_over_not_written_in_place(tmp_path: Path) -> None:
    """A second name for the old file still reads the old bytes: nobody wrote into it."""
    target = tmp_path / "profile.json"
    target.write_bytes(b"old")
    os.link(target, tmp_path / "old-link")
    write_atomically(target, b"new")
    assert (tmp_path / "old-link").read_bytes() == b"old"
    assert target.read_bytes() == b"new"
    assert not os.path.samefile(target, tmp_path / "old-link")


def test_a_failure_midway_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "backup.zip"
    target.write_bytes(b"the old backup")

    def write_half() -> None:
        with atomic_writer(target) as fh:
            fh.write(b"half of a new backup")
            raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError, match="disk gone"):
        write_half()
    assert target.read_bytes() == b"the old backup"
    assert [p.name for p in tmp_path.iterdir()] == ["backup.zip"]


def test_a_failed_fsync_leaves_the_old_file_and_no_temp(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "export.json"
    target.write_bytes(b"{}")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b'{"lang": "en"}')
    monkeypatch.undo()
    assert target.read_bytes() == b"{}"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_a_new_file_is_made_too(tmp_path: Path) -> None:
    target = tmp_path / "letter.txt"
    write_atomically(target, b"Dear Sir or Madam")
    assert target.read_bytes() == b"Dear Sir or Madam"


def test_the_temp_file_is_named_and_placed_as_asked(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the crash clean-up looks for it (e.g. the evidence store's temp dir)."""
    renamed: list[Path] = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (renamed.append(Path(src)),
                                                         real(src, dst)))
    temp_dir = tmp_path / "evidence" / "tmp"
    temp_dir.mkdir(parents=True)
    write_atomically(tmp_path / "profile.json", b"{}", folder=temp_dir, prefix=".profile-")
    write_atomically(tmp_path / "archive.zip", b"PK", suffix=".part")
    assert renamed[0].parent == temp_dir
    assert renamed[0].name.startswith(".profile-")
    assert renamed[0].name.endswith(".tmp")
    assert renamed[1].parent == tmp_path
    assert renamed[1].name.startswith(".archive.zip-")
    assert renamed[1].name.endswith(".part")


@posix_only
def test_files_are_the_owners_only_unless_a_mode_is_given(tmp_path: Path) -> None:
    write_atomically(tmp_path / "profile.json", b"{}")
    write_atomically(tmp_path / "dossier.pdf", b"%PDF-", mode=0o644)
    write_atomically(tmp_path / "original.png", b"\x89PNG", mode=0o444)
    assert _mode(tmp_path / "profile.json") == 0o600
    assert _mode(tmp_path / "dossier.pdf") == 0o644
    assert _mode(tmp_path / "original.png") == 0o444


def test_a_file_named_only_once_written(tmp_path: Path) -> None:
    """The evidence store's way: the target (the content's hash) is known at the end."""
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    with TempFile(folder=temp_dir, prefix="import-", suffix=".part") as temp:
        assert temp.file is not None
        temp.file.write(b"screenshot")
        temp.finish()
        assert temp.path.read_bytes() == b"screenshot"
        temp.commit(tmp_path / "ab12.png")
    assert (tmp_path / "ab12.png").read_bytes() == b"screenshot"
    assert list(temp_dir.iterdir()) == []


def test_a_temp_file_not_wanted_after_all_is_removed(tmp_path: Path) -> None:
    with TempFile(folder=tmp_path, prefix="import-", suffix=".part") as temp:
        assert temp.file is not None
        temp.file.write(b"bytes the store already has")
    assert list(tmp_path.iterdir()) == []


def test_a_file_another_library_writes_by_its_name(tmp_path: Path) -> None:
    target = tmp_path / "casebook.sqlite3"
    with TempFile(target, keep_open=False) as temp:
        assert temp.file is None
        temp.path.write_bytes(b"SQLite format 3\x00")
        temp.commit()
    assert target.read_bytes() == b"SQLite format 3\x00"
    assert [p.name for p in tmp_path.iterdir()] == ["casebook.sqlite3"]


@posix_only
def test_a_claimed_temp_file_is_left_alone_by_the_clean_up_while_written(tmp_path: Path) -> None:
    target = tmp_path / "证据材料.pdf"
    with TempFile(target, prefix=".证据材料-", suffix=".pdf.part", keep_open=False,
                  claim=True) as temp:
        assert remove_abandoned([temp.path]) == 0
        assert temp.path.exists()
        temp.path.write_bytes(b"%PDF-1.7")
        temp.commit(mode=0o644)
    assert target.read_bytes() == b"%PDF-1.7"
    assert [p.name for p in tmp_path.iterdir()] == ["证据材料.pdf"]


def _refuse(times: int, monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """``os.replace`` refused ``times`` times, as Windows does while an indexer or a virus
    scanner has the file open; returns the pauses asked for (none slept)."""
    from desktop_app.store import files

    pauses: list[float] = []
    real_replace = os.replace
    left = [times]

    def replace(source: object, target: object) -> None:
        if left[0] > 0:
            left[0] -= 1
            raise PermissionError(13, "Access is denied", str(target))
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(files, "wait", pauses.append)
    return pauses


@pytest.mark.parametrize("name", ["settings.json", "profile.json", "证据材料.pdf"])
def test_a_replace_refused_for_a_moment_is_tried_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    target = tmp_path / name
    target.write_bytes(b"old")
    pauses = _refuse(3, monkeypatch)
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(pauses) == 3
    assert pauses == sorted(pauses)
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_replace_refused_for_good_fails_and_leaves_the_old_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.store import files

    target = tmp_path / "settings.json"
    target.write_bytes(b"old")
    pauses = _refuse(1000, monkeypatch)
    with pytest.raises(PermissionError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert pauses == list(files.REPLACE_PAUSES_S)
    assert 0.5 <= sum(pauses) <= 2.0  # about a second in all: a lock held longer is real
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_the_profile_goes_through_the_retrying_replace(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop_app.services.profile import load_profile, update_profile

    pauses = _refuse(2, monkeypatch)
    update_profile(data_dir, name="张三")
    assert load_profile(data_dir).name == "张三"
    assert len(pauses) == 2


def test_macos_asks_for_a_full_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``fsync`` on macOS stops at the drive's cache: ``F_FULLFSYNC`` goes to the platter."""
    import types


    calls: list[tuple[int, int]] = []
    fake = types.ModuleType("fcntl")
    fake.F_FULLFSYNC = 51  # type: ignore[attr-defined]
    fake.fcntl = lambda fd, op: calls.append((fd, op))  # type: ignore[attr-defined]
    synced: list[int] = []
    monkeypatch.setitem(sys.modules, "fcntl", fake)
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(os, "fsync", synced.append)
    write_atomically(tmp_path / "settings.json", b"{}")
    assert [op for _, op in calls] == [51, 51]  # the file, then its folder (the rename)
    assert synced == []
    monkeypatch.setattr(sys, "platform", "linux")
    write_atomically(tmp_path / "settings.json", b"{}")
    assert len(calls) == 2
    assert len(synced) == 2
