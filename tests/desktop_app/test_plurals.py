"""Counted messages read as the language counts: "1 evidence file", "3 evidence files" in
English; Chinese through Qt Linguist's plural (numerus) form, one for every count."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app import i18n
from desktop_app.backup.verify import VerifyReport
from desktop_app.i18n import english_plural, tr

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "casebook_zh_CN.ts"


@pytest.fixture
def no_translator() -> Iterator[None]:
    saved = i18n._translator
    i18n.install_translator(None)
    yield
    i18n.install_translator(saved)


def test_english_counts_one_and_many(no_translator: None) -> None:
    assert tr("{n} evidence file(s)", n=1) == "1 evidence file"
    assert tr("{n} evidence file(s)", n=0) == "0 evidence files"
    assert tr("{n} evidence file(s)", n=3) == "3 evidence files"
    assert english_plural("3 个证据文件", 3) == "3 个证据文件"


def test_a_translation_is_chosen_by_its_count(no_translator: None) -> None:
    asked: list[tuple[str, int]] = []

    def chinese(text: str, n: int) -> str:
        asked.append((text, n))
        return "{n} 个证据文件" if n >= 0 else text

    i18n.install_translator(chinese)
    assert tr("{n} evidence file(s)", n=2) == "2 个证据文件"
    assert tr("plain") == "plain"
    assert asked == [("{n} evidence file(s)", 2), ("plain", -1)]


def test_verify_says_one_file_and_one_note(no_translator: None) -> None:
    report = VerifyReport(case_id=None, problems=(), notes=(), exhibits_checked=1,
                          files_checked=1, bytes_checked=10, audit_entries=4, audit_head="x")
    assert report.summary().startswith("Verified 1 evidence file (")


def test_counted_core_messages_are_plural_messages_in_the_chinese_sources() -> None:
    counted = {m.findtext("source"): m for ctx in ET.parse(TS).getroot().iter("context")
               if ctx.findtext("name") == "core" for m in ctx.iter("message")
               if m.get("numerus") == "yes"}
    assert "{n} evidence file(s)" in counted
    form = counted["{n} evidence file(s)"].find("translation/numerusform")
    assert form is not None
    assert form.text == "{n} 个证据文件"
