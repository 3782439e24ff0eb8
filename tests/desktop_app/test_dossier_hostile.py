"""Issue 12 for the dossier: a swapped print copy is never printed, locked or broken exhibits
never stop a dossier, and fields of any length never stop it either (real PDFs read back)."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from pathlib import Path

import pytest
from dossier_case import Sample, exhibit_pdf, make_case, noisy_png
from PIL import Image
from pypdf import PdfReader, PdfWriter
from raw_sqlite import query

from desktop_app.backup.verify import DERIVED_CHANGED, verify
from desktop_app.dossier import build_dossier
from desktop_app.evidence.renditions import make_derivatives
from desktop_app.records import EventFields, PromiseData, ReferenceData
from desktop_app.timeutil import parse_time


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pdf_text(path: Path) -> str:
    return "".join("".join(page.extract_text() or "" for page in PdfReader(path).pages).split())


def embedded_images(path: Path) -> list[bytes]:
    """The raw stream of every image XObject in the PDF (ReportLab embeds a JPEG as it is)."""
    out = []
    for page in PdfReader(path).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for ref in (xobjects.get_object().values() if xobjects is not None else ()):
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                out.append(obj._data)
    return out


@pytest.fixture
def sample(tmp_path: Path) -> Sample:
    return make_case(tmp_path, evidence=False)


# ---- A: the print copy -------------------------------------------------------------------------


def test_a_swapped_print_copy_is_noted_by_verify_and_not_printed(sample: Sample,
                                                                 tmp_path: Path) -> None:
    original = noisy_png(sample.files / "shot.png", 3)
    with sample.open() as book:
        record = book.imports.import_file(sample.case_id, original).record
        assert record is not None
        assert record.preview
        copy = book.store.rendition_path(record.sha256)
    db = sample.data_dir / "casebook.sqlite3"
    recorded = dict(query(db, "SELECT kind, sha256 FROM derived_file"))
    assert recorded["print"] == sha(copy.read_bytes())
    assert recorded["thumb"] == sha(book.store.thumbnail_path(record.sha256).read_bytes())

    # what the original's rendition is, made apart from the store
    made = tmp_path / "made"
    assert make_derivatives(str(original), str(made / "t.jpg"), str(made / "p.jpg"),
                            "image/png") == ""
    genuine = (made / "p.jpg").read_bytes()
    assert genuine == copy.read_bytes()

    fake = io.BytesIO()
    Image.new("RGB", (400, 300), "red").save(fake, "JPEG")
    copy.chmod(0o644)
    copy.write_bytes(fake.getvalue())
    before = {t: query(db, f'SELECT * FROM "{t}"') for t in ("evidence", "derived_file",
                                                              "audit_entry")}

    with sample.open() as book:
        report = verify(book, sample.case_id)
        assert report.ok
        assert [n.kind for n in report.notes] == [DERIVED_CHANGED]
        assert "E1" in report.notes[0].message
        result = build_dossier(book, sample.case_id, tmp_path / "out.pdf", lang="en")
    images = embedded_images(result.path)
    assert genuine in images
    assert fake.getvalue() not in images
    assert any("made afresh" in w for w in result.warnings)
    # nothing else changed: the rows, the record, the store's copy (a reader does not repair)
    assert {t: query(db, f'SELECT * FROM "{t}"') for t in before} == before
    assert copy.read_bytes() == fake.getvalue()

    with sample.open() as book:  # the repair: made afresh from the original, recorded again
        book.evidence.make_derivatives(record.id)
        assert copy.read_bytes() == genuine
        assert verify(book, sample.case_id).notes == ()


def test_a_missing_print_copy_is_made_afresh_for_the_export(sample: Sample,
                                                            tmp_path: Path) -> None:
    original = noisy_png(sample.files / "shot.png", 4)
    with sample.open() as book:
        record = book.imports.import_file(sample.case_id, original).record
        assert record is not None
        copy = book.store.rendition_path(record.sha256)
        genuine = copy.read_bytes()
        copy.unlink()
        result = build_dossier(book, sample.case_id, tmp_path / "out.pdf")
    assert genuine in embedded_images(result.path)


# ---- B: exhibits that cannot stop a dossier ----------------------------------------------------


def encrypted(files: Path, name: str, user: str, algorithm: str) -> Path:
    writer = PdfWriter(clone_from=str(exhibit_pdf(files / f"plain-{name}.pdf")))
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm=algorithm)
    path = files / f"{name}.pdf"
    writer.write(path)
    return path


def test_locked_and_broken_exhibits_are_contained(sample: Sample, tmp_path: Path) -> None:
    files = sample.files
    truncated = files / "truncated.pdf"
    truncated.write_bytes(exhibit_pdf(files / "whole.pdf").read_bytes()[:700])
    garbage = files / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    broken_png = files / "broken.png"
    broken_png.write_bytes(noisy_png(files / "whole.png", 5).read_bytes()[:3000])
    paths = [encrypted(files, "aes-open", "", "AES-256"),
             encrypted(files, "aes-locked", "user-secret", "AES-256"),
             encrypted(files, "rc4-open", "", "RC4-128"),
             truncated, garbage, broken_png]
    with sample.open() as book:
        for path in paths:
            outcome = book.imports.import_file(sample.case_id, path)
            assert outcome.ok, outcome.error
        results = {lang: build_dossier(book, sample.case_id, tmp_path / f"{lang}.pdf",
                                       lang=lang) for lang in ("zh", "en")}
    en = pdf_text(results["en"].path)
    zh = pdf_text(results["zh"].path)
    # the two readable encrypted documents are merged: their marker, twice each
    assert en.count("EXHIBIT-PDF-MARKER-Q7Zpage1") == 2
    assert "Password-protected:suppliedseparately" in en
    assert "有密码保护：另行提供" in zh
    warnings = " ".join(results["en"].warnings)
    for name in ("aes-locked.pdf", "truncated.pdf", "garbage.pdf", "broken.png"):
        assert name in warnings
    for name in ("aes-open.pdf", "rc4-open.pdf"):
        assert name not in warnings
    assert en.count("Suppliedseparately") >= 3


def test_a_huge_png_says_nothing_on_stderr(sample: Sample, tmp_path: Path) -> None:
    """A 13000×13000 PNG (more pixels than Pillow's bomb warning allows): imported, its print
    copy made afresh at export (it was removed), and no warning reaches stderr."""
    huge = sample.files / "huge.png"
    Image.new("L", (13000, 13000), 255).save(huge)
    with sample.open() as book:
        record = book.imports.import_file(sample.case_id, huge).record
        assert record is not None
        book.store.rendition_path(record.sha256).unlink()
    script = (
        "import sys\n"
        "from desktop_app.services.book import Casebook\n"
        "from desktop_app.dossier import build_dossier\n"
        f"with Casebook.open({str(sample.data_dir)!r}) as book:\n"
        f"    r = build_dossier(book, {sample.case_id}, {str(tmp_path / 'out.pdf')!r})\n"
        "print(r.pages)\n")
    run = subprocess.run([sys.executable, "-W", "default", "-c", script],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert int(run.stdout) > 5


# ---- C: fields of any length ------------------------------------------------------------------


def test_very_long_fields_are_cut_with_a_note(sample: Sample, tmp_path: Path) -> None:
    with sample.open() as book:
        book.timeline.add_event(sample.case_id, EventFields(
            at=parse_time("2024-11-09 10:00"), channel="call", direction="out",
            summary="长" * 20000, counterpart="x" * 3000, contact="c" * 4000,
            agent_id="9" * 3000, details="y" * 20000,
            references=(ReferenceData("R" * 5000, "L" * 2000),),
            promises=(PromiseData("许" * 8000, None),)))
        book.timeline.add_event(sample.case_id, EventFields(
            at=parse_time("2024-11-10 10:00"), channel="note", direction="out",
            summary="Z" * 20000))
        shot = noisy_png(sample.files / "s.png", 1, (60, 60))
        outcome = book.imports.import_file(sample.case_id, shot, caption="题" * 5000,
                                           proves="证" * 9000)
        assert outcome.ok
        results = {lang: build_dossier(book, sample.case_id, tmp_path / f"{lang}.pdf",
                                       lang=lang) for lang in ("zh", "en")}
    zh = pdf_text(results["zh"].path)
    en = pdf_text(results["en"].path)
    assert "…（已截断，全文见附件/数据库）" in zh
    assert "…(cuthere;thefulltextisinCasebook)" in en
    # the details row is split into pieces, never cut: all 20,000 characters are there
    assert en.count("y") >= 20000
