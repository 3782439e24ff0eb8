"""Dossier benchmark: a case of 300 events and 200 phone screenshots (1080×2340 PNG with text
and noise, imported through the evidence import so print renditions exist) exported to PDF,
against img2pdf putting the same 200 PNGs into a PDF, in the same run.

img2pdf copies image data through without re-encoding: the floor for "put these images in a
PDF". Each is measured as a whole process: ``casebook export`` (interpreter start, imports,
verify, export, exit), ``casebook export --max-size MB`` (default 18) and img2pdf's on the same
PNGs, each started from its own child so its peak memory (``getrusage``) is its own; they run in
turn ``--runs`` times and the medians are printed (a shared machine is noisy), each figure with
its ratio to img2pdf's measured in the same run. Targets: time <= 0.35× img2pdf's, file <= 0.1×
its size, peak memory <= 300 MB; with the budget, every file written under it.

    uv run python bench/dossier.py [--events 300] [--images 200] [--runs 3] [--keep DIR]
                                   [--max-size 18]

``--sample DIR`` instead builds the README's sample: a realistic case (a 建设银行 WeChat
mini-program showing the wrong amount, calls to 95533 with complaint numbers, a broken promise,
screenshots, a bank statement PDF, an e-mail, a call recording), exports it in Chinese and
English and renders the first pages as ``DIR/dossier-{zh,en}-{n}.png``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SIZE = (1080, 2340)
FONT_FILE = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"

LINES = ["您好，您的转账申请已提交", "交易状态：处理中", "转账金额：5,000.00 元",
         "收款人：张伟  尾号 6621", "如有疑问请致电 95533", "扣款金额与页面显示不一致",
         "Transfer failed. Please try again later.", "订单号 CCB2024110100012345",
         "客服：您的问题已记录，三个工作日内回复", "投诉编号 CCB-TS-20241102-00873"]


def _font(size: int) -> Any:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_FILE), size)


# ---- screenshots ----------------------------------------------------------------------------


def make_screenshots(folder: Path, n: int) -> list[Path]:
    """The import benchmark's noisy phone screenshots (one generator for both benches);
    ``bench/import.py`` cannot be imported by name (``import`` is a keyword)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_import", ROOT / "bench" / "import.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths: list[Path] = module.make_screenshots(folder, n)
    return paths


def app_screen(path: Path, title: str, rows: list[tuple[str, str]], *, banner: str = "",
               button: str = "", note: str = "", clock: str = "20:14") -> Path:
    """A tidy phone screenshot of a banking app page: header, a card of label/value rows."""
    from PIL import Image, ImageDraw

    width = SIZE[0]
    im = Image.new("RGB", SIZE, (242, 243, 247))
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, width, 96), fill=(255, 255, 255))
    draw.text((48, 26), clock, fill="black", font=_font(40))
    draw.text((width - 250, 26), "5G  86%", fill="black", font=_font(40))
    draw.rectangle((0, 96, width, 250), fill=(255, 255, 255))
    draw.text((48, 140), "‹", fill="black", font=_font(64))
    tw = draw.textlength(title, font=_font(54))
    draw.text(((width - tw) / 2, 140), title, fill="black", font=_font(54))
    y = 300
    if banner:
        draw.rounded_rectangle((40, y, width - 40, y + 300), radius=30, fill=(0, 84, 166))
        bw = draw.textlength(banner, font=_font(96))
        draw.text(((width - bw) / 2, y + 95), banner, fill="white", font=_font(96))
        y += 350
    draw.rounded_rectangle((40, y, width - 40, y + 130 * len(rows) + 40), radius=30,
                           fill=(255, 255, 255))
    y += 40
    for label, value in rows:
        draw.text((90, y + 20), label, fill=(110, 110, 120), font=_font(44))
        vw = draw.textlength(value, font=_font(46))
        draw.text((width - 90 - vw, y + 18), value, fill=(20, 20, 20), font=_font(46))
        draw.line((90, y + 110, width - 90, y + 110), fill=(235, 235, 240), width=2)
        y += 130
    y += 60
    if note:
        for i, line in enumerate(note.split("\n")):
            draw.text((60, y + i * 64), line, fill=(120, 120, 130), font=_font(38))
    if button:
        draw.rounded_rectangle((60, 2060, width - 60, 2200), radius=70, fill=(0, 84, 166))
        bw = draw.textlength(button, font=_font(54))
        draw.text(((width - bw) / 2, 2100), button, fill="white", font=_font(54))
    im.save(path, "PNG")
    return path


