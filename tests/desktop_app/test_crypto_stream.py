"""Files sealed in chunks (desktop_app.crypto.stream): real files in a temp dir, read back by
Pillow and pypdf, damaged on purpose."""

from __future__ import annotations

import hashlib
import io
import os
import random
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader, PdfWriter

from desktop_app.crypto.stream import (
    DEFAULT_CHUNK_SIZE,
    HEADER_SIZE,
    MAGIC,
    SealingWriter,
    decrypt_bytes,
    decrypt_file,
    decrypt_to,
    encrypt_bytes,
    encrypt_file,
    is_encrypted,
    open_plain,
    plain_size,
)
from desktop_app.errors import EncryptedFileDamaged, LockError

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
SMALL = 64  # chunk size for the boundary tests: many chunks from a few hundred bytes
TAG = 16


def noise(size: int, seed: int = 0) -> bytes:
    return random.Random(seed * 1_000_003 + size).randbytes(size)


def sealed_chunk(index: int, chunk_size: int = SMALL) -> slice:
    start = HEADER_SIZE + index * (chunk_size + TAG)
    return slice(start, start + chunk_size + TAG)


# ---- round trips --------------------------------------------------------------------------

BOUNDARY_SIZES = [0, 1, SMALL - 1, SMALL, SMALL + 1, 2 * SMALL, 2 * SMALL + 1, 5 * SMALL - 1]


@settings(max_examples=80, deadline=None)
@given(size=st.one_of(st.sampled_from(BOUNDARY_SIZES), st.integers(0, 6 * SMALL)),
       seed=st.integers(0, 2**16))
