"""The evidence store and services with real files: images of several formats, a photo with
EXIF orientation, a truncated PNG, refused paths, folders, duplicates, names in Chinese and with
emoji, a file of several hundred MB hashed in bounded memory, exhibit numbers, remove/restore."""

from __future__ import annotations

import dataclasses
import io
import os
import stat
import struct
import sys
import tracemalloc
import zipfile
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from evidence_samples import (
    CASE,
    docx_bytes,
    exif_jpeg,
    image_bytes,
    pdf_bytes,
    sha256,
    truncated_png,
    write,
    xlsx_bytes,
)
from ole_samples import compound_file_bytes
from PIL import Image
from pypdf import PdfReader
from raw_sqlite import query

import desktop_app.services.evidence_import as services
from desktop_app.dossier import build_dossier
from desktop_app.errors import Invalid, NotFound
from desktop_app.evidence import file_store
from desktop_app.evidence.drops import files_in_folder
from desktop_app.evidence.file_store import EvidenceStore
from desktop_app.evidence.sniffing import sniff_mime
from desktop_app.records import EventFields, EvidenceRecord
from desktop_app.services.book import Casebook
from desktop_app.services.evidence import UNSET
from desktop_app.timeutil import parse_time


@pytest.fixture
def case_id(book: Casebook) -> int:
    return book.cases.create_case(CASE).id


def evidence_rows(db: Path) -> int:
    return int(query(db, "SELECT count(*) FROM evidence")[0][0])


def audit(db: Path, since: int = 0) -> list[tuple[Any, ...]]:
    return query(db, "SELECT action, entity, entity_id FROM audit_entry WHERE id > ? ORDER BY id",
                 (since,))


def last_audit_id(db: Path) -> int:
    return int(query(db, "SELECT max(id) FROM audit_entry")[0][0])


def stored_files(data_dir: Path) -> list[Path]:
    """The originals in the store (not derived files, not temp files)."""
    root = data_dir / "evidence"
    return sorted(p for p in root.glob("??/*") if p.is_file())


def an_event(book: Casebook, case_id: int, summary: str = "电话投诉") -> int:
    return book.timeline.add_event(case_id, EventFields(at=parse_time("2024-03-01 10:00"),
                                               channel="call", summary=summary)).id


# ---- images: kept exactly, typed by content, previewed ------------------------------------


@pytest.mark.parametrize(
    ("fmt", "mime", "ext", "save"),
    [
        ("JPEG", "image/jpeg", ".jpg", {"quality": 85}),
        ("PNG", "image/png", ".png", {}),
        ("WEBP", "image/webp", ".webp", {"quality": 80}),
        ("GIF", "image/gif", ".gif", {}),
        ("TIFF", "image/tiff", ".tif", {}),
        ("BMP", "image/bmp", ".bmp", {}),
    ],
)
def test_an_image_is_kept_byte_for_byte_typed_by_content_and_previewed(
        book: Casebook, case_id: int, tmp_path: Path, data_dir: Path,
        fmt: str, mime: str, ext: str, save: dict[str, Any]) -> None:
    data = image_bytes(fmt, (1200, 2600), text=fmt, **save)
    source = write(tmp_path / "in" / f"screenshot.{fmt.lower()}", data)

    outcome = book.imports.import_file(case_id, source)

    assert outcome.error is None
    assert not outcome.duplicate
    record = outcome.record
    assert record is not None
    assert (record.mime, record.size, record.sha256) == (mime, len(data), sha256(data))
    assert (record.exhibit_no, record.exhibit) == (1, "E1")
    assert record.original_name == f"screenshot.{fmt.lower()}"
    assert (record.preview, record.note) == (True, "")
    stored = book.evidence.evidence_file(record.id)
    assert stored == data_dir / "evidence" / record.sha256[:2] / f"{record.sha256}{ext}"
    assert stored.read_bytes() == data
    assert not os.access(stored, os.W_OK) or os.geteuid() == 0  # originals are read-only
    assert not stat.S_IMODE(stored.stat().st_mode) & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)

    thumbnail = book.evidence.thumbnail_file(record.id)
    rendition = book.evidence.rendition_file(record.id)
    assert thumbnail is not None
    assert rendition is not None
    assert thumbnail.parent.parent == data_dir / "evidence" / "derived"
    with Image.open(thumbnail) as thumb:
        assert thumb.format == "JPEG"
        assert max(thumb.size) == 320
    with Image.open(rendition) as printed:
        assert printed.format == "JPEG"
        assert printed.mode == "RGB"
        assert max(printed.size) == 1600
        assert abs(printed.size[0] / printed.size[1] - 1200 / 2600) < 0.01
    assert stored.read_bytes() == data  # deriving never touched the original
    assert list((data_dir / "evidence" / "tmp").iterdir()) == []


def test_a_small_image_gets_a_rendition_at_its_own_size(book: Casebook, case_id: int,
                                                        tmp_path: Path) -> None:
    source = write(tmp_path / "small.png", image_bytes("PNG", (300, 200)))
    record = book.imports.import_file(case_id, source).record
    assert record is not None
    rendition = book.evidence.rendition_file(record.id)
    assert rendition is not None
    with Image.open(rendition) as im:
        assert im.size == (300, 200)


def test_the_type_comes_from_the_content_not_the_name(book: Casebook, case_id: int,
                                                      tmp_path: Path) -> None:
    png_named_jpg = write(tmp_path / "photo.jpg", image_bytes("PNG"))
    pdf_named_txt = write(tmp_path / "statement.txt", pdf_bytes())
    no_extension = write(tmp_path / "README", "普通文本，GBK 编码".encode("gbk"))

    outcomes = book.imports.import_paths(case_id, [png_named_jpg, pdf_named_txt, no_extension])

    records = [o.record for o in outcomes]
    assert [r.mime for r in records if r] == ["image/png", "application/pdf", "text/plain"]
    assert [book.evidence.evidence_file(r.id).suffix for r in records if r] == [".png", ".pdf",
                                                                                ".txt"]
    assert [r.original_name for r in records if r] == ["photo.jpg", "statement.txt", "README"]


