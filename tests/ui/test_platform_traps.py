"""What Windows and macOS do differently, checked here on Linux: the preview keeps no file
open, a dark desktop palette leaves text readable, the second launch's hand-over."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtNetwork import QLocalServer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot
from real_start import started_window

from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from ui import single_instance
from ui.app import apply_style_sheet, font_families, pin_light_look, register_fonts
from ui.crash_log import CrashLog
from ui.dialogs.export_dialog import FILE_NAME_BYTES, file_name_for
from ui.single_instance import ASFW_ANY, bring_forward, let_the_first_window_come_forward
from ui.widgets.pdf_preview import PdfPreview


def _pdf(path: Path, marker: str) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    c.drawString(72, 720, marker)
    c.showPage()
    c.drawString(72, 720, marker)
    c.showPage()
    c.save()
    return path


def _open_descriptors_on(path: Path) -> list[str]:
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path)):  # " (deleted)" is added to a replaced file's name
            found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_the_preview_keeps_no_descriptor_on_the_file(tmp_path: Path, qtbot: QtBot) -> None:
    """Windows refuses to replace a file someone has open: the next export of the same
    dossier, with its preview still open, failed. The preview shows a copy of the bytes."""
    path = _pdf(tmp_path / "证据材料.pdf", "FIRST")
    preview = PdfPreview(path)
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready,
                    timeout=10_000)
    assert preview.page_count() == 2
    assert _open_descriptors_on(path) == []
    newer = _pdf(tmp_path / "newer.pdf", "SECOND")
    os.replace(newer, path)  # the next export, with the preview still open
    assert preview.page_count() == 2  # still showing what it showed
    assert _open_descriptors_on(path) == []


def test_a_preview_of_a_missing_file_says_so(tmp_path: Path, qtbot: QtBot) -> None:
    preview = PdfPreview(tmp_path / "gone.pdf")
    qtbot.addWidget(preview)
    assert preview.notes.isVisibleTo(preview)
    assert "could not be shown" in preview.notes.text()
    assert preview.page_count() == 0


# ---- a dark desktop ------------------------------------------------------------------------

def _dark_palette() -> QPalette:
    palette = QPalette()
    dark, darker, white = QColor("#2b2b2b"), QColor("#1e1e1e"), QColor("#ffffff")
    for role, colour in ((QPalette.ColorRole.Window, dark), (QPalette.ColorRole.Base, darker),
                         (QPalette.ColorRole.AlternateBase, dark),
                         (QPalette.ColorRole.Button, dark),
                         (QPalette.ColorRole.WindowText, white), (QPalette.ColorRole.Text, white),
                         (QPalette.ColorRole.ButtonText, white),
                         (QPalette.ColorRole.ToolTipBase, darker),
                         (QPalette.ColorRole.ToolTipText, white)):
        palette.setColor(role, colour)
    return palette


@pytest.fixture
def dark_desktop(qapp: QApplication) -> Iterator[QApplication]:
    """The palette Windows 10/11 and macOS give Fusion in dark mode, with the app's style
    sheet; both put back afterwards."""
    palette, sheet = qapp.palette(), qapp.styleSheet()
    qapp.setPalette(_dark_palette())
    apply_style_sheet(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


def _lightness(image: QImage, rect: QRect) -> tuple[int, int]:
    """(the background's lightness: the commonest; the darkest pixel's) inside ``rect``."""
    counts: Counter[int] = Counter()
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            counts[QColor(image.pixel(x, y)).lightness()] += 1
    return counts.most_common(1)[0][0], min(counts)


def _assert_dark_on_light(image: QImage, rect: QRect, what: str) -> None:
    background, ink = _lightness(image, rect)
    assert background >= 200, f"{what}: background {background}"
    assert ink <= 110, f"{what}: no dark text on its light background (darkest {ink})"


def test_a_dark_desktop_leaves_text_dark_on_the_light_backgrounds(
        dark_desktop: QApplication, qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    label = QLabel("MMMM 投诉记录")
    edit = QLineEdit("MMMM 张三")
    combo = QComboBox()
    combo.addItems(["MMMM 电话", "邮件"])
    model = QStandardItemModel(2, 2)
    for row in range(2):
        for column in range(2):
            model.setItem(row, column, QStandardItem("MMMM 案卷"))
    table = QTableView()
    table.setModel(model)
    for widget in (label, edit, combo, table):
        layout.addWidget(widget)
    dialog.resize(420, 360)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = dialog.grab().toImage()

    def inside(widget: QWidget, rect: QRect | None = None) -> QRect:
        rect = widget.rect() if rect is None else rect
        top_left = widget.mapTo(dialog, rect.topLeft())
        return QRect(top_left, rect.size()).adjusted(4, 4, -4, -4)  # not the border

    _assert_dark_on_light(image, inside(label), "a label on the window")
    _assert_dark_on_light(image, inside(edit), "a line edit")
    _assert_dark_on_light(image, inside(combo), "a drop-down's current item")
    cell = table.visualRect(model.index(0, 0))
    _assert_dark_on_light(image, inside(table.viewport(), cell).adjusted(-2, -2, 2, 2),
                          "a table cell")


def test_the_app_pins_a_light_palette_over_a_dark_desktops(qapp: QApplication) -> None:
    palette = qapp.palette()
    try:
        qapp.setPalette(_dark_palette())
        pin_light_look(qapp)
        pinned = qapp.palette()
        assert pinned.color(QPalette.ColorRole.Window).lightness() >= 200
        assert pinned.color(QPalette.ColorRole.Base).lightness() >= 200
        assert pinned.color(QPalette.ColorRole.Text).lightness() <= 60
        assert pinned.color(QPalette.ColorRole.WindowText).lightness() <= 60
        assert qapp.styleHints().colorScheme() in (Qt.ColorScheme.Light, Qt.ColorScheme.Unknown)
    finally:
        qapp.setPalette(palette)


# ---- errors nobody expected, with no console to print them on ------------------------------

@pytest.fixture
def crash_log(data_dir: Path, qapp: QApplication) -> Iterator[tuple[CrashLog, list[Path]]]:
    told: list[Path] = []
    installed = CrashLog(data_dir, tell=told.append).install()
    yield installed, told
    installed.uninstall()


def _raise_and_hook() -> None:
    try:
        _ = dict[str, int]()["没有这个键"]
    except KeyError:
        sys.excepthook(*sys.exc_info())


def test_an_unexpected_error_is_logged_and_the_log_is_named(
        crash_log: tuple[CrashLog, list[Path]], data_dir: Path) -> None:
    installed, told = crash_log
    _raise_and_hook()
    path = data_dir / "logs" / "casebook.log"
    assert installed.path == path
    text = path.read_text(encoding="utf-8")
    assert "Traceback" in text
    assert "KeyError: '没有这个键'" in text
    assert "_raise_and_hook" in text
    assert told == [path]


def test_a_locked_books_log_leaves_the_errors_own_words_out(
        crash_log: tuple[CrashLog, list[Path]], data_dir: Path) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "casebook.key").write_text("{}", encoding="utf-8")  # the book is locked
    typed = "".join(["没有", "这个键"])  # what the person typed: not in the code's own lines
    try:
        _ = dict[str, int]()[typed]
    except KeyError:
        sys.excepthook(*sys.exc_info())
    text = (data_dir / "logs" / "casebook.log").read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "test_a_locked_books_log_leaves_the_errors_own_words_out" in text
    assert "KeyError: (its words are left out of the log: the book is locked)" in text
    assert "没有这个键" not in text


def test_the_log_is_not_held_open_between_errors(
        crash_log: tuple[CrashLog, list[Path]], data_dir: Path) -> None:
    """Locking the book seals the old log and removes it; Windows removes no open file."""
    _raise_and_hook()
    path = data_dir / "logs" / "casebook.log"
    moved = path.with_name("moved.log")
    os.rename(path, moved)  # Windows: refused while the handler holds it
    _raise_and_hook()  # the next error starts a new file where the log belongs
    assert "KeyError" in path.read_text(encoding="utf-8")
    assert moved.read_text(encoding="utf-8").count("Traceback") == 1


def test_the_dialog_says_where_the_log_is(data_dir: Path, qapp: QApplication,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda _parent, title, text, *a: shown.append((title, text)))
    installed = CrashLog(data_dir).install()
    try:
        _raise_and_hook()
    finally:
        installed.uninstall()
    assert len(shown) == 1
    assert str(data_dir / "logs" / "casebook.log") in shown[0][1]
    assert sys.excepthook is not installed.on_exception


def test_an_error_in_a_thread_is_logged_without_a_dialog(
        crash_log: tuple[CrashLog, list[Path]], data_dir: Path) -> None:
    _installed, told = crash_log

    def fail() -> None:
        raise RuntimeError("在线程里")

    thread = threading.Thread(target=fail, name="worker-1")
    thread.start()
    thread.join()
    text = (data_dir / "logs" / "casebook.log").read_text(encoding="utf-8")
    assert "RuntimeError: 在线程里" in text
    assert "worker-1" in text
    assert told == []


def test_the_window_starts_with_no_stderr_and_warnings_go_to_the_log(
        data_dir: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under ``pythonw`` (a double-click on Windows) sys.stderr and sys.stdout are None."""
    monkeypatch.setattr(sys, "stderr", None)
    monkeypatch.setattr(sys, "stdout", None)
    installed = CrashLog(data_dir, tell=lambda _p: None).install()
    stand_ins = (sys.stdout, sys.stderr)
    try:
        assert None not in stand_ins
        print("nobody reads this")  # raised AttributeError with no stdout
        with started_window(data_dir, qtbot) as (_app, window, _book):
            assert window.isVisible()
        logging.getLogger("ui.test").warning("a warning with no console: %s", "记下")
    finally:
        installed.uninstall()
        for stream in stand_ins:
            if stream is not None:
                stream.close()
    text = (data_dir / "logs" / "casebook.log").read_text(encoding="utf-8")
    assert "a warning with no console: 记下" in text


