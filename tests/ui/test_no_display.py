"""Started with no display (an SSH session, a server), the window says so in one line and
exits 1, instead of Qt aborting with a core dump (exit 134)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ui.launcher import no_display_reason

ROOT = Path(__file__).resolve().parents[2]


def test_no_display_is_said_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    code = ("import sys; from ui.launcher import main; "
            f"sys.exit(main(['--data-dir', {str(tmp_path / 'data')!r}]))")
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    if sys.platform.startswith(("win", "darwin")):
        return  # always a display there
    assert run.returncode == 1
    assert len(run.stderr.strip().splitlines()) == 1
    assert "no display" in run.stderr
    assert not (tmp_path / "data").exists()  # nothing made for a window that never opened


def test_a_display_or_a_chosen_platform_lets_the_window_start() -> None:
    assert no_display_reason("linux", {}) is not None
    assert no_display_reason("linux", {"DISPLAY": ":0"}) is None
    assert no_display_reason("linux", {"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert no_display_reason("linux", {"QT_QPA_PLATFORM": "offscreen"}) is None
    assert no_display_reason("win32", {}) is None
    assert no_display_reason("darwin", {}) is None
