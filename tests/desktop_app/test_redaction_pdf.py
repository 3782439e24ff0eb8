"""Redaction of PDF exhibits (issue 16): boxes over pages rendered at RENDER_DPI; a redacted
page goes into the copy, and so into the dossier, as the picture of its render with the boxes
black in its pixels, never with the page's text still under a box. Pages without boxes stay as
they are; the original stays byte for byte."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from desktop_app.cli.run import main
from desktop_app.errors import Invalid
from desktop_app.evidence.pdf_redaction import (
    RENDER_DPI,
    fitted_pages,
    page_sizes,
    redacted_pdf,
    render_page,
)
from desktop_app.evidence.redaction import parse_page_box
from desktop_app.reading.lines import OcrLine
from desktop_app.reading.ocr import ReadResult
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook

SECRET = "6222021234567890"
SCALE = RENDER_DPI / 72
PAGE_HEIGHT = A4[1]


def px(points: float) -> int:
    return int(points * SCALE)


# over "ACCOUNT 6222…" on page 2: the text's baseline at 700 pt, 24 pt high, from x = 100 pt
BOX = (px(90), px(PAGE_HEIGHT - 730), px(460), px(45))


def statement(path: Path) -> Path:
    """A two-page PDF with its own text: page 1 public, page 2 with a card number near its top
    and a line to keep near its bottom; an author in its metadata."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 24)
    c.drawString(100, 700, "PUBLIC FIRST PAGE")
    c.showPage()
    c.setFont("Helvetica", 24)
    c.drawString(100, 700, f"ACCOUNT {SECRET}")
    c.setFillColorRGB(0.1, 0.3, 0.8)
    c.rect(100, 200, 300, 80, fill=1, stroke=0)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(100, 120, "KEEP THIS LINE")
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=str(path))
    writer.add_metadata({"/Author": "Zhang San Secret Author"})
    writer.write(str(path))
    return path


@pytest.fixture
def book_dir(tmp_path: Path) -> tuple[Path, int, int]:
    data = tmp_path / "data"
    with Casebook.open(data) as book:
        case = book.cases.create_case(CaseFields(title="对账单", institution_name="中国银行"))
        done = book.imports.import_file(case.id, statement(tmp_path / "statement.pdf"))
        assert done.record is not None
        return data, case.id, done.record.id


