"""Migration 0010_search_bigrams: a 0009 book upgrades with its two-character index built
from the rows it has, and the index stays in step after; a downgrade leaves 0009's triggers."""

from __future__ import annotations

from pathlib import Path

from raw_sqlite import downgrade, query

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store.engine import REVISIONS
from desktop_app.store.paths import DataPaths

PREVIOUS = "0009_reference_kinds"


def test_0010_comes_after_0009() -> None:
    assert REVISIONS[REVISIONS.index("0010_search_bigrams") - 1] == PREVIOUS


def test_a_0009_book_upgrades_and_short_words_come_from_the_index(data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="未经授权的交易",
                                                 institution_name="建设银行"))
    db = DataPaths(data_dir).database
    downgrade(db, PREVIOUS)
    assert query(db, "SELECT name FROM sqlite_master WHERE name LIKE 'search_short%'") == []
    assert "search_short" not in " ".join(
        r[0] for r in query(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger'"))
    with Casebook.open(data_dir) as book:
        assert query(db, "SELECT rowid FROM search_short WHERE search_short MATCH '\"授权\"'"
                     ) == [(case.id * 8 + 1,)]
        assert [h.case_id for h in book.search("授权")] == [case.id]
        assert [h.case_id for h in book.search("交")] == [case.id]
        book.cases.update_case(case.id, CaseFields(title="要求退款", institution_name="建设银行"))
        assert book.search("授权") == []
        assert [h.case_id for h in book.search("退款")] == [case.id]
