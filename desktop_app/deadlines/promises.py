"""Promises the other side made: kept, broken, or still pending."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from desktop_app.deadlines.timeline import in_time_order
from desktop_app.records import EventRecord, PromiseData
from desktop_app.timeutil import ensure_aware
from desktop_app.vocab import PromiseState

PromiseStatus = Literal["pending", "kept", "broken"]


def promise_status(promise: PromiseData, now: datetime) -> PromiseStatus:
    """Kept or broken as marked; a pending promise whose due time has passed is broken."""
    if promise.state == PromiseState.KEPT:
        return "kept"
    if promise.state == PromiseState.BROKEN:
        return "broken"
    if promise.due_at is not None and ensure_aware(promise.due_at) < ensure_aware(now):
        return "broken"
    return "pending"


def broken_promises(events: Iterable[EventRecord],
                    now: datetime) -> list[tuple[EventRecord, PromiseData]]:
    """Every broken promise of a timeline with the event it was made in, in time order."""
    found = [(event, promise) for event in in_time_order(events)
             for promise in event.fields.promises if promise_status(promise, now) == "broken"]
    return found
