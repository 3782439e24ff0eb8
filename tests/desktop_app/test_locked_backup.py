"""A locked book's backups: the archive, the automatic snapshots, the profile and the settings
hold nothing plain; a backup restores only with its passphrase, into the same locked book."""

from __future__ import annotations

import hashlib
import json
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from backup_samples import make_old_data_dir
from locked_samples import PASSPHRASE, forget_all, locked_cli, make_locked

from desktop_app.backup.archive import (
    COMMENT_PREFIX,
    MANIFEST,
    create_backup,
    is_locked_archive,
    verify_archive,
)
from desktop_app.backup.automatic import auto_backups, configured_keep, rolling_backup
from desktop_app.backup.restore import restore_backup
from desktop_app.crypto.database import encrypt_database
from desktop_app.crypto.keys import unlock
from desktop_app.crypto.stream import decrypt_bytes, encrypt_bytes, encrypt_file
from desktop_app.errors import BackupRefused, WrongPassphrase
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.services.profile import load_profile, update_profile
from desktop_app.store import vault
from desktop_app.store.paths import DataPaths
from desktop_app.store.sealed_files import write_atomically

TITLE = "招商银行信用卡盗刷案"
SUMMARY = "客服承认系统故障"
ID_NUMBER = "110101199003071234"
SECRETS = [TITLE.encode(), SUMMARY.encode(), ID_NUMBER.encode()]


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    forget_all()


_cli = locked_cli


def _ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def _seal_store(folder: Path) -> None:
    """The evidence store as a locked book keeps it: every original sealed (already so once
    the store seals what it imports)."""
    key = unlock(folder, PASSPHRASE)
    for path in (folder / "evidence").rglob("*"):
        inside = path.relative_to(folder / "evidence").parts
        if path.is_file() and inside[0] != "tmp" and not vault.is_sealed(path):
            encrypt_file(path, path, key)


@pytest.fixture
def locked_book(tmp_path: Path) -> tuple[Path, int]:
    """A locked book with a case, an event, an exhibit and a profile with an ID number."""
    folder = tmp_path / "book"
    make_locked(folder)
    case = int(_ok(_cli(folder, "case", "new", "--title", TITLE,
                        "--institution", "招商银行")).strip())
    _ok(_cli(folder, "event", "add", str(case), "--channel", "call", "--at", "2024-11-01 09:30",
             "--summary", SUMMARY))
    receipt = tmp_path / "receipt.txt"
    receipt.write_bytes(b"receipt no. 42\n")
    _ok(_cli(folder, "evidence", "add", str(case), str(receipt), "--no-ocr", "--wait"))
    _ok(_cli(folder, "profile", "set", "--name", "张三", "--id-number", ID_NUMBER))
    _seal_store(folder)
    return folder, case


def _no_secret_in(data: bytes, where: str) -> None:
    for secret in SECRETS:
        assert secret not in data, (where, secret.decode())


def test_a_locked_books_backup_holds_nothing_plain_and_restores_with_its_passphrase(
        locked_book: tuple[Path, int], tmp_path: Path) -> None:
    folder, case = locked_book
    before = _ok(_cli(folder, "case", "show", str(case)))
    archive = tmp_path / "backup.zip"
    _ok(_cli(folder, "backup", "-o", str(archive)))

    _no_secret_in(archive.read_bytes(), "the archive")
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        for name in names:
            _no_secret_in(zf.read(name), name)
        assert zf.read(MANIFEST).startswith(vault.SEALED_MAGIC)
        assert json.loads(zf.read("casebook.key"))["format"] == "casebook-key"
        assert zf.read("profile.json").startswith(vault.SEALED_MAGIC)
        originals = [n for n in names if n.startswith("evidence/") and "derived" not in n]
        assert originals
        assert all(zf.read(n).startswith(vault.SEALED_MAGIC) for n in originals)
    assert is_locked_archive(archive)

    target = tmp_path / "restored"
    _ok(_cli(folder, "restore", str(archive), "--into", str(target)))
    assert (target / "casebook.key").read_bytes() == (folder / "casebook.key").read_bytes()
    assert _ok(_cli(target, "case", "show", str(case))) == before
    assert ID_NUMBER in _ok(_cli(target, "profile", "show", "--json"))
    refused = _cli(target, "case", "show", str(case), passphrase=None)  # locked as before
    assert refused.returncode == 1
    assert "passphrase" in refused.stderr


def test_restoring_it_without_the_passphrase_or_with_a_wrong_one_changes_nothing(
        locked_book: tuple[Path, int], tmp_path: Path) -> None:
    folder, _case = locked_book
    archive = tmp_path / "backup.zip"
    _ok(_cli(folder, "backup", "-o", str(archive)))
    listing = sorted(p.name for p in tmp_path.iterdir())
    target = tmp_path / "restored"
    for passphrase in (None, "not the passphrase"):
        refused = _cli(folder, "restore", str(archive), "--into", str(target),
                       passphrase=passphrase)
        assert refused.returncode == 1
        assert refused.stdout == ""
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert "passphrase" in refused.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == listing
    with pytest.raises(vault.BookLocked):
        verify_archive(archive)
    with pytest.raises(WrongPassphrase):
        verify_archive(archive, passphrase=lambda: "not the passphrase")
    assert verify_archive(archive, passphrase=lambda: PASSPHRASE).locked