# ---- a second launch on Windows ---------------------------------------------------------

@pytest.mark.parametrize(("platform", "handed_on"), [("win32", True), ("darwin", False),
                                                     ("linux", False)])
def test_windows_hands_the_foreground_on_before_asking(platform: str, handed_on: bool) -> None:
    calls: list[int] = []

    def allow(process: int) -> bool:
        calls.append(process)
        return True

    assert let_the_first_window_come_forward(platform, allow) is handed_on
    assert calls == ([ASFW_ANY] if handed_on else [])
    assert ASFW_ANY == 2**32 - 1  # (DWORD)-1


def test_a_refused_hand_over_of_the_foreground_is_no_error() -> None:
    def allow(_process: int) -> bool:
        raise OSError("no user32 here")

    assert let_the_first_window_come_forward("win32", allow) is False


def test_the_second_launch_hands_the_foreground_on_once_connected(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[str] = []
    monkeypatch.setattr(single_instance, "let_the_first_window_come_forward",
                        lambda: calls.append("allowed"))
    name = single_instance.server_name(tmp_path)
    assert not single_instance.ask_to_activate(name, timeout_ms=200)  # nobody listening
    assert calls == []
    server = QLocalServer()
    assert server.listen(name)
    try:
        single_instance.ask_to_activate(name, timeout_ms=200)  # nobody answers: no loop runs
    finally:
        server.close()
    assert calls == ["allowed"]


def test_a_minimised_window_is_restored_and_raised(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(300, 200)
    window.show()
    window.showMinimized()
    assert window.windowState() & Qt.WindowState.WindowMinimized
    bring_forward(window)
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    assert window.isVisible()


# ---- names and paths ---------------------------------------------------------------------

@pytest.mark.parametrize("title", ["关于信用卡分期手续费未如实告知及多次催收电话骚扰的投诉" * 4,
                                   "投诉" * 120 + "A", "A" * 300, "😀" * 90, "短标题"])
def test_the_dossier_name_is_cut_by_bytes_between_characters(data_dir: Path, title: str,
                                                              tmp_path: Path) -> None:
    """A long Chinese title cut at 80 characters made 257 bytes: "File name too long"."""
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title=title, institution_name="中国建设银行"))
    name = file_name_for(case)
    assert len(name.encode("utf-8")) <= FILE_NAME_BYTES
    assert name.endswith(".pdf")
    assert "\ufffd" not in name
    stem = name.removesuffix(".pdf").split(" ", 1)[1]
    assert title.startswith(stem)  # the title's beginning, whole characters only
    if len(title.encode()) < 150:
        assert stem == title
    (tmp_path / name).write_bytes(b"%PDF-")  # the file system takes it


