"""Redaction (issue 16): black boxes over what the regulator need not see. The redacted copy is
a new file (its own SHA-256), black in its pixels; the original stays byte for byte; the
dossier prints the copy, says so, lists both hashes, and carries no text read under a box."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageStat

from desktop_app.cli.run import main
from desktop_app.errors import Invalid
from desktop_app.evidence.redaction import fit_boxes, inside_any, parse_box, redacted_png
from desktop_app.reading.lines import OcrLine
from desktop_app.reading.ocr import ReadResult
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook

CARD = "6222 0212 3456 7890 123"
BOX = (100, 300, 700, 120)  # over the card number


def screenshot(path: Path) -> Path:
    """A bright picture with a dark band of detail where the card number is."""
    im = Image.new("RGB", (1080, 1600), (240, 244, 250))
    draw = ImageDraw.Draw(im)
    for n in range(0, 1080, 40):
        draw.rectangle((n, 0, n + 19, 1600), fill=(250, 200 + n % 50, 180))
    draw.rectangle((120, 320, 780, 400), fill=(30, 90, 200))
    im.save(path, "PNG", pnginfo=None)
    return path


@pytest.fixture
def book_dir(tmp_path: Path) -> tuple[Path, int, int]:
    """A book with one case, a screenshot (E1, its text "read": the card number inside the
    box, an amount outside) and an e-mail-like text file (E2)."""
    data = tmp_path / "data"
    with Casebook.open(data) as book:
        case = book.cases.create_case(CaseFields(title="银行卡被盗刷", institution_name="中国银行"))
        shot = book.imports.import_file(case.id, screenshot(tmp_path / "card.png"))
        note = tmp_path / "note.txt"
        note.write_text("客服电话记录", encoding="utf-8")
        assert book.imports.import_file(case.id, note).ok
        assert shot.record is not None
        book.reading.keep(shot.record.id, ReadResult(lines=(
            OcrLine(f"卡号 {CARD}", (130.0, 330.0, 600.0, 60.0), 0.99),
            OcrLine("交易金额 5,000.00", (130.0, 900.0, 400.0, 50.0), 0.99)),
            heights=(1600.0,)))
        return data, case.id, shot.record.id


def cli(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_redact_then_export_blacks_out_the_box_and_keeps_the_original(
        book_dir: tuple[Path, int, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    data, case_id, shot = book_dir
    code, out, err = cli(data, capsys, "evidence", "redact", str(shot), "--box",
                         ",".join(map(str, BOX)))
    assert code == 0, err
    redacted_sha = out.strip()
    assert len(redacted_sha) == 64

    code, out, err = cli(data, capsys, "case", "show", str(case_id), "--json")
    assert code == 0, err
    items = {e["exhibit"]: e for e in json.loads(out)["evidence"]}
    assert items["E1"]["redacted_sha256"] == redacted_sha
    assert items["E2"]["redacted_sha256"] is None
    original_sha = items["E1"]["sha256"]
    with Casebook.open(data) as book:  # the original still hashes to its record
        original = book.evidence.evidence_file(shot)
        assert hashlib.sha256(original.read_bytes()).hexdigest() == original_sha
        copy = book.redactions.file(book.redactions.get(shot))  # type: ignore[arg-type]
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == redacted_sha
        with Image.open(copy) as im:  # black in the pixels, no metadata carried
            assert ImageStat.Stat(im.crop((BOX[0], BOX[1], BOX[0] + BOX[2], BOX[1] + BOX[3]))
                                  ).extrema == [(0, 0)] * 3
            assert not im.info.get("exif")

    code, _, err = cli(data, capsys, "verify")
    assert code == 0, err  # the audit log vouches for the redaction

    pdf = tmp_path / "d.pdf"
    code, _, err = cli(data, capsys, "export", str(case_id), "-o", str(pdf))
    assert code == 0, err
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    flat = "".join(text.split())
    assert "已遮盖1处个人信息" in flat
    assert original_sha in flat
    assert redacted_sha in flat
    assert "6222" not in flat  # the text read under the box is not carried
    assert "5,000.00" in flat  # what was read outside it is

    # the picture in the PDF: solid black inside the box, the picture elsewhere
    out_dir = tmp_path / "images"
    out_dir.mkdir()
    subprocess.run(["pdfimages", "-png", str(pdf), str(out_dir / "img")], check=True)
    pictures = [Image.open(p).convert("RGB") for p in sorted(out_dir.glob("*.png"))]
    page = max(pictures, key=lambda im: im.width * im.height)
    scale = page.width / 1080
    inner = (int((BOX[0] + 8) * scale), int((BOX[1] + 8) * scale),
             int((BOX[0] + BOX[2] - 8) * scale), int((BOX[1] + BOX[3] - 8) * scale))
    assert max(ImageStat.Stat(page.crop(inner)).extrema[c][1] for c in range(3)) <= 24
    with Image.open(original) as im:
        whole = im.convert("RGB").resize(page.size)
    below = (0, int(600 * scale), page.width, page.height)  # away from the box
    diff = [abs(a - b) for a, b in zip(ImageStat.Stat(page.crop(below)).mean,
                                       ImageStat.Stat(whole.crop(below)).mean, strict=True)]
    assert max(diff) < 6


def test_clear_prints_the_picture_whole_again(book_dir: tuple[Path, int, int], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data, case_id, shot = book_dir
    assert cli(data, capsys, "evidence", "redact", str(shot), "--box", "0,0,50,50")[0] == 0
    code, out, err = cli(data, capsys, "evidence", "redact", str(shot), "--clear")
    assert (code, out) == (0, ""), err
    code, out, _ = cli(data, capsys, "evidence", "list", str(case_id), "--json")
    assert json.loads(out)[0]["redacted_sha256"] is None
    assert cli(data, capsys, "verify")[0] == 0
    pdf = tmp_path / "d.pdf"
    assert cli(data, capsys, "export", str(case_id), "-o", str(pdf))[0] == 0
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    assert "已遮盖" not in text


@pytest.mark.parametrize(("args", "words"), [
    (["--box", "5000,5000,10,10"], "outside the picture"),
    (["--box", "1,2,3"], "X,Y,W,H"),
    (["--box", "1,2,0,5"], "at least 1 pixel"),
])
def test_bad_boxes_are_one_line_and_change_nothing(
        book_dir: tuple[Path, int, int], capsys: pytest.CaptureFixture[str],
        args: list[str], words: str) -> None:
    data, _case_id, shot = book_dir
    code, out, err = cli(data, capsys, "evidence", "redact", str(shot), *args)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert words in err
    with Casebook.open(data) as book:
        assert book.redactions.get(shot) is None


def test_only_pictures_and_known_exhibits(book_dir: tuple[Path, int, int],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    data, _case_id, shot = book_dir
    code, _, err = cli(data, capsys, "evidence", "redact", str(shot + 1), "--box", "0,0,5,5")
    assert code == 1
    assert "only those can be redacted" in err
    code, _, err = cli(data, capsys, "evidence", "redact", "999", "--box", "0,0,5,5")
    assert code == 1
    assert "no evidence with id 999" in err
    code, _, err = cli(data, capsys, "evidence", "redact", str(shot))
    assert code == 2
    assert "--box" in err


def test_boxes_are_cut_to_the_picture() -> None:
    assert fit_boxes([(1000, 10, 500, 20)], 1080, 1600) == ((1000, 10, 80, 20),)
    with pytest.raises(Invalid):
        fit_boxes([], 100, 100)
    assert parse_box(" 1，2, 3,4 ") == (1, 2, 3, 4)


def test_a_line_of_text_overlapping_a_box_is_under_it() -> None:
    assert inside_any((10.0, 10.0, 5.0, 5.0), [(12, 12, 1, 1)])
    assert not inside_any((10.0, 10.0, 5.0, 5.0), [(15, 10, 5, 5)])


def test_the_redacted_copy_drops_the_picture_s_metadata(tmp_path: Path) -> None:
    im = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "SecretPhone"  # Make
    exif[0x0112] = 6  # rotated: the boxes are in the upright picture
    im.save(tmp_path / "p.jpg", exif=exif.tobytes())
    data = redacted_png(tmp_path / "p.jpg", [(0, 0, 30, 10)])
    (tmp_path / "r.png").write_bytes(data)
    with Image.open(tmp_path / "r.png") as out:
        assert out.size == (30, 40)  # turned upright
        assert b"SecretPhone" not in data
        assert out.getpixel((5, 5)) == (0, 0, 0)
        assert out.getpixel((5, 20)) != (0, 0, 0)


def test_a_changed_redacted_copy_is_noted_and_made_again_for_the_dossier(
        book_dir: tuple[Path, int, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    data, case_id, shot = book_dir
    assert cli(data, capsys, "evidence", "redact", str(shot), "--box", "100,300,700,120")[0] == 0
    with Casebook.open(data) as book:
        copy = book.redactions.file(book.redactions.get(shot))  # type: ignore[arg-type]
    copy.chmod(0o600)
    with Image.open(copy) as im:  # someone "un-redacts" the copy behind Casebook's back
        whole = im.copy()
    whole.paste((255, 255, 255), (100, 300, 800, 420))
    whole.save(copy, "PNG")
    code, out, err = cli(data, capsys, "verify", "--json")
    assert code == 0, err  # the original is intact: a note, not a problem
    notes = json.loads(out)["notes"]
    assert [n["kind"] for n in notes] == ["derived_changed"]
    assert "redacted copy" in notes[0]["message"]
    pdf = tmp_path / "d.pdf"
    code, _, err = cli(data, capsys, "export", str(case_id), "-o", str(pdf))
    assert code == 0
    assert "made afresh from the verified original with the same boxes" in err
    out_dir = tmp_path / "images"
    out_dir.mkdir()
    subprocess.run(["pdfimages", "-png", str(pdf), str(out_dir / "img")], check=True)
    page = max((Image.open(p).convert("RGB") for p in out_dir.glob("*.png")),
               key=lambda im: im.width * im.height)
    scale = page.width / 1080
    inner = (int(110 * scale), int(310 * scale), int(790 * scale), int(410 * scale))
    assert max(ImageStat.Stat(page.crop(inner)).extrema[c][1] for c in range(3)) <= 24
