"""The services' idea of "now": the one function tests replace to fix the time
(``monkeypatch.setattr(clock, "current_time", ...)``); the window reads it too."""

from __future__ import annotations

from datetime import datetime

from desktop_app import timeutil


def current_time() -> datetime:
    """The current time, time-zone aware."""
    return timeutil.now()