FILES = Path(__file__).parent / "files"


def red(pixel: tuple[int, ...]) -> bool:
    return pixel[0] > 180 and pixel[1] < 80 and pixel[2] < 80


def test_an_iphone_heic_photo_is_previewed_upright_and_dated(book: Casebook, case_id: int,
                                                             tmp_path: Path) -> None:
    """HEIC, the iPhone camera's format (made with pillow-heif: 400×300, a red square at the
    top left; IMG_0001.HEIC is the same picture stored turned, with the rotation iPhones
    write, so it shows 300×400 with the square at the top right)."""
    upright = write(tmp_path / "银行回函.heic", (FILES / "upright.heic").read_bytes())
    turned = write(tmp_path / "IMG_0001.HEIC", (FILES / "IMG_0001.HEIC").read_bytes())
    records = [o.record for o in book.imports.import_paths(case_id, [upright, turned])]
    assert all(r is not None for r in records)
    for record, size, corner in ((records[0], (400, 300), (10, 10)),
                                 (records[1], (300, 400), (290, 10))):
        assert record is not None
        assert (record.mime, record.preview, record.note) == ("image/heic", True, "")
        assert record.captured_at == datetime(2024, 11, 1, 12, 14, 2, tzinfo=UTC)  # +08:00
        assert book.evidence.evidence_file(record.id).suffix == ".heic"
        rendition = book.evidence.rendition_file(record.id)
        assert rendition is not None
        with Image.open(rendition) as im:
            assert im.format == "JPEG"
            assert im.size == size  # turned once, as the phone shows it: not twice
            assert red(im.convert("RGB").getpixel(corner))
        assert book.evidence.thumbnail_file(record.id) is not None


def test_a_heic_exhibit_is_printed_in_the_dossier(book: Casebook, case_id: int,
                                                  tmp_path: Path) -> None:
    source = write(tmp_path / "IMG_0001.HEIC", (FILES / "IMG_0001.HEIC").read_bytes())
    record = book.imports.import_file(case_id, source).record
    assert record is not None
    done = build_dossier(book, case_id, tmp_path / "with-rendition.pdf")
    # an exhibit imported before HEIC could be previewed has no rendition: the original is
    # printed then
    rendition = book.evidence.rendition_file(record.id)
    assert rendition is not None
    rendition.unlink()
    assert book.evidence.rendition_file(record.id) is None
    from_original = build_dossier(book, case_id, tmp_path / "from-original.pdf")
    for result in (done, from_original):
        assert not [w for w in result.warnings if "could not be shown" in w], result.warnings
        images = [image for page in PdfReader(result.path).pages for image in page.images]
        assert len(images) == 1
        with Image.open(io.BytesIO(images[0].data)) as shown:
            assert shown.size == (300, 400)


def test_a_phone_photo_is_rotated_for_print_and_dated_by_exif(book: Casebook, case_id: int,
                                                              tmp_path: Path) -> None:
    data = exif_jpeg((400, 200), orientation=6, taken="2024:03:01 10:15:30")
    source = write(tmp_path / "IMG_0001.JPG", data)
    os.utime(source, (0, 0))  # the file's own time must not win over EXIF

    record = book.imports.import_file(case_id, source).record

    assert record is not None
    # no offset in EXIF: the camera's wall clock, in the user's zone (Asia/Shanghai in tests)
    assert record.captured_at == datetime(2024, 3, 1, 2, 15, 30, tzinfo=UTC)
    assert record.to_json()["captured_at"] == "2024-03-01T10:15:30+08:00"
    # the original is not rotated
    assert book.evidence.evidence_file(record.id).read_bytes() == data
    rendition = book.evidence.rendition_file(record.id)
    thumbnail = book.evidence.thumbnail_file(record.id)
    assert rendition is not None
    assert thumbnail is not None
    with Image.open(rendition) as im:
        assert im.size == (200, 400)  # width and height swapped: upright
        assert im.getexif().get(0x0112) is None  # no orientation left to apply twice
        # the blue corner (top left as stored) is top right once turned 90° clockwise
        assert im.getpixel((190, 10))[2] > 200
        assert im.getpixel((10, 10))[0] > 200
    with Image.open(thumbnail) as im:
        assert im.size[0] < im.size[1]


def test_an_exif_offset_is_used_when_the_camera_wrote_one(book: Casebook, case_id: int,
                                                          tmp_path: Path) -> None:
    source = write(tmp_path / "london.jpg",
                   exif_jpeg(taken="2024:03:01 10:15:30", offset="+00:00", orientation=1))
    record = book.imports.import_file(case_id, source).record
    assert record is not None
    assert record.captured_at == datetime(2024, 3, 1, 10, 15, 30, tzinfo=UTC)


def test_without_exif_the_capture_time_is_the_files_time(book: Casebook, case_id: int,
                                                         tmp_path: Path) -> None:
    source = write(tmp_path / "statement.pdf", pdf_bytes())
    moment = datetime(2024, 2, 29, 8, 0, tzinfo=UTC).timestamp()
    os.utime(source, (moment, moment))
    record = book.imports.import_file(case_id, source).record
    assert record is not None
    assert record.captured_at == datetime(2024, 2, 29, 8, 0, tzinfo=UTC)
    assert record.imported_at > record.captured_at
    assert (record.preview, record.note) == (False, "")
    assert book.evidence.thumbnail_file(record.id) is None
    assert book.evidence.rendition_file(record.id) is None


def test_a_transparent_png_is_printed_over_white(book: Casebook, case_id: int,
                                                 tmp_path: Path) -> None:
    source = write(tmp_path / "t.png", image_bytes("PNG", (100, 100), color=(0, 0, 0, 0),
                                                   mode="RGBA"))
    record = book.imports.import_file(case_id, source).record
    assert record is not None
    rendition = book.evidence.rendition_file(record.id)
    assert rendition is not None
    with Image.open(rendition) as im:
        assert min(im.getpixel((90, 90))) > 240


