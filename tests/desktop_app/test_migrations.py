"""Schema migrations: Alembic history, upgrading an old file, refusing one from the future."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.config import Config
from alembic.script import ScriptDirectory
from raw_sqlite import query

from desktop_app.cli import main
from desktop_app.errors import DatabaseError, NewerDatabase
from desktop_app.services.book import Casebook
from desktop_app.store.engine import HEAD, REVISIONS, SCHEMA_VERSION, make_engine, migrate
from desktop_app.store.paths import DataPaths


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pragma(db: Path, name: str) -> object:
    return query(db, f"PRAGMA {name}")[0][0]


def test_revisions_are_alembics_own_history() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", "desktop_app.store:migrations")
    script = ScriptDirectory.from_config(cfg)

    history = [rev.revision for rev in script.walk_revisions()]  # head first
    assert tuple(reversed(history)) == REVISIONS
    assert script.get_heads() == [HEAD]
    assert script.get_base() == REVISIONS[0]
    assert len(REVISIONS) == SCHEMA_VERSION


def test_a_new_database_is_created_at_head_without_a_backup(data_dir: Path,
                                                            db_path: Path) -> None:
    with Casebook.open(data_dir) as book:
        assert book.verify_audit() == []
    assert query(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert pragma(db_path, "user_version") == len(REVISIONS)
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())


# ---- upgrading a database made by the first release ---------------------------------------


def make_first_revision_database(db_path: Path) -> None:
    """A database as 0001_initial left it, holding the user's rows (no seeded directory)."""
    DataPaths(db_path.parent).ensure()
    engine = make_engine(db_path)
    try:
        migrate(engine, "0001_initial")
    finally:
        engine.dispose()
    assert query(db_path, "SELECT version_num FROM alembic_version") == [("0001_initial",)]
    assert pragma(db_path, "user_version") == 1
    assert query(db_path, "SELECT count(*) FROM institution") == [(0,)]

    con = sqlite3.connect(db_path)
    with con:
        con.execute(
            "INSERT INTO institution (id, name, short_name, name_en, kind, hotline, email,"
            " website, notes, seeded) VALUES (1, '中国建设银行', '', '', 'bank', '',"
            " 'kefu@ccb.example', '', '我自己加的', 0)")
        con.execute(
            "INSERT INTO institution (id, name, kind) VALUES (2, '某某小贷公司', 'lender')")
        con.execute(
            'INSERT INTO "case" (id, title, institution_id, product, category, amount,'
            " currency, incident_at, transaction_refs, description, desired_outcome, status,"
            " jurisdiction, created_at, updated_at) VALUES (7, '转账失败 😡', 1, '建行微信小程序',"
            " 'failed_withdrawal', '5000.00', 'CNY', '2024-03-01T01:30:00.000000+00:00',"
            " 'TX-1', '事实与理由', '退款', 'awaiting_reply', 'CN',"
            " '2024-03-01T02:00:00.000000+00:00', '2024-03-02T02:00:00.000000+00:00')")
        con.execute(
            "INSERT INTO event (id, case_id, at, channel, direction, counterpart, agent_id,"
            " contact, duration_seconds, summary, details, created_at, updated_at) VALUES"
            " (11, 7, '2024-03-01T02:00:00.000000+00:00', 'call', 'out', '李女士', '8823',"
            " '95533', 1260, '投诉', '说三天回电', '2024-03-01T02:30:00.000000+00:00',"
            " '2024-03-01T02:30:00.000000+00:00')")
        con.execute(
            "INSERT INTO reference (id, event_id, label, value, issued_by, position) VALUES"
            " (21, 11, '投诉编号', '20240301-0001', '中国建设银行', 0)")
        con.execute(
            "INSERT INTO promise (id, event_id, text, due_at, state, state_note, position)"
            " VALUES (31, 11, '三个工作日内回电', '2024-03-06T10:00:00.000000+00:00',"
            " 'pending', '', 0)")
    con.close()


