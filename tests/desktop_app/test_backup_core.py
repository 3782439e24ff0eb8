"""Backup archives and restores (desktop_app.backup): round trip, refusals, rolling backups."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from backup_samples import (
    fill,
    make_old_data_dir,
    manifest_of,
    members,
    rewrite,
    tree,
    write_archive,
)
from raw_sqlite import query

from desktop_app.backup.archive import create_backup, verify_archive
from desktop_app.backup.automatic import (
    auto_backups,
    backup_if_changed,
    configured_keep,
    rolling_backup,
)
from desktop_app.backup.restore import restore_backup, stage_restore
from desktop_app.errors import BackupCancelled, BackupError, BackupRefused
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store.paths import DataPaths
from desktop_app.store.revision import REVISIONS


@pytest.fixture
def filled(data_dir: Path, tmp_path: Path) -> Iterator[tuple[Casebook, dict[str, int]]]:
    sources = tmp_path / "sources"
    sources.mkdir()
    with Casebook.open(data_dir) as book:
        ids = fill(book, sources)
        (data_dir / "profile.json").write_text(json.dumps({"name": "张三"}), encoding="utf-8")
        yield book, ids


@pytest.fixture
def archive(filled: tuple[Casebook, dict[str, int]], tmp_path: Path) -> Path:
    book, _ids = filled
    result = create_backup(book, tmp_path / "备份.zip")
    assert result.path == tmp_path / "备份.zip"
    return result.path


def store_files(root: Path) -> dict[str, bytes]:
    evidence = root / "evidence"
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(evidence.rglob("*"))
            if p.is_file() and "tmp" not in p.relative_to(evidence).parts}


# ---- the archive ------------------------------------------------------------------------------


def test_the_archive_holds_a_snapshot_the_evidence_and_a_manifest_of_hashes(
        filled: tuple[Casebook, dict[str, int]], archive: Path, data_dir: Path) -> None:
    book, _ids = filled
    content = members(archive)
    manifest = manifest_of(archive)
    assert manifest["format"] == "casebook-backup"
    assert manifest["format_version"] == 1
    assert manifest["schema_revision"] == REVISIONS[-1]
    assert manifest["counts"] == {"cases": 2, "evidence_files": 4}
    listed = {m["path"]: m for m in manifest["members"]}  # type: ignore[attr-defined]
    assert set(listed) == set(content) - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["size"] == len(content[name])
        assert entry["sha256"] == hashlib.sha256(content[name]).hexdigest()
    # every original of the store, byte for byte, with the images' thumbnails and renditions
    assert {k: v for k, v in content.items() if k.startswith("evidence/")} == \
        store_files(data_dir)
    assert any(k.endswith("-thumb.jpg") for k in content)
    assert content["profile.json"] == (data_dir / "profile.json").read_bytes()
    # the database is an online-backup snapshot: a whole database with no journal
    db = archive.parent / "snapshot.sqlite3"
    db.write_bytes(content["casebook.sqlite3"])
    assert query(db, "PRAGMA integrity_check") == [("ok",)]
    assert query(db, 'SELECT count(*) FROM "case"') == [(2,)]
    with zipfile.ZipFile(archive) as zf:
        assert zf.comment == b"casebook-backup manifest-sha256=" + hashlib.sha256(
            content["manifest.json"]).hexdigest().encode()
        assert zf.getinfo("casebook.sqlite3").compress_type == zipfile.ZIP_DEFLATED
    assert book.cases.list_cases()  # the book is still usable


def test_a_backup_holds_only_the_files_its_snapshot_refers_to(
        filled: tuple[Casebook, dict[str, int]], tmp_path: Path) -> None:
    book, _ids = filled
    stray = book.store.put_bytes(b"bytes no evidence row refers to")
    result = create_backup(book, tmp_path / "b.zip")
    assert not any(stray.sha256 in name for name in members(result.path))
    assert result.evidence_files == 4
    assert result.cases == 2


def test_restored_into_a_fresh_folder_it_is_the_same_data(
        filled: tuple[Casebook, dict[str, int]], archive: Path, data_dir: Path,
        tmp_path: Path) -> None:
    book, _ids = filled
    before = {c.id: book.cases.case_json(c.id) for c in book.cases.list_cases()}
    target = tmp_path / "恢复" / "data"

    result = restore_backup(archive, target)

    assert result.data_dir == target
    assert result.previous is None
    assert result.info.cases == 2
    assert store_files(target) == store_files(data_dir)
    assert (target / "profile.json").read_bytes() == (data_dir / "profile.json").read_bytes()
    original = next(p for p in (target / "evidence").rglob("*.png"))
    assert not os.access(original, os.W_OK) or os.geteuid() == 0
    assert not stat.S_IMODE(original.stat().st_mode) & 0o222  # originals stay read-only
    with Casebook.open(target) as restored:
        assert {c.id: restored.cases.case_json(c.id) for c in restored.cases.list_cases()} == before
        assert restored.verify_audit() == []
        for c in restored.cases.list_cases():
            for record in restored.evidence.list_evidence(c.id):
                assert restored.evidence.evidence_file(record.id).read_bytes() == \
                    book.evidence.evidence_file(record.id).read_bytes()
    assert [p.name for p in target.parent.iterdir()] == ["data"]  # no temp dir left


def test_verify_reports_what_the_archive_holds_and_writes_nothing(
        archive: Path, tmp_path: Path) -> None:
    before = tree(tmp_path)
    info = verify_archive(archive)
    assert (info.cases, info.evidence_files) == (2, 4)
    assert info.schema_revision == REVISIONS[-1]
    assert tree(tmp_path) == before


def test_writing_a_backup_is_atomic_even_when_cancelled(
        filled: tuple[Casebook, dict[str, int]], tmp_path: Path) -> None:
    book, _ids = filled
    out = tmp_path / "out"
    out.mkdir()
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    with pytest.raises(BackupCancelled):
        create_backup(book, out / "b.zip", cancelled=cancelled)
    assert list(out.iterdir()) == []

    (out / "b.zip").write_bytes(b"the previous backup")
    with pytest.raises(BackupCancelled):
        create_backup(book, out / "b.zip", cancelled=lambda: True)
    assert [p.name for p in out.iterdir()] == ["b.zip"]
    assert (out / "b.zip").read_bytes() == b"the previous backup"

    progress: list[tuple[int, int]] = []
    create_backup(book, out / "b.zip", progress=lambda d, t: progress.append((d, t)))
    assert [p.name for p in out.iterdir()] == ["b.zip"]
    assert progress[0][0] == 0
    assert progress[-1][0] == progress[-1][1]


def test_a_backup_is_not_written_over_the_data_itself(
        filled: tuple[Casebook, dict[str, int]], data_dir: Path) -> None:
    book, _ids = filled
    before = tree(data_dir)
    with pytest.raises(BackupError):
        create_backup(book, data_dir / "casebook.sqlite3")
    with pytest.raises(BackupError):
        create_backup(book, data_dir / "evidence" / "b.zip")
    assert tree(data_dir) == before
    (data_dir / "backups").mkdir(exist_ok=True)  # made owner-only at every start
    assert create_backup(book, data_dir / "backups" / "b.zip").path.is_file()


def test_a_missing_evidence_file_is_reported_and_the_rest_kept(
        filled: tuple[Casebook, dict[str, int]], tmp_path: Path) -> None:
    book, ids = filled
    gone = book.evidence.list_evidence(ids["second"])[1]
    path = book.evidence.evidence_file(gone.id)
    os.chmod(path, stat.S_IWUSR | stat.S_IRUSR)
    path.unlink()
    result = create_backup(book, tmp_path / "b.zip")
    assert len(result.warnings) == 1
    assert gone.sha256 in result.warnings[0]
    assert manifest_of(result.path)["missing_evidence"] == [gone.sha256]
    restored = restore_backup(result.path, tmp_path / "r").data_dir
    with Casebook.open(restored) as again:
        assert len(again.evidence.list_evidence(ids["second"])) == 3


# ---- replacing a data dir -----------------------------------------------------------------------


def test_a_non_empty_folder_is_replaced_only_when_asked_and_kept_aside(
        filled: tuple[Casebook, dict[str, int]], archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "other"
    with Casebook.open(target) as other:
        other.cases.create_case(CaseFields(title="另一份数据", institution_name="招商银行"))
    before = tree(target)
    with pytest.raises(BackupError, match="not empty"):
        restore_backup(archive, target)
    assert tree(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["other", "data", "sources",
                                                                 "备份.zip"])

    moment = datetime(2024, 11, 1, 9, 30, tzinfo=UTC)
    staged = stage_restore(archive, target, replace=True)
    result = staged.commit(moment)
    assert result.previous == tmp_path / "other.before-restore-20241101T093000Z"
    assert tree(result.previous) == before
    with Casebook.open(target) as restored:
        assert len(restored.cases.list_cases()) == 2


def test_an_empty_folder_is_restored_into(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    result = restore_backup(archive, target)
    assert result.previous is None
    assert (target / "casebook.sqlite3").is_file()


# ---- refusals: nothing written ------------------------------------------------------------------


def _flip_byte_in_member(archive: Path, out: Path, name: str) -> Path:
    """Change one byte of a member's data in the zip file itself (CRC left as it was)."""
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(name)
    header = info.header_offset
    name_len = int.from_bytes(data[header + 26:header + 28], "little")
    extra_len = int.from_bytes(data[header + 28:header + 30], "little")
    start = header + 30 + name_len + extra_len
    data[start + info.compress_size // 2] ^= 0x01
    out.write_bytes(bytes(data))
    return out


def _first_original(content: dict[str, bytes]) -> str:
    return next(n for n in sorted(content) if n.startswith("evidence/")
                and not n.startswith("evidence/derived/"))


def _bad_archives(archive: Path, d: Path) -> dict[str, Path]:
    def change_one_byte(content: dict[str, bytes], _m: dict[str, object]) -> None:
        name = _first_original(content)
        data = bytearray(content[name])
        data[len(data) // 2] ^= 0x01
        content[name] = bytes(data)

    def change_listed_hash(_c: dict[str, bytes], m: dict[str, object]) -> None:
        entries = m["members"]
        assert isinstance(entries, list)
        entries[-1]["sha256"] = "0" * 64

    def change_created_at(_c: dict[str, bytes], m: dict[str, object]) -> None:
        m["created_at"] = "2000-01-01T00:00:00+00:00"

    def add_member(content: dict[str, bytes], _m: dict[str, object]) -> None:
        content["evidence/00/" + "0" * 64 + ".txt"] = b"extra"

    def add_unlisted(content: dict[str, bytes], _m: dict[str, object]) -> None:
        content["notes.json"] = b"{}"

    def remove_member(content: dict[str, bytes], _m: dict[str, object]) -> None:
        del content[_first_original(content)]

    def remove_database(content: dict[str, bytes], _m: dict[str, object]) -> None:
        del content["casebook.sqlite3"]

    def damage_database(content: dict[str, bytes], _m: dict[str, object]) -> None:
        path = d / "damaged.sqlite3"
        path.write_bytes(content["casebook.sqlite3"])
        (page_size,), = query(path, "PRAGMA page_size")
        (root,), = query(path, "SELECT rootpage FROM sqlite_master WHERE name = 'event'")
        path.unlink()
        db = bytearray(content["casebook.sqlite3"])
        start = (root - 1) * page_size
        db[start:start + 8] = b"\x0d\xff\xff\xff\xff\xff\xff\xff"  # a nonsense header
        content["casebook.sqlite3"] = bytes(db)

    def newer_database(content: dict[str, bytes], _m: dict[str, object]) -> None:
        path = d / "newer.sqlite3"
        path.write_bytes(content["casebook.sqlite3"])
        con = sqlite3.connect(path)
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        con.commit()
        con.close()
        content["casebook.sqlite3"] = path.read_bytes()
        path.unlink()

    def drop_evidence_member(content: dict[str, bytes], _m: dict[str, object]) -> None:
        del content[_first_original(content)]  # and the manifest relisted: a row lacks its file

    def no_manifest(content: dict[str, bytes], _m: dict[str, object]) -> None:
        pass

    whole = archive.read_bytes()
    bad = {
        "one byte changed in a member": rewrite(archive, d / "a.zip", change_one_byte),
        "one byte changed in the zip": _flip_byte_in_member(
            archive, d / "b.zip", _first_original(members(archive))),
        "a listed hash edited": rewrite(archive, d / "c.zip", change_listed_hash),
        "the manifest edited": rewrite(archive, d / "d.zip", change_created_at,
                                       fix_comment=False),
        "a member added": rewrite(archive, d / "e.zip", add_member),
        "an unlisted member": rewrite(archive, d / "e2.zip", add_unlisted),
        "a member missing": rewrite(archive, d / "f.zip", remove_member),
        "the database missing": rewrite(archive, d / "g.zip", remove_database, relist=True),
        "the database damaged": rewrite(archive, d / "h.zip", damage_database, relist=True),
        "the database newer": rewrite(archive, d / "i.zip", newer_database, relist=True),
        "an evidence file missing": rewrite(archive, d / "j.zip", drop_evidence_member,
                                            relist=True),
        "truncated to half": d / "k.zip",
        "truncated by 10 bytes": d / "l.zip",
        "not a zip": d / "m.zip",
        "no manifest": d / "n.zip",
    }
    (d / "k.zip").write_bytes(whole[:len(whole) // 2])
    (d / "l.zip").write_bytes(whole[:-10])
    (d / "m.zip").write_bytes(b"PK\x03\x04 not really")
    content = members(archive)
    del content["manifest.json"]
    write_archive(d / "n.zip", content)
    del no_manifest
    return bad


EVIL_NAMES = ["../x", "../../evil.json", "evidence/../../x.json", "/abs", "/etc/passwd",
              "C:\\x", "C:/x.json", "c:x.json", "evidence\\ab\\x.txt", "..\\x.json",
              "evidence/./ab/x", "evidence//x", "backups/x.sqlite3"]


def _evil(archive: Path, d: Path, name: str, n: int) -> Path:
    def add(content: dict[str, bytes], _m: dict[str, object]) -> None:
        content[name] = b"{}"

    return rewrite(archive, d / f"evil{n}.zip", add, relist=True)


def _assert_refused(bad: Path, target: Path, replace: bool = False) -> None:
    parent = target.parent
    before = tree(parent)
    with pytest.raises(BackupRefused):
        verify_archive(bad)
    with pytest.raises(BackupRefused):
        restore_backup(bad, target, replace=replace)
    assert tree(parent) == before


def test_damaged_and_tampered_archives_are_refused_with_nothing_written(
        archive: Path, tmp_path: Path) -> None:
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    restore_parent = tmp_path / "restore"
    restore_parent.mkdir()
    for _what, bad in _bad_archives(archive, bad_dir).items():
        _assert_refused(bad, restore_parent / "new")
        assert not (restore_parent / "new").exists()


def test_the_refusal_says_why(archive: Path, tmp_path: Path) -> None:
    bad = _bad_archives(archive, tmp_path)
    reasons = {}
    for what in ("one byte changed in a member", "the manifest edited", "a member added",
                 "a member missing", "truncated to half", "the database newer"):
        with pytest.raises(BackupRefused) as caught:
            verify_archive(bad[what])
        reasons[what] = str(caught.value)
    assert "has been changed" in reasons["one byte changed in a member"]
    assert "manifest has been changed" in reasons["the manifest edited"]
    assert "does not list" in reasons["a member added"]
    assert "missing" in reasons["a member missing"]
    assert "truncated" in reasons["truncated to half"]
    assert "newer" in reasons["the database newer"]
    assert all("\n" not in r for r in reasons.values())


def test_a_refused_archive_leaves_the_data_dir_it_was_to_replace_as_it_was(
        filled: tuple[Casebook, dict[str, int]], archive: Path, data_dir: Path,
        tmp_path: Path) -> None:
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    for bad in _bad_archives(archive, bad_dir).values():
        _assert_refused(bad, data_dir, replace=True)


@pytest.mark.parametrize("name", EVIL_NAMES)
def test_paths_escaping_the_data_dir_are_refused(archive: Path, tmp_path: Path,
                                                 name: str) -> None:
    evil = _evil(archive, tmp_path, name, EVIL_NAMES.index(name))
    with zipfile.ZipFile(evil) as zf:
        assert name in zf.namelist()  # the name as written, not sanitised by zipfile
    target = tmp_path / "restore" / "new"
    target.parent.mkdir()
    _assert_refused(evil, target)
    assert not (tmp_path / "x").exists()
    assert not (tmp_path / "evil.json").exists()


def test_links_folders_and_duplicates_are_refused(archive: Path, tmp_path: Path) -> None:
    content = members(archive)
    target = tmp_path / "restore" / "new"
    target.parent.mkdir()

    link = zipfile.ZipInfo("settings.json")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    linked = dict(content)
    linked["settings.json"] = b"/etc/passwd"
    manifest = json.loads(content["manifest.json"])
    manifest["members"].append({"path": "settings.json", "size": len(b"/etc/passwd"),
                                "sha256": hashlib.sha256(b"/etc/passwd").hexdigest()})
    linked["manifest.json"] = json.dumps(manifest).encode()
    _assert_refused(write_archive(tmp_path / "link.zip", linked,
                                  infos={"settings.json": link}), target)

    folder = dict(content)
    folder["evidence/"] = b""
    _assert_refused(write_archive(tmp_path / "folder.zip", folder), target)

    dup = tmp_path / "dup.zip"
    write_archive(dup, content)
    first = _first_original(content)
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(dup, "a") as zf:
        zf.writestr(first, b"a second copy")
    _assert_refused(dup, target)


def test_a_restore_into_a_non_empty_folder_is_refused_before_reading(
        archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "full"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    before = tree(tmp_path)
    with pytest.raises(BackupError):
        restore_backup(archive, target)
    with pytest.raises(BackupError):
        restore_backup(tmp_path / "absent.zip", tmp_path / "new")
    assert tree(tmp_path) == before


def test_a_cancelled_restore_leaves_nothing(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "r" / "data"
    target.parent.mkdir()
    calls = {"n": 0}

    def cancelled() -> bool:
        calls["n"] += 1
        return calls["n"] > 12  # after verification, during extraction

    with pytest.raises(BackupCancelled):
        restore_backup(archive, target, cancelled=cancelled)
    assert list(target.parent.iterdir()) == []


# ---- an older database ----------------------------------------------------------------------


def test_an_archive_of_an_older_schema_restores_and_is_migrated(tmp_path: Path) -> None:
    old = make_old_data_dir(tmp_path / "old")
    archive = create_backup(old, tmp_path / "old.zip").path
    assert manifest_of(archive)["schema_revision"] == "0001_initial"
    target = tmp_path / "new"
    result = restore_backup(archive, target)
    assert result.info.schema_revision == "0001_initial"
    with Casebook.open(target) as book:
        assert book.cases.get_case(7).title == "转账失败"
    snapshots = auto_backups(DataPaths(target))
    assert [p.name.endswith("-pre-migration-0001_initial.sqlite3") for p in snapshots] == [True]


# ---- automatic backups ----------------------------------------------------------------------


def test_rolling_backups_keep_the_newest_n(book: Casebook) -> None:
    paths = book.paths
    start = datetime(2024, 11, 1, 9, 0, tzinfo=UTC)
    made = [rolling_backup(paths, "close", keep=3, moment=start + timedelta(minutes=i))
            for i in range(5)]
    assert auto_backups(paths) == made[-3:]
    assert made[0].name == "casebook-20241101T090000.000Z-close.sqlite3"
    assert query(made[-1], "PRAGMA integrity_check") == [("ok",)]
    # two in the same instant do not overwrite each other
    again = rolling_backup(paths, "close", keep=10, moment=start + timedelta(minutes=4))
    assert again != made[-1]
    assert again in auto_backups(paths)
    # other files in the folder are never deleted
    mine = paths.backups / "auto" / "my-copy.sqlite3"
    mine.write_bytes(b"mine")
    rolling_backup(paths, "close", keep=1)
    assert len(auto_backups(paths)) == 1
    assert mine.read_bytes() == b"mine"


def test_the_number_kept_comes_from_the_settings(book: Casebook) -> None:
    assert configured_keep(book.paths) == 7
    book.paths.settings.write_text(json.dumps({"backup_keep": 2}), encoding="utf-8")
    assert configured_keep(book.paths) == 2
    for _ in range(4):
        rolling_backup(book.paths, "close")
    assert len(auto_backups(book.paths)) == 2
    book.paths.settings.write_text(json.dumps({"backup_keep": "many"}), encoding="utf-8")
    assert configured_keep(book.paths) == 7


def test_a_backup_on_close_is_skipped_when_nothing_changed(book: Casebook) -> None:
    first = backup_if_changed(book.paths)
    assert first is not None
    assert backup_if_changed(book.paths) is None
    book.institutions.add_institution("某某小贷公司")
    second = backup_if_changed(book.paths)
    assert second is not None
    assert second != first
    assert backup_if_changed(book.paths) is None
    assert len(auto_backups(book.paths)) == 2


def test_a_migration_takes_a_rolling_backup_first(tmp_path: Path) -> None:
    paths = make_old_data_dir(tmp_path / "old")
    auto = paths.backups / "auto"
    auto.mkdir(parents=True)
    for day in range(1, 10):  # nine older snapshots
        (auto / f"casebook-202401{day:02d}T000000.000Z-close.sqlite3").write_bytes(b"old")
    with Casebook.open(paths.root) as book:
        assert book.cases.get_case(7).title == "转账失败"
    kept = auto_backups(paths)
    assert len(kept) == 7
    newest = kept[-1]
    assert newest.name.endswith("-pre-migration-0001_initial.sqlite3")
    assert query(newest, "SELECT version_num FROM alembic_version") == [("0001_initial",)]
    assert query(newest, 'SELECT title FROM "case"') == [("转账失败",)]
    assert kept[0].name == "casebook-20240104T000000.000Z-close.sqlite3"


def test_an_archive_bomb_is_refused_before_anything_is_inflated(
        archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A small zip whose manifest honestly lists a member of 200 MB of zeros (it packs to
    ~200 KB): refused from the sizes alone, nothing read or written."""
    import desktop_app.backup.archive as archive_module

    content = members(archive)
    first = _first_original(content)
    zeros = bytes(200 << 20)
    bomb = dict(content)
    bomb[first] = zeros
    manifest = json.loads(content["manifest.json"])
    for entry in manifest["members"]:
        if entry["path"] == first:
            entry["size"], entry["sha256"] = len(zeros), hashlib.sha256(zeros).hexdigest()
    bomb["manifest.json"] = json.dumps(manifest).encode()
    evil = write_archive(tmp_path / "bomb.zip", bomb)
    assert evil.stat().st_size < 2_000_000
    inflated: list[str] = []
    real_copy = archive_module.copy_member
    monkeypatch.setattr(archive_module, "copy_member",
                        lambda zf, info, *a, **k: inflated.append(info.filename)
                        or real_copy(zf, info, *a, **k))
    target = tmp_path / "restore" / "new"
    target.parent.mkdir()
    _assert_refused(evil, target)
    with pytest.raises(BackupRefused, match="far more than any real file packs to"):
        verify_archive(evil)
    assert inflated == []


def test_an_archive_larger_than_the_free_space_is_refused_first(
        archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil as shutil_module

    real = shutil_module.disk_usage
    monkeypatch.setattr("desktop_app.backup.archive.shutil.disk_usage",
                        lambda path: real(path)._replace(free=1000))
    with pytest.raises(BackupError, match=r"the backup would need .* but the disk has 0\.0 MB"):
        verify_archive(archive)
