"""What a hostile tester tried (issue 12), scripted on fresh data folders: links are never
followed into evidence, and the store trusts no size alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from cli_run import CLI
from raw_sqlite import query

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")

SECRET = b"-----BEGIN OPENSSH PRIVATE KEY-----\nnot for a regulator\n"


@pytest.fixture
def case_id(data_dir: Path) -> int:
    with Casebook.open(data_dir) as book:
        return book.cases.create_case(CaseFields(title="建行扣款争议",
                                                 institution_name="中国建设银行")).id


@pytest.fixture
def downloads(tmp_path: Path) -> Path:
    """A downloads folder with two screenshots, a link to a private key and a link to a folder
    of private things."""
    secrets = tmp_path / "home" / ".ssh"
    secrets.mkdir(parents=True)
    (secrets / "id_rsa").write_bytes(SECRET)
    folder = tmp_path / "Downloads"
    folder.mkdir()
    (folder / "转账截图.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"1" * 64)
    (folder / "短信.txt").write_text("您的投诉已受理，编号 T2024110300123", encoding="utf-8")
    (folder / "key").symlink_to(secrets / "id_rsa")
    (folder / "ssh").symlink_to(secrets, target_is_directory=True)
    return folder


def stored_bytes(data_dir: Path) -> list[bytes]:
    store = data_dir / "evidence"
    return [p.read_bytes() for p in store.rglob("*")
            if p.is_file() and not {"tmp", "derived"} & set(p.relative_to(store).parts)]


def test_links_inside_a_folder_are_named_and_not_followed(
        cli: CLI, data_dir: Path, case_id: int, downloads: Path) -> None:
    run = cli("evidence", "add", str(case_id), str(downloads))
    assert run.code == 1  # something was refused: said, and the rest went in
    lines = run.err.splitlines()
    assert sorted(lines) == sorted([
        f"casebook: {downloads / 'key'}: it is a link; add the file it points to directly if "
        "you mean it",
        f"casebook: {downloads / 'ssh'}: it is a link; add the file it points to directly if "
        "you mean it"])
    names = [line.split(" ", 3)[3] for line in run.out.splitlines()]
    assert sorted(names) == ["短信.txt", "转账截图.png"]
    assert SECRET not in stored_bytes(data_dir)


def test_a_link_given_directly_is_not_followed(
        cli: CLI, data_dir: Path, case_id: int, downloads: Path) -> None:
    run = cli("evidence", "add", str(case_id), str(downloads / "key"),
              str(downloads / "短信.txt"))
    assert run.code == 1
    assert run.err == (f"casebook: {downloads / 'key'}: it is a link; add the file it points "
                       "to directly if you mean it\n")
    assert run.out.endswith("短信.txt\n")
    assert SECRET not in stored_bytes(data_dir)
    # the file it points to, given directly, is what the person means: it goes in
    run = cli("evidence", "add", str(case_id), str(downloads.parent / "home" / ".ssh" / "id_rsa"))
    assert run.code == 0, run.err
    assert SECRET in stored_bytes(data_dir)


def test_a_damaged_copy_of_the_same_size_is_repaired_by_the_good_bytes(
        cli: CLI, data_dir: Path, case_id: int, tmp_path: Path) -> None:
    statement = tmp_path / "流水.txt"
    good = "2024-11-02 扣款 11,520.00 元\n".encode() * 40
    statement.write_bytes(good)
    first = cli("evidence", "add", str(case_id), str(statement))
    assert first.code == 0, first.err
    store = data_dir / "evidence"
    (stored,) = [p for p in store.rglob("*.txt") if "tmp" not in p.relative_to(store).parts]
    os.chmod(stored, stat.S_IRUSR | stat.S_IWUSR)
    damaged = bytearray(good)
    damaged[10:14] = b"9999"  # the same size, other bytes
    stored.write_bytes(bytes(damaged))
    assert cli("verify").code != 0  # verify sees it

    again = cli("evidence", "add", str(case_id), str(statement))
    assert again.code == 0, again.err
    assert "already in this case as E1" in again.err
    assert "the stored copy of these bytes was damaged; it was repaired from this file" in (
        again.err)
    assert stored.read_bytes() == good
    assert not os.stat(stored).st_mode & stat.S_IWUSR  # read-only again
    assert cli("verify").code == 0
    actions = query(data_dir / "casebook.sqlite3",
                    "SELECT action, entity FROM audit_entry ORDER BY id")
    assert actions[-1] == ("repair", "store")

    # a good copy is not rewritten: adding the same file again changes nothing on disk
    before = os.stat(stored).st_mtime_ns
    assert "repaired" not in cli("evidence", "add", str(case_id), str(statement)).err
    assert os.stat(stored).st_mtime_ns == before


def test_a_full_disk_in_the_middle_of_an_import_says_what_was_kept(
        cli: CLI, data_dir: Path, case_id: int, tmp_path: Path) -> None:
    """The database refuses the 10th exhibit as a full disk would (SQLite's own words, raised
    by a trigger): the 9 before it are kept and listed, the failing one and the rest are
    named in two lines, and nothing is half-written."""
    import sqlite3

    folder = tmp_path / "screens"
    folder.mkdir()
    for n in range(20):
        (folder / f"{n:02}.txt").write_text(f"截图 {n}", encoding="utf-8")
    con = sqlite3.connect(data_dir / "casebook.sqlite3")
    with con:
        con.execute("CREATE TRIGGER full BEFORE INSERT ON evidence "
                    "WHEN (SELECT count(*) FROM evidence) >= 9 "
                    "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    con.close()
    run = cli("evidence", "add", str(case_id), str(folder))
    assert run.code == 1
    kept = [line.split(" ", 3)[3] for line in run.out.splitlines()]
    assert kept == [f"{n:02}.txt" for n in range(9)]
    assert run.err.splitlines() == [
        f"casebook: {folder / '09.txt'}: the change was not saved: database or disk is full",
        "casebook: 10 more files not imported: the import stopped there; the files listed "
        "were kept"]
    assert "Traceback" not in run.err
    listed = cli("evidence", "list", str(case_id)).ok().splitlines()
    assert len(listed) == 9
    assert cli("verify").code == 0


def test_a_huge_picture_goes_in_without_pillows_warning(data_dir: Path, case_id: int,
                                                         tmp_path: Path) -> None:
    """A 13000×13000 PNG (Pillow warns past 89 million pixels): imported as a separate process
    would be, stderr says nothing of Pillow."""
    import subprocess
    import sys

    from PIL import Image

    huge = tmp_path / "huge.png"
    Image.new("1", (13000, 13000)).save(huge, optimize=True)
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir),
                           "evidence", "add", str(case_id), str(huge)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert "DecompressionBomb" not in done.stderr, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("huge.png")
