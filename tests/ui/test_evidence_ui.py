"""Evidence in the window, as a person adds it: files dropped (real drag-and-drop events carrying
file URLs) onto a timeline entry, the timeline's empty space, the case list; a screenshot
pasted with Ctrl+V; the file dialog; imports in the background with progress and cancel;
captions typed in place; rows dragged onto an entry; undo and redo of all of it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from book_tasks import done, settle
from ole_samples import compound_file_bytes
from PIL import Image
from PySide6.QtCore import (
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPoint,
    QPointF,
    QRect,
    Qt,
    QUrl,
)
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
)
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QWidget
from qt_typing import type_text

from desktop_app.records import CaseFields, EventFields
from desktop_app.services.book import Casebook
from desktop_app.timeutil import parse_time
from ui.i18n import Localisation
from ui.jobs import ImportResult, Job
from ui.main_window import MainWindow
from ui.models.evidence import EVIDENCE_MIME, THUMBNAIL_SIZE, EvidenceModel, ThumbnailLoader
from ui.widgets.file_drop import DropZone

# ---- fixtures and helpers ---------------------------------------------------------------------


def png(path: Path, size: tuple[int, int] = (120, 260), colour: str = "#3b82f6") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "PNG")
    return path


def jpeg(path: Path, size: tuple[int, int] = (400, 300), orientation: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", size, "#f97316")
    exif = Image.Exif()
    exif[0x0132] = "2024:11:01 09:30:12"  # DateTime
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(path, "JPEG", exif=exif.tobytes())
    return path


class Setup:
    """A case with two timeline entries, open in the window."""

    def __init__(self, window: MainWindow, case_id: int, call_id: int, letter_id: int) -> None:
        self.window = window
        self.book = window.book
        self.case_id = case_id
        self.call_id = call_id
        self.letter_id = letter_id

    def evidence(self) -> list:  # type: ignore[type-arg]
        return self.book.evidence.list_evidence(self.case_id)


@pytest.fixture
def setup(open_window: Callable[..., MainWindow], data_dir: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行小程序转账金额显示错误",
                                           institution_name="中国建设银行"))
        call = book.timeline.add_event(case.id, EventFields(
            at=parse_time("2024-10-29 09:12"), channel="call", contact="95533",
            summary="致电95533报告扣款金额错误"))
        letter = book.timeline.add_event(case.id, EventFields(
            at=parse_time("2024-11-02 10:20"), channel="letter", summary="寄出书面投诉"))
    window = open_window(data_dir, active=True)
    problems: list[tuple[str, list[str]]] = []
    monkeypatch.setattr(window.evidence, "show_import_problems",
                        lambda summary, lines: problems.append((summary, lines)))
    result = Setup(window, case.id, call.id, letter.id)
    result.problems = problems  # type: ignore[attr-defined]
    yield result
    window.jobs.wait()  # drain the pools before the database closes
    ThumbnailLoader.instance().wait()


def file_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_over(widget: QWidget, pos: QPoint, mime: QMimeData) -> bool:
    """A drag entering ``widget`` and moving to ``pos``: was the move accepted?"""
    enter = QDragEnterEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QCoreApplication.sendEvent(widget, enter)
    move = QDragMoveEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    QCoreApplication.sendEvent(widget, move)
    return move.isAccepted()


def drop(widget: QWidget, pos: QPoint, mime: QMimeData) -> bool:
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QCoreApplication.sendEvent(widget, event)
    return event.isAccepted()


def drag_and_drop(widget: QWidget, pos: QPoint, mime: QMimeData) -> bool:
    assert drag_over(widget, pos, mime)
    return drop(widget, pos, mime)


def last_job(window: MainWindow) -> Job:
    assert window.jobs.jobs, "no import was started"
    return window.jobs.jobs[-1]


def finish(qtbot, window: MainWindow, job: Job | None = None,  # type: ignore[no-untyped-def]
           ) -> ImportResult:
    job = job or last_job(window)
    with qtbot.waitSignal(job.finished, timeout=20000) as blocker:
        pass
    result = blocker.args[0]
    assert isinstance(result, ImportResult)
    qtbot.waitUntil(lambda: not window.jobs.busy)
    return result


def open_editor(qtbot, view: QAbstractItemView, index: QModelIndex) -> QLineEdit:  # type: ignore[no-untyped-def]
    """Start editing a cell as a double-click would; the line editor that opens."""
    viewport = view.viewport()
    qtbot.waitUntil(lambda: not viewport.findChildren(QLineEdit))  # the last one is gone
    view.setCurrentIndex(index)
    view.edit(index)
    qtbot.waitUntil(lambda: len(viewport.findChildren(QLineEdit)) == 1)
    editor = viewport.findChild(QLineEdit)
    assert isinstance(editor, QLineEdit)
    return editor


def entry_rect(window: MainWindow, event_id: int) -> QRect:
    view = window.timeline_view
    row = window.timeline_model.row_of(event_id)
    assert row >= 0
    return QRect(0, view.rowViewportPosition(row), view.viewport().width(), view.rowHeight(row))


def empty_timeline_point(window: MainWindow) -> QPoint:
    view = window.timeline_view
    last = window.timeline_model.rowCount() - 1
    y = view.rowViewportPosition(last) + view.rowHeight(last) + 20
    assert y < view.viewport().height(), "the timeline has no empty space below its entries"
    return QPoint(view.viewport().width() // 2, y)


# ---- drops -----------------------------------------------------------------------------------


def test_files_dropped_on_a_timeline_entry_become_its_evidence(qtbot, setup: Setup,
                                                               tmp_path: Path) -> None:
    window = setup.window
    shot = png(tmp_path / "转账截图 💸.png")
    photo = jpeg(tmp_path / "IMG_0001.jpg")
    viewport = window.timeline_view.viewport()
    rect = entry_rect(window, setup.call_id)

    assert drag_over(viewport, rect.center(), file_mime(shot, photo))
    # The entry's row is highlighted while the files are over it.
    assert window.evidence.timeline_drop.highlight.isVisible()
    spot = window.evidence.timeline_drop.highlight.spot
    assert spot is not None
    assert spot.target == setup.call_id
    assert spot.rect == rect
    assert drop(viewport, rect.center(), file_mime(shot, photo))
    assert not window.evidence.timeline_drop.highlight.isVisible()

    result = finish(qtbot, window)
    assert len(result.added) == 2
    evidence = setup.evidence()
    assert [e.original_name for e in evidence] == ["转账截图 💸.png", "IMG_0001.jpg"]
    assert {e.event_id for e in evidence} == {setup.call_id}
    assert [e.exhibit for e in evidence] == ["E1", "E2"]
    # The panel shows them, with the entry they belong to, and the tab counts them.
    panel = window.evidence_panel
    assert window.bottom_tabs.currentWidget() is panel
    assert window.bottom_tabs.tabText(1) == "Evidence (2)"
    assert panel.model.rowCount() == 2
    event_cell = panel.model.index(0, EvidenceModel.EVENT).data()
    assert "致电95533报告扣款金额错误" in event_cell
    assert sorted(panel.selected_ids()) == sorted(e.id for e in evidence)
    # said where they went: the entry they were dropped on, and how to take them back
    assert window.statusBar().currentMessage() == (
        "2 files added as E1–E2 on the entry of 2024-10-29 09:12 — Ctrl+Z takes it back")
    # The entry's details name its exhibits.
    window.select_event(setup.call_id)
    assert "E1" in window.detail.toPlainText()
    assert setup.problems == []  # type: ignore[attr-defined]


def test_files_dropped_on_the_timelines_empty_space_belong_to_the_case(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    viewport = window.timeline_view.viewport()
    point = empty_timeline_point(window)
    shot = png(tmp_path / "statement.png")
    assert drag_over(viewport, point, file_mime(shot))
    spot = window.evidence.timeline_drop.highlight.spot
    assert spot is not None
    assert spot.target is None
    assert spot.frame  # the whole area is outlined, not a row
    assert drop(viewport, point, file_mime(shot))
    finish(qtbot, window)
    [record] = setup.evidence()
    assert record.event_id is None
    assert record.original_name == "statement.png"
    assert record.mime == "image/png"


def test_a_drag_that_leaves_takes_its_highlight_with_it(setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    viewport = window.timeline_view.viewport()
    assert drag_over(viewport, entry_rect(window, setup.letter_id).center(),
                     file_mime(png(tmp_path / "a.png")))
    assert window.evidence.timeline_drop.highlight.isVisible()
    QCoreApplication.sendEvent(viewport, QDragLeaveEvent())
    assert not window.evidence.timeline_drop.highlight.isVisible()
    assert window.jobs.jobs == []


def test_a_drag_without_local_files_is_refused(setup: Setup) -> None:
    window = setup.window
    mime = QMimeData()
    mime.setUrls([QUrl("https://example.com/a.png")])
    mime.setText("just text")
    assert not drag_over(window.timeline_view.viewport(), QPoint(20, 10), mime)
    assert not drop(window.timeline_view.viewport(), QPoint(20, 10), mime)
    assert window.jobs.jobs == []


def test_files_dropped_on_the_case_page_and_the_evidence_list_go_to_the_case(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    page_zone = window.evidence.page_drops[0]
    assert page_zone.widget is window.case_page
    assert drag_over(window.case_page, QPoint(40, 40), file_mime(png(tmp_path / "a.png")))
    assert page_zone.highlight.isVisible()
    assert page_zone.highlight.spot is not None
    assert page_zone.highlight.spot.frame
    assert drop(window.case_page, QPoint(40, 40), file_mime(png(tmp_path / "a.png")))
    finish(qtbot, window)

    list_zone = window.evidence.page_drops[1]
    target = list_zone.widget
    assert drag_and_drop(target, QPoint(30, 30), file_mime(png(tmp_path / "b.png", colour="red")))
    finish(qtbot, window)
    assert [(e.original_name, e.event_id) for e in setup.evidence()] == [
        ("a.png", None), ("b.png", None)]


def test_files_dropped_on_a_case_in_the_list_go_to_that_case(qtbot, setup: Setup,
                                                             tmp_path: Path) -> None:
    window = setup.window
    other = done(qtbot, window.ops.create_case(CaseFields(title="招商银行外呼骚扰",
                                                          institution_name="招商银行")))
    window.select_case(setup.case_id)
    view = window.case_view
    row = next(r for r in range(window.case_proxy.rowCount())
               if window.case_proxy.index(r, 0).data() == "招商银行外呼骚扰")
    rect = QRect(0, view.rowViewportPosition(row), view.viewport().width(), view.rowHeight(row))
    mime = file_mime(png(tmp_path / "来电记录.png"))
    assert drag_over(view.viewport(), rect.center(), mime)
    assert window.evidence.case_drop.highlight.isVisible()
    assert window.evidence.case_drop.highlight.spot is not None
    assert window.evidence.case_drop.highlight.spot.rect == rect
    assert drop(view.viewport(), rect.center(), mime)
    finish(qtbot, window)
    assert window.current_case is not None
    assert window.current_case.id == other.id  # the case dropped on is shown
    names = [e.original_name for e in window.book.evidence.list_evidence(other.id)]
    assert names == ["来电记录.png"]
    assert setup.evidence() == []
    assert window.evidence_panel.count() == 1


def test_a_folder_imports_its_files_and_refusals_are_named(qtbot, setup: Setup,
                                                           tmp_path: Path) -> None:
    window = setup.window
    folder = tmp_path / "手机截图"
    png(folder / "1.png")
    png(folder / "2.png", colour="green")
    jpeg(folder / "sub" / "3.jpg", orientation=6)
    (folder / "empty.png").write_bytes(b"")
    assert drag_and_drop(window.timeline_view.viewport(), empty_timeline_point(window),
                         file_mime(folder))
    result = finish(qtbot, window)
    assert len(result.added) == 3
    assert [Path(o.source).name for o in result.refused] == ["empty.png"]
    message = window.statusBar().currentMessage()
    assert message.startswith("3 files added as E1–E3 on the case as a whole; 1 refused: "
                              "empty.png — ")
    [(summary, lines)] = setup.problems  # type: ignore[attr-defined]
    assert summary == message
    assert lines[0].startswith("empty.png — ")
    assert len(setup.evidence()) == 3


def test_the_same_file_twice_is_already_there(qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    shot = png(tmp_path / "a.png")
    copy = tmp_path / "a copy.png"
    copy.write_bytes(shot.read_bytes())
    window.evidence.import_files(setup.case_id, [str(shot)])
    finish(qtbot, window)
    window.evidence.import_files(setup.case_id,
                                 [str(copy), str(png(tmp_path / "b.png", colour="red"))])
    result = finish(qtbot, window)
    assert len(result.added) == 1
    assert len(result.duplicates) == 1
    assert window.statusBar().currentMessage() == (
        "1 file added as E2 on the case as a whole; 1 already there — Ctrl+Z takes it back")
    assert len(setup.evidence()) == 2
    # Undo takes back only what this import added, never what was there before.
    window.act_undo.trigger()
    settle(qtbot, window)
    assert [e.original_name for e in setup.evidence()] == ["a.png"]


def test_a_damaged_stored_copy_is_repaired_by_dropping_the_file_again_and_said(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    import os
    import stat

    window = setup.window
    shot = png(tmp_path / "转账截图.png")
    window.evidence.import_files(setup.case_id, [str(shot)])
    finish(qtbot, window)
    stored = window.book.evidence.evidence_file(setup.evidence()[0].id)
    os.chmod(stored, stat.S_IRUSR | stat.S_IWUSR)
    damaged = bytearray(stored.read_bytes())
    damaged[-20] ^= 0xFF  # the same size, other bytes
    stored.write_bytes(bytes(damaged))
    window.evidence.import_files(setup.case_id, [str(shot)])
    finish(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "1 already there; the stored copy of 转账截图.png was damaged and has been repaired "
        "from this file")
    assert stored.read_bytes() == shot.read_bytes()


@pytest.mark.skipif(__import__("os").name == "nt", reason="symlinks need privileges")
def test_a_link_in_a_dropped_folder_is_named_and_not_followed(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    secret = tmp_path / "home" / "id_rsa"
    secret.parent.mkdir()
    secret.write_bytes(b"-----BEGIN OPENSSH PRIVATE KEY-----\n")
    folder = tmp_path / "Downloads"
    folder.mkdir()
    png(folder / "截图.png")
    (folder / "key").symlink_to(secret)
    window.evidence.import_files(setup.case_id, [str(folder)])
    result = finish(qtbot, window)
    assert [e.original_name for e in setup.evidence()] == ["截图.png"]
    assert [(Path(o.source).name, o.error) for o in result.refused] == [
        ("key", "it is a link; add the file it points to directly if you mean it")]
    assert window.statusBar().currentMessage() == (
        "1 file added as E1 on the case as a whole; 1 refused: key — it is a link; add the file "
        "it points to directly if you mean it — Ctrl+Z takes it back")


# ---- paste, the file dialog -----------------------------------------------------------------


def test_ctrl_v_pastes_a_clipboard_image_as_a_new_screenshot(qtbot, setup: Setup) -> None:
    window = setup.window
    image = QImage(360, 780, QImage.Format.Format_RGB32)
    image.fill(QColor("#10b981"))
    QGuiApplication.clipboard().setImage(image)
    window.case_view.setFocus()
    qtbot.keyClick(window.case_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    result = finish(qtbot, window)
    [record] = setup.evidence()
    assert result.added == [record]
    assert record.mime == "image/png"
    assert record.original_name.startswith("Screenshot ")
    assert record.original_name.endswith(".png")
    assert record.event_id is None
    stored = QImage(str(window.book.evidence.evidence_file(record.id)))
    assert (stored.width(), stored.height()) == (360, 780)
    assert stored.pixelColor(5, 5) == QColor("#10b981")
    assert window.undo_stack.undoText() == "Paste screenshot"
    window.act_undo.trigger()
    settle(qtbot, window)
    assert setup.evidence() == []


def test_a_screenshot_pasted_in_chinese_is_named_in_chinese(qtbot, setup: Setup,
                                                          localisation: Localisation) -> None:
    window = setup.window
    localisation.apply("zh_CN")
    name = window.evidence.screenshot_name()
    localisation.apply("en")
    # Until the lead regenerates the translations the English text may still show.
    assert name.endswith(".png")
    assert name.split(" ", 1)[0] in ("截图", "Screenshot")


def test_ctrl_v_with_files_on_the_clipboard_adds_them_to_the_focused_entry(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    shot = png(tmp_path / "微信聊天记录.png")
    QGuiApplication.clipboard().setMimeData(file_mime(shot))
    window.select_event(setup.letter_id)
    window.timeline_view.setFocus()
    qtbot.keyClick(window.timeline_view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    finish(qtbot, window)
    [record] = setup.evidence()
    assert record.original_name == "微信聊天记录.png"
    assert record.event_id == setup.letter_id


def test_ctrl_v_in_a_text_field_pastes_text_not_evidence(qtbot, setup: Setup) -> None:
    window = setup.window
    QGuiApplication.clipboard().setText("95533")
    window.case_filter.setFocus()
    qtbot.keyClick(window.case_filter, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.case_filter.text() == "95533"
    assert window.jobs.jobs == []


def test_add_evidence_opens_the_file_dialog(qtbot, setup: Setup, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    window = setup.window
    chosen = [str(png(tmp_path / "a.png")), str(jpeg(tmp_path / "b.jpg"))]
    monkeypatch.setattr(window.evidence, "choose_evidence_files", lambda: chosen)
    window.timeline_view.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    finish(qtbot, window)
    assert [e.original_name for e in setup.evidence()] == ["a.png", "b.jpg"]
    # The panel's own button does the same.
    chosen[:] = [str(png(tmp_path / "c.png", colour="red"))]
    qtbot.mouseClick(window.evidence_panel.add_button, Qt.MouseButton.LeftButton)
    finish(qtbot, window)
    assert len(setup.evidence()) == 3


# ---- background, progress, cancel -------------------------------------------------------------


def test_a_big_import_runs_in_the_background_with_progress(qtbot, setup: Setup,
                                                           tmp_path: Path) -> None:
    window = setup.window
    paths = [str(png(tmp_path / "shots" / f"{i:02d}.png", colour=f"#{i * 8:02x}3355"))
             for i in range(24)]
    seen: list[tuple[int, int]] = []
    job = window.evidence.import_files(setup.case_id, paths)
    assert job is not None
    job.progress.connect(lambda done, total: seen.append((done, total)))
    # The status bar shows the progress and a Cancel button while it runs.
    assert window.evidence.import_progress.isVisible()
    assert window.evidence.import_cancel.isVisible()
    ticks = 0

    def tick() -> None:
        nonlocal ticks
        ticks += 1

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(5)
    with qtbot.waitSignal(job.finished, timeout=30000):
        pass
    timer.stop()
    assert seen
    assert seen[-1] == (24, 24)
    assert all(total == 24 for _done, total in seen)
    assert ticks > 0  # the event loop ran while the files came in
    qtbot.waitUntil(lambda: not window.evidence.import_progress.isVisible())
    assert len(setup.evidence()) == 24
    assert window.statusBar().currentMessage() == (
        "24 files added as E1–E24 on the case as a whole — Ctrl+Z takes it back")


def test_cancel_stops_the_import_and_keeps_what_was_done(qtbot, setup: Setup,
                                                         tmp_path: Path) -> None:
    window = setup.window
    gate = threading.Event()

    class Blocker(Job):
        def work(self) -> object:
            gate.wait(10)
            return None

    blocker = window.jobs.start(Blocker())
    paths = [str(png(tmp_path / f"{i}.png", colour=f"#{i * 20:02x}0000")) for i in range(6)]
    job = window.evidence.import_files(setup.case_id, paths)
    assert job is not None
    assert window.evidence.import_cancel.isVisible()
    qtbot.mouseClick(window.evidence.import_cancel, Qt.MouseButton.LeftButton)
    assert job.is_cancelled()
    results: list[ImportResult] = []
    job.finished.connect(results.append)
    gate.set()
    qtbot.waitUntil(lambda: bool(results) and not window.jobs.busy, timeout=20000)
    assert blocker.done.is_set()
    [result] = results
    assert result.cancelled
    assert len(result.added) < 6
    assert window.statusBar().currentMessage().startswith("Stopped: ")
    assert len(setup.evidence()) == len(result.added)
    assert not window.evidence.import_progress.isVisible()


def test_closing_the_window_during_an_import_waits_for_it(qtbot, setup: Setup,
                                                          tmp_path: Path) -> None:
    window = setup.window
    paths = [str(png(tmp_path / f"{i}.png", colour=f"#00{i * 20:02x}00")) for i in range(8)]
    window.evidence.import_files(setup.case_id, paths)
    window.close()
    assert not window.jobs.busy
    assert window.jobs.pool.activeThreadCount() == 0


# ---- undo and redo ------------------------------------------------------------------------------


def test_undo_and_redo_an_import(qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png")),
                                        str(jpeg(tmp_path / "b.jpg"))], setup.call_id)
    finish(qtbot, window)
    before = setup.evidence()
    assert window.act_undo.text().startswith("&Undo Add E1, E2")
    window.act_undo.trigger()
    settle(qtbot, window)
    assert setup.evidence() == []
    assert window.evidence_panel.count() == 0
    assert window.bottom_tabs.tabText(1) == "Evidence (0)"
    window.act_redo.trigger()
    settle(qtbot, window)
    after = setup.evidence()
    assert [(e.id, e.exhibit, e.sha256, e.event_id) for e in after] == [
        (e.id, e.exhibit, e.sha256, e.event_id) for e in before]
    assert window.evidence_panel.count() == 2
    assert window.book.verify_audit() == []


def test_caption_and_what_it_proves_are_typed_in_place_and_undone(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png"))])
    finish(qtbot, window)
    panel = window.evidence_panel
    view = panel.view
    index = panel.model.index(0, EvidenceModel.CAPTION)
    assert panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    editor = open_editor(qtbot, view, index)
    type_text(qtbot, editor, "小程序显示扣款11,520元")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop pass
    qtbot.waitUntil(lambda: setup.evidence()[0].caption == "小程序显示扣款11,520元")
    assert panel.model.index(0, EvidenceModel.CAPTION).data() == "小程序显示扣款11,520元"

    proves = panel.model.index(0, EvidenceModel.PROVES)
    editor = open_editor(qtbot, view, proves)
    type_text(qtbot, editor, "银行多扣款")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: setup.evidence()[0].proves == "银行多扣款")

    window.act_undo.trigger()
    settle(qtbot, window)
    assert setup.evidence()[0].proves == ""
    assert setup.evidence()[0].caption == "小程序显示扣款11,520元"
    window.act_undo.trigger()
    settle(qtbot, window)
    assert setup.evidence()[0].caption == ""
    assert panel.model.index(0, EvidenceModel.CAPTION).data() == ""
    window.act_redo.trigger()
    settle(qtbot, window)
    window.act_redo.trigger()
    settle(qtbot, window)
    assert (setup.evidence()[0].caption, setup.evidence()[0].proves) == (
        "小程序显示扣款11,520元", "银行多扣款")


def test_the_entry_is_picked_in_place(qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png"))])
    finish(qtbot, window)
    panel = window.evidence_panel
    index = panel.model.index(0, EvidenceModel.EVENT)
    panel.view.setCurrentIndex(index)
    panel.view.edit(index)
    from PySide6.QtWidgets import QComboBox

    combo = panel.view.findChild(QComboBox, "eventChoice")
    assert combo is not None
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels[0].startswith("—")
    assert any("寄出书面投诉" in label for label in labels)
    combo.setCurrentIndex(combo.findData(setup.letter_id))
    combo.activated.emit(combo.currentIndex())
    settle(qtbot, window)
    assert setup.evidence()[0].event_id == setup.letter_id
    window.act_undo.trigger()
    settle(qtbot, window)
    assert setup.evidence()[0].event_id is None


def test_an_evidence_row_dragged_onto_an_entry_is_attached_to_it(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png")),
                                        str(png(tmp_path / "b.png", colour="red"))])
    finish(qtbot, window)
    model = window.evidence_panel.model
    mime = model.mimeData([model.index(0, 0), model.index(1, 0)])
    assert mime.hasFormat(EVIDENCE_MIME)
    viewport = window.timeline_view.viewport()
    rect = entry_rect(window, setup.letter_id)
    assert drag_over(viewport, rect.center(), mime)
    assert window.evidence.timeline_drop.highlight.spot is not None
    assert window.evidence.timeline_drop.highlight.spot.target == setup.letter_id
    assert drop(viewport, rect.center(), mime)
    assert window.jobs.jobs == []  # a re-link, not an import
    settle(qtbot, window)
    assert {e.event_id for e in setup.evidence()} == {setup.letter_id}
    assert "寄出书面投诉" in model.index(0, EvidenceModel.EVENT).data()
    # Dragged onto the empty space: back to the case as a whole.
    mime = model.mimeData([model.index(1, 0)])
    assert drag_and_drop(viewport, empty_timeline_point(window), mime)
    settle(qtbot, window)
    assert [e.event_id for e in setup.evidence()] == [setup.letter_id, None]
    window.act_undo.trigger()
    settle(qtbot, window)
    window.act_undo.trigger()
    settle(qtbot, window)
    assert [e.event_id for e in setup.evidence()] == [None, None]
    # Evidence rows are not files: the case list and the case page do not take them.
    assert not drag_over(window.case_view.viewport(), QPoint(20, 10), mime)
    assert not drag_over(window.case_page, QPoint(40, 40), mime)


def test_remove_evidence_is_undoable(qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png")),
                                        str(png(tmp_path / "b.png", colour="red"))])
    finish(qtbot, window)
    panel = window.evidence_panel
    panel.select([setup.evidence()[0].id])
    assert window.evidence.act_remove_evidence.isEnabled()
    # Only while the list is in view: nothing unseen is removed from the Evidence menu.
    window.bottom_tabs.setCurrentIndex(0)
    assert not window.evidence.act_remove_evidence.isEnabled()
    assert not window.evidence.act_open_original.isEnabled()
    window.show_evidence()
    assert window.evidence.act_remove_evidence.isEnabled()
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert [e.exhibit for e in setup.evidence()] == ["E2"]
    assert "Undo" in window.statusBar().currentMessage()
    assert window.timeline_model.rowCount() == 2  # Delete here never deletes an entry
    window.act_undo.trigger()
    settle(qtbot, window)
    assert [e.exhibit for e in setup.evidence()] == ["E1", "E2"]
    window.act_redo.trigger()
    settle(qtbot, window)
    assert [e.exhibit for e in setup.evidence()] == ["E2"]


def test_removing_five_exhibits_is_one_undo_step_and_a_failure_changes_nothing(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    import sqlite3

    window = setup.window
    colours = ["red", "green", "blue", "orange", "purple"]
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / f"{c}.png", colour=c))
                                        for c in colours])
    finish(qtbot, window)
    panel = window.evidence_panel
    ids = [e.id for e in setup.evidence()]
    assert len(ids) == 5
    steps = window.undo_stack.count()

    # the database refuses the 4th deletion (as a full disk would): none is removed
    con = sqlite3.connect(window.book.paths.database)
    with con:
        con.execute(f"CREATE TRIGGER fail_delete BEFORE DELETE ON evidence WHEN old.id = "
                    f"{ids[3]} BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    panel.select(ids)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert [e.id for e in setup.evidence()] == ids
    assert panel.model.rowCount() == 5
    assert window.undo_stack.count() == steps
    assert "disk I/O error" in window.statusBar().currentMessage()
    with con:
        con.execute("DROP TRIGGER fail_delete")
    con.close()

    # all five go, as one step that undo brings back whole
    panel.select(ids)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert setup.evidence() == []
    assert window.undo_stack.count() == steps + 1
    window.act_undo.trigger()
    settle(qtbot, window)
    assert [e.exhibit for e in setup.evidence()] == ["E1", "E2", "E3", "E4", "E5"]
    window.act_redo.trigger()
    settle(qtbot, window)
    assert setup.evidence() == []


# ---- opening and viewing ----------------------------------------------------------------------


def test_open_original_opens_the_stored_file(qtbot, setup: Setup, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = setup.window
    source = png(tmp_path / "a.png")
    window.evidence.import_files(setup.case_id, [str(source)])
    finish(qtbot, window)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window.evidence.act_open_original.trigger()
    [url] = opened
    stored = Path(url.toLocalFile())
    assert stored == window.book.evidence.evidence_file(setup.evidence()[0].id)
    assert stored.read_bytes() == source.read_bytes()


def test_a_dropped_xls_statement_and_outlook_message_are_named_and_open_as_such(
        qtbot, setup: Setup, tmp_path: Path, localisation: Localisation,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Old Office files (a bank's .xls statement, an Outlook .msg): the panel says what they
    are, and "Open" hands the system a file with their own extension, not a nameless .bin."""
    window = setup.window
    xls = tmp_path / "交易明细.xls"
    xls.write_bytes((Path(__file__).parents[1] / "desktop_app" / "files" / "交易明细.xls")
                    .read_bytes())
    msg = tmp_path / "银行回复.msg"
    msg.write_bytes(compound_file_bytes(["__properties_version1.0", "__substg1.0_0037001F"]))
    assert drag_and_drop(window.case_page, QPoint(40, 40), file_mime(xls, msg))
    finish(qtbot, window)
    panel = window.evidence_panel
    kinds = [panel.model.index(row, EvidenceModel.TYPE).data() for row in range(2)]
    assert kinds == ["Spreadsheet", "Email (Outlook)"]
    localisation.apply("zh_CN")
    try:
        assert panel.model.index(1, EvidenceModel.TYPE).data() == "电子邮件（Outlook）"
    finally:
        localisation.apply("en")
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    for row in range(2):
        panel.view.selectRow(row)
        window.evidence.act_open_original.trigger()
    assert [Path(url.toLocalFile()).suffix for url in opened] == [".xls", ".msg"]
    assert Path(opened[0].toLocalFile()).read_bytes() == xls.read_bytes()


