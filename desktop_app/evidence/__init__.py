"""The evidence store: files kept byte-for-byte under the data dir, named by their SHA-256.

``evidence/ab/abcdef….ext`` holds the bytes of every file ever imported, once however many
times (or into however many cases) it was imported. A file is streamed into a temp file in
``evidence/tmp/`` while it is hashed, fsynced, and renamed into place; the database row is
committed only after that (by the services). Derived files — a thumbnail and a print rendition
of each image — live in ``evidence/derived/`` and never replace the original.

The type of a file comes from its content (magic bytes), never from its name. Nothing here
imports Pillow until an image is looked at.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import io
import os
import re
import stat
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING

from desktop_app.store.files import TempFile, atomic_writer
from desktop_app.timeutil import localize

if TYPE_CHECKING:
    from PIL import Image

CHUNK = 1 << 20          # bytes read and written at a time: memory stays flat for any size
HEAD = 64 * 1024         # bytes kept for type sniffing
THUMBNAIL_SIZE = 320     # long side of a thumbnail, px
RENDITION_SIZE = 1600    # long side of a print rendition, px
RENDITION_QUALITY = 75
THUMBNAIL_QUALITY = 75

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

# Images Pillow decodes (HEIC/HEIF, the iPhone camera's format, through pi-heif); other image
# types are kept without a preview.
HEIF_IMAGES = frozenset({"image/heic", "image/heif"})
DECODABLE_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp",
                              "image/bmp", "image/tiff", "image/avif"}) | HEIF_IMAGES
_HEIF_SUFFIXES = frozenset(EXTENSIONS[mime] for mime in HEIF_IMAGES)


@cache
def _register_heif() -> None:
    import pi_heif

    pi_heif.register_heif_opener()  # decodes only; applies the file's rotation (irot/imir)


def allow_heif(what: str | Path) -> None:
    """Teach Pillow HEIC/HEIF before opening ``what`` (a MIME type or a path) if it is one;
    once per process, and only then: the decoder takes ~30 ms to load."""
    if isinstance(what, Path):
        wanted = what.suffix.lower() in _HEIF_SUFFIXES
    else:
        wanted = what in HEIF_IMAGES
    if wanted:
        _register_heif()

# Files a folder drop leaves out: operating-system litter, never evidence.
SYSTEM_FILES = frozenset({".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r",
                          ".localized"})
SYSTEM_FOLDERS = frozenset({"__macosx", "$recycle.bin", "system volume information",
                            ".spotlight-v100", ".trashes", ".fseventsd"})


def extension_for(mime: str) -> str:
    return EXTENSIONS.get(mime, ".bin")


# ---- what a file is ---------------------------------------------------------------------------

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


def _zip_mime(source: Path | bytes | None) -> str:
    """A zip archive, or an Office/OpenDocument/OFD document (which are zip archives)."""
    if source is None:
        return "application/zip"
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
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
            NotImplementedError):
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
        with olefile.OleFileIO(io.BytesIO(source) if isinstance(source, bytes) else source,
                               raise_defects=olefile.DEFECT_INCORRECT) as ole:
            if _chain_loops(ole.fat, ole.first_dir_sector):
                return OCTET_STREAM
            names = {entry.name for entry in ole.root.kids}
    # OleFileError (an OSError) for a damaged or truncated file or a loop in its directory
    # tree; RecursionError for a directory tree deeper than Python's stack
    except (OSError, RecursionError):
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


def sniff_mime(head: bytes, whole: Path | bytes | None = None) -> str:
    """The MIME type of a file from its first bytes (``head``).

    ``whole`` (the file, or all its bytes) is looked into only for zip-based documents, whose
    type is in their table of contents at the end.
    """
    from desktop_app.evidence.mail import looks_like_email

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


# ---- names and times --------------------------------------------------------------------------


def display_name(name: str | os.PathLike[str]) -> str:
    """A file's name as a person reads it: NFC, and never undecodable.

    On Linux a name that is not UTF-8 (a zip unpacked from a Chinese Windows PC is in GBK)
    arrives with surrogate escapes; those bytes are read as GB18030 when they are not UTF-8.
    """
    base = os.path.basename(os.fspath(name).rstrip("/\\")) or os.fspath(name)
    try:
        base.encode("utf-8")
    except UnicodeEncodeError:
        raw = os.fsencode(base)
        for encoding in ("utf-8", "gb18030"):
            try:
                base = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            base = raw.decode("utf-8", "replace")
    return unicodedata.normalize("NFC", base)


def file_mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None


_EXIF_IFD = 0x8769
_ORIENTATION = 0x0112
_DATE_TIME_ORIGINAL = 36867
_DATE_TIME_DIGITIZED = 36868
_OFFSET_TIME_ORIGINAL = 36881
_OFFSET_TIME_DIGITIZED = 36882


def _exif_time(value: object, offset: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    text = value.strip().rstrip("\x00").strip()
    try:
        naive = datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if isinstance(offset, str):
        match = re.fullmatch(r"\s*([+-])(\d\d):(\d\d)\s*\x00*", offset)
        if match:
            sign = 1 if match.group(1) == "+" else -1
            delta = timedelta(hours=int(match.group(2)), minutes=int(match.group(3)))
            return naive.replace(tzinfo=timezone(sign * delta)).astimezone(UTC)
    # EXIF times without an offset are the camera's wall clock: read as the user's zone.
    return localize(naive).astimezone(UTC)


def image_captured_at(path: Path) -> datetime | None:
    """EXIF DateTimeOriginal (else DateTimeDigitized) of a photo, or None."""
    from PIL import Image

    try:
        allow_heif(path)
        with Image.open(path) as im:
            if im.format == "PNG":
                # Pillow's PNG getexif() decodes the whole image to look past the pixels;
                # an eXIf chunk before them (where cameras put it) is read at open.
                raw = im.info.get("exif")
                if not raw:
                    return None
                exif = Image.Exif()
                exif.load(raw)
            else:
                exif = im.getexif()
            ifd = exif.get_ifd(_EXIF_IFD)
            for tag, offset_tag in ((_DATE_TIME_ORIGINAL, _OFFSET_TIME_ORIGINAL),
                                    (_DATE_TIME_DIGITIZED, _OFFSET_TIME_DIGITIZED)):
                found = _exif_time(ifd.get(tag), ifd.get(offset_tag))
                if found is not None:
                    return found
    except Exception:  # a damaged image has no readable capture time; it is still kept
        return None
    return None


# ---- derived files -----------------------------------------------------------------------------

# Why an image has no preview; the services turn these into a note for the user.
PREVIEW_OK = ""
PREVIEW_UNDECODABLE = "undecodable"
PREVIEW_UNSUPPORTED = "unsupported"
PREVIEW_TOO_LARGE = "too_large"


def _flatten(im: Image.Image) -> Image.Image:
    """RGB, transparency over white (what it looks like on paper)."""
    from PIL import Image

    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif im.mode == "F":
        im = im.convert("L")
    if im.mode == "P":
        im = im.convert("RGBA" if "transparency" in im.info else "RGB")
    if im.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = im.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return im if im.mode == "RGB" else im.convert("RGB")


def _fit(im: Image.Image, longest: int) -> Image.Image:
    """The image with its long side at most ``longest`` px (a new image if it was larger)."""
    from PIL import Image

    width, height = im.size
    if max(width, height) <= longest:
        return im
    scale = longest / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _save_jpeg(im: Image.Image, target: Path, quality: int, icc: bytes | None,
               temp_dir: Path | None = None) -> None:
    """Write a JPEG whole or not at all, through a temp file in the store's temp dir (where a
    killed write's leftover is found and removed). A derived file can be made again: its
    rename is not fsynced."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = temp_dir if temp_dir is not None else target.parent
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_writer(target, folder=folder, prefix=target.stem, suffix=".part",
                       sync_folder=False) as fh:
        im.save(fh, "JPEG", quality=quality, optimize=True, progressive=True,
                icc_profile=icc or None)