def sms_screen(path: Path, messages: list[tuple[str, str]]) -> Path:
    from PIL import Image, ImageDraw

    width, _ = SIZE
    im = Image.new("RGB", SIZE, (255, 255, 255))
    draw = ImageDraw.Draw(im)
    draw.text((48, 26), "16:45", fill="black", font=_font(40))
    draw.text((width / 2 - 70, 140), "95533", fill="black", font=_font(56))
    draw.line((0, 250, width, 250), fill=(225, 225, 230), width=2)
    y = 320
    for when, text in messages:
        ww = draw.textlength(when, font=_font(34))
        draw.text(((width - ww) / 2, y), when, fill=(140, 140, 150), font=_font(34))
        y += 70
        lines = [text[i:i + 19] for i in range(0, len(text), 19)]
        box_h = 60 * len(lines) + 50
        draw.rounded_rectangle((40, y, 900, y + box_h), radius=36, fill=(233, 233, 235))
        for i, line in enumerate(lines):
            draw.text((76, y + 25 + i * 60), line, fill="black", font=_font(44))
        y += box_h + 60
    im.save(path, "PNG")
    return path


def statement_pdf(path: Path) -> Path:
    """A bank statement ("交易明细") as a bank's PDF export would be."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if "SampleStatementFont" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("SampleStatementFont", str(FONT_FILE), subfontIndex=0))
    c = Canvas(str(path), pagesize=A4, initialFontName="SampleStatementFont")
    w, h = A4
    for page in range(2):
        c.setFont("SampleStatementFont", 16)
        c.drawString(60, h - 70, "中国建设银行 个人活期账户交易明细")
        c.setFont("SampleStatementFont", 9)
        c.drawString(60, h - 92, "账号：6217 **** **** 3318    户名：张伟    币种：人民币    "
                                 f"第 {page + 1} 页 / 共 2 页")
        c.line(60, h - 100, w - 60, h - 100)
        y = h - 124
        c.drawString(60, y, "交易日期        摘要            交易金额        余额        对方户名")
        for i in range(28):
            y -= 22
            day = 1 + i % 28
            amount = "-5,000.00" if (page, i) == (0, 3) else f"-{(i * 37) % 400 + 12}.50"
            c.drawString(60, y, f"2024-11-{day:02d}    "
                                f"{'微信小程序转账' if (page, i) == (0, 3) else '消费'}      "
                                f"{amount:>10}      {20000 - i * 113:,}.00     "
                                f"{'张伟 尾号6621' if (page, i) == (0, 3) else '—'}")
        c.drawString(60, 60, "STATEMENT-MARKER-7Q4X  本明细仅供参考，以银行系统记录为准。")
        c.showPage()
    c.save()
    return path


def email_file(path: Path) -> Path:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"] = "张伟 <zhang.wei@example.com>"
    msg["To"] = "ccb95533@ccb.com"
    msg["Subject"] = "关于建行微信小程序转账金额显示错误的投诉（投诉号 CCB-TS-20241102-00873）"
    msg["Date"] = "Tue, 12 Nov 2024 11:30:00 +0800"
    msg.set_content(
        "中国建设银行客户服务中心：\n\n"
        "本人于2024年11月1日20时14分通过建行微信小程序转账，确认页面显示金额为500.00元，"
        "实际扣款5,000.00元。本人已于11月2日致电95533投诉（投诉号 CCB-TS-20241102-00873），"
        "客服承诺3个工作日内回电，但至今未收到任何答复。\n\n"
        "请贵行于2024年11月20日前书面答复核查结果，并退还多扣的4,500.00元。\n\n"
        "附件：转账确认页截图、扣款短信截图。\n\n张伟\n13812345678\n")
    path.write_bytes(bytes(msg))
    return path


def wav_file(path: Path, seconds: float = 2.0) -> Path:
    import math
    import struct
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        frames = b"".join(struct.pack("<h", int(3000 * math.sin(i / 8000 * 2 * math.pi * 440)))
                          for i in range(int(8000 * seconds)))
        out.writeframes(frames)
    return path


# ---- the sample case ------------------------------------------------------------------------


def build_sample(data_dir: Path, files: Path) -> int:
    """The README's case: realistic entries, references, a broken promise, evidence."""
    from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
    from desktop_app.services.book import Casebook
    from desktop_app.services.profile import update_profile
    from desktop_app.timeutil import parse_time

    files.mkdir(parents=True, exist_ok=True)
    update_profile(data_dir, name="张伟", phone="13812345678", email="zhang.wei@example.com",
                   address="上海市浦东新区世纪大道100号2号楼1203室",
                   id_number="310115198807152345")
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(
            title="建行微信小程序转账金额显示错误", institution_name="中国建设银行",
            product="建行微信小程序（手机银行）", category="function_fault",
            amount=Decimal("5000"), currency="CNY", incident_at=parse_time("2024-11-01 20:14"),
            transaction_refs="交易流水号 3101202411012014550042",
            description=(
                "2024年11月1日20时14分，本人通过建行微信小程序向本人名下他行账户转账。转账确认"
                "页面显示转账金额为人民币500.00元，本人确认后，账户实际扣款人民币5,000.00元。\n"
                "本人当即在小程序内提交反馈，并于次日致电95533投诉。客服承诺3个工作日内回电，"
                "逾期未兑现；催办后再次承诺2个工作日内回电，仍未兑现。\n"
                "小程序显示金额与实际扣款金额不一致，属于功能故障及信息错误，致使本人在不知情"
                "的情况下多转出人民币4,500.00元。"),
            desired_outcome=(
                "1. 请贵行核实小程序显示错误的原因并书面答复；\n"
                "2. 退还或协助追回多转出的人民币4,500.00元；\n"
                "3. 修复小程序的金额显示问题，避免其他客户受损。"),
            status="escalated", jurisdiction="CN"))

        def add(**kw: Any) -> int:
            return book.timeline.add_event(case.id, EventFields(**kw)).id

        e1 = add(at=parse_time("2024-11-01 20:30"), channel="app", direction="out",
                 summary="在小程序内提交反馈，选择“功能问题”，附转账确认页截图",
                 references=(ReferenceData("FK20241101203011", "反馈编号"),))
        e2 = add(at=parse_time("2024-11-02 09:05"), channel="call", direction="out",
                 counterpart="客服 王女士", agent_id="95533-0871", contact="95533",
                 duration_seconds=1130, summary="致电95533投诉转账金额显示错误，客服登记投诉",
                 details="客服确认已收到小程序反馈，登记为投诉工单，称将转交后台核查，3个工作日"
                         "内回电答复。本人要求书面答复，客服称需等待核查结果。",
                 references=(ReferenceData("CCB-TS-20241102-00873", "投诉号", "中国建设银行"),),
                 promises=(PromiseData("3个工作日内回电答复核查结果",
                                       parse_time("2024-11-06 18:00")),))
        add(at=parse_time("2024-11-04 14:20"), channel="visit", direction="out",
            counterpart="大堂经理 李先生", contact="建设银行上海浦东世纪大道支行",
            summary="到网点说明情况，网点称需等待总行核查",
            details="大堂经理查询交易记录，确认扣款5,000.00元；称小程序问题由总行电子银行部"
                    "处理，网点无权处理。")
        e4 = add(at=parse_time("2024-11-07 10:00"), channel="call", direction="out",
                 counterpart="客服 赵先生", agent_id="95533-1204", contact="95533",
                 duration_seconds=640, summary="承诺期限已过未回电，再次致电催办",
                 references=(ReferenceData("CCB-TS-20241102-00873", "投诉号"),),
                 promises=(PromiseData("加急处理，2个工作日内由专人回电",
                                       parse_time("2024-11-11 18:00")),))
        e5 = add(at=parse_time("2024-11-08 16:42"), channel="sms", direction="in",
                 counterpart="95533", summary="收到短信：您的投诉已受理，我行将尽快处理。",
                 references=(ReferenceData("CCB-TS-20241102-00873", "投诉号"),))
        add(at=parse_time("2024-11-18 15:00"), channel="regulator", direction="out",
            counterpart="国家金融监督管理总局", contact="12378",
            summary="向12378反映建设银行投诉处理超期未答复",
            references=(ReferenceData("12378-2024-1118-5521", "受理号",
                                      "国家金融监督管理总局"),))

        shots = [
            (app_screen(files / "IMG_20241101_201402.png", "转账确认",
                        [("收款人", "张伟"), ("收款账号", "6228 **** **** 6621"),
                         ("收款银行", "招商银行"), ("转账金额", "¥500.00"),
                         ("付款账户", "尾号 3318"), ("手续费", "¥0.00")],
                        banner="¥500.00", button="确认转账",
                        note="请核对收款人信息，转账成功后无法撤回。"),
             e1, "小程序转账确认页", "确认页面显示的转账金额为500.00元"),
            (app_screen(files / "IMG_20241101_201455.png", "转账结果",
                        [("交易状态", "转账成功"), ("扣款金额", "¥5,000.00"),
                         ("交易时间", "2024-11-01 20:14:53"),
                         ("流水号", "3101202411012014550042")],
                        banner="转账成功", clock="20:14"),
             e1, "小程序转账结果页", "实际扣款为5,000.00元，与确认页不一致"),
            (app_screen(files / "IMG_20241101_203012.png", "意见反馈",
                        [("反馈类型", "功能问题"), ("反馈编号", "FK20241101203011"),
                         ("提交时间", "2024-11-01 20:30")],
                        banner="提交成功", clock="20:30",
                        note="我们已收到您的反馈，将尽快处理。"),
             e1, "小程序反馈提交成功页", "事发当日即已向银行反馈"),
            (sms_screen(files / "IMG_20241108_164530.png", [
                ("11月1日 20:14", "【中国建设银行】您尾号3318的储蓄卡11月1日20时14分向张伟"
                                  "转账支出人民币5000.00元，活期余额12,431.55元。"),
                ("11月8日 16:42", "【中国建设银行】尊敬的客户，您的投诉（编号CCB-TS-20241102-"
                                  "00873）已受理，我行将尽快处理，感谢您的理解。")]),
             e5, "95533 扣款及受理短信", "扣款5,000.00元；投诉已受理"),
        ]
        taken = {"IMG_20241101_201402.png": "2024-11-01 20:14:02",
                 "IMG_20241101_201455.png": "2024-11-01 20:14:55",
                 "IMG_20241101_203012.png": "2024-11-01 20:30:12",
                 "IMG_20241108_164530.png": "2024-11-08 16:45:30"}
        for path, event_id, caption, proves in shots:
            stamp = parse_time(taken[path.name]).timestamp()
            os.utime(path, (stamp, stamp))  # screenshots carry no EXIF: the file time counts
            book.imports.import_file(case.id, path, event_id=event_id, caption=caption,
                                     proves=proves)
        statement = statement_pdf(files / "交易明细_202411.pdf")
        recording = wav_file(files / "通话录音_20241102_0905.wav")
        for path, when in ((statement, "2024-11-15 09:12"), (recording, "2024-11-02 09:24")):
            stamp = parse_time(when).timestamp()
            os.utime(path, (stamp, stamp))
        book.imports.import_file(case.id, statement,
                         caption="建设银行账户交易明细（2024年11月）",
                         proves="账户于2024年11月1日实际支出5,000.00元")
        book.imports.import_file(case.id, recording, event_id=e2,
                         caption="2024年11月2日致电95533的通话录音",
                         proves="客服承诺3个工作日内回电")
        book.imports.import_file(case.id, email_file(files / "投诉邮件.eml"),
                         caption="致建设银行客服中心的投诉邮件",
                         proves="已书面投诉并要求于11月20日前答复")
        del e4
        return case.id


