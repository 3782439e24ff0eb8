"""The dossier's section on unsolicited calls and messages: there when the case has them, with
the same per-day counts as the window's chart, and absent when it has none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dossier_case import Sample, make_case
from pypdf import PdfReader

from desktop_app.deadlines.unsolicited import unsolicited_frequency
from desktop_app.dossier import build_dossier
from desktop_app.records import EventFields
from desktop_app.timeutil import parse_time

CALLS = ["2024-11-04 09:15", "2024-11-04 18:40", "2024-11-04 19:02", "2024-11-06 12:00",
         "2024-11-09 10:30", "2024-11-09 20:10"]  # 3 on the 4th, 1 on the 6th, 2 on the 9th


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    return titles


def flat_text(reader: PdfReader) -> str:
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module")
def robocalled(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    sample = make_case(tmp_path_factory.mktemp("robocalls"), evidence=False)
    with sample.open() as book:
        for at in CALLS:
            book.timeline.add_event(sample.case_id, EventFields(
                at=parse_time(at), channel="unsolicited", direction="in", contact="95533",
                summary="贷款营销来电"))
        # an SMS the person marked as unsolicited counts; the bank's own notice does not
        book.timeline.add_event(sample.case_id, EventFields(
            at=parse_time("2024-11-09 21:00"), channel="unsolicited_sms", direction="in",
            contact="95533", summary="贷款营销短信"))
        book.timeline.add_event(sample.case_id, EventFields(
            at=parse_time("2024-11-06 08:00"), channel="sms", direction="in",
            contact="95533", summary="短信通知：投诉已登记"))
    return sample


@pytest.mark.parametrize(("lang", "title", "number"),
                         [("zh", "四、骚扰来电与短信", "五、证据目录"),
                          ("en", "4. Unsolicited calls and messages", "5. List of evidence")])
def test_the_section_shows_the_counts_per_day(robocalled: Sample, tmp_path: Path, lang: str,
                                              title: str, number: str) -> None:
    out = tmp_path / f"{lang}.pdf"
    with robocalled.open() as book:
        build_dossier(book, robocalled.case_id, out, lang=lang)
        series = unsolicited_frequency(book.timeline.list_events(robocalled.case_id), "day")
    reader = PdfReader(out)
    text = flat_text(reader)
    assert "".join(title.split()) in text
    assert "".join(number.split()) in text  # the sections after it move down one
    assert title in outline_titles(reader)
    page = next(p.extract_text() for p in reader.pages
                if "".join(title.split()) in "".join(p.extract_text().split())
                and "2024-11-09" in p.extract_text())
    for day, count in [("2024-11-04", 3), ("2024-11-06", 1), ("2024-11-09", 3)]:
        assert re.search(rf"{day}\s+{count}\b", page), (day, page)
    assert dict((d.isoformat(), n) for d, n in series if n) == {
        "2024-11-04": 3, "2024-11-06": 1, "2024-11-09": 3}


def test_no_section_without_unsolicited_contacts(tmp_path: Path) -> None:
    sample = make_case(tmp_path / "plain", evidence=False)
    out = tmp_path / "plain.pdf"
    with sample.open() as book:
        build_dossier(book, sample.case_id, out, lang="zh")
    reader = PdfReader(out)
    text = flat_text(reader)
    assert "骚扰来电与短信" not in text
    assert "四、证据目录" in text
    assert not any("骚扰来电与短信" in t for t in outline_titles(reader))
