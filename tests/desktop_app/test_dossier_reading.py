"""The dossier and what was read from the evidence: each capture time says where it came from,
each picture carries its text as an invisible layer a reader can search and copy, and, when the
person asks, the list of evidence gives a line of each picture's content. Read back from the PDF
with pypdf and poppler."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest
from cli_run import CLI
from evidence_samples import exif_jpeg, image_bytes, write
from pypdf import PdfReader
from screenshot_samples import PHONE, draw

import desktop_app.dossier.content as content
from desktop_app.dossier import build_dossier, labels
from desktop_app.dossier.picture_text import content_summary
from desktop_app.reading.capture_time import CAPTURE_SOURCES
from desktop_app.reading.lines import OcrLine
from desktop_app.reading.ocr import ReadResult
from desktop_app.records import CaseFields, ExhibitText
from desktop_app.services.book import Casebook
from desktop_app.timeutil import localize, parse_time

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) not installed")

COMPLAINT_NO = "TS2024112300123"
SHOT = "Screenshot_20241123-101530.png"
# a bank's in-app message, as a phone screenshot shows it (1080×2340): (x, y), text, size
RECEIPT = [((40, 30), "10:15", 32), ((960, 30), "85%", 32),
           ((60, 200), "中国建设银行 客户服务", 44), ((60, 320), "您的投诉已受理", 44),
           ((60, 440), f"投诉编号：{COMPLAINT_NO}", 44), ((60, 560), "受理工号：8842", 44),
           ((60, 680), "涉及金额：¥5,000.00元", 44), ((60, 800), "我们将在3个工作日内回电", 44)]
# what the OCR engine reads in it (boxes as RapidOCR gives them, near enough)
READ = (OcrLine("10:15", (40, 36, 80, 30), 0.99), OcrLine("85%", (960, 36, 60, 30), 0.99),
        OcrLine("中国建设银行客户服务", (60, 208, 452, 46), 0.99),
        OcrLine("您的投诉已受理", (60, 328, 308, 46), 0.99),
        OcrLine(f"投诉编号：{COMPLAINT_NO}", (60, 448, 540, 46), 0.99),
        OcrLine("受理工号：8842", (60, 568, 300, 46), 0.99),
        OcrLine("涉及金额：¥5,000.00元", (60, 688, 440, 46), 0.99),
        OcrLine("我们将在3个工作日内回电", (60, 808, 500, 46), 0.99))
WORDS = {"exif": ("据照片信息", "from the photo's EXIF data"),
         "email": ("据邮件日期", "from the email's date"),
         "filename": ("据文件名", "from the file name"),
         "screen": ("据截图画面显示", "as shown on the screen"),
         "file_time": ("据文件修改时间", "from the file's modification time"),
         "person": ("据本人陈述", "as stated by the complainant")}


def text_of(path: Path, page: int | None = None, *, bbox: bool = False) -> str:
    """What poppler reads on a page (1-based) or in the whole file, in drawing order."""
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    mode = ["-bbox"] if bbox else ["-raw"]
    return subprocess.run(["pdftotext", *mode, *pages, "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")


def folded(text: str) -> str:
    return " ".join(text.split())


def flat(text: str) -> str:
    return "".join(text.split())


def page_of(pdf: Path, title: str) -> int:
    """The page (1-based) the bookmark whose title contains ``title`` points at."""
    reader = PdfReader(pdf)
    found: list[int] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif title in str(item.title):  # type: ignore[attr-defined]
                found.append(reader.get_destination_page_number(item) + 1)  # type: ignore[arg-type]

    walk(reader.outline)
    assert len(found) == 1, (title, found)
    return found[0]


def list_page(pdf: Path, lang: str) -> int:
    return page_of(pdf, "证据目录" if lang == "zh" else "List of evidence")


def exhibit_page(pdf: Path, lang: str, label: str = "E1") -> int:
    return page_of(pdf, f"证据 {label}" if lang == "zh" else f"Exhibit {label}")


def receipt(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return draw(folder / SHOT, RECEIPT)


@pytest.fixture
def case(cli: CLI) -> str:
    result = cli("case", "new", "--title", "建行小程序转账金额错误", "--institution", "建设银行")
    assert result.code == 0, result.err
    return result.out.strip()


def export(cli: CLI, case: str, out: Path, lang: str, *options: str) -> Path:
    result = cli("export", case, "-o", str(out), "--lang", lang, *options)
    assert result.code == 0, result.err
    return out


def keep_text(data_dir: Path, evidence_id: int, lines: tuple[OcrLine, ...] = READ,
              heights: tuple[float, ...] = (float(PHONE[1]),)) -> None:
    """Store what a reading would have found (the OCR engine is not run)."""
    with Casebook.open(data_dir) as book:
        book.reading.keep(evidence_id, ReadResult(lines=lines, heights=heights))


# ---- capture times, with where they came from -------------------------------------------------


@pytest.mark.parametrize(("source", "zh", "en"), [(s, *w) for s, w in WORDS.items()])
def test_each_source_is_worded_in_both_languages(source: str, zh: str, en: str) -> None:
    assert labels.captured("zh", "2024-11-23 10:15", source) == f"2024-11-23 10:15（{zh}）"
    assert labels.captured("en", "2024-11-23 10:15", source) == f"2024-11-23 10:15 ({en})"
    assert labels.text("zh", "captured", time=labels.captured("zh", "2024-11-23 10:15", source)
                       ) == f"形成时间：2024-11-23 10:15（{zh}）"
    assert labels.text("en", "captured", time=labels.captured("en", "2024-11-23 10:15", source)
                       ) == f"Made: 2024-11-23 10:15 ({en})"


def test_every_source_the_reading_knows_has_words_and_none_has_none() -> None:
    assert set(labels.CAPTURE_SOURCES) == set(CAPTURE_SOURCES) == set(WORDS)
    for lang in labels.LANGS:
        # not recorded (imported before sources were): the time alone, as before
        assert labels.captured(lang, "2024-11-23 10:15", None) == "2024-11-23 10:15"


def test_a_screenshot_added_through_the_cli_is_made_when_its_name_says_on_paper_too(
        cli: CLI, case: str, tmp_path: Path) -> None:
    shot = receipt(tmp_path / "phone")
    os.utime(shot, (1_733_000_000, 1_733_000_000))  # copied off the phone a week later

    (item,) = cli("evidence", "add", case, str(shot), "--no-ocr", "--json").json()

    assert item["captured_at"] == "2024-11-23T10:15:30+08:00"  # local time (Asia/Shanghai)
    assert item["captured_source"] == "filename"
    for lang, expected in (("zh", "形成时间：2024-11-23 10:15（据文件名）"),
                           ("en", "Made: 2024-11-23 10:15 (from the file name)")):
        pdf = export(cli, case, tmp_path / f"{lang}.pdf", lang)
        listed = text_of(pdf, list_page(pdf, lang))
        assert (flat(expected) in flat(listed)) if lang == "zh" else (
            expected in folded(listed)), listed
        shown = folded(text_of(pdf, exhibit_page(pdf, lang)))
        assert ("形成时间：2024-11-23 10:15（据文件名）" if lang == "zh"
                else "made 2024-11-23 10:15 (from the file name)") in shown, shown


def test_every_source_reaches_the_paper_in_both_languages(book: Casebook, tmp_path: Path
                                                           ) -> None:
    files = tmp_path / "files"
    case = book.cases.create_case(CaseFields(title="来源", institution_name="建设银行"))

    def add(path: Path) -> int:
        outcome = book.imports.import_file(case.id, path)
        assert outcome.ok, outcome.error
        assert outcome.record is not None
        return outcome.record.id

    photo = add(write(files / "photo.jpg", exif_jpeg()))
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "a@example.com", "b@example.com", "投诉"
    mail["Date"] = "Tue, 12 Nov 2024 11:30:00 +0800"
    mail.set_content("请答复。")
    email = add(write(files / "mail.eml", bytes(mail)))
    named = add(write(files / SHOT, image_bytes("PNG", color="navy")))
    screen = add(write(files / "转账.png", image_bytes("PNG", color="teal")))
    old = add(write(files / "旧图.png", image_bytes("PNG", color="olive")))
    person = add(write(files / "说明.png", image_bytes("PNG", color="gray")))
    os.utime(files / "转账.png", (1_732_000_000, 1_732_000_000))
    # a screenshot known only by its file's time takes the time its screen shows once read
    book.reading.keep(screen, ReadResult(lines=(
        OcrLine("2024年11月20日 09:41", (60, 300, 400, 40), 0.99),), heights=(480.0,)))
    book.reading.set_captured(person, parse_time("2024-11-21 08:00"))
    expected = {photo: "exif", email: "email", named: "filename", screen: "screen",
                person: "person"}
    records = {r.id: r for r in book.evidence.list_evidence(case.id)}
    assert {i: records[i].captured_source for i in expected} == expected
    assert records[old].captured_source == "file_time"  # no EXIF, no date in the name

    for lang in labels.LANGS:
        pdf = build_dossier(book, case.id, tmp_path / f"{lang}.pdf", lang=lang).path
        listed = folded(text_of(pdf, list_page(pdf, lang)))
        for evidence_id in (*expected, old):
            record = records[evidence_id]
            source = record.captured_source
            assert source is not None
            words = WORDS[source][0 if lang == "zh" else 1]
            shown = folded(text_of(pdf, exhibit_page(pdf, lang, record.exhibit)))
            assert (flat(words) in flat(shown)) if lang == "zh" else (words in shown), (
                source, shown)
            assert (flat(words) in flat(listed)) if lang == "zh" else (
                words in listed), (source, listed)


def test_an_exhibit_without_a_recorded_source_shows_its_time_alone(book: Casebook,
                                                                   tmp_path: Path) -> None:
    case = book.cases.create_case(CaseFields(title="旧证据", institution_name="建设银行"))
    outcome = book.imports.import_file(case.id, write(tmp_path / SHOT, image_bytes("PNG")))
    assert outcome.record is not None
    with book.write() as (s, w, _con):  # as an exhibit imported before sources were recorded
        w.set_captured(s, [outcome.record.id], parse_time("2024-11-23 10:15:30"), None)

    pdf = build_dossier(book, case.id, tmp_path / "zh.pdf", lang="zh").path

    listed = flat(text_of(pdf, list_page(pdf, "zh")))
    assert "形成时间：2024-11-2310:15" in listed
    assert "（据" not in listed
    shown = flat(text_of(pdf, exhibit_page(pdf, "zh")))
    assert "形成时间：2024-11-2310:15" in shown
    assert "（据" not in shown


def test_an_email_that_says_not_when_it_was_sent_is_not_made_when_imported(
        book: Casebook, tmp_path: Path) -> None:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "a@example.com", "b@example.com", "无日期"
    mail.set_content("正文")
    path = write(tmp_path / "nodate.eml", bytes(mail))
    os.utime(path, (1_732_000_000, 1_732_000_000))
    case = book.cases.create_case(CaseFields(title="邮件", institution_name="建设银行"))

    outcome = book.imports.import_file(case.id, path)

    assert outcome.record is not None
    assert outcome.record.captured_source == "file_time"
    assert outcome.record.captured_at == datetime.fromtimestamp(1_732_000_000).astimezone()


# ---- the invisible text layer -----------------------------------------------------------------


def layered_case(cli: CLI, case: str, data_dir: Path, folder: Path) -> None:
    (item,) = cli("evidence", "add", case, str(receipt(folder)), "--no-ocr", "--json").json()
    keep_text(data_dir, item["id"])


def words_at(pdf: Path, page: int) -> dict[str, tuple[float, float, float, float]]:
    """Each word poppler finds on the page: (x min, y min, x max, y max) in points from the
    top left."""
    found = {}
    for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', text_of(pdf, page, bbox=True)):
        found[match.group(5)] = tuple(float(v) for v in match.group(1, 2, 3, 4))
    return found  # type: ignore[return-value]


@pytest.mark.parametrize("lang", labels.LANGS)
def test_the_text_read_from_a_screenshot_is_on_its_page_where_the_picture_shows_it(
        cli: CLI, case: str, data_dir: Path, tmp_path: Path, lang: str) -> None:
    layered_case(cli, case, data_dir, tmp_path / "phone")

    pdf = export(cli, case, tmp_path / "dossier.pdf", lang)

    page = exhibit_page(pdf, lang)
    assert COMPLAINT_NO in text_of(pdf, page)
    assert [p for p in range(1, len(PdfReader(pdf).pages) + 1)
            if COMPLAINT_NO in text_of(pdf, p)] == [page]  # and nowhere else (no summaries)
    # every line where the picture has it: one scale for both axes and for the widths
    words = words_at(pdf, page)
    top_left = words["中国建设银行客户服务"]
    low = words["我们将在3个工作日内回电"]
    scale = (low[1] - top_left[1]) / (808 - 208)
    assert scale > 0
    number = words[f"投诉编号：{COMPLAINT_NO}"]
    assert number[2] - number[0] == pytest.approx(540 * scale, rel=0.02)
    assert number[3] - number[1] == pytest.approx(46 * scale, rel=0.15)
    assert number[1] - top_left[1] == pytest.approx((448 - 208) * scale, rel=0.01)
    assert words["85%"][0] - number[0] == pytest.approx((960 - 60) * scale, rel=0.01)
    # and invisible: drawn in text render mode 3
    assert b" 3 Tr" in PdfReader(pdf).pages[page - 1].get_contents().get_data()


def test_the_layer_changes_nothing_the_eye_sees(cli: CLI, case: str, data_dir: Path,
                                                tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    (item,) = cli("evidence", "add", case, str(receipt(tmp_path / "phone")), "--no-ocr",
                  "--json").json()
    moment = localize(datetime(2024, 12, 1, 9, 0))
    monkeypatch.setattr(content, "now", lambda: moment)  # the same footer on both
    plain = export(cli, case, tmp_path / "plain.pdf", "zh")
    keep_text(data_dir, item["id"])
    layered = export(cli, case, tmp_path / "layered.pdf", "zh")
    page = exhibit_page(layered, "zh")
    assert page == exhibit_page(plain, "zh")
    assert COMPLAINT_NO in text_of(layered, page)
    assert COMPLAINT_NO not in text_of(plain, page)

    def render(pdf: Path) -> bytes:
        return subprocess.run(["pdftoppm", "-r", "60", "-gray", "-f", str(page), "-l",
                               str(page), str(pdf)], capture_output=True, check=True).stdout

    assert render(layered) == render(plain)


def test_a_photo_turned_by_its_exif_carries_its_text_upright(book: Casebook,
                                                             tmp_path: Path) -> None:
    # stored 400×200 landscape, Orientation 6: shown (and read) upright, 200×400
    case = book.cases.create_case(CaseFields(title="照片", institution_name="建设银行"))
    outcome = book.imports.import_file(case.id, write(tmp_path / "photo.jpg", exif_jpeg()))
    assert outcome.record is not None
    lines = (OcrLine("TOPLEFT", (10, 10, 80, 20), 0.9),
             OcrLine("BOTTOMRIGHT", (100, 360, 90, 20), 0.9))
    for heights in ((400.0,), ()):  # the height as read; else the original's, turned upright
        book.reading.keep(outcome.record.id, ReadResult(lines=lines, heights=heights))
        pdf = build_dossier(book, case.id, tmp_path / f"photo{len(heights)}.pdf").path
        words = words_at(pdf, exhibit_page(pdf, "zh"))
        first, last = words["TOPLEFT"], words["BOTTOMRIGHT"]
        across = (last[0] - first[0]) / (100 - 10)
        down = (last[1] - first[1]) / (360 - 10)
        assert across == pytest.approx(down, rel=0.02), heights
        assert first[2] - first[0] == pytest.approx(80 * across, rel=0.02)


# ---- the content line in the list of evidence -------------------------------------------------


def exhibit_text(lines: tuple[OcrLine, ...], height: float = 2340.0) -> ExhibitText:
    return ExhibitText(sha256="0" * 64, text="\n".join(line.text for line in lines),
                       lines=lines, heights=(height,), engine="test",
                       read_at=localize(datetime(2024, 12, 1, 9, 0)))


def test_the_content_line_skips_the_status_bar_and_is_cut_short() -> None:
    summary = content_summary(exhibit_text(READ))
    assert summary == ("中国建设银行客户服务 / 您的投诉已受理 / 投诉编号：TS2024112300123 / "
                       "受理工号：8842 / 涉及…")
    assert len(summary) <= 61


@pytest.mark.parametrize("clutter", ["10:15", "下午3:42", "9:41 AM", "85%", "100 %", "5G",
                                     "4G HD", "0.5K/s", "···", "<"])
def test_status_clutter_anywhere_is_left_out(clutter: str) -> None:
    lines = (OcrLine(clutter, (60, 600, 100, 40), 0.9),
             OcrLine("转账   成功", (60, 700, 200, 40), 0.9))
    assert content_summary(exhibit_text(lines)) == "转账 成功"  # whitespace folded


def test_the_status_bar_band_is_left_out_and_nothing_read_gives_nothing() -> None:
    lines = (OcrLine("中国移动", (40, 30, 120, 30), 0.9), OcrLine("订单", (60, 300, 80, 40), 0.9))
    assert content_summary(exhibit_text(lines)) == "订单"
    assert content_summary(None) == ""
    assert content_summary(exhibit_text(())) == ""


@pytest.mark.parametrize("lang", labels.LANGS)
def test_summaries_add_a_content_line_under_each_exhibit_when_asked(
        cli: CLI, case: str, data_dir: Path, tmp_path: Path, lang: str) -> None:
    layered_case(cli, case, data_dir, tmp_path / "phone")
    label = "内容摘要：" if lang == "zh" else "Content:"

    plain = export(cli, case, tmp_path / "plain.pdf", lang)
    asked = export(cli, case, tmp_path / "asked.pdf", lang, "--summaries")

    assert label not in text_of(plain, list_page(plain, lang))  # off by default
    listed = flat(text_of(asked, list_page(asked, lang)))
    assert flat(f"{label}中国建设银行客户服务 / 您的投诉已受理 / 投诉编号：{COMPLAINT_NO}") \
        in listed, listed
    assert "10:15/" not in listed  # the status bar's clock is no content


# ---- the whole way, with the real OCR engine --------------------------------------------------


@pytest.mark.slow
def test_a_screenshot_read_by_ocr_is_searchable_on_its_page_of_the_dossier(
        cli: CLI, case: str, tmp_path: Path) -> None:
    (item,) = cli("evidence", "add", case, str(receipt(tmp_path / "phone")), "--json").json()
    assert COMPLAINT_NO in item["text"]
    assert item["captured_source"] == "filename"

    pdf = export(cli, case, tmp_path / "dossier.pdf", "zh", "--summaries")

    page = exhibit_page(pdf, "zh")
    assert COMPLAINT_NO in text_of(pdf, page)
    assert "（据文件名）" in text_of(pdf, page)
    listed = text_of(pdf, list_page(pdf, "zh"))
    assert "内容摘要：" in listed
    assert COMPLAINT_NO in flat(listed)