def cli(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def pdftotext(pdf: Path, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")


def images_in(pdf: Path, folder: Path) -> list[tuple[int, Image.Image]]:
    """Every picture in ``pdf`` with the page it is on (pdfimages -list, -png)."""
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, check=True,
                            text=True).stdout.splitlines()[2:]
    pages = [int(line.split()[0]) for line in listed if line.strip()]
    folder.mkdir()
    subprocess.run(["pdfimages", "-png", str(pdf), str(folder / "img")], check=True)
    files = sorted(folder.glob("img-*.png"))
    assert len(files) == len(pages)
    return [(page, Image.open(f).convert("RGB")) for page, f in zip(pages, files, strict=True)]


def test_redact_a_pdf_page_then_export(book_dir: tuple[Path, int, int], tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    data, case_id, exhibit = book_dir
    code, out, err = cli(data, capsys, "evidence", "redact", str(exhibit), "--box",
                         "2:" + ",".join(map(str, BOX)), "--json")
    assert code == 0, err
    made = json.loads(out)
    assert made["pages"] == [2]
    assert made["boxes"] == [list(BOX)]
    redacted_sha = made["sha256"]
    with Casebook.open(data) as book:
        record = book.evidence.get_evidence(exhibit)
        original = book.evidence.evidence_file(exhibit)
        assert hashlib.sha256(original.read_bytes()).hexdigest() == record.sha256
        redaction = book.redactions.get(exhibit)
        assert redaction is not None
        assert redaction.pages == (2,)
        copy = book.redactions.file(redaction)
        assert copy.suffix == ".pdf"
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == redacted_sha
        rendered = render_page(original, 2)
    assert cli(data, capsys, "verify")[0] == 0

    pdf = tmp_path / "d.pdf"
    code, _, err = cli(data, capsys, "export", str(case_id), "-o", str(pdf))
    assert code == 0, err
    flat = "".join(pdftotext(pdf).split())
    assert "已遮盖1处个人信息：以下为遮盖后的副本，有遮盖的页面以该页图像呈现" in flat
    assert record.sha256 in flat
    assert redacted_sha in flat
    assert SECRET not in flat  # not as text anywhere in the dossier
    assert "PUBLICFIRSTPAGE" in flat  # the page without a box is kept as it was

    found = images_in(pdf, tmp_path / "images")
    assert len(found) == 1  # the redacted page, as a picture; the other page is not one
    page_no, picture = found[0]
    assert picture.size == rendered.size
    assert SECRET not in pdftotext(pdf, page_no)
    assert "KEEPTHISLINE" not in "".join(pdftotext(pdf, page_no).split())  # a picture now
    x, y, w, h = BOX
    assert ImageStat.Stat(picture.crop((x, y, x + w, y + h))).extrema == [(0, 0)] * 3
    below = (0, y + h + 10, picture.width, picture.height)  # elsewhere: the page as rendered
    diff = [abs(a - b) for a, b in zip(ImageStat.Stat(picture.crop(below)).mean,
                                       ImageStat.Stat(rendered.crop(below)).mean, strict=True)]
    assert max(diff) < 1
    assert min(ImageStat.Stat(picture.crop(below)).extrema[c][0] for c in range(3)) < 60

    with Casebook.open(data) as book:  # still byte for byte
        assert hashlib.sha256(original.read_bytes()).hexdigest() == record.sha256


def test_the_redacted_copy_carries_no_metadata_and_no_text_on_its_page(tmp_path: Path
                                                                        ) -> None:
    source = statement(tmp_path / "s.pdf")
    assert page_sizes(source) == [(1241, 1754), (1241, 1754)]
    data = redacted_pdf(source, fitted_pages(source, {2: [BOX]}))
    assert b"Zhang San" not in data
    (tmp_path / "r.pdf").write_bytes(data)
    reader = PdfReader(tmp_path / "r.pdf")
    assert reader.metadata is None
    assert reader.xmp_metadata is None
    assert "PUBLIC FIRST PAGE" in (reader.pages[0].extract_text() or "")
    assert (reader.pages[1].extract_text() or "").strip() == ""
    assert "/Font" not in reader.pages[1]["/Resources"]
    assert [float(p.mediabox.height) for p in reader.pages] == pytest.approx([PAGE_HEIGHT] * 2)


def test_a_turned_page_is_boxed_as_it_is_shown(tmp_path: Path) -> None:
    source = statement(tmp_path / "s.pdf")
    writer = PdfWriter(clone_from=str(source))
    writer.pages[1].rotate(90)
    writer.write(str(tmp_path / "turned.pdf"))
    turned = tmp_path / "turned.pdf"
    assert page_sizes(turned)[1] == (1754, 1241)
    data = redacted_pdf(turned, fitted_pages(turned, {2: [(0, 0, 100, 50)]}))
    (tmp_path / "r.pdf").write_bytes(data)
    found = images_in(tmp_path / "r.pdf", tmp_path / "images")
    assert found[0][1].size == (1754, 1241)
    assert found[0][1].getpixel((50, 25)) == (0, 0, 0)
    page = PdfReader(tmp_path / "r.pdf").pages[1]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (PAGE_HEIGHT, A4[0]), abs=0.01)


@pytest.mark.parametrize(("args", "words"), [
    (["--box", "3:0,0,10,10"], "has 2 pages; there is no page 3"),
    (["--box", "0:0,0,10,10"], "counted from 1"),
    (["--box", "x:0,0,10,10"], "counted from 1"),
    (["--box", "2:5000,0,10,10"], "outside"),
])
def test_bad_page_boxes_are_one_line_and_change_nothing(
        book_dir: tuple[Path, int, int], capsys: pytest.CaptureFixture[str],
        args: list[str], words: str) -> None:
    data, _case_id, exhibit = book_dir
    code, out, err = cli(data, capsys, "evidence", "redact", str(exhibit), *args)
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1
    assert words in err
    with Casebook.open(data) as book:
        assert book.redactions.get(exhibit) is None


def test_a_picture_has_no_pages_and_a_box_without_one_is_on_page_1(tmp_path: Path) -> None:
    assert parse_page_box("3：1,2,3,4") == (3, (1, 2, 3, 4))
    assert parse_page_box("1,2,3,4") == (1, (1, 2, 3, 4))
    data = tmp_path / "data"
    with Casebook.open(data) as book:
        case = book.cases.create_case(CaseFields(title="t", institution_name="中国银行"))
        Image.new("RGB", (50, 40), (9, 99, 199)).save(tmp_path / "p.png")
        shot = book.imports.import_file(case.id, tmp_path / "p.png").record
        doc = book.imports.import_file(case.id, statement(tmp_path / "s.pdf")).record
        assert shot is not None
        assert doc is not None
        with pytest.raises(Invalid, match="no pages"):
            book.redactions.redact(shot.id, [(0, 0, 5, 5)], [2])
        assert book.redactions.redact(shot.id, [(0, 0, 5, 5)], [1]).pages == ()
        first = book.redactions.redact(doc.id, [(0, 0, 5, 5)])
        assert first.pages == (1,)


def test_clear_and_restore_keep_the_pages(book_dir: tuple[Path, int, int]) -> None:
    data, _case_id, exhibit = book_dir
    with Casebook.open(data) as book:
        made = book.redactions.redact(exhibit, [(500, 500, 40, 40), BOX, (0, 0, 9, 9)],
                                      [2, 2, 1])
        assert made.pages == (1, 2, 2)  # in page order
        assert made.by_page() == {1: ((0, 0, 9, 9),), 2: ((500, 500, 40, 40), BOX)}
        cleared = book.redactions.clear(exhibit)
        assert cleared == made
        assert book.redactions.get(exhibit) is None
        back = book.redactions.restore(made)
        assert (back.boxes, back.pages, back.sha256) == (made.boxes, made.pages, made.sha256)


def test_a_changed_copy_is_made_again_and_text_read_on_a_redacted_page_stays_out(
        book_dir: tuple[Path, int, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    data, case_id, exhibit = book_dir
    with Casebook.open(data) as book:
        book.reading.keep(exhibit, ReadResult(lines=(
            OcrLine("PUBLIC FIRST PAGE", (0.0, 0.0, 0.0, 0.0), 1.0, page=0),
            OcrLine(f"ACCOUNT {SECRET}", (0.0, 0.0, 0.0, 0.0), 1.0, page=1)),
            heights=(0.0, 0.0)))
        redaction = book.redactions.redact(exhibit, [BOX], [2])
        copy = book.redactions.file(redaction)
    copy.chmod(0o600)  # someone puts the whole document in its place behind Casebook's back
    copy.write_bytes((tmp_path / "statement.pdf").read_bytes())
    code, out, err = cli(data, capsys, "verify", "--json")
    assert code == 0, err
    assert [n["kind"] for n in json.loads(out)["notes"]] == ["derived_changed"]
    pdf = tmp_path / "d.pdf"
    code, _, err = cli(data, capsys, "export", str(case_id), "-o", str(pdf), "--summaries",
                       "--lang", "en")
    assert code == 0
    assert "1 area redacted: the pages below are the redacted copy" in " ".join(
        pdftotext(pdf).split())
    assert "made afresh from the verified original with the same boxes" in err
    text = pdftotext(pdf)
    assert SECRET not in text
    assert re.search(r"PUBLIC\s*FIRST", text)
    (_page, picture), = images_in(pdf, tmp_path / "images")
    x, y, w, h = BOX
    assert ImageStat.Stat(picture.crop((x, y, x + w, y + h))).extrema == [(0, 0)] * 3


def dossier_page(pdf: Path, page: int, folder: Path) -> Image.Image:
    """A dossier page rendered by poppler at 50 dpi, in grey."""
    stem = folder / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "50", "-gray", "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(pdf), str(stem)], check=True)
    with Image.open(stem.with_suffix(".png")) as image:
        return image.convert("L")


def test_the_exhibit_frame_stays_drawn_over_a_redacted_page(
        book_dir: tuple[Path, int, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A redacted page is a picture, white to its edges: laid over the dossier page it hid the
    frame's lines. The exhibit page goes under the dossier page, so the frame is the same."""
    data, case_id, exhibit = book_dir
    plain, redacted = tmp_path / "plain.pdf", tmp_path / "redacted.pdf"
    assert cli(data, capsys, "export", str(case_id), "-o", str(plain))[0] == 0
    assert cli(data, capsys, "evidence", "redact", str(exhibit), "--box",
               "2:" + ",".join(map(str, BOX)))[0] == 0
    assert cli(data, capsys, "export", str(case_id), "-o", str(redacted))[0] == 0
    page = next(n for n in range(1, len(PdfReader(redacted).pages) + 1)
                if SECRET in pdftotext(plain, n))  # the exhibit's page 2, with its text
    before = dossier_page(plain, page, tmp_path)
    after = dossier_page(redacted, page, tmp_path)
    width, height = before.size

    def frame_lines(image: Image.Image) -> tuple[list[int], list[int]]:
        """Columns and rows (of the page's middle band) that are mostly dark: the frame."""
        columns = [x for x in range(width // 3) if sum(
            image.getpixel((x, y)) < 200 for y in range(height // 3, 2 * height // 3))
            > height // 4]
        rows = [y for y in range(height // 5) if sum(
            image.getpixel((x, y)) < 200 for x in range(width // 3, 2 * width // 3))
            > width // 4]
        return columns, rows

    left, top = frame_lines(before)
    assert left  # the frame's left line, on the plain page
    assert top  # and its top line
    assert frame_lines(after) == (left, top)
