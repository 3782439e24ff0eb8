"""Where a command's results go: stdout as UTF-8 text or JSON, and files written whole."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO, cast


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


# Characters a terminal acts on instead of showing: C0 controls but tab and newline, DEL, C1
# controls (0x9b is CSI on some terminals) and the bidirectional overrides that reorder text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on shown escaped (``\\x1b``), so a
    stored title or an imported email's subject can never move the cursor, change the window
    title or hide what follows."""
    return _UNSAFE.sub(lambda m: _escaped(m.group()), text)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class _SafeStream:
    """A text stream whose writes are made :func:`terminal_safe`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def safe_terminal() -> Iterator[None]:
    """While a command runs, what it prints on stdout and stderr is terminal-safe."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, _SafeStream(sys.stdout))
    sys.stderr = cast(TextIO, _SafeStream(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def print_json(value: Any) -> None:
    """JSON keeps the exact text: characters a terminal acts on are written as JSON escapes
    (``\\u001b``), which read back as the very same characters."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    print(_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def write_atomically(path: str, data: bytes) -> None:
    """Write a file whole or not at all (temp file beside it, fsynced, renamed over it)."""
    from desktop_app.store import files  # deferred: ~5 ms (tempfile, shutil); writers only

    files.write_atomically(Path(path), data)
