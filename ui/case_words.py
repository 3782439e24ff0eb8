"""How the window words a case's figures, the same wherever they appear."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication


def money_text(amount: Decimal, currency: str) -> str:
    """An amount with thousands grouped and two decimals, in words a person reads: "人民币
    5,000.00 元" in Chinese (not "CNY"), "5,000.00 CNY" in English."""
    digits = f"{amount:,.2f}"
    if currency == "CNY":
        return QCoreApplication.translate("Money", "{amount} CNY").format(amount=digits)
    return f"{digits} {currency}"