def make_derivatives(original: str, thumbnail: str, rendition: str, mime: str,
                     temp_dir: str | None = None) -> str:
    """Make the thumbnail and the print rendition of an image; return why not, or "".

    A pure function of paths (it runs in worker processes): the original is only read. The
    rendition has the EXIF orientation applied, the long side capped at 1600 px, progressive
    JPEG q75 with optimised Huffman tables (the dossier embeds it as it is); the thumbnail is the
    same at 320 px. Files already there are left as they are.
    """
    thumb_path, rendition_path = Path(thumbnail), Path(rendition)
    if thumb_path.exists() and rendition_path.exists():
        return PREVIEW_OK
    if not mime.startswith("image/"):
        return PREVIEW_UNSUPPORTED
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        allow_heif(mime)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(original) as opened:
                if opened.format == "JPEG":
                    # decode at a reduced scale: much faster for big photos, same result
                    opened.draft("RGB", (RENDITION_SIZE, RENDITION_SIZE))
                opened.load()
                icc = opened.info.get("icc_profile")
                turned = opened.getexif().get(_ORIENTATION, 1) not in (1, None)
                upright = ImageOps.exif_transpose(opened) if turned else opened
                printed = _fit(_flatten(upright), RENDITION_SIZE)
                if printed is opened:
                    printed = opened.copy()  # closing the file would discard its pixels
    except Image.DecompressionBombError:
        return PREVIEW_TOO_LARGE
    except UnidentifiedImageError:
        return PREVIEW_UNDECODABLE if mime in DECODABLE_IMAGES else PREVIEW_UNSUPPORTED
    except Exception:  # truncated or corrupt data: Pillow raises many kinds
        return PREVIEW_UNDECODABLE
    temp = Path(temp_dir) if temp_dir is not None else None
    _save_jpeg(printed, rendition_path, RENDITION_QUALITY, icc, temp)
    _save_jpeg(_fit(printed, THUMBNAIL_SIZE), thumb_path, THUMBNAIL_QUALITY, icc, temp)
    return PREVIEW_OK


