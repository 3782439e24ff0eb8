"""``casebook search QUERY [--json]``: the contract, the JSON shape, Chinese through a real
process, and the exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import CLI


def seed(cli: CLI) -> tuple[int, int]:
    made = cli("case", "new", "--title", "建行小程序转账失败", "--institution", "建设银行",
               "--description", "发现一笔未经授权的交易", "--json").json()
    event = cli("event", "add", str(made["id"]), "--channel", "call", "--at", "2024-11-01 09:30",
                "--counterpart", "王女士 工号1234", "--summary", "要求退款",
                "--ref", "投诉号=CCB20241101-0042", "--json").json()
    return made["id"], event["id"]


def test_json_hits_point_at_the_case_and_the_entry(cli: CLI) -> None:
    case_id, event_id = seed(cli)
    hits = cli("search", "授权", "--json").json()
    assert len(hits) == 1
    hit = hits[0]
    assert {"case_id", "event_id", "evidence_id", "snippet"} <= hit.keys()
    assert (hit["case_id"], hit["event_id"], hit["evidence_id"]) == (case_id, None, None)
    assert hit["kind"] == "case"
    assert hit["case_title"] == "建行小程序转账失败"
    assert hit["mark"] == ["«", "»"]
    assert "未经«授权»的交易" in hit["snippet"]

    refs = cli("search", "CCB20241101-0042", "--json").json()
    assert [(h["case_id"], h["event_id"], h["evidence_id"], h["kind"]) for h in refs] == [
        (case_id, event_id, None, "reference")]
    assert refs[0]["at"] == "2024-11-01T09:30:00+08:00"
    partial = cli("search", "1101-0", "--json").json()
    assert [h["event_id"] for h in partial] == [event_id]
    assert [h["event_id"] for h in cli("search", "退款", "--json").json()] == [event_id]


def test_no_hit_is_an_empty_list_and_exit_0(cli: CLI) -> None:
    seed(cli)
    result = cli("search", "没有这个词", "--json")
    assert (result.code, result.json()) == (0, [])
    plain = cli("search", "没有这个词")
    assert (plain.code, plain.out) == (0, "")


def test_plain_output_is_one_line_per_hit(cli: CLI) -> None:
    case_id, event_id = seed(cli)
    lines = cli("search", "王女士").out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"#{case_id} event {event_id}\tevent\t2024-11-01 09:30\t")
    assert "«王女士»" in lines[0]


def test_special_characters_are_plain_text(cli: CLI) -> None:
    seed(cli)
    for query in ['"', "AND", "-x", "a:b", "*", "%", "_", "NEAR(", "'"]:
        result = cli("search", "--json", "--", query)  # -- : a query may begin with -
        assert result.code == 0, (query, result.err)
        assert result.json() == []
    dash = cli("search", "--json", "--", "-").json()  # the one in CCB20241101-0042
    assert [h["kind"] for h in dash] == ["reference"]


@pytest.mark.parametrize("query", ["", "   ", "\u3000"])
def test_an_empty_query_is_a_usage_error(cli: CLI, data_dir: Path, query: str) -> None:
    result = cli("search", query)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1
    assert "empty" in result.err
    assert not (data_dir / "casebook.sqlite3").exists()  # nothing was made


def test_a_missing_query_is_a_usage_error(cli: CLI) -> None:
    result = cli("search")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_chinese_round_trips_through_a_real_process(cli: CLI, data_dir: Path) -> None:
    case_id, _event_id = seed(cli)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir), "search", "授权",
         "--json"], capture_output=True, timeout=60, check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii", "LC_ALL": "C"})
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout.decode("utf-8"))
    assert hits[0]["case_title"] == "建行小程序转账失败"
    assert hits[0]["case_id"] == case_id
