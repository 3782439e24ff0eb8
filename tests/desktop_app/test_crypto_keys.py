"""The passphrase and the key file (desktop_app.crypto.keys): real key files in a temp dir.

scrypt runs at a low cost here (N = 2^10) except in the one test of the stored defaults."""

from __future__ import annotations

import base64
import json
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from desktop_app.crypto.keys import (
    DEFAULT_SCRYPT_N,
    ScryptParams,
    change_passphrase,
    create_key_file,
    is_locked,
    key_file_path,
    read_key_file,
    unlock,
    write_key_file,
)
from desktop_app.errors import Invalid, LockError, ServiceError, WrongPassphrase

CHINESE = "我的案卷密码：招商银行２０２４年投诉"


def cheap() -> ScryptParams:
    return ScryptParams.fresh(n=2**10)


def _document(folder: Path) -> dict[str, Any]:
    return json.loads(key_file_path(folder).read_text(encoding="utf-8"))


def test_the_key_file_round_trips_and_never_holds_the_key(tmp_path: Path) -> None:
    assert not is_locked(tmp_path)
    data_key = create_key_file(tmp_path, "correct horse", params=cheap())
    assert is_locked(tmp_path)
    assert len(data_key) == 32
    assert unlock(tmp_path, "correct horse") == data_key
    text = key_file_path(tmp_path).read_text(encoding="utf-8")
    for spelling in (data_key.hex(), data_key.hex().upper(), base64.b64encode(data_key).decode()):
        assert spelling not in text
    document = _document(tmp_path)
    assert document["format"] == "casebook-key"
    assert document["version"] == 1
    assert document["kdf"]["name"] == "scrypt"
    assert {"n", "r", "p", "salt"} <= document["kdf"].keys()
    assert [p.name for p in tmp_path.iterdir()] == ["casebook.key"]  # no temp file left


