"""File → Passphrase: give the book a passphrase, change it, remove it, lock the window now, and
how long the window may stay idle before it locks itself (:mod:`ui.idle_lock`).

Giving or removing the passphrase converts every file of the book
(:mod:`desktop_app.crypto.conversion`): it runs on the book's worker, after every change asked
for before it, with a progress dialog; the book's connections are closed before (the database
is exported whole) and after (the file they held was replaced). The window stays open on the
same book. ``cryptography`` is loaded only when a conversion runs (or the book is locked).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QProgressDialog

from desktop_app.store import vault
from ui.dialogs.passphrase_dialog import Change, PassphraseDialog
from ui.idle_lock import IdleLock
from ui.jobs import Job, JobRunner

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook
    from ui.main_window import MainWindow

LOCK_NOW_KEYS = "Ctrl+Shift+L"  # Ctrl+L logs a call


class ConversionJob(Job):
    """A passphrase given, changed or removed, on the book's worker thread. ``close_book`` is
    called (from this thread) before and after: it closes the book's connections on the GUI
    thread while this one waits, so that no read of either thread is cut in the middle."""

    def __init__(self, book: Casebook, change: Change, current: str, new: str,
                 close_book: Callable[[], None], params: Any = None) -> None:
        super().__init__()
        self.book, self.change, self.close_book = book, change, close_book
        self.current, self.new, self.params = current, new, params

    def work(self) -> Change:
        from desktop_app.crypto import conversion  # deferred: cryptography, when asked for

        paths = self.book.paths
        self.close_book()  # no connection open while the database is exported whole
        try:
            if self.change is Change.SET:
                conversion.lock_book(paths, self.new, self.report_progress, params=self.params)
            elif self.change is Change.REMOVE:
                conversion.remove_lock(paths, self.current, self.report_progress)
            else:
                conversion.change_passphrase(paths, self.current, self.new, params=self.params)
        finally:
            self.close_book()  # any opened meanwhile held the file that was replaced
        return self.change


class LockActions(QObject):
    """The passphrase features of one main window (its child); ``menu`` goes in its File menu.
    ``scrypt_params``: the key file's cost (None: the real one; tests set a tiny one).
    ``conversionDone(bool)``: a conversion has ended (true: done; false: refused or failed)."""

    conversionDone = Signal(bool)
    _close_asked = Signal()  # from the worker thread: it waits until the book is closed
    scrypt_params: Any = None

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.runner = JobRunner(window.worker.pool)
        self.progress: QProgressDialog | None = None
        self.idle = IdleLock(window, window.settings.idle_lock_minutes)
        self._close_asked.connect(self._close_book, Qt.ConnectionType.BlockingQueuedConnection)
        self.menu = QMenu(window)
        self.menu.setObjectName("passphraseMenu")
        self.act_set = self._action(self.set_passphrase)
        self.act_change = self._action(self.change_passphrase)
        self.act_remove = self._action(self.remove_passphrase)
        self.menu.addSeparator()
        self.act_lock_now = self._action(self.idle.lock, LOCK_NOW_KEYS)
        self.act_idle = self._action(self.choose_idle_minutes)
        self.idle.lockedChanged.connect(lambda _locked: self.update_actions())
        window.installEventFilter(self)
        self.retranslate()
        self.update_actions()

    def _action(self, slot: Any, keys: str | None = None) -> QAction:
        action = QAction(self.window)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.window.addAction(action)
        self.menu.addAction(action)
        return action

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Passphrase"))
        self.act_set.setText(self.tr("&Set a passphrase…"))
        self.act_set.setStatusTip(self.tr(
            "Encrypt this book: it will open only with the passphrase"))
        self.act_change.setText(self.tr("&Change the passphrase…"))
        self.act_remove.setText(self.tr("&Remove the passphrase…"))
        self.act_remove.setStatusTip(self.tr("Decrypt this book: it will open without one"))
        self.act_lock_now.setText(self.tr("&Lock now"))
        self.act_lock_now.setStatusTip(self.tr(
            "Hide the cases and forget the key until the passphrase is typed again"))
        self.act_idle.setText(self.tr("Lock after &idle…"))
        self.idle.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif watched is self.window and event.type() == QEvent.Type.Close and self.busy:
            event.ignore()  # the window waits for the conversion (and the conversion for it)
            return True
        return False

    def _close_book(self) -> None:
        self.window.book.close()

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def update_actions(self) -> None:
        locked = vault.has_key_file(self.window.book.paths.root)
        free = not self.busy and not self.idle.hiding
        self.act_set.setEnabled(free and not locked)
        self.act_change.setEnabled(free and locked)
        self.act_remove.setEnabled(free and locked)
        self.act_lock_now.setEnabled(free and locked)
        self.act_idle.setEnabled(locked)

    # ---- the dialogs (replaced in tests) -------------------------------------------------------

    def ask(self, change: Change) -> PassphraseDialog | None:
        """The passphrase dialog for ``change``, accepted; None if cancelled."""
        dialog = PassphraseDialog(change, self.window)
        try:
            return dialog if dialog.exec() == PassphraseDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def ask_minutes(self, minutes: int) -> int | None:
        value, ok = QInputDialog.getInt(
            self.window, self.tr("Lock after idle"),
            self.tr("Lock the window after this many minutes without use (0: never):"),
            minutes, 0, 24 * 60)
        return value if ok else None

    # ---- what the menu does --------------------------------------------------------------------

    def set_passphrase(self) -> None:
        self._convert(Change.SET)

    def change_passphrase(self) -> None:
        self._convert(Change.CHANGE)

    def remove_passphrase(self) -> None:
        self._convert(Change.REMOVE)

    def choose_idle_minutes(self) -> None:
        minutes = self.ask_minutes(self.window.settings.idle_lock_minutes)
        if minutes is None:
            return
        self.window.settings.idle_lock_minutes = minutes
        self.window.save_settings()
        self.idle.set_minutes(minutes)

    def _convert(self, change: Change) -> ConversionJob | None:
        if self.busy or self.idle.busy(changes_too=False):
            self.window.show_message(self.tr(
                "Casebook is still working on this book: try again when it has finished."))
            return None
        dialog = self.ask(change)
        if dialog is None:
            return None
        job = ConversionJob(self.window.book, change, dialog.current, dialog.new,
                            self._close_asked.emit, self.scrypt_params)
        self._show_progress(change)
        self.window.deadlines.recheck.stop()  # no reminder reads the book while it changes
        self.runner.start(job)  # first: the runner forgets the job before we look (reports are
        job.progress.connect(self._on_progress)  # queued to this thread: none is missed)
        job.finished.connect(self._converted)
        job.failed.connect(self._failed)
        self.update_actions()
        return job

    def _show_progress(self, change: Change) -> None:
        label = {Change.SET: self.tr("Encrypting the book…"),
                 Change.REMOVE: self.tr("Decrypting the book…"),
                 Change.CHANGE: self.tr("Changing the passphrase…")}[change]
        dialog = QProgressDialog(label, "", 0, 0, self.window)
        dialog.setObjectName("passphraseProgress")
        dialog.setWindowTitle(self.tr("Casebook"))
        dialog.setCancelButton(None)  # type: ignore[arg-type]  # half-way is not a state to stop in
        # Modal to the whole program, and shown at once: while the worker waits for the GUI
        # thread to close the book (ConversionJob), nothing may make the GUI thread wait for
        # the worker (closing the Verify window, or the main window, waits for its jobs).
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.show()
        self.progress = dialog

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _close_progress(self) -> None:
        if self.progress is not None:
            dialog, self.progress = self.progress, None
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        if not self.idle.hiding:
            self.window.deadlines.recheck.start()
        self.idle.refresh()
        self.update_actions()
        self.window.hub.casesChanged.emit()  # read again, through the new connections

    def _converted(self, change: Change) -> None:
        self._close_progress()
        self.window.show_message({
            Change.SET: self.tr("The book is encrypted: it opens only with its passphrase."),
            Change.REMOVE: self.tr("The passphrase is removed: the book is no longer "
                                   "encrypted."),
            Change.CHANGE: self.tr("The passphrase is changed.")}[change], 20_000)
        self.conversionDone.emit(True)

    def _failed(self, message: str) -> None:
        self._close_progress()
        QMessageBox.warning(self.window, self.tr("The book was not changed"), message)
        self.conversionDone.emit(False)
