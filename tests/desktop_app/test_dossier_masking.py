"""The dossier's cover masks the ID number always, and the phone number and the address when the
person asks (issue 16): ``export --mask phone,address``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from desktop_app.cli import parser as cli_parser
from desktop_app.cli.run import main
from desktop_app.dossier.masking import MASKABLE, mask_address, mask_phone, masked_profile
from desktop_app.services.profile import Profile

PHONE = "13812345678"
STREET = "建国路88号"
ADDRESS = f"北京市朝阳区{STREET}"
ID_NUMBER = "110105199001011234"


def cli(data: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    data = tmp_path / "data"
    assert cli(data, capsys, "profile", "set", "--name", "张三", "--phone", PHONE,
               "--address", ADDRESS, "--id-number", ID_NUMBER)[0] == 0
    assert cli(data, capsys, "case", "new", "--title", "信用卡年费争议",
               "--institution", "中国银行")[0] == 0
    return data


def cover_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", str(pdf), "-"],
                          capture_output=True, check=True).stdout.decode("utf-8")
    return "".join(text.split())


def test_export_masks_the_phone_and_address_when_asked(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    masked = tmp_path / "masked.pdf"
    code, _, err = cli(data, capsys, "export", "1", "-o", str(masked), "--mask", "phone,address")
    assert code == 0, err
    text = cover_text(masked)
    assert "138****5678" in text
    assert PHONE not in text
    assert "北京市朝阳区****" in text
    assert STREET not in text
    assert ID_NUMBER not in text
    assert "1234" in text  # the ID number's last four, as always

    whole = tmp_path / "whole.pdf"
    code, _, err = cli(data, capsys, "export", "1", "-o", str(whole))
    assert code == 0, err
    text = cover_text(whole)
    assert PHONE in text
    assert STREET in text
    assert ID_NUMBER not in text  # masked whatever is asked

    only_phone = tmp_path / "phone.pdf"
    assert cli(data, capsys, "export", "1", "-o", str(only_phone), "--mask", "phone")[0] == 0
    text = cover_text(only_phone)
    assert PHONE not in text
    assert STREET in text


def test_an_unknown_field_to_mask_is_a_usage_error(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(data, capsys, "export", "1", "-o", str(tmp_path / "x.pdf"),
                         "--mask", "phone,email")
    assert (code, out) == (2, "")
    assert "choose from phone, address" in err
    assert not (tmp_path / "x.pdf").exists()


def test_the_cli_offers_what_the_dossier_masks() -> None:
    assert cli_parser.MASKABLE == MASKABLE


@pytest.mark.parametrize(("phone", "shown"), [
    ("13812345678", "138****5678"),
    ("+86 138 1234 5678", "+86 138 **** 5678"),
    ("010-12345678", "010-****5678"),
    ("12345678", "****5678"),
    ("9556", "****"),
    ("", ""),
])
def test_phone_numbers_are_masked(phone: str, shown: str) -> None:
    assert mask_phone(phone) == shown


@pytest.mark.parametrize(("address", "shown"), [
    ("北京市朝阳区建国路88号", "北京市朝阳区****"),
    ("广东省深圳市南山区科技园路1号", "广东省深圳市南山区****"),
    ("内蒙古自治区呼和浩特市新城区新华大街1号", "内蒙古自治区呼和浩特市新城区****"),
    ("深圳市福田路8号小区3栋", "深圳市****"),  # the 区 of 小区 is no district
    ("12 Baker Street, London", "****, London"),
    ("某某村三组", "****"),
])
def test_addresses_keep_their_region_only(address: str, shown: str) -> None:
    assert mask_address(address) == shown


def test_masking_leaves_what_was_not_chosen() -> None:
    profile = Profile(name="张三", phone=PHONE, address=ADDRESS, id_number=ID_NUMBER)
    assert masked_profile(profile, ()) == profile
    assert masked_profile(profile, ["address"]).phone == PHONE
    with pytest.raises(ValueError, match="cannot mask"):
        masked_profile(profile, ["name"])
