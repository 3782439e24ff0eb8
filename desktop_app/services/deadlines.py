"""What is due: the regulator clock of a case, promises and deadlines across open cases, and the
letters that chase them."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop_app.deadlines.clock import regulator_clock
from desktop_app.deadlines.due import clock_item, due_items, promise_item, soonest_first
from desktop_app.deadlines.letters import LetterError
from desktop_app.deadlines.letters import draft_letter as compose_letter
from desktop_app.deadlines.promises import broken_promises
from desktop_app.deadlines.rules import default_rules
from desktop_app.errors import Invalid
from desktop_app.i18n import tr
from desktop_app.records import CaseRecord, EventRecord, PromiseData
from desktop_app.services import clock
from desktop_app.services.lookups import case_in
from desktop_app.services.profile import load_profile
from desktop_app.store import reads
from desktop_app.timeutil import ensure_aware, from_utc_text
from desktop_app.vocab import OPEN_STATUSES, Channel, Direction, PromiseState

if TYPE_CHECKING:
    from desktop_app.deadlines.clock import Clock
    from desktop_app.deadlines.due import DueItem
    from desktop_app.services.book import Casebook


_OPEN = ", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES))
_OUT, _REGULATOR, _NOTE = Direction.OUT.value, Channel.REGULATOR.value, Channel.NOTE.value
_OPEN_CASES = f"""IN (SELECT id FROM "case" WHERE status IN ({_OPEN}))"""
ALL_OPEN = None  # the scope of a read: every open case, or one case's id

# The due list is read from two indexes (migration 0012), not from every event of every case.
# Times are stored as UTC text, sortable, so ``at, id`` is the timeline's own order.
# ``{case}`` narrows a query to one case (``= ?``) or to the open cases.
#
# Promises with a due time, not kept (ix_promise_due_open), in the timeline's order.
_DUE_PROMISES = f"""SELECT e.case_id, e.id, p.text, p.due_at, p.state, p.state_note, p.id
    FROM promise p JOIN event e ON e.id = p.event_id
    WHERE p.due_at IS NOT NULL AND p.state != '{PromiseState.KEPT.value}' AND e.case_id {{case}}
    ORDER BY e.at, e.id, p.position, p.id"""
# The only events a regulator clock is read from (see regulator_clock, lodged_event and
# _escalation): the person's complaints to a regulator, where a clock starts for rules that
# run from a filing, and the escalation after it (ix_event_case_regulator_out); the event
# marked as lodged; and, for a case with no such mark on its timeline, its first outgoing
# contact (not a note) that gave a reference number (ix_event_case_at, in time order until
# the first one).
_CLOCK_EVENTS = f"""case_id {{case}} AND id IN (
    SELECT r.id FROM event r
        WHERE r.case_id {{case}} AND r.channel = '{_REGULATOR}' AND r.direction = '{_OUT}'
    UNION ALL SELECT c.lodged_event_id FROM "case" c WHERE c.id {{case}}
    UNION ALL SELECT (SELECT e.id FROM event e
                      WHERE e.case_id = c.id AND e.direction = '{_OUT}'
                      AND e.channel != '{_NOTE}'
                      AND EXISTS (SELECT 1 FROM reference f WHERE f.event_id = e.id)
                      ORDER BY e.at, e.id LIMIT 1)
        FROM "case" c WHERE c.id {{case}} AND NOT EXISTS (
            SELECT 1 FROM event m WHERE m.id = c.lodged_event_id AND m.case_id = c.id))"""


@dataclass(frozen=True)
class DueSources:
    """What the due list of some cases is computed from: the cases, their promises with a due
    time not yet kept (case id, event id, promise; in timeline order), and the events their
    regulator clocks are read from."""

    cases: list[CaseRecord]
    promises: list[tuple[int, int, PromiseData]]
    clock_events: dict[int, list[EventRecord]]


def read_due_sources(con: sqlite3.Connection, case_id: int | None = ALL_OPEN) -> DueSources:
    """The due list's sources for every open case, or for one case (open or not)."""
    params: tuple[int, ...] = ()
    if case_id is None:
        scope = _OPEN_CASES
        cases = [c for c in reads.list_cases(con) if c.status in OPEN_STATUSES]
    else:
        scope, params = "= ?", (case_id,)
        cases = [c for c in (reads.get_case(con, case_id),) if c is not None]
    promises = [(case, event, PromiseData(text, None if due is None else from_utc_text(due),
                                          state, note, pid))
                for case, event, text, due, state, note, pid
                in con.execute(_DUE_PROMISES.format(case=scope), params)]
    clock_events: dict[int, list[EventRecord]] = {}
    for event in reads.load_events(con, _CLOCK_EVENTS.format(case=scope), params * 4):
        clock_events.setdefault(event.case_id, []).append(event)
    return DueSources(cases, promises, clock_events)


def items_from(sources: DueSources, now: datetime, lang: str) -> list[DueItem]:
    """The due items of the open cases among ``sources``, soonest first."""
    rules, now = default_rules(), ensure_aware(now)
    open_cases = {c.id: c for c in sources.cases if c.status in OPEN_STATUSES}
    items = []
    for case_id, event_id, promise in sources.promises:
        case = open_cases.get(case_id)
        item = None if case is None else promise_item(case, event_id, promise, now)
        if item is not None:
            items.append(item)
    for case in open_cases.values():
        item = clock_item(case, sources.clock_events.get(case.id, []), rules, now,
                          case.lodged_event_id, lang)
        if item is not None:
            items.append(item)
    return soonest_first(items)


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
            sources = read_due_sources(con)
        return items_from(sources, now or clock.current_time(), lang)

    def case_due(self, case_id: int, now: datetime | None = None, lang: str = "en"
                 ) -> list[DueItem]:
        """As :meth:`due`, for one case only (reading nothing of the others): what replaces
        that case's items after it was edited. Empty for a case that is closed or gone."""
        with self.book.read() as con:
            sources = read_due_sources(con, case_id)
        return items_from(sources, now or clock.current_time(), lang)

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
