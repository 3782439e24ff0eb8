"""Migration 0012_due_index: a 0011 book upgrades with the due list's two partial indexes built
over the rows it has, the due list reads through them, and a downgrade drops them again."""

from __future__ import annotations

from pathlib import Path

from raw_sqlite import downgrade, query
from records_factory import at

from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.services.deadlines import _CLOCK_EVENTS, _DUE_PROMISES, _OPEN_CASES
from desktop_app.store.engine import REVISIONS
from desktop_app.store.paths import DataPaths

PREVIOUS = "0011_redaction"
INDEXES = [("ix_event_case_regulator_out",), ("ix_promise_due_open",)]
NOW = at("2024-11-12 09:00")


def _indexes(db: Path) -> list[tuple[str]]:
    return query(db, "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN "
                     "('ix_event_case_regulator_out', 'ix_promise_due_open') ORDER BY name")


def test_0012_comes_after_0011() -> None:
    assert REVISIONS[REVISIONS.index("0012_due_index") - 1] == PREVIOUS
    assert REVISIONS[-1] == "0012_due_index"


def test_a_0011_book_upgrades_and_the_due_list_reads_through_the_indexes(
        data_dir: Path) -> None:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="扣费未退", institution_name="建设银行",
                                                 jurisdiction="CN"))
        book.timeline.add_event(case.id, EventFields(
            at=at("2024-11-01 10:00"), channel="call",
            references=(ReferenceData("T-1", "投诉号"),),
            promises=(PromiseData("三个工作日内回电", at("2024-11-06 23:59")),
                      PromiseData("退款", None))))
        book.timeline.add_event(case.id, EventFields(at=at("2024-11-20 10:00"),
                                                     channel="regulator"))
        before = book.deadlines.due_full(NOW)
    db = DataPaths(data_dir).database
    downgrade(db, PREVIOUS)
    assert _indexes(db) == []
    with Casebook.open(data_dir) as book:
        assert _indexes(db) == INDEXES
        # built over the rows the book had: one promise with a due time, one regulator filing
        assert query(db, "SELECT count(*) FROM promise INDEXED BY ix_promise_due_open "
                         "WHERE due_at IS NOT NULL AND state != 'kept'") == [(1,)]
        assert query(db, "SELECT count(*) FROM event INDEXED BY ix_event_case_regulator_out "
                         "WHERE channel = 'regulator' AND direction = 'out'") == [(1,)]
        plans = [" ".join(str(r[3]) for r in query(db, "EXPLAIN QUERY PLAN " + sql, params))
                 for sql, params in (
                     (_DUE_PROMISES.format(case=_OPEN_CASES), ()),
                     ("SELECT id FROM event WHERE " + _CLOCK_EVENTS.format(case=_OPEN_CASES),
                      ()))]
        assert "ix_promise_due_open" in plans[0]
        assert "ix_event_case_regulator_out" in plans[1]
        assert book.deadlines.due(NOW) == before
        assert [i.kind for i in before] == ["promise", "regulator"]