def test_show_image_opens_the_viewer_on_the_selected_exhibit(qtbot, setup: Setup,
                                                            tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png", (200, 400))),
                                        str(jpeg(tmp_path / "b.jpg", (640, 480)))])
    finish(qtbot, window)
    panel = window.evidence_panel
    panel.select([setup.evidence()[1].id])
    window.evidence.act_show_image.trigger()
    viewer = panel.viewer
    assert viewer is not None
    qtbot.waitExposed(viewer)
    assert viewer.index == 1
    assert viewer.image_size() == (640, 480)
    assert viewer.windowTitle().startswith("E2")
    viewer.show_previous()
    assert viewer.image_size() == (200, 400)
    viewer.close()


def test_model_passes_qtmodeltester(qtmodeltester, qtbot, setup: Setup,  # type: ignore[no-untyped-def]
                                    tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png")),
                                        str(tmp_path / "missing.png")], setup.call_id)
    finish(qtbot, window)
    notes = tmp_path / "notes.txt"
    notes.write_text("王女士说三个工作日内回电", encoding="utf-8")
    window.evidence.import_files(setup.case_id, [str(notes)])
    finish(qtbot, window)
    # the import keeps the rows; the thumbnail is made after, in the background
    qtbot.waitUntil(lambda: window.book.evidence.pending_renditions() == [], timeout=20000)
    model = EvidenceModel(edit=lambda *_args: True,
                          thumbnail_file=window.book.evidence.thumbnail_file)
    model.set_evidence(setup.evidence(), window.book.timeline.list_events(setup.case_id))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 2
    assert model.setData(model.index(1, EvidenceModel.CAPTION), "通话记录")  # checked as well
    assert model.index(0, EvidenceModel.EXHIBIT).data() == "E1"
    assert model.index(0, EvidenceModel.TYPE).data() == "Image (PNG)"
    assert model.index(1, EvidenceModel.TYPE).data() == "Text"
    assert model.index(1, EvidenceModel.EVENT).data() == "—"
    # The thumbnail is read in the background; meanwhile a tile stands in.
    tile = model.index(0, EvidenceModel.EXHIBIT).data(Qt.ItemDataRole.DecorationRole)
    assert not tile.isNull()
    qtbot.waitUntil(lambda: model.index(0, EvidenceModel.EXHIBIT).data(
        Qt.ItemDataRole.DecorationRole).cacheKey() != tile.cacheKey())
    thumb = model.index(0, EvidenceModel.EXHIBIT).data(Qt.ItemDataRole.DecorationRole)
    assert thumb.size() == THUMBNAIL_SIZE  # every row's tile lines up
    pixels = thumb.toImage()
    centre = THUMBNAIL_SIZE.width() // 2
    assert pixels.pixelColor(centre, centre).name() == "#3b82f6"  # the screenshot, centred
    assert pixels.pixelColor(2, 28).alpha() == 0  # a tall one leaves the sides clear
    again = model.index(0, EvidenceModel.EXHIBIT).data(Qt.ItemDataRole.DecorationRole)
    assert again.cacheKey() == thumb.cacheKey()  # loaded once, then cached
    placeholder = model.index(1, EvidenceModel.EXHIBIT).data(Qt.ItemDataRole.DecorationRole)
    assert not placeholder.isNull()
    assert model.flags(model.index(0, EvidenceModel.NAME)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(0, EvidenceModel.NAME)) & Qt.ItemFlag.ItemIsEditable
    # An edit of one row announces that row, not a reset (editors and selection survive).
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_evidence(setup.evidence())
    assert resets == []


