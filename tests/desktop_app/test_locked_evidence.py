"""A locked book's evidence: every file the evidence side writes under the data folder is sealed
(the originals, thumbnails, print copies, redacted copies, temp files), and everything that
reads them (hashing, OCR in worker processes, email parsing, redaction, verify) reads the plain
bytes through the vault. Driven through the CLI with CASEBOOK_PASSPHRASE, as a person would."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from evidence_samples import gbk_email, image_bytes, write
from locked_samples import PASSPHRASE, forget_all, make_locked
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from screenshot_samples import draw

from desktop_app.crypto.keys import unlock
from desktop_app.evidence.file_store import EvidenceStore
from desktop_app.evidence.pdf_redaction import RENDER_DPI
from desktop_app.store import vault
from desktop_app.store.paths import DataPaths
from desktop_app.store.sealed_files import write_atomically
from desktop_app.workers import spawn_pool

pytestmark = pytest.mark.slow

COMPLAINT_NO = "TS2024112300123"
SECRET = "6222021234567890"
PREFIX = 4096  # no file of the book holds the first 4 KB of any original


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    forget_all()


def _cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CASEBOOK_PASSPHRASE"}
    env["CASEBOOK_PASSPHRASE"] = PASSPHRASE
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(folder),
                           *args], capture_output=True, text=True, timeout=600, check=False,
                          env=env, stdin=subprocess.DEVNULL)


def _ok(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = _cli(folder, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def _statement(path: Path) -> Path:
    """A one-page PDF with its own text: a card number near its top."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 24)
    c.drawString(100, 700, f"ACCOUNT {SECRET}")
    c.drawString(100, 120, "KEEP THIS LINE")
    c.showPage()
    c.save()
    return path


def _receipt(path: Path) -> Path:
    return draw(path, [((60, 200), "中国建设银行 客户服务", 44),
                       ((60, 320), "您的投诉已受理", 44),
                       ((60, 440), f"投诉编号：{COMPLAINT_NO}", 44)])


@dataclass
class Locked:
    folder: Path
    originals: dict[str, bytes] = field(default_factory=dict)  # name: bytes given
    exhibits: list[dict[str, object]] = field(default_factory=list)
    redacted: dict[str, str] = field(default_factory=dict)  # name: redacted copy's SHA-256
    verify: str = ""


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Locked:
    """A locked book with a screenshot read by OCR, four more images (their renditions made
    in worker processes), an email with attachments and a PDF, two exhibits redacted."""
    tmp = tmp_path_factory.mktemp("locked")
    folder = tmp / "book"
    make_locked(folder)
    book = Locked(folder)
    files = tmp / "files"
    files.mkdir()
    receipt = _receipt(files / "Screenshot_20241123-101530.png")
    shots = [write(files / f"shot{i}.png",
                   image_bytes("PNG", (1080, 2340), text=f"screen {i} 6222 0212 3456 789{i}"))
             for i in range(4)]
    mail = write(files / "reply.eml", gbk_email())
    statement = _statement(files / "statement.pdf")
    for path in (receipt, *shots, mail, statement):
        book.originals[path.name] = path.read_bytes()
    book.originals["转账截图.png"] = image_bytes("PNG", (300, 500), "white", text="screenshot")

    case = _ok(folder, "case", "new", "--title", "建行转账金额错误",
               "--institution", "建设银行").stdout.strip()
    read = json.loads(_ok(folder, "evidence", "add", case, str(receipt), "--wait",
                          "--json").stdout)
    assert COMPLAINT_NO in (read[0]["text"] or "")
    _ok(folder, "evidence", "add", case, *map(str, shots), "--wait", "--no-ocr")
    _ok(folder, "evidence", "add", case, str(mail), "--wait", "--no-ocr")
    _ok(folder, "evidence", "add", case, str(statement), "--wait")
    book.exhibits = json.loads(_ok(folder, "evidence", "list", case, "--json").stdout)
    by_name = {e["original_name"]: e for e in book.exhibits}
    scale = RENDER_DPI / 72
    pdf_box = (f"1:{int(90 * scale)},{int((A4[1] - 730) * scale)},"
               f"{int(460 * scale)},{int(45 * scale)}")
    for name, box in ((receipt.name, "40,420,1000,90"), (statement.name, pdf_box)):
        done = json.loads(_ok(folder, "evidence", "redact", str(by_name[name]["id"]),
                              "--box", box, "--json").stdout)
        book.redacted[name] = done["sha256"]
    book.verify = _ok(folder, "verify").stdout
    return book


