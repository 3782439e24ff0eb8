"""A locked book's dossier: every exhibit read from its sealed file (original, print copy,
redacted copy), the export's own temp files sealed too, and the dossier itself plain where it is
saved, with the same pages, text, pictures and embedded fonts as a plain book's.

The evidence store does not write sealed files yet: the case is made as usual in a locked book,
then every file of its evidence store is sealed in place with the book's key."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from dossier_case import PDF_MARKER, TITLE, Sample, make_case
from locked_samples import PASSPHRASE, forget_all, make_locked, seal_store
from pypdf import PdfReader

from desktop_app.dossier import build_dossier
from desktop_app.services.book import Casebook
from desktop_app.store import vault

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None
                                   or shutil.which("pdffonts") is None,
                                   reason="poppler-utils (pdftotext, pdffonts) not installed")
MAIL_SUBJECT = "关于转账金额显示错误的投诉"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    forget_all()


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Sample, list[Path]]:
    """The dossier case in a locked book, its second screenshot redacted, every stored file
    sealed; the key forgotten again (each test opens the book with its passphrase)."""
    root = tmp_path_factory.mktemp("locked-dossier")
    key = make_locked(root / "data")
    vault.remember(root / "data", key)
    try:
        sample = make_case(root)
        with sample.open() as book:
            shots = sorted((r for r in book.evidence.list_evidence(sample.case_id)
                            if r.mime == "image/png"), key=lambda r: r.exhibit)
            book.redactions.redact(shots[1].id, [(100, 300, 400, 200)])
        sealed = seal_store(sample.data_dir, key)
    finally:
        forget_all()
    return sample, sealed


def test_every_stored_file_is_sealed(locked: tuple[Sample, list[Path]]) -> None:
    _sample, sealed = locked
    kinds = {p.name.rsplit("-", 1)[-1] if "derived" in p.parts else p.suffix for p in sealed}
    assert {".png", ".pdf", ".eml", ".wav", "thumb.jpg", "print.jpg"} <= kinds
    assert any("redacted" in p.parts for p in sealed)
    assert all(vault.is_sealed(p) for p in sealed)


def cli(data_dir: Path, *args: str, temp: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CASEBOOK_PASSPHRASE"}
    env["CASEBOOK_PASSPHRASE"] = PASSPHRASE
    env["TMPDIR"] = str(temp)  # the export's own temp folder, where the test can look
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir),
                           *args], capture_output=True, text=True, timeout=300, check=False,
                          env=env, stdin=subprocess.DEVNULL)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")


@needs_poppler
def test_casebook_export_of_a_locked_book_prints_every_exhibit(
        locked: tuple[Sample, list[Path]], tmp_path: Path) -> None:
    sample, sealed = locked
    before = {p: p.read_bytes() for p in sealed}
    out = tmp_path / "案卷.pdf"
    temp = tmp_path / "tmp"
    temp.mkdir()
    run = cli(sample.data_dir, "export", str(sample.case_id), "-o", str(out), temp=temp)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(out)
    assert "afresh" not in run.stderr  # the sealed print and redacted copies were used
    assert "could not be shown" not in run.stderr, run.stderr
    assert not vault.is_sealed(out)  # the dossier, where the person saves it, is plain
    text = pdf_text(out)
    assert TITLE in "".join(text.split())
    assert f"{PDF_MARKER} page 1" in text  # the PDF exhibit's own pages, merged in
    assert f"{PDF_MARKER} page 2" in text
    assert MAIL_SUBJECT in "".join(text.split())  # the e-mail, read and printed
    images = [image for page in PdfReader(out).pages for image in page.images]
    assert len(images) == 2  # both screenshots, one from its redacted copy
    shades = [image.image.convert("L").getpixel((300, 400)) for image in images
              if image.image is not None]
    redacted = [shade for shade in shades if isinstance(shade, int) and shade < 16]
    assert len(redacted) == 1  # its box printed black
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    emb = fonts[0].index("emb")
    assert fonts[2:], fonts
    assert all(row[emb:emb + 3] == "yes" for row in fonts[2:]), fonts
    assert {p: p.read_bytes() for p in sealed} == before  # the store left as it was
    assert list(temp.iterdir()) == []  # the export's temp folder is gone


def test_the_exports_own_temp_files_are_sealed(locked: tuple[Sample, list[Path]],
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Squeezed under a size budget, the pictures are made again smaller in the export's
    temp folder: each sealed there, at every step the export reports."""
    sample, _sealed = locked
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    seen: dict[Path, bool] = {}

    def look(_done: int, _total: int) -> None:
        for path in temp.rglob("*"):
            if path.is_file():
                seen[path] = vault.is_sealed(path)

    with Casebook.open(sample.data_dir, lambda: PASSPHRASE) as book:
        result = build_dossier(book, sample.case_id, tmp_path / "d.pdf", max_size_mb=0.9,
                               progress=look)
    assert result.image_long_side is not None, result  # the pictures made again, smaller
    assert any(path.name.startswith("img-") for path in seen), seen
    assert seen
    assert all(seen.values()), seen
    assert list(temp.iterdir()) == []
    assert vault.key_for(temp / "anything") is None  # the key was not left for that folder
    reader = PdfReader(result.path)
    assert len([i for page in reader.pages for i in page.images]) == 2


def test_a_changed_sealed_print_copy_is_made_afresh_from_the_sealed_original(
        locked: tuple[Sample, list[Path]], tmp_path: Path) -> None:
    sample, _sealed = locked
    with Casebook.open(sample.data_dir, lambda: PASSPHRASE) as book:
        first = min((r for r in book.evidence.list_evidence(sample.case_id)
                     if r.mime == "image/png"), key=lambda r: r.exhibit)  # not redacted
        copy = book.evidence.rendition_file(first.id)
    assert copy is not None
    assert vault.is_sealed(copy)
    kept = copy.read_bytes()
    try:
        with Casebook.open(sample.data_dir, lambda: PASSPHRASE) as book:
            copy.write_bytes(kept[:-40] + bytes(40))  # a chunk that fails its check
            result = build_dossier(book, sample.case_id, tmp_path / "d.pdf")
    finally:
        copy.write_bytes(kept)
    assert any("afresh" in w for w in result.warnings), result.warnings
    assert len([i for page in PdfReader(result.path).pages for i in page.images]) == 2
