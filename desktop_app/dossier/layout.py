# mypy: disallow-subclassing-any=False
# (ReportLab has no type information: its classes are Any to mypy.)
"""The page: paper, margins, type scale, header and footer, and the flowables the story is
made of (ReportLab).

A :class:`DossierDoc` (a ``BaseDocTemplate`` with a cover and a body page template) is built
with ``multiBuild`` so that the contents and the evidence list can carry page numbers; its
canvas (:class:`DossierCanvas`) holds each page back until the end to write "page X of Y", and
draws the synthetic bold face.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable, Paragraph, TableStyle
from reportlab.platypus.doctemplate import BaseDocTemplate, PageTemplate
from reportlab.platypus.frames import Frame
from reportlab.platypus.tableofcontents import TableOfContents

from desktop_app.dossier.fonts import BOLD, MONO, SANS, SYNTHETIC_BOLD

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
            self._code.append(f"2 Tr {size * 0.032:.3f} w")
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

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> BoldableText:
        return BoldableText(self, x, y, direction)

    def bookmarkPage(self, key: str, **kwargs: Any) -> None:
        self._page_bookmarks.append((key, kwargs))

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._page_bookmarks = []
        self._startPage()

    def save(self) -> None:
        pages = self._pages
        total = len(pages)
        doc: DossierDoc | None = getattr(self, "dossier_doc", None)
        for state in pages:
            self.__dict__.update(state)
            for key, kwargs in self._page_bookmarks:
                Canvas.bookmarkPage(self, key, **kwargs)
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
    pdf_slots: dict[tuple[int, int], tuple[int, float, float, float, float]] = field(
        default_factory=dict)  # (evidence id, page index) -> (page no, x, y, w, h)
    on_flowable: Callable[[], None] = lambda: None


class DossierDoc(BaseDocTemplate):
    def __init__(self, filename: str, *, paper: str, furniture: Furniture, state: BuildState,
                 **kw: Any) -> None:
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
            level, text, key, in_toc, toc_markup = outline
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
            if in_toc:
                self.notify("TOCEntry", (level, toc_markup, self.page, key))
        evidence_id = getattr(flowable, "evidence_id", None)
        if evidence_id is not None and getattr(flowable, "first_page_of_exhibit", False):
            self.notify("ExhibitPage", (evidence_id, self.page))
            self.state.exhibit_pages[evidence_id] = self.page


def _fit(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width``."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


class Heading(Paragraph):
    """A heading that is also a bookmark (and, for sections, a line in the contents)."""

    def __init__(self, markup: str, style: ParagraphStyle, *, plain: str, key: str, level: int,
                 in_toc: bool = True, evidence_id: int | None = None) -> None:
        super().__init__(markup, style)
        self.outline = (level, plain, key, in_toc, markup)
        self.evidence_id = evidence_id
        self.first_page_of_exhibit = evidence_id is not None


class Contents(TableOfContents):
    """The contents, with dotted leaders, in the dossier's fonts."""

    def __init__(self, styles: Styles) -> None:
        super().__init__(dotsMinLevel=0)
        self.levelStyles = [styles.toc0, styles.toc1]
        self.tableStyle = TableStyle([("FONT", (0, 0), (-1, -1), SANS, 10),
                                      ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                      ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                      ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


class PageIndex(Flowable):
    """Collects the page each exhibit begins on, pass by pass (an indexing flowable: the build
    goes on until the pages stop moving). Takes no room."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[int, int] = {}  # what the last pass found: what references show
        self._found: dict[int, int] = {}
        self._satisfied = False
        self.width = self.height = 0

    def isIndexing(self) -> int:
        return 1

    def isSatisfied(self) -> bool:
        return self._satisfied

    def beforeBuild(self) -> None:
        self._found = {}

    def afterBuild(self) -> None:
        self._satisfied = self._found == self.pages
        self.pages = self._found

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "ExhibitPage":
            evidence_id, page = stuff
            self._found.setdefault(evidence_id, page)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class PageRef(Flowable):
    """A page number known only after a pass: drawn from the :class:`PageIndex`."""

    def __init__(self, index: PageIndex, evidence_id: int, style: ParagraphStyle) -> None:
        super().__init__()
        self.index = index
        self.evidence_id = evidence_id
        self.style = style

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = self.style.leading
        return self.width, self.height

    def draw(self) -> None:
        page = self.index.pages.get(self.evidence_id)
        text = "" if page is None else str(page)
        canv = self.canv
        canv.setFont(self.style.fontName, self.style.fontSize)
        canv.setFillColor(self.style.textColor)
        baseline = self.height - self.style.fontSize
        if self.style.alignment == TA_RIGHT:
            canv.drawRightString(self.width, baseline, text)
        elif self.style.alignment == TA_CENTER:
            canv.drawCentredString(self.width / 2, baseline, text)
        else:
            canv.drawString(0, baseline, text)
        if page is not None:
            canv.linkRect("", f"exhibit-{self.evidence_id}", (0, 0, self.width, self.height),
                          relative=1, thickness=0)


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
        canv.drawImage(self.path, 0, 0, self.width, self.height)
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

    def __init__(self, *, plain: str, key: str, level: int, in_toc: bool = False,
                 markup: str = "", evidence_id: int | None = None) -> None:
        super().__init__()
        self.outline = (level, plain, key, in_toc, markup or plain)
        self.evidence_id = evidence_id
        self.first_page_of_exhibit = evidence_id is not None
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


__all__ = ["ACCENT", "ALERT", "FAINT", "FILL", "INK", "MONO", "MUTED", "PAPER_SIZES", "RULE",
           "TA_CENTER", "TA_LEFT", "TA_RIGHT", "Anchor", "BuildState", "Contents",
           "DossierCanvas", "DossierDoc", "FittedImage", "Furniture", "Heading", "PageIndex",
           "PageRef", "PdfPageSlot", "Styles"]
