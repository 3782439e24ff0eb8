"""The ``casebook`` entry point: the CLI with a command, the window without one.

Nothing from Qt is imported unless the window is wanted, so CLI commands start fast (and
``ui/__init__`` imports nothing either).
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence

from desktop_app.cli.run import main as cli_main


def _run_gui(data_dir: str | None) -> int:
    from ui.app import run  # deferred: Qt costs ~110 ms and ~19 MiB; only the window needs it

    return run(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    multiprocessing.freeze_support()  # evidence derivatives run in worker processes

    code = cli_main(argv, run_gui=_run_gui)
    if argv is None:
        sys.exit(code)
    return code
