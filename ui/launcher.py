"""The ``casebook`` entry point: the CLI with a command, the window without one.

Nothing from Qt is imported unless the window is wanted, so CLI commands start fast.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def _run_gui(data_dir: str | None) -> int:
    from ui.app import run

    return run(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    import multiprocessing

    from desktop_app.cli import main as cli_main

    multiprocessing.freeze_support()  # evidence derivatives run in worker processes

    code = cli_main(argv, run_gui=_run_gui)
    if argv is None:
        sys.exit(code)
    return code
