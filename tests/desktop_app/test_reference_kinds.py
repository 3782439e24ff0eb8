"""Kinds of reference number are stored as keys and read in the reader's language: a number
added in the English window reads 投诉编号 in a Chinese dossier; a label of one's own stays as
typed. Migration 0009 maps the labels books already hold."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cli_run import CLI
from hypothesis import given
from hypothesis import strategies as st
from raw_sqlite import downgrade

from desktop_app.backup.verify import ROW_CHANGED, verify
from desktop_app.records import CaseFields, EventFields, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.store.paths import DataPaths
from desktop_app.timeutil import parse_time
from desktop_app.vocab import REFERENCE_KINDS, reference_kind, reference_label


def test_labels_in_either_language_are_one_kind() -> None:
    for typed in ("Complaint no.", "complaint no", "投诉号", "投诉编号", "投诉号码：",
                  "COMPLAINT NUMBER"):
        assert reference_kind(typed) == "complaint_no", typed
    assert reference_kind("流水号") == "transaction_no"
    assert reference_kind(" 我自己的编号 ") == "我自己的编号"  # kept as typed
    assert reference_label("complaint_no", "zh") == "投诉编号"
    assert reference_label("complaint_no", "en") == "Complaint no."
    assert reference_label("我自己的编号", "zh") == "我自己的编号"
    for key, (zh, en, _more) in REFERENCE_KINDS.items():
        assert reference_kind(zh) == reference_kind(en) == key


@given(st.text(max_size=40))
def test_kinds_never_raise_and_are_stable(text: str) -> None:
    kind = reference_kind(text)
    assert reference_kind(kind) == kind
    assert isinstance(reference_label(kind, "zh"), str)


def test_an_english_label_prints_in_chinese_in_the_dossier(cli: CLI, tmp_path: Path) -> None:
    case = cli("case", "new", "--title", "冻结资金", "--institution", "建设银行").ok().strip()
    cli("event", "add", case, "--channel", "call", "--at", "2024-11-01 09:30",
        "--summary", "报告问题", "--ref", "Complaint no.=CCB-0042",
        "--ref", "我的编号=MY-1").ok()
    refs = cli("case", "show", case, "--json").json()["events"][0]["references"]
    assert [(r["label"], r["value"]) for r in refs] == [("complaint_no", "CCB-0042"),
                                                         ("我的编号", "MY-1")]
    texts = {}
    for lang in ("zh", "en"):
        out = tmp_path / f"{lang}.pdf"
        cli("export", case, "-o", str(out), "--lang", lang).ok()
        texts[lang] = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                     text=True, check=True).stdout
    assert "投诉编号" in texts["zh"]
    assert "Complaint no." not in texts["zh"]
    assert "complaint_no" not in texts["zh"] + texts["en"]
    assert "Complaint no." in texts["en"]
    assert "我的编号" in texts["zh"]
    # search finds it by the kind's words in either language, and the key is no text
    assert cli("search", "投诉编号", "--json").json()[0]["kind"] == "reference"
    assert cli("search", "complaint no", "--json").json()
    assert cli("search", "_", "--json").json() == []


def test_a_0008_book_has_its_labels_mapped_and_still_verifies(data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="冻结资金", institution_name="建设银行"))
        book.timeline.add_event(case.id, EventFields(
            at=parse_time("2024-11-01 09:30"), channel="call", summary="报告问题",
            references=(ReferenceData("A-1", "投诉号"), ReferenceData("B-2", "工单号"),
                        ReferenceData("C-3", "我的编号"))))
    db = DataPaths(data_dir).database
    downgrade(db, "0008_exhibit_text")  # labels as the window wrote them

    with Casebook.open(data_dir) as book:
        (event,) = book.timeline.list_events(case.id)
        assert [r.label for r in event.references] == ["complaint_no", "ticket_no", "我的编号"]
        report = verify(book, case.id)
        assert not [p for p in report.problems if p.kind == ROW_CHANGED]
        assert report.ok
        assert book.search("A-1")[0].kind == "reference"
