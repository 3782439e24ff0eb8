"""What is due: the regulator clock of a case, promises and deadlines across open cases, and the
letters that chase them."""

from __future__ import annotations

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
from desktop_app.vocab import OPEN_STATUSES

if TYPE_CHECKING:
    from desktop_app.deadlines.clock import Clock
    from desktop_app.deadlines.due import DueItem
    from desktop_app.services.book import Casebook


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