SAMPLE_OPENED = datetime(2024, 11, 1, 13, 0, tzinfo=UTC)  # 21:00 in Beijing
SAMPLE_MADE = datetime(2024, 11, 19, 2, 30, tzinfo=UTC)  # 10:30 in Beijing
SAMPLE_PAGES = {"zh": ("二、联系记录", "四、证据目录", "证据 E1"),
                "en": ("2. Chronology of contacts", "4. List of evidence", "Exhibit E1")}


def sample(out_dir: Path, pages: int, dpi: int = 80) -> None:
    """Export the sample case in Chinese and English; render its first ``pages`` pages, the
    first pages of the chronology and the evidence list, and the first exhibit's page as
    ``dossier-{zh,en}-{n}.png`` (n: the page number)."""
    from pypdf import PdfReader

    from desktop_app.dossier import build_dossier
    from desktop_app.services.book import Casebook

    os.environ.setdefault("CASEBOOK_TZ", "Asia/Shanghai")
    # The sample is dated as if made when the story happened: the case opened on the day of
    # the transfer, the dossier made two and a half weeks later.
    import desktop_app.timeutil as timeutil

    moment = [SAMPLE_OPENED]
    timeutil.now = lambda: moment[0]  # before the modules that import it load
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        case_id = build_sample(data_dir, Path(tmp) / "files")
        moment[0] = SAMPLE_MADE
        out_dir.mkdir(parents=True, exist_ok=True)
        with Casebook.open(data_dir) as book:
            for lang in ("zh", "en"):
                pdf = Path(tmp) / f"dossier-{lang}.pdf"
                result = build_dossier(book, case_id, pdf, lang=lang)
                print(f"{lang}: {result.pages} pages, {result.size / 1024:.0f} KB, "
                      f"{result.seconds:.2f} s; warnings: {list(result.warnings)}")
                texts = [page.extract_text() for page in PdfReader(pdf).pages]
                more = [next(i for i, t in enumerate(texts) if i > 1 and mark in t) + 1
                        for mark in SAMPLE_PAGES[lang]]
                for page in sorted({*range(1, pages + 1), *more}):
                    prefix = Path(tmp) / f"page-{lang}-{page}"
                    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f",
                                    str(page), "-l", str(page), str(pdf), str(prefix)],
                                   check=True)
                    target = out_dir / f"dossier-{lang}-{page}.png"
                    shutil.move(f"{prefix}.png", target)
                    print(f"  {target}")


