"""A dossier over its size budget even with its pictures at the smallest legible size is split
into volumes, each under the budget, each with the cover, the contents, the list of evidence
(saying which volume holds each exhibit) and the integrity appendix; nothing is lost."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from dossier_case import Sample, make_case, noisy_png
from pypdf import PdfReader

from desktop_app.cli.run import main
from desktop_app.dossier import build_dossier
from desktop_app.dossier.labels import chinese_number
from desktop_app.dossier.volumes import share_out, volume_path

PHONE = (1080, 2340)  # a phone screenshot: 1,000 px on the long side is the legible floor
BUDGET_MB = 0.5


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    """The sample case with eight more full-size noisy screenshots: more than a 0.5 MB budget
    holds even with the pictures at the floor, and less than 50 MB at full size."""
    sample = make_case(tmp_path_factory.mktemp("volumes"))
    with sample.open() as book:
        for n in range(8):
            outcome = book.imports.import_file(
                sample.case_id, noisy_png(sample.files / f"Screenshot_{n}.png", 10 + n, PHONE),
                caption=f"聊天记录截图{n + 1}")
            assert outcome.ok, outcome.error
    return sample


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")


def exhibit_pages(path: Path) -> list[str]:
    """The exhibits whose own page is in this file (from the bookmarks)."""
    reader = PdfReader(path)
    found: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                match = re.match(r"证据 (E\d+)", item.title)
                if match:
                    found.append(match.group(1))
    walk(reader.outline)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_over_the_budget_at_the_floor_the_dossier_is_split_into_volumes(
        big: Sample, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "dossier.pdf"
    with big.open() as book:
        result = build_dossier(book, big.case_id, out, lang=lang, max_size_mb=BUDGET_MB)
        total = len(book.evidence.list_evidence(big.case_id))
    assert len(result.volumes) >= 2, result
    assert not out.exists()  # the volumes instead, named F-1.pdf, F-2.pdf …
    files = [volume_path(out, n) for n in range(1, len(result.volumes) + 1)]
    assert result.files == files
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in files)
    for path, pages, size in result.volumes:
        assert size == path.stat().st_size <= BUDGET_MB * 2**20
        assert len(PdfReader(path).pages) == pages
    assert result.image_long_side == 1000
    assert any("split into" in w for w in result.warnings), result.warnings

    count = len(files)
    texts = [text_of(p) for p in files]
    for n, text in enumerate(texts, 1):
        line = (f"卷{chinese_number(n)}（共{chinese_number(count)}卷）" if lang == "zh"
                else f"Volume {n} of {count}")
        assert line in text  # on the cover
        for name in (p.name for p in files):  # the appendix names every volume
            assert name in "".join(text.split())
    if lang == "zh":
        assert "一、案情摘要" in texts[0]
        assert "一、案情摘要" not in texts[1]
        assert "四、证据目录" in texts[1]  # numbered as in the whole dossier
        assert "见卷一" in texts[1]
        assert "按打印尺寸不低于 110 dpi" in "".join(texts[0].split("\n"))
    # every exhibit's page in exactly one volume, in order
    if lang == "zh":
        shown = [e for p in files for e in exhibit_pages(p)]
        assert shown == [f"E{n}" for n in range(1, total + 1)]


def test_the_cli_names_each_volume_on_stdout(big: Sample, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "案卷.pdf"
    code = main(["--data-dir", str(big.data_dir), "export", str(big.case_id), "-o", str(out),
                 "--max-size", str(BUDGET_MB)])
    stdout, err = capsys.readouterr()
    assert code == 0, err
    named = stdout.splitlines()
    assert len(named) >= 2
    assert named == [str(volume_path(out, n)) for n in range(1, len(named) + 1)]
    assert all(Path(name).stat().st_size <= BUDGET_MB * 2**20 for name in named)


def test_a_budget_the_floor_meets_gives_one_file(big: Sample, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    with big.open() as book:
        result = build_dossier(book, big.case_id, out, max_size_mb=50)
    assert result.volumes == ()
    assert result.files == [out]
    assert "重新压缩" not in text_of(out)  # full size: nothing to state


def test_exhibits_are_shared_out_in_order() -> None:
    sizes = [(1, 400), (2, 400), (3, 900), (4, 2000), (5, 100)]
    assert share_out(sizes, 1000) == [[1, 2], [3], [4], [5]]
    assert share_out([], 1000) == []
    assert share_out(sizes, 10_000) == [[1, 2, 3, 4, 5]]


@pytest.mark.parametrize(("n", "words"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"),
                                          (20, "二十"), (23, "二十三"), (99, "九十九")])
def test_volumes_are_counted_in_chinese(n: int, words: str) -> None:
    assert chinese_number(n) == words
