"""``casebook verify [CASE]``: exit 0 and one summary line when all is well; exit 1 and one line per
problem naming the case and exhibit otherwise. ``casebook export`` verifies first: a flipped byte
in one evidence file refuses the export and leaves no PDF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from cli_run import CLI
from evidence_samples import image_bytes, pdf_bytes, write
from raw_sqlite import query


@dataclass(frozen=True)
class Cases:
    first: str
    second: str


@pytest.fixture
def cases(cli: CLI, tmp_path: Path) -> Cases:
    ids = []
    for title, bank in (("建行小程序转账失败", "建设银行"), ("信用卡年费争议", "招商银行")):
        made = cli("case", "new", "--title", title, "--institution", bank)
        assert made.code == 0, made.err
        ids.append(made.out.strip())
    shot = write(tmp_path / "files" / "收据.png", image_bytes("PNG", text="receipt"))
    statement = write(tmp_path / "files" / "对账单.pdf", pdf_bytes())
    letter = write(tmp_path / "files" / "回函.pdf", pdf_bytes("reply"))
    assert cli("evidence", "add", ids[0], str(shot), str(statement)).code == 0
    assert cli("evidence", "add", ids[1], str(letter)).code == 0
    return Cases(*ids)


def stored_file(data_dir: Path, case: str, exhibit_no: int) -> Path:
    (sha, mime), = query(data_dir / "casebook.sqlite3",
                         "SELECT sha256, mime FROM evidence WHERE case_id = ? AND exhibit_no = ?",
                         (int(case), exhibit_no))
    from desktop_app.evidence.file_store import EvidenceStore

    found = EvidenceStore(data_dir / "evidence").locate(sha, mime)
    assert found is not None
    return found


def flip_a_byte(path: Path) -> None:
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x80
    path.write_bytes(bytes(data))


def test_all_well_is_exit_0_and_one_line(cli: CLI, cases: Cases) -> None:
    result = cli("verify")
    assert result.code == 0, result.out + result.err
    assert result.err == ""
    lines = result.out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Verified 3 evidence files (")
    assert lines[0].endswith(": all intact")


def test_one_case_all_well(cli: CLI, cases: Cases) -> None:
    result = cli("verify", cases.second)
    assert result.code == 0
    assert result.out.splitlines() == [
        result.out.strip()]
    assert result.out.startswith(f"Case {cases.second}: verified 1 evidence file (")


def test_problems_are_exit_1_one_line_each_naming_case_and_exhibit(
        cli: CLI, cases: Cases, data_dir: Path) -> None:
    flip_a_byte(stored_file(data_dir, cases.first, 2))
    stored_file(data_dir, cases.second, 1).unlink()
    result = cli("verify")
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[:2] == [
        f"Case {cases.first}, exhibit E2 (对账单.pdf) no longer matches its recorded SHA-256: "
        "the file was changed or damaged after it was recorded",
        f"Case {cases.second}, exhibit E1 (回函.pdf): the file is missing from the evidence "
        "store",
    ]
    assert len(lines) == 3
    assert lines[2].endswith("2 problems found")
    # one case: only its exhibits
    only = cli("verify", cases.second)
    assert only.code == 1
    assert only.out.splitlines()[0].startswith(f"Case {cases.second}, exhibit E1 (回函.pdf)")
    assert len(only.out.splitlines()) == 2


def test_a_tampered_audit_entry_is_named(cli: CLI, cases: Cases, data_dir: Path) -> None:
    import sqlite3

    db = data_dir / "casebook.sqlite3"
    (target,), = query(db, "SELECT id FROM audit_entry ORDER BY id LIMIT 1 OFFSET 2")
    con = sqlite3.connect(db)
    with con:
        con.execute("UPDATE audit_entry SET payload = '{}' WHERE id = ?", (target,))
    con.close()
    result = cli("verify", cases.first)  # the chain is checked whole whatever the case
    assert result.code == 1
    assert result.out.splitlines()[0] == f"Audit entry {target} was changed after it was written"


def test_json(cli: CLI, cases: Cases, data_dir: Path) -> None:
    flip_a_byte(stored_file(data_dir, cases.first, 1))
    result = cli("verify", "--json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["ok"] is False
    assert [(p["kind"], p["case_id"], p["exhibit"]) for p in report["problems"]] == [
        ("file_changed", int(cases.first), "E1")]
    assert report["files_checked"] == 3
    assert report["notes"] == []


def test_an_unknown_case_is_an_error(cli: CLI, cases: Cases) -> None:
    result = cli("verify", "999")
    assert result.code == 1
    assert result.out == ""
    assert result.err == "casebook: error: no case with id 999\n"


def test_export_is_refused_after_a_flipped_byte(cli: CLI, cases: Cases, data_dir: Path,
                                                tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    flip_a_byte(stored_file(data_dir, cases.first, 1))
    result = cli("export", cases.first, "-o", str(out_dir / "案卷.pdf"))
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines() == [
        f"casebook: error: Case {cases.first}, exhibit E1 (收据.png) no longer matches its "
        "recorded SHA-256: the file was changed or damaged after it was recorded; the dossier "
        "was not written"]
    assert list(out_dir.iterdir()) == []
    # the other case is not affected
    fine = cli("export", cases.second, "-o", str(out_dir / "other.pdf"), "--lang", "en")
    assert fine.code == 0, fine.err
    assert [p.name for p in out_dir.iterdir()] == ["other.pdf"]


@pytest.mark.parametrize("damage", ["removed", "cut short"])
def test_export_says_what_verify_finds_even_when_the_layout_fails_first(
        cli: CLI, cases: Cases, data_dir: Path, tmp_path: Path, damage: str) -> None:
    # verify runs beside the layout: a picture gone or cut short may stop the layout before
    # verify is done; what is said is still verify's line, and nothing is written
    stored = stored_file(data_dir, cases.first, 1)
    if damage == "removed":
        stored.unlink()
    else:
        os.chmod(stored, 0o644)
        stored.write_bytes(stored.read_bytes()[:40])
    result = cli("export", cases.first, "-o", str(tmp_path / "d.pdf"))
    assert result.code == 1
    assert result.out == ""
    reason = ("is missing from the evidence store" if damage == "removed"
              else "no longer matches its recorded SHA-256")
    (line,) = result.err.splitlines()
    assert line.startswith(f"casebook: error: Case {cases.first}, exhibit E1 (收据.png)")
    assert reason in line
    assert line.endswith("; the dossier was not written")
    assert list(tmp_path.glob("*.pdf")) == []


def test_export_is_refused_when_the_audit_chain_is_broken(cli: CLI, cases: Cases,
                                                          data_dir: Path, tmp_path: Path) -> None:
    import sqlite3

    db = data_dir / "casebook.sqlite3"
    ids = [r[0] for r in query(db, "SELECT id FROM audit_entry ORDER BY id")]
    con = sqlite3.connect(db)
    with con:
        con.execute("DELETE FROM audit_entry WHERE id = ?", (ids[1],))
        con.execute("UPDATE audit_entry SET payload = '{}' WHERE id = ?", (ids[3],))
    con.close()
    result = cli("export", cases.second, "-o", str(tmp_path / "d.pdf"))
    assert result.code == 1
    assert result.err.splitlines() == [
        f"casebook: error: Audit entry {ids[2]} does not follow the entry before it: an entry "
        "was removed, inserted or changed",
        f"casebook: error: Audit entry {ids[3]} was changed after it was written",
        "casebook: error: verify found 2 problems; the dossier was not written"]
    assert not (tmp_path / "d.pdf").exists()


def test_verify_as_a_separate_process(cli: CLI, cases: Cases, data_dir: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir),
                           "verify"], capture_output=True, text=True, encoding="utf-8",
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 1
    flip_a_byte(stored_file(data_dir, cases.second, 1))
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir),
                           "verify", cases.second], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)
    assert proc.returncode == 1
    assert f"Case {cases.second}, exhibit E1 (回函.pdf)" in proc.stdout
    # verify loads no ORM: it reads with plain sqlite3
    code = ("import sys; from desktop_app.cli import main; "
            f"rc = main(['--data-dir', {str(data_dir)!r}, 'verify']); "
            "print('sqlalchemy' in sys.modules); sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)
    assert proc.stdout.splitlines()[-1] == "False"