# ---- the benchmark ------------------------------------------------------------------------


def build_bench_case(data_dir: Path, images: list[Path], events: int) -> int:
    from datetime import timedelta

    from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
    from desktop_app.services.book import Casebook
    from desktop_app.timeutil import parse_time

    rng = random.Random(7)
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(
            title="建行微信小程序转账金额显示错误（压力测试）", institution_name="中国建设银行",
            product="建行微信小程序", amount=Decimal("5000"),
            description="压力测试用案卷。" * 20, desired_outcome="退还多扣款项。"))
        start = parse_time("2024-01-01 09:00")
        ids = []
        for i in range(events):
            fields = EventFields(
                at=start + timedelta(hours=7 * i), channel=rng.choice(
                    ["call", "app", "wechat", "sms", "email", "visit"]),
                direction=rng.choice(["out", "in"]), counterpart=f"客服 {i % 17} 号",
                agent_id=f"95533-{1000 + i}", contact="95533",
                summary=f"第 {i + 1} 次联系：{rng.choice(LINES)}",
                details=("客服称已记录，将转交后台处理。" * rng.randrange(0, 6)),
                references=(ReferenceData(f"CCB-TS-2024{i:05d}", "投诉号"),) if i % 5 == 0
                else (),
                promises=(PromiseData("三个工作日内回电", start + timedelta(hours=7 * i + 72)),)
                if i % 9 == 0 else ())
            ids.append(book.timeline.add_event(case.id, fields).id)
        outcomes = book.imports.import_paths(case.id, [str(p) for p in images])
        refused = [o.error for o in outcomes if o.error]
        if refused:
            raise SystemExit(f"import refused files: {refused[:3]}")
        return case.id


