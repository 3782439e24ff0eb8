"""Exhibits made ready for the page: images at a given size, e-mails and text read, PDF pages
measured. No ReportLab here.

Images come from the print renditions made at import (JPEG, long side 1600 px), each used only
when its bytes still hash to the SHA-256 recorded when it was made; otherwise (changed, missing,
never recorded) a print copy is made afresh from the original, which the export has verified,
into the export's own temp folder. To fit a size budget they are re-rendered smaller from that
copy, with Pillow: a smaller long side and a lower JPEG quality, step by step down to a floor
below which screenshots stop being legible.

No exhibit stops a dossier: whatever goes wrong with one (a password, a damaged file, an image
too large to decode) is an :class:`ExhibitProblem`, and the exhibit is listed to be supplied
separately.

Every stored file is read through :mod:`desktop_app.store.vault` (plain or sealed, by its first
bytes). The export's temp folder holds sealed files when the book is locked: the build remembers
the book's key for it while it runs (see :func:`write_work`), so nothing of a locked book lies
there plain.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from desktop_app.dossier.content import Exhibit
from desktop_app.errors import EncryptedFileDamaged, Invalid
from desktop_app.evidence.images import allow_heif
from desktop_app.evidence.plain_copies import plain_digest
from desktop_app.evidence.redaction import redacted_png
from desktop_app.evidence.renditions import (
    PREVIEW_OK,
    PREVIEW_TOO_LARGE,
    RENDITION_QUALITY,
    _printable,
)
from desktop_app.i18n import tr
from desktop_app.store import vault
from desktop_app.timeutil import to_local

# (long side px, JPEG quality): level 0 is the rendition as made at import. The last is the
# floor that keeps a screenshot's text legible: a picture is printed at most about 9.1 in
# (232 mm) on its long side on A4 or Letter, so 1,000 px is at least LEGIBLE_DPI there. Below
# it a dossier over its budget is split into volumes instead.
LEGIBLE_DPI = 110
IMAGE_LEVELS: tuple[tuple[int, int], ...] = (
    (1600, 80), (1400, 72), (1200, 65), (1100, 60), (1000, 55),
)
MAX_TEXT_CHARS = 60_000  # of an e-mail body or a text file, printed; the rest is noted

# pypdf reports what it repairs in a damaged PDF through logging; without a handler of ours
# Python would print it on stderr (the reason an exhibit is not shown is told once, by us).
logging.getLogger("pypdf").addHandler(logging.NullHandler())


class ExhibitProblem(ValueError):
    """Why an exhibit cannot be shown: ``kind`` is "password", "too_large" or "unreadable"
    (the dossier words it in its own language); the message is for the user."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class PreparedImage:
    path: Path
    width: int
    height: int
    size: int  # bytes


def _workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def write_work(target: Path, data: bytes) -> None:
    """A file of the export's own temp folder: sealed when the book's key is remembered for
    that folder (a locked book's export), plain otherwise."""
    key = vault.key_for(target)
    if key is not None:
        from desktop_app.crypto.stream import encrypt_bytes  # deferred: locked books

        data = encrypt_bytes(data, key)
    target.write_bytes(data)


def make_print_copy(source: Path, target: Path, mime: str) -> str:
    """The print copy of the picture at ``source`` (stored, plain or sealed) made at ``target``
    exactly as the import makes it (:mod:`desktop_app.evidence.renditions`); why not, or ""."""
    printed = _printable(str(source), mime)  # read through the vault, plain or sealed
    if isinstance(printed, str):
        return printed
    out = io.BytesIO()
    printed.save(out, "JPEG", quality=RENDITION_QUALITY, optimize=True, progressive=True,
                 icc_profile=printed.info.get("icc_profile") or None)
    write_work(target, out.getvalue())
    return PREVIEW_OK