def test_any_size_round_trips_in_memory(size: int, seed: int) -> None:
    plain = noise(size, seed)
    blob = encrypt_bytes(plain, KEY, chunk_size=SMALL)
    chunks = max(1, -(-size // SMALL))
    assert len(blob) == HEADER_SIZE + size + chunks * TAG
    assert decrypt_bytes(blob, KEY) == plain


@settings(max_examples=40, deadline=None)
@given(size=st.one_of(st.sampled_from(BOUNDARY_SIZES), st.integers(0, 6 * SMALL)),
       cuts=st.lists(st.integers(0, 6 * SMALL), max_size=8))
def test_any_way_of_writing_it_round_trips_through_a_file(size: int, cuts: list[int]) -> None:
    """Writes of any sizes (empty ones, ones spanning chunks) give the same plain bytes, its
    SHA-256, and a file :func:`open_plain` and :func:`decrypt_to` read back."""
    plain = noise(size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sealed"
        with open(path, "wb") as sink, SealingWriter(sink, KEY, chunk_size=SMALL) as writer:
            start = 0
            for cut in [*sorted(c for c in cuts if c <= size), size]:
                writer.write(plain[start:cut])
                start = max(start, cut)
        assert writer.digest is not None
        assert writer.digest.sha256 == hashlib.sha256(plain).hexdigest()
        assert writer.digest.size == size
        assert plain_size(path) == size
        with open_plain(path, KEY) as reader:
            assert reader.read() == plain
        out = io.BytesIO()
        assert decrypt_to(path, out, KEY).sha256 == writer.digest.sha256
        assert out.getvalue() == plain


@pytest.mark.parametrize("size", [0, 1, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_SIZE + 1,
                                  3 * DEFAULT_CHUNK_SIZE + 17])
def test_files_round_trip_at_the_default_chunk_size(tmp_path: Path, size: int) -> None:
    src, sealed, back = tmp_path / "plain.bin", tmp_path / "sealed.bin", tmp_path / "back.bin"
    plain = noise(size)
    src.write_bytes(plain)
    digest = encrypt_file(src, sealed, KEY)
    assert digest.sha256 == hashlib.sha256(plain).hexdigest()  # the evidence store's address
    assert digest.size == size
    assert is_encrypted(sealed)
    assert not is_encrypted(src)
    assert plain_size(sealed) == size
    assert decrypt_file(sealed, back, KEY) == digest
    assert back.read_bytes() == plain
    assert sorted(p.name for p in tmp_path.iterdir()) == ["back.bin", "plain.bin", "sealed.bin"]


def test_the_sealed_bytes_show_nothing_of_the_plain_ones(tmp_path: Path) -> None:
    plain = ("身份证号 110101199003071234 投诉招商银行 " * 5000).encode("utf-8")
    first = encrypt_bytes(plain, KEY)
    assert b"110101199003071234" not in first
    assert "招商银行".encode() not in first
    assert encrypt_bytes(plain, KEY) != first  # a new salt and nonce prefix every time


def test_a_file_is_sealed_in_place(tmp_path: Path) -> None:
    path = tmp_path / "evidence.png"
    plain = noise(200_000)
    path.write_bytes(plain)
    encrypt_file(path, path, KEY)
    assert is_encrypted(path)
    decrypt_file(path, path, KEY)
    assert path.read_bytes() == plain
    assert [p.name for p in tmp_path.iterdir()] == ["evidence.png"]


def test_is_encrypted_reads_only_the_magic(tmp_path: Path) -> None:
    (tmp_path / "short").write_bytes(MAGIC[:3])
    (tmp_path / "empty").write_bytes(b"")
    (tmp_path / "magic").write_bytes(MAGIC)
    assert not is_encrypted(tmp_path / "short")
    assert not is_encrypted(tmp_path / "empty")
    assert is_encrypted(tmp_path / "magic")


# ---- reading like a file --------------------------------------------------------------------


def test_the_plain_reader_seeks_anywhere(tmp_path: Path) -> None:
    plain = noise(10 * SMALL + 7)
    path = tmp_path / "sealed"
    path.write_bytes(encrypt_bytes(plain, KEY, chunk_size=SMALL))
    rng = random.Random(7)
    with open_plain(path, KEY) as reader:
        assert reader.seekable()
        assert reader.seek(0, os.SEEK_END) == len(plain)
        assert reader.read(5) == b""
        for _ in range(200):
            start = rng.randrange(0, len(plain) + 3)
            count = rng.randrange(0, 3 * SMALL)
            assert reader.seek(start) == start
            assert reader.read(count) == plain[start:start + count]
            assert reader.tell() == min(start + count, max(start, len(plain)))
        reader.seek(-3, os.SEEK_END)
        assert reader.read() == plain[-3:]
        reader.seek(SMALL)
        reader.seek(5, os.SEEK_CUR)
        assert reader.read(1) == plain[SMALL + 5:SMALL + 6]
        with pytest.raises(OSError, match="before the start"):
            reader.seek(-1)


def test_pillow_reads_a_sealed_image(tmp_path: Path) -> None:
    image = Image.new("RGB", (300, 200))
    image.putdata([(x % 256, y % 256, (x * y) % 256) for y in range(200) for x in range(300)])
    png = io.BytesIO()
    image.save(png, "PNG")
    path = tmp_path / "screenshot.png.sealed"
    path.write_bytes(encrypt_bytes(png.getvalue(), KEY, chunk_size=4096))
    with open_plain(path, KEY) as reader, Image.open(reader) as opened:
        assert opened.size == (300, 200)
        assert opened.convert("RGB").tobytes() == image.tobytes()


def test_pypdf_reads_a_sealed_pdf(tmp_path: Path) -> None:
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    pdf = io.BytesIO()
    writer.write(pdf)
    path = tmp_path / "statement.pdf.sealed"
    path.write_bytes(encrypt_bytes(pdf.getvalue(), KEY, chunk_size=1024))
    with open_plain(path, KEY) as reader:
        assert len(PdfReader(reader).pages) == 3


# ---- bounded memory ------------------------------------------------------------------------


class Discard(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        return len(data)


def test_a_large_file_is_processed_in_bounded_memory(tmp_path: Path) -> None:
    """24 MiB through sealing, opening and reading with at most a few chunks (64 KiB each) in
    memory at any time: the peak stays under 1 MiB, far below the file's size."""
    size = 24 * 1024 * 1024
    src, sealed = tmp_path / "video.mp4", tmp_path / "video.sealed"
    block = noise(1024 * 1024)
    with open(src, "wb") as fh:
        for _ in range(size // len(block)):
            fh.write(block)
    limit = 1024 * 1024
    tracemalloc.start()
    try:
        digest = encrypt_file(src, sealed, KEY)
        _, peak_seal = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        assert decrypt_to(sealed, Discard(), KEY) == digest
        _, peak_open = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        hashed = hashlib.sha256()
        with open_plain(sealed, KEY) as reader:
            while piece := reader.read(64 * 1024):
                hashed.update(piece)
        _, peak_read = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert hashed.hexdigest() == digest.sha256
    assert digest.size == size
    assert max(peak_seal, peak_open, peak_read) < limit, (peak_seal, peak_open, peak_read)


# ---- damage ---------------------------------------------------------------------------------


def _sealed(tmp_path: Path, size: int = 4 * SMALL + 10, name: str = "sealed") -> Path:
    path = tmp_path / name
    path.write_bytes(encrypt_bytes(noise(size), KEY, chunk_size=SMALL))
    return path


def _opens(path: Path) -> bytes:
    out = io.BytesIO()
    decrypt_to(path, out, KEY)
    return out.getvalue()


@pytest.mark.parametrize("position", [
    8, 9, 12, 16, 20, 30, 40, 47,  # header: version, cipher, chunk size, key id, salt, prefix
    HEADER_SIZE, HEADER_SIZE + SMALL + 3,  # first chunk: text, tag
    HEADER_SIZE + 2 * (SMALL + TAG) + 1,  # a middle chunk
    -1,  # the last chunk's tag
])
def test_a_flipped_bit_anywhere_is_caught(tmp_path: Path, position: int) -> None:
    path = _sealed(tmp_path)
    data = bytearray(path.read_bytes())
    data[position] ^= 0x04
    path.write_bytes(bytes(data))
    with pytest.raises(LockError) as caught:
        _opens(path)
    assert "\n" not in str(caught.value)


def test_a_flipped_bit_names_the_part(tmp_path: Path) -> None:
    path = _sealed(tmp_path)
    data = bytearray(path.read_bytes())
    data[sealed_chunk(2).start + 5] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(EncryptedFileDamaged, match="part 3 fails its check"):
        _opens(path)
    with open_plain(path, KEY) as reader:  # the chunks before it still read
        assert reader.read(2 * SMALL) == noise(4 * SMALL + 10)[:2 * SMALL]
        with pytest.raises(EncryptedFileDamaged):
            reader.read(SMALL)


def test_a_changed_magic_is_not_ours(tmp_path: Path) -> None:
    path = _sealed(tmp_path)
    data = bytearray(path.read_bytes())
    data[1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(EncryptedFileDamaged, match="not a file Casebook encrypted"):
        _opens(path)


@pytest.mark.parametrize("keep", [
    HEADER_SIZE + 3 * (SMALL + TAG),  # the last chunk dropped, cut at a boundary
    HEADER_SIZE + 1 * (SMALL + TAG),  # all but the first dropped
    HEADER_SIZE + 2 * (SMALL + TAG) + 20,  # cut inside a chunk
    HEADER_SIZE + 5,  # less than a tag
    HEADER_SIZE,  # the header alone
    20,  # not even a header
])
def test_a_file_cut_short_is_caught(tmp_path: Path, keep: int) -> None:
    path = _sealed(tmp_path)
    path.write_bytes(path.read_bytes()[:keep])
    with pytest.raises(EncryptedFileDamaged):
        _opens(path)


def test_an_empty_file_cut_to_its_header_is_caught(tmp_path: Path) -> None:
    path = _sealed(tmp_path, size=0)
    path.write_bytes(path.read_bytes()[:HEADER_SIZE])
    with pytest.raises(EncryptedFileDamaged):
        _opens(path)


def test_a_chunk_added_at_the_end_is_caught(tmp_path: Path) -> None:
    path = _sealed(tmp_path, size=4 * SMALL)  # four full chunks
    data = path.read_bytes()
    path.write_bytes(data + data[sealed_chunk(1)])
    with pytest.raises(EncryptedFileDamaged):
        _opens(path)


def test_chunks_swapped_are_caught(tmp_path: Path) -> None:
    path = _sealed(tmp_path)
    data = bytearray(path.read_bytes())
    one, two = data[sealed_chunk(1)], data[sealed_chunk(2)]
    data[sealed_chunk(1)], data[sealed_chunk(2)] = two, one
    path.write_bytes(bytes(data))
    with pytest.raises(EncryptedFileDamaged, match="part 2"):
        _opens(path)


def test_a_chunk_from_another_file_is_caught(tmp_path: Path) -> None:
    """Same key, same size, same position: the other file's own key and prefix refuse it."""
    path, other = _sealed(tmp_path), _sealed(tmp_path, name="other")
    data = bytearray(path.read_bytes())
    data[sealed_chunk(1)] = other.read_bytes()[sealed_chunk(1)]
    path.write_bytes(bytes(data))
    with pytest.raises(EncryptedFileDamaged, match="part 2"):
        _opens(path)


def test_another_books_key_is_told_apart_from_damage(tmp_path: Path) -> None:
    path = _sealed(tmp_path)
    with pytest.raises(EncryptedFileDamaged, match="another book's key"):
        decrypt_to(path, io.BytesIO(), OTHER_KEY)
    with pytest.raises(EncryptedFileDamaged, match="another book's key"):
        open_plain(path, OTHER_KEY)


def test_a_damaged_file_leaves_the_plain_target_alone(tmp_path: Path) -> None:
    path = _sealed(tmp_path)
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    target = tmp_path / "out.bin"
    target.write_bytes(b"what was there")
    with pytest.raises(EncryptedFileDamaged):
        decrypt_file(path, target, KEY)
    assert target.read_bytes() == b"what was there"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin", "sealed"]


def test_a_newer_format_is_left_alone_with_its_own_message(tmp_path: Path) -> None:
    path = _sealed(tmp_path)
    data = bytearray(path.read_bytes())
    data[len(MAGIC)] = 9  # version
    path.write_bytes(bytes(data))
    with pytest.raises(LockError, match="newer Casebook"):
        _opens(path)


def test_a_backup_archive_is_written_straight_into_a_sealed_file(tmp_path: Path) -> None:
    """zipfile streams into the sealing writer (it cannot seek) and reads back through the
    plain reader (which can): a backup never exists as a plain archive on disk."""
    path = tmp_path / "backup.zip.sealed"
    evidence = noise(300_000)
    with open(path, "wb") as sink, SealingWriter(sink, KEY) as writer, \
            zipfile.ZipFile(writer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("casebook.sqlite3", b"SQLite format 3\x00" + noise(5000))
        with archive.open("evidence/ab/abcdef.png", "w") as member:
            member.write(evidence)
    assert b"evidence/ab" not in path.read_bytes()
    with open_plain(path, KEY) as reader, zipfile.ZipFile(reader) as archive:
        assert archive.testzip() is None
        assert archive.read("evidence/ab/abcdef.png") == evidence
