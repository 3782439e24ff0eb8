"""Translatable core messages.

The core has no Qt; it marks user-facing messages with :func:`tr` and the UI installs a
translator (``QCoreApplication.translate`` with context ``core``). Without one, English.

A message that counts something says so with ``n=``: ``tr("{n} evidence file(s)", n=3)``.
Its translation is then Qt Linguist's plural (numerus) form for that count, and the English
text's ``(s)`` is dropped for one and made ``s`` otherwise ("1 evidence file", "3 evidence
files"). The same count is ``{n}`` in the text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# (English source text, count or -1) -> the text in the person's language
_translator: Callable[[str, int], str] | None = None


def install_translator(func: Callable[[str, int], str] | None) -> None:
    global _translator
    _translator = func


def english_plural(text: str, n: int) -> str:
    """English counted text: ``(s)`` dropped for one, ``s`` for any other count. (Chinese
    has no ``(s)``: its text is unchanged.)"""
    return text.replace("(s)", "" if n == 1 else "s")


def tr(text: str, /, *, n: int | None = None, **values: Any) -> str:
    """Translate ``text`` (English source) and fill ``{named}`` values; ``n`` is the count a
    counted message is about (also filled in as ``{n}``)."""
    count = -1 if n is None else n
    translated = _translator(text, count) if _translator is not None else text
    if n is not None:
        translated = english_plural(translated.replace("%n", str(n)), n)
        values["n"] = n
    return translated.format(**values) if values else translated