def test_the_panel_says_how_to_add_evidence_when_there_is_none(setup: Setup) -> None:
    panel = setup.window.evidence_panel
    assert panel.stack.currentWidget() is panel.empty_hint
    assert "Ctrl+V" in panel.empty_hint.text()
    assert not setup.window.evidence.act_remove_evidence.isEnabled()
    assert setup.window.evidence.act_add_evidence.isEnabled()
    assert isinstance(setup.window.evidence.page_drops[1], DropZone)
    assert panel.view.dragDropMode() == QAbstractItemView.DragDropMode.DragOnly


# ---- emails and entries ------------------------------------------------------------------------


def bank_email(path: Path) -> Path:
    """A reply from the bank in GBK with an RFC 2047 subject and a screenshot attached."""
    from email.header import Header
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText
    from io import BytesIO

    message = MIMEMultipart()
    message["From"] = "service@ccb.com"
    message["To"] = "zhang.san@example.cn"
    message["Subject"] = Header("关于您投诉的答复", "gbk").encode()
    message["Date"] = "Mon, 04 Nov 2024 16:45:00 +0800"
    message.attach(MIMEText("张先生您好：您反映的问题已受理。", "plain", "gbk"))
    buffer = BytesIO()
    Image.new("RGB", (90, 160), "#64748b").save(buffer, "PNG")
    attachment = MIMEImage(buffer.getvalue(), "png")
    attachment.add_header("Content-Disposition", "attachment", filename="回执.png")
    message.attach(attachment)
    path.write_bytes(message.as_bytes())
    return path


