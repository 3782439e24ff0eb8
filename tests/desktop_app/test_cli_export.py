"""``casebook export``: the exact contract — a PDF written atomically and exit 0; an unknown case,
an unwritable path or a tampered exhibit exit non-zero with one clear line and leave no file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from dossier_case import REFERENCES, TITLE, Sample, make_case
from pypdf import PdfReader

from desktop_app.cli import main


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return make_case(tmp_path_factory.mktemp("cli-export"))


def run(sample: Sample, capsys: pytest.CaptureFixture[str], *args: str
        ) -> tuple[int, str, str]:
    code = main(["--data-dir", str(sample.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("casebook: error: "), err
    return lines[0]


def test_export_writes_the_pdf_and_prints_its_path(sample: Sample, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "案卷.pdf"
    code, stdout, err = run(sample, capsys, "export", str(sample.case_id), "-o", str(out))
    assert code == 0, err
    assert stdout == f"{out}\n"
    reader = PdfReader(out)
    text = "".join(page.extract_text() for page in reader.pages)
    assert TITLE in text
    assert f"第 1 页 / 共 {len(reader.pages)} 页" in text
    assert all(ref in "".join(text.split()) for ref in REFERENCES)
    # the recording cannot be printed: said on stderr, as a warning, and the export succeeds
    assert all(line.startswith("casebook: warning: ") for line in err.strip().splitlines())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["案卷.pdf"]


def test_export_in_english_on_letter_as_json(sample: Sample, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "dossier.pdf"
    code, stdout, err = run(sample, capsys, "export", str(sample.case_id), "-o", str(out),
                            "--lang", "en", "--paper", "letter", "--json")
    assert code == 0, err
    result = json.loads(stdout)
    assert result["path"] == str(out)
    assert result["lang"] == "en"
    assert result["paper"] == "letter"
    assert result["exhibits"] == 5
    reader = PdfReader(out)
    assert result["pages"] == len(reader.pages)
    assert f"Page 1 of {result['pages']}" in reader.pages[0].extract_text()
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_an_unknown_case(sample: Sample, tmp_path: Path,
                         capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run(sample, capsys, "export", "999", "-o", str(tmp_path / "d.pdf"))
    assert code == 1
    assert stdout == ""
    assert one_line_error(err) == "casebook: error: no case with id 999"
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path(sample: Sample, tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no such folder" / "d.pdf"
    code, stdout, err = run(sample, capsys, "export", str(sample.case_id), "-o", str(target))
    assert code == 1
    assert stdout == ""
    assert "does not exist" in one_line_error(err)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_the_user_may_not_write_to(sample: Sample, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, _, err = run(sample, capsys, "export", str(sample.case_id), "-o",
                       str(tmp_path / "d.pdf"))
    assert code == 1
    assert one_line_error(err) == (f"casebook: error: cannot write {tmp_path / 'd.pdf'}: "
                                   "Permission denied")
    assert list(tmp_path.iterdir()) == []


def test_a_tampered_exhibit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = make_case(tmp_path / "own")
    from desktop_app.services.book import Casebook

    with Casebook.open(own.data_dir) as book:
        record = book.evidence.list_evidence(own.case_id)[0]
        stored = book.evidence.evidence_file(record.id)
    os.chmod(stored, 0o644)
    data = bytearray(stored.read_bytes())
    data[-1] ^= 0xFF
    stored.write_bytes(bytes(data))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, stdout, err = run(own, capsys, "export", str(own.case_id), "-o",
                            str(out_dir / "d.pdf"))
    assert code == 1
    assert stdout == ""
    line = one_line_error(err)
    assert "exhibit E1 (IMG_0.png) no longer matches its recorded SHA-256" in line
    assert "the dossier was not written" in line
    assert list(out_dir.iterdir()) == []


def test_a_size_budget(sample: Sample, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "small.pdf"
    code, _, err = run(sample, capsys, "export", str(sample.case_id), "-o", str(out),
                       "--max-size", "0.3", "--json")
    assert code == 0, err
    assert out.stat().st_size <= 0.3 * 2**20
    assert "re-rendered" in err


@pytest.mark.parametrize("size", ["0", "-2", "lots", "nan"])
def test_a_bad_size_budget_is_a_usage_error(sample: Sample, tmp_path: Path, size: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run(sample, capsys, "export", str(sample.case_id), "-o",
                            str(tmp_path / "d.pdf"), "--max-size", size)
    assert code == 2
    assert stdout == ""
    assert len(err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_export_needs_an_output(sample: Sample, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(sample, capsys, "export", str(sample.case_id))
    assert code == 2
    assert "-o" in err


def test_export_as_a_separate_process(sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir",
                           str(sample.data_dir), "export", str(sample.case_id), "-o", str(out),
                           "--lang", "en"], capture_output=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert proc.stdout.decode("utf-8").strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF-")
