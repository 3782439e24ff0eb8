"""Typing as a person does, including Chinese.

QTest's key clicks only know Latin-1 (other characters abort in qasciikey.cpp); Chinese is
really typed through an input method, which delivers a commit string. So ASCII goes as key
clicks and everything else as a QInputMethodEvent commit, exactly as an IME sends it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.setFocus()
    run = ""
    for ch in text:
        if ch.isascii() and ch.isprintable():
            run += ch
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        event = QInputMethodEvent()
        event.setCommitString(ch)
        QCoreApplication.sendEvent(widget, event)
    if run:
        qtbot.keyClicks(widget, run)
