"""The dossier from the window, as a person makes it: Ctrl+P, the export dialog, the export in
the background (with progress and cancel), the preview with the right pages, printing those
pages, opening the file elsewhere; and the profile dialog for the cover."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QSpinBox
from qt_typing import type_text

from desktop_app.dossier import DossierResult
from desktop_app.errors import DossierCancelled
from desktop_app.records import CaseFields, EventFields, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.services.profile import load_profile
from desktop_app.timeutil import parse_time
from ui.dialogs.export_dialog import ExportDialog
from ui.dialogs.profile_dialog import ProfileDialog
from ui.i18n import Localisation
from ui.main_window import MainWindow
from ui.settings import UiSettings
from ui.widgets.pdf_preview import PdfPreview

TITLE = "建行小程序转账金额显示错误"


def statement_pdf(path: Path) -> Path:
    from reportlab.pdfgen.canvas import Canvas

    c = Canvas(str(path))
    c.drawString(72, 720, "STATEMENT-MARKER")
    c.showPage()
    c.save()
    return path


@pytest.fixture
def case_id(data_dir: Path, tmp_path: Path) -> int:
    """A case with two entries, a screenshot and a one-page PDF statement."""
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title=TITLE, institution_name="中国建设银行"))
        event = book.timeline.add_event(case.id, EventFields(
            at=parse_time("2024-11-02 09:05"), channel="call", summary="致电95533投诉",
            references=(ReferenceData("CCB-TS-20241102-00873", "投诉号"),)))
        book.timeline.add_event(case.id, EventFields(at=parse_time("2024-11-08 16:42"),
                                                     channel="sms",
                                            direction="in", summary="收到受理短信"))
        shot = tmp_path / "IMG_0001.png"
        Image.effect_noise((300, 650), 60).convert("RGB").save(shot, "PNG")
        assert book.imports.import_file(case.id, shot, event_id=event.id, caption="转账截图").ok
        assert book.imports.import_file(case.id, statement_pdf(tmp_path / "statement.pdf")).ok
        return case.id


@pytest.fixture
def window(open_window: Callable[..., MainWindow], data_dir: Path,
           case_id: int) -> MainWindow:
    return open_window(data_dir, case_id=case_id, remember=True)


def open_export(qtbot, window: MainWindow) -> ExportDialog:  # type: ignore[no-untyped-def]
    assert window.dossier.act_export.isEnabled()
    window.dossier.act_export.trigger()
    qtbot.waitUntil(lambda: window.dossier.export_dialog is not None
                    and window.dossier.export_dialog.isVisible())
    dialog = window.dossier.export_dialog
    assert isinstance(dialog, ExportDialog)
    return dialog


def export(qtbot, dialog: ExportDialog, target: Path) -> DossierResult:  # type: ignore[no-untyped-def]
    dialog.path_edit.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    result = blocker.args[0]
    assert isinstance(result, DossierResult)
    return result


def the_preview(qtbot, window: MainWindow) -> PdfPreview:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: bool(window.dossier.previews))
    preview = window.dossier.previews[-1]
    qtbot.waitUntil(lambda: preview.document.status() == QPdfDocument.Status.Ready)
    return preview


def test_ctrl_p_exports_in_the_background_and_previews_the_pages(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_export(qtbot, window)
    assert dialog.evidence_model.rowCount() == 2
    assert dialog.chosen_exhibits() is None  # all ticked
    progress: list[tuple[int, int]] = []
    dialog.path_edit.setText(str(tmp_path / "dossier.pdf"))
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("en"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    dialog.job.progress.connect(lambda done, total: progress.append((done, total)))
    assert not dialog.lang_combo.isEnabled()  # while it runs
    with qtbot.waitSignal(dialog.exported, timeout=120_000) as blocker:
        pass
    result = blocker.args[0]
    assert result.path == tmp_path / "dossier.pdf"
    assert result.lang == "en"
    assert progress
    assert progress[-1][0] == progress[-1][1]

    preview = the_preview(qtbot, window)
    reader = PdfReader(result.path)
    assert preview.document.pageCount() == result.pages == len(reader.pages)
    assert "Page 1 of" in reader.pages[0].extract_text()
    assert preview.page_spin.maximum() == result.pages
    assert not dialog.isVisible()
    assert window.dossier.export_dialog is None
    preview.go_to(2)
    qtbot.waitUntil(lambda: preview.current_page() == 2)
    assert preview.page_spin.value() == 3
    before = preview.view.zoomFactor()
    preview.zoom(+1)
    assert preview.view.zoomFactor() > before
    preview.fit_page()
    # the page box has no arrows to draw broken; Esc closes the preview as it does dialogs
    assert preview.page_spin.buttonSymbols() == QSpinBox.ButtonSymbols.NoButtons
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    qtbot.keyClick(preview.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not preview.isVisible())


def test_print_renders_every_page_onto_the_printer(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    result = export(qtbot, open_export(qtbot, window), tmp_path / "dossier.pdf")
    preview = the_preview(qtbot, window)
    printed = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setResolution(72)
    preview.printer = printer
    asked: list[QPrintDialog] = []

    def accept(dialog: QPrintDialog) -> int:
        asked.append(dialog)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    with qtbot.waitSignal(preview.printed, timeout=60_000) as blocker:
        preview.act_print.trigger()
    assert asked
    assert blocker.args == [result.pages]
    reader = PdfReader(printed)
    assert len(reader.pages) == result.pages
    # the pages were really drawn: the printed first page is not blank
    doc = QPdfDocument()
    doc.load(str(printed))
    image = doc.render(0, preview.document.pagePointSize(0).toSize())
    assert isinstance(image, QImage)
    dark = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 50
    doc.close()


def test_choices_are_remembered(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                tmp_path: Path) -> None:
    dialog = open_export(qtbot, window)
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("en"))
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("letter"))
    dialog.limit_check.setChecked(True)
    dialog.size_spin.setValue(5)
    folder = tmp_path / "exports"
    folder.mkdir()
    result = export(qtbot, dialog, folder / "d.pdf")
    assert result.paper == "letter"
    the_preview(qtbot, window).close()
    saved = json.loads((window.book.paths.root / "export.json").read_text(encoding="utf-8"))
    assert saved["lang"] == "en"
    assert saved["folder"] == str(folder)

    again = open_export(qtbot, window)
    assert again.lang_combo.currentData() == "en"
    assert again.paper_combo.currentData() == "letter"
    assert again.limit_check.isChecked()
    assert again.size_spin.value() == 5
    assert Path(again.path_edit.text()).parent == folder
    again.reject()


def test_content_lines_are_off_until_asked_for_then_remembered(
        qtbot, window: MainWindow, case_id: int,  # type: ignore[no-untyped-def]
        tmp_path: Path) -> None:
    from desktop_app.reading.lines import OcrLine
    from desktop_app.reading.ocr import ReadResult

    shot = next(r for r in window.book.evidence.list_evidence(case_id)
                if r.mime == "image/png")
    window.book.reading.keep(shot.id, ReadResult(
        lines=(OcrLine("投诉编号：TS2024112300123", (20, 300, 260, 30), 0.99),),
        heights=(650.0,)))
    dialog = open_export(qtbot, window)
    assert not dialog.summaries_check.isChecked()  # off by default
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("zh"))
    plain = export(qtbot, dialog, tmp_path / "plain.pdf")
    the_preview(qtbot, window).close()
    assert "内容摘要：" not in "".join(p.extract_text() for p in PdfReader(plain.path).pages)

    again = open_export(qtbot, window)
    assert not again.summaries_check.isChecked()
    again.summaries_check.setChecked(True)
    asked = export(qtbot, again, tmp_path / "asked.pdf")
    the_preview(qtbot, window).close()
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(asked.path).pages)
    assert "内容摘要：投诉编号：TS2024112300123" in text
    saved = json.loads((window.book.paths.root / "export.json").read_text(encoding="utf-8"))
    assert saved["summaries"] is True
    third = open_export(qtbot, window)
    assert third.summaries_check.isChecked()
    third.reject()


def test_only_the_ticked_exhibits(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                  tmp_path: Path) -> None:
    dialog = open_export(qtbot, window)
    dialog.check_all(False)
    assert dialog.chosen_exhibits() == []
    item = dialog.evidence_model.item(1)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    assert "1 of 2" in dialog.count_label.text()
    result = export(qtbot, dialog, tmp_path / "one.pdf")
    assert result.exhibits == 1


def test_cancel_stops_the_export_and_leaves_no_file(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    import desktop_app.dossier as dossier

    started = threading.Event()

    def slow_build(book, case_id, path, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        while not kwargs["cancelled"]():
            kwargs["progress"](1, 10)
            threading.Event().wait(0.01)
        raise DossierCancelled("the export was cancelled")

    monkeypatch.setattr(dossier, "build_dossier", slow_build)  # (as build_verified calls it)
    dialog = open_export(qtbot, window)
    dialog.path_edit.setText(str(tmp_path / "d.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 10)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None)
    assert "cancelled" in dialog.message.text()
    assert dialog.isVisible()  # to try again
    assert dialog.export_button.isEnabled()
    assert not (tmp_path / "d.pdf").exists()

    # Esc while it runs: stops, then closes.
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is not None)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.dossier.export_dialog is None)


def test_a_failed_export_says_why_and_leaves_no_file(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    record = window.book.evidence.list_evidence(window.current_case.id)[0]  # type: ignore[union-attr]
    stored = window.book.evidence.evidence_file(record.id)
    stored.chmod(0o644)
    data = bytearray(stored.read_bytes())
    data[100] ^= 0x55
    stored.write_bytes(bytes(data))
    dialog = open_export(qtbot, window)
    out = tmp_path / "out"
    out.mkdir()
    dialog.path_edit.setText(str(out / "d.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.export_button.isEnabled(),
                    timeout=60_000)
    assert "E1" in dialog.message.text()
    assert "SHA-256" in dialog.message.text()
    assert dialog.isVisible()
    assert list(out.iterdir()) == []
    assert window.dossier.previews == []
    dialog.reject()


def test_an_existing_file_is_replaced_only_when_the_user_says_so(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "d.pdf"
    target.write_bytes(b"keep me")
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = open_export(qtbot, window)
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None
    assert target.read_bytes() == b"keep me"
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(dialog.exported, timeout=120_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF-")


def test_open_in_system_viewer_and_show_in_folder(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    result = export(qtbot, open_export(qtbot, window), tmp_path / "d.pdf")
    preview = the_preview(qtbot, window)
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl",
                        lambda url: opened.append(QUrl(url)) or True)
    preview.act_open.trigger()
    assert opened[-1] == QUrl.fromLocalFile(str(result.path))
    monkeypatch.setattr("sys.platform", "linux")
    preview.act_folder.trigger()
    assert opened[-1] == QUrl.fromLocalFile(str(tmp_path))


def test_export_needs_a_case(qtbot, data_dir: Path,  # type: ignore[no-untyped-def]
                             localisation: Localisation, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    book = Casebook.open(empty)
    win = MainWindow(book, UiSettings(), localisation)
    qtbot.addWidget(win)
    assert not win.dossier.act_export.isEnabled()
    win.dossier.export_dossier()
    assert win.dossier.export_dialog is None
    win.close()
    book.close()


def test_the_profile_dialog_saves_the_cover_details(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.dossier.act_profile.trigger()
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, ProfileDialog)
                    and window.active_dialog.isVisible())
    dialog = window.active_dialog
    assert isinstance(dialog, ProfileDialog)
    type_text(qtbot, dialog.name_edit, "张伟")
    qtbot.keyClicks(dialog.phone_edit, "13812345678")
    qtbot.keyClicks(dialog.email_edit, "zhang.wei")
    assert not dialog.ok_button.isEnabled()  # not an address yet
    qtbot.keyClicks(dialog.email_edit, "@example.com")
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.id_edit, "310115198807152345")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    profile = load_profile(window.book.paths.root)
    assert profile.name == "张伟"
    assert profile.email == "zhang.wei@example.com"
    assert profile.masked_id() == "**************2345"

    window.dossier.act_profile.trigger()
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, ProfileDialog)
                    and window.active_dialog is not dialog)
    again = window.active_dialog
    assert isinstance(again, ProfileDialog)
    assert again.name_edit.text() == "张伟"
    again.reject()
    QApplication.processEvents()


@pytest.mark.skipif(__import__("os").name != "posix", reason="POSIX file modes")
def test_a_dossier_in_the_default_folder_is_the_owners_alone(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Written where Casebook put it by default (Documents), the dossier is 0600; written to a
    folder the person chose, 0644 to share."""
    import stat

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr("ui.dialogs.export_dialog.documents_folder", lambda: documents)
    default = export(qtbot, open_export(qtbot, window), documents / "证据材料.pdf")
    assert stat.S_IMODE(default.path.stat().st_mode) == 0o600
    the_preview(qtbot, window).close()
    chosen = tmp_path / "to the regulator"
    chosen.mkdir()
    shared = export(qtbot, open_export(qtbot, window), chosen / "证据材料.pdf")
    assert stat.S_IMODE(shared.path.stat().st_mode) == 0o644


