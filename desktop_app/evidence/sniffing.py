"""What a file is, from its content (magic bytes), never from its name.

The detected type decides the stored file's extension, so that the system opens it properly.
Old Office files (.doc, .xls, .ppt, Outlook's .msg: OLE2 compound files) are told apart by the
names in their root storage, read with olefile. A file in the data folder is looked into
through :mod:`desktop_app.store.vault` (a locked book's temp file is sealed).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from desktop_app.errors import LockError
from desktop_app.store import vault

HEAD = 64 * 1024         # bytes kept for type sniffing

OCTET_STREAM = "application/octet-stream"
EMAIL_MIME = "message/rfc822"

# The detected type decides the stored file's extension (so the system opens it properly).
EXTENSIONS: dict[str, str] = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
    "image/heif": ".heif",
    "image/avif": ".avif",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
    "application/pdf": ".pdf",
    "application/zip": ".zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/ofd": ".ofd",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
    "application/vnd.ms-outlook": ".msg",
    "application/rtf": ".rtf",
    "application/vnd.rar": ".rar",
    "application/x-7z-compressed": ".7z",
    "application/gzip": ".gz",
    "audio/mpeg": ".mp3",
    "audio/mp4": ".m4a",
    "audio/wav": ".wav",
    "audio/amr": ".amr",
    "audio/amr-wb": ".awb",
    "audio/ogg": ".ogg",
    "audio/flac": ".flac",
    "audio/aac": ".aac",
    "video/mp4": ".mp4",
    "video/quicktime": ".mov",
    "video/3gpp": ".3gp",
    "video/webm": ".webm",
    "video/x-msvideo": ".avi",
    EMAIL_MIME: ".eml",
    "text/html": ".html",
    "text/plain": ".txt",
    OCTET_STREAM: ".bin",
}


def extension_for(mime: str) -> str:
    return EXTENSIONS.get(mime, ".bin")


_FTYP_HEIC = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"}
_FTYP_HEIF = {b"mif1", b"msf1"}
_FTYP_AVIF = {b"avif", b"avis"}
_FTYP_M4A = {b"M4A ", b"M4B ", b"M4P "}
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}


def _ftyp_mime(head: bytes) -> str:
    """ISO base media files (MP4, MOV, M4A, 3GP, HEIC, AVIF): the brands in the ftyp box."""
    box_size = int.from_bytes(head[0:4], "big")
    major = head[8:12]
    end = min(max(box_size, 16), len(head), 4096)
    brands = {major} | {head[i:i + 4] for i in range(16, end - 3, 4)}
    if brands & _FTYP_AVIF and major in _FTYP_AVIF:
        return "image/avif"
    if major in _FTYP_HEIC or (major in _FTYP_HEIF and brands & _FTYP_HEIC):
        return "image/heic"
    if major in _FTYP_HEIF:
        return "image/avif" if brands & _FTYP_AVIF else "image/heif"
    if major in _FTYP_M4A:
        return "audio/mp4"
    if major == b"qt  ":
        return "video/quicktime"
    if major.startswith((b"3gp", b"3g2")):
        return "video/3gpp"
    return "video/mp4"


@contextlib.contextmanager
def _opened(source: Path | bytes) -> Iterator[BinaryIO]:
    """All the bytes, or the file's plain bytes (sealed or not), as a seekable file."""
    if isinstance(source, bytes):
        yield io.BytesIO(source)
        return
    with vault.open_read(source) as fh:
        yield fh


def _zip_mime(source: Path | bytes | None) -> str:
    """A zip archive, or an Office/OpenDocument/OFD document (which are zip archives)."""
    if source is None:
        return "application/zip"
    try:
        with _opened(source) as fh, zipfile.ZipFile(fh) as z:
            names = z.namelist()
            if names and names[0] == "mimetype":
                declared = z.read("mimetype")[:100].decode("ascii", "replace").strip()
                if declared in EXTENSIONS:
                    return declared
            if "[Content_Types].xml" in names:
                tops = {n.split("/", 1)[0] for n in names}
                for top, mime in (("word", "wordprocessingml.document"),
                                  ("xl", "spreadsheetml.sheet"),
                                  ("ppt", "presentationml.presentation")):
                    if top in tops:
                        return f"application/vnd.openxmlformats-officedocument.{mime}"
            if "OFD.xml" in names:
                return "application/ofd"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, RuntimeError,
            NotImplementedError, LockError):
        pass
    return "application/zip"


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # every OLE2 compound file starts so
_OLE_MAX_SECTOR = 0xFFFFFFFA  # sector numbers from here on mark an end of chain, free, FAT…

# The stream (or storage) in a compound file's root that says what the file is, in order of
# precedence. Only the root's: an Excel sheet embedded in a Word document does not make it a
# workbook.
_ROOT_MARKERS: tuple[tuple[str, str], ...] = (
    ("__properties_version1.0", "application/vnd.ms-outlook"),
    ("WordDocument", "application/msword"),
    ("PowerPoint Document", "application/vnd.ms-powerpoint"),
    ("Workbook", "application/vnd.ms-excel"),
    ("Book", "application/vnd.ms-excel"),  # Excel 5.0/95
)


def _chain_loops(fat: Sequence[int], first: int) -> bool:
    """Whether a sector chain comes back on itself (olefile reads such a directory up to the
    FAT's length, repeating it, rather than calling the file damaged)."""
    seen: set[int] = set()
    sector = first
    while sector < min(_OLE_MAX_SECTOR, len(fat)):
        if sector in seen:
            return True
        seen.add(sector)
        sector = fat[sector]
    return False


