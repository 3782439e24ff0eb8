"""What an unexpected error leaves in the data folder's log (``logs/casebook.log``).

The log is plain text, appended to as errors happen, so it cannot be sealed as the rest of a
locked book is. An exception's own words may quote what the person typed (a case's title, a
name, an ID number), so in a locked book they are left out: the log keeps the kind of error and
where in Casebook's code it happened, which is what a report needs.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType

KEY_FILE_NAME = "casebook.key"  # a locked book's key file (desktop_app.crypto.keys)
LEFT_OUT = "(its words are left out of the log: the book is locked)"

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def is_private(data_dir: Path) -> bool:
    """Whether the book in ``data_dir`` is locked, so its log must quote nothing of it."""
    return (data_dir / KEY_FILE_NAME).exists()


def traceback_text(exc_info: ExcInfo, *, private: bool) -> str:
    """The traceback as the log keeps it: Python's own, or for a locked book (``private``)
    the frames and the exception's kind without its words (nor those of its causes)."""
    kind, exc, tb = exc_info
    if not private:
        return "".join(traceback.format_exception(kind, exc, tb))
    return ("Traceback (most recent call last):\n" + "".join(traceback.format_tb(tb))
            + f"{kind.__module__}.{kind.__qualname__}: {LEFT_OUT}\n").replace("builtins.", "")


__all__ = ["LEFT_OUT", "is_private", "traceback_text"]
