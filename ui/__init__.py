"""The Qt front end of Casebook."""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


def _uses_pyside(module: ModuleType) -> bool:
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def _quicker_pyside_import_hook() -> None:
    """Answer PySide6's per-import question without ``inspect.getsource``.

    For ``from __feature__ import …`` (PYSIDE-2029) PySide6 looks at the source of every
    module imported after it for the word "PySide6", through ``inspect.getsource`` (tokenize,
    linecache) — about 15 ms over the modules a start-up imports. Reading the file's bytes
    answers the same question. Left alone if this PySide6 does it differently.
    """
    import PySide6.QtCore  # noqa: F401  (loads PySide6's support package)

    feature: Any = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside


_quicker_pyside_import_hook()