def test_a_dropped_email_becomes_an_entry_and_undo_takes_it_all_back(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    eml = bank_email(tmp_path / "答复.eml")
    assert drag_and_drop(window.timeline_view.viewport(), empty_timeline_point(window),
                         file_mime(eml))
    result = finish(qtbot, window)
    [event_id] = result.created_event_ids
    assert window.timeline_model.rowCount() == 3
    assert window.timeline_model.row_of(event_id) >= 0
    event = window.book.timeline.get_event(event_id)
    assert event.summary == "关于您投诉的答复"
    evidence = setup.evidence()
    assert sorted(e.original_name for e in evidence) == ["回执.png", "答复.eml"]
    assert {e.event_id for e in evidence} == {event_id}
    assert "1 email put on the timeline" in window.statusBar().currentMessage()
    assert window.evidence_panel.model.index(0, EvidenceModel.TYPE).data() == "Email"

    window.act_undo.trigger()
    settle(qtbot, window)
    assert setup.evidence() == []
    assert window.timeline_model.rowCount() == 2
    window.act_redo.trigger()
    settle(qtbot, window)
    assert window.timeline_model.rowCount() == 3
    assert {e.event_id for e in setup.evidence()} == {event_id}
    assert window.book.verify_audit() == []


def test_undoing_an_entrys_deletion_brings_its_evidence_back_onto_it(
        qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png"))], setup.call_id)
    finish(qtbot, window)
    window.select_event(setup.call_id)
    window.case_actions.act_delete_event.trigger()
    settle(qtbot, window)
    [record] = setup.evidence()
    assert record.event_id is None  # the file stays with the case
    assert window.evidence_panel.model.index(0, EvidenceModel.EVENT).data() == "—"
    window.act_undo.trigger()
    settle(qtbot, window)
    assert setup.evidence()[0].event_id == setup.call_id
    assert "致电95533" in window.evidence_panel.model.index(0, EvidenceModel.EVENT).data()


def test_an_import_that_fails_as_a_whole_says_why(qtbot, setup: Setup, tmp_path: Path) -> None:
    window = setup.window
    job = window.evidence.import_files(9999, [str(png(tmp_path / "a.png"))])  # no such case
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=20000) as blocker:
        pass
    assert "9999" in blocker.args[0]
    qtbot.waitUntil(lambda: not window.evidence.import_progress.isVisible())
    [(summary, lines)] = setup.problems  # type: ignore[attr-defined]
    assert summary == "Nothing was added"
    assert lines == [blocker.args[0]]
    assert window.undo_stack.count() == 0


def test_a_drop_asks_once_what_its_files_prove_with_the_last_answer_typed_in(
        qtbot, setup: Setup, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = setup.window
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "first.png"))])
    finish(qtbot, window)
    bar = window.evidence.proves_bar
    qtbot.waitUntil(bar.isVisible)
    assert bar.edit.text() == ""  # nothing said yet in this case
    type_text(qtbot, bar.edit, "证明银行重复扣款")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: setup.evidence()[0].proves == "证明银行重复扣款")
    assert not bar.isVisible()

    # the next drop (two files): asked once, the case's last answer already typed in
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "a.png", colour="red")),
                                                 str(png(tmp_path / "b.png", colour="blue"))])
    finish(qtbot, window)
    qtbot.waitUntil(bar.isVisible)
    assert "E2–E3" in bar.question.text()
    assert bar.edit.text() == "证明银行重复扣款"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [e.proves for e in setup.evidence()] == ["证明银行重复扣款"] * 3)
    settle(qtbot, window)  # the change is on the undo stack once the window has heard of it
    window.act_undo.trigger()  # one step takes the answer off both
    qtbot.waitUntil(lambda: [e.proves for e in setup.evidence()][1:] == ["", ""])
    settle(qtbot, window)

    # Esc leaves them as they are
    window.evidence.import_files(setup.case_id, [str(png(tmp_path / "c.png", colour="green"))])
    finish(qtbot, window)
    qtbot.waitUntil(bar.isVisible)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert setup.evidence()[-1].proves == ""
