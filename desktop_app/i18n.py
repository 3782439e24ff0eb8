"""Translatable core messages.

The core has no Qt; it marks user-facing messages with :func:`tr` and the UI installs a
translator (``QCoreApplication.translate`` with context ``core``). Without one, English.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_translator: Callable[[str], str] | None = None


def install_translator(func: Callable[[str], str] | None) -> None:
    global _translator
    _translator = func


def tr(text: str, /, **values: Any) -> str:
    """Translate ``text`` (English source) and fill ``{named}`` values."""
    translated = _translator(text) if _translator is not None else text
    return translated.format(**values) if values else translated
