"""Migration 0004_complaint_lodged: a 0003 database upgrades with every row intact, and the new
``case.lodged_event_id`` is a real foreign key that is cleared when its entry goes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from raw_sqlite import query

from desktop_app.services.book import Casebook
from desktop_app.store.engine import HEAD, REVISIONS, make_engine, migrate
from desktop_app.store.paths import DataPaths

PREVIOUS = "0003_evidence"
TABLES = ("institution", "case", "event", "reference", "promise", "audit_entry", "evidence",
          "exhibit_counter")


def test_0004_comes_after_0003() -> None:
    at = REVISIONS.index("0004_complaint_lodged")
    assert REVISIONS[at - 1] == PREVIOUS


def make_0003_database(db_path: Path) -> None:
    """A database as 0003_evidence left it, with two cases, their timelines and evidence."""
    DataPaths(db_path.parent).ensure()
    engine = make_engine(db_path)
    try:
        migrate(engine, PREVIOUS)
    finally:
        engine.dispose()
    con = sqlite3.connect(db_path)
    with con:
        for case_id, title in ((7, "转账失败 😡"), (8, "系统外呼骚扰")):
            con.execute(
                'INSERT INTO "case" (id, title, institution_id, product, category, amount,'
                " currency, incident_at, transaction_refs, description, desired_outcome,"
                " status, jurisdiction, created_at, updated_at) VALUES (?, ?, 4, '建行微信小程序',"
                " 'failed_withdrawal', '5000.00', 'CNY', '2024-03-01T01:30:00.000000+00:00',"
                " 'TX-1', '事实与理由', '退款', 'awaiting_reply', 'CN',"
                " '2024-03-01T02:00:00.000000+00:00', '2024-03-02T02:00:00.000000+00:00')",
                (case_id, title))
        con.execute(
            "INSERT INTO event (id, case_id, at, channel, direction, counterpart, agent_id,"
            " contact, duration_seconds, summary, details, created_at, updated_at) VALUES"
            " (11, 7, '2024-03-01T02:00:00.000000+00:00', 'call', 'out', '李女士', '8823',"
            " '95533', 1260, '投诉', '说三天回电', '2024-03-01T02:30:00.000000+00:00',"
            " '2024-03-01T02:30:00.000000+00:00')")
        con.execute(
            "INSERT INTO event (id, case_id, at, channel, direction, summary, created_at,"
            " updated_at) VALUES (12, 8, '2024-03-02T02:00:00.000000+00:00', 'unsolicited',"
            " 'in', '贷款推销', '2024-03-02T02:30:00.000000+00:00',"
            " '2024-03-02T02:30:00.000000+00:00')")
        con.execute(
            "INSERT INTO reference (id, event_id, label, value, issued_by, position) VALUES"
            " (21, 11, '投诉编号', '20240301-0001', '中国建设银行', 0)")
        con.execute(
            "INSERT INTO promise (id, event_id, text, due_at, state, state_note, position)"
            " VALUES (31, 11, '三个工作日内回电', '2024-03-06T10:00:00.000000+00:00',"
            " 'broken', '没有回电', 0)")
        con.execute(
            "INSERT INTO evidence (id, case_id, event_id, exhibit_no, sha256, size, mime,"
            " original_name, captured_at, imported_at, caption, proves, note, preview) VALUES"
            " (41, 7, 11, 1, ?, 10, 'image/png', '截图.png', NULL,"
            " '2024-03-01T03:00:00.000000+00:00', '通话记录', '已投诉', '', 0)", ("a" * 64,))
        con.execute("INSERT INTO exhibit_counter (case_id, next_no) VALUES (7, 2)")
    con.close()


def dump(db: Path, table: str) -> list[tuple[object, ...]]:
    key = "case_id" if table == "exhibit_counter" else "id"
    return query(db, f'SELECT * FROM "{table}" ORDER BY {key}')


def test_a_0003_database_upgrades_with_its_rows_intact(data_dir: Path, db_path: Path) -> None:
    make_0003_database(db_path)
    before = {table: dump(db_path, table) for table in TABLES}
    schema_before = query(db_path, "SELECT name FROM sqlite_master WHERE tbl_name = 'case'"
                                   " AND type != 'trigger'")

    with Casebook.open(data_dir) as book:
        shown = book.cases.case_json(7)
        assert book.cases.get_case(8).lodged_event_id is None

    after = {table: dump(db_path, table) for table in TABLES}
    assert after.pop("case") == [(*row, None) for row in before.pop("case")]
    # 0008 adds where each exhibit's capture time came from: not recorded for these
    assert after.pop("evidence") == [(*row, None) for row in before.pop("evidence")]
    # 0007 appends one entry that vouches for every row as the upgrade found it, 0008 one
    # that vouches for the exhibits one column longer, 0009 one for the entry whose reference
    # label is now stored by kind (投诉编号: complaint_no)
    audit_before, audit_after = before.pop("audit_entry"), after.pop("audit_entry")
    assert audit_after[:len(audit_before)] == audit_before
    assert [row[2] for row in audit_after[len(audit_before):]] == [
        "baseline", "schema", "schema"]
    assert [row[2] for row in after.pop("reference")] == ["complaint_no"]
    before.pop("reference")
    assert after == before
    # the index on institution_id came through the rebuild (0005's search triggers aside)
    assert query(db_path, "SELECT name FROM sqlite_master WHERE tbl_name = 'case'"
                          " AND type != 'trigger'") == schema_before
    assert query(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert query(db_path, "PRAGMA user_version") == [(len(REVISIONS),)]
    assert query(db_path, "PRAGMA foreign_key_check") == []
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]
    backups = list((data_dir / "backups").glob(
        f"auto/casebook-*-pre-migration-{PREVIOUS}.sqlite3"))
    assert len(backups) == 1

    assert shown["lodged_event_id"] is None
    assert shown["title"] == "转账失败 😡"
    assert [e["id"] for e in shown["events"]] == [11]
    assert shown["events"][0]["promises"][0]["state_note"] == "没有回电"
    assert [x["exhibit"] for x in shown["evidence"]] == ["E1"]


def test_the_new_column_is_a_foreign_key_to_event(data_dir: Path, db_path: Path) -> None:
    make_0003_database(db_path)
    with Casebook.open(data_dir):
        pass
    keys = query(db_path, "PRAGMA foreign_key_list('case')")
    lodged = [k for k in keys if k[3] == "lodged_event_id"]
    assert len(lodged) == 1
    assert (lodged[0][2], lodged[0][4], lodged[0][6]) == ("event", "id", "SET NULL")
    names = query(db_path, "SELECT sql FROM sqlite_master WHERE name = 'case'")[0][0]
    assert "fk_case_lodged_event_id_event" in names
    assert "fk_case_institution_id_institution" in names

    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        con.execute('UPDATE "case" SET lodged_event_id = 11 WHERE id = 7')
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"), con:
        con.execute('UPDATE "case" SET lodged_event_id = 999 WHERE id = 7')
    with con:
        con.execute("DELETE FROM event WHERE id = 11")
    assert con.execute('SELECT lodged_event_id FROM "case" WHERE id = 7').fetchone() == (None,)
    con.close()


def test_the_upgraded_database_takes_the_mark(data_dir: Path, db_path: Path) -> None:
    make_0003_database(db_path)
    with Casebook.open(data_dir) as book:
        record = book.cases.mark_lodged(7, 11)
        assert record.lodged_event_id == 11
        assert book.verify_audit() == []
