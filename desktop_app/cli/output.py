"""Where a command's results go: stdout as UTF-8 text or JSON, and files written whole."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from desktop_app.store import files


def utf8_streams() -> None:
    """Chinese text on any console: stdout and stderr in UTF-8, whatever the locale says."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="backslashreplace")


def quiet_stdout() -> None:
    """After a closed pipe: stdout goes nowhere, so that the interpreter's last flush at exit
    does not complain either."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def write_atomically(path: str, data: bytes) -> None:
    """Write a file whole or not at all (temp file beside it, fsynced, renamed over it)."""
    files.write_atomically(Path(path), data)
