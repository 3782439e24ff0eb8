"""Where a fact found in an exhibit belongs, and the record with it put there; capture times said
with their source; the lines a search matched; the book's facts and restore of a capture time."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from evidence_samples import image_bytes

from desktop_app.reading.capture_time import captured_words, source_words
from desktop_app.reading.fact_places import (
    captured_holds,
    case_holds,
    case_with_amount,
    entry_holds,
    entry_with,
    facts_in_exhibit,
    places_for,
)
from desktop_app.reading.lines import OcrLine, lines_with
from desktop_app.reading.ocr import ReadResult
from desktop_app.records import CaseFields, EventFields, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time

TEXT = ("投诉编号：TS2024112300123\n受理工号：8842\n涉及金额：¥5,000.00元\n"
        "受理时间：2024-11-23 10:15\n受理工号：8842\n卡号 6222021234567890128")


def test_each_fact_once_with_its_places() -> None:
    facts = facts_in_exhibit(TEXT)
    assert [(f.kind, f.value) for f in facts] == [
        ("reference", "TS2024112300123"), ("agent_id", "8842"), ("amount", "5000.00"),
        ("time", facts[3].value), ("card", "6222021234567890128")]
    assert [places_for(f) for f in facts] == [
        ("entry_reference",), ("entry_agent_id",), ("case_amount",),
        ("captured", "entry_time"), ()]
    assert facts[4].private


def test_an_entry_takes_a_fact_once() -> None:
    reference, agent, _amount, time, _card = facts_in_exhibit(TEXT)
    entry = EventFields(at=parse_time("2024-11-20 09:00"), channel="call",
                        references=(ReferenceData("OLD-1"),))
    with_ref = entry_with(entry, reference, "entry_reference")
    assert [r.value for r in with_ref.references] == ["OLD-1", "TS2024112300123"]
    assert with_ref.references[1].label == "投诉编号"
    assert entry_holds(with_ref, reference, "entry_reference")
    assert entry_with(with_ref, reference, "entry_reference") is with_ref
    assert entry_with(entry, agent, "entry_agent_id").agent_id == "8842"
    moved = entry_with(entry, time, "entry_time")
    assert moved.at == parse_time("2024-11-23 10:15")
    assert entry_holds(moved, time, "entry_time")
    with pytest.raises(ValueError, match="not a place"):
        entry_with(entry, time, "captured")


def test_the_case_takes_an_amount_and_the_exhibit_a_time() -> None:
    _reference, _agent, amount, time, _card = facts_in_exhibit(TEXT)
    case = CaseFields(title="转账")
    taken = case_with_amount(case, amount)
    assert taken.amount == Decimal("5000.00")
    assert case_holds(taken, amount)
    assert not case_holds(case, amount)
    assert captured_holds(parse_time("2024-11-23 10:15"), time)
    assert not captured_holds(None, time)


def test_capture_times_say_where_they_came_from() -> None:
    assert captured_words("2024-11-23 10:15", "filename") == \
        "2024-11-23 10:15 (from the file name)"
    assert captured_words("2024-11-23 10:15", "person") == "2024-11-23 10:15 (set by you)"
    assert captured_words("2024-11-23 10:15", None) == "2024-11-23 10:15"
    assert captured_words("", "exif") == "time unknown"
    assert [source_words(s) for s in ("exif", "email", "screen", "file_time")] == [
        "from the photo's EXIF", "from the email's date", "from the screen",
        "from the file's time"]


def test_the_lines_a_search_matched() -> None:
    lines = ["投诉编号：TS 2024112300123", "受理工号：8842", "涉及金额"]
    assert lines_with(lines, ["ts2024"]) == [0]
    assert lines_with(lines, ["工号", "金额"]) == [1, 2]
    assert lines_with(lines, [" "]) == []


def test_the_book_gives_an_exhibits_facts_and_puts_back_a_capture_time(
        book: Casebook, tmp_path: Path) -> None:
    case = book.cases.create_case(CaseFields(title="转账", institution_name="建设银行"))
    shot = tmp_path / "Screenshot_20241123-101530.png"
    shot.write_bytes(image_bytes("PNG"))
    record = book.imports.import_file(case.id, shot).record
    assert record is not None
    assert book.reading.facts(record.id) == []
    assert record.captured_source == "filename"
    book.reading.keep(record.id, ReadResult(lines=tuple(
        OcrLine(text, (60, 200 + 120 * i, 600, 44), 0.99)
        for i, text in enumerate(TEXT.splitlines())), heights=(2340.0,)))
    assert [f.kind for f in book.reading.facts(record.id)][:3] == [
        "reference", "agent_id", "amount"]

    changed = book.reading.set_captured(record.id, parse_time("2024-11-22 08:00"))
    assert changed.captured_source == "person"
    back = book.reading.restore_captured(record.id, record.captured_at, "filename")
    assert (back.captured_at, back.captured_source) == (record.captured_at, "filename")