def _remember(folder: Path) -> None:
    vault.remember(folder, unlock(folder, PASSPHRASE))


def _files(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _dirs, names in os.walk(folder) for name in names]


def test_no_file_under_the_data_folder_holds_the_start_of_any_original(locked: Locked) -> None:
    files = _files(locked.folder)
    assert len(files) > len(locked.originals)
    for path in files:
        data = path.read_bytes()
        for name, original in locked.originals.items():
            assert original[:PREFIX] not in data, (name, path)
    assert b"ACCOUNT" not in b"".join(p.read_bytes() for p in files)


def test_every_row_is_the_sha256_of_a_sealed_file_s_plain_bytes(locked: Locked) -> None:
    given = {hashlib.sha256(data).hexdigest() for data in locked.originals.values()}
    rows = {str(e["sha256"]) for e in locked.exhibits}
    assert given <= rows  # the email's PDF attachment too
    store = EvidenceStore(DataPaths(locked.folder).evidence)
    _remember(locked.folder)
    for exhibit in locked.exhibits:
        path = store.locate(str(exhibit["sha256"]), str(exhibit["mime"]))
        assert path is not None
        assert vault.is_sealed(path)
        plain = vault.read_bytes(path)
        assert hashlib.sha256(plain).hexdigest() == exhibit["sha256"]
        assert len(plain) == exhibit["size"] == vault.plain_size(path)


def test_thumbnails_and_print_copies_are_made_and_sealed(locked: Locked) -> None:
    store = EvidenceStore(DataPaths(locked.folder).evidence)
    images = [e for e in locked.exhibits if str(e["mime"]).startswith("image/")]
    assert len(images) == 6  # the screenshot, four shots, the email's picture
    _remember(locked.folder)
    for exhibit in images:
        assert exhibit["preview"], exhibit
        sha = str(exhibit["sha256"])
        for path in (store.thumbnail_path(sha), store.rendition_path(sha)):
            assert vault.is_sealed(path), path
            assert vault.read_bytes(path)[:3] == b"\xff\xd8\xff"  # a JPEG inside


def test_the_email_was_parsed_into_an_entry_with_its_attachments(locked: Locked) -> None:
    mail = next(e for e in locked.exhibits if e["original_name"] == "reply.eml")
    assert mail["event_id"] is not None
    names = {e["original_name"] for e in locked.exhibits if e["event_id"] == mail["event_id"]}
    assert names == {"reply.eml", "对账单2024年3月.pdf", "转账截图.png"}


def test_ocr_text_of_a_screenshot_is_found_by_search(locked: Locked) -> None:
    hits = json.loads(_ok(locked.folder, "search", "2411230", "--json").stdout)
    assert [(h["kind"], h["exhibit"], h["in_picture"]) for h in hits] == [
        ("evidence", "E1", True)]
    statement = next(e for e in locked.exhibits if e["original_name"] == "statement.pdf")
    assert SECRET in str(statement["text"])  # the PDF's own text, read by a worker


def test_redacted_copies_are_sealed_and_hashed_plain(locked: Locked) -> None:
    store = EvidenceStore(DataPaths(locked.folder).evidence)
    _remember(locked.folder)
    for name, suffix in (("Screenshot_20241123-101530.png", ".png"), ("statement.pdf", ".pdf")):
        sha = locked.redacted[name]
        path = store.redacted_path(sha, suffix)
        assert vault.is_sealed(path)
        plain = vault.read_bytes(path)
        assert hashlib.sha256(plain).hexdigest() == sha
        assert plain.startswith(b"\x89PNG" if suffix == ".png" else b"%PDF")
        assert SECRET.encode() not in plain


