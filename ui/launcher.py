"""The ``casebook`` entry point: the CLI with a command, the window without one.

Nothing from Qt is imported unless the window is wanted, so CLI commands start fast (and
``ui/__init__`` imports nothing either).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from desktop_app.cli.run import main as cli_main


def no_display_reason(platform: str = sys.platform,
                      environ: dict[str, str] | None = None) -> str | None:
    """Why the window cannot open here (a Linux or BSD machine with no display to show it on:
    Qt would abort with a core dump), or None."""
    env = os.environ if environ is None else environ
    if platform.startswith(("win", "darwin")) or env.get("QT_QPA_PLATFORM"):
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return ("casebook: there is no display to open the window on (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set). Start it from your desktop, or use a command: "
            "casebook --help")


def _run_gui(data_dir: str | None) -> int:
    reason = no_display_reason()
    if reason is not None:
        print(reason, file=sys.stderr)
        return 1
    from ui.app import run  # deferred: Qt costs ~110 ms and ~19 MiB; only the window needs it

    return run(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    if getattr(sys, "frozen", False):  # a frozen build (the only place it does anything)
        import multiprocessing  # deferred: ~8 ms, for a frozen build's worker processes only

        multiprocessing.freeze_support()  # evidence derivatives run in worker processes

    code = cli_main(argv, run_gui=_run_gui)
    if argv is None:
        sys.exit(code)
    return code