# ---- fonts -------------------------------------------------------------------------------

@pytest.mark.parametrize(("platform", "installed", "expected"), [
    ("darwin", ["PingFang SC", "Heiti SC", "Helvetica"],
     [".AppleSystemUIFont", "PingFang SC", "Heiti SC", "WenQuanYi Micro Hei"]),
    ("win32", ["Microsoft YaHei UI", "Segoe UI", "SimSun"],
     ["Segoe UI", "Microsoft YaHei UI", "WenQuanYi Micro Hei"]),
    ("win32", ["Segoe UI"], ["Segoe UI", "WenQuanYi Micro Hei"]),  # none: the bundled one
    ("linux", ["Noto Sans CJK SC", "DejaVu Sans"],
     ["DejaVu Sans", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]),
])
def test_the_systems_chinese_fonts_come_before_the_bundled_one(
        platform: str, installed: list[str], expected: list[str]) -> None:
    default = expected[0]
    assert font_families(default, ["WenQuanYi Micro Hei"], installed, platform) == expected


def test_the_bundled_font_is_registered_last(qapp: QApplication) -> None:
    font = QGuiApplication.font()
    try:
        bundled = register_fonts()
        assert bundled
        families = QGuiApplication.font().families()
        assert families[-1] == bundled[0]
        assert families[0] == font.family()
    finally:
        QGuiApplication.setFont(font)


def test_a_start_with_nothing_to_report_leaves_no_log(data_dir: Path,
                                                      qapp: QApplication) -> None:
    installed = CrashLog(data_dir, tell=lambda _p: None).install()
    installed.uninstall()
    assert not (data_dir / "logs").exists()