def test_verify_reads_the_sealed_files_and_finds_them_intact(locked: Locked) -> None:
    assert locked.verify.strip().endswith(": all intact"), locked.verify
    assert "Verified 9 evidence files" in locked.verify


def test_verify_names_a_sealed_exhibit_that_was_changed(locked: Locked, tmp_path: Path) -> None:
    store = EvidenceStore(DataPaths(locked.folder).evidence)
    shot = next(e for e in locked.exhibits if e["original_name"] == "shot0.png")
    path = store.locate(str(shot["sha256"]), "image/png")
    assert path is not None
    sealed = bytearray(path.read_bytes())
    os.chmod(path, 0o600)
    try:
        damaged = bytearray(sealed)
        damaged[200] ^= 1
        path.write_bytes(bytes(damaged))
        result = _cli(locked.folder, "verify")
        assert result.returncode == 1
        assert "shot0.png" in result.stdout
        assert "SHA-256" in result.stdout
    finally:
        path.write_bytes(bytes(sealed))
        os.chmod(path, 0o400)


def _read_in_worker(path: str) -> bytes:
    return vault.read_bytes(Path(path))


def test_a_worker_gets_the_key_through_its_pool_not_from_disk(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    _remember(folder)
    (folder / "evidence").mkdir()
    sealed = write_atomically(folder / "evidence" / "note.txt", b"plain words")
    assert vault.is_sealed(sealed)
    with spawn_pool(1) as pool:
        assert pool.submit(_read_in_worker, str(sealed)).result() == b"plain words"
    # no key given: the worker cannot read it
    with spawn_pool(1, keys={}) as pool, pytest.raises(vault.BookLocked):
        pool.submit(_read_in_worker, str(sealed)).result()


def test_renditions_made_in_worker_processes_are_sealed(tmp_path: Path) -> None:
    """The pool's workers read the sealed originals and write sealed JPEGs themselves (no
    making them afresh in this process)."""
    from desktop_app.evidence.renditions import make_many

    folder = tmp_path / "book"
    make_locked(folder)
    _remember(folder)
    store = EvidenceStore(DataPaths(folder).evidence)
    stored = [store.put_bytes(image_bytes("PNG", text=f"picture {i}")) for i in range(4)]
    assert all(vault.is_sealed(s.path) for s in stored)
    jobs = [store.derive_args(s.sha256, s.mime) for s in stored]
    make_many([job for job in jobs if job is not None], 2)
    for s in stored:
        assert store.has_preview(s.sha256)
        assert vault.is_sealed(store.thumbnail_path(s.sha256))
        assert vault.is_sealed(store.rendition_path(s.sha256))
    assert list(store.temp_dir.iterdir()) == []  # nothing left behind


def test_a_damaged_sealed_copy_is_repaired_by_the_same_bytes_added_again(
        tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    _remember(folder)
    store = EvidenceStore(DataPaths(folder).evidence)
    data = image_bytes("PNG", text="the same bytes twice")
    first = store.put_bytes(data)
    assert store.put_bytes(data).created is False  # in the store already: plain sizes, hashes
    sealed = bytearray(first.path.read_bytes())
    sealed[-5] ^= 1  # the last chunk fails its check
    os.chmod(first.path, 0o600)
    first.path.write_bytes(bytes(sealed))
    again = store.put_bytes(data)
    assert again.repaired
    assert vault.is_sealed(again.path)
    assert vault.read_bytes(again.path) == data
    assert again.size == len(data) == vault.plain_size(again.path)


def test_a_file_of_many_chunks_is_stored_sealed_and_named_by_its_plain_sha256(
        tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    _remember(folder)
    store = EvidenceStore(DataPaths(folder).evidence)
    data = os.urandom(3 * (1 << 20) + 12345)  # several of the import's and the seal's chunks
    source = write(tmp_path / "recording.bin", data)
    stored = store.put_file(source)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data) == vault.plain_size(stored.path)
    assert stored.path.stat().st_size > len(data)  # sealed: a header and a tag per chunk
    assert vault.read_bytes(stored.path) == data
    assert store.put_file(source).created is False