def test_a_truncated_png_is_kept_without_a_preview(book: Casebook, case_id: int,
                                                   tmp_path: Path) -> None:
    data = truncated_png()
    source = write(tmp_path / "cut.png", data)

    outcome = book.imports.import_file(case_id, source)

    assert outcome.error is None
    record = outcome.record
    assert record is not None
    assert record.mime == "image/png"
    assert record.preview is False
    assert record.note.startswith("no preview")
    assert "cannot be decoded" in record.note
    assert book.evidence.evidence_file(record.id).read_bytes() == data
    assert book.evidence.thumbnail_file(record.id) is None
    assert book.evidence.rendition_file(record.id) is None
    # asking again changes nothing
    assert book.evidence.make_derivatives(record.id) == record


def test_a_damaged_heic_is_kept_and_says_so(book: Casebook, case_id: int,
                                            tmp_path: Path) -> None:
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + os.urandom(2000)
    record = book.imports.import_file(case_id, write(tmp_path / "IMG_1234.HEIC", heic)).record
    assert record is not None
    assert record.mime == "image/heic"
    assert book.evidence.evidence_file(record.id).suffix == ".heic"
    assert book.evidence.evidence_file(record.id).read_bytes() == heic
    assert record.preview is False
    assert record.note == "no preview: the image cannot be decoded"


# ---- refused files ------------------------------------------------------------------------


