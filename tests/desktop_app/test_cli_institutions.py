"""The directory of institutions is editable from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_edit_an_institution(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, data_dir, "institution", "list", "--json")
    ccb = next(i for i in json.loads(out) if i["name"] == "中国建设银行")
    code, out, err = run(capsys, data_dir, "institution", "edit", str(ccb["id"]),
                         "--hotline", "95533 转 5", "--email", "kf@ccb.example", "--json")
    assert code == 0, err
    edited = json.loads(out)
    assert edited["hotline"] == "95533 转 5"
    assert edited["email"] == "kf@ccb.example"
    assert edited["name"] == "中国建设银行"
    _, out, _ = run(capsys, data_dir, "institution", "list", "--json")
    assert next(i for i in json.loads(out) if i["id"] == ccb["id"])["hotline"] == "95533 转 5"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("999", "--name", "某银行"), "no institution with id 999"),
        (("4",), "nothing to change"),
        (("4", "--kind", "spaceship"), "unknown institution kind"),
        (("4", "--name", "  "), "needs a name"),
    ],
)
def test_a_bad_edit_changes_nothing(capsys: pytest.CaptureFixture[str], data_dir: Path,
                                    args: tuple[str, ...], message: str) -> None:
    _, before, _ = run(capsys, data_dir, "institution", "list", "--json")
    code, out, err = run(capsys, data_dir, "institution", "edit", *args)
    assert code != 0
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    _, after, _ = run(capsys, data_dir, "institution", "list", "--json")
    assert after == before
