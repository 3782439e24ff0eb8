# mypy: disallow-subclassing-any=False
# (ReportLab has no type information: its classes are Any to mypy.)
"""The page: paper, margins, type scale, header and footer, and the flowables the story is
made of (ReportLab).

A :class:`DossierDoc` (a ``BaseDocTemplate`` with a cover and a body page template) lays the
story out in one pass. Its canvas (:class:`DossierCanvas`) holds every page back until the end
(the numbered-canvas recipe), so that what is known only then is drawn then: "page X of Y", the
page numbers in the contents and in the evidence list. Page numbers take fixed room, so drawing
them late moves nothing, and a second layout pass (``multiBuild``), which costs as much as the
first, is not needed. The canvas also draws the synthetic bold face.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame

from desktop_app.dossier.fonts import BOLD, MONO, SANS, SYNTHETIC_BOLD
from desktop_app.store import vault

PAPER_SIZES = {"a4": A4, "letter": LETTER}

INK = colors.HexColor("#111827")
MUTED = colors.HexColor("#4b5563")
FAINT = colors.HexColor("#9ca3af")
RULE = colors.HexColor("#c7ccd4")
FILL = colors.HexColor("#eef1f5")
ACCENT = colors.HexColor("#1f3a5f")
ALERT = colors.HexColor("#a61b1b")

LEFT_MARGIN = 25 * mm  # room to punch or bind on the left
RIGHT_MARGIN = 20 * mm
TOP_MARGIN = 24 * mm
BOTTOM_MARGIN = 22 * mm


class Styles:
    """The type scale: one body size, two heading levels, table text, small print."""

    def __init__(self, lang: str) -> None:
        cjk = lang == "zh"
        wrap = "CJK" if cjk else None
        body_size, body_leading = (10.5, 17.5) if cjk else (10, 15)

        def style(name: str, **kw: Any) -> ParagraphStyle:
            kw.setdefault("fontName", SANS)
            kw.setdefault("textColor", INK)
            kw.setdefault("wordWrap", wrap)
            return ParagraphStyle(name, **kw)

        self.cjk = cjk
        self.body = style("body", fontSize=body_size, leading=body_leading, spaceAfter=5)
        self.body_indent = style("bodyIndent", parent=self.body,
                                 firstLineIndent=2 * body_size if cjk else 0)
        self.title = style("title", fontName=BOLD, fontSize=24, leading=32, alignment=TA_CENTER,
                           spaceAfter=6)
        self.subtitle = style("subtitle", fontSize=14, leading=21, alignment=TA_CENTER,
                              textColor=INK, spaceAfter=4)
        self.h1 = style("h1", fontName=BOLD, fontSize=15, leading=22, spaceAfter=10,
                        textColor=ACCENT, keepWithNext=1)
        self.h2 = style("h2", fontName=BOLD, fontSize=11.5, leading=17, spaceBefore=10,
                        spaceAfter=5, keepWithNext=1)
        self.exhibit_h = style("exhibitH", fontName=BOLD, fontSize=13, leading=19,
                               spaceAfter=3, textColor=ACCENT)
        self.cell = style("cell", fontSize=8.6, leading=12)
        self.cell_bold = style("cellBold", parent=self.cell, fontName=BOLD)
        self.cell_head = style("cellHead", parent=self.cell, fontName=BOLD, textColor=INK)
        self.cell_muted = style("cellMuted", parent=self.cell, textColor=MUTED)
        self.cell_right = style("cellRight", parent=self.cell, alignment=TA_RIGHT)
        self.cell_center = style("cellCenter", parent=self.cell, alignment=TA_CENTER)
        self.cell_alert = style("cellAlert", parent=self.cell, fontName=BOLD, textColor=ALERT)
        self.label = style("label", fontSize=9.5, leading=14, textColor=MUTED)
        self.value = style("value", fontSize=10.5, leading=15)
        self.value_bold = style("valueBold", parent=self.value, fontName=BOLD)
        self.small = style("small", fontSize=8.5, leading=12.5, textColor=MUTED, spaceAfter=3)
        self.detail = style("detail", fontSize=8.2, leading=11.5, textColor=colors.HexColor(
            "#374151"))
        self.mono = style("mono", fontName=MONO, fontSize=7, leading=10, wordWrap=None)
        self.mono_big = style("monoBig", fontName=MONO, fontSize=8.6, leading=12, wordWrap=None)
        self.mail_body = style("mailBody", fontSize=9.5, leading=14.5, spaceAfter=4)
        self.toc0 = style("toc0", fontSize=11, leading=22, leftIndent=0, textColor=INK)
        self.toc1 = style("toc1", fontSize=9.5, leading=16, leftIndent=14, textColor=MUTED)

    def for_text(self, style: ParagraphStyle, text: str) -> ParagraphStyle:
        """``style``, wrapping Chinese-style when ``text`` holds CJK (in an English dossier the
        complainant's own words are often Chinese)."""
        if style.wordWrap == "CJK" or not any(ord(c) >= 0x2E80 for c in text):
            return style
        return ParagraphStyle(style.name + "CJK", parent=style, wordWrap="CJK")


class BoldableText(PDFTextObject):
    """A text object that draws the synthetic bold fonts filled and stroked (render mode 2),
    and keeps the stroke colour equal to the fill colour."""

    _bold = False

    def _render_mode(self, name: str, size: float) -> None:
        bold = name in SYNTHETIC_BOLD
        if bold:
            self._code.append(f"2 Tr {size * 0.038:.3f} w")
        elif self._bold:
            self._code.append("0 Tr")
        self._bold = bold

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        super().setFont(psfontname, size, leading)
        self._render_mode(psfontname, size)

    def _setFont(self, psfontname: str, size: float) -> None:
        super()._setFont(psfontname, size)
        self._render_mode(psfontname, size)

    def setFillColor(self, aColor: Any, alpha: Any = None) -> None:
        super().setFillColor(aColor, alpha)
        super().setStrokeColor(aColor, alpha)


class DossierCanvas(Canvas):
    """Keeps every page until the end, then writes "page X of Y" on each (the numbered-canvas
    recipe); text objects draw the synthetic bold.

    Bookmarks are held back with their page: ReportLab binds a bookmark to the page being
    written, which while pages are held back would be the first one.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._page_bookmarks: list[tuple[str, dict[str, Any]]] = []
        self._page_later: list[tuple[tuple[float, ...], Callable[[Canvas], None]]] = []

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> BoldableText:
        return BoldableText(self, x, y, direction)

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        self._page_bookmarks.append((key, kwargs))

    def draw_later(self, draw: Callable[[Canvas], None]) -> None:
        """Call ``draw(canvas)`` on this page, where the drawing origin is now, once every page
        has been laid out (for what is known only then: page numbers)."""
        self._page_later.append((self._currentMatrix, draw))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._page_later = []
        self._startPage()

    def save(self) -> None:
        pages = self._pages
        total = len(pages)
        doc: DossierDoc | None = getattr(self, "dossier_doc", None)
        for state in pages:
            self.__dict__.update(state)
            for key, kwargs in self._page_bookmarks:
                Canvas.bookmarkPage(self, key, **kwargs)
            for matrix, draw in self._page_later:
                self.saveState()
                self.transform(*matrix)
                draw(self)
                self.restoreState()
            if doc is not None:
                doc.draw_page_number(self, self._pageNumber, total)
            Canvas.showPage(self)
        self._pages = []
        Canvas.save(self)


@dataclass
class Furniture:
    """What every page carries: the case's number and title at the top, its number and the
    page count at the bottom."""

    code: str
    title: str
    doc_name: str
    generated: str
    page_of: Callable[[int, int], str]


@dataclass
class BuildState:
    """What a pass learns that the next needs, and what the last pass leaves for the merge."""

    exhibit_pages: dict[int, int] = field(default_factory=dict)  # evidence id -> first page
    section_pages: dict[str, int] = field(default_factory=dict)  # bookmark key -> page
    pdf_slots: dict[tuple[int, int], tuple[int, float, float, float, float]] = field(
        default_factory=dict)  # (evidence id, page index) -> (page no, x, y, w, h)
    on_flowable: Callable[[], None] = lambda: None


class DossierDoc(BaseDocTemplate):
    def __init__(self, filename: str | Any, *, paper: str, furniture: Furniture,
                 state: BuildState, **kw: Any) -> None:
        super().__init__(filename, pagesize=PAPER_SIZES[paper], leftMargin=LEFT_MARGIN,
                         rightMargin=RIGHT_MARGIN, topMargin=TOP_MARGIN,
                         bottomMargin=BOTTOM_MARGIN, initialFontName=SANS,
                         displayDocTitle=1, **kw)
        self.furniture = furniture
        self.state = state
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate(id="cover", frames=[frame], onPage=self._cover_page),
            PageTemplate(id="body", frames=[frame], onPage=self._body_page),
        ])

    # ---- page furniture ----------------------------------------------------------------------

    def _cover_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._footer(canv)

    def _body_page(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        self._header(canv)
        self._footer(canv)

    def _header(self, canv: Canvas) -> None:
        f = self.furniture
        width, height = self.pagesize
        y = height - TOP_MARGIN + 9 * mm
        canv.saveState()
        canv.setFont(SANS, 8.5)
        canv.setFillColor(MUTED)
        right = f.doc_name
        right_w = stringWidth(right, SANS, 8.5)
        room = self.width - right_w - 12 * mm
        left = _fit(f"{f.code}  {f.title}", SANS, 8.5, room)
        canv.drawString(LEFT_MARGIN, y, left)
        canv.drawRightString(width - RIGHT_MARGIN, y, right)
        canv.setStrokeColor(ACCENT)
        canv.setLineWidth(0.8)
        canv.line(LEFT_MARGIN, y - 2.6 * mm, width - RIGHT_MARGIN, y - 2.6 * mm)
        canv.restoreState()

    def _footer(self, canv: Canvas) -> None:
        f = self.furniture
        width, _height = self.pagesize
        y = BOTTOM_MARGIN - 12 * mm
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(LEFT_MARGIN, y + 4.2 * mm, width - RIGHT_MARGIN, y + 4.2 * mm)
        canv.setFont(SANS, 8)
        canv.setFillColor(MUTED)
        canv.drawString(LEFT_MARGIN, y, _fit(f"{f.code} · {f.generated}", SANS, 8,
                                             self.width * 0.6))
        canv.restoreState()

    def draw_page_number(self, canv: Canvas, page: int, total: int) -> None:
        width, _height = self.pagesize
        canv.saveState()
        canv.setFont(SANS, 8.5)
        canv.setFillColor(INK)
        canv.drawRightString(width - RIGHT_MARGIN, BOTTOM_MARGIN - 12 * mm,
                             self.furniture.page_of(page, total))
        canv.restoreState()

    # ---- outline, contents and page references --------------------------------------------

    def beforeDocument(self) -> None:
        self.canv.dossier_doc = self  # for the page numbers, written when the canvas is saved
        self.canv.showOutline()

    def afterFlowable(self, flowable: Flowable) -> None:
        self.state.on_flowable()
        outline = getattr(flowable, "outline", None)
        if outline is not None:
            level, text, key = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            self.state.section_pages.setdefault(key, self.page)
        evidence_id = getattr(flowable, "evidence_id", None)
        if evidence_id is not None:
            self.state.exhibit_pages.setdefault(evidence_id, self.page)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class Para(Paragraph):
    """A paragraph that remembers how it wrapped: a table wraps each cell once to measure the
    row and again to draw it, at the same width; the second time costs nothing."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return width, height


class Heading(Paragraph):
    """A heading that is also a bookmark (and an outline entry)."""

    def __init__(self, markup: str, style: ParagraphStyle, *, plain: str, key: str, level: int,
                 evidence_id: int | None = None) -> None:
        super().__init__(markup, style)
        self.outline = (level, plain, key)
        self.evidence_id = evidence_id


class Contents(Flowable):
    """The contents: one line per section, dotted leaders, the page drawn once known."""

    def __init__(self, entries: list[tuple[str, str]], style: ParagraphStyle,
                 state: BuildState) -> None:
        super().__init__()
        self.entries = entries  # (title, bookmark key); our own labels: no fallback needed
        self.style = style
        self.state = state

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.style.leading * len(self.entries)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        style = self.style
        number_room = stringWidth("0000", style.fontName, style.fontSize)
        dot = stringWidth(" .", style.fontName, style.fontSize)
        for n, (plain, key) in enumerate(self.entries):
            baseline = self.height - (n + 1) * style.leading + style.leading * 0.3
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(INK)
            canv.drawString(0, baseline, plain)
            start = stringWidth(plain, style.fontName, style.fontSize) + 6
            stop = self.width - number_room - 4
            canv.setFillColor(FAINT)
            x = start
            while x + dot <= stop:
                canv.drawString(x, baseline, " .")
                x += dot
            canv.linkRect("", key, (0, baseline - 3, self.width, baseline + style.fontSize),
                          relative=1, thickness=0)

            def number(c: Canvas, key: str = key, baseline: float = baseline) -> None:
                page = self.state.section_pages.get(key)
                c.setFont(style.fontName, style.fontSize)
                c.setFillColor(INK)
                c.drawRightString(self.width, baseline, "" if page is None else str(page))

            canv.draw_later(number)


class PageRef(Flowable):
    """The page an exhibit begins on, drawn once every page is laid out."""

    def __init__(self, state: BuildState, evidence_id: int, style: ParagraphStyle) -> None:
        super().__init__()
        self.state = state
        self.evidence_id = evidence_id
        self.style = style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        style, width, baseline = self.style, self.width, self.height - self.style.fontSize

        def number(canv: Canvas) -> None:
            page = self.state.exhibit_pages.get(self.evidence_id)
            text = "" if page is None else str(page)
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            if style.alignment == TA_RIGHT:
                canv.drawRightString(width, baseline, text)
            elif style.alignment == TA_CENTER:
                canv.drawCentredString(width / 2, baseline, text)
            else:
                canv.drawString(0, baseline, text)

        self.canv.draw_later(number)
        self.canv.linkRect("", f"exhibit-{self.evidence_id}", (0, 0, self.width, self.height),
                           relative=1, thickness=0)


def drawable(path: str) -> str | ImageReader:
    """What ReportLab draws the picture at ``path`` from: the file itself when it is plain (its
    JPEG embedded as it is), else its plain bytes, read now (a locked book's export seals its
    pictures: see :func:`desktop_app.dossier.exhibits.write_work`)."""
    if not vault.is_sealed(Path(path)):
        return path
    return ImageReader(io.BytesIO(vault.read_bytes(Path(path))))


class FittedImage(Flowable):
    """A picture scaled to the room left on the page, never enlarged beyond ``max_scale`` points
    per pixel (a small screenshot stays small rather than blurred), with a hairline border."""

    def __init__(self, path: str, width_px: int, height_px: int, *, max_scale: float = 0.75,
                 reserve: float = 0) -> None:
        super().__init__()
        self.path = path
        self.px = (width_px, height_px)
        self.max_scale = max_scale
        self.reserve = reserve
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        w, h = self.px
        room = max(availHeight - self.reserve, 40)
        scale = min(availWidth / w, room / h, self.max_scale)
        self.width, self.height = w * scale, h * scale
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.drawImage(drawable(self.path), 0, 0, self.width, self.height)
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


class PdfPageSlot(Flowable):
    """Room for one page of a PDF exhibit, which is merged in after the build (ReportLab cannot
    import PDF pages). Records where the page is to go; draws its border and caption."""

    CAPTION = 14.0

    def __init__(self, state: BuildState, evidence_id: int, index: int,
                 size: tuple[float, float], caption: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.state = state
        self.key = (evidence_id, index)
        self.page_size = size
        self.caption = caption
        self.style = style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = availHeight - 1  # the rest of the frame
        return self.width, self.height

    def _box(self) -> tuple[float, float, float, float]:
        """Where the page goes, relative to this flowable: (x, y, w, h)."""
        pw, ph = self.page_size
        room_w, room_h = self.width, self.height - self.CAPTION
        scale = min(room_w / pw, room_h / ph, 1.0)
        w, h = pw * scale, ph * scale
        return (room_w - w) / 2, room_h - h, w, h

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        bx, by, bw, bh = self._box()
        self.state.pdf_slots[self.key] = (canvas.getPageNumber(), x + bx, y + by, bw, bh)
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        canv = self.canv
        bx, by, bw, bh = self._box()
        canv.setFont(self.style.fontName, self.style.fontSize)
        canv.setFillColor(MUTED)
        canv.drawCentredString(self.width / 2, self.height - self.CAPTION + 4, self.caption)
        canv.setStrokeColor(FAINT)
        canv.setLineWidth(0.5)
        canv.rect(bx - 0.5, by - 0.5, bw + 1, bh + 1, stroke=1, fill=0)


class Anchor(Flowable):
    """A zero-size mark: a bookmark and outline entry at a place in the story."""

    def __init__(self, *, plain: str, key: str, level: int) -> None:
        super().__init__()
        self.outline = (level, plain, key)
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


__all__ = ["ACCENT", "ALERT", "FAINT", "FILL", "INK", "MONO", "MUTED", "PAPER_SIZES", "RULE",
           "TA_CENTER", "TA_LEFT", "TA_RIGHT", "Anchor", "BuildState", "Contents",
           "DossierCanvas", "DossierDoc", "FittedImage", "Furniture", "Heading", "PageRef", "Para",
           "PdfPageSlot", "Styles"]


# A table's own font (ReportLab's default is Helvetica, which would not be embedded): our cells
# are paragraphs, but the table still sets it.
TABLE_FONT: list[tuple[Any, ...]] = [("FONT", (0, 0), (-1, -1), SANS, 8.6)]


def table_style(rows: int, header: bool = True) -> list[tuple[Any, ...]]:
    """A ruled table: strong rules at top and bottom, a shaded header, hairlines between rows."""
    cmds: list[tuple[Any, ...]] = [
        *TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, INK),
        ("LINEBELOW", (0, -1), (-1, -1), 0.9, INK),
    ]
    if header:
        cmds += [("BACKGROUND", (0, 0), (-1, 0), FILL),
                 ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK)]
    return cmds