USER_TABLES = ("case", "event", "reference", "promise", "audit_entry")


def dump(db: Path, table: str) -> list[tuple[object, ...]]:
    return query(db, f'SELECT * FROM "{table}" ORDER BY id')


def test_a_first_revision_database_upgrades_with_its_rows_intact(data_dir: Path,
                                                                 db_path: Path) -> None:
    make_first_revision_database(db_path)
    before = {table: dump(db_path, table) for table in USER_TABLES}
    user_inst_before = query(db_path, "SELECT * FROM institution WHERE id = 2")

    with Casebook.open(data_dir) as book:
        shown = book.cases.case_json(7)
        directory = {i.name: i for i in book.institutions.list_institutions()}

    # the user's rows, unchanged (0004 added case.lodged_event_id, NULL: no entry marked)
    after = {table: dump(db_path, table) for table in USER_TABLES}
    assert after.pop("case") == [(*row, None) for row in before["case"]]
    # 0007 appends one entry that vouches for every row as the upgrade found it; 0009 one that
    # vouches for the entry whose reference label is now stored by kind
    audit_after = after.pop("audit_entry")
    assert audit_after[:len(before["audit_entry"])] == before["audit_entry"]
    assert [row[2] for row in audit_after[len(before["audit_entry"]):]] == [
        "baseline", "schema"]
    assert after.pop("reference") == [(21, 11, "complaint_no", "20240301-0001", "中国建设银行", 0)]
    assert after == {table: rows for table, rows in before.items()
                     if table not in ("case", "audit_entry", "reference")}
    assert query(db_path, "SELECT * FROM institution WHERE id = 2") == user_inst_before
    assert shown["title"] == "转账失败 😡"
    assert shown["institution"] == "中国建设银行"
    assert shown["amount"] == "5000.00"
    assert shown["incident_at"] == "2024-03-01T09:30:00+08:00"
    assert shown["status"] == "awaiting_reply"
    (event,) = shown["events"]
    assert (event["id"], event["at"], event["counterpart"], event["duration_seconds"]) == (
        11, "2024-03-01T10:00:00+08:00", "李女士", 1260)
    assert event["references"] == [
        {"label": "complaint_no", "value": "20240301-0001", "issued_by": "中国建设银行"}]
    assert event["promises"] == [{"id": 31, "text": "三个工作日内回电",
                                  "due": "2024-03-06T18:00:00+08:00", "state": "pending",
                                  "state_note": ""}]

    # the seeded directory, with the user's own 中国建设银行 row kept and completed
    assert len(directory) >= 20
    assert directory["中国工商银行"].hotline == "95588"
    assert directory["中国工商银行"].seeded
    assert directory["国家金融监督管理总局"].hotline == "12378"
    assert directory["国家金融监督管理总局"].kind == "regulator"
    ccb = directory["中国建设银行"]
    assert ccb.id == 1
    assert ccb.hotline == "95533"
    assert (ccb.email, ccb.notes, ccb.seeded) == ("kefu@ccb.example", "我自己加的", False)
    assert ccb.short_name == "建设银行"
    assert query(db_path, "SELECT count(*) FROM institution WHERE name = '中国建设银行'") == [(1,)]

    # a backup of the file as it was, before anything was changed
    backups = list((data_dir / "backups" / "auto").glob("*.sqlite3"))
    assert len(backups) == 1
    assert backups[0].name.startswith("casebook-")
    assert backups[0].name.endswith("-pre-migration-0001_initial.sqlite3")
    assert query(backups[0], "SELECT version_num FROM alembic_version") == [("0001_initial",)]
    assert query(backups[0], "SELECT count(*) FROM institution") == [(2,)]
    assert dump(backups[0], "case") == before["case"]

    assert pragma(db_path, "user_version") == len(REVISIONS)
    assert query(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert query(db_path, "PRAGMA foreign_key_check") == []
    assert query(db_path, "PRAGMA integrity_check") == [("ok",)]

    # opening it again at head makes no further backup
    with Casebook.open(data_dir) as book:
        assert book.cases.get_case(7).title == "转账失败 😡"
    assert len(list((data_dir / "backups" / "auto").glob("*.sqlite3"))) == 1


def test_the_upgraded_database_takes_new_writes(data_dir: Path, db_path: Path) -> None:
    make_first_revision_database(db_path)
    with Casebook.open(data_dir) as book:
        status = book.cases.set_case_status(7, "escalated")
        assert status.status == "escalated"
        created = book.cases.create_case(book.cases.get_case(7).fields)
        assert created.id == 8
        assert created.institution.id == 1
        assert book.verify_audit() == []


# ---- a database from a newer Casebook ------------------------------------------------------


def make_future_database(data_dir: Path, db_path: Path, how: str) -> None:
    with Casebook.open(data_dir) as book:
        book.institutions.add_institution("某银行")
    con = sqlite3.connect(db_path)
    with con:
        if how == "revision":
            con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        else:
            con.execute("PRAGMA user_version = 99")
    con.close()
    assert not Path(f"{db_path}-wal").exists()


@pytest.mark.parametrize(
    ("how", "named"), [("revision", "9999_future"), ("user_version", "version 99")]
)
def test_a_database_from_the_future_is_refused_untouched(
    data_dir: Path, db_path: Path, how: str, named: str
) -> None:
    make_future_database(data_dir, db_path, how)
    digest = sha256(db_path)
    listing = sorted(os.listdir(data_dir))

    with pytest.raises(NewerDatabase, match=r"newer version of Casebook") as caught:
        Casebook.open(data_dir)

    assert isinstance(caught.value, DatabaseError)
    assert named in str(caught.value)
    assert "not been changed" in str(caught.value)
    assert sha256(db_path) == digest
    assert sorted(os.listdir(data_dir)) == listing
    assert not Path(f"{db_path}-wal").exists()
    assert not Path(f"{db_path}-shm").exists()


def test_the_cli_refuses_a_database_from_the_future(
    data_dir: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_future_database(data_dir, db_path, "revision")
    digest = sha256(db_path)
    listing = sorted(os.listdir(data_dir))

    code = main(["--data-dir", str(data_dir), "case", "list", "--json"])
    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert err.count("\n") == 1
    assert err.endswith("\n")
    assert "newer" in err

    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "case", "new",
         "--title", "不该写入", "--institution", "新机构"],
        capture_output=True, timeout=60, check=False,
    )
    assert proc.returncode != 0
    assert proc.stdout == b""
    stderr = proc.stderr.decode("utf-8")
    assert len(stderr.splitlines()) == 1
    assert "newer" in stderr

    assert sha256(db_path) == digest
    # (the writing command took the data dir's write lock: its lock file, not the database)
    assert sorted(set(os.listdir(data_dir)) - {"casebook.lock"}) == listing


def test_a_file_that_is_not_a_database_is_refused(data_dir: Path, db_path: Path) -> None:
    data_dir.mkdir()
    db_path.write_bytes(b"this is not sqlite at all" * 100)
    digest = sha256(db_path)
    with pytest.raises(DatabaseError, match="not a Casebook database or is damaged"):
        Casebook.open(data_dir)
    assert sha256(db_path) == digest


# ---- connection settings -----------------------------------------------------------------


def test_connections_from_make_engine_use_wal_and_foreign_keys(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "x.sqlite3")
    try:
        with engine.connect() as first, engine.connect() as second:
            for conn in (first, second):
                assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
                assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
                assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(book: Casebook) -> None:
    with pytest.raises(sa.exc.IntegrityError, match="FOREIGN KEY"), book.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO event (case_id, at, channel, created_at, updated_at)"
            " VALUES (999, 'x', 'call', 'x', 'x')")
