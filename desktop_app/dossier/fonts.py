"""Fonts for the dossier, all embedded, and text made safe for them.

The body font is the bundled WenQuanYi Micro Hei (TrueType, so ReportLab embeds it; its
second face is a monospaced one, used for digests). It has no bold face: a second registration of
the same font is drawn filled *and* stroked (PDF text render mode 2) by the dossier's canvas, a
synthetic bold that is visibly heavier. Characters the font lacks go to a fallback font when
one is installed (DejaVu Sans), and otherwise are written as their code point, ``[U+1F3E6]``, and
reported: nothing the user typed disappears without a word.
"""

from __future__ import annotations

import os
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import textsplit as rl_textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont
from reportlab.platypus import paragraph as rl_paragraph

from desktop_app.store.paths import RESOURCES_DIR

CJK_FONT_FILE = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
SANS = "CasebookSans"
BOLD = "CasebookSans-Bold"
MONO = "CasebookMono"
FALLBACK = "CasebookFallback"
FALLBACK_BOLD = "CasebookFallback-Bold"
SYNTHETIC_BOLD = frozenset({BOLD, FALLBACK_BOLD})

def fallback_candidates(environ: Mapping[str, str] | None = None,
                        home: Path | None = None) -> tuple[str, ...]:
    """Where a second font with wide symbol coverage may be found (the first that exists is
    used): Linux's DejaVu, macOS's font folders, Windows' (``%WINDIR%``, not C: only)."""
    env = os.environ if environ is None else environ
    windows = env.get("WINDIR") or env.get("SystemRoot") or "C:/Windows"
    if home is None:
        try:
            home = Path.home()
        except RuntimeError:  # no home folder to be found
            home = Path("/nonexistent")
    return (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/local/share/fonts/DejaVuSans.ttf",
        str(home / "Library/Fonts/DejaVuSans.ttf"),
        "/Library/Fonts/DejaVuSans.ttf",
        "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
        "/Library/Fonts/Arial Unicode.ttf",
        f"{windows}/Fonts/DejaVuSans.ttf",
        f"{windows}/Fonts/seguisym.ttf",
    )


FALLBACK_CANDIDATES = fallback_candidates()

# Chinese punctuation that may not begin a line. ReportLab's CJK wrap knows the Japanese set,
# which lacks the full-width comma, colon, semicolon, ! and ?; a line starting "，" looks
# broken. The character is then kept on the line before, hanging into the margin.
CANNOT_START_LINE = "。、，：；！？）］｝》〉」』】〕〗〙”’…％"

_lock = threading.Lock()
_registered: FontSet | None = None


class FontSet:
    """The registered fonts and which characters each can draw. The fallback font is found
    and registered only when some text needs it."""

    def __init__(self, main: frozenset[int],
                 fallback_candidates: Iterable[str | Path] = FALLBACK_CANDIDATES) -> None:
        self.main = main
        self._candidates = tuple(fallback_candidates)
        self._fallback: frozenset[int] | None = None
        self.fallback_file: Path | None = None

    @property
    def fallback(self) -> frozenset[int]:
        """The characters the fallback font has (none if there is no fallback font)."""
        with _lock:
            if self._fallback is None:
                self._fallback = self._register_fallback()
            return self._fallback

    def _register_fallback(self) -> frozenset[int]:
        for candidate in self._candidates:
            path = Path(candidate)
            if not path.is_file():
                continue
            try:
                fallback = TTFont(FALLBACK, str(path))
            except Exception:  # not a TrueType font ReportLab can embed: try the next
                continue
            pdfmetrics.registerFont(fallback)
            pdfmetrics.registerFont(_alias(fallback, FALLBACK_BOLD))
            pdfmetrics.registerFontFamily(FALLBACK, normal=FALLBACK, bold=FALLBACK_BOLD,
                                          italic=FALLBACK, boldItalic=FALLBACK_BOLD)
            self.fallback_file = path
            return _cmap(fallback)
        return frozenset()


