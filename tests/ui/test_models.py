"""The Qt models over core records, checked with qtmodeltester and for what they show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from desktop_app.records import CaseFields, EventFields, PromiseData, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.timeutil import now, parse_time
from ui.models.case_list import CASE_ID_ROLE, CaseListModel
from ui.models.timeline import EVENT_ID_ROLE, TimelineModel
from ui.widgets.case_list_panel import CaseListPanel


def _case_with_events(book: Casebook) -> int:
    case = book.cases.create_case(CaseFields(title="建行小程序金额显示错误",
                                       institution_name="中国建设银行", product="建行微信小程序"))
    book.timeline.add_event(case.id, EventFields(
        at=parse_time("2024-11-01 09:30"), channel="call", contact="95533",
        counterpart="王女士", agent_id="1234", duration_seconds=754, summary="报告金额错误",
        references=(ReferenceData("CCB20241101-0042", "投诉号"),),
        promises=(PromiseData("三个工作日内回电", parse_time("2024-11-06 18:00")),)))
    book.timeline.add_event(case.id, EventFields(
        at=parse_time("2024-11-03 10:00"), channel="email", direction="in",
        email_from="service@ccb.com", email_to="me@example.com", summary="银行回复邮件"))
    book.timeline.add_event(case.id, EventFields(at=parse_time("2024-10-30 20:00"), channel="app",
                                        summary="小程序内反馈"))
    return case.id


def test_case_list_model_passes_qtmodeltester(qtmodeltester, book: Casebook) -> None:
    _case_with_events(book)
    book.cases.create_case(CaseFields(title="Robocalls", institution_name="招商银行",
                                status="resolved"))
    model = CaseListModel()
    model.set_cases(book.cases.list_cases())
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    titles = {model.index(r, CaseListModel.TITLE).data() for r in range(2)}
    assert titles == {"建行小程序金额显示错误", "Robocalls"}
    row = model.row_of(book.cases.list_cases()[0].id)
    assert model.index(row, 0).data(CASE_ID_ROLE) == book.cases.list_cases()[0].id
    assert model.rowCount(model.index(0, 0)) == 0


@pytest.fixture
def panel(qapp: QApplication) -> Iterator[CaseListPanel]:
    """A case list (not shown), kept until the model tester has let go of its proxy."""
    case_list = CaseListPanel()
    yield case_list
    case_list.deleteLater()


def test_the_case_list_panel_proxy_passes_qtmodeltester(panel: CaseListPanel, qtmodeltester,
                                                        book: Casebook) -> None:
    """The sorted, filtered case list the window shows, with rows, sorted and filtered."""
    _case_with_events(book)
    book.cases.create_case(CaseFields(title="Robocalls", institution_name="招商银行"))
    panel.case_model.set_cases(book.cases.list_cases())
    panel.show_cases_in_order()
    qtmodeltester.check(panel.case_proxy, force_py=True)  # and as it filters, below
    panel.case_filter.setText("robo")
    assert panel.case_proxy.rowCount() == 1
    panel.case_filter.clear()
    assert panel.case_proxy.rowCount() == 2


def test_timeline_model_passes_qtmodeltester_and_orders_both_ways(
        qtmodeltester, book: Casebook) -> None:
    case_id = _case_with_events(book)
    model = TimelineModel()
    model.set_events(book.timeline.list_events(case_id))
    qtmodeltester.check(model, force_py=True)

    summaries = [model.index(r, TimelineModel.SUMMARY).data() for r in range(3)]
    assert summaries == ["银行回复邮件", "报告金额错误", "小程序内反馈"]  # newest first
    assert model.headerData(0, Qt.Orientation.Vertical) == 3

    model.set_newest_first(False)
    qtmodeltester.check(model, force_py=True)
    summaries = [model.index(r, TimelineModel.SUMMARY).data() for r in range(3)]
    assert summaries == ["小程序内反馈", "报告金额错误", "银行回复邮件"]
    assert model.headerData(0, Qt.Orientation.Vertical) == 1

    call_row = model.row_of(book.timeline.list_events(case_id)[1].id)
    assert model.index(call_row, TimelineModel.REFERENCES).data() == "CCB20241101-0042"
    assert model.index(call_row, TimelineModel.WHEN).data() == "2024-11-01 09:30"
    # a call's length in words ("12:34" read as a time of day)
    assert model.index(call_row, TimelineModel.CHANNEL).data().endswith(" (13 min)")
    assert "王女士" in model.index(call_row, TimelineModel.COUNTERPART).data()
    assert "三个工作日内回电" in model.index(call_row, TimelineModel.PROMISES).data()
    email_row = model.row_of(book.timeline.list_events(case_id)[2].id)
    assert model.index(email_row, TimelineModel.COUNTERPART).data() == "service@ccb.com"
    assert model.index(email_row, 0).data(EVENT_ID_ROLE) == book.timeline.list_events(case_id)[2].id
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None


def test_overdue_promise_is_shown_in_red(book: Casebook) -> None:
    case_id = _case_with_events(book)
    late = now() - timedelta(days=2)
    book.timeline.add_event(case_id, EventFields(at=late - timedelta(days=1), channel="call",
                                        summary="催办", promises=(PromiseData("回电", late),)))
    model = TimelineModel()
    model.set_events(book.timeline.list_events(case_id))
    row = model.row_of(book.timeline.list_events(case_id)[-1].id)
    brush = model.index(row, TimelineModel.PROMISES).data(Qt.ItemDataRole.ForegroundRole)
    assert brush is not None
    assert brush.color().name() == "#b91c1c"


def test_the_timeline_speaks_plain_chinese(book: Casebook, localisation) -> None:  # type: ignore[no-untyped-def]
    from ui.timeconv import duration_words

    case_id = _case_with_events(book)
    book.timeline.add_event(case_id, EventFields(at=parse_time("2024-11-03 20:00"),
                                                 channel="note", summary="自己的备注"))
    localisation.apply("zh_CN")
    model = TimelineModel()
    model.set_events(book.timeline.list_events(case_id))
    events = book.timeline.list_events(case_id)
    call_row, note_row = model.row_of(events[1].id), model.row_of(events[-1].id)
    assert model.index(call_row, TimelineModel.CHANNEL).data() == "电话（13 分钟）"
    assert model.index(call_row, TimelineModel.DIRECTION).data() in ("我方联系", "对方联系")
    assert model.index(note_row, TimelineModel.DIRECTION).data() == ""  # nobody's contact
    promises = model.index(call_row, TimelineModel.PROMISES).data()
    assert "（" in promises  # full-width, as Chinese text is punctuated
    assert "(" not in promises
    assert [duration_words(s) for s in (40, 60, 3600, 3900)] == [
        "40 秒", "1 分钟", "1 小时", "1 小时 5 分钟"]


def test_amounts_read_the_same_everywhere_and_yuan_in_chinese(
        open_window, localisation, book: Casebook) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from PySide6.QtWidgets import QLabel

    from ui.case_words import money_text

    case = book.cases.create_case(CaseFields(title="冻结资金", institution_name="建设银行",
                                             amount=Decimal("5000")))
    localisation.apply("zh_CN")
    assert money_text(Decimal("5000"), "CNY") == "人民币 5,000.00 元"
    assert money_text(Decimal("12.5"), "USD") == "12.50 USD"
    window = open_window(book, case_id=case.id)
    shown = [label.text() for label in window.header.findChildren(QLabel)]
    assert "人民币 5,000.00 元" in shown
    localisation.apply("en")
    assert money_text(Decimal("5000"), "CNY") == "5,000.00 CNY"


def test_a_kind_of_number_reads_in_the_windows_language(localisation) -> None:  # type: ignore[no-untyped-def]
    from ui.models.entry_tables import ReferenceTableModel

    refs = (ReferenceData("CCB-0042", "complaint_no"), ReferenceData("MY-1", "我的编号"))
    localisation.apply("zh_CN")
    model = ReferenceTableModel(refs)
    assert [model.index(r, ReferenceTableModel.LABEL).data() for r in range(2)] == [
        "投诉编号", "我的编号"]
    localisation.apply("en")
    model = ReferenceTableModel(refs)
    assert model.index(0, ReferenceTableModel.LABEL).data() == "Complaint no."
    # what the editor hands back is stored by kind again (the services map it)
    from desktop_app.services.validation import validate_event

    fields = validate_event(EventFields(at=parse_time("2024-11-01 09:30"), channel="call",
                                        references=model.references()))
    assert [r.label for r in fields.references] == ["complaint_no", "我的编号"]


def test_a_long_timeline_is_read_a_page_at_a_time(book: Casebook,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TimelineModel, "PAGE", 4)
    case = book.cases.create_case(CaseFields(title="长时间线", institution_name="招商银行"))
    added = [book.timeline.add_event(case.id, EventFields(
        at=parse_time(f"2024-03-{day:02d} 10:00"), channel="call", summary=f"第 {day} 次"))
        for day in range(1, 11)]
    model = TimelineModel()
    model.show_case(book.timeline, case.id)
    assert (model.rowCount(), model.entry_count()) == (4, 10)
    assert model.index(0, TimelineModel.SUMMARY).data() == "第 10 次"  # newest first
    assert model.headerData(0, Qt.Orientation.Vertical) == 10
    assert model.events_of(case.id) is None  # not all read: callers read what they need
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 8
    # an entry not read yet (a search hit, a selection by id): read as far as it
    assert model.row_of(added[0].id) == 9
    assert model.rowCount() == 10
    assert not model.canFetchMore()
    assert [e.id for e in model.events_of(case.id) or []] == [e.id for e in reversed(added)]
    model.set_newest_first(False)
    assert model.index(0, TimelineModel.SUMMARY).data() == "第 1 次"
    assert model.rowCount() == 4
    assert [e.id for e in model.whole_timeline()] == [e.id for e in added]
    assert model.row_of(added[-1].id) == 9
    assert model.row_of(10**9) == -1
