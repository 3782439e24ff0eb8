"""A realistic sample case for a first look (the first situation Casebook was made for: a
bank's mini-program shows the wrong amount on a transfer), marked as a sample in its title and
description, and removed like any case (Edit → Delete case, undoable)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from desktop_app.deadlines.promise_due import promised_due
from desktop_app.records import CaseFields, CaseRecord, EventFields, PromiseData, ReferenceData
from desktop_app.timeutil import parse_time

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook

SAMPLE_MARK = "【示例】"  # at the start of the title: what tells a sample from a real case
COMPLAINT_NO = "CCB20241029-0042"


def sample_fields() -> tuple[CaseFields, list[EventFields]]:
    """The sample case and its timeline, oldest first."""
    case = CaseFields(
        title=f"{SAMPLE_MARK}建行小程序转账金额显示错误", institution_name="中国建设银行",
        product="建行微信小程序", category="function_fault", amount=Decimal("5000.00"),
        incident_at=parse_time("2024-10-28 14:05"),
        transaction_refs="交易流水号 2024102814050001",
        description=("这是一个示例案卷，演示怎样记录一件投诉：每次联系、取得的编号、对方的承诺和"
                     "期限。看完可随时删除（编辑 → 删除案卷，可撤销）。\n\n"
                     "2024年10月28日 14:05 在建行微信小程序向他人转账 5,000.00 元，小程序显示"
                     "转账金额为 500.00 元，账户实际扣款 5,000.00 元。"),
        desired_outcome="更正小程序显示，书面说明原因，并确认扣款金额无误。")
    called = parse_time("2024-10-29 09:12")
    promise = "3个工作日内回电"
    due = promised_due(promise, called, "CN")
    events = [
        EventFields(at=parse_time("2024-10-28 14:20"), channel="app", direction="out",
                    summary="在小程序内提交“功能问题”反馈：显示金额与实际扣款不符",
                    details="附上转账成功页面截图和扣款短信。"),
        EventFields(at=called, channel="call", direction="out", contact="95533",
                    counterpart="王女士", agent_id="1234", duration_seconds=12 * 60,
                    summary="致电95533报告金额显示错误，客服登记投诉",
                    details="客服核实扣款为 5,000.00 元，称将转技术部门核查。",
                    references=(ReferenceData(COMPLAINT_NO, "complaint_no", "中国建设银行"),),
                    promises=(PromiseData(promise, due.due if due else None),)),
        EventFields(at=called + timedelta(minutes=20), channel="sms", direction="in",
                    contact="95533", summary=f"短信通知：投诉已登记，编号 {COMPLAINT_NO}"),
        EventFields(at=parse_time("2024-11-04 10:00"), channel="note", direction="out",
                    summary="三个工作日已过，未接到回电"),
    ]
    return case, events


def add_sample_case(book: Casebook) -> CaseRecord:
    """Add the sample case with its timeline, the call marked as where the complaint was
    lodged (so its regulator clock shows); the case as added."""
    fields, events = sample_fields()
    case = book.cases.create_case(fields)
    added = book.timeline.add_events(case.id, events)
    lodged = next(e for e in added if e.fields.channel == "call")
    return book.cases.mark_lodged(case.id, lodged.id)


def is_sample(case: CaseRecord) -> bool:
    return case.fields.title.startswith(SAMPLE_MARK)
