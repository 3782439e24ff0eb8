"""Migration 0008_exhibit_text: a 0007 book upgrades with every exhibit intact (its capture
time's source not recorded), the audit log still vouches for every row, and text read after
the upgrade is searchable."""

from __future__ import annotations

from pathlib import Path

from evidence_samples import image_bytes, write
from raw_sqlite import downgrade, query

from desktop_app.backup.verify import ROW_CHANGED, verify
from desktop_app.reading.lines import OcrLine
from desktop_app.reading.ocr import ReadResult
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store.engine import HEAD, REVISIONS
from desktop_app.store.paths import DataPaths

PREVIOUS = "0007_row_hashes"


def test_0008_comes_after_0007() -> None:
    assert REVISIONS[REVISIONS.index("0008_exhibit_text") - 1] == PREVIOUS
    assert REVISIONS.index("0008_exhibit_text") < REVISIONS.index(HEAD)


def test_a_0007_book_upgrades_and_every_row_is_still_vouched_for(data_dir: Path,
                                                                   tmp_path: Path) -> None:
    with Casebook.open(data_dir) as book:  # a book with an exhibit, its file in the store
        case = book.cases.create_case(CaseFields(title="转账失败", institution_name="建设银行"))
        record = book.imports.import_file(
            case.id, write(tmp_path / "shot.png", image_bytes("PNG", text="1"))).record
        assert record is not None
    db = DataPaths(data_dir).database
    # taken back to 0007 (the downgrade drops the column and the text table), as an earlier
    # Casebook left it
    downgrade(db, PREVIOUS)
    assert query(db, "SELECT version_num FROM alembic_version") == [(PREVIOUS,)]
    before = query(db, "SELECT * FROM evidence")

    with Casebook.open(data_dir) as book:
        assert query(db, "SELECT * FROM evidence") == [(*row, None) for row in before]
        assert book.verify_audit() == []
        report = verify(book, case.id)
        assert not [p for p in report.problems if p.kind == ROW_CHANGED]
        assert report.ok, report.problems
        book.reading.keep(record.id, ReadResult(
            lines=(OcrLine("投诉编号：TS2024112300123", (60, 440, 580, 44), 0.99),),
            heights=(2340.0,)))
        assert [h.evidence_id for h in book.search("2411230")] == [record.id]
        assert verify(book, case.id).ok
    assert query(db, "SELECT version_num FROM alembic_version") == [(HEAD,)]
