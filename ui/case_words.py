"""How the window words a case's figures, the same wherever they appear."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale

from desktop_app.vocab import reference_label


def money_text(amount: Decimal, currency: str) -> str:
    """An amount with thousands grouped and two decimals, in words a person reads: "人民币
    5,000.00 元" in Chinese (not "CNY"), "5,000.00 CNY" in English."""
    digits = f"{amount:,.2f}"
    if currency == "CNY":
        return QCoreApplication.translate("Money", "{amount} CNY").format(amount=digits)
    return f"{digits} {currency}"


def window_lang() -> str:
    """The window's language as the core names it: "zh" or "en"."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def reference_words(label: str) -> str:
    """A stored reference label (a kind's key, or text as typed) in the window's language."""
    return reference_label(label, window_lang())
