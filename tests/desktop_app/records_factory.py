"""Records built directly with the dataclasses, for the pure-core tests (no database)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from desktop_app.records import (
    CaseFields,
    CaseRecord,
    EventFields,
    EventRecord,
    InstitutionRecord,
    PromiseData,
    ReferenceData,
)
from desktop_app.timeutil import parse_time

CREATED = datetime(2024, 1, 1, tzinfo=UTC)

CCB = InstitutionRecord(4, "中国建设银行", "建设银行", "China Construction Bank", "bank", "95533")


def at(text: str) -> datetime:
    """A local time (CASEBOOK_TZ, Asia/Shanghai in tests) as an aware UTC time."""
    return parse_time(text)


def institution(kind: str = "bank", name: str = "中国建设银行", short: str = "建设银行",
                name_en: str = "China Construction Bank", id: int = 4) -> InstitutionRecord:
    return InstitutionRecord(id, name, short, name_en, kind)


def case(id: int = 1, *, jurisdiction: str = "CN", kind: str = "bank", category: str = "other",
         status: str = "open", title: str = "转账金额显示错误",
         inst: InstitutionRecord | None = None, **fields: object) -> CaseRecord:
    values: dict[str, object] = {
        "title": title, "category": category, "status": status, "jurisdiction": jurisdiction,
    }
    values.update(fields)
    chosen = inst or (CCB if kind == "bank" else institution(kind))
    return CaseRecord(id, CaseFields(**values), chosen, CREATED, CREATED)  # type: ignore[arg-type]


def ref(value: str, label: str = "投诉编号", issued_by: str = "") -> ReferenceData:
    return ReferenceData(value, label, issued_by)


def promise(text: str, due: str | None, state: str = "pending", id: int | None = None,
            note: str = "") -> PromiseData:
    return PromiseData(text, None if due is None else at(due), state, note, id)


def event(id: int, when: str, channel: str = "call", direction: str = "out", *,
          case_id: int = 1, refs: tuple[ReferenceData, ...] = (),
          promises: tuple[PromiseData, ...] = (), **fields: object) -> EventRecord:
    values: dict[str, object] = {"at": at(when), "channel": channel, "direction": direction,
                                 "references": refs, "promises": promises}
    values.update(fields)
    return EventRecord(id, case_id, EventFields(**values), CREATED, CREATED)  # type: ignore[arg-type]


def amount(text: str) -> Decimal:
    return Decimal(text)
