"""File → Back up… and File → Restore from backup…, and the automatic backup on close.

Backing up runs in the background with progress and cancel. Restoring checks the archive in the
background first (a refused archive is explained and nothing happens), asks for confirmation,
extracts it beside the data folder in the background, then closes this window and its database,
renames the restored folder into place (the current one is kept aside) and opens a new window
on it, in the same process. The old window's ``successor`` is the new one, so that the code
that started the first window (``ui.app.run``) closes the right database at exit. The new window
is made by the ``reopen`` the window gives (this module does not know the window's class).

A locked book's backup is restored only with its passphrase: asked before the archive is
checked (:meth:`BackupActions.ask_passphrase`); without it nothing happens, a wrong one is
refused like a damaged archive, nothing changed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QEvent, QMetaObject, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
)

from desktop_app.backup.archive import (
    ArchiveInfo,
    BackupResult,
    create_backup,
    default_archive_name,
    is_locked_archive,
    verify_archive,
)
from desktop_app.backup.automatic import backup_if_changed
from desktop_app.backup.restore import RestoreResult, StagedRestore, stage_restore
from desktop_app.backup.sealing import Passphrase
from desktop_app.errors import BackupCancelled, BackupError, DatabaseError
from desktop_app.i18n import english_plural
from desktop_app.services.book import Casebook
from desktop_app.store.paths import DataPaths
from ui.folders import documents_folder, make_default_folder
from ui.jobs import Job, JobRunner
from ui.settings import UiSettings
from ui.shell import Shell
from ui.single_instance import Claim, SingleInstance, bring_forward

log = logging.getLogger(__name__)


class BackupJob(Job):
    """``create_backup`` on a pool thread; finishes with the result, or None if cancelled."""

    def __init__(self, paths: DataPaths, target: Path) -> None:
        super().__init__()
        self.paths = paths
        self.target = target

    def work(self) -> BackupResult | None:
        try:
            return create_backup(self.paths, self.target, progress=self.report_progress,
                                 cancelled=self.is_cancelled)
        except BackupCancelled:
            return None


class VerifyJob(Job):
    """``verify_archive``: the archive's summary, or None if cancelled (refusals fail)."""

    def __init__(self, archive: Path, passphrase: Passphrase | None = None) -> None:
        super().__init__()
        self.archive = archive
        self.passphrase = passphrase

    def work(self) -> ArchiveInfo | None:
        try:
            return verify_archive(self.archive, progress=self.report_progress,
                                  cancelled=self.is_cancelled, passphrase=self.passphrase)
        except BackupCancelled:
            return None


class StageJob(Job):
    """``stage_restore``: the archive checked again and extracted beside the data folder."""

    def __init__(self, archive: Path, target: Path, passphrase: Passphrase | None = None
                 ) -> None:
        super().__init__()
        self.archive = archive
        self.target = target
        self.passphrase = passphrase

    def work(self) -> StagedRestore | None:
        try:
            return stage_restore(self.archive, self.target, replace=True,
                                 progress=self.report_progress, cancelled=self.is_cancelled,
                                 passphrase=self.passphrase)
        except BackupCancelled:
            return None



class Restorable(Shell, Protocol):
    """A main window as a restore replaces it: its backup actions, the window that replaced
    it (after a restore), and its claim on the data folder (``ui.app`` gives it one)."""

    backup: BackupActions
    successor: Restorable | None
    single_instance: SingleInstance | None


Reopen = Callable[[Casebook, UiSettings], Restorable]
"""Makes the main window that replaces one after a restore (on the restored book)."""


