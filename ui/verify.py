"""Tools → Verify… in the main window: the action, the dialog it opens, and going to an exhibit
the dialog names. The check itself is :mod:`desktop_app.backup.verify`; the dialog runs it in the
background (:mod:`ui.dialogs.verify_dialog`, imported when first opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction

from ui.shell import Shell

if TYPE_CHECKING:
    from ui.dialogs.verify_dialog import VerifyDialog


class VerifyActions(QObject):
    """Verify for one main window (created by the window, lives as its child); ``act_verify``
    is the window's to place in its Tools menu."""

    def __init__(self, shell: Shell) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell, self.window = shell, window
        self.dialog: VerifyDialog | None = None
        self.act_verify = QAction(window)
        self.act_verify.triggered.connect(lambda _checked=False: self.verify())
        window.addAction(self.act_verify)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.act_verify.setText(self.tr("&Verify…"))
        self.act_verify.setToolTip(self.tr(
            "Check every evidence file against its recorded SHA-256, and the change log"))
        if self.dialog is not None:
            self.dialog.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif watched is self.window and event.type() == QEvent.Type.Close and self.dialog:
            self.dialog.close()  # stops the check: the data may be closed next
        return False

    @Slot()
    def verify(self) -> VerifyDialog:
        """Open the dialog (or bring it forward) and start the check."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        from ui.dialogs.verify_dialog import VerifyDialog  # deferred: ~12 ms at start-up

        dialog = VerifyDialog(self.shell.book, self.window, worker=self.shell.worker)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exhibitRequested.connect(self.open_exhibit)
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.show()
        dialog.start()
        return dialog

    @Slot(int, int)
    def open_exhibit(self, case_id: int, evidence_id: int) -> None:
        self.shell.select_case(case_id)
        case = self.shell.current_case
        if case is not None and case.id == case_id:
            self.shell.show_evidence([evidence_id])
            self.window.activateWindow()
