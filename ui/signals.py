"""The app-wide signal hub: views listen here instead of to each other.

Signals:
    casesChanged(): the list of cases or a case's list-level fields changed.
    caseChanged(int): one case's details changed (header, status).
    timelineChanged(int): a case's events changed.
    evidenceChanged(int): a case's evidence changed (added, edited, re-linked, removed).
    evidenceAdded(list): new exhibits came in (an import or a paste), as EvidenceRecords.
    textRead(int): the text in an exhibit's picture was read and kept (its evidence id).
    statusMessage(str): a short message for the status bar.
    refused(str): a change the book refused (the core's one-line reason), that no one else
        handled: the window shows it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SignalHub(QObject):
    casesChanged = Signal()
    caseChanged = Signal(int)
    timelineChanged = Signal(int)
    evidenceChanged = Signal(int)
    evidenceAdded = Signal(list)
    textRead = Signal(int)
    statusMessage = Signal(str)
    refused = Signal(str)