class BackupActions(QObject):
    """The backup features of one main window (created by the window, lives as its child);
    ``act_backup`` and ``act_restore`` are the window's to place in its File menu."""

    def __init__(self, shell: Restorable, reopen: Reopen) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell, self.window, self.reopen = shell, window, reopen
        self.runner = JobRunner(shell.worker.pool)  # after every change asked for before
        self.job: Job | None = None
        self.progress: QProgressDialog | None = None
        self._cancel_connection: QMetaObject.Connection | None = None
        self.last_result: BackupResult | RestoreResult | None = None

        self.act_backup = QAction(window)
        self.act_backup.triggered.connect(lambda _checked=False: self.back_up())
        self.act_restore = QAction(window)
        self.act_restore.triggered.connect(lambda _checked=False: self.restore())
        window.addAction(self.act_backup)
        window.addAction(self.act_restore)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.act_backup.setText(self.tr("&Back up…"))
        self.act_backup.setToolTip(self.tr(
            "Save all cases, evidence files and your details as one zip file"))
        self.act_restore.setText(self.tr("&Restore from backup…"))
        self.act_restore.setToolTip(self.tr(
            "Replace the data in this window by a backup (the current data is kept aside)"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif watched is self.window and event.type() == QEvent.Type.Close:
            self.runner.cancel_all()
        return False

    @property
    def busy(self) -> bool:
        return self.runner.busy

    # ---- the file dialogs (replaced in tests) ---------------------------------------------------

    def choose_backup_file(self) -> str:
        folder = documents_folder()
        make_default_folder(folder)  # offered, so there (a new account may have none yet)
        default = folder / default_archive_name(datetime.now())
        path, _filter = QFileDialog.getSaveFileName(
            self.window, self.tr("Back up to"), str(default), self.tr("Zip archives (*.zip)"))
        if path and not path.lower().endswith(".zip"):
            path += ".zip"
        return path

    def choose_archive(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, self.tr("Restore from backup"), str(documents_folder()),
            self.tr("Zip archives (*.zip);;All files (*)"))
        return path

    def ask_passphrase(self) -> str | None:
        """The passphrase of a locked book's backup, or None if the person gives none."""
        text, ok = QInputDialog.getText(
            self.window, self.tr("Restore from backup"),
            self.tr("This backup is of a locked book. Enter its passphrase:"),
            QLineEdit.EchoMode.Password)
        return text if ok and text else None

    # ---- progress -------------------------------------------------------------------------------

    def _run(self, job: Job, label: str) -> Job:
        self.job = job
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, self.window)
        dialog.setObjectName("backupProgress")
        dialog.setWindowTitle(self.tr("Casebook"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        self._cancel_connection = dialog.canceled.connect(job.cancel)
        job.progress.connect(self._on_progress)
        job.finished.connect(lambda _result: self._done())
        job.failed.connect(lambda _message: self._done())
        self.progress = dialog
        self.act_backup.setEnabled(False)
        self.act_restore.setEnabled(False)
        self.runner.start(job)
        return job

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, total))

    def _done(self) -> None:
        self.job = None
        if self.progress is not None:
            dialog, self.progress = self.progress, None
            # Only our own connection: disconnecting every slot of `canceled` also cut the
            # dialog's own link from Cancel/Esc to cancel(). reset() stops the show-delay timer,
            # which otherwise fires later (while the result's message box runs its own event
            # loop, where deleteLater has not happened yet) and shows the closed dialog again,
            # at 100 % with a dead Cancel: the freeze users met after every backup.
            if self._cancel_connection is not None:
                QObject.disconnect(self._cancel_connection)
                self._cancel_connection = None
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        self.act_backup.setEnabled(True)
        self.act_restore.setEnabled(True)

    # ---- back up --------------------------------------------------------------------------------

    def back_up(self) -> None:
        if self.busy:
            return
        path = self.choose_backup_file()
        if not path:
            return
        job = self._run(BackupJob(self.shell.book.paths, Path(path)),
                        self.tr("Backing up your cases and evidence…"))
        job.finished.connect(self._on_backed_up)
        job.failed.connect(self._on_backup_failed)

    def _on_backed_up(self, result: BackupResult | None) -> None:
        if result is None:
            self.shell.show_message(self.tr("Backup cancelled; nothing was saved."))
            return
        self.last_result = result
        cases = english_plural(self.tr("%n case(s)", None, result.cases), result.cases)
        files = english_plural(self.tr("%n evidence file(s)", None, result.evidence_files),
                               result.evidence_files)
        text = self.tr("Saved {cases} and {files} to\n{path}\n({size:.1f} MB).").format(
            cases=cases, files=files, path=result.path, size=result.size / 1_000_000)
        if result.warnings:
            text += "\n\n" + "\n".join(result.warnings)
        QMessageBox.information(self.window, self.tr("Backup saved"), text)

    def _on_backup_failed(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("Backup failed"),
                            self.tr("The backup was not saved.\n\n{reason}").format(
                                reason=message))

    # ---- restore --------------------------------------------------------------------------------

    def restore(self) -> None:
        if self.busy:
            return
        path = self.choose_archive()
        if not path:
            return
        archive = Path(path)
        passphrase: Passphrase | None = None
        if is_locked_archive(archive):
            given = self.ask_passphrase()
            if not given:
                return
            passphrase = lambda: given  # noqa: E731 (asked once, given to both jobs)
        job = self._run(VerifyJob(archive, passphrase), self.tr("Checking the backup…"))
        job.finished.connect(
            lambda info, a=archive, p=passphrase: self._on_verified(a, info, p))
        job.failed.connect(self._on_restore_refused)

    def _on_restore_refused(self, message: str) -> None:
        QMessageBox.critical(self.window, self.tr("Backup not restored"),
                             self.tr("Nothing was changed.\n\n{reason}").format(reason=message))

    def confirm_restore(self, info: ArchiveInfo, root: Path) -> bool:
        text = self.tr(
            "Restore the backup made on {created} ({cases} case(s), {files} evidence "
            "file(s))?\n\nThe data now in this window will be replaced by the backup's. It is "
            "not deleted: the current data folder is kept as\n{aside}\n\nThe window will "
            "close and open again on the restored data.").format(
                created=info.created_at.replace("T", " "), cases=info.cases,
                files=info.evidence_files,
                aside=root.with_name(root.name + ".before-restore-…"))
        answer = QMessageBox.question(
            self.window, self.tr("Restore from backup"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _on_verified(self, archive: Path, info: ArchiveInfo | None,
                     passphrase: Passphrase | None = None) -> None:
        if info is None:
            return
        root = self.shell.book.paths.root
        if not self.confirm_restore(info, root):
            return
        job = self._run(StageJob(archive, root, passphrase), self.tr("Restoring the backup…"))
        job.finished.connect(self._on_staged)
        job.failed.connect(self._on_restore_refused)

    def _on_staged(self, staged: StagedRestore | None) -> None:
        if staged is None:
            self.shell.show_message(self.tr("Restore cancelled; nothing changed."))
            return
        swap_in_restored(self.shell, staged, self.reopen)


def swap_in_restored(window: Restorable, staged: StagedRestore, reopen: Reopen,
                     ) -> Restorable | None:
    """Close the window and its database, put the restored folder in place, open a new window
    on it (made by ``reopen``). Returns the new window (None if the user kept the window
    open)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the new window comes after the old one closes
    try:
        if not window.frame().close():  # e.g. a call is being timed and the user kept it
            staged.discard()
            return None
        window.book.close()
        # The window's claim on the data dir (its locks live in the folder that is moved aside)
        # is let go for the swap and taken again on the restored folder.
        instance = window.single_instance
        if instance is not None:
            # it goes on with the new window
            window.frame().destroyed.disconnect(instance.release)
            instance.release()
        failure: str | None = None
        result: RestoreResult | None = None
        try:
            result = staged.commit()
        except BackupError as exc:  # the old data is back in place
            failure = str(exc)
        # (the claim is taken again unless someone took the folder meanwhile)
        if instance is not None and instance.claim() is not Claim.FIRST:
            QMessageBox.critical(None, QApplication.translate(
                "BackupActions", "Casebook cannot start"), QApplication.translate(
                "BackupActions", "Another Casebook took the data folder {folder} while "
                "the backup was being put in place. Close it, then start Casebook again."
            ).format(folder=str(staged.target)))
            app.quit()
            return None
        try:
            book = Casebook.open(staged.target)
        except (DatabaseError, OSError) as exc:
            QMessageBox.critical(None, QApplication.translate("BackupActions",
                                                              "Casebook cannot start"), str(exc))
            app.quit()
            return None
        settings = UiSettings.load(book.paths.settings)
        if window.localisation is not None and settings.language != window.settings.language:
            window.localisation.apply(settings.language)
        successor = reopen(book, settings)
        window.successor = successor
        if instance is not None:
            instance.activate_requested.connect(lambda: bring_forward(successor.frame()))
            successor.single_instance = instance
            successor.frame().destroyed.connect(instance.release)
        successor.frame().show()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    if failure is not None:
        QMessageBox.warning(successor.frame(), QApplication.translate("BackupActions",
                                                              "Backup not restored"), failure)
    elif result is not None:
        successor.backup.last_result = result
        text = QApplication.translate("BackupActions", "The backup has been restored.")
        if result.previous is not None:
            text += "\n\n" + QApplication.translate(
                "BackupActions", "Your previous data is kept in\n{path}").format(
                    path=result.previous)
        QMessageBox.information(successor.frame(), QApplication.translate(
            "BackupActions", "Backup restored"), text)
    return successor


def latest_window(window: Restorable) -> Restorable:
    """The window that replaced this one after restores (or this one)."""
    while window.successor is not None:
        window = window.successor
    return window


def finish_session(window: Restorable) -> None:
    """At exit: close the current window's database and take the automatic backup (skipped if
    nothing changed since the last one). Never raises: the app is quitting."""
    current = latest_window(window)
    current.book.close()
    try:
        backup_if_changed(current.book.paths, "close", keep=current.settings.backup_keep)
    except Exception:  # a full disk must not turn quitting into a crash
        log.exception("the automatic backup on close failed")
