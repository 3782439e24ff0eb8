"""Tools → Verify… as a person uses it: the check runs in the background, the dialog lists what
is wrong, a double-click goes to the exhibit; and the export refuses a case whose evidence was
changed behind the app's back."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.backup.verify import VerifyReport
from desktop_app.records import CaseFields
from desktop_app.services.book import Casebook
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.verify_dialog import CASE_ID_ROLE, EVIDENCE_ID_ROLE, KIND_ROLE, VerifyDialog
from ui.main_window import MainWindow


@pytest.fixture
def ids(data_dir: Path, tmp_path: Path) -> dict[str, int]:
    """Two cases; the second has two screenshots."""
    with Casebook.open(data_dir) as book:
        first = book.cases.create_case(CaseFields(title="信用卡年费争议",
                                                  institution_name="招商银行"))
        second = book.cases.create_case(CaseFields(title="建行小程序转账失败",
                                             institution_name="中国建设银行"))
        found = {"first": first.id, "second": second.id}
        for n in (1, 2):
            shot = tmp_path / f"截图{n}.png"
            Image.effect_noise((200, 300), 40 + n).convert("RGB").save(shot, "PNG")
            outcome = book.imports.import_file(second.id, shot)
            assert outcome.record is not None
            found[f"shot{n}"] = outcome.record.id
        return found


@pytest.fixture
def window(open_window: Callable[..., MainWindow], data_dir: Path,
           ids: dict[str, int]) -> MainWindow:
    return open_window(data_dir, case_id=ids["first"], remember=True)


def flip_a_byte(book: Casebook, evidence_id: int) -> None:
    path = book.evidence.evidence_file(evidence_id)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


def run_verify(qtbot, window: MainWindow) -> VerifyDialog:  # type: ignore[no-untyped-def]
    tools = window.menu_tools
    assert tools.title() == "T&ools"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("T&ools") == titles.index("Vie&w") + 1
    assert titles.index("&Help") == titles.index("T&ools") + 1
    verify_action = next(a for a in tools.actions() if a.text() == "&Verify…")
    verify_action.trigger()
    dialog = window.verification.dialog
    assert isinstance(dialog, VerifyDialog)
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.running and dialog.report is not None, timeout=30_000)
    return dialog


def test_tools_verify_on_a_clean_book(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = run_verify(qtbot, window)
    assert dialog.report is not None
    assert dialog.report.ok
    assert dialog.summary.text().startswith("Verified 2 evidence files (")
    assert dialog.summary.text().endswith("all intact")
    assert dialog.model.rowCount() == 0
    assert not dialog.view.isVisible()
    assert dialog.progress.isHidden()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.verification.dialog is None)


def test_tools_verify_lists_the_problem_and_goes_to_the_exhibit(
        qtbot, window: MainWindow, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    flip_a_byte(window.book, ids["shot2"])
    removed = window.book.evidence.remove_evidence(ids["shot1"])  # its file stays: a note
    dialog = run_verify(qtbot, window)
    assert dialog.summary.text().endswith("1 problem found (1 note, not problems)")
    assert dialog.view.isVisible()
    assert dialog.model.rowCount() == 2
    problem = dialog.model.index(0, 0)
    assert problem.data(KIND_ROLE) == "problem"
    assert problem.data() == (
        f"Case {ids['second']}, exhibit E2 (截图2.png) no longer matches its recorded SHA-256: "
        "the file was changed or damaged after it was recorded")
    assert problem.data(CASE_ID_ROLE) == ids["second"]
    note = dialog.model.index(1, 0)
    assert note.data(KIND_ROLE) == "note"
    assert note.data().startswith("Note: ")
    assert removed.sha256 in note.data()
    assert note.data(CASE_ID_ROLE) is None

    # a double-click on the problem opens its case with the exhibit selected
    assert window.current_case is not None
    assert window.current_case.id == ids["first"]
    view = dialog.view
    rect = view.visualRect(problem)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.current_case is not None
                    and window.current_case.id == ids["second"])
    assert window.bottom_tabs.currentWidget() is window.evidence_panel
    assert window.evidence_panel.selected_ids() == [problem.data(EVIDENCE_ID_ROLE)]
    assert problem.data(EVIDENCE_ID_ROLE) == ids["shot2"]
    dialog.close()


def test_cancel_stops_the_check(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import ui.dialogs.verify_dialog as module

    started = threading.Event()

    def slow_verify(book, case_id, progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            progress(1, 10)
            threading.Event().wait(0.01)
        raise module.VerifyCancelled("the check was cancelled")

    monkeypatch.setattr(module, "verify", slow_verify)
    window.verification.act_verify.trigger()
    dialog = window.verification.dialog
    assert dialog is not None
    qtbot.waitUntil(started.is_set)
    assert dialog.close_button.text() == "Cancel"
    assert not dialog.again_button.isEnabled()
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running)
    assert dialog.summary.text() == "The check was cancelled."
    assert dialog.isVisible()
    assert dialog.close_button.text() == "Close"
    assert dialog.again_button.isEnabled()
    dialog.close()


def test_gui_export_is_refused_after_a_flipped_byte(
        qtbot, window: MainWindow, ids: dict[str, int], tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    flip_a_byte(window.book, ids["shot1"])
    refused: list[VerifyReport] = []
    opened: list[QMessageBox] = []
    real_show_refusal = ExportDialog.show_refusal

    def show_refusal(self: ExportDialog, report: VerifyReport) -> None:
        refused.append(report)
        real_show_refusal(self, report)

    monkeypatch.setattr(ExportDialog, "show_refusal", show_refusal)
    monkeypatch.setattr(QMessageBox, "open", lambda box: opened.append(box))
    window.select_case(ids["second"])
    window.dossier.act_export.trigger()
    qtbot.waitUntil(lambda: window.dossier.export_dialog is not None)
    dialog = window.dossier.export_dialog
    assert dialog is not None
    out = tmp_path / "out"
    out.mkdir()
    dialog.path_edit.setText(str(out / "d.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(refused), timeout=60_000)
    assert dialog.job is None
    assert dialog.export_button.isEnabled()
    problem = (f"Case {ids['second']}, exhibit E1 (截图1.png) no longer matches its recorded "
               "SHA-256: the file was changed or damaged after it was recorded")
    assert dialog.message.text() == f"The dossier was not made: {problem}"
    assert len(opened) == 1
    box = opened[0]
    assert box.windowTitle() == "The dossier was not made"
    assert "Verify found 1 problem in" in box.text()
    assert box.informativeText() == problem
    assert list(out.iterdir()) == []
    assert window.dossier.previews == []
    dialog.reject()


def test_closing_the_window_stops_a_running_check(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import threading

    import ui.dialogs.verify_dialog as module

    started = threading.Event()
    stopped = threading.Event()

    def slow_verify(book, case_id, progress, cancelled):  # type: ignore[no-untyped-def]
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        stopped.set()
        raise module.VerifyCancelled("the check was cancelled")

    monkeypatch.setattr(module, "verify", slow_verify)
    window.verification.verify()
    qtbot.waitUntil(started.is_set)
    window.close()
    assert stopped.is_set()  # the thread was waited for before the window went
    assert window.verification.dialog is None
