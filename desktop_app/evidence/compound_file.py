"""What an OLE2 compound file holds: Word 97–2003 (.doc), Excel (.xls), PowerPoint (.ppt),
an Outlook message (.msg) — or WPS Office's .wps/.et/.dps, which are the same formats.

All of them start with the same eight bytes; what tells them apart is the name of a stream in
the file's root storage (``WordDocument``, ``Workbook``…). This reads the compound file's
directory ([MS-CFB]: header, FAT, directory sectors) just far enough to list those names. It
reads a few sectors, never the whole file, and gives up quietly on anything malformed.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path
from typing import IO

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# The stream (or storage) in the root that says what the file is, in order of precedence.
ROOT_MARKERS: tuple[tuple[str, str], ...] = (
    ("__properties_version1.0", "application/vnd.ms-outlook"),
    ("WordDocument", "application/msword"),
    ("PowerPoint Document", "application/vnd.ms-powerpoint"),
    ("Workbook", "application/vnd.ms-excel"),
    ("Book", "application/vnd.ms-excel"),  # Excel 5.0/95
)

_HEADER_DIFAT = 109  # FAT sector numbers kept in the header
_NO_SECTOR = 0xFFFFFFFA  # this and above: end of chain, free, FAT or DIFAT sector markers
_NO_STREAM = 0xFFFFFFFF
_ENTRY = 128  # bytes per directory entry
_MAX_SECTORS = 100_000  # a directory longer than this is not one we need to read
_MAX_ENTRIES = 10_000  # root children we look at


class _Malformed(Exception):
    pass


class _Reader:
    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        header = self._read(0, 512)
        if header[:8] != MAGIC:
            raise _Malformed
        shift = struct.unpack_from("<H", header, 0x1E)[0]
        if shift not in (9, 12):
            raise _Malformed
        self.size = 1 << shift
        self.fat_sectors = struct.unpack_from("<I", header, 0x2C)[0]
        self.first_directory = struct.unpack_from("<I", header, 0x30)[0]
        self.difat_next = struct.unpack_from("<I", header, 0x44)[0]
        self.fat: list[int] = [s for s in struct.unpack_from(f"<{_HEADER_DIFAT}I", header, 0x4C)
                               if s < _NO_SECTOR][:self.fat_sectors]
        self.difat_seen: set[int] = set()

    def _read(self, offset: int, size: int) -> bytes:
        self.fh.seek(offset)
        data = self.fh.read(size)
        if len(data) != size:
            raise _Malformed
        return data

    def sector(self, number: int) -> bytes:
        return self._read((number + 1) * self.size, self.size)

    def _fat_sector(self, index: int) -> int:
        """The sector holding the ``index``-th block of the FAT (from the DIFAT chain if the
        header's 109 entries are not enough)."""
        per = self.size // 4 - 1
        while index >= len(self.fat) and self.difat_next < _NO_SECTOR:
            if self.difat_next in self.difat_seen or len(self.fat) >= self.fat_sectors:
                raise _Malformed
            self.difat_seen.add(self.difat_next)
            block = struct.unpack(f"<{per + 1}I", self.sector(self.difat_next))
            self.fat += [s for s in block[:per] if s < _NO_SECTOR]
            self.difat_next = block[per]
        if index >= len(self.fat):
            raise _Malformed
        return self.fat[index]

    def next_sector(self, number: int) -> int:
        per = self.size // 4
        fat_sector = self._fat_sector(number // per)
        return int(struct.unpack_from("<I", self.sector(fat_sector), (number % per) * 4)[0])

    def directory(self) -> bytes:
        chunks: list[bytes] = []
        seen: set[int] = set()
        number = self.first_directory
        while number < _NO_SECTOR:
            if number in seen or len(seen) >= _MAX_SECTORS:
                raise _Malformed
            seen.add(number)
            chunks.append(self.sector(number))
            number = self.next_sector(number)
        return b"".join(chunks)


def _entry(directory: bytes, index: int) -> tuple[str, int, int, int, int]:
    """(name, type, left sibling, right sibling, child) of directory entry ``index``."""
    at = index * _ENTRY
    if index < 0 or at + _ENTRY > len(directory):
        raise _Malformed
    length = struct.unpack_from("<H", directory, at + 64)[0]
    if length > 64 or length % 2:
        raise _Malformed
    name = directory[at:at + max(length - 2, 0)].decode("utf-16-le", "replace")
    kind = directory[at + 66]
    left, right, child = struct.unpack_from("<III", directory, at + 68)
    return name, kind, left, right, child


def root_names(source: Path | bytes | IO[bytes]) -> set[str]:
    """The names of the streams and storages directly in a compound file's root (not those in
    its sub-storages: an Excel sheet embedded in a Word document does not make it a workbook).
    Raises ValueError if ``source`` is not a readable compound file."""
    try:
        if isinstance(source, bytes):
            return _root_names(io.BytesIO(source))
        if isinstance(source, Path):
            with open(source, "rb") as fh:
                return _root_names(fh)
        return _root_names(source)
    except (_Malformed, struct.error, OSError) as exc:
        raise ValueError("not a readable OLE2 compound file") from exc


def _root_names(fh: IO[bytes]) -> set[str]:
    reader = _Reader(fh)
    directory = reader.directory()
    _name, kind, _left, _right, child = _entry(directory, 0)
    if kind != 5:  # the root storage
        raise _Malformed
    names: set[str] = set()
    pending = [child]
    seen: set[int] = set()
    while pending:  # the root's children: a tree linked by left and right siblings
        index = pending.pop()
        if index == _NO_STREAM:
            continue
        if index in seen or len(seen) >= _MAX_ENTRIES:
            raise _Malformed
        seen.add(index)
        name, kind, left, right, _child = _entry(directory, index)
        if kind in (1, 2):  # storage, stream
            names.add(name)
        pending += [left, right]
    return names


def compound_mime(source: Path | bytes | IO[bytes]) -> str | None:
    """The MIME type of an OLE2 compound file from its root streams; None when it is none of
    the kinds we know (or cannot be read)."""
    try:
        names = root_names(source)
    except ValueError:
        return None
    for marker, mime in ROOT_MARKERS:
        if marker in names:
            return mime
    return None


__all__ = ["MAGIC", "compound_mime", "root_names"]
