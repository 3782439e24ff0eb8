"""A case's timeline as the deadlines read it: events in time order, and the event the
complaint counts as lodged at (the one a regulator clock runs from)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from desktop_app.records import EventRecord
from desktop_app.timeutil import ensure_aware
from desktop_app.vocab import Channel, Direction


def in_time_order(events: Iterable[EventRecord]) -> list[EventRecord]:
    """Oldest first; events at the same moment in the order they were entered."""
    return sorted(events, key=lambda e: (ensure_aware(e.fields.at), e.id))


def lodged_event(events: Iterable[EventRecord], marked_event_id: int | None, *,
                 channels: Collection[str] | None = None) -> EventRecord | None:
    """The event the complaint counts as lodged at.

    The event the user marked, if it is on the timeline; else the first outgoing contact that
    produced a reference number (notes are not contacts), limited to ``channels`` if given.
    """
    ordered = in_time_order(events)
    if marked_event_id is not None:
        for event in ordered:
            if event.id == marked_event_id:
                return event
    for event in ordered:
        f = event.fields
        if (f.direction == Direction.OUT and f.references and f.channel != Channel.NOTE
                and (channels is None or f.channel in channels)):
            return event
    return None
