"""Migration 0006_derived_files: a 0005 database upgrades with every row intact, and the
derived files it finds on disk are recorded with their SHA-256 (one that is missing is not)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from raw_sqlite import query

from desktop_app.backup.verify import verify
from desktop_app.services.book import Casebook
from desktop_app.store.engine import HEAD, REVISIONS, make_engine, migrate
from desktop_app.store.paths import DataPaths

PREVIOUS = "0005_search"
SHOT = "a" * 64  # an image with both copies on disk
BARE = "b" * 64  # an image whose copies are missing


def test_0006_comes_after_0005() -> None:
    assert REVISIONS[REVISIONS.index("0006_derived_files") - 1] == PREVIOUS


def make_0005_book(data_dir: Path) -> dict[str, bytes]:
    db_path = DataPaths(data_dir).database
    DataPaths(data_dir).ensure()
    engine = make_engine(db_path)
    try:
        migrate(engine, PREVIOUS)
    finally:
        engine.dispose()
    con = sqlite3.connect(db_path)
    with con:
        con.execute(
            'INSERT INTO "case" (id, title, institution_id, product, category, currency,'
            " transaction_refs, description, desired_outcome, status, jurisdiction, created_at,"
            " updated_at) VALUES (7, '转账失败', 4, '', 'other', 'CNY', '', '', '', 'open', 'CN',"
            " '2024-03-01T02:00:00.000000+00:00', '2024-03-02T02:00:00.000000+00:00')")
        for n, (sha, mime) in enumerate(((SHOT, "image/png"), (BARE, "image/jpeg"),
                                         ("c" * 64, "application/pdf")), 1):
            con.execute(
                "INSERT INTO evidence (id, case_id, exhibit_no, sha256, size, mime,"
                " original_name, imported_at, preview) VALUES (?, 7, ?, ?, 10, ?, ?,"
                " '2024-03-01T02:00:00.000000+00:00', 1)", (n, n, sha, mime, f"f{n}"))
    con.close()
    derived = data_dir / "evidence" / "derived" / SHOT[:2]
    derived.mkdir(parents=True)
    copies = {"thumb": b"thumb bytes", "print": b"print bytes"}
    for kind, data in copies.items():
        (derived / f"{SHOT}-{kind}.jpg").write_bytes(data)
    return copies


def test_a_0005_book_upgrades_and_its_copies_are_recorded(data_dir: Path) -> None:
    copies = make_0005_book(data_dir)
    db = DataPaths(data_dir).database
    before = query(db, "SELECT * FROM evidence ORDER BY id")
    with Casebook.open(data_dir) as book:
        assert book.verify_audit() == []
        report = verify(book, 7)
    assert query(db, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    # every row as it was (0008 added captured_source, NULL: not recorded)
    assert query(db, "SELECT * FROM evidence ORDER BY id") == [(*row, None) for row in before]
    recorded = query(db, "SELECT original_sha256, kind, sha256, size, made_at FROM derived_file"
                         " ORDER BY kind")
    assert recorded == [(SHOT, kind, hashlib.sha256(copies[kind]).hexdigest(),
                         len(copies[kind]), None) for kind in ("print", "thumb")]
    # the recorded copies are not noted (the originals are missing, which verify says)
    assert not [n for n in report.notes if n.kind.startswith("derived")]
