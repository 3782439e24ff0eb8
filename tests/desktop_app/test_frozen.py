"""The frozen app (packaging/): resources found in the bundle, --version says so."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.cli.parser import build_parser
from desktop_app.store import paths


def test_resources_dir_is_the_checkout_s_when_not_frozen() -> None:
    assert Path(paths.__file__).resolve().parents[2] / "resources" == paths.RESOURCES_DIR
    assert (paths.RESOURCES_DIR / "fonts" / "wqy-microhei.ttc").is_file()


def test_resources_dir_is_inside_the_bundle_when_frozen(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths._resources_dir() == tmp_path / "resources"


@pytest.mark.parametrize(("frozen", "expected"),
                         [(False, "casebook 0.1.0\n"), (True, "casebook 0.1.0 (frozen app)\n")])
def test_version_says_whether_frozen(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str],
                                     frozen: bool, expected: str) -> None:
    if frozen:
        monkeypatch.setattr(sys, "frozen", True, raising=False)
    else:
        monkeypatch.delattr(sys, "frozen", raising=False)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--version"])
    assert capsys.readouterr().out == expected
