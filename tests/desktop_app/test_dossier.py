"""The dossier read back: what a regulator receives must carry the whole case, in Chinese and
English, every font embedded, every exhibit with its digest, and nothing half-written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from dossier_case import (
    FACTS,
    INSTITUTION,
    PDF_MARKER,
    REFERENCES,
    SUMMARIES,
    TITLE,
    Sample,
    exhibit_pdf,
    make_case,
)
from pypdf import PdfReader, PdfWriter

import desktop_app.dossier.build as building
from desktop_app.deadlines.clock import clock_sentence
from desktop_app.deadlines.workdays import covers
from desktop_app.dossier import build_dossier
from desktop_app.dossier.story import rmb_uppercase
from desktop_app.errors import DossierCancelled, DossierError, NotFound
from desktop_app.records import CaseFields, EventFields, ReferenceData
from desktop_app.timeutil import parse_time

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None
                                   or shutil.which("pdffonts") is None,
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return make_case(tmp_path_factory.mktemp("dossier"))


@pytest.fixture
def own_sample(tmp_path: Path) -> Sample:
    return make_case(tmp_path / "own")


@pytest.fixture(scope="module")
def zh_pdf(sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out") / "dossier.pdf"
    with sample.open() as book:
        result = build_dossier(book, sample.case_id, out, lang="zh")
    assert result.path == out
    assert result.pages == len(PdfReader(out).pages)
    assert result.size == out.stat().st_size
    return out


def text_of(path: Path) -> str:
    """The text as poppler reads it in drawing order (each cell's lines together)."""
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")


def flat(text: str) -> str:
    return "".join(text.split())


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---- contents ---------------------------------------------------------------------------------


@needs_poppler
def test_the_dossier_carries_the_whole_case(sample: Sample, zh_pdf: Path) -> None:
    text = text_of(zh_pdf)
    whole = flat(text)
    assert TITLE in text  # Chinese text extracts exactly
    assert INSTITUTION in text
    assert FACTS in whole
    for summary in SUMMARIES:
        assert flat(summary) in whole, summary
    for reference in REFERENCES:
        assert reference in text, reference
    assert "张伟" in text
    assert "**************2345" in text
    assert "310115198807152345" not in whole  # the ID number only masked
    with sample.open() as book:
        evidence = book.evidence.list_evidence(sample.case_id)
        head = book.audit_head()
    assert len(evidence) == 5
    for record in evidence:
        assert record.sha256 in text, record.exhibit  # full digests, unbroken
    assert head in text
    pages = len(PdfReader(zh_pdf).pages)
    for page in range(1, pages + 1):
        assert f"第 {page} 页 / 共 {pages} 页" in text


def test_the_text_reads_back_with_pypdf_too(zh_pdf: Path) -> None:
    reader = PdfReader(zh_pdf)
    first = reader.pages[0].extract_text()
    assert TITLE in first
    assert "投诉及证据材料" in first
    assert f"第 1 页 / 共 {len(reader.pages)} 页" in first
    whole = flat("".join(page.extract_text() for page in reader.pages))
    for reference in REFERENCES:
        assert reference in whole


def test_sections_and_exhibits_are_bookmarked(zh_pdf: Path) -> None:
    reader = PdfReader(zh_pdf)
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    for section in ("目　录", "一、案情摘要", "二、联系记录", "三、对方承诺及兑现情况",
                    "四、证据目录", "五、证据材料", "六、附录：完整性核验", "七、声明"):
        assert section in titles
    for n in range(1, 6):
        assert any(t.startswith(f"证据 E{n}") for t in titles), titles
    # each bookmark points at its own page, not all at the first
    targets = {reader.get_destination_page_number(item) for item in reader.outline
               if not isinstance(item, list)}
    assert len(targets) > 5


def test_metadata_is_set(zh_pdf: Path) -> None:
    info = PdfReader(zh_pdf).metadata
    assert info is not None
    assert info.title == f"投诉及证据材料：{TITLE}"
    assert info.author == "张伟"
    assert info.subject is not None
    assert INSTITUTION in info.subject
    assert info.creation_date is not None
    assert (info.creator or "").startswith("Casebook")


@needs_poppler
def test_every_font_is_embedded(zh_pdf: Path) -> None:
    out = subprocess.run(["pdffonts", str(zh_pdf)], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    rows = out[2:]
    assert rows, out
    header = out[0]
    emb = header.index("emb")
    for row in rows:
        assert row[emb:emb + 3] == "yes", row


def test_headings_are_drawn_bold(zh_pdf: Path) -> None:
    """The synthetic bold: text drawn filled and stroked (render mode 2)."""
    content = PdfReader(zh_pdf).pages[0].get_contents()
    assert content is not None
    assert b" 2 Tr " in content.get_data()


@needs_poppler
def test_a_pdf_exhibits_own_pages_are_in_the_dossier(sample: Sample, zh_pdf: Path) -> None:
    reader = PdfReader(zh_pdf)
    with_marker = [i for i, page in enumerate(reader.pages)
                   if PDF_MARKER in (page.extract_text() or "")]
    assert len(with_marker) == 2
    assert with_marker[1] == with_marker[0] + 1
    text = text_of(zh_pdf)
    assert f"{PDF_MARKER} page 1" in text
    assert f"{PDF_MARKER} page 2" in text
    # those pages still carry the dossier's own header and footer
    page_text = reader.pages[with_marker[1]].extract_text()
    assert "CB-" in page_text
    assert f"第 {with_marker[1] + 1} 页" in page_text


def layout_text(path: Path) -> str:
    """The text as poppler places it on the page: a table row's first line is one line."""
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")


def first_pages(path: Path, marks: list[str]) -> dict[str, int]:
    """The first page (1-based) whose text holds each mark, after the contents."""
    texts = [page.extract_text() for page in PdfReader(path).pages]
    return {mark: next(i for i, t in enumerate(texts) if i > 1 and mark in t) + 1
            for mark in marks}


@needs_poppler
def test_the_evidence_list_gives_the_page_of_each_exhibit(zh_pdf: Path) -> None:
    pages = first_pages(zh_pdf, [f"证据 E{n}" for n in range(1, 6)])
    listing = layout_text(zh_pdf).split("四、证据目录")[-1]
    for n in range(1, 6):
        row = next(line for line in listing.splitlines() if line.startswith(f"E{n} "))
        assert row.split()[-1] == str(pages[f"证据 E{n}"]), row


@needs_poppler
def test_the_contents_give_the_page_of_each_section(zh_pdf: Path) -> None:
    sections = ["一、案情摘要", "二、联系记录", "三、对方承诺及兑现情况", "四、证据目录",
                "五、证据材料", "六、附录：完整性核验", "七、声明"]
    pages = first_pages(zh_pdf, sections)
    contents = layout_text(zh_pdf).split("\f")[1]
    for section in sections:
        line = next(line for line in contents.splitlines() if line.startswith(section))
        assert line.split()[-1] == str(pages[section]), line


def test_promises_kept_and_broken(zh_pdf: Path) -> None:
    whole = flat("".join(p.extract_text() for p in PdfReader(zh_pdf).pages))
    assert "共2项承诺：已兑现1项，未兑现1项，尚在期限内0项。" in whole
    assert "逾期未兑现" in whole
    assert "已兑现" in whole


@needs_poppler
def test_english_dossier_on_letter_paper(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "dossier-en.pdf"
    with sample.open() as book:
        result = build_dossier(book, sample.case_id, out, lang="en", paper="letter")
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    text = text_of(out)
    assert "Complaint and Evidence Dossier" in text
    assert "China Construction Bank" in text
    assert "Chronology of contacts" in text
    assert TITLE in text
    for page in range(1, result.pages + 1):
        assert f"Page {page} of {result.pages}" in text
    assert "Broken: not kept by the due time" in flat(text) or "Broken" in text


def test_a_case_without_evidence(tmp_path: Path) -> None:
    bare = make_case(tmp_path / "bare", evidence=False)
    out = tmp_path / "bare.pdf"
    with bare.open() as book:
        result = build_dossier(book, bare.case_id, out)
    assert result.exhibits == 0
    assert result.warnings == ()
    assert "未附证据" in "".join(p.extract_text() for p in PdfReader(out).pages)


def test_chosen_exhibits_only(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "some.pdf"
    with sample.open() as book:
        evidence = book.evidence.list_evidence(sample.case_id)
        result = build_dossier(book, sample.case_id, out, exhibits=[evidence[1].id])
    whole = "".join(p.extract_text() for p in PdfReader(out).pages)
    assert result.exhibits == 1
    assert evidence[1].sha256 in flat(whole)
    assert evidence[0].sha256 not in flat(whole)
    assert "证据 E2" in whole
    with sample.open() as book, pytest.raises(DossierError, match="no evidence with id"):
        build_dossier(book, sample.case_id, tmp_path / "x.pdf", exhibits=[99999])
    assert not (tmp_path / "x.pdf").exists()


def test_warnings_name_files_supplied_separately(sample: Sample, tmp_path: Path) -> None:
    with sample.open() as book:
        result = build_dossier(book, sample.case_id, tmp_path / "w.pdf")
    assert any("E4" in w and "supply" in w for w in result.warnings), result.warnings
    assert not any("does not embed" in w for w in result.warnings)


def test_a_pdf_exhibit_without_its_fonts_is_warned_about(tmp_path: Path) -> None:
    bare = make_case(tmp_path / "fonts", evidence=False)
    with bare.open() as book:
        book.imports.import_file(bare.case_id, exhibit_pdf(tmp_path / "plain.pdf",
                                                           font="Helvetica"))
        result = build_dossier(book, bare.case_id, tmp_path / "d.pdf")
    assert any("E1" in w and "Helvetica" in w for w in result.warnings), result.warnings


# ---- characters the fonts lack ----------------------------------------------------------------


def test_characters_no_font_has_are_reported_not_dropped(tmp_path: Path) -> None:
    bare = make_case(tmp_path / "emoji", evidence=False)
    with bare.open() as book:
        book.timeline.add_event(bare.case_id, EventFields(at=parse_time("2024-11-09 10:00"),
                                                 channel="wechat", summary="客服回复🙏收到"))
        result = build_dossier(book, bare.case_id, tmp_path / "e.pdf")
    assert any("U+1F64F" in w for w in result.warnings), result.warnings
    whole = "".join(p.extract_text() for p in PdfReader(tmp_path / "e.pdf").pages)
    assert "[U+1F64F]" in flat(whole)


# ---- failures leave nothing behind ------------------------------------------------------------


def test_a_tampered_exhibit_fails_the_export_and_leaves_no_file(own_sample: Sample,
                                                                 tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with own_sample.open() as book:
        record = book.evidence.list_evidence(own_sample.case_id)[2]
        stored = book.evidence.evidence_file(record.id)
        os.chmod(stored, 0o644)
        data = bytearray(stored.read_bytes())
        data[len(data) // 2] ^= 0x01
        stored.write_bytes(bytes(data))
        with pytest.raises(DossierError) as caught:
            build_dossier(book, own_sample.case_id, out_dir / "dossier.pdf")
    message = str(caught.value)
    assert record.exhibit in message
    assert record.original_name in message
    assert "SHA-256" in message
    assert "\n" not in message
    assert files_in(out_dir) == []


def test_a_missing_exhibit_file_fails_the_export(own_sample: Sample, tmp_path: Path) -> None:
    with own_sample.open() as book:
        record = book.evidence.list_evidence(own_sample.case_id)[0]
        book.evidence.evidence_file(record.id).unlink()
        with pytest.raises(DossierError, match="E1"):
            build_dossier(book, own_sample.case_id, tmp_path / "dossier.pdf")
    assert files_in(tmp_path) == ["own"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a non-root user")
def test_an_unwritable_folder_is_refused_before_any_work(sample: Sample,
                                                         tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with sample.open() as book, pytest.raises(DossierError, match="cannot write"):
            build_dossier(book, sample.case_id, locked / "dossier.pdf")
        assert files_in(locked) == []
    finally:
        locked.chmod(0o755)


def test_a_refused_write_is_reported_as_such(sample: Sample, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with sample.open() as book, pytest.raises(DossierError) as caught:
        build_dossier(book, sample.case_id, tmp_path / "dossier.pdf")
    assert str(caught.value) == f"cannot write {tmp_path / 'dossier.pdf'}: Permission denied"
    assert files_in(tmp_path) == []


def test_a_folder_that_does_not_exist_or_is_a_file_name(sample: Sample, tmp_path: Path) -> None:
    with sample.open() as book:
        with pytest.raises(DossierError, match="does not exist"):
            build_dossier(book, sample.case_id, tmp_path / "nowhere" / "d.pdf")
        with pytest.raises(DossierError, match="is a folder"):
            build_dossier(book, sample.case_id, tmp_path)


def test_an_unknown_case(sample: Sample, tmp_path: Path) -> None:
    with sample.open() as book, pytest.raises(NotFound):
        build_dossier(book, 4242, tmp_path / "d.pdf")
    assert files_in(tmp_path) == []


def test_an_error_while_writing_leaves_no_file(sample: Sample, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(building, "merge_exhibit_pages", broken)
    with sample.open() as book, pytest.raises(OSError, match="No space"):
        build_dossier(book, sample.case_id, tmp_path / "d.pdf")
    assert files_in(tmp_path) == []


def test_an_existing_file_is_replaced_only_when_the_new_one_is_complete(
        sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    out.write_bytes(b"the previous dossier")

    with sample.open() as book, pytest.raises(DossierCancelled):
        build_dossier(book, sample.case_id, out, cancelled=lambda: True)
    assert out.read_bytes() == b"the previous dossier"
    with sample.open() as book:
        build_dossier(book, sample.case_id, out)
    assert out.read_bytes().startswith(b"%PDF-")
    assert files_in(tmp_path) == ["d.pdf"]


def test_cancelling_midway_leaves_no_file(sample: Sample, tmp_path: Path) -> None:
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        assert 0 <= done <= total
        seen.append(done)

    with sample.open() as book, pytest.raises(DossierCancelled):
        build_dossier(book, sample.case_id, tmp_path / "d.pdf", progress=progress,
                      cancelled=lambda: len(seen) > 40)
    assert len(seen) > 40
    assert files_in(tmp_path) == []


def test_progress_runs_to_the_end(sample: Sample, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    with sample.open() as book:
        build_dossier(book, sample.case_id, tmp_path / "d.pdf",
                      progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_bad_options_are_refused(sample: Sample, tmp_path: Path) -> None:
    with sample.open() as book:
        for kwargs in ({"lang": "fr"}, {"paper": "a3"}, {"max_size_mb": 0}):
            with pytest.raises(DossierError):
                build_dossier(book, sample.case_id, tmp_path / "d.pdf", **kwargs)  # type: ignore[arg-type]
    assert files_in(tmp_path) == []


# ---- the size budget --------------------------------------------------------------------------


def test_images_are_made_smaller_to_fit_a_size_budget(sample: Sample, tmp_path: Path) -> None:
    with sample.open() as book:
        full = build_dossier(book, sample.case_id, tmp_path / "full.pdf")
        budget = full.size * 0.5 / 2**20
        fitted = build_dossier(book, sample.case_id, tmp_path / "fitted.pdf",
                               max_size_mb=budget)
    assert full.image_long_side is None
    assert fitted.size <= budget * 2**20
    assert fitted.image_long_side is not None
    assert fitted.image_long_side < 1600
    assert any("re-rendered" in w for w in fitted.warnings), fitted.warnings
    assert fitted.pages == full.pages
    with sample.open() as book:
        for record in book.evidence.list_evidence(sample.case_id):  # the originals are untouched
            assert record.sha256 in flat(PdfReader(tmp_path / "fitted.pdf").pages[-2]
                                         .extract_text() + "".join(
                p.extract_text() for p in PdfReader(tmp_path / "fitted.pdf").pages[-3:]))


def test_a_budget_that_cannot_be_met_is_said_so(sample: Sample, tmp_path: Path) -> None:
    with sample.open() as book:
        result = build_dossier(book, sample.case_id, tmp_path / "tiny.pdf", max_size_mb=0.01)
    assert result.path.exists()
    assert any("does not fit" in w or "cannot be made to fit" in w for w in result.warnings)


# ---- odds and ends ----------------------------------------------------------------------------


@pytest.mark.parametrize(("amount", "words"), [
    ("5000", "伍仟元整"), ("10005", "壹万零伍元整"), ("100000", "壹拾万元整"),
    ("1010", "壹仟零壹拾元整"), ("12.05", "壹拾贰元零伍分"), ("0.5", "伍角"),
    ("1234567.89", "壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分"), ("100010000", "壹亿零壹万元整"),
])
def test_amounts_in_chinese_capitals(amount: str, words: str) -> None:
    assert rmb_uppercase(Decimal(amount)) == words


def test_the_dossier_package_does_not_load_reportlab_until_used() -> None:
    code = ("import sys, desktop_app.dossier, desktop_app.cli; "
            "print(any(m.startswith(('reportlab', 'pypdf')) for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_the_summary_says_what_the_regulator_clock_says(sample: Sample, zh_pdf: Path,
                                                        tmp_path: Path) -> None:
    with sample.open() as book:
        clock = book.deadlines.case_clock(sample.case_id)
        assert clock is not None
        sentence = clock_sentence(clock, book.cases.get_case(sample.case_id), "zh")
        whole = flat("".join(p.extract_text() for p in PdfReader(zh_pdf).pages[:4]))
        assert "（四）处理时限" in whole
        assert flat(sentence)[:20] in whole
        assert "依据：《银行业保险业消费投诉处理管理办法》" in whole

        build_dossier(book, sample.case_id, tmp_path / "own.pdf",
                      clock_text="由调用方给出的时限说明。")
        build_dossier(book, sample.case_id, tmp_path / "none.pdf", clock_text="")
    own = flat("".join(p.extract_text() for p in PdfReader(tmp_path / "own.pdf").pages[:4]))
    assert "由调用方给出的时限说明。" in own
    none = flat("".join(p.extract_text() for p in PdfReader(tmp_path / "none.pdf").pages[:4]))
    assert "处理时限" not in none


@pytest.mark.parametrize(("lang", "note"), [
    ("zh", "国务院 {year} 年节假日安排尚未公布"),
    ("en", "the State Council has not yet published the holiday schedule for {year}")])
def test_a_clock_counted_without_the_holiday_notice_says_so_on_paper(
        tmp_path: Path, lang: str, note: str) -> None:
    """The window warns beside the clock when its dates run into a year without the State
    Council's holiday notice; the dossier's summary, which states those dates, must too."""
    year = max(y for y in range(2004, 2200) if covers(y, "CN")) + 3
    bare = make_case(tmp_path / "gap", evidence=False)
    with bare.open() as book:
        case = book.cases.create_case(CaseFields(title="转账金额显示错误",
                                                 institution_name=INSTITUTION))
        book.timeline.add_event(case.id, EventFields(at=parse_time(f"{year}-03-02 10:00"),
                                                     channel="call",
                                            direction="out", summary="致电投诉",
                                            references=(ReferenceData("TS-1", "投诉号"),)))
        clock = book.deadlines.case_clock(case.id)
        assert clock is not None
        assert clock.calendar_gaps == (year,)
        build_dossier(book, case.id, tmp_path / "gap.pdf", lang=lang)
        build_dossier(book, bare.case_id, tmp_path / "known.pdf", lang=lang)
    summary = flat("".join(p.extract_text() for p in PdfReader(tmp_path / "gap.pdf").pages[:4]))
    assert flat(note.format(year=year)) in summary
    known = flat("".join(p.extract_text() for p in PdfReader(tmp_path / "known.pdf").pages[:4]))
    assert flat(note.format(year=2024)) not in known
    assert flat("处理时限" if lang == "zh" else "The time to answer") in known


def test_user_text_is_printed_as_typed_not_read_as_markup(tmp_path: Path) -> None:
    bare = make_case(tmp_path / "markup", evidence=False)
    typed = "客服说 <b>不</b> 处理 & 让我 <font size=40>等</font>"
    with bare.open() as book:
        book.timeline.add_event(bare.case_id, EventFields(at=parse_time("2024-11-09 10:00"),
                                                 channel="call", summary=typed,
                                                 details="第一行\n第二行 <br/> 不是换行"))
        build_dossier(book, bare.case_id, tmp_path / "m.pdf")
    whole = flat("".join(p.extract_text() for p in PdfReader(tmp_path / "m.pdf").pages))
    assert flat(typed) in whole
    assert flat("第二行 <br/> 不是换行") in whole


def test_a_password_protected_pdf_exhibit_is_listed_not_shown(tmp_path: Path) -> None:
    bare = make_case(tmp_path / "locked", evidence=False)
    plain = exhibit_pdf(tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with bare.open() as book:
        assert book.imports.import_file(bare.case_id, locked).ok
        record = book.evidence.list_evidence(bare.case_id)[0]
        result = build_dossier(book, bare.case_id, tmp_path / "d.pdf")
    assert any("E1" in w and "password" in w for w in result.warnings), result.warnings
    whole = "".join(p.extract_text() for p in PdfReader(tmp_path / "d.pdf").pages)
    assert PDF_MARKER not in whole
    assert record.sha256 in flat(whole)
