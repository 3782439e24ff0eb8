"""File → Export dossier… (Ctrl+P) with its preview, and File → Your details… (the dossier's
cover).

Its strings keep the translation context ``MainWindow``, where they were first translated."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence

from ui.shell import Shell

if TYPE_CHECKING:
    from desktop_app.dossier import DossierResult
    from ui.dialogs.export_dialog import ExportDialog
    from ui.widgets.pdf_preview import PdfPreview

translate = QCoreApplication.translate


class DossierActions(QObject):
    """The dossier features of one main window (created by the window, lives as its child)."""

    def __init__(self, shell: Shell) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell = shell
        self.export_dialog: ExportDialog | None = None
        self.previews: list[PdfPreview] = []
        self.act_export = QAction(window)
        self.act_export.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.act_export.triggered.connect(lambda _checked=False: self.export_dossier())
        self.act_profile = QAction(window)
        self.act_profile.triggered.connect(lambda _checked=False: self.edit_profile())
        window.addAction(self.act_export)
        window.addAction(self.act_profile)

    def retranslate(self) -> None:
        self.act_export.setText(translate("MainWindow", "E&xport dossier…"))
        self.act_export.setToolTip(translate(
            "MainWindow",
            "Make this case's evidence dossier as a PDF, then preview and print it (Ctrl+P)"))
        self.act_profile.setText(translate("MainWindow", "Your &details…"))

    @Slot()
    def export_dossier(self) -> None:
        """Ctrl+P: the export dialog; once the PDF is made, its preview (to print from)."""
        case = self.shell.current_case
        if case is None:
            return
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            self.export_dialog.activateWindow()
            return
        from ui.dialogs.export_dialog import ExportDialog  # deferred: ReportLab, ~44 ms

        localisation = self.shell.localisation
        language = localisation.language if localisation is not None else "en"
        dialog = ExportDialog(self.shell.book, case, self.shell.frame(), ui_language=language,
                              worker=self.shell.worker)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self.show_preview)
        dialog.finished.connect(lambda _result: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()

    @Slot(object)
    def show_preview(self, result: DossierResult) -> PdfPreview:
        from ui.widgets.pdf_preview import PdfPreview  # deferred: QtPdf, ~12 ms

        preview = PdfPreview(result.path, result.warnings, self.shell.frame())
        self.previews.append(preview)
        preview.destroyed.connect(
            lambda _obj=None, p=preview: self.previews.remove(p) if p in self.previews else None)
        preview.show()
        if result.volumes:  # split to fit the size budget: the preview shows the first
            message = translate(
                "MainWindow", "Dossier saved in {count} volumes to fit its size: {files}").format(
                    count=len(result.volumes), files=", ".join(str(p) for p in result.files))
        else:
            message = translate("MainWindow", "Dossier saved: {path} ({pages} pages)").format(
                path=result.path, pages=result.pages)
        self.shell.hub.statusMessage.emit(message)
        return preview

    @Slot()
    def edit_profile(self) -> None:
        """Your details (name, phone, e-mail, address, ID number) for the dossier's cover."""
        from ui.dialogs.profile_dialog import ProfileDialog  # deferred: ~16 ms at start-up

        dialog = ProfileDialog(self.shell.book.paths.root, self.shell.frame())
        self.shell.open_dialog(dialog, dialog.save)

    def close_windows(self) -> None:
        """The export dialog (its job cancelled) and every preview: the window is closing."""
        if self.export_dialog is not None:
            if self.export_dialog.job is not None:
                self.export_dialog.job.cancel()
            self.export_dialog.runner.shutdown()
            self.export_dialog.job = None
            self.export_dialog.close()
        for preview in list(self.previews):
            preview.close()
