"""Looking at an image: HEIC/HEIF decoding, and when a photo was taken (its EXIF).

Pillow is imported only when an image is looked at; a stored image is read through
:mod:`desktop_app.store.vault` (sealed in a locked book).
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone
from functools import cache
from pathlib import Path

from desktop_app.evidence.sniffing import EXTENSIONS
from desktop_app.store import vault
from desktop_app.timeutil import localize

# Images Pillow decodes (HEIC/HEIF, the iPhone camera's format, through pi-heif); other image
# types are kept without a preview.
HEIF_IMAGES = frozenset({"image/heic", "image/heif"})
DECODABLE_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp",
                              "image/bmp", "image/tiff", "image/avif"}) | HEIF_IMAGES
_HEIF_SUFFIXES = frozenset(EXTENSIONS[mime] for mime in HEIF_IMAGES)


@cache
def _register_heif() -> None:
    import pi_heif  # deferred: pi-heif costs ~35 ms to import; only HEIC/HEIF photos need it

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


_EXIF_IFD = 0x8769
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
    from PIL import Image  # deferred: Pillow costs ~110 ms; only images need it

    try:
        allow_heif(path)
        # only the metadata is read here, never the pixels: a huge picture is no bomb to us
        with vault.open_read(path) as source:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                im = Image.open(source)
            with im:
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
