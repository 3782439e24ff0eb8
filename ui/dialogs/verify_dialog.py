"""Tools → Verify…: every evidence file hashed again and the audit chain walked, in the background
with progress and cancel; then the summary and a list of the problems and notes found.
Double-clicking a problem or note about an exhibit opens its case with the exhibit selected.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QIcon, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop_app.backup.verify import Finding, VerifyCancelled, VerifyReport, verify
from desktop_app.services.book import Casebook
from ui.book_worker import BookWorker
from ui.jobs import Job, JobRunner
from ui.screen_fit import fitted_size, resize_within_screen

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3  # "problem" or "note"


class VerifyJob(Job):
    """``desktop_app.backup.verify.verify`` on a pool thread; finishes with the report, or None
    if it was cancelled. Progress is in bytes hashed."""

    def __init__(self, book: Casebook, case_id: int | None = None) -> None:
        super().__init__()
        self.book = book
        self.case_id = case_id

    def work(self) -> VerifyReport | None:
        try:
            return verify(self.book, self.case_id, progress=self._progress,
                          cancelled=self.is_cancelled)
        except VerifyCancelled:
            return None

    def _progress(self, done: int, total: int) -> None:
        # a progress bar holds an int: report in KiB so gigabytes fit
        self.report_progress(done // 1024, max(total // 1024, 1))


class VerifyDialog(QDialog):
    """Signals:
        exhibitRequested(int, int): show this case (id) with this evidence (id) selected.
    """

    exhibitRequested = Signal(int, int)

    def __init__(self, book: Casebook, parent: QWidget | None = None, *,
                 worker: BookWorker | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verifyDialog")
        self.book = book
        self.runner = JobRunner(worker.pool if worker is not None else None)
        self.job: VerifyJob | None = None
        self.report: VerifyReport | None = None

        self.summary = QLabel()
        self.summary.setObjectName("verifySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("verifyProgress")
        self.progress.setTextVisible(False)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setObjectName("verifyFindings")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._on_activated)  # a double-click, or Enter
        self.view.hide()

        self.buttons = QDialogButtonBox()
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self.start)
        self.buttons.addButton(self.again_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.cancel_or_close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        # a line or two while checking and when all is well; the list of findings, if any,
        # makes it larger (show_report)
        resize_within_screen(self, 560, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Verify"))
        self.again_button.setText(self.tr("Verify &again"))
        self.hint.setText(self.tr(
            "Double-click a line about an exhibit to open its case with the exhibit selected. "
            "Notes are not problems."))
        self._update_buttons()

    # ---- the check --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.job is not None

    @Slot()
    def start(self) -> None:
        if self.running:
            return
        self.report = None
        self.model.clear()
        self.view.hide()
        self.hint.hide()
        self.summary.setText(self.tr(
            "Checking every evidence file against its recorded SHA-256, and the change log…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        job = VerifyJob(self.book)
        job.progress.connect(self._on_progress)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self.job = job
        self.runner.start(job)
        self._update_buttons()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.job = None
        self.progress.hide()
        if result is None:
            self.summary.setText(self.tr("The check was cancelled."))
        else:
            assert isinstance(result, VerifyReport)
            self.show_report(result)
        self._update_buttons()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.job = None
        self.progress.hide()
        self.summary.setText(self.tr("The check could not be done: {reason}").format(
            reason=message))
        self._update_buttons()

    def show_report(self, report: VerifyReport) -> None:
        self.report = report
        self.summary.setText(report.summary())
        style = self.style()
        problem_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        note_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        for findings, kind, icon in ((report.problems, "problem", problem_icon),
                                     (report.notes, "note", note_icon)):
            for finding in findings:
                self.model.appendRow(self._item(finding, kind, icon))
        self.view.setVisible(self.model.rowCount() > 0)
        self.hint.setVisible(self.model.rowCount() > 0)
        if self.model.rowCount():
            wanted = fitted_size(self, 680, 420)
            self.resize(self.size().expandedTo(wanted))
        else:
            self.resize(self.width(), self.minimumSizeHint().height())

    def _item(self, finding: Finding, kind: str, icon: QIcon) -> QStandardItem:
        text = finding.message if kind == "problem" else self.tr("Note: {message}").format(
            message=finding.message)
        item = QStandardItem(icon, text)
        item.setEditable(False)
        item.setToolTip(finding.path or finding.message)
        item.setData(kind, KIND_ROLE)
        if finding.case_id is not None and finding.evidence_id is not None:
            item.setData(finding.case_id, CASE_ID_ROLE)
            item.setData(finding.evidence_id, EVIDENCE_ID_ROLE)
        return item

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        evidence_id = index.data(EVIDENCE_ID_ROLE)
        if case_id is not None and evidence_id is not None:
            self.exhibitRequested.emit(int(case_id), int(evidence_id))

    # ---- closing ------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        self.again_button.setEnabled(not self.running)
        self.close_button.setText(self.tr("Cancel") if self.running else self.tr("Close"))

    @Slot()
    def cancel_or_close(self) -> None:
        """Cancel stops a running check (the dialog stays); else the dialog closes."""
        if self.job is not None:
            self.job.cancel()
            self.summary.setText(self.tr("Cancelling…"))
            return
        self.reject()

    def stop(self) -> None:
        """Stop the check and wait for its thread (the data may be closed next)."""
        if self.job is not None:
            self.job.cancel()
        self.runner.shutdown()
        self.job = None

    def done(self, result: int) -> None:
        self.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop()
        super().closeEvent(event)