def _open_upright(source: Path, long_side: int) -> Image.Image:
    allow_heif(source)  # an original without a rendition may be an iPhone's HEIC
    im: Image.Image = Image.open(io.BytesIO(vault.read_bytes(source)))
    if im.format == "JPEG":
        im.draft("RGB", (long_side, long_side))  # decode at a reduced scale: much faster
    im = ImageOps.exif_transpose(im)
    if im.mode not in ("RGB", "L"):
        background = Image.new("RGB", im.size, "white")
        rgba = im.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        im = background
    return im


def _render(source: Path, target: Path, long_side: int, quality: int) -> PreparedImage:
    im = _open_upright(source, long_side)
    if max(im.size) > long_side:
        im.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality, optimize=True, progressive=False)
    data = out.getvalue()
    write_work(target, data)
    return PreparedImage(target, im.width, im.height, len(data))


def _measure(path: Path) -> PreparedImage:
    allow_heif(path)
    with vault.open_read(path) as fh, Image.open(fh) as im:
        width, height = im.size
    return PreparedImage(path, width, height, vault.plain_size(path))


class ImageSet:
    """The images of one export at the current level, made on demand in a temp folder."""

    def __init__(self, exhibits: Sequence[Exhibit], workdir: Path) -> None:
        self.exhibits = [x for x in exhibits if x.kind == "image"]
        self.workdir = workdir
        self.level = 0
        self.images: dict[int, PreparedImage] = {}
        self.unreadable: dict[int, ExhibitProblem] = {}
        self.sources: dict[int, Path] = {}  # the print copy each image is made from
        self.remade: list[Exhibit] = []  # whose stored print copy could not be used
        self.remade_redacted: list[Exhibit] = []  # whose stored redacted copy could not be
        # redacted PDF exhibits: their pages are merged in from the redacted copy, never whole
        self.redacted_pdfs = [x for x in exhibits if x.kind == "pdf" and x.redaction is not None]
        self.pdf_copies: dict[int, Path | ExhibitProblem] = {}

    def check_copies(self, step: Callable[[], None] = lambda: None) -> None:
        """Choose each image's print copy: the stored one when it hashes to its record, else one
        made afresh from the (verified) original here."""
        for exhibit in self.exhibits:
            key = exhibit.record.id
            if exhibit.redaction is not None:  # printed from its redacted copy, never whole
                self._redacted_copy(exhibit)
                step()
                continue
            stored = exhibit.rendition
            try:
                good = (stored is not None and exhibit.rendition_sha256 is not None
                        and plain_digest(stored)[0] == exhibit.rendition_sha256)
            except (OSError, EncryptedFileDamaged):
                good = False
            if good and stored is not None:
                self.sources[key] = stored
            else:
                fresh = self.workdir / f"copy-{key}.jpg"
                try:
                    code = make_print_copy(exhibit.path, fresh, exhibit.record.mime)
                except OSError as exc:
                    code = str(exc)
                if code == PREVIEW_OK:
                    self.sources[key] = fresh
                    if exhibit.record.preview:
                        self.remade.append(exhibit)
                elif code == PREVIEW_TOO_LARGE:
                    self.unreadable[key] = ExhibitProblem(
                        tr("the image is too large to print"), "too_large")
                else:
                    self.unreadable[key] = ExhibitProblem(
                        tr("the image cannot be decoded ({reason})", reason=code))
            step()
        for exhibit in self.redacted_pdfs:
            self.pdf_copies[exhibit.record.id] = self._redacted_pdf(exhibit)

    def pdf_source(self, exhibit: Exhibit) -> Path:
        """The PDF whose pages the dossier shows for ``exhibit``: its redacted copy when it has
        a redaction (ExhibitProblem when that cannot be had: never the original instead),
        else the original."""
        if exhibit.redaction is None:
            return exhibit.path
        copy = self.pdf_copies.get(exhibit.record.id)
        if copy is None:
            copy = self.pdf_copies[exhibit.record.id] = self._redacted_pdf(exhibit)
        if isinstance(copy, ExhibitProblem):
            raise copy
        return copy

    def _redacted_pdf(self, exhibit: Exhibit) -> Path | ExhibitProblem:
        """A redacted PDF exhibit's copy: the stored one when it hashes to its record, else
        one made here from the verified original with the same boxes."""
        from desktop_app.evidence.pdf_redaction import (  # deferred: PDFium, when redacted
            redacted_pdf,
        )

        redaction = exhibit.redaction
        assert redaction is not None
        try:
            if exhibit.redacted is not None and \
                    plain_digest(exhibit.redacted)[0] == redaction.sha256:
                return exhibit.redacted
        except (OSError, EncryptedFileDamaged):
            pass
        fresh = self.workdir / f"redacted-{exhibit.record.id}.pdf"
        try:
            write_work(fresh, redacted_pdf(exhibit.path, redaction.by_page()))
        except Invalid as exc:
            return ExhibitProblem(str(exc))
        self.remade_redacted.append(exhibit)
        return fresh

    def _redacted_copy(self, exhibit: Exhibit) -> None:
        """The print copy of a redacted exhibit, made here from its redacted copy when that
        hashes to its record, else from the verified original with the same boxes."""
        key = exhibit.record.id
        redaction = exhibit.redaction
        assert redaction is not None
        source = exhibit.redacted
        try:
            good = source is not None and plain_digest(source)[0] == redaction.sha256
        except (OSError, EncryptedFileDamaged):
            good = False
        if not good or source is None:
            source = self.workdir / f"redacted-{key}.png"
            try:
                write_work(source, redacted_png(exhibit.path, redaction.boxes))
            except Invalid as exc:
                self.unreadable[key] = ExhibitProblem(str(exc))
                return
            self.remade_redacted.append(exhibit)
        fresh = self.workdir / f"copy-{key}.jpg"
        try:
            code = make_print_copy(source, fresh, "image/png")
        except OSError as exc:
            code = str(exc)
        if code == PREVIEW_OK:
            self.sources[key] = fresh
        else:
            self.unreadable[key] = ExhibitProblem(
                tr("the image cannot be decoded ({reason})", reason=code))

    def prepare(self, level: int, step: Callable[[], None] = lambda: None,
                cancelled: Callable[[], bool] = lambda: False) -> int:
        """Make every image at ``level``; returns their total size in bytes."""
        long_side, quality = IMAGE_LEVELS[level]

        def one(exhibit: Exhibit) -> tuple[int, PreparedImage | None, str]:
            key = exhibit.record.id
            source = self.sources.get(key)
            if cancelled() or source is None:
                return key, None, ""
            try:
                if level == 0:
                    return key, _measure(source), ""
                target = self.workdir / f"img-{key}-{level}.jpg"
                return key, _render(source, target, long_side, quality), ""
            except Exception as exc:  # Pillow cannot read it: shown as a file supplied apart
                return key, None, str(exc) or type(exc).__name__

        images: dict[int, PreparedImage] = {}
        with ThreadPoolExecutor(max_workers=_workers()) as pool:
            for key, image, problem in pool.map(one, self.exhibits):
                if image is not None:
                    images[key] = image
                elif problem:
                    self.unreadable[key] = ExhibitProblem(problem)
                step()
        self.images = images
        self.level = level
        return sum(i.size for i in images.values())

    @property
    def total(self) -> int:
        return sum(i.size for i in self.images.values())

    @property
    def long_side(self) -> int:
        return IMAGE_LEVELS[self.level][0]


