"""``casebook backup -o FILE`` and ``casebook restore FILE [--into DIR] [--replace]``."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from backup_samples import make_old_data_dir, members, rewrite, tree
from cli_run import CLI, Run
from evidence_samples import gbk_email, image_bytes, pdf_bytes, sha256, write

from desktop_app.backup.automatic import auto_backups
from desktop_app.cli import main
from desktop_app.store.paths import DataPaths


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> CLI:
    def call(*args: str) -> Run:
        code = main(list(args))
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return call


@pytest.fixture
def filled(run: CLI, data_dir: Path, tmp_path: Path) -> list[int]:
    """Two cases made through the CLI, with Chinese text and real evidence files."""
    d = str(data_dir)
    first = run("--data-dir", d, "case", "new", "--title", "建行小程序转账金额显示错误",
                "--institution", "中国建设银行", "--amount", "5000.00",
                "--description", "事实与理由：显示 50000 元", "--desired-outcome", "书面说明",
                "--json").json()["id"]
    event = run("--data-dir", d, "event", "add", str(first), "--channel", "call", "--at",
                "2024-11-01 09:30", "--contact", "95533", "--counterpart", "王女士 工号1234",
                "--summary", "报告金额显示错误", "--ref", "投诉号=CCB20241101-0042",
                "--promise", "三个工作日内回电", "--due", "2024-11-06 18:00",
                "--json").json()["id"]
    second = run("--data-dir", d, "case", "new", "--title", "微信支付冻结资金",
                 "--institution", "财付通", "--json").json()["id"]
    files = tmp_path / "files"
    files.mkdir()
    shot = write(files / "转账截图.png", image_bytes("PNG", text="7"))
    statement = write(files / "对账单 2024年3月.pdf", pdf_bytes())
    mail = write(files / "建行回复.eml", gbk_email())
    added = run("--data-dir", d, "evidence", "add", str(first), str(shot), str(statement),
                "--event", str(event), "--proves", "显示金额错误")
    assert added.code == 0, added.err
    added = run("--data-dir", d, "evidence", "add", str(second), str(mail), str(shot))
    assert added.code == 0, added.err
    run("--data-dir", d, "profile", "set", "--name", "张三", "--phone", "13800000000")
    return [first, second]


def shown(run: CLI, data_dir: Path, cases: list[int]) -> dict[int, Any]:
    return {c: run("--data-dir", str(data_dir), "case", "show", str(c), "--json").json()
            for c in cases}


def evidence_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes()
            for p in sorted((root / "evidence").rglob("*")) if p.is_file()}


def test_a_backup_restored_into_a_fresh_folder_shows_the_same_cases(
        run: CLI, data_dir: Path, filled: list[int], tmp_path: Path) -> None:
    archive = tmp_path / "备份 2024.zip"
    made = run("--data-dir", str(data_dir), "backup", "-o", str(archive))
    assert made.code == 0, made.err
    assert made.out.strip() == str(archive)
    cases = [c["id"] for c in run("--data-dir", str(data_dir), "case", "list",
                                  "--json").json()]
    assert cases == [2, 1] or sorted(cases) == filled
    fresh = tmp_path / "新的数据"

    restored = run("restore", str(archive), "--into", str(fresh))

    assert restored.code == 0, restored.err
    assert restored.out.strip() == str(fresh)
    assert shown(run, fresh, cases) == shown(run, data_dir, cases)
    assert evidence_bytes(fresh) == evidence_bytes(data_dir)
    listed = run("--data-dir", str(fresh), "evidence", "list", str(filled[0]), "--json").json()
    for record in listed:
        original = next((fresh / "evidence" / record["sha256"][:2]).glob(
            record["sha256"] + ".*"))
        assert sha256(original) == record["sha256"]
    profile = run("--data-dir", str(fresh), "profile", "show", "--json").json()
    assert profile["name"] == "张三"


def test_json_output(run: CLI, data_dir: Path, filled: list[int], tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    made = run("--data-dir", str(data_dir), "backup", "-o", str(archive), "--json").json()
    assert made["path"] == str(archive)
    assert made["cases"] == 2
    distinct = {e["sha256"] for c in filled for e in run(
        "--data-dir", str(data_dir), "evidence", "list", str(c), "--json").json()}
    assert made["evidence_files"] == len(distinct)  # the same screenshot twice is one file
    restored = run("restore", str(archive), "--into", str(tmp_path / "r"), "--json").json()
    assert restored["data_dir"] == str(tmp_path / "r")
    assert restored["previous"] is None
    assert restored["cases"] == 2


def test_restore_without_into_fills_an_empty_data_dir_without_creating_it_first(
        run: CLI, data_dir: Path, filled: list[int], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "b.zip"
    assert run("--data-dir", str(data_dir), "backup", "-o", str(archive)).code == 0
    target = tmp_path / "elsewhere" / "data"
    monkeypatch.setenv("CASEBOOK_DATA_DIR", str(target))

    result = run("restore", str(archive))

    assert result.code == 0, result.err
    assert result.out.strip() == str(target)
    assert shown(run, target, filled) == shown(run, data_dir, filled)


def test_restore_over_a_data_dir_needs_replace_and_keeps_the_old_one(
        run: CLI, data_dir: Path, filled: list[int], tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    assert run("--data-dir", str(data_dir), "backup", "-o", str(archive)).code == 0
    before = shown(run, data_dir, filled)
    later = run("--data-dir", str(data_dir), "case", "new", "--title", "备份之后的案件",
                "--institution", "招商银行", "--json").json()["id"]
    current = tree(data_dir)

    refused = run("--data-dir", str(data_dir), "restore", str(archive))
    assert refused.code == 1
    assert refused.out == ""
    assert len(refused.err.strip().splitlines()) == 1
    assert "--replace" in refused.err
    assert tree(data_dir) == current

    replaced = run("--data-dir", str(data_dir), "restore", str(archive), "--replace")
    assert replaced.code == 0, replaced.err
    lines = replaced.out.strip().splitlines()
    assert lines[0] == str(data_dir)
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("data.before-restore-")]
    assert len(aside) == 1
    assert str(aside[0]) in lines[1]
    assert shown(run, data_dir, filled) == before
    gone = run("--data-dir", str(data_dir), "case", "show", str(later))
    assert gone.code == 1
    kept = run("--data-dir", str(aside[0]), "case", "show", str(later), "--json").json()
    assert kept["title"] == "备份之后的案件"


def test_into_a_non_empty_folder_is_refused(run: CLI, data_dir: Path, filled: list[int],
                                            tmp_path: Path) -> None:
    archive = tmp_path / "b.zip"
    assert run("--data-dir", str(data_dir), "backup", "-o", str(archive)).code == 0
    full = tmp_path / "full"
    full.mkdir()
    (full / "我的文件.txt").write_text("别动")
    before = tree(tmp_path)
    result = run("restore", str(archive), "--into", str(full))
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1
    assert tree(tmp_path) == before


@pytest.mark.parametrize("fault", ["byte", "manifest", "added", "missing", "truncated",
                                   "../x", "/abs", "C:\\x", "evidence\\ab\\x.json"])
def test_damaged_tampered_or_escaping_archives_are_refused_with_nothing_written(
        run: CLI, data_dir: Path, filled: list[int], tmp_path: Path, fault: str) -> None:
    good = tmp_path / "good.zip"
    assert run("--data-dir", str(data_dir), "backup", "-o", str(good)).code == 0
    bad = tmp_path / "bad.zip"

    def edit(content: dict[str, bytes], manifest: dict[str, Any]) -> None:
        original = next(n for n in sorted(content) if n.startswith("evidence/")
                        and not n.startswith("evidence/derived/"))
        if fault == "byte":
            data = bytearray(content[original])
            data[len(data) // 2] ^= 0x20
            content[original] = bytes(data)
        elif fault == "manifest":
            manifest["members"][0]["size"] += 1
        elif fault == "added":
            content["extra.json"] = b"{}"
        elif fault == "missing":
            del content[original]
        else:
            content[fault] = b"{}"

    if fault == "truncated":
        bad.write_bytes(good.read_bytes()[:-200])
    else:
        rewrite(good, bad, edit, relist=fault not in ("byte", "manifest", "added", "missing"))
    with zipfile.ZipFile(good) as zf:
        assert zf.namelist()
    target = tmp_path / "restore-here"
    before = tree(tmp_path)

    result = run("restore", str(bad), "--into", str(target))

    assert result.code == 1
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert result.err.startswith("casebook: error: This backup cannot be restored")
    assert tree(tmp_path) == before
    assert not target.exists()
    # also over the data dir, with --replace: the data dir stays as it was
    current = tree(data_dir)
    again = run("--data-dir", str(data_dir), "restore", str(bad), "--replace")
    assert again.code == 1
    assert tree(data_dir) == current
    assert len(members(good)) > 3


def test_backup_errors_are_one_line(run: CLI, data_dir: Path, filled: list[int],
                                    tmp_path: Path) -> None:
    missing_folder = run("--data-dir", str(data_dir), "backup", "-o",
                         str(tmp_path / "nowhere" / "b.zip"))
    assert missing_folder.code == 1
    assert len(missing_folder.err.strip().splitlines()) == 1
    assert not (tmp_path / "nowhere").exists()
    usage = run("--data-dir", str(data_dir), "backup")
    assert usage.code == 2
    absent = run("restore", str(tmp_path / "absent.zip"), "--into", str(tmp_path / "r"))
    assert absent.code == 1
    assert not (tmp_path / "r").exists()


def test_an_old_database_is_backed_up_automatically_before_its_migration(
        run: CLI, tmp_path: Path) -> None:
    paths = make_old_data_dir(tmp_path / "old")
    shown_case = run("--data-dir", str(paths.root), "case", "show", "7", "--json").json()
    assert shown_case["title"] == "转账失败"
    (snapshot,) = auto_backups(DataPaths(paths.root))
    assert snapshot.name.endswith("-pre-migration-0001_initial.sqlite3")