def _cmap(font: TTFont) -> frozenset[int]:
    return frozenset(font.face.charToGlyph)


def _alias(font: TTFont, name: str) -> TTFont:
    """The same font under another name (the synthetic bold), sharing the parsed font file:
    parsing the CJK font again would cost a third of a second. Only the per-document subset
    state is its own."""
    alias: TTFont = TTFont.__new__(TTFont)
    alias.__dict__.update(font.__dict__)
    alias.fontName = name
    alias.encoding = TTEncoding()
    alias.state = WeakKeyDictionary()
    return alias


def register_fonts(extra_fallbacks: Iterable[str | Path] = ()) -> FontSet:
    """Register the dossier's fonts with ReportLab (once per process)."""
    global _registered
    with _lock:
        if _registered is not None:
            return _registered
        # Binary streams: ReportLab's default wraps images and pages in ASCII85, a quarter
        # bigger, for the sake of 7-bit channels no dossier goes through.
        rl_config.useA85 = 0
        for module in (rl_paragraph, rl_textsplit):  # the two wrapping routines' copies
            module.ALL_CANNOT_START += "".join(c for c in CANNOT_START_LINE
                                              if c not in module.ALL_CANNOT_START)
        main = TTFont(SANS, str(CJK_FONT_FILE), subfontIndex=0)
        pdfmetrics.registerFont(main)
        pdfmetrics.registerFont(_alias(main, BOLD))
        pdfmetrics.registerFont(TTFont(MONO, str(CJK_FONT_FILE), subfontIndex=1))
        pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS,
                                      boldItalic=BOLD)
        _registered = FontSet(_cmap(main), (*extra_fallbacks, *FALLBACK_CANDIDATES))
        return _registered


def _invisible(char: str) -> bool:
    """Format characters that draw nothing: joiners, variation selectors, BOM."""
    return unicodedata.category(char) in ("Cf", "Mn") and (
        0xFE00 <= ord(char) <= 0xFE0F or 0xE0100 <= ord(char) <= 0xE01EF
        or unicodedata.category(char) == "Cf")


@dataclass
class TextGuard:
    """Turns user text into Paragraph markup the fonts can draw, and remembers what they
    could not (for the export's warnings)."""

    fonts: FontSet
    missing: Counter[str] = field(default_factory=Counter)
    fell_back: Counter[str] = field(default_factory=Counter)

    def markup(self, text: str, *, breaks: bool = True) -> str:
        """``text`` escaped for Paragraph markup, line breaks kept as ``<br/>`` (or spaces),
        runs of characters the main font lacks wrapped in the fallback font."""
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        main = self.fonts.main
        if all(ord(c) in main or c == "\n" for c in set(text)):
            return self._lines(escape(text), breaks)
        out: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                out.append(f'<font name="{FALLBACK}">{escape("".join(run))}</font>')
                run.clear()

        for char in text:
            code = ord(char)
            if code in main or char == "\n":
                flush()
                out.append(escape(char))
            elif code in self.fonts.fallback:
                self.fell_back[char] += 1
                run.append(char)
            elif _invisible(char):
                continue
            else:
                flush()
                self.missing[char] += 1
                out.append(f"[U+{code:04X}]")
        flush()
        return self._lines("".join(out), breaks)

    def plain(self, text: str) -> str:
        """``text`` for drawing with the main font directly (no markup): what it lacks is
        written as a code point."""
        main = self.fonts.main
        out = []
        for char in text:
            if ord(char) in main:
                out.append(char)
            elif _invisible(char) or char in "\r\n\t":
                out.append(" " if char in "\r\n\t" else "")
            else:
                self.missing[char] += 1
                out.append(f"[U+{ord(char):04X}]")
        return "".join(out)

    @staticmethod
    def _lines(marked: str, breaks: bool) -> str:
        return marked.replace("\n", "<br/>" if breaks else " ")
