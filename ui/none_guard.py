"""A guard against a reference-count bug of PySide6 6.12 on Python 3.11: every call of a Qt
method that returns nothing (``setData``, ``setToolTip``, ``expandAll`` …) takes one reference
from ``None`` and never gives it back. On Python 3.12 and later ``None`` is immortal and the
lost references do no harm; on 3.11 its count runs down by one per call, and once it reaches
zero the process dies ("Fatal Python error: none_dealloc: deallocating None"). Filling the Due
view with 12,000 rows (a book of 10,000 entries with 2,000 promises due) made about 150,000
such calls and crashed the window.

:func:`keep_none_alive` gives ``None`` so many references that no session can spend them
(2**40: at a million lost references a second, twelve days) — what Python 3.12 does for it
(PEP 683, immortal objects). Idempotent; does nothing on 3.12 and later or off CPython.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def keep_none_alive() -> bool:
    """Make ``None``'s reference count too large to run out; True if it had to be raised."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt, the object's first field
    if count.value >= RESERVE // 2:
        return False
    count.value += RESERVE
    return True