def test_a_sealed_exhibit_is_checked_against_its_name_by_its_plain_bytes(
        locked_book: tuple[Path, int], tmp_path: Path) -> None:
    folder, _case = locked_book
    with Casebook.open(folder, lambda: PASSPHRASE) as book:
        archive = create_backup(book, tmp_path / "backup.zip").path
    key = unlock(folder, PASSPHRASE)
    forget_all()
    info = verify_archive(archive, passphrase=lambda: PASSPHRASE)
    assert info.locked
    assert (info.cases, info.evidence_files) == (1, 1)

    # another exhibit's bytes, sealed with the book's key, under the first one's name, and the
    # manifest made to agree: only the plain bytes' hash tells
    with zipfile.ZipFile(archive) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(decrypt_bytes(members[MANIFEST], key))
    original = next(e for e in manifest["members"] if e["path"].startswith("evidence/")
                    and "derived" not in e["path"])
    forged = encrypt_bytes(b"something else entirely\n", key)
    members[original["path"]] = forged
    original.update(size=len(forged), sha256=hashlib.sha256(forged).hexdigest())
    members[MANIFEST] = encrypt_bytes(json.dumps(manifest).encode(), key)
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        zf.comment = COMMENT_PREFIX + hashlib.sha256(members[MANIFEST]).hexdigest().encode()
    with pytest.raises(BackupRefused, match="does not hold the file its name says"):
        verify_archive(evil, passphrase=lambda: PASSPHRASE)
    with pytest.raises(BackupRefused):
        restore_backup(evil, tmp_path / "never", passphrase=lambda: PASSPHRASE)
    assert not (tmp_path / "never").exists()


def test_a_restored_locked_book_opens_in_this_process_and_a_plain_one_forgets_the_key(
        tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    with Casebook.open(folder, lambda: PASSPHRASE) as book:
        case = book.cases.create_case(CaseFields(title=TITLE, institution_name="招商银行"))
        archive = create_backup(book, tmp_path / "locked.zip").path
    forget_all()
    target = tmp_path / "restored"
    result = restore_backup(archive, target, passphrase=lambda: PASSPHRASE)
    assert result.info.locked
    assert result.to_json()["locked"] is True
    assert vault.key_for(target) is not None
    with Casebook.open(target) as book:  # the key is held: no passphrase asked
        assert book.cases.get_case(case.id).title == TITLE

    plain = tmp_path / "plain"
    with Casebook.open(plain) as book:
        book.cases.create_case(CaseFields(title="转账失败", institution_name="建设银行"))
        plain_archive = create_backup(book, tmp_path / "plain.zip").path
    assert not is_locked_archive(plain_archive)
    restore_backup(plain_archive, target, replace=True)
    assert vault.key_for(target) is None  # its files are written plain from now on
    with Casebook.open(target) as book:
        assert [c.title for c in book.cases.list_cases()] == ["转账失败"]


def test_a_locked_books_automatic_backups_and_settings_hold_nothing_plain(
        tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    with Casebook.open(folder, lambda: PASSPHRASE) as book:
        book.cases.create_case(CaseFields(title=TITLE, institution_name="招商银行"))
        paths = book.paths
        write_atomically(paths.settings, json.dumps({"backup_keep": 2}))
        assert vault.is_sealed(paths.settings)
        assert configured_keep(paths) == 2
        made = [rolling_backup(paths, "close") for _ in range(3)]
    kept = auto_backups(paths)
    assert kept == made[1:]
    for snapshot in kept:
        assert vault.is_encrypted_database(snapshot)
        _no_secret_in(snapshot.read_bytes(), snapshot.name)
    forget_all()
    assert configured_keep(DataPaths(folder)) == 7  # unreadable without the key: the default


def test_the_profile_of_a_locked_book_is_sealed(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    vault.remember(folder, make_locked(folder))
    update_profile(folder, name="张三", id_number=ID_NUMBER, address="北京市朝阳区某街1号")
    saved = (folder / "profile.json").read_bytes()
    assert saved.startswith(vault.SEALED_MAGIC)
    _no_secret_in(saved, "profile.json")
    assert "北京市".encode() not in saved
    assert load_profile(folder).id_number == ID_NUMBER
    forget_all()
    with pytest.raises(vault.BookLocked):
        load_profile(folder)


def test_the_snapshot_before_a_locked_books_migration_holds_nothing_plain(tmp_path: Path) -> None:
    paths = make_old_data_dir(tmp_path / "old")
    key = make_locked(paths.root)
    encrypt_database(paths.database, paths.database, key)
    vault.remember(paths.root, key)
    archive = create_backup(paths, tmp_path / "old.zip").path  # the folder, not opened
    forget_all()
    assert auto_backups(paths) == []
    assert "转账失败" in _ok(_cli(paths.root, "case", "show", "7"))  # upgraded on opening
    (snapshot,) = auto_backups(paths)
    assert snapshot.name.endswith("-pre-migration-0001_initial.sqlite3")
    assert vault.is_encrypted_database(snapshot)
    assert "转账失败".encode() not in snapshot.read_bytes()

    # the old backup, restored, is upgraded when opened: its own snapshot is sealed too
    target = tmp_path / "restored"
    _ok(_cli(paths.root, "restore", str(archive), "--into", str(target)))
    assert "转账失败" in _ok(_cli(target, "case", "show", "7"))
    (restored_snapshot,) = auto_backups(DataPaths(target))
    assert vault.is_encrypted_database(restored_snapshot)
    assert "转账失败".encode() not in restored_snapshot.read_bytes()
