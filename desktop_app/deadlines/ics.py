"""The due list as an iCalendar (.ics) file for the person's own calendar."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from desktop_app.deadlines.due import DueItem
from desktop_app.i18n import tr
from desktop_app.timeutil import ensure_aware


def calendar_ics(items: Iterable[DueItem], *, stamp: datetime | None = None) -> bytes:
    """Due items as an iCalendar file: one event each, with a stable UID and a reminder.

    A promise reminds an hour before; a regulator deadline (the end of its last day) a day
    before. ``stamp`` is the DTSTAMP of every event (default: now).
    """
    from icalendar import Alarm, Calendar, Event  # deferred: icalendar ~125 ms; .ics export only

    stamped = ensure_aware(stamp) if stamp is not None else datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Casebook//Casebook deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamped.astimezone(UTC))
        event.add("dtstart", item.due.astimezone(UTC))
        summary = f"{item.text} · {item.case_title}" if item.case_title else item.text
        event.add("summary", summary)
        what = tr("Promise") if item.kind == "promise" else tr("Regulator deadline")
        lines = [f"{what}: {item.text}"]
        if item.case_title:
            lines.append(tr("Case {id}: {title}", id=item.case_id, title=item.case_title))
        if item.overdue:
            lines.append(tr("Overdue"))
        event.add("description", "\n".join(lines))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        before = timedelta(hours=1) if item.kind == "promise" else timedelta(days=1)
        alarm.add("trigger", -before)
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
