"""The dossier's story: cover, contents, summary, chronology, promises, evidence list, exhibits,
integrity appendix and declaration, as ReportLab flowables."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from desktop_app.deadlines.unsolicited import is_unsolicited
from desktop_app.dossier import labels
from desktop_app.dossier.content import DossierData, Exhibit
from desktop_app.dossier.exhibits import (
    LEGIBLE_DPI,
    ExhibitProblem,
    ImageSet,
    read_email,
    read_text,
)
from desktop_app.dossier.fonts import TextGuard
from desktop_app.dossier.layout import (
    ACCENT,
    FILL,
    INK,
    RULE,
    TABLE_FONT,
    Anchor,
    BuildState,
    Contents,
    Heading,
    PageRef,
    Para,
    PdfPageSlot,
    Styles,
    table_style,
)
from desktop_app.dossier.picture_text import content_summary, picture
from desktop_app.dossier.volumes import Volume
from desktop_app.timeutil import local_zone_name, to_local
from desktop_app.vocab import Direction, reference_label

SECTIONS = (("sec-summary", "sec_summary"), ("sec-chronology", "sec_chronology"),
            ("sec-promises", "sec_promises"), ("sec-unsolicited", "sec_unsolicited"),
            ("sec-evidence", "sec_evidence"), ("sec-exhibits", "sec_exhibits"),
            ("sec-integrity", "sec_integrity"),
            ("sec-declaration", "sec_declaration"))  # (bookmark key, label): the contents
OPTIONAL = frozenset({"sec-unsolicited"})  # only when the case has something to put there
COVER_REFERENCES = 6  # the rest are in the summary and the chronology
# The most characters of one field printed in one place; the rest is cut, with a note. A table
# cell holds at most what fits on a page in its column, the cover a page in all.
CELL_CHARS = 1_500
COVER_CHARS = 600
HEADING_CHARS = 300
TEXT_CHARS = 50_000
CHINA_ZONES = frozenset({"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi",
                         "PRC", "Asia/Chungking"})


def _unsolicited(builder: StoryBuilder) -> list[Flowable]:
    from desktop_app.dossier.unsolicited import (  # deferred: cases of unsolicited calls only
        unsolicited_section,
    )

    return unsolicited_section(builder)


class StoryBuilder:
    """Builds the flowables of one dossier (once; the build's passes reuse them)."""

    def __init__(self, data: DossierData, styles: Styles, guard: TextGuard, images: ImageSet,
                 pdf_pages: dict[int, list[tuple[float, float]]], state: BuildState,
                 width: float, height: float, volume: Volume | None = None,
                 fitted: tuple[float, int] | None = None) -> None:
        self.data = data
        self.lang = data.lang
        self.s = styles
        self.guard = guard
        self.images = images
        self.pdf_pages = pdf_pages
        self.state = state
        self.width = width  # of the frame
        self.height = height
        self.problems: dict[int, ExhibitProblem] = {}  # evidence id -> why it is not shown
        self.volume = volume  # None: the whole dossier in one file
        self.fitted = fitted  # (budget MB, long side px) when pictures were made smaller
        self.has_unsolicited = any(is_unsolicited(e) for e in data.events)
        present = [(key, label) for key, label in SECTIONS
                   if key not in OPTIONAL
                   or (key == "sec-unsolicited" and self.has_unsolicited)]
        # numbered as in the whole dossier, so that 四、证据目录 is that in every volume
        self.numbers = {key: n for n, (key, _label) in enumerate(present, 1)}
        self.sections = [(key, label) for key, label in present
                         if volume is None or volume.has_section(key)]

    # ---- helpers --------------------------------------------------------------------------

    def t(self, key: str, **values: Any) -> str:
        return labels.text(self.lang, key, **values)

    def p(self, text: str, style: Any = None, *, markup: str | None = None,
          limit: int = TEXT_CHARS) -> Paragraph:
        """A paragraph of user text (escaped, fonts covered, cut at ``limit`` characters with a
        note) or of our own ``markup``."""
        style = style or self.s.body
        if markup is not None:
            return Para(markup, style)
        text = clip(self.lang, text, limit)
        return Para(self.guard.markup(text), self.s.for_text(style, text))

    def m(self, text: str, limit: int = TEXT_CHARS) -> str:
        return self.guard.markup(clip(self.lang, text, limit))

    def when(self, moment: datetime | None, *, seconds: bool = False) -> str:
        if moment is None:
            return "—"
        return to_local(moment).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")

    def day(self, moment: datetime | None) -> str:
        return "—" if moment is None else to_local(moment).strftime("%Y-%m-%d")

    def zone(self) -> str:
        name = local_zone_name()
        local = to_local(self.data.generated_at)
        offset = local.strftime("%z")
        offset = f"{offset[:3]}:{offset[3:]}" if len(offset) == 5 else offset
        fixed = _fixed_offset(local)
        if self.lang == "zh":
            if name in CHINA_ZONES or (name is None and offset == "+08:00"):
                return "北京时间（UTC+08:00）"
            label = _zone_label(name, local, offset) or ""
            if label.startswith(("UTC+", "UTC-")):
                return f"当地时间（{label}）"
            if label == "UTC":
                return "协调世界时（UTC）"
            return f"当地时间（{label}{'，UTC' + offset if fixed else ''}）"
        if name in CHINA_ZONES or (name is None and offset == "+08:00"):
            return "Beijing time (UTC+08:00)"
        label = _zone_label(name, local, offset) or "local"
        if label == "UTC" or label.startswith(("UTC+", "UTC-")):
            return label
        return f"{label} time" + (f" (UTC{offset})" if fixed else "")

    def h1(self, key: str, label_key: str) -> Heading:
        """A section's heading, numbered by its place among the sections present."""
        text = labels.section(self.lang, label_key, self.numbers[key])
        return Heading(self.m(text), self.s.h1, plain=text, key=key, level=0)

    def h2(self, label_key: str, number: int | None = None) -> Paragraph:
        text = self.t(label_key)
        if number is not None and self.lang == "zh":
            text = f"（{_CHINESE_NUMBERS[number]}）{text}"
        return Para(self.m(text), self.s.h2)

    def cell(self, text: str, style: Any = None, limit: int = CELL_CHARS) -> Paragraph:
        return self.p(text, style or self.s.cell, limit=limit)

    def head_row(self, *keys: str) -> list[Paragraph]:
        return [Para(self.m(self.t(k)), self.s.cell_head) for k in keys]

    def cols(self, *fractions: float) -> list[float]:
        return [self.width * f for f in fractions]

    def kind_label(self, exhibit: Exhibit) -> str:
        kind = self.t(f"kind_{exhibit.media}")
        subtype = str(exhibit.record.mime).split("/")[-1].upper()
        if exhibit.media in ("image", "audio", "video") and subtype and len(subtype) <= 6:
            return f"{kind}（{subtype}）" if self.lang == "zh" else f"{kind} ({subtype})"
        return kind

    def size_text(self, size: int) -> str:
        if size >= 1024 * 1024:
            human = f"{size / 1024 / 1024:.1f} MB"
        elif size >= 1024:
            human = f"{size / 1024:.0f} KB"
        else:
            return self.t("bytes", n=f"{size:,}")
        return f"{human} ({self.t('bytes', n=f'{size:,}')})"

    # ---- the whole ------------------------------------------------------------------------

    def build(self) -> list[Flowable]:
        parts: dict[str, Callable[[], list[Flowable]]] = {
            "sec-summary": self.summary, "sec-chronology": self.chronology,
            "sec-promises": self.promises, "sec-unsolicited": lambda: _unsolicited(self),
            "sec-evidence": self.evidence_list, "sec-exhibits": self.exhibits,
            "sec-integrity": self.integrity, "sec-declaration": self.declaration}
        story: list[Flowable] = self.cover()
        story += [NextPageTemplate("body"), PageBreak()]
        story += self.contents()
        for key, _label in self.sections:
            story += [PageBreak(), *parts[key]()]
        return story

    # ---- cover ----------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        d, case = self.data, self.data.case
        profile = d.profile
        not_given = self.t("not_given")
        inst = case.institution
        if self.lang == "zh":
            institution = inst.name + (f"（{self.t('hotline', hotline=inst.hotline)}）"
                                       if inst.hotline else "")
        else:
            names = [x for x in (inst.name_en, inst.hotline and self.t(
                "hotline", hotline=inst.hotline)) if x]
            institution = inst.name + (f" ({', '.join(names)})" if names else "")
        refs = d.references()
        ref_lines = []
        for value, label, issued_by, at in refs[:COVER_REFERENCES]:
            extra = ("，" if self.lang == "zh" else ", ").join(
                x for x in (reference_label(label, self.lang), issued_by, self.day(at)) if x)
            line = f"{value}（{extra}）" if self.lang == "zh" else f"{value} ({extra})"
            ref_lines.append(clip(self.lang, line, COVER_CHARS // COVER_REFERENCES))
        rows: list[tuple[str, str, bool]] = [
            (self.t("complainant"), profile.name or not_given, True),
            (self.t("phone"), profile.phone or not_given, False),
            (self.t("email"), profile.email or not_given, False),
            (self.t("address"), profile.address or not_given, False),
        ]
        if profile.id_number:
            rows.append((self.t("id_number"), profile.masked_id(), False))
        rows += [
            (self.t("institution"), institution, True),
            (self.t("product"), case.product or not_given, False),
            (self.t("category"), labels.vocab(labels.CATEGORIES, self.lang, case.category),
             False),
        ]
        if case.amount is not None:
            rows.append((self.t("amount"), amount_text(case.amount, case.currency, self.lang),
                         False))
        if len(refs) > COVER_REFERENCES:
            elsewhere = self.volume is not None and self.volume.number > 1
            ref_lines.append(self.t("more_references_vol1" if elsewhere else "more_references",
                                    n=len(refs) - COVER_REFERENCES))
        rows.append((self.t("references"), "\n".join(ref_lines) or self.t("none"), True))
        if case.transaction_refs:
            rows.append((self.t("transaction_refs"), case.transaction_refs, False))
        rows += [
            (self.t("status"), labels.vocab(labels.STATUSES, self.lang, case.status), False),
            (self.t("case_code"), d.code, False),
            (self.t("generated"), f"{self.when(d.generated_at)}  {self.zone()}", False),
        ]
        table = Table(
            [[Para(self.m(k), self.s.label),
              self.p(v, self.s.value_bold if strong else self.s.value, limit=COVER_CHARS)]
             for k, v, strong in rows],
            colWidths=self.cols(0.27, 0.73), splitInRow=1,
            style=TableStyle([
                *TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                ("LINEBELOW", (0, -1), (-1, -1), 1.2, ACCENT),
            ]))
        title = self.t("doc_title")
        return [
            Anchor(plain=self.t("cover"), key="cover", level=0),
            Spacer(1, 22 * mm),
            Heading(self.m(title), self.s.title, plain=title, key="title", level=0),
            Spacer(1, 4 * mm),
            self.p(case.title, self.s.subtitle, limit=COVER_CHARS),
            *([Spacer(1, 3 * mm), Para(self.m(self.volume.text(self.lang, "volume_line")),
                                       self.s.subtitle)] if self.volume else []),
            Spacer(1, 14 * mm),
            table,
            Spacer(1, 10 * mm),
            Para(self.m(self.t("cover_note")), self.s.small),
        ]

    # ---- contents -------------------------------------------------------------------------

    def contents(self) -> list[Flowable]:
        text = self.t("contents")
        entries = [(labels.section(self.lang, label, self.numbers[key]), key)
                   for key, label in self.sections]
        return [Heading(self.m(text), self.s.h1, plain=text, key="contents", level=0),
                Spacer(1, 4 * mm), Contents(entries, self.s.toc0, self.state)]

    # ---- summary --------------------------------------------------------------------------

    def paragraphs(self, text: str, style: Any = None) -> list[Flowable]:
        """Text as the complainant wrote it: one paragraph per line, blank lines dropped."""
        style = style or self.s.body_indent
        lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
        out: list[Flowable] = [self.p(line, style) for line in lines if line]
        return out or [Para(self.m(self.t("not_given")), self.s.body)]

    def summary(self) -> list[Flowable]:
        d, case = self.data, self.data.case
        story: list[Flowable] = [self.h1("sec-summary", "sec_summary")]
        numbers = iter(range(1, 10))
        story += [self.h2("facts", next(numbers)), *self.paragraphs(case.description)]
        story += [self.h2("outcome", next(numbers)), *self.paragraphs(case.desired_outcome)]

        first, last = d.first_complaint(), d.last_contact()

        def event_line(e: Any) -> str:
            if e is None:
                return "—"
            channel = labels.vocab(labels.CHANNELS, self.lang, e.channel)
            no = d.event_no[e.id]
            entry = self.t("entry_no", no=no)
            return (f"{self.when(e.at)}，{channel}（{entry}）" if self.lang == "zh"
                    else f"{self.when(e.at)}, {channel} ({entry})")

        rows = []
        if case.amount is not None:
            rows.append((self.t("amount"), amount_text(case.amount, case.currency, self.lang)))
        rows += [
            (self.t("incident_at"), self.when(case.incident_at)),
            (self.t("first_complaint"), event_line(first)),
            (self.t("last_contact"), event_line(last)),
            (self.t("contact_count"), self.t("count_times", n=len(d.events))),
            (self.t("evidence_count"), self.t("count_items", n=len(d.exhibits))),
            (self.t("references"), "、".join(r[0] for r in d.references()) if self.lang == "zh"
             else ", ".join(r[0] for r in d.references()) or self.t("none")),
        ]
        if case.transaction_refs:
            rows.append((self.t("transaction_refs"), case.transaction_refs))
        facts = Table([[Para(self.m(k), self.s.cell_muted), self.cell(v)] for k, v in rows],
                      colWidths=self.cols(0.24, 0.76), splitInRow=1,
                      style=TableStyle([*table_style(len(rows), header=False),
                                        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE)]))
        story += [self.h2("key_facts", next(numbers)), facts]
        if d.clock_text:
            # The regulator clock (deadlines core): how long the institution had to answer,
            # whether that time has run out, where to go next; and the rule it follows.
            story += [self.h2("clock", next(numbers)),
                      *self.paragraphs(d.clock_text, self.s.body)]
            if d.clock_source:
                story.append(self.p(self.t("clock_source", source=d.clock_source),
                                    self.s.small))
            if d.clock_gaps:
                # the window says so beside the clock; on paper the reader must be told too
                years = ("、" if self.lang == "zh" else ", ").join(map(str, d.clock_gaps))
                story.append(self.p(self.t("clock_calendar", years=years), self.s.small))

        counts = d.channel_counts()
        if counts:
            body = [[self.cell(labels.vocab(labels.CHANNELS, self.lang, c)),
                     self.cell(str(o), self.s.cell_right), self.cell(str(i), self.s.cell_right),
                     self.cell(str(o + i), self.s.cell_right)] for c, o, i in counts]
            total_out = sum(o for _, o, _ in counts)
            total_in = sum(i for _, _, i in counts)
            body.append([Para(self.m(self.t("total")), self.s.cell_bold),
                         Para(str(total_out), self.s.cell_right),
                         Para(str(total_in), self.s.cell_right),
                         Para(f"<b>{total_out + total_in}</b>", self.s.cell_right)])
            heads = self.head_row("channel", "outgoing", "incoming", "total")
            for cell in heads[1:]:
                cell.style = self.s.cell_head.clone("h", alignment=2)
            table = Table([heads, *body], colWidths=self.cols(0.40, 0.2, 0.2, 0.2),
                          style=TableStyle([*table_style(len(body) + 1),
                                            ("LINEBELOW", (0, 1), (-1, -3), 0.3, RULE),
                                            ("LINEABOVE", (0, -1), (-1, -1), 0.6, INK)]))
            story.append(KeepTogether([self.h2("by_channel", next(numbers)), table]))
        return story

    # ---- chronology -----------------------------------------------------------------------

    def chronology(self) -> list[Flowable]:
        d = self.data
        inst = d.case.institution.name
        story: list[Flowable] = [
            self.h1("sec-chronology", "sec_chronology"),
            Para(self.m(self.t("chron_intro", institution=inst, n=len(d.events),
                                    zone=self.zone())), self.s.small),
            Spacer(1, 2 * mm),
        ]
        if not d.events:
            return [*story, Para(self.m(self.t("no_events")), self.s.body)]
        s = self.s
        rows: list[list[Any]] = [self.head_row("col_no", "col_when", "col_channel",
                                               "col_direction", "col_counterpart",
                                               "col_summary", "col_refs")]
        style = table_style(0)
        for e in d.events:
            no = d.event_no[e.id]
            local = to_local(e.at)
            channel = labels.vocab(labels.CHANNELS, self.lang, e.channel)
            if e.duration_seconds:
                minutes, seconds = divmod(int(e.duration_seconds), 60)
                channel += "\n" + self.t("minutes", m=minutes, s=seconds)
            who: list[Flowable] = []
            if e.counterpart:
                who.append(self.cell(e.counterpart))
            if e.agent_id:
                who.append(self.cell(self.t("staff_id", id=e.agent_id)))
            if e.contact:
                who.append(self.cell(e.contact, s.cell_muted))
            summary = [self.m(e.summary, CELL_CHARS)] if e.summary else []
            for promise in e.promises:
                due = (f"<br/>{self.m(self.t('promise_due', due=self.when(promise.due_at)))}"
                       if promise.due_at else "")
                said = self.t("promise_in_row", text=clip(self.lang, promise.text, CELL_CHARS))
                summary.append(f"<font color='#1f3a5f'>{self.m(said)}"
                               f"{due}</font>")
            refs: list[Flowable] = []
            for r in e.references:
                if r.label:
                    refs.append(self.cell(reference_label(r.label, self.lang), s.cell_muted))
                refs.append(self.cell(r.value))
            summary_text = e.summary + "".join(p.text for p in e.promises)
            rows.append([
                Para(str(no), s.cell),
                Para(local.strftime("%Y-%m-%d") + "<br/>" + local.strftime("%H:%M"),
                          s.cell),
                self.cell(channel),
                Para(self.m(self.t("dir_out" if e.direction == Direction.OUT
                                        else "dir_in")), s.cell),
                who,
                Para("<br/>".join(summary), s.for_text(s.cell, summary_text)),
                refs,
            ])
            detail_bits = []
            for key, value in (("email_from", e.email_from), ("email_to", e.email_to),
                               ("email_cc", e.email_cc)):
                if value:
                    shown = self.m(value, CELL_CHARS)
                    detail_bits.append(f"{self.m(self.t(key))}：{shown}"
                                       if self.lang == "zh" else
                                       f"{self.m(self.t(key))}: {shown}")
            exhibits = d.exhibits_of_event(e.id)
            if exhibits:
                detail_bits.append(self.m(self.t("exhibits_in_row", list=(
                    "、" if self.lang == "zh" else ", ").join(x.label for x in exhibits))))
            chunks = _chunks(e.details)
            if chunks or detail_bits:
                first = True
                for chunk in chunks or [""]:
                    cell: list[Flowable] = [Para(bit, s.for_text(s.detail, bit))
                                            for bit in (detail_bits if first else [])]
                    label = (f"<b>{self.m(self.t('details'))}</b>"
                             + ("：" if self.lang == "zh" else ": ")) if first else ""
                    for n, line in enumerate(chunk.split("\n") if chunk else []):
                        cell.append(Para((label if n == 0 else "") + self.m(line),
                                              s.for_text(s.detail, line)))
                    first = False
                    row = len(rows)
                    rows.append(["", cell, "", "", "", "", ""])
                    style.append(("SPAN", (1, row), (-1, row)))
                    style.append(("TOPPADDING", (0, row), (-1, row), 0))
            style.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.3, RULE))
        style.append(("LINEBELOW", (0, -1), (-1, -1), 0.9, INK))
        table = Table(rows, colWidths=self.cols(0.056, 0.111, 0.107, 0.094, 0.167, 0.241, 0.224),
                      repeatRows=1, splitInRow=1, style=TableStyle(style))
        return [*story, table]

    # ---- promises -------------------------------------------------------------------------

    def promises(self) -> list[Flowable]:
        rows_data = self.data.promises()
        story: list[Flowable] = [self.h1("sec-promises", "sec_promises")]
        if not rows_data:
            return [*story, Para(self.m(self.t("no_promises")), self.s.body)]
        kept = sum(1 for r in rows_data if r.outcome == "kept")
        broken = sum(1 for r in rows_data if r.outcome in ("broken", "overdue"))
        story.append(Para(self.m(self.t("prom_intro", n=len(rows_data), kept=kept,
                                             broken=broken,
                                             pending=len(rows_data) - kept - broken)),
                               self.s.body))
        rows: list[list[Any]] = [self.head_row("col_no", "col_made", "col_by", "col_promise",
                                               "col_due", "col_result")]
        for i, r in enumerate(rows_data, 1):
            result_style = self.s.cell_alert if r.outcome in ("broken", "overdue") else \
                self.s.cell_bold if r.outcome == "kept" else self.s.cell
            result = self.t(r.outcome)
            if r.note:
                result += "\n" + r.note
            rows.append([
                Para(str(i), self.s.cell),
                self.cell(f"{self.when(r.made_at)}\n{self.t('entry_no', no=r.event_no)}"),
                self.cell(r.by or "—"),
                self.cell(r.text),
                self.cell(self.when(r.due_at)),
                self.cell(result, result_style),
            ])
        table = Table(rows, colWidths=self.cols(0.06, 0.16, 0.14, 0.33, 0.13, 0.18),
                      repeatRows=1, splitInRow=1,
                      style=TableStyle([*table_style(len(rows)),
                                        ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE)]))
        return [*story, table]

    # ---- evidence list --------------------------------------------------------------------

    def evidence_list(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [self.h1("sec-evidence", "sec_evidence")]
        if not d.exhibits:
            return [*story, Para(self.m(self.t("no_evidence")), self.s.body)]
        story.append(Para(self.m(self.t("ev_intro", n=len(d.exhibits))), self.s.small))
        story.append(Spacer(1, 2 * mm))
        rows: list[list[Any]] = [self.head_row("col_exhibit", "col_name", "col_source",
                                               "col_proves", "col_page")]
        rows[0][-1].style = self.s.cell_head.clone("hc", alignment=1)
        ends: list[int] = []  # each exhibit's last row: ruled below
        joins: list[tuple[Any, ...]] = []  # an exhibit's content line: under it, on its page
        for x in d.exhibits:
            r = x.record
            source = [self.t("original_name", name=r.original_name), self.kind_label(x)]
            if r.captured_at is not None:
                source.append(self.t("captured", time=labels.captured(
                    self.lang, self.when(r.captured_at), r.captured_source)))
            if r.event_id is not None and r.event_id in d.event_no:
                source.append(self.t("linked_entry", no=d.event_no[r.event_id]))
            problem = self.problems.get(r.id)
            if problem is not None and problem.kind in ("password", "too_large"):
                source.append(self.t(f"{problem.kind}_separately"))
            elif x.kind == "other" or problem is not None:
                source.append(self.t("separately"))
            rows.append([
                Para(f"<b>{x.label}</b>", self.s.cell),
                self.cell(x.name),
                self.cell("\n".join(source), self.s.cell),
                self.cell(r.proves or "—"),
                PageRef(self.state, r.id, self.s.cell_center)
                if self.volume is None or self.volume.holds(r.id)
                else self.cell(self.volume.text(self.lang, "in_volume", self.volume.home[r.id]),
                               self.s.cell_center),
            ])
            summary = content_summary(x.text) if d.summaries else ""
            if summary:
                at = len(rows)
                rows.append(["", self.cell(self.t("content", text=summary), self.s.cell_muted),
                             "", "", ""])
                joins += [("SPAN", (1, at), (3, at)), ("TOPPADDING", (0, at), (-1, at), 0),
                          ("NOSPLIT", (0, at - 1), (-1, at))]
            ends.append(len(rows) - 1)
        table = Table(rows, colWidths=self.cols(0.08, 0.24, 0.33, 0.27, 0.08), repeatRows=1,
                      splitInRow=1,
                      style=TableStyle([*table_style(len(rows)), *joins,
                                        *(("LINEBELOW", (0, end), (-1, end), 0.3, RULE)
                                          for end in ends[:-1])]))
        return [*story, table]

    # ---- exhibits -------------------------------------------------------------------------

    def exhibits(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [self.h1("sec-exhibits", "sec_exhibits")]
        if not d.exhibits:
            return [*story, Para(self.m(self.t("no_evidence")), self.s.body)]
        here = [x for x in d.exhibits if self.volume is None or self.volume.holds(x.record.id)]
        if self.volume is not None and here:
            story.append(Para(self.m(self.t("volume_holds", first=here[0].label,
                                            last=here[-1].label)), self.s.small))
        for n, x in enumerate(here):
            if n:
                story.append(PageBreak())
            story += self.exhibit(x)
        return story

    def exhibit(self, x: Exhibit) -> list[Flowable]:
        r = x.record
        key = f"exhibit-{r.id}"
        title = self.t("exhibit", no=x.label) + "　" + clip(self.lang, x.name, HEADING_CHARS)
        head = Heading(self.m(title), self.s.exhibit_h, plain=self.guard.plain(title), key=key,
                       level=1, evidence_id=r.id)
        meta = self.t("ex_meta", name=r.original_name, kind=self.kind_label(x),
                      size=self.size_text(r.size),
                      time=labels.captured(self.lang, self.when(r.captured_at),
                                           r.captured_source if r.captured_at else None))
        block: list[Flowable] = [head, self.p(meta, self.s.small)]
        if r.proves:
            block.append(self.p(self.t("ex_proves", text=r.proves), self.s.body))
        if r.note:
            block.append(self.p(self.t("ex_note", text=r.note), self.s.small))
        if x.redaction is not None:
            said = "ex_redacted_pdf" if x.kind == "pdf" else "ex_redacted"
            block.append(Para(self.m(self.t(said, n=len(x.redaction.boxes))), self.s.small))
        block.append(HRFlowable(width="100%", thickness=0.4, color=RULE, spaceBefore=2,
                                spaceAfter=6))
        try:
            body = self.exhibit_body(x)
        except Exception as exc:  # whatever its bytes, an exhibit does not stop the dossier
            problem = exc if isinstance(exc, ExhibitProblem) else ExhibitProblem(
                str(exc) or type(exc).__name__)
            self.problems[r.id] = problem
            reason = problem_reason(self.lang, problem)
            body = [self.p(self.t("ex_unreadable", reason=reason), self.s.body),
                    *self.file_facts(x)]
        return [*block, *body]

    def exhibit_body(self, x: Exhibit) -> list[Flowable]:
        key = x.record.id
        if x.kind == "image":
            if key in self.images.unreadable:
                raise self.images.unreadable[key]
            image = self.images.images.get(key)
            if image is None:
                raise ExhibitProblem("no print rendition")
            return [picture(image, x.text, x.path, self.guard.fonts)]
        if x.kind == "pdf":
            sizes = self.pdf_pages.get(key)
            if sizes is None:
                raise self.problems.get(key, ExhibitProblem("unreadable PDF"))
            out: list[Flowable] = [Para(self.m(self.t("ex_pdf_pages", n=len(sizes))),
                                             self.s.small)]
            for i, size in enumerate(sizes):
                if i:
                    out.append(PageBreak())
                caption = self.guard.plain(self.t("ex_pdf_page", no=x.label, page=i + 1,
                                                  pages=len(sizes)))
                out.append(PdfPageSlot(self.state, key, i, size, caption, self.s.small))
            return out
        if x.kind == "email":
            return self.email(x)
        if x.kind == "text":
            text, truncated = read_text(x.path, x.record.mime)
            out = self.long_text(text)
            if truncated:
                out.append(Para(self.m(self.t("truncated")), self.s.small))
            return out
        return [self.p(self.t("ex_separate", kind=self.t(f"kind_{x.media}"),
                              kind_lower=self.t(f"kind_{x.media}").lower()), self.s.body),
                *self.file_facts(x)]

    def file_facts(self, x: Exhibit) -> list[Flowable]:
        r = x.record
        rows = [(self.t("mime"), r.mime, self.s.cell),
                (self.t("size"), self.size_text(r.size), self.s.cell),
                ("SHA-256", r.sha256, self.s.mono)]
        table = Table([[Para(self.m(k), self.s.cell_muted), self.p(v, st)]
                       for k, v, st in rows], colWidths=self.cols(0.18, 0.82), splitInRow=1,
                      style=TableStyle([*table_style(len(rows), header=False),
                                        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE)]))
        return [Spacer(1, 2 * mm), table]

    def email(self, x: Exhibit) -> list[Flowable]:
        mail = read_email(x.path)
        names = {"from": "email_from", "to": "email_to", "cc": "email_cc", "date": "date_h",
                 "subject": "subject_h"}
        rows = [[Para(self.m(self.t(names[k])), self.s.cell_muted),
                 self.cell(v, self.s.cell_bold if k == "subject" else self.s.cell)]
                for k, v in mail.headers]
        if mail.attachments:
            rows.append([Para(self.m(self.t("attachments")), self.s.cell_muted),
                         self.cell("\n".join(mail.attachments))])
        table = Table(rows, colWidths=self.cols(0.16, 0.84), splitInRow=1,
                      style=TableStyle([*table_style(len(rows), header=False),
                                        ("BACKGROUND", (0, 0), (-1, -1), FILL),
                                        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE)]))
        out: list[Flowable] = [table, Spacer(1, 4 * mm), *self.long_text(mail.body)]
        if mail.truncated:
            out.append(Para(self.m(self.t("truncated")), self.s.small))
        return out

    def long_text(self, text: str) -> list[Flowable]:
        """A body of text, line breaks kept, in paragraphs small enough to split cheaply."""
        out: list[Flowable] = []
        block: list[str] = []

        def flush() -> None:
            if block:
                joined = "\n".join(block)
                out.append(self.p(joined, self.s.mail_body))
                block.clear()

        for line in text.replace("\r\n", "\n").split("\n"):
            if not line.strip():
                flush()
                continue
            block.append(line.rstrip())
            if len(block) >= 30:
                flush()
        flush()
        return out

    # ---- integrity ------------------------------------------------------------------------

    def integrity(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [self.h1("sec-integrity", "sec_integrity")]
        if d.exhibits:
            story.append(Para(self.m(self.t("int_intro")), self.s.body))
            rows: list[list[Any]] = [self.head_row("col_exhibit", "col_file", "col_sha")]
            for x in d.exhibits:
                r = x.record
                digests: list[Flowable] = [Para(r.sha256, self.s.mono)]
                if x.redaction is not None:
                    digests.append(Para(self.m(self.t("int_redacted", sha=x.redaction.sha256)),
                                        self.s.mono))
                rows.append([Para(f"<b>{x.label}</b>", self.s.cell),
                             [self.cell(r.original_name, limit=HEADING_CHARS),
                              self.cell(self.t("bytes", n=f"{r.size:,}"), self.s.cell_muted)],
                             digests])
            table = Table(rows, colWidths=self.cols(0.07, 0.32, 0.61), repeatRows=1, splitInRow=1,
                          style=TableStyle([*table_style(len(rows)),
                                            ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE)]))
            story.append(table)
        else:
            story.append(Para(self.m(self.t("no_evidence")), self.s.body))
        if self.fitted is not None:
            budget, px = self.fitted
            story.append(Para(self.m(self.t("int_fitted", budget=f"{budget:g}", px=f"{px:,}",
                                            dpi=LEGIBLE_DPI)), self.s.small))
        if self.volume is not None:
            v = self.volume
            files = ("；" if self.lang == "zh" else "; ").join(
                f"{v.text(self.lang, 'volume_short', n)} {name}"
                for n, name in enumerate(v.files, 1))
            story.append(Para(self.m(self.t("int_volumes", count=v.count, files=files,
                                            count_cn=labels.chinese_number(v.count))),
                              self.s.small))
        story += [CondPageBreak(50 * mm), self.h2("audit_h"),
                  Para(self.m(self.t("audit_text")), self.s.body),
                  Para(d.audit_head, self.s.mono_big)]
        story.append(Para(self.m(self.t("audit_count", n=d.audit_entries)),
                               self.s.small))
        if d.audit_checked_at is not None:
            when = self.when(d.audit_checked_at, seconds=True)
            verdict = (self.t("audit_broken", time=when, n=len(d.audit_problems),
                              entries=", ".join(str(i) for i in d.audit_problems[:10]))
                       if d.audit_problems else self.t("audit_intact", time=when))
            story.append(Para(self.m(verdict), self.s.small))
        return story

    # ---- declaration ----------------------------------------------------------------------

    def declaration(self) -> list[Flowable]:
        d = self.data
        story: list[Flowable] = [self.h1("sec-declaration", "sec_declaration"),
                                 Para(self.m(self.t("decl_text")), self.s.body_indent),
                                 Spacer(1, 18 * mm)]
        blank = "&nbsp;" * 12
        cells = [
            [Para(self.m(self.t("signature")), self.s.value), ""],
            [Para(self.m(self.t("printed_name")), self.s.value),
             self.p(d.profile.name, self.s.value)],
            [Para(self.m(self.t("date_line")), self.s.value),
             Para(f"{blank}年{blank}月{blank}日" if self.lang == "zh" else "",
                       self.s.value)],
        ]
        table = Table(cells,
                      colWidths=[self.width * 0.22, self.width * 0.42],
                      rowHeights=[14 * mm] * len(cells), hAlign="RIGHT",
                      style=TableStyle([*TABLE_FONT, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                        ("LINEBELOW", (1, 0), (1, -1), 0.6, INK),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        story.append(table)
        return story


def clip(lang: str, text: str, limit: int) -> str:
    """User text cut at ``limit`` characters, with a note saying so: a field of any length then
    fits where it is printed (a table row, the cover) instead of stopping the dossier."""
    if len(text) <= limit:
        return text
    return text[:limit].rstrip() + labels.text(lang, "cut_note")


def problem_reason(lang: str, problem: ExhibitProblem) -> str:
    """Why an exhibit is not shown, in the dossier's language where we know the words."""
    if problem.kind == "password":
        return labels.text(lang, "reason_password")
    if problem.kind == "too_large":
        return labels.text(lang, "reason_too_large_short")
    return labels.text(lang, "reason_unreadable", detail=str(problem))


def _zone_label(name: str | None, local: datetime, offset: str) -> str | None:
    """The zone's name: the IANA name if one is set, else the system's (``CET``). Windows
    names its zones in words ("GMT Standard Time"; "… time" doubled the word): the UTC offset
    says it better there."""
    label = name or local.tzname()
    if label and " " in label:
        return f"UTC{offset}" if offset else None
    return label


def _fixed_offset(local: datetime) -> bool:
    """Whether the zone keeps one UTC offset all year (so "UTC+08:00" is always true)."""
    tz = local.tzinfo
    if tz is None:
        return True
    year = local.year
    jan = datetime(year, 1, 15, 12, tzinfo=tz).utcoffset()
    jul = datetime(year, 7, 15, 12, tzinfo=tz).utcoffset()
    return jan == jul


def _chunks(text: str, size: int = 900) -> list[str]:
    """Long details cut at line ends into pieces that fit on a page as one table row each."""
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    current = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.rstrip()
        if not line.strip():
            continue
        while len(line) > size:
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:size])
            line = line[size:]
        if current and len(current) + len(line) + 1 > size:
            pieces.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        pieces.append(current)
    return pieces


_CHINESE_NUMBERS = "〇一二三四五六七八九"
_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS = ("", "拾", "佰", "仟")
_SECTIONS = ("", "万", "亿", "万亿")


def _group_uppercase(group: int, padded: bool) -> str:
    """One group of up to four digits (``padded``: not the leading group, so leading zeros
    count as a 零)."""
    digits = f"{group:04d}" if padded else str(group)
    text = ""
    zero = False
    for i, ch in enumerate(digits):
        if ch == "0":
            zero = zero or bool(text) or padded
            continue
        if zero and (text or padded):
            text += "零"
        zero = False
        text += _DIGITS[int(ch)] + _UNITS[len(digits) - 1 - i]
    return text


def rmb_uppercase(amount: Decimal) -> str:
    """An amount in the capital numerals of Chinese financial documents (5000 → 伍仟元整)."""
    value = abs(amount.quantize(Decimal("0.01")))
    yuan = int(value)
    jiao, fen = divmod(int((value - yuan) * 100), 10)
    if yuan >= 10 ** 16:
        return ""
    groups: list[int] = []
    n = yuan
    while n:
        groups.append(n % 10000)
        n //= 10000
    out = ""
    zero = False
    for gi in range(len(groups) - 1, -1, -1):
        group = groups[gi]
        if group == 0:
            zero = bool(out)
            continue
        text = _group_uppercase(group, padded=bool(out))
        if out and (zero or group < 1000) and not text.startswith("零"):
            text = "零" + text
        out += text + _SECTIONS[gi]
        zero = False
    if yuan:
        out += "元"
    if jiao == 0 and fen == 0:
        return ("负" if amount < 0 else "") + (out or "零元") + "整"
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif yuan:
        out += "零"
    if fen:
        out += _DIGITS[fen] + "分"
    return ("负" if amount < 0 else "") + out


__all__ = ["StoryBuilder", "rmb_uppercase"]


def amount_text(amount: Decimal, currency: str, lang: str) -> str:
    """An amount as the dossier prints it: in Chinese, yuan with the amount in capitals."""
    if lang == "zh" and currency == "CNY":
        return f"人民币 {amount:,.2f} 元（大写：{rmb_uppercase(amount)}）"
    return f"{amount:,.2f} {currency}"
