"""A reading command loads only what it needs: no Qt, no ReportLab, no Pillow, and no ORM
(SQLAlchemy, SQLModel, Alembic) when the book is already current. Each check is a fresh
interpreter running the real command over a real data folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("PySide6", "shiboken6", "reportlab", "PIL", "sqlalchemy", "sqlmodel", "alembic")

PROBE = """
import json, sys
from ui.launcher import main
code = main(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.stdin.read())))
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def loaded(*argv: str) -> tuple[int, list[str], str]:
    """(exit code, the heavy packages imported, stdout) of one command in a fresh process."""
    out = subprocess.run([sys.executable, "-c", PROBE, *argv], input=json.dumps(HEAVY),
                         capture_output=True, text=True, cwd=ROOT, check=False)
    report = json.loads(out.stderr.strip().splitlines()[-1])
    return report["code"], report["heavy"], out.stdout


@pytest.fixture
def book_dir(tmp_path: Path) -> Path:
    with Casebook.open(tmp_path) as book:
        book.cases.create_case(CaseFields(title="年费争议", institution_name="招商银行"))
    return tmp_path


@pytest.mark.parametrize("command", [("case", "list"), ("case", "list", "--json"),
                                     ("case", "show", "1"), ("search", "年费"),
                                     ("institution", "list")])
def test_a_reading_command_loads_no_qt_no_pdf_no_pictures_no_orm(
        book_dir: Path, command: tuple[str, ...]) -> None:
    code, heavy, out = loaded("--data-dir", str(book_dir), *command)
    assert code == 0
    assert "年费争议" in out or command[0] == "institution"
    assert heavy == []


def test_a_writing_command_still_has_the_orm(book_dir: Path) -> None:
    code, heavy, out = loaded("--data-dir", str(book_dir), "case", "new", "--title", "扣款",
                              "--institution", "支付宝")
    assert code == 0, out
    assert "sqlalchemy" in heavy
    assert "PySide6" not in heavy


def test_a_new_data_folder_is_made_current_on_the_first_command(tmp_path: Path) -> None:
    code, heavy, out = loaded("--data-dir", str(tmp_path / "new"), "case", "list")
    assert (code, out) == (0, "")
    assert "alembic" in heavy  # the migrations ran (and only because they had to)
    code, heavy, _ = loaded("--data-dir", str(tmp_path / "new"), "case", "list")
    assert code == 0
    assert heavy == []
