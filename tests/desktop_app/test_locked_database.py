"""A locked book's database: SQLCipher from its first write, through the same services and
CLI; without the passphrase it does not open, in one line."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from locked_samples import PASSPHRASE, forget_all, locked_cli, make_locked

from desktop_app.errors import WrongPassphrase
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from desktop_app.store import vault


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    yield
    forget_all()


_cli = locked_cli


def test_a_locked_books_database_is_sqlcipher_and_holds_no_plain_title(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    with Casebook.open(folder, lambda: PASSPHRASE) as book:
        case = book.cases.create_case(CaseFields(title="招商银行信用卡盗刷",
                                                 institution_name="招商银行"))
        assert [c.title for c in book.cases.list_cases()] == ["招商银行信用卡盗刷"]
        case_id = case.id
    db = folder / "casebook.sqlite3"
    assert vault.is_encrypted_database(db)
    for name in os.listdir(folder):
        path = folder / name
        if path.is_file():
            assert "招商银行信用卡盗刷".encode() not in path.read_bytes(), name
    forget_all()
    with Casebook.open(folder, lambda: PASSPHRASE) as book:
        assert book.cases.get_case(case_id).title == "招商银行信用卡盗刷"


def test_without_the_passphrase_or_with_a_wrong_one_nothing_opens(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    with Casebook.open(folder, lambda: PASSPHRASE) as book:
        book.cases.create_case(CaseFields(title="转账失败", institution_name="建设银行"))
    forget_all()
    with pytest.raises(vault.BookLocked):
        Casebook.open(folder)
    with pytest.raises(WrongPassphrase):
        Casebook.open(folder, lambda: "not it")


def test_the_cli_reads_the_passphrase_from_the_environment(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    make_locked(folder)
    made = _cli(folder, "case", "new", "--title", "转账失败", "--institution", "建设银行")
    assert made.returncode == 0, made.stderr
    shown = _cli(folder, "case", "show", made.stdout.strip())
    assert shown.returncode == 0, shown.stderr
    assert "转账失败" in shown.stdout
    refused = _cli(folder, "case", "show", made.stdout.strip(), passphrase=None)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "passphrase" in refused.stderr
    wrong = _cli(folder, "case", "list", passphrase="wrong")
    assert wrong.returncode == 1
    assert len(wrong.stderr.strip().splitlines()) == 1
    assert "Wrong passphrase" in wrong.stderr