def _compound_mime(source: Path | bytes) -> str:
    """An OLE2 compound file (Word 97–2003, Excel, PowerPoint, an Outlook message, or WPS
    Office's .wps/.et/.dps, the same formats) by the names in its root storage; unknown
    (application/octet-stream) when it is none of those or cannot be read."""
    import olefile  # deferred: olefile costs ~12 ms to import and only old Office files need it

    try:
        with _opened(source) as fh, olefile.OleFileIO(
                fh, raise_defects=olefile.DEFECT_INCORRECT) as ole:
            if _chain_loops(ole.fat, ole.first_dir_sector):
                return OCTET_STREAM
            names = {entry.name for entry in ole.root.kids}
    # OleFileError (an OSError) for a damaged or truncated file or a loop in its directory
    # tree; RecursionError for a directory tree deeper than Python's stack
    except (OSError, RecursionError, LockError):
        return OCTET_STREAM
    return next((mime for marker, mime in _ROOT_MARKERS if marker in names), OCTET_STREAM)


def _looks_like_text(head: bytes) -> bool:
    """Text in UTF-8, UTF-16 (with a BOM) or GB18030 (Chinese Windows' "ANSI")."""
    if head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
        return controls * 100 <= len(text)
    return False


_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html[\s>]|<head[\s>])", re.IGNORECASE)


_KNOWN_HEADERS = frozenset({
    b"from", b"to", b"cc", b"bcc", b"subject", b"date", b"message-id", b"received",
    b"return-path", b"mime-version", b"content-type", b"content-transfer-encoding",
    b"delivered-to", b"reply-to", b"sender", b"x-mailer", b"dkim-signature",
    b"authentication-results", b"in-reply-to", b"references", b"thread-topic",
    b"x-originating-ip", b"x-priority", b"importance", b"user-agent", b"x-received",
    b"arc-seal", b"received-spf", b"x-ms-exchange-organization-authas",
})
_IDENTIFYING = frozenset({b"from", b"date", b"message-id", b"received", b"subject"})
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+[ \t]*:")


def looks_like_email(head: bytes) -> bool:
    """Whether a file begins with RFC 822 headers (an .eml, whatever its name)."""
    lines = head.split(b"\n")
    if len(head) >= 64 * 1024 and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    if lines and lines[0].startswith(b"From ") and b":" not in lines[0].split(b" ", 2)[1]:
        lines = lines[1:]  # an mbox "From " line
    names: set[bytes] = set()
    for index, raw in enumerate(lines):
        line = raw.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            if index == 0:
                return False
            continue
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].strip().lower())
    known = names & _KNOWN_HEADERS
    return len(known) >= 2 and bool(known & _IDENTIFYING)


# ---- decoding -----------------------------------------------------------------------------------


def sniff_mime(head: bytes, whole: Path | bytes | None = None) -> str:
    """The MIME type of a file from its first bytes (``head``).

    ``whole`` (the file, or all its bytes) is looked into only for zip-based documents, whose
    type is in their table of contents at the end.
    """
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF":
        kind = head[8:12]
        if kind == b"WEBP":
            return "image/webp"
        if kind == b"WAVE":
            return "audio/wav"
        if kind == b"AVI ":
            return "video/x-msvideo"
    if head[4:8] == b"ftyp" and len(head) >= 12:
        return _ftyp_mime(head)
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free", b"pnot") and len(head) >= 8:
        return "video/quicktime"
    if (head[:2] == b"BM" and len(head) >= 18
            and int.from_bytes(head[14:18], "little") in _BMP_HEADER_SIZES):
        return "image/bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "image/tiff"
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return _zip_mime(whole)
    if head[:8] == OLE_MAGIC:  # .doc, .xls, .ppt, .msg (and WPS Office's own, the same formats)
        return _compound_mime(whole if whole is not None else head)
    if head[:6] == b"#!AMR\n":
        return "audio/amr"
    if head[:9] == b"#!AMR-WB\n":
        return "audio/amr-wb"
    if head[:4] == b"OggS":
        return "audio/ogg"
    if head[:4] == b"fLaC":
        return "audio/flac"
    if head[:3] == b"ID3":
        return "audio/mpeg"
    if len(head) >= 2 and head[0] == 0xFF:
        if head[1] & 0xE0 == 0xE0 and head[1] & 0x06 == 0x02:  # MPEG audio, layer III
            return "audio/mpeg"
        if head[1] & 0xF6 == 0xF0:  # ADTS
            return "audio/aac"
    if head[:4] == b"\x1aE\xdf\xa3":
        return "video/webm"
    if head[:5] == b"{\\rtf":
        return "application/rtf"
    if head[:6] == b"Rar!\x1a\x07":
        return "application/vnd.rar"
    if head[:6] == b"7z\xbc\xaf\x27\x1c":
        return "application/x-7z-compressed"
    if head[:2] == b"\x1f\x8b":
        return "application/gzip"
    if looks_like_email(head):
        return EMAIL_MIME
    if _looks_like_text(head):
        return "text/html" if _HTML_START.match(head[:1024]) else "text/plain"
    return OCTET_STREAM


def count_images(paths: Iterable[Path], enough: int) -> int:
    """How many of these files are images by their first bytes, counting up to ``enough``
    (to decide whether worker processes are worth starting)."""
    found = 0
    for path in paths:
        try:
            if not path.is_file():  # a pipe would block the read
                continue
            with open(path, "rb") as fh:
                head = fh.read(64)
        except OSError:
            continue
        if sniff_mime(head).startswith("image/"):
            found += 1
            if found >= enough:
                break
    return found