# ---- e-mail and text -------------------------------------------------------------------------


@dataclass(frozen=True)
class MailView:
    headers: tuple[tuple[str, str], ...]  # (key, value): "from", "to", "cc", "date", "subject"
    body: str
    attachments: tuple[str, ...]
    truncated: bool


def decode_text(data: bytes) -> str:
    """Text of unknown encoding: UTF-8 (with or without BOM), else GB18030 (which covers GB2312
    and GBK, what Chinese banks' files are in), else Latin-1 (never fails)."""
    for codec in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _cut(text: str) -> tuple[str, bool]:
    if len(text) <= MAX_TEXT_CHARS:
        return text, False
    return text[:MAX_TEXT_CHARS], True


def read_email(path: Path) -> MailView:
    from desktop_app.evidence.mail import (  # deferred: e-mail exhibits only
        MalformedEmail,
        format_addresses,
        parse_email,
    )

    data = vault.read_bytes(path)
    try:
        mail = parse_email(data)
    except MalformedEmail as exc:
        raise ValueError(tr("it cannot be read as an e-mail: {reason}", reason=exc.reason)
                         ) from exc
    headers = [("from", format_addresses(mail.sender)), ("to", format_addresses(mail.to))]
    if mail.cc:
        headers.append(("cc", format_addresses(mail.cc)))
    if mail.date is not None:
        headers.append(("date", to_local(mail.date).strftime("%Y-%m-%d %H:%M:%S %z")))
    headers.append(("subject", mail.subject))
    body, truncated = _cut(mail.body)
    names = tuple(f"{a.filename} ({len(a.data):,} B)" for a in mail.attachments)
    return MailView(tuple(headers), body, names + mail.empty_attachments, truncated)


