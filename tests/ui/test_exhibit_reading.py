"""Looking at an exhibit in the window: the text read from the picture beside it, a search hit
inside the picture with its lines boxed, the facts it states put where they belong (one click,
one undo step), capture times said with their source and set by hand, and the calls of a
call-log screenshot added in one undo step. One test runs the real OCR engine."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from book_tasks import settle
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from qt_typing import type_text

from desktop_app.reading.lines import OcrLine
from desktop_app.reading.ocr import ReadResult
from desktop_app.records import CaseFields, EventFields
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.dialogs.call_log_dialog import CallLogDialog
from ui.dialogs.capture_time_dialog import CaptureTimeDialog
from ui.dialogs.image_viewer import ImageViewer
from ui.i18n import Localisation
from ui.main_window import MainWindow
from ui.models.call_log import CallLogModel
from ui.models.evidence import EvidenceModel, ThumbnailLoader
from ui.models.facts import FactsModel
from ui.widgets.exhibit_side import ExhibitSide
from ui.widgets.search_panel import DEBOUNCE_MS

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
COMPLAINT_NO = "TS2024112300123"
RECEIPT = [("中国建设银行 客户服务", 200), ("您的投诉已受理", 320),
           (f"投诉编号：{COMPLAINT_NO}", 440), ("受理工号：8842", 560),
           ("涉及金额：¥5,000.00元", 680), ("受理时间：2024-11-23 10:12", 800),
           ("卡号 6222021234567890128", 920)]


def lines_of(texts: list[tuple[str, int]], left: float = 60) -> tuple[OcrLine, ...]:
    return tuple(OcrLine(text, (left, top, 40 * len(text), 44), 0.99) for text, top in texts)


def line(text: str, top: float, left: float = 60) -> OcrLine:
    return OcrLine(text, (left, top, 30 * len(text), 40), 0.99)


# a phone's call log (Xiaomi/Huawei-like): five calls in, one the person made
CALL_LOG = (
    line("10:30", 30), line("通话记录", 150),
    line("中国建设银行", 400), line("10:15", 400, 900), line("95533 北京 响铃3声", 460),
    line("95533", 600), line("昨天 18:02", 600, 850), line("北京 呼入 1分23秒", 660),
    line("+86 138 1234 5678", 800), line("星期二", 800, 900), line("广东深圳 已拨", 860),
    line("021-95533", 1000), line("11月20日", 1000, 880), line("上海 未接来电", 1060),
    line("95533 (3)", 1200), line("2024/11/18 09:05", 1200, 760),
)


def picture(path: Path, texts: list[tuple[str, int]] | None = None) -> Path:
    """A white phone-sized screenshot, with these texts drawn in the bundled CJK font."""
    from PIL import ImageDraw, ImageFont

    image = Image.new("RGB", (1080, 2340), "white")
    if texts:
        pen = ImageDraw.Draw(image)
        font = ImageFont.truetype(str(FONT), 44)
        for text, top in texts:
            pen.text((60, top), text, font=font, fill="black")
    image.save(path)
    return path


@dataclass
class Shown:
    window: MainWindow
    book: Casebook
    case_id: int
    entry_id: int
    receipt_id: int  # on the entry, read: the receipt's lines
    loose_id: int  # on the case as a whole, never read
    calls_id: int  # a call-log screenshot, read


@pytest.fixture
def shown(open_window: Callable[..., MainWindow], data_dir: Path,
          tmp_path: Path) -> Iterator[Shown]:
    book = Casebook.open(data_dir)
    case = book.cases.create_case(CaseFields(title="建行小程序转账金额错误",
                                             institution_name="中国建设银行"))
    entry = book.timeline.add_event(case.id, EventFields(
        at=parse_time("2024-11-23 09:40"), channel="call", contact="95533",
        summary="致电95533投诉"))
    named = tmp_path / "Screenshot_20241123-101530.png"
    receipt = book.imports.import_file(case.id, picture(named), event_id=entry.id).record
    loose = book.imports.import_file(case.id, picture(tmp_path / "loose.png", [("x", 10)])
                                     ).record
    calls = book.imports.import_file(case.id, picture(tmp_path / "Screenshot_20241123-103000.png",
                                                      [("通话记录", 150)])).record
    assert receipt is not None
    assert loose is not None
    assert calls is not None
    book.reading.keep(receipt.id, ReadResult(lines=lines_of(RECEIPT), heights=(2340.0,)))
    book.reading.keep(calls.id, ReadResult(lines=CALL_LOG, heights=(2340.0,)))
    window = open_window(book, case_id=case.id, active=True)
    yield Shown(window, book, case.id, entry.id, receipt.id, loose.id, calls.id)
    window.jobs.wait()
    ThumbnailLoader.instance().wait()


def open_viewer(qtbot: Any, shown: Shown, evidence_id: int) -> tuple[ImageViewer, ExhibitSide]:
    panel = shown.window.evidence_panel
    shown.window.show_evidence([evidence_id])
    panel.show_image()
    viewer = panel.viewer
    assert viewer is not None
    qtbot.waitExposed(viewer)
    assert viewer.side is not None
    return viewer, viewer.side


def offer_cell(side: ExhibitSide, kind: str, place: str) -> tuple[int, int]:
    for row, offer in enumerate(side.facts.offers()):
        if offer.fact.kind != kind:
            continue
        for slot, (where, _state) in enumerate(offer.places):
            if where == place:
                return row, FactsModel.FIRST + slot
    raise AssertionError(f"no offer of {kind} for {place}")


def click_offer(qtbot: Any, side: ExhibitSide, kind: str, place: str) -> None:
    row, column = offer_cell(side, kind, place)
    index = side.facts.index(row, column)
    side.facts_view.scrollTo(index)
    with qtbot.waitSignal(side.loaded, timeout=10_000):
        qtbot.mouseClick(side.facts_view.viewport(), Qt.MouseButton.LeftButton,
                         pos=side.facts_view.visualRect(index).center())


def undo_in(qtbot: Any, viewer: ImageViewer, shown: Shown, key: str = "z") -> None:
    side = viewer.side
    assert side is not None
    modifiers = Qt.KeyboardModifier.ControlModifier
    if key == "Z":
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    with qtbot.waitSignal(side.loaded, timeout=10_000):
        qtbot.keyClick(viewer, Qt.Key.Key_Z, modifiers)
    settle(qtbot, shown.window)


# ---- the text beside the picture ---------------------------------------------------------------


def test_the_viewer_shows_the_text_read_and_copies_it(qtbot, shown: Shown) -> None:  # type: ignore[no-untyped-def]
    viewer, side = open_viewer(qtbot, shown, shown.receipt_id)
    text = side.text_view
    assert text.isVisible()
    assert text.isReadOnly()
    assert text.toPlainText().splitlines() == [t for t, _top in RECEIPT]
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(text, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert COMPLAINT_NO in QGuiApplication.clipboard().text()
    assert viewer.boxes == []  # no search: nothing marked

    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert side.evidence_id == shown.loose_id  # the next image: never read
    assert side.status.text().startswith("Not read yet")
    assert not text.isVisible()
    assert side.facts.rowCount() == 0


def test_a_search_hit_inside_a_picture_shows_its_lines_marked(qtbot, shown: Shown) -> None:  # type: ignore[no-untyped-def]
    window = shown.window
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    panel = window.search_panel
    qtbot.waitUntil(lambda: panel.box.hasFocus())
    type_text(qtbot, panel.box, "工号 2024112300")
    qtbot.waitUntil(lambda: panel.isVisible() and panel.model.rowCount() > 0,
                    timeout=DEBOUNCE_MS * 10)
    hit = panel.current_hit()
    assert hit is not None
    assert hit.in_picture
    assert hit.evidence_id == shown.receipt_id
    qtbot.keyClick(panel.box, Qt.Key.Key_Return)

    viewer = window.evidence_panel.viewer
    assert viewer is not None
    assert viewer.side is not None
    assert viewer.side.marked_lines() == [2, 3]  # the number's line and the 工号's
    assert len(viewer.boxes) == 2
    first = viewer.boxes[0].rect()
    assert (first.left(), first.top()) == (60 - 4, 440 - 3)  # over the line's box, in pixels
    assert viewer.boxes[0].brush().color().alpha() < 255  # translucent
    marked = viewer.side.text_view.extraSelections()
    assert [s.cursor.block().text() for s in marked] == [  # type: ignore[attr-defined]
        f"投诉编号：{COMPLAINT_NO}", "受理工号：8842"]


# ---- facts, offered --------------------------------------------------------------------------


def test_facts_go_where_they_belong_one_click_and_one_undo_each(qtbot, shown: Shown) -> None:  # type: ignore[no-untyped-def]
    viewer, side = open_viewer(qtbot, shown, shown.receipt_id)
    book = shown.book
    kinds = [(o.fact.kind, o.fact.value) for o in side.facts.offers()]
    assert kinds[:3] == [("reference", COMPLAINT_NO), ("agent_id", "8842"),
                         ("amount", "5000.00")]
    card = next(o for o in side.facts.offers() if o.fact.kind == "card")
    assert card.places == ()  # private: shown, put nowhere
    row = side.facts.offers().index(card)
    assert "private" in side.facts.index(row, FactsModel.KIND).data()

    click_offer(qtbot, side, "reference", "entry_reference")
    settle(qtbot, shown.window)
    assert [r.value for r in book.timeline.get_event(shown.entry_id).references] == [
        COMPLAINT_NO]
    row, column = offer_cell(side, "reference", "entry_reference")
    assert side.facts.index(row, column).data() == "✓ on the entry"

    click_offer(qtbot, side, "agent_id", "entry_agent_id")
    settle(qtbot, shown.window)
    assert book.timeline.get_event(shown.entry_id).agent_id == "8842"
    undo_in(qtbot, viewer, shown)
    assert book.timeline.get_event(shown.entry_id).agent_id == ""
    assert [r.value for r in book.timeline.get_event(shown.entry_id).references] == [
        COMPLAINT_NO]

    click_offer(qtbot, side, "amount", "case_amount")
    settle(qtbot, shown.window)
    assert book.cases.get_case(shown.case_id).amount == Decimal("5000.00")
    undo_in(qtbot, viewer, shown)
    assert book.cases.get_case(shown.case_id).amount is None

    before = book.evidence.get_evidence(shown.receipt_id)
    assert before.captured_source == "filename"
    click_offer(qtbot, side, "time", "captured")
    settle(qtbot, shown.window)
    now = book.evidence.get_evidence(shown.receipt_id)
    assert (now.captured_at, now.captured_source) == (parse_time("2024-11-23 10:12"), "person")
    undo_in(qtbot, viewer, shown)
    back = book.evidence.get_evidence(shown.receipt_id)
    assert (back.captured_at, back.captured_source) == (before.captured_at, "filename")
    undo_in(qtbot, viewer, shown, "Z")  # redo
    assert book.evidence.get_evidence(shown.receipt_id).captured_source == "person"

    # Enter on a row does its first offer: the entry's time is the time's second
    row, column = offer_cell(side, "time", "entry_time")
    side.facts_view.setFocus()
    side.facts_view.setCurrentIndex(side.facts.index(row, column))
    with qtbot.waitSignal(side.loaded, timeout=10_000):
        qtbot.keyClick(side.facts_view, Qt.Key.Key_Return)
    settle(qtbot, shown.window)
    assert book.timeline.get_event(shown.entry_id).at == parse_time("2024-11-23 10:12")
    assert shown.window.undo_stack.undoText() == "Entry time from E1"


def test_an_exhibit_on_no_entry_offers_to_link_it_first(qtbot, shown: Shown) -> None:  # type: ignore[no-untyped-def]
    book = shown.book
    book.reading.keep(shown.loose_id, ReadResult(lines=lines_of(RECEIPT), heights=(2340.0,)))
    _viewer, side = open_viewer(qtbot, shown, shown.loose_id)
    assert "on no timeline entry" in side.entry_label.text()
    assert side.link_row.isVisible()
    row, column = offer_cell(side, "reference", "entry_reference")
    assert side.facts.index(row, column).data() == "No entry: link it first"
    assert not side.take(row, column)  # nothing changes

    with qtbot.waitSignal(side.loaded, timeout=10_000):
        qtbot.mouseClick(side.link_button, Qt.MouseButton.LeftButton)
    settle(qtbot, shown.window)
    assert book.evidence.get_evidence(shown.loose_id).event_id == shown.entry_id
    assert side.facts.index(row, column).data() == "Add to the entry's numbers"


def test_the_facts_model_passes_the_model_tester(qtbot, shown: Shown,  # type: ignore[no-untyped-def]
                                                  check_model: Callable[..., None]) -> None:
    _viewer, side = open_viewer(qtbot, shown, shown.receipt_id)
    check_model(side.facts)
    click_offer(qtbot, side, "reference", "entry_reference")
    settle(qtbot, shown.window)


# ---- capture times ---------------------------------------------------------------------------


def captured_cell(shown: Shown, evidence_id: int) -> str:
    model = shown.window.evidence_panel.model
    return str(model.index(model.row_of(evidence_id), EvidenceModel.CAPTURED).data())


def test_capture_times_say_where_they_came_from_in_both_languages(
        qtbot, shown: Shown, localisation: Localisation) -> None:  # type: ignore[no-untyped-def]
    book = shown.book
    book.reading.set_captured(shown.loose_id, None)
    shown.window.evidence_panel.reload()
    assert captured_cell(shown, shown.receipt_id) == "2024-11-23 10:15 (from the file name)"
    assert captured_cell(shown, shown.loose_id) == "time unknown"
    localisation.apply("zh_CN")
    assert captured_cell(shown, shown.receipt_id) == "2024-11-23 10:15（据文件名）"
    assert captured_cell(shown, shown.loose_id) == "时间未知"
    book.reading.set_captured(shown.loose_id, parse_time("2024-11-20 08:00"))
    shown.window.evidence_panel.reload()
    assert captured_cell(shown, shown.loose_id) == "2024-11-20 08:00（本人填写）"
    localisation.apply("en")
    assert captured_cell(shown, shown.loose_id) == "2024-11-20 08:00 (set by you)"


def test_a_capture_time_set_by_hand_and_undone(qtbot, shown: Shown) -> None:  # type: ignore[no-untyped-def]
    window, book = shown.window, shown.book
    panel = window.evidence_panel
    window.show_evidence([shown.receipt_id])
    qtbot.mouseClick(panel.captured_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, CaptureTimeDialog)
    assert "2024-11-23 10:15 (from the file name)" in dialog.findChild(
        type(dialog.message), "capturedNow").text()
    dialog.time_edit.setFocus()
    dialog.time_edit.selectAll()
    type_text(qtbot, dialog.time_edit, "2024-11-22 21:05")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    record = book.evidence.get_evidence(shown.receipt_id)
    assert (record.captured_at, record.captured_source) == (
        parse_time("2024-11-22 21:05"), "person")
    assert captured_cell(shown, shown.receipt_id) == "2024-11-22 21:05 (set by you)"
    assert window.undo_stack.undoText() == "Set the capture time of E1"

    window.act_undo.trigger()
    settle(qtbot, window)
    assert captured_cell(shown, shown.receipt_id) == "2024-11-23 10:15 (from the file name)"
    window.act_redo.trigger()
    settle(qtbot, window)
    assert book.evidence.get_evidence(shown.receipt_id).captured_source == "person"


# ---- the phone's call log --------------------------------------------------------------------


def test_calls_from_a_call_log_are_added_in_one_undo_step(qtbot, shown: Shown,  # type: ignore[no-untyped-def]
                                                          check_model: Callable[..., None]
                                                          ) -> None:
    window, book = shown.window, shown.book
    panel = window.evidence_panel
    window.show_evidence([shown.receipt_id])
    assert not panel.calls_button.isVisible()  # a receipt, not a call log
    window.show_evidence([shown.calls_id])
    assert panel.calls_button.isVisible()
    qtbot.mouseClick(panel.calls_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, CallLogDialog)
    model = dialog.model
    check_model(CallLogModel(book.reading.call_log(shown.calls_id), window))
    numbers = [model.index(r, CallLogModel.NUMBER).data() for r in range(model.rowCount())]
    assert numbers == ["95533", "95533", "+8613812345678", "02195533", "95533"]
    checked = [model.index(r, CallLogModel.TIME).data(Qt.ItemDataRole.CheckStateRole)
               for r in range(model.rowCount())]
    assert checked.count(Qt.CheckState.Checked) == 4  # all but the call the person made
    assert model.index(2, CallLogModel.KIND).data() == "Outgoing (you called)"
    model.setData(model.index(4, CallLogModel.TIME), Qt.CheckState.Unchecked,
                  Qt.ItemDataRole.CheckStateRole)
    assert dialog.ok_button.text() == "Add 3 calls"
    before = len(book.timeline.list_events(shown.case_id))
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    added = book.timeline.list_events(shown.case_id)[before:]
    events = book.timeline.list_events(shown.case_id)
    assert len(events) == before + 3
    assert {e.channel for e in events if e.id != shown.entry_id} == {"unsolicited"}
    assert len(added) <= 3
    assert window.undo_stack.undoText() == "Add 3 calls from E3"

    window.act_undo.trigger()  # one step takes all three back
    settle(qtbot, window)
    assert len(book.timeline.list_events(shown.case_id)) == before
    window.act_redo.trigger()
    settle(qtbot, window)
    assert len(book.timeline.list_events(shown.case_id)) == before + 3
    assert window.timeline_model.rowCount() == before + 3


# ---- end to end, with the real engine --------------------------------------------------------


@pytest.mark.slow
def test_a_screenshot_read_by_the_engine_gives_its_facts_to_its_entry(
        qtbot, shown: Shown, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    book = shown.book
    shot = picture(tmp_path / "receipt.png", RECEIPT[:5])
    record = book.imports.import_file(shown.case_id, shot, event_id=shown.entry_id).record
    assert record is not None
    shown.window.evidence_panel.reload()
    ((_read, text),) = book.reading.read([record.id])  # the real engine, in its processes
    assert COMPLAINT_NO in text.text

    viewer, side = open_viewer(qtbot, shown, record.id)
    assert COMPLAINT_NO in side.text_view.toPlainText()
    found = {(o.fact.kind, o.fact.value) for o in side.facts.offers()}
    assert {("reference", COMPLAINT_NO), ("agent_id", "8842"), ("amount", "5000.00")} <= found

    click_offer(qtbot, side, "reference", "entry_reference")
    settle(qtbot, shown.window)
    assert COMPLAINT_NO in [r.value for r in book.timeline.get_event(shown.entry_id).references]
    undo_in(qtbot, viewer, shown)
    assert book.timeline.get_event(shown.entry_id).references == ()
