"""Derived files of an image: a thumbnail and a print rendition, each a JPEG in
``evidence/derived/``, made again whenever they are missing; they never replace the original.
Each one's SHA-256 is recorded when it is made (the services do it, in ``derived_file``), so
that a copy changed afterwards is never printed as if it were the original's.

In a locked book the original is read, and the derived files written, sealed (through
:mod:`desktop_app.store.vault`; a worker process is given the key by its pool)."""

from __future__ import annotations

import contextlib
import hashlib
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import EncryptedFileDamaged
from desktop_app.evidence.images import DECODABLE_IMAGES, allow_heif
from desktop_app.store import vault
from desktop_app.store.sealed_files import atomic_writer

if TYPE_CHECKING:
    from PIL import Image

THUMBNAIL_SIZE = 320     # long side of a thumbnail, px
RENDITION_SIZE = 1600    # long side of a print rendition, px
RENDITION_QUALITY = 75
THUMBNAIL_QUALITY = 75
_ORIENTATION = 0x0112

# Why an image has no preview; the services turn these into a note for the user.
PREVIEW_OK = ""
PREVIEW_UNDECODABLE = "undecodable"
PREVIEW_UNSUPPORTED = "unsupported"
PREVIEW_TOO_LARGE = "too_large"

# The derived files of an original, each with its SHA-256 recorded when made (``derived_file``).
THUMB = "thumb"
PRINT = "print"
DERIVED_KINDS = (THUMB, PRINT)


def _flatten(im: Image.Image) -> Image.Image:
    """RGB, transparency over white (what it looks like on paper)."""
    from PIL import Image  # deferred: Pillow costs ~110 ms; only images need it

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
    from PIL import Image  # deferred: Pillow costs ~110 ms; only images need it

    width, height = im.size
    if max(width, height) <= longest:
        return im
    scale = longest / max(width, height)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return im.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _save_jpeg(im: Image.Image, target: Path, quality: int, icc: bytes | None,
               temp_dir: Path | None = None) -> None:
    """Write a JPEG whole or not at all, through a temp file in the store's temp dir (where a
    killed write's leftover is found and removed), sealed in a locked book. A derived file
    can be made again: its rename is not fsynced."""
    target.parent.mkdir(parents=True, exist_ok=True)
    folder = temp_dir if temp_dir is not None else target.parent
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_writer(target, folder=folder, prefix=target.stem, suffix=".part",
                       sync_folder=False) as fh:
        im.save(fh, "JPEG", quality=quality, optimize=True, progressive=True,
                icc_profile=icc or None)


def _printable(original: str, mime: str) -> Image.Image | str:
    """The image upright, flattened, long side at most 1600 px; or a PREVIEW_* code saying
    why it cannot be made. Pillow's warning about very large images is not let out: the
    caller says "too large" when it matters."""
    if not mime.startswith("image/"):
        return PREVIEW_UNSUPPORTED
    from PIL import Image, ImageOps, UnidentifiedImageError  # deferred: Pillow costs ~110 ms

    try:
        allow_heif(mime)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with vault.open_read(Path(original)) as source, Image.open(source) as opened:
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
                if icc:
                    printed.info["icc_profile"] = icc
    except Image.DecompressionBombError:
        return PREVIEW_TOO_LARGE
    except UnidentifiedImageError:
        return PREVIEW_UNDECODABLE if mime in DECODABLE_IMAGES else PREVIEW_UNSUPPORTED
    except Exception:  # truncated or corrupt data: Pillow raises many kinds
        return PREVIEW_UNDECODABLE
    return printed


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
    printed = _printable(original, mime)
    if isinstance(printed, str):
        return printed
    icc = printed.info.get("icc_profile")
    temp = Path(temp_dir) if temp_dir is not None else None
    _save_jpeg(printed, rendition_path, RENDITION_QUALITY, icc, temp)
    _save_jpeg(_fit(printed, THUMBNAIL_SIZE), thumb_path, THUMBNAIL_QUALITY, icc, temp)
    return PREVIEW_OK


def make_print_copy(original: str, target: str, mime: str) -> str:
    """Make the print rendition of an image at ``target`` afresh (whatever is there), exactly
    as :func:`make_derivatives` makes it; return why not, or ""."""
    printed = _printable(original, mime)
    if isinstance(printed, str):
        return printed
    path = Path(target)
    _save_jpeg(printed, path, RENDITION_QUALITY, printed.info.get("icc_profile"), path.parent)
    return PREVIEW_OK


# The digest said of a sealed file that fails its check: it matches no SHA-256 on record, so a
# damaged copy is told apart as a changed one is (made again, repaired, or reported).
DAMAGED = "damaged"


def digest_of(path: Path) -> tuple[str, int]:
    """(SHA-256, size) of a file's plain bytes (read through the vault: a sealed file's are
    its plain ones; one that fails its check is :data:`DAMAGED`). Raises OSError, and
    BookLocked for a sealed file whose key is not known."""
    digest = hashlib.sha256()
    size = 0
    try:
        with vault.open_read(path) as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
    except EncryptedFileDamaged:
        return DAMAGED, size
    return digest.hexdigest(), size


def wants_derivatives(mime: str) -> bool:
    return mime.startswith("image/")


def make_many(jobs: list[tuple[str, str, str, str, str]], workers: int) -> None:
    """Run :func:`make_derivatives` for each job (its arguments) in ``workers`` spawned worker
    processes at a lower priority. Only files are made here (the caller records them); a job
    that fails, or a pool that cannot start, is left for the caller to make in-process."""
    from desktop_app.workers import spawn_pool  # deferred: only batches use a pool

    try:
        with spawn_pool(workers) as pool:
            futures = [pool.submit(make_derivatives, *job) for job in jobs]
            for future in futures:
                with contextlib.suppress(Exception):
                    future.result()
    except Exception:  # workers could not start or died: the caller makes what is missing
        return
