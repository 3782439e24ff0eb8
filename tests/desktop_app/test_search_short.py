"""Words of one or two characters are found from the two-character index (migration 0010):
exactly what a plain substring scan finds, kept in step by the triggers on insert, update and
delete (fuzzed with Hypothesis)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.services.book import Casebook
from desktop_app.store.search import like_pattern, query_words, search, short_match

ALPHABET = "授权退款款的Ab1%_ 。\n"
STAMP = "2024-03-01T02:00:00.000000+00:00"


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite3.Connection]:
    data = tmp_path_factory.mktemp("short") / "data"
    with Casebook.open(Path(data)) as book:
        db = book.paths.database
    connection = sqlite3.connect(db, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    yield connection
    connection.close()


def scan(con: sqlite3.Connection, query: str) -> list[int]:
    words = query_words(query)
    where = " AND ".join("c0 LIKE ? ESCAPE '\\'" for _ in words)
    return [r[0] for r in con.execute(
        f"SELECT id FROM search_index_content WHERE {where} ORDER BY id DESC",
        [like_pattern(w) for w in words])]


def put_cases(con: sqlite3.Connection, texts: list[str]) -> None:
    con.execute('DELETE FROM "case"')
    con.executemany(
        'INSERT INTO "case" (id, title, institution_id, product, category, currency,'
        " transaction_refs, description, desired_outcome, status, jurisdiction, created_at,"
        " updated_at) VALUES (?, ?, 1, '', 'other', 'CNY', '', ?, '', 'open', 'CN', ?, ?)",
        [(i + 1, f"c{i}", text, STAMP, STAMP) for i, text in enumerate(texts)])


texts = st.lists(st.text(ALPHABET, max_size=12), min_size=1, max_size=8)
words = st.text(ALPHABET.replace(" ", "").replace("\n", ""), min_size=1, max_size=2)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=texts, second=texts, query=st.lists(words, min_size=1, max_size=2))
def test_short_words_find_what_a_scan_finds(con: sqlite3.Connection, first: list[str],
                                            second: list[str], query: list[str]) -> None:
    put_cases(con, first)
    for i, text in enumerate(second[:len(first)]):  # updates go through the triggers too
        con.execute('UPDATE "case" SET description = ? WHERE id = ?', (text, i + 1))
    con.execute('DELETE FROM "case" WHERE id % 3 = 0')
    q = " ".join(query)
    expected = [rowid // 8 for rowid in scan(con, q)]
    found = [hit.case_id for hit in search(con, q, limit=100)]
    assert found == expected


def test_chinese_words_use_the_index() -> None:
    assert short_match(["授权"]) == '"授权"'
    assert short_match(["款"]) == '"款" *'
    assert short_match(["款。"]) == '"款" *'
    assert short_match(["%", "。"]) is None  # left to the scan