def test_a_missing_documents_folder_is_made_and_a_missing_chosen_one_is_said(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A new account may have no Documents folder yet: the export Casebook offers makes it
    rather than fail. A folder typed by the person that does not exist is named, no file."""
    documents = tmp_path / "home" / "Documents"  # not there
    monkeypatch.setattr("ui.dialogs.export_dialog.documents_folder", lambda: documents)
    made = export(qtbot, open_export(qtbot, window), documents / "证据材料.pdf")
    assert made.path.is_file()
    the_preview(qtbot, window).close()

    dialog = open_export(qtbot, window)
    dialog.path_edit.setText(str(tmp_path / "nowhere" / "证据材料.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None
    assert "does not exist" in dialog.message.text()
    assert not (tmp_path / "nowhere").exists()


def test_a_dossier_too_big_for_its_budget_is_saved_in_volumes(
        qtbot, window: MainWindow, data_dir: Path,  # type: ignore[no-untyped-def]
        case_id: int, tmp_path: Path) -> None:
    """Eight full-size screenshots do not fit 0.5 MB even at the legible floor: the dialog's
    budget splits the dossier, the preview shows the first volume and the status line names
    them all."""
    with Casebook.open(data_dir) as book:
        for n in range(8):
            shot = tmp_path / f"Screenshot_{n}.png"
            Image.merge("RGB", [Image.effect_noise((1080, 2340), 50 + 10 * c + n)
                                for c in range(3)]).save(shot, "PNG")
            assert book.imports.import_file(case_id, shot).ok
    dialog = open_export(qtbot, window)
    dialog.limit_check.setChecked(True)
    dialog.size_spin.setValue(0.5)
    messages: list[str] = []
    window.hub.statusMessage.connect(messages.append)
    result = export(qtbot, dialog, tmp_path / "dossier.pdf")
    assert len(result.volumes) >= 2
    assert all(path.stat().st_size <= 0.5 * 2**20 for path in result.files)
    preview = the_preview(qtbot, window)
    assert preview.document.pageCount() == result.volumes[0][1]
    qtbot.waitUntil(lambda: any("volumes" in m for m in messages))
    assert all(str(path) in messages[-1] for path in result.files)


def test_the_phone_and_address_are_masked_on_the_cover_when_ticked_then_remembered(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.profile import save_profile

    profile = load_profile(window.book.paths.root).updated(
        name="张三", phone="13812345678", address="北京市朝阳区建国路88号")
    save_profile(window.book.paths.root, profile)
    dialog = open_export(qtbot, window)
    assert not dialog.mask_phone_check.isChecked()  # off by default
    assert not dialog.mask_address_check.isChecked()
    dialog.lang_combo.setCurrentIndex(dialog.lang_combo.findData("zh"))
    whole = export(qtbot, dialog, tmp_path / "whole.pdf")
    the_preview(qtbot, window).close()
    cover = "".join(PdfReader(whole.path).pages[0].extract_text().split())
    assert "13812345678" in cover
    assert "建国路88号" in cover

    again = open_export(qtbot, window)
    again.mask_phone_check.setChecked(True)
    again.mask_address_check.setChecked(True)
    masked = export(qtbot, again, tmp_path / "masked.pdf")
    the_preview(qtbot, window).close()
    cover = "".join(PdfReader(masked.path).pages[0].extract_text().split())
    assert "138****5678" in cover
    assert "13812345678" not in cover
    assert "北京市朝阳区****" in cover
    assert "建国路" not in cover
    saved = json.loads((window.book.paths.root / "export.json").read_text(encoding="utf-8"))
    assert (saved["mask_phone"], saved["mask_address"]) == (True, True)
    third = open_export(qtbot, window)
    assert third.mask_phone_check.isChecked()
    assert third.mask_address_check.isChecked()
    third.reject()