def read_text(path: Path, mime: str) -> tuple[str, bool]:
    with vault.open_read(path) as fh:
        data = fh.read(MAX_TEXT_CHARS * 4 + 4)
    text = decode_text(data)
    if mime == "text/html":
        from desktop_app.evidence.mail import html_to_text  # deferred: as read_email's

        text = html_to_text(text)
    cut, truncated = _cut(text)
    return cut, truncated or vault.plain_size(path) > len(data)


# ---- PDF exhibits -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfInfo:
    sizes: tuple[tuple[float, float], ...]  # points, as displayed (rotation applied)
    unembedded_fonts: tuple[str, ...]  # fonts the exhibit uses without carrying them


def _unembedded(reader: Any) -> set[str]:
    """Fonts the document's pages name without embedding them (a reader without them shows
    substitutes; for Chinese fonts such as SimSun, possibly nothing)."""
    missing: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        if fonts is None:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if font.get("/Subtype") == "/Type3":
                continue
            described = font
            descendants = font.get("/DescendantFonts")
            if descendants is not None:
                described = descendants.get_object()[0].get_object()
            descriptor = described.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont", "?")).lstrip("/"))
    return missing


def pdf_info(path: Path) -> PdfInfo:
    """The pages of a PDF exhibit and the fonts it does not embed. Raises ExhibitProblem with
    a reason when the file cannot be used (password-protected, damaged, empty): whatever the
    bytes, nothing else escapes."""
    from pypdf import PdfReader  # deferred: PDF exhibits only (~50 ms)

    try:
        reader = PdfReader(io.BytesIO(vault.read_bytes(path)))  # as pypdf reads a path
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExhibitProblem(tr("it is password-protected"), "password")
        sizes = []
        for page in reader.pages:
            box = page.cropbox
            width, height = float(box.width), float(box.height)
            if (page.rotation or 0) % 180:
                width, height = height, width
            if not (width > 0 and height > 0):
                raise ExhibitProblem(tr("it has a page without a size"))
            sizes.append((width, height))
        try:
            unembedded = _unembedded(reader)
        except Exception:  # only a warning is made of it: a damaged font entry is no reason
            unembedded = set()
    except ExhibitProblem:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise ExhibitProblem(tr("it cannot be read as a PDF ({kind})", kind=type(exc).__name__)
                             ) from exc
    if not sizes:
        raise ExhibitProblem(tr("it has no pages"))
    return PdfInfo(tuple(sizes), tuple(sorted(unembedded)))