def child_whole(*command: str) -> dict[str, Any]:
    """Run ``command`` as a whole process (interpreter start, imports, the work, exit) and
    report its wall time, the size of the file(s) it wrote (named on its stdout, one a line)
    and its peak memory (``RUSAGE_CHILDREN``: this child has no other child)."""
    import resource

    t0 = time.perf_counter()
    proc = subprocess.run(list(command), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    files = [Path(line) for line in proc.stdout.splitlines() if line.strip()]
    return {"seconds": seconds, "size": sum(f.stat().st_size for f in files),
            "files": len(files), "largest": max(f.stat().st_size for f in files),
            "peak_mib": peak / 2**20 if sys.platform == "darwin" else peak / 1024}


def export_command(data_dir: Path, case_id: int, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "export",
            str(case_id), "-o", str(out), "--lang", "zh", *extra]


def img2pdf_command(folder: Path, out: Path) -> list[str]:
    """img2pdf's own command line on the same PNGs; it writes ``out`` and we echo its name."""
    paths = sorted(str(p) for p in folder.glob("*.png"))
    script = ("import sys, img2pdf; open(sys.argv[1], 'wb').write(img2pdf.convert("
              "sys.argv[2:])); print(sys.argv[1])")
    return [sys.executable, "-c", script, str(out), *paths]


def in_child(command: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child",
                           json.dumps(command)], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    ordered = sorted(runs, key=lambda r: r["seconds"])
    middle = dict(ordered[len(ordered) // 2])
    middle["peak_mib"] = max(r["peak_mib"] for r in runs)
    middle["all_seconds"] = [round(r["seconds"], 2) for r in runs]
    return middle


def bench(events: int, count: int, runs: int, keep: Path | None, budget: float) -> None:
    os.environ.setdefault("CASEBOOK_TZ", "Asia/Shanghai")
    work = keep or Path(tempfile.mkdtemp(prefix="casebook-bench-dossier-"))
    try:
        shots = work / "shots"
        t0 = time.perf_counter()
        images = make_screenshots(shots, count)
        png_mb = sum(p.stat().st_size for p in images) / 2**20
        print(f"{count} screenshots {SIZE[0]}×{SIZE[1]} PNG, {png_mb:.0f} MB "
              f"({time.perf_counter() - t0:.1f} s)")
        t0 = time.perf_counter()
        case_id = build_bench_case(work / "data", images, events)
        print(f"case with {events} events and {count} exhibits imported "
              f"({time.perf_counter() - t0:.1f} s)")
        data = work / "data"
        our_runs, fit_runs, floor_runs = [], [], []
        for _ in range(runs):
            our_runs.append(in_child(export_command(data, case_id, work / "dossier.pdf")))
            fit_runs.append(in_child(export_command(data, case_id, work / "fit.pdf",
                                                    "--max-size", str(budget))))
            floor_runs.append(in_child(img2pdf_command(shots, work / "img2pdf.pdf")))
        ours, fit, floor = median_run(our_runs), median_run(fit_runs), median_run(floor_runs)
        print()
        print("whole processes (start, imports, verify, export, exit), medians of "
              f"{runs} run(s):")
        print(f"{'':34}{'time':>10}{'file':>12}{'peak memory':>14}{'files':>7}")
        for name, r in (("casebook export", ours),
                        (f"casebook export --max-size {budget:g}", fit), ("img2pdf", floor)):
            print(f"{name:34}{r['seconds']:>9.2f}s{r['size'] / 2**20:>10.1f}MB"
                  f"{r['peak_mib']:>12.0f}MB{r['files']:>7}")
        print(f"(runs: export {ours['all_seconds']} s, --max-size {fit['all_seconds']} s, "
              f"img2pdf {floor['all_seconds']} s; peak memory is the highest of the runs)")
        print()
        for name, r in (("export", ours), (f"--max-size {budget:g}", fit)):
            time_ratio = r["seconds"] / floor["seconds"]
            size_ratio = r["size"] / floor["size"]
            print(f"{name}:")
            if r is ours:
                print(f"  time   {time_ratio:.2f}× img2pdf's   (target <= 0.35)  "
                      f"{'ok' if time_ratio <= 0.35 else 'MISSED'}")
            else:  # re-encoding every print copy to fit: the issue sets it no time
                print(f"  time   {time_ratio:.2f}× img2pdf's   (no target: it re-encodes "
                      "every picture to fit)")
            print(f"  file   {size_ratio:.3f}× img2pdf's  (target <= 0.1)   "
                  f"{'ok' if size_ratio <= 0.1 else 'MISSED'}")
            print(f"  memory {r['peak_mib']:.0f} MB           (target <= 300 MB) "
                  f"{'ok' if r['peak_mib'] <= 300 else 'MISSED'}")
        largest = fit["largest"] / 2**20
        print(f"--max-size {budget:g}: {fit['files']} file(s), the largest {largest:.1f} MB "
              f"{'ok' if largest <= budget else 'MISSED'}")
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child_whole(*json.loads(sys.argv[2]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=300)
    parser.add_argument("--images", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3, help="measured runs of each (median)")
    parser.add_argument("--keep", type=Path, help="keep the data and PDFs in this folder")
    parser.add_argument("--max-size", type=float, default=18.0, metavar="MB",
                        help="the size budget of the second export measured (default 18)")
    parser.add_argument("--sample", type=Path, metavar="DIR",
                        help="write the README's sample dossier pages as PNGs into DIR")
    parser.add_argument("--pages", type=int, default=3,
                        help="with --sample: how many first pages to render")
    args = parser.parse_args()
    if args.sample is not None:
        sample(args.sample, args.pages)
    else:
        bench(args.events, args.images, args.runs, args.keep, args.max_size)


if __name__ == "__main__":
    main()