def test_missing_empty_and_folder_paths_are_refused_with_a_reason(
        book: Casebook, case_id: int, tmp_path: Path, db_path: Path) -> None:
    empty = write(tmp_path / "empty.png", b"")
    folder = tmp_path / "a folder"
    folder.mkdir()
    before = last_audit_id(db_path)

    assert book.imports.import_file(case_id, tmp_path / "nope.png").error == "no such file"
    assert book.imports.import_file(case_id, empty).error == "the file is empty"
    assert book.imports.import_file(case_id, folder).error == "it is a folder, not a file"
    for outcome in (book.imports.import_file(case_id, empty), book.imports.import_file(case_id,
                                                                                       folder)):
        assert outcome.record is None
        assert outcome.duplicate is False
    assert evidence_rows(db_path) == 0
    assert last_audit_id(db_path) == before


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (not root)")
def test_an_unreadable_file_is_refused(book: Casebook, case_id: int, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.png", image_bytes("PNG"))
    secret.chmod(0)
    try:
        outcome = book.imports.import_file(case_id, secret)
    finally:
        secret.chmod(0o600)
    assert outcome.error is not None
    assert outcome.error.startswith("the file cannot be read")


@pytest.mark.parametrize("failure", ["open", "read"])
def test_a_read_error_refuses_the_file(book: Casebook, case_id: int, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    source = write(tmp_path / "a.png", image_bytes("PNG"))

    class FailingReader:
        def __enter__(self) -> FailingReader:
            return self

        def __exit__(self, *exc: object) -> None:
            pass

        def readinto(self, buffer: bytearray) -> int:
            raise OSError(5, "Input/output error")

    real_open = file_store.open_source

    def fake_open(path: Any) -> Any:
        if Path(path) == source:
            if failure == "open":
                raise PermissionError(13, "Permission denied", str(path))
            return FailingReader()
        return real_open(path)

    monkeypatch.setattr(file_store, "open_source", fake_open)
    outcome = book.imports.import_file(case_id, source)
    reason = "Permission denied" if failure == "open" else "Input/output error"
    assert outcome.error == f"the file cannot be read: {reason}"
    assert book.evidence.list_evidence(case_id) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_not_a_regular_file(book: Casebook, case_id: int, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    outcome = book.imports.import_file(case_id, pipe)  # must not block waiting for a writer
    assert outcome.error == "it is not a regular file (a device, pipe or socket)"


def test_one_bad_file_in_a_drop_refuses_that_one_and_keeps_the_others(
        book: Casebook, case_id: int, tmp_path: Path, db_path: Path) -> None:
    good = [write(tmp_path / f"shot{i}.png", image_bytes("PNG", text=str(i))) for i in range(3)]
    empty = write(tmp_path / "zero.jpg", b"")
    missing = tmp_path / "gone.pdf"

    outcomes = book.imports.import_paths(case_id, [good[0], empty, good[1], missing, good[2]])

    assert [o.source for o in outcomes] == [str(p) for p in
                                            (good[0], empty, good[1], missing, good[2])]
    assert [o.error for o in outcomes] == [None, "the file is empty", None, "no such file", None]
    assert [o.record.exhibit for o in outcomes if o.record] == ["E1", "E2", "E3"]
    assert evidence_rows(db_path) == 3
    # each file its own transaction and audit entry
    assert [a[:2] for a in audit(db_path)[-3:]] == [("import", "evidence")] * 3


# ---- folders ---------------------------------------------------------------------------------


def test_a_folder_imports_the_files_inside_sorted_without_system_litter(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    drop = tmp_path / "截图"
    write(drop / "b.png", image_bytes("PNG", text="b"))
    write(drop / "a.pdf", pdf_bytes())
    write(drop / "sub" / "c.txt", "电话记录".encode())
    write(drop / "A2.txt", b"second")
    write(drop / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(drop / "Thumbs.db", b"\xd0\xcf\x11\xe0")
    write(drop / "desktop.ini", b"[.ShellClassInfo]")
    write(drop / ".hidden.png", image_bytes("PNG", text="hidden"))
    write(drop / "__MACOSX" / "._b.png", b"\x00\x05\x16\x07")
    write(drop / ".git" / "config", b"[core]")
    seen: list[tuple[int, int]] = []

    outcomes = book.imports.import_paths(case_id, [drop], progress=lambda d, t: seen.append((d, t)))

    names = [o.record.original_name for o in outcomes if o.record]
    assert names == ["a.pdf", "A2.txt", "b.png", "c.txt"]
    assert [o.record.exhibit for o in outcomes if o.record] == ["E1", "E2", "E3", "E4"]
    assert all(o.error is None for o in outcomes)
    assert seen == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert files_in_folder(drop)[-1] == drop / "sub" / "c.txt"


def test_an_empty_folder_says_so(book: Casebook, case_id: int, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path / "empty" / ".DS_Store", b"x")
    (outcome,) = book.imports.import_paths(case_id, [tmp_path / "empty"])
    assert outcome.error == "the folder has no files to import"


def test_files_and_folders_mixed_in_one_drop(book: Casebook, case_id: int,
                                             tmp_path: Path) -> None:
    write(tmp_path / "dir" / "x.txt", b"x")
    single = write(tmp_path / "y.txt", b"y")
    outcomes = book.imports.import_paths(case_id, [single, tmp_path / "dir"])
    assert [o.record.original_name for o in outcomes if o.record] == ["y.txt", "x.txt"]


# ---- duplicates ------------------------------------------------------------------------------


def test_the_same_bytes_under_two_names_are_stored_once(
        book: Casebook, case_id: int, tmp_path: Path, data_dir: Path, db_path: Path) -> None:
    data = image_bytes("PNG", text="same")
    first = write(tmp_path / "IMG_1.png", data)
    second = write(tmp_path / "copy of IMG_1.png", data)

    one = book.imports.import_file(case_id, first)
    before = last_audit_id(db_path)
    two = book.imports.import_file(case_id, second)

    assert one.record is not None
    assert two.duplicate is True
    assert two.error is None
    assert two.record == one.record  # the existing evidence
    assert evidence_rows(db_path) == 1
    assert last_audit_id(db_path) == before  # nothing written
    assert stored_files(data_dir) == [book.evidence.evidence_file(one.record.id)]

    other_case = book.cases.create_case(dataclasses.replace(CASE, title="另一案"))
    three = book.imports.import_file(other_case.id, second)
    assert three.duplicate is False
    assert three.record is not None
    assert three.record.exhibit == "E1"
    assert three.record.original_name == "copy of IMG_1.png"
    assert (book.evidence.evidence_file(three.record.id)
            == book.evidence.evidence_file(one.record.id))
    assert len(stored_files(data_dir)) == 1
    assert evidence_rows(db_path) == 2


def test_duplicates_inside_one_drop(book: Casebook, case_id: int, tmp_path: Path) -> None:
    data = pdf_bytes("dup")
    a, b = write(tmp_path / "a.pdf", data), write(tmp_path / "b.pdf", data)
    first, second = book.imports.import_paths(case_id, [a, b])
    assert (first.duplicate, second.duplicate) == (False, True)
    assert first.record == second.record


# ---- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["对账单 2024年3月.pdf", "截图😡🙏.png", "客服录音（95533）.m4a",
                                  "ﾃｽﾄ café.txt"])
def test_names_in_chinese_and_with_emoji_are_kept(book: Casebook, case_id: int, tmp_path: Path,
                                                  name: str) -> None:
    data = {".pdf": pdf_bytes(name), ".png": image_bytes("PNG", text="x"),
            ".m4a": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom" + os.urandom(500),
            ".txt": name.encode()}[Path(name).suffix]
    record = book.imports.import_file(case_id, write(tmp_path / name, data)).record
    assert record is not None
    assert record.original_name == name
    assert book.evidence.get_evidence(record.id).original_name == name
    assert book.evidence.list_evidence(case_id)[0].to_json()["original_name"] == name


def test_a_name_in_decomposed_unicode_is_stored_composed(book: Casebook, case_id: int,
                                                         tmp_path: Path) -> None:
    decomposed = "cafe\u0301.txt"  # how macOS spells café
    record = book.imports.import_file(case_id, write(tmp_path / decomposed, b"x")).record
    assert record is not None
    assert record.original_name == "caf\u00e9.txt"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
def test_a_gbk_encoded_file_name_is_read_as_chinese(book: Casebook, case_id: int,
                                                    tmp_path: Path) -> None:
    # a zip made on Chinese Windows, unpacked on Linux: the names are GBK bytes
    folder = tmp_path / "unzipped"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/" + "交易明细.txt".encode("gbk")
    with open(raw, "wb") as fh:
        fh.write(b"details")
    (outcome,) = book.imports.import_paths(case_id, [folder])
    assert outcome.record is not None
    assert outcome.record.original_name == "交易明细.txt"


# ---- a big file --------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_file_of_hundreds_of_mb_is_hashed_and_copied_in_bounded_memory(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    size = 300 * 1024 * 1024
    big = tmp_path / "通话录音.wav"
    pattern = bytes(range(256)) * 4096  # 1 MiB, written in chunks: never all in memory
    expected = __import__("hashlib").sha256()
    with open(big, "wb") as fh:
        fh.write(b"RIFF\x00\x00\x00\x00WAVEfmt ")
        expected.update(b"RIFF\x00\x00\x00\x00WAVEfmt ")
        written = 16
        while written < size:
            chunk = pattern[: min(len(pattern), size - written)]
            fh.write(chunk)
            expected.update(chunk)
            written += len(chunk)

    tracemalloc.start()
    try:
        outcome = book.imports.import_file(case_id, big)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert outcome.error is None
    record = outcome.record
    assert record is not None
    assert (record.size, record.mime) == (size, "audio/wav")
    assert record.sha256 == expected.hexdigest()
    assert book.evidence.evidence_file(record.id).stat().st_size == size
    assert peak < 20 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"


# ---- exhibit numbers, remove and restore ---------------------------------------------------


def test_exhibit_numbers_are_stable_and_never_reused(book: Casebook, case_id: int,
                                                     tmp_path: Path) -> None:
    files = [write(tmp_path / f"{i}.txt", f"file {i}".encode()) for i in range(5)]
    records = [book.imports.import_file(case_id, f).record for f in files[:3]]
    assert [r.exhibit for r in records if r] == ["E1", "E2", "E3"]

    assert records[2] is not None
    book.evidence.remove_evidence(records[2].id)  # the last one: its number is still used up
    fourth = book.imports.import_file(case_id, files[3]).record
    assert fourth is not None
    assert fourth.exhibit == "E4"
    assert records[0] is not None
    book.evidence.update_evidence(records[0].id, caption="首页")
    assert [r.exhibit for r in book.evidence.list_evidence(case_id)] == ["E1", "E2", "E4"]

    # numbering is per case
    other = book.cases.create_case(dataclasses.replace(CASE, title="另一案"))
    elsewhere = book.imports.import_file(other.id, files[4]).record
    assert elsewhere is not None
    assert elsewhere.exhibit == "E1"


def test_remove_keeps_the_file_and_restore_brings_back_the_same_exhibit(
        book: Casebook, case_id: int, tmp_path: Path, db_path: Path) -> None:
    event_id = an_event(book, case_id)
    source = write(tmp_path / "proof.png", image_bytes("PNG"))
    record = book.imports.import_file(case_id, source, event_id=event_id, caption="转账失败页面",
                              proves="证明扣款成功但显示失败").record
    assert record is not None
    path = book.evidence.evidence_file(record.id)

    removed = book.evidence.remove_evidence(record.id)

    assert removed == record
    with pytest.raises(NotFound):
        book.evidence.get_evidence(record.id)
    assert book.evidence.list_evidence(case_id) == []
    assert path.exists()  # the file stays on disk
    assert audit(db_path)[-1] == ("remove", "evidence", record.id)

    restored = book.evidence.restore_evidence(removed)

    assert restored == record
    assert book.evidence.list_evidence(case_id) == [record]
    assert audit(db_path)[-1] == ("restore", "evidence", record.id)
    with pytest.raises(Invalid, match="exists already"):
        book.evidence.restore_evidence(removed)


def test_restore_refuses_when_the_same_bytes_came_back_meanwhile(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    source = write(tmp_path / "a.txt", b"content")
    record = book.imports.import_file(case_id, source).record
    assert record is not None
    book.evidence.remove_evidence(record.id)
    again = book.imports.import_file(case_id, source).record
    assert again is not None
    assert again.exhibit == "E2"
    with pytest.raises(Invalid, match="already as E2"):
        book.evidence.restore_evidence(record)


def test_restore_after_its_entry_was_deleted_leaves_it_on_no_entry(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    event_id = an_event(book, case_id)
    record = book.imports.import_file(case_id, write(tmp_path / "a.txt", b"a"),
                                      event_id=event_id).record
    assert record is not None
    book.evidence.remove_evidence(record.id)
    book.timeline.delete_event(event_id)
    assert book.evidence.restore_evidence(record).event_id is None


# ---- editing -----------------------------------------------------------------------------------


def test_update_caption_proves_and_entry(book: Casebook, case_id: int, tmp_path: Path,
                                         db_path: Path) -> None:
    first, second = an_event(book, case_id, "第一次"), an_event(book, case_id, "第二次")
    record = book.imports.import_file(case_id, write(tmp_path / "a.png", image_bytes("PNG"))).record
    assert record is not None
    assert record.event_id is None

    changed = book.evidence.update_evidence(record.id, caption="  转账页面 ", proves="证明扣款")
    assert (changed.caption, changed.proves, changed.event_id) == ("转账页面", "证明扣款", None)
    assert audit(db_path)[-1] == ("update", "evidence", record.id)

    linked = book.evidence.update_evidence(record.id, event_id=first)
    assert linked.event_id == first
    assert linked.caption == "转账页面"
    assert book.timeline.get_event(first).evidence_ids == (record.id,)
    moved = book.evidence.update_evidence(record.id, event_id=second, caption="新说明")
    assert (moved.event_id, moved.caption) == (second, "新说明")
    kept = book.evidence.update_evidence(record.id, event_id=UNSET, proves="新目的")
    assert (kept.event_id, kept.proves) == (second, "新目的")
    unlinked = book.evidence.update_evidence(record.id, event_id=None)
    assert unlinked.event_id is None

    before = last_audit_id(db_path)
    assert book.evidence.update_evidence(record.id,
                                         caption="新说明") == unlinked  # no change, no write
    assert last_audit_id(db_path) == before


def test_update_refuses_an_entry_of_another_case_or_none_at_all(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    other = book.cases.create_case(dataclasses.replace(CASE, title="另一案"))
    foreign = an_event(book, other.id)
    record = book.imports.import_file(case_id, write(tmp_path / "a.txt", b"a")).record
    assert record is not None
    with pytest.raises(Invalid, match="belongs to another case"):
        book.evidence.update_evidence(record.id, event_id=foreign)
    with pytest.raises(NotFound, match="no event"):
        book.evidence.update_evidence(record.id, event_id=9999)
    with pytest.raises(NotFound, match="no evidence"):
        book.evidence.update_evidence(9999, caption="x")
    assert book.evidence.get_evidence(record.id) == record


def test_import_into_an_unknown_case_or_entry_raises_and_stores_nothing(
        book: Casebook, case_id: int, tmp_path: Path, data_dir: Path) -> None:
    other = book.cases.create_case(dataclasses.replace(CASE, title="另一案"))
    foreign = an_event(book, other.id)
    source = write(tmp_path / "a.txt", b"a")
    with pytest.raises(NotFound, match="no case"):
        book.imports.import_file(999, source)
    with pytest.raises(NotFound, match="no event"):
        book.imports.import_paths(case_id, [source], event_id=999)
    with pytest.raises(Invalid, match="another case"):
        book.imports.import_bytes(case_id, b"x", "x.txt", event_id=foreign)
    with pytest.raises(NotFound):
        book.evidence.list_evidence(999)
    assert stored_files(data_dir) == []


def test_import_onto_an_entry(book: Casebook, case_id: int, tmp_path: Path) -> None:
    event_id = an_event(book, case_id)
    outcomes = book.imports.import_paths(case_id, [write(tmp_path / "a.txt", b"a"),
                                           write(tmp_path / "b.txt", b"b")],
                                 event_id=event_id, caption="录音说明", proves="证明承诺")
    assert [(o.record.event_id, o.record.caption, o.record.proves) for o in outcomes
            if o.record] == [(event_id, "录音说明", "证明承诺")] * 2
    assert book.timeline.get_event(event_id).evidence_ids == tuple(o.record.id for o in outcomes
                                                          if o.record)


# ---- pasted screenshots ------------------------------------------------------------------------


def test_a_pasted_screenshot_is_imported_from_bytes(book: Casebook, case_id: int) -> None:
    data = image_bytes("PNG", (1080, 2340), text="paste")
    outcome = book.imports.import_bytes(case_id, data, "截图 2024-03-01 10.00.png", caption="粘贴")
    record = outcome.record
    assert record is not None
    assert (record.original_name, record.mime, record.caption) == (
        "截图 2024-03-01 10.00.png", "image/png", "粘贴")
    assert record.preview is True
    assert record.captured_at is None  # unknown: not the paste time
    assert book.evidence.evidence_file(record.id).read_bytes() == data
    assert book.imports.import_bytes(case_id, data, "again.png").duplicate is True
    assert book.imports.import_bytes(case_id, b"", "empty.png").error == "the file is empty"
    unnamed = book.imports.import_bytes(case_id, image_bytes("PNG", text="2"), "  ").record
    assert unnamed is not None
    assert unnamed.original_name == "pasted.png"


# ---- derivatives ------------------------------------------------------------------------------


def test_derivatives_can_be_made_later_and_making_them_is_idempotent(
        book: Casebook, case_id: int, tmp_path: Path, db_path: Path) -> None:
    source = write(tmp_path / "a.jpg", image_bytes("JPEG", (2000, 1000)))
    record = book.imports.import_file(case_id, source, derive=False).record
    assert record is not None
    assert record.preview is False
    assert book.evidence.thumbnail_file(record.id) is None

    derived = book.evidence.make_derivatives(record.id)

    assert derived.preview is True
    assert book.evidence.thumbnail_file(record.id) is not None
    assert audit(db_path)[-1] == ("derive", "evidence", record.id)
    before = last_audit_id(db_path)
    assert book.evidence.make_derivatives(record.id) == derived
    assert last_audit_id(db_path) == before


def test_derivatives_are_made_in_worker_processes_for_a_batch(
        book: Casebook, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [write(tmp_path / "shots" / f"Screenshot_{i:02}.png",
                   image_bytes("PNG", (1080, 2340), text=f"screen {i}")) for i in range(6)]
    files.append(write(tmp_path / "shots" / "broken.png", truncated_png()))

    pools: list[int] = []
    real_pool = services.spawn_pool

    def counting_pool(workers: int) -> Any:
        pools.append(workers)
        return real_pool(workers)

    monkeypatch.setattr(services, "spawn_pool", counting_pool)

    outcomes = book.imports.import_paths(case_id, [tmp_path / "shots"], workers=2)

    assert pools == [2]

    records = [o.record for o in outcomes if o.record]
    assert [r.original_name for r in records] == sorted((f.name for f in files),
                                                       key=lambda n: (n.casefold(), n))
    assert all(r.preview for r in records if r.original_name != "broken.png")
    (broken,) = [r for r in records if r.original_name == "broken.png"]
    assert (broken.preview, broken.note) == (False, "no preview: the image cannot be decoded")
    for r in records:
        if r.preview:
            rendition = book.evidence.rendition_file(r.id)
            assert rendition is not None
            with Image.open(rendition) as im:
                assert im.size == (738, 1600)


def test_cancel_stops_before_the_next_file(book: Casebook, case_id: int, tmp_path: Path,
                                           db_path: Path) -> None:
    files = [write(tmp_path / f"{i}.txt", f"{i}".encode()) for i in range(6)]
    done: list[int] = []

    outcomes = book.imports.import_paths(case_id, files, progress=lambda d, t: done.append(d),
                                 cancelled=lambda: len(done) >= 2)

    assert len(outcomes) == 2
    assert evidence_rows(db_path) == 2
    assert [r.original_name for r in book.evidence.list_evidence(case_id)] == ["0.txt", "1.txt"]


def test_cancel_with_worker_processes_keeps_what_was_done(book: Casebook, case_id: int,
                                                          tmp_path: Path, db_path: Path) -> None:
    files = [write(tmp_path / f"{i}.png", image_bytes("PNG", (800, 1600), text=str(i)))
             for i in range(8)]
    done: list[int] = []
    outcomes = book.imports.import_paths(case_id, files, progress=lambda d, t: done.append(d),
                                 cancelled=lambda: len(done) >= 3, workers=2)
    assert len(outcomes) == 3
    assert evidence_rows(db_path) == 3
    assert all(o.record and o.record.preview for o in outcomes)


# ---- the case as a whole --------------------------------------------------------------------


def test_case_json_lists_the_evidence(book: Casebook, case_id: int, tmp_path: Path) -> None:
    event_id = an_event(book, case_id)
    record = book.imports.import_file(case_id, write(tmp_path / "对账单.pdf", pdf_bytes()),
                              event_id=event_id, proves="证明扣款").record
    assert record is not None

    (shown,) = book.cases.case_json(case_id)["evidence"]

    assert shown == {**record.to_json(), "text": None, "facts": [],
                     "redacted_sha256": None}  # a PDF not read yet
    assert set(shown) == {"id", "case_id", "exhibit", "exhibit_no", "sha256", "size", "mime",
                          "original_name", "captured_at", "imported_at", "caption", "proves",
                          "event_id", "note", "preview", "captured_source", "text", "facts",
                          "redacted_sha256"}
    assert (shown["exhibit"], shown["mime"], shown["event_id"], shown["proves"]) == (
        "E1", "application/pdf", event_id, "证明扣款")
    assert shown["imported_at"].endswith("+08:00")


def test_deleting_a_case_and_restoring_it_brings_its_evidence_back(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    event_id = an_event(book, case_id)
    for i in range(3):
        book.imports.import_file(case_id, write(tmp_path / f"{i}.txt", f"{i}".encode()),
                         event_id=event_id if i == 1 else None)
    book.evidence.remove_evidence(book.evidence.list_evidence(case_id)[-1].id)  # E3 used up
    shown = book.cases.case_json(case_id)

    snapshot = book.cases.delete_case(case_id)
    assert len(snapshot.evidence) == 2
    book.cases.restore_case(snapshot)

    assert book.cases.case_json(case_id) == shown
    later = book.imports.import_file(case_id, write(tmp_path / "later.txt", b"later")).record
    assert later is not None
    assert later.exhibit == "E4"


def test_deleting_an_entry_unlinks_its_evidence_and_undo_links_it_again(
        book: Casebook, case_id: int, tmp_path: Path) -> None:
    event_id = an_event(book, case_id)
    record = book.imports.import_file(case_id, write(tmp_path / "a.txt", b"a"),
                                      event_id=event_id).record
    assert record is not None

    deleted = book.timeline.delete_event(event_id)
    assert deleted.evidence_ids == (record.id,)
    assert book.evidence.get_evidence(record.id).event_id is None  # kept, on no entry

    book.timeline.restore_event(deleted)
    assert book.evidence.get_evidence(record.id).event_id == event_id


def test_every_evidence_write_appends_one_audit_entry(book: Casebook, case_id: int,
                                                      tmp_path: Path, db_path: Path) -> None:
    before = last_audit_id(db_path)
    record = book.imports.import_file(case_id, write(tmp_path / "a.jpg", image_bytes("JPEG")),
                              derive=False).record
    assert record is not None
    book.evidence.make_derivatives(record.id)
    book.evidence.update_evidence(record.id, caption="c")
    removed = book.evidence.remove_evidence(record.id)
    book.evidence.restore_evidence(removed)

    assert audit(db_path, before) == [("import", "evidence", record.id),
                                      ("derive", "evidence", record.id),
                                      ("update", "evidence", record.id),
                                      ("remove", "evidence", record.id),
                                      ("restore", "evidence", record.id)]
    assert book.verify_audit() == []


def test_the_record_round_trips_through_json(book: Casebook, case_id: int,
                                             tmp_path: Path) -> None:
    record = book.imports.import_file(case_id, write(tmp_path / "a.txt", b"a")).record
    assert isinstance(record, EvidenceRecord)
    data = record.to_json()
    assert data["exhibit"] == "E1"
    assert data["exhibit_no"] == 1
    assert data["preview"] is False


# ---- the store on its own ----------------------------------------------------------------


def test_the_store_writes_each_content_once_and_leaves_no_temp_files(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path / "evidence")
    first = store.put_bytes(b"hello")
    second = store.put_file(write(tmp_path / "x.txt", b"hello"))
    assert first.created is True
    assert second.created is False
    assert first.path == second.path == store.path_for(sha256(b"hello"), "text/plain")
    assert list(store.temp_dir.iterdir()) == []
    assert store.locate(first.sha256, "application/octet-stream") == first.path


@pytest.mark.parametrize(
    ("head", "mime"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "image/heic"),
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", "image/avif"),
        (b"BM\x00\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00", "image/bmp"),
        (b"II*\x00\x08\x00\x00\x00", "image/tiff"),
        (b"MM\x00*\x00\x00\x00\x08", "image/tiff"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"ID3\x04\x00\x00\x00\x00", "audio/mpeg"),
        (b"\xff\xfb\x90\x64\x00", "audio/mpeg"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom", "audio/mp4"),
        (b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41", "video/mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ", "video/quicktime"),
        (b"\x00\x00\x00\x18ftyp3gp4\x00\x00\x00\x003gp4", "video/3gpp"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "audio/wav"),
        (b"#!AMR\n\x3c", "audio/amr"),
        (b"OggS\x00\x02", "audio/ogg"),
        (b"From: a@b.c\r\nSubject: hi\r\nDate: Fri, 1 Mar 2024 10:00:00 +0800\r\n\r\nbody",
         "message/rfc822"),
        (b"Received: from x\r\n\tby y\r\nFrom: a@b.c\r\nTo: d@e.f\r\n\r\n", "message/rfc822"),
        ("投诉记录：3月1日致电95533".encode(), "text/plain"),
        ("投诉记录：3月1日致电95533".encode("gbk"), "text/plain"),
        ("\ufeff记录".encode("utf-16"), "text/plain"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "text/html"),
        (b"Note: only one header-like line\n\nand text", "text/plain"),
        (b"\x00\x01\x02\x03binary\xff\xfe", "application/octet-stream"),
    ],
)
def test_sniffing_magic_bytes(head: bytes, mime: str) -> None:
    assert sniff_mime(head) == mime


def test_sniffing_zip_based_documents() -> None:
    docx, xlsx = docx_bytes(), xlsx_bytes()
    assert sniff_mime(docx[:64], docx) == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert sniff_mime(xlsx[:64], xlsx) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("photos/1.jpg", b"x")
    assert sniff_mime(buf.getvalue()[:64], buf.getvalue()) == "application/zip"


# A real .xls (written by xlwt: 交易明细, three rows of a statement)
REAL_XLS = Path(__file__).parent / "files" / "交易明细.xls"
MSG_ROOT = ["__nameid_version1.0", "__properties_version1.0", "__substg1.0_0037001F",
            ("__attach_version1.0_#00000000", ["__properties_version1.0", "__substg1.0_37010102",
                                               ("__substg1.0_3701000D", ["WordDocument"])])]


@pytest.mark.parametrize(("root", "mime"), [
    (["\x01CompObj", "\x05SummaryInformation", "1Table", "WordDocument"], "application/msword"),
    # an Excel sheet embedded in a Word document does not make it a workbook, nor the reverse
    (["WordDocument", "1Table", ("ObjectPool", [("_1234", ["Workbook", "\x01Ole"])])],
     "application/msword"),
    (["Workbook", ("MBD0001", ["WordDocument", "1Table"])], "application/vnd.ms-excel"),
    (["Book"], "application/vnd.ms-excel"),  # Excel 5.0/95
    (["PowerPoint Document", "Current User", "Pictures"], "application/vnd.ms-powerpoint"),
    (MSG_ROOT, "application/vnd.ms-outlook"),  # an Outlook message, a Word file attached
    (["Contents", "Data"], "application/octet-stream"),  # some other compound file
])
def test_sniffing_old_office_files(root: list[str], mime: str) -> None:
    data = compound_file_bytes(root)
    assert sniff_mime(data[:64], data) == mime


def test_sniffing_a_real_xls_file() -> None:
    data = REAL_XLS.read_bytes()
    assert sniff_mime(data[:64], REAL_XLS) == "application/vnd.ms-excel"
    assert sniff_mime(data[:64], data) == "application/vnd.ms-excel"


def test_sniffing_an_old_office_file_whose_directory_is_far_in() -> None:
    """Past the first 13,952 sectors (~7 MB) the FAT's own list continues outside the header."""
    data = compound_file_bytes(["Workbook"], directory_at=20_000)
    assert len(data) > 10_000_000
    assert sniff_mime(data[:64], data) == "application/vnd.ms-excel"


def test_a_damaged_compound_file_is_kept_as_unknown_without_hanging() -> None:
    good = compound_file_bytes(["WordDocument"])
    assert sniff_mime(good[:64], good) == "application/msword"
    cases = {"truncated": good[:1000], "header only": good[:512]}
    looped = bytearray(good)  # the directory's FAT entry points back at itself
    struct.pack_into("<I", looped, 512 + 4 * 1, 1)
    cases["directory chain loops"] = bytes(looped)
    sibling = bytearray(good)  # the root's child is its own right sibling
    struct.pack_into("<I", sibling, 1024 + 128 + 72, 1)
    cases["siblings loop"] = bytes(sibling)
    shift = bytearray(good)
    struct.pack_into("<H", shift, 0x1E, 30)
    cases["absurd sector size"] = bytes(shift)
    for name, data in cases.items():
        assert sniff_mime(data[:64], data) == "application/octet-stream", name


def test_a_compound_file_whose_directory_is_deeper_than_the_stack_is_kept_as_unknown() -> None:
    """3,000 streams in one chain of right siblings: read without a traceback (as unknown)."""
    data = compound_file_bytes([f"stream{i}" for i in range(3000)] + ["WordDocument"])
    assert sniff_mime(data[:64], data) == "application/octet-stream"


def test_old_office_files_are_stored_with_their_extension(book: Casebook, case_id: int,
                                                          tmp_path: Path) -> None:
    """So "Open" hands a bank's .xls statement to Excel or WPS, not a nameless .bin."""
    outcomes = book.imports.import_paths(case_id, [
        write(tmp_path / "交易明细.xls", REAL_XLS.read_bytes()),
        write(tmp_path / "申诉书.doc", compound_file_bytes(["WordDocument", "1Table"])),
        write(tmp_path / "回复邮件.msg", compound_file_bytes(MSG_ROOT))])
    records = [o.record for o in outcomes]
    assert all(r is not None for r in records)
    assert [book.evidence.evidence_file(r.id).suffix for r in records if r] == [".xls", ".doc",
                                                                                ".msg"]
    assert [r.mime for r in records if r] == [
        "application/vnd.ms-excel", "application/msword", "application/vnd.ms-outlook"]
    assert [r.original_name for r in records if r] == ["交易明细.xls", "申诉书.doc", "回复邮件.msg"]


def test_docx_and_xlsx_files_are_stored_with_their_extension(book: Casebook, case_id: int,
                                                             tmp_path: Path) -> None:
    outcomes = book.imports.import_paths(case_id, [write(tmp_path / "申诉书", docx_bytes()),
                                           write(tmp_path / "流水.zip", xlsx_bytes())])
    assert [book.evidence.evidence_file(o.record.id).suffix for o in outcomes if o.record] == [
        ".docx", ".xlsx"]


def test_temp_files_left_by_a_killed_import_are_cleared(tmp_path: Path) -> None:
    store = EvidenceStore(tmp_path / "evidence")
    store.temp_dir.mkdir(parents=True)
    old = write(store.temp_dir / "import-old.part", b"half a recording")
    os.utime(old, (0, 0))
    fresh = write(store.temp_dir / "import-now.part", b"being written")
    assert store.remove_stale_temp_files() == 1
    assert not old.exists()
    assert fresh.exists()


def test_worker_processes_are_started_only_for_several_images_known_by_content(
        book: Casebook, case_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []
    real_pool = services.spawn_pool
    monkeypatch.setattr(services, "spawn_pool",
                        lambda workers: pools.append(workers) or real_pool(workers))
    # WeChat saves images without an extension
    wechat = [write(tmp_path / "wechat" / f"mmexport{i}", image_bytes("JPEG", text=str(i)))
              for i in range(4)]
    documents = [write(tmp_path / "docs" / f"{i}.png", pdf_bytes(str(i))) for i in range(6)]

    book.imports.import_paths(case_id, [tmp_path / "docs"], workers=2)
    assert pools == []  # named .png, but no images inside
    outcomes = book.imports.import_paths(case_id, wechat, workers=2)
    assert pools == [2]
    assert all(o.record and o.record.preview and o.record.mime == "image/jpeg"
               for o in outcomes)
    assert len(documents) == 6


def test_two_imports_of_the_same_bytes_at_once_make_one_exhibit(
        book: Casebook, case_id: int, tmp_path: Path, db_path: Path, data_dir: Path) -> None:
    data = image_bytes("PNG", (1500, 1500), text="race")
    sources = [write(tmp_path / f"{i}.png", data) for i in range(4)]
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(lambda p: book.imports.import_file(case_id, p), sources))
    assert sorted(o.duplicate for o in outcomes) == [False, True, True, True]
    assert len({o.record.id for o in outcomes if o.record}) == 1
    assert evidence_rows(db_path) == 1
    assert len(stored_files(data_dir)) == 1