# ---- the store -----------------------------------------------------------------------------------


class SourceError(OSError):
    """The file being imported could not be read (as opposed to the store being unwritable)."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    mime: str
    path: Path
    created: bool  # False: these bytes were in the store already


class EvidenceStore:
    """Content-addressed files under one directory (the data dir's ``evidence/``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def temp_dir(self) -> Path:
        return self.root / "tmp"

    @property
    def derived_dir(self) -> Path:
        return self.root / "derived"

    def path_for(self, sha256: str, mime: str) -> Path:
        return self.root / sha256[:2] / f"{sha256}{extension_for(mime)}"

    def locate(self, sha256: str, mime: str) -> Path | None:
        """Where the bytes with this hash are, or None if they are not in the store."""
        expected = self.path_for(sha256, mime)
        if expected.is_file():
            return expected
        for candidate in sorted(expected.parent.glob(f"{sha256}*")):
            if candidate.is_file() and candidate.name.split(".", 1)[0] == sha256:
                return candidate
        return None

    def thumbnail_path(self, sha256: str) -> Path:
        return self.derived_dir / sha256[:2] / f"{sha256}-thumb.jpg"

    def rendition_path(self, sha256: str) -> Path:
        return self.derived_dir / sha256[:2] / f"{sha256}-print.jpg"

    def put_file(self, source: Path) -> StoredFile:
        """Stream a file into the store (hash and copy in chunks). Raises OSError."""
        try:
            src = open(source, "rb")  # noqa: SIM115 - closed below; errors must be told apart
        except OSError as exc:
            raise SourceError(exc.errno, exc.strerror, exc.filename) from exc
        with src:
            return self._put_stream(src, whole=None)

    def put_bytes(self, data: bytes) -> StoredFile:
        return self._put_stream(io.BytesIO(data), whole=data)

    def _put_stream(self, src: IO[bytes], whole: bytes | None) -> StoredFile:
        self.temp_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        head = bytearray()
        buffer = bytearray(CHUNK)
        view = memoryview(buffer)
        try:
            with TempFile(folder=self.temp_dir, prefix="import-", suffix=".part") as temp:
                dst = temp.file
                assert dst is not None
                while True:
                    try:
                        n = src.readinto(buffer)  # type: ignore[attr-defined]
                    except OSError as exc:
                        raise SourceError(exc.errno, exc.strerror, exc.filename) from exc
                    if not n:
                        break
                    chunk = view[:n]
                    digest.update(chunk)
                    dst.write(chunk)
                    if len(head) < HEAD:
                        head += chunk[:HEAD - len(head)]
                    size += n
                temp.finish()
                sha256 = digest.hexdigest()
                mime = sniff_mime(bytes(head), whole if whole is not None else temp.path)
                final = self.path_for(sha256, mime)
                existing = self.locate(sha256, mime)
                if existing is not None and existing.stat().st_size == size:
                    return StoredFile(sha256, size, mime, existing, created=False)
                final.parent.mkdir(parents=True, exist_ok=True)
                if final.exists():  # a damaged copy: the good one replaces it
                    os.chmod(final, stat.S_IREAD | stat.S_IWRITE)
                try:
                    temp.commit(final)
                except PermissionError:
                    # Windows: another import of the same bytes put its read-only copy there
                    # first
                    existing = self.locate(sha256, mime)
                    if existing is None or existing.stat().st_size != size:
                        raise
                    return StoredFile(sha256, size, mime, existing, created=False)
                os.chmod(final, stat.S_IREAD | stat.S_IRGRP | stat.S_IROTH)  # originals: read-only
                return StoredFile(sha256, size, mime, final, created=True)
        finally:
            view.release()

    def remove_stale_temp_files(self, older_than: float = 24 * 3600) -> int:
        """Delete temp files an import left when it was killed half-way (a 2 GB recording
        would otherwise stay hidden in ``tmp/``). Recent ones may be in use: they stay."""
        import time

        removed = 0
        try:
            entries = list(os.scandir(self.temp_dir))
        except OSError:
            return 0
        limit = time.time() - older_than
        for entry in entries:
            try:
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < limit:
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
        return removed

    def derive(self, sha256: str, mime: str) -> str:
        """Make the derived files of an image in this process; returns a PREVIEW_* code."""
        original = self.locate(sha256, mime)
        if original is None:
            return PREVIEW_UNDECODABLE
        return make_derivatives(str(original), str(self.thumbnail_path(sha256)),
                                str(self.rendition_path(sha256)), mime, str(self.temp_dir))

    def derive_args(self, sha256: str, mime: str) -> tuple[str, str, str, str, str] | None:
        """The arguments of :func:`make_derivatives` for a worker process."""
        original = self.locate(sha256, mime)
        if original is None:
            return None
        return (str(original), str(self.thumbnail_path(sha256)),
                str(self.rendition_path(sha256)), mime, str(self.temp_dir))

    def has_preview(self, sha256: str) -> bool:
        return self.thumbnail_path(sha256).is_file() and self.rendition_path(sha256).is_file()


def wants_derivatives(mime: str) -> bool:
    return mime.startswith("image/")


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


# ---- what a drop holds ---------------------------------------------------------------------------


def _hidden(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name.lower() in SYSTEM_FILES:
        return True
    attributes = getattr(os.stat(path, follow_symlinks=False), "st_file_attributes", 0)
    return bool(attributes & (0x2 | 0x4))  # FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM


def files_in_folder(folder: Path, on_error: Callable[[OSError], None] | None = None
                    ) -> list[Path]:
    """The files inside a folder and its subfolders, sorted, without hidden and system files."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        base = Path(root)
        dirs[:] = [d for d in dirs
                   if d.lower() not in SYSTEM_FOLDERS and not _safe_hidden(base / d)]
        found.extend(base / f for f in files if not _safe_hidden(base / f))

    def key(path: Path) -> tuple[tuple[str, str], ...]:
        return tuple((part.casefold(), part) for part in path.relative_to(folder).parts)

    return sorted(found, key=key)


def _safe_hidden(path: Path) -> bool:
    try:
        return _hidden(path)
    except OSError:
        return False


def lower_priority() -> None:
    """Run a worker process at a lower priority, so the window it works for stays quick."""
    nice = getattr(os, "nice", None)
    if nice is not None:
        with contextlib.suppress(OSError):
            nice(5)
