"""A case worth a dossier, for the dossier's tests: entries with references and promises, a
profile, and evidence of every kind (screenshots, a PDF with a marker, a recording, an e-mail)."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.services.profile import update_profile
from desktop_app.timeutil import parse_time

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
PDF_MARKER = "EXHIBIT-PDF-MARKER-Q7Z"
TITLE = "建行微信小程序转账金额显示错误"
INSTITUTION = "中国建设银行"
SUMMARIES = ["在小程序内提交反馈，选择功能问题", "致电95533投诉，客服登记",
             "到网点说明情况", "承诺期限已过，再次催办", "收到受理短信"]
REFERENCES = ["FK20241101203011", "CCB-TS-20241102-00873", "12378-2024-1118-5521"]
FACTS = "确认页面显示转账金额为500.00元，账户实际扣款5,000.00元。"

# ---- a case worth a dossier -------------------------------------------------------------------


def noisy_png(path: Path, seed: int, size: tuple[int, int] = (720, 1560)) -> Path:
    """A phone-like screenshot: text on a background, and noise so it does not compress away."""
    im = Image.merge("RGB", [Image.effect_noise(size, 40 + 10 * c + seed) for c in range(3)])
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, size[0], 160), fill=(0, 84, 166))
    draw.text((40, 50), f"转账确认 #{seed}", fill="white",
              font=ImageFont.truetype(str(FONT), 56))
    im.save(path, "PNG")
    return path


def exhibit_pdf(path: Path, font: str = "TestStatementFont") -> Path:
    """A two-page PDF (a bank statement, say) with a marker string on each page, in an
    embedded font (or in a standard one a reader is assumed to have: not embedded)."""
    if font == "TestStatementFont" and font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(font, str(FONT), subfontIndex=0))
    c = Canvas(str(path), pagesize=A4, initialFontName=font)
    for page in (1, 2):
        c.setFont(font, 14)
        c.drawString(72, 760, f"{PDF_MARKER} page {page}")
        c.showPage()
    c.save()
    return path


def email_file(path: Path) -> Path:
    msg = EmailMessage()
    msg["From"] = "张伟 <zhang.wei@example.com>"
    msg["To"] = "ccb95533@ccb.com"
    msg["Subject"] = "关于转账金额显示错误的投诉"
    msg["Date"] = "Tue, 12 Nov 2024 11:30:00 +0800"
    msg.set_content("请贵行于2024年11月20日前书面答复。\n张伟\n")
    path.write_bytes(bytes(msg))
    return path


def wav_file(path: Path) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x10" * 8000)
    return path


@dataclass
class Sample:
    data_dir: Path
    case_id: int
    files: Path

    def open(self) -> Casebook:
        return Casebook.open(self.data_dir)


def make_case(root: Path, *, evidence: bool = True) -> Sample:
    data_dir = root / "data"
    files = root / "files"
    files.mkdir(parents=True)
    update_profile(data_dir, name="张伟", phone="13812345678", email="zhang.wei@example.com",
                   address="上海市浦东新区世纪大道100号", id_number="310115198807152345")
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(
            title=TITLE, institution_name=INSTITUTION, product="建行微信小程序",
            category="function_fault", amount=Decimal("5000"),
            incident_at=parse_time("2024-11-01 20:14"), description=FACTS,
            desired_outcome="退还多扣的4,500.00元。", status="escalated"))
        at = ["2024-11-01 20:30", "2024-11-02 09:05", "2024-11-04 14:20", "2024-11-07 10:00",
              "2024-11-08 16:42"]
        ids = []
        for i, summary in enumerate(SUMMARIES):
            refs = ()
            if i == 0:
                refs = (ReferenceData(REFERENCES[0], "反馈编号"),)
            elif i in (1, 3):
                refs = (ReferenceData(REFERENCES[1], "投诉号", "中国建设银行"),)
            elif i == 4:
                refs = (ReferenceData(REFERENCES[2], "受理号"),)
            promises = ()
            if i == 1:
                promises = (PromiseData("3个工作日内回电", parse_time("2024-11-06 18:00")),)
            elif i == 3:
                promises = (PromiseData("加急处理并回电", parse_time("2024-11-11 18:00"),
                                        state="kept"),)
            ids.append(book.timeline.add_event(case.id, EventFields(
                at=parse_time(at[i]), channel=["app", "call", "visit", "call", "sms"][i],
                direction="in" if i == 4 else "out", counterpart="客服 王女士" if i == 1 else "",
                agent_id="95533-0871" if i == 1 else "", summary=summary,
                details="客服称将转交后台核查。" if i == 1 else "",
                references=refs, promises=promises)).id)
        if evidence:
            for n in range(2):
                outcome = book.imports.import_file(case.id, noisy_png(files / f"IMG_{n}.png", n),
                                           event_id=ids[0], caption=f"转账截图{n + 1}",
                                           proves="显示金额与扣款不一致")
                assert outcome.ok, outcome.error
            for path, caption in ((exhibit_pdf(files / "statement.pdf"), "交易明细"),
                                  (wav_file(files / "call.wav"), "通话录音"),
                                  (email_file(files / "mail.eml"), "投诉邮件")):
                outcome = book.imports.import_file(case.id, path, caption=caption)
                assert outcome.ok, outcome.error
        return Sample(data_dir, case.id, files)