def test_two_books_get_different_keys_and_salts(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    assert create_key_file(first, "same", params=cheap()) != create_key_file(
        second, "same", params=cheap())
    assert _document(first)["kdf"]["salt"] != _document(second)["kdf"]["salt"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_key_file_is_the_owners_only(tmp_path: Path) -> None:
    create_key_file(tmp_path, "pass", params=cheap())
    assert stat.S_IMODE(key_file_path(tmp_path).stat().st_mode) == 0o600


def test_the_default_cost_is_stored_and_opens(tmp_path: Path) -> None:
    data_key = create_key_file(tmp_path, "默认参数")
    kdf = _document(tmp_path)["kdf"]
    assert (kdf["n"], kdf["r"], kdf["p"]) == (DEFAULT_SCRYPT_N, 8, 1)
    assert DEFAULT_SCRYPT_N >= 2**17  # at least 128 MiB: memory-hard
    assert unlock(tmp_path, "默认参数") == data_key


def test_a_wrong_passphrase_is_one_clear_line_and_changes_nothing(tmp_path: Path) -> None:
    create_key_file(tmp_path, CHINESE, params=cheap())
    before = key_file_path(tmp_path).read_bytes()
    with pytest.raises(WrongPassphrase) as caught:
        unlock(tmp_path, CHINESE[:-1])
    message = str(caught.value)
    assert "Wrong passphrase" in message
    assert "\n" not in message
    assert isinstance(caught.value, ServiceError)  # the CLI prints it as one line
    assert key_file_path(tmp_path).read_bytes() == before


def test_a_chinese_passphrase_opens_and_a_near_one_does_not(tmp_path: Path) -> None:
    data_key = create_key_file(tmp_path, CHINESE, params=cheap())
    assert unlock(tmp_path, CHINESE) == data_key
    near_ones = ("我的案卷密码:招商银行2024年投诉",  # half-width colon and digits
                 CHINESE + " ", "我的案卷密碼：招商银行２０２４年投诉")  # a traditional 碼
    for near in near_ones:
        with pytest.raises(WrongPassphrase):
            unlock(tmp_path, near)


def test_the_same_characters_composed_either_way_open_the_book(tmp_path: Path) -> None:
    """macOS input methods may hand over decomposed characters, Windows composed ones."""
    composed = unicodedata.normalize("NFC", "Café Zoë 银行")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    data_key = create_key_file(tmp_path, decomposed, params=cheap())
    assert unlock(tmp_path, composed) == data_key


def test_an_empty_passphrase_is_refused(tmp_path: Path) -> None:
    with pytest.raises(Invalid, match="empty"):
        create_key_file(tmp_path, "", params=cheap())
    assert not is_locked(tmp_path)


def test_changing_the_passphrase_keeps_the_data_key(tmp_path: Path) -> None:
    data_key = create_key_file(tmp_path, "old one", params=cheap())
    salt_before = _document(tmp_path)["kdf"]["salt"]
    assert change_passphrase(tmp_path, "old one", "新的密码", params=cheap()) == data_key
    assert unlock(tmp_path, "新的密码") == data_key
    with pytest.raises(WrongPassphrase):
        unlock(tmp_path, "old one")
    assert _document(tmp_path)["kdf"]["salt"] != salt_before


def test_changing_with_a_wrong_old_passphrase_changes_nothing(tmp_path: Path) -> None:
    data_key = create_key_file(tmp_path, "old one", params=cheap())
    before = key_file_path(tmp_path).read_bytes()
    with pytest.raises(WrongPassphrase):
        change_passphrase(tmp_path, "not it", "new one", params=cheap())
    assert key_file_path(tmp_path).read_bytes() == before
    assert unlock(tmp_path, "old one") == data_key


def test_a_book_with_a_key_file_is_not_locked_again(tmp_path: Path) -> None:
    create_key_file(tmp_path, "first", params=cheap())
    before = key_file_path(tmp_path).read_bytes()
    with pytest.raises(LockError, match="already"):
        create_key_file(tmp_path, "second", params=cheap())
    assert key_file_path(tmp_path).read_bytes() == before


def test_no_key_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(LockError, match="no passphrase"):
        unlock(tmp_path, "anything")


def _tampered(folder: Path, change: Any) -> None:
    document = _document(folder)
    change(document)
    write_key_file(folder, document)


@pytest.mark.parametrize(("change", "error", "words"), [
    (lambda d: d["kdf"].update(n=2**11), WrongPassphrase, "Wrong passphrase"),
    (lambda d: d["kdf"].update(salt=base64.b64encode(b"s" * 16).decode()), WrongPassphrase,
     "Wrong passphrase"),
    (lambda d: d.update(key_id="00" * 8), LockError, "damaged"),
    (lambda d: d.update(sealed_key=d["sealed_key"][:-4]), WrongPassphrase, "Wrong passphrase"),
    (lambda d: d.update(nonce="not base64!"), LockError, "damaged"),
    (lambda d: d["kdf"].update(n=2**30), LockError, "damaged"),  # refused, not allocated
    (lambda d: d["kdf"].update(n="1024"), LockError, "damaged"),
    (lambda d: d["kdf"].update(name="bcrypt"), LockError, "damaged"),
    (lambda d: d.update(cipher="ROT13"), LockError, "damaged"),
    (lambda d: d.update(version=2), LockError, "newer Casebook"),
    (lambda d: d.update(format="something else"), LockError, "damaged"),
])
def test_a_changed_key_file_opens_nothing(tmp_path: Path, change: Any, error: type[Exception],
                                          words: str) -> None:
    create_key_file(tmp_path, "pass", params=cheap())
    _tampered(tmp_path, change)
    with pytest.raises(error, match=words) as caught:
        unlock(tmp_path, "pass")
    assert "\n" not in str(caught.value)


def test_a_key_file_that_is_not_json_is_damaged(tmp_path: Path) -> None:
    key_file_path(tmp_path).write_bytes(b"\x00\xffnot json")
    with pytest.raises(LockError, match="cannot be read"):
        read_key_file(tmp_path)
    key_file_path(tmp_path).write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(LockError, match="damaged"):
        read_key_file(tmp_path)
