"""The complainant's profile: kept atomically in the data dir, ID number masked when shown."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.errors import ProfileError
from desktop_app.services.profile import (
    Profile,
    load_profile,
    profile_path,
    save_profile,
    update_profile,
)

ID = "110105199001011234"


def test_a_new_data_dir_has_an_empty_profile(tmp_path: Path) -> None:
    profile = load_profile(tmp_path)
    assert profile == Profile()
    assert profile.is_empty()
    assert profile.masked_id() == ""


def test_saved_and_loaded_back_exactly(tmp_path: Path) -> None:
    profile = Profile(name="张三", phone="138 0013 8000", email="zhang.san@example.com",
                      address="北京市朝阳区建国路 88 号\n3 单元 1201", id_number=ID)
    path = save_profile(tmp_path, profile)
    assert path == profile_path(tmp_path)
    assert load_profile(tmp_path) == profile
    assert json.loads(path.read_text(encoding="utf-8"))["name"] == "张三"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["profile.json"]
    assert not any((tmp_path / "evidence" / "tmp").iterdir())  # no temp file left
    if os.name == "posix":
        assert path.stat().st_mode & 0o777 == 0o600


def test_the_id_number_is_masked_but_for_the_last_four() -> None:
    assert Profile(id_number=ID).masked_id() == "*" * 14 + "1234"
    assert Profile(id_number="A1234567").masked_id() == "****4567"
    assert Profile(id_number="123").masked_id() == "***"
    assert Profile(id_number=ID).to_json()["id_number_masked"].endswith("1234")


def test_typed_values_are_tidied() -> None:
    # Full-width digits from a Chinese input method; a lower-case check letter.
    profile = Profile().updated(phone="１３８００１３８０００", id_number=" 11010519900101123x ",
                                name="  李四 ")
    assert profile.phone == "13800138000"
    assert profile.id_number == "11010519900101123X"
    assert profile.name == "李四"


@pytest.mark.parametrize(("field", "value"), [("email", "not-an-address"),
                                              ("name", "bad\x07bell"),
                                              ("address", "x" * 501)])
def test_bad_values_are_refused(field: str, value: str) -> None:
    with pytest.raises(ProfileError):
        Profile().updated(**{field: value})


def test_update_changes_only_what_is_given(tmp_path: Path) -> None:
    update_profile(tmp_path, name="张三", phone="13800138000")
    profile = update_profile(tmp_path, phone="", email="z@example.com")
    assert profile == Profile(name="张三", email="z@example.com")
    assert load_profile(tmp_path) == profile


def test_a_damaged_profile_is_reported_not_ignored(tmp_path: Path) -> None:
    profile_path(tmp_path).write_text("{not json", encoding="utf-8")
    with pytest.raises(ProfileError, match="cannot read the profile"):
        load_profile(tmp_path)


def test_a_failed_write_leaves_the_old_profile(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    save_profile(tmp_path, Profile(name="张三"))

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        save_profile(tmp_path, Profile(name="李四"))
    monkeypatch.undo()
    assert load_profile(tmp_path).name == "张三"
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["profile.json"]
    assert not any((tmp_path / "evidence" / "tmp").iterdir())


# ---- the command line ---------------------------------------------------------------------


def run(data_dir: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_profile_set_and_show(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(data_dir, capsys, "profile", "set", "--name", "张三", "--phone",
                         "13800138000", "--email", "zhang.san@example.com", "--address",
                         "北京市朝阳区建国路88号", "--id-number", ID)
    assert code == 0, err
    assert ID not in out
    assert "**************1234" in out

    code, out, err = run(data_dir, capsys, "profile", "show", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown == {"name": "张三", "phone": "13800138000", "email": "zhang.san@example.com",
                     "address": "北京市朝阳区建国路88号", "id_number": ID,
                     "id_number_masked": "**************1234"}

    code, out, _ = run(data_dir, capsys, "profile", "show")
    assert code == 0
    assert "name:\t张三" in out
    assert ID not in out


def test_cli_profile_set_needs_something_to_set(data_dir: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(data_dir, capsys, "profile", "set")
    assert code == 2
    assert out == ""
    assert err.strip() == "casebook profile set: nothing to change"


def test_cli_profile_refuses_a_bad_email_and_changes_nothing(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(data_dir, capsys, "profile", "set", "--name", "张三")
    code, out, err = run(data_dir, capsys, "profile", "set", "--name", "李四", "--email", "x")
    assert code == 1
    assert out == ""
    assert err.startswith("casebook: error: ")
    assert len(err.strip().splitlines()) == 1
    assert load_profile(data_dir).name == "张三"
