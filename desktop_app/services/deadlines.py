"""What is due: the regulator clock of a case, promises and deadlines across open cases, and the
letters that chase them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from desktop_app.deadlines.clock import regulator_clock
from desktop_app.deadlines.due import due_items
from desktop_app.deadlines.letters import LetterError
from desktop_app.deadlines.letters import draft_letter as compose_letter
from desktop_app.deadlines.promises import broken_promises
from desktop_app.deadlines.rules import default_rules
from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.records import CaseRecord, EventRecord
from desktop_app.services import clock
from desktop_app.services.lookups import case_in
from desktop_app.services.profile import load_profile
from desktop_app.store import reads
from desktop_app.vocab import OPEN_STATUSES, Channel, Direction

if TYPE_CHECKING:
    from desktop_app.deadlines.clock import Clock
    from desktop_app.deadlines.due import DueItem
    from desktop_app.services.book import Casebook


# The only events the due list depends on (see due_items, regulator_clock, lodged_event and
# _escalation): events with a promise that has a due time, the event marked as lodged, every
# outgoing regulator contact (filings and escalations), and per case the first outgoing
# contact (not a note) that gave a reference number. Times are stored as UTC text, sortable,
# so ``ORDER BY at, id`` is the timeline's own order.
_DUE_EVENTS = f"""case_id = ? AND (
    id IN (SELECT p.event_id FROM promise p JOIN event pe ON pe.id = p.event_id
           WHERE pe.case_id = ? AND p.due_at IS NOT NULL)
    OR id = ?
    OR (direction = '{Direction.OUT.value}' AND channel = '{Channel.REGULATOR.value}')
    OR id = (SELECT e.id FROM event e WHERE e.case_id = ? AND e.direction = '{Direction.OUT.value}'
             AND e.channel != '{Channel.NOTE.value}'
             AND EXISTS (SELECT 1 FROM reference r WHERE r.event_id = e.id)
             ORDER BY e.at, e.id LIMIT 1))"""


def case_due_events(con: sqlite3.Connection, case: CaseRecord) -> list[EventRecord]:
    """The few events of ``case`` its due items and regulator clock are computed from."""
    return reads.load_events(con, _DUE_EVENTS, (case.id, case.id, case.lodged_event_id,
                                                case.id))


def due_events(con: sqlite3.Connection) -> list[tuple[CaseRecord, list[EventRecord]]]:
    """Every open case with the events its due items are computed from."""
    return [(case, case_due_events(con, case)) for case in reads.list_cases(con)
            if case.status in OPEN_STATUSES]


def clock_of(case: CaseRecord, events: list[EventRecord], at: datetime) -> Clock | None:
    return regulator_clock(case, events, default_rules(), at, case.lodged_event_id)


class Deadlines:
    """``book.deadlines``."""

    def __init__(self, book: Casebook) -> None:
        self.book = book

    def _case_and_events(self, case_id: int) -> tuple[CaseRecord, list[EventRecord]]:
        with self.book.read() as con:
            return case_in(con, case_id), reads.case_events(con, case_id)

    def case_clock(self, case_id: int, now: datetime | None = None) -> Clock | None:
        """The regulator clock of a case at ``now`` (default: the current time); None when
        no clock runs (no jurisdiction, closed, no rule fits, nothing lodged yet)."""
        case, events = self._case_and_events(case_id)
        return clock_of(case, events, now or clock.current_time())

    def clock_for(self, case: CaseRecord, events: Sequence[EventRecord],
                  now: datetime | None = None) -> Clock | None:
        """As :meth:`case_clock`, from a case and its whole timeline the caller already holds."""
        return clock_of(case, list(events), now or clock.current_time())

    def due(self, now: datetime | None = None, lang: str = "en") -> list[DueItem]:
        """Every pending or broken promise with a due time and every regulator deadline across
        open cases, soonest first (regulator items worded in ``lang``)."""
        with self.book.read() as con:
            cases = due_events(con)
        marked = {case.id: case.lodged_event_id for case, _events in cases}
        return due_items(cases, default_rules(), now or clock.current_time(), lang=lang,
                         marked_events=marked)

    def due_full(self, now: datetime | None = None, lang: str = "en") -> list[DueItem]:
        """As :meth:`due`, reading every event of every open case (the reference the indexed
        read is tested against)."""
        with self.book.read() as con:
            cases = [(case, reads.case_events(con, case.id)) for case in reads.list_cases(con)
                     if case.status in OPEN_STATUSES]
        marked = {case.id: case.lodged_event_id for case, _events in cases}
        return due_items(cases, default_rules(), now or clock.current_time(), lang=lang,
                         marked_events=marked)

    def draft_letter(self, case_id: int, kind: str, lang: str, promise_id: int | None = None,
                     now: datetime | None = None) -> str:
        """A complaint to the next body or a chaser for a missed promise, as text to edit;
        signed with the profile's details if there is one (the ID number masked).

        A chaser needs a broken promise: ``promise_id``, or every broken promise of the case."""
        at = now or clock.current_time()
        case, events = self._case_and_events(case_id)
        if kind == "chaser" and promise_id is None and not broken_promises(events, at):
            raise Invalid(tr("case {id} has no broken promise to chase", id=case_id))
        profile = load_profile(self.book.paths.root)
        signed = {**profile.to_json(), "id_number": profile.masked_id()}
        try:
            return compose_letter(kind, lang, case, events, at, signed, promise_id,
                                clock_of(case, events, at))
        except LetterError as exc:
            raise Invalid(str(exc)) from None
