"""Export the dossier: language, paper, which exhibits, a size budget, a line of each picture's
text in the list of evidence, the phone number and address masked on the cover, where to save;
the export
runs in the background with progress and cancel. The last choices are remembered per data dir.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QCloseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.backup.verify import VerifyCancelled, VerifyReport
from desktop_app.dossier import DossierResult, build_verified, case_code
from desktop_app.errors import DossierCancelled, LockError
from desktop_app.i18n import english_plural
from desktop_app.records import CaseRecord, EvidenceRecord
from desktop_app.services.book import Casebook
from desktop_app.store import vault
from desktop_app.store.sealed_files import write_atomically
from ui.book_worker import BookWorker
from ui.folders import documents_folder, make_default_folder
from ui.jobs import Job, JobRunner

CHOICES_FILE = "export.json"
DEFAULT_BUDGET_MB = 18.0  # the UK Legal Ombudsman's upload limit, a typical portal cap
EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


@dataclass
class ExportChoices:
    """What the user picked last time (kept as JSON in the data dir)."""

    lang: str | None = None  # None: the window's language
    paper: str = "a4"
    limit_size: bool = False
    max_size_mb: float = DEFAULT_BUDGET_MB
    summaries: bool = False  # "内容摘要" lines in the list of evidence
    mask_phone: bool = False  # the cover shows the phone number masked (138****5678)
    mask_address: bool = False  # the cover shows the address's region only
    folder: str = ""

    @classmethod
    def load(cls, path: Path) -> ExportChoices:
        try:
            raw: dict[str, Any] = json.loads(vault.read_text(path))
        except (OSError, ValueError, LockError):  # a locked book's, without its key
            return cls()
        known = {f.name for f in fields(cls)}
        try:
            return cls(**{k: v for k, v in raw.items() if k in known})
        except (TypeError, AttributeError):
            return cls()

    def save(self, path: Path) -> None:
        # the temp name is one the next start's clean-up knows (*.json.tmp)
        write_atomically(path, json.dumps(asdict(self), ensure_ascii=False, indent=2),
                         prefix=f".{path.stem}-", suffix=f"{path.suffix}.tmp")


FILE_NAME_BYTES = 200  # in UTF-8, the whole name: most file systems allow 255


def file_name_for(case: CaseRecord) -> str:
    """A file name for the case's dossier, safe on every system: at most ``FILE_NAME_BYTES``
    bytes in UTF-8 with its extension (a Chinese character is three), cut between
    characters."""
    code = case_code(case)
    room = FILE_NAME_BYTES - len(f"{code} .pdf".encode())
    title = _UNSAFE.sub("_", case.title).strip(" .")
    title = title.encode()[:max(room, 0)].decode("utf-8", "ignore").rstrip(" .")
    return f"{code} {title}.pdf" if title else f"{code}.pdf"


class ExportJob(Job):
    """The case's exhibits and the audit chain verified beside ``build_dossier``
    (``build_verified``), on a pool thread; finishes with the result, None if cancelled, or
    the VerifyReport if verify found problems (then nothing is written)."""

    def __init__(self, book: Casebook, case_id: int, path: Path, *, lang: str, paper: str,
                 exhibits: list[int] | None, max_size_mb: float | None,
                 private: bool = False, summaries: bool = False,
                 mask: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.book = book
        self.case_id = case_id
        self.path = path
        self.options: dict[str, Any] = {"lang": lang, "paper": paper, "exhibits": exhibits,
                                        "max_size_mb": max_size_mb, "private": private,
                                        "summaries": summaries, "mask": mask}

    def work(self) -> DossierResult | VerifyReport | None:
        try:
            return build_verified(self.book, self.case_id, self.path, **self.options,
                                  progress=self.report_progress, cancelled=self.is_cancelled)
        except (DossierCancelled, VerifyCancelled):
            return None


class ExportDialog(QDialog):
    """Signals:
        exported(object): the export finished; the DossierResult.
    """

    exported = Signal(object)

    def __init__(self, book: Casebook, case: CaseRecord, parent: QWidget | None = None, *,
                 ui_language: str = "en", worker: BookWorker | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.book = book
        self.case = case
        self.choices_path = book.paths.root / CHOICES_FILE
        self.choices = ExportChoices.load(self.choices_path)
        # the window's book worker: the export waits for changes asked for before it
        self.runner = JobRunner(worker.pool if worker is not None else None)
        self.job: ExportJob | None = None
        self.dossier: DossierResult | None = None
        self._close_when_stopped = False
        self.evidence: list[EvidenceRecord] = book.evidence.list_evidence(case.id)

        self.case_label = QLabel()
        self.case_label.setObjectName("sectionTitle")
        self.case_label.setWordWrap(True)
        self.case_label.setText(f"{case_code(case)}  {case.title}")

        self.lang_combo = QComboBox()
        self.lang_combo.addItem("中文", "zh")
        self.lang_combo.addItem("English", "en")
        lang = self.choices.lang or ("zh" if ui_language.startswith("zh") else "en")
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(lang)))
        self.paper_combo = QComboBox()
        self.paper_combo.addItem("A4", "a4")
        self.paper_combo.addItem("US Letter", "letter")
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(self.choices.paper)))
        self.limit_check = QCheckBox()
        self.limit_check.setChecked(self.choices.limit_size)
        self.size_spin = QDoubleSpinBox()
        self.size_spin.setRange(0.5, 2000)
        self.size_spin.setDecimals(1)
        self.size_spin.setSuffix(" MB")
        self.size_spin.setValue(self.choices.max_size_mb)
        self.size_spin.setEnabled(self.limit_check.isChecked())
        self.limit_check.toggled.connect(self.size_spin.setEnabled)
        size_row = QHBoxLayout()
        size_row.addWidget(self.limit_check)
        size_row.addWidget(self.size_spin)
        size_row.addStretch(1)
        self.summaries_check = QCheckBox()
        self.summaries_check.setObjectName("exportSummaries")
        self.summaries_check.setChecked(self.choices.summaries)
        self.mask_phone_check = QCheckBox()
        self.mask_phone_check.setObjectName("exportMaskPhone")
        self.mask_phone_check.setChecked(self.choices.mask_phone)
        self.mask_address_check = QCheckBox()
        self.mask_address_check.setObjectName("exportMaskAddress")
        self.mask_address_check.setChecked(self.choices.mask_address)
        mask_row = QVBoxLayout()
        mask_row.setContentsMargins(0, 0, 0, 0)
        mask_row.addWidget(self.mask_phone_check)
        mask_row.addWidget(self.mask_address_check)

        self.path_edit = QLineEdit()
        folder = Path(self.choices.folder) if self.choices.folder else documents_folder()
        self.path_edit.setText(str(folder / file_name_for(case)))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)

        self.evidence_model = QStandardItemModel(self)
        for record in self.evidence:
            item = QStandardItem(f"{record.exhibit}  {record.caption or record.original_name}")
            item.setToolTip(record.original_name)
            item.setData(record.id, EVIDENCE_ID_ROLE)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked)
            self.evidence_model.appendRow(item)
        self.evidence_model.itemChanged.connect(lambda _item: self._update_count())
        self.evidence_view = QListView()
        self.evidence_view.setObjectName("exportExhibits")
        self.evidence_view.setModel(self.evidence_model)
        self.evidence_view.setMinimumHeight(120)
        self.all_button = QPushButton()
        self.all_button.clicked.connect(lambda: self.check_all(True))
        self.none_button = QPushButton()
        self.none_button.clicked.connect(lambda: self.check_all(False))
        self.count_label = QLabel()
        pick_row = QHBoxLayout()
        pick_row.addWidget(self.count_label, 1)
        pick_row.addWidget(self.all_button)
        pick_row.addWidget(self.none_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.message = QLabel()
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel#formMessage { color: #92400e; }")

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("primaryButton")
        self.export_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_or_close)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.lang_label, self.paper_label = QLabel(), QLabel()
        self.size_label, self.path_label = QLabel(), QLabel()
        self.form.addRow(self.lang_label, self.lang_combo)
        self.form.addRow(self.paper_label, self.paper_combo)
        self.form.addRow(self.size_label, size_row)
        self.form.addRow("", self.summaries_check)
        self.mask_label = QLabel()
        self.form.addRow(self.mask_label, mask_row)
        self.form.addRow(self.path_label, path_row)
        self.exhibits_title = QLabel()
        self.exhibits_title.setObjectName("fieldTitle")

        layout = QVBoxLayout(self)
        layout.addWidget(self.case_label)
        layout.addLayout(self.form)
        layout.addWidget(self.exhibits_title)
        layout.addWidget(self.evidence_view, 1)
        layout.addLayout(pick_row)
        layout.addWidget(self.progress)
        footer = QHBoxLayout()
        footer.addWidget(self.message, 1)
        footer.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(footer)
        self._inputs: list[QWidget] = [self.lang_combo, self.paper_combo, self.limit_check,
                                       self.size_spin, self.summaries_check,
                                       self.mask_phone_check, self.mask_address_check,
                                       self.path_edit,
                                       self.browse_button, self.evidence_view, self.all_button,
                                       self.none_button]
        self.retranslate()
        self.resize(620, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export dossier"))
        self.lang_label.setText(self.tr("Language of the dossier"))
        self.paper_label.setText(self.tr("Paper"))
        self.size_label.setText(self.tr("Size limit"))
        self.limit_check.setText(self.tr("Keep the file under"))
        self.limit_check.setToolTip(self.tr(
            "Complaint portals cap uploads (the UK Legal Ombudsman: 18 MB in all). Images are "
            "made smaller until the file fits."))
        self.summaries_check.setText(self.tr("Add a line of each picture's text to the list "
                                             "of evidence"))
        self.summaries_check.setToolTip(self.tr(
            "Under each exhibit in the list of evidence, the start of the text read from its "
            "picture (内容摘要), so a reader sees what each shows before turning to it."))
        self.mask_label.setText(self.tr("On the cover"))
        self.mask_phone_check.setText(self.tr("Mask my phone number (138****5678)"))
        self.mask_address_check.setText(self.tr("Mask my address (only the city and district "
                                                "show)"))
        masked_tip = self.tr("The ID number is always masked. Mask your phone number and "
                             "address too when the dossier goes to someone who need not reach "
                             "you directly.")
        self.mask_phone_check.setToolTip(masked_tip)
        self.mask_address_check.setToolTip(masked_tip)
        self.path_label.setText(self.tr("Save as"))
        self.browse_button.setText(self.tr("Choose…"))
        self.exhibits_title.setText(self.tr("Exhibits to include"))
        self.all_button.setText(self.tr("All"))
        self.none_button.setText(self.tr("None"))
        self.export_button.setText(self.tr("Export"))
        self._update_count()

    # ---- choices ------------------------------------------------------------------------------

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.evidence_model.rowCount()):
            item = self.evidence_model.item(row)
            if item is not None:
                item.setCheckState(state)

    def in_default_folder(self, target: Path) -> bool:
        """Whether the dossier goes to the folder Casebook offers by default (Documents) rather
        than one the person chose for it: then it is written readable by them only."""
        return target.parent.resolve() == documents_folder().resolve()

    def chosen_exhibits(self) -> list[int] | None:
        """The evidence ids ticked; None when all are (then exhibits added meanwhile come
        too)."""
        ids = []
        for row in range(self.evidence_model.rowCount()):
            item = self.evidence_model.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(int(item.data(EVIDENCE_ID_ROLE)))
        return None if len(ids) == len(self.evidence) else ids

    def _update_count(self) -> None:
        chosen = self.chosen_exhibits()
        count = len(self.evidence) if chosen is None else len(chosen)
        if not self.evidence:
            self.count_label.setText(self.tr("This case has no evidence yet."))
        else:
            total = len(self.evidence)
            self.count_label.setText(english_plural(
                self.tr("{count} of %n exhibit(s)", None, total), total).format(count=count))

    def chosen_mask(self) -> tuple[str, ...]:
        """What the cover masks besides the ID number, as ticked."""
        return tuple(name for name, check in (("phone", self.mask_phone_check),
                                              ("address", self.mask_address_check))
                     if check.isChecked())

    def target(self) -> Path:
        text = self.path_edit.text().strip()
        path = Path(os.path.expanduser(text))
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    @Slot()
    def browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the dossier as"), str(self.target()),
            self.tr("PDF documents (*.pdf)"))
        if chosen:
            self.path_edit.setText(chosen)

    def _remember(self) -> None:
        self.choices.lang = str(self.lang_combo.currentData())
        self.choices.paper = str(self.paper_combo.currentData())
        self.choices.limit_size = self.limit_check.isChecked()
        self.choices.max_size_mb = self.size_spin.value()
        self.choices.summaries = self.summaries_check.isChecked()
        self.choices.mask_phone = self.mask_phone_check.isChecked()
        self.choices.mask_address = self.mask_address_check.isChecked()
        self.choices.folder = str(self.target().parent)
        with contextlib.suppress(OSError):  # remembering is a convenience only
            self.choices.save(self.choices_path)

    # ---- the export ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.job is not None

    @Slot()
    def start_export(self) -> None:
        if self.running:
            return
        if not self.path_edit.text().strip():
            self.message.setText(self.tr("Choose where to save the dossier."))
            self.path_edit.setFocus()
            return
        target = self.target()
        if not target.parent.is_dir():
            if target.parent.resolve() != documents_folder().resolve():
                self.message.setText(self.tr("The folder {folder} does not exist: choose "
                                             "another.").format(folder=str(target.parent)))
                self.path_edit.setFocus()
                return
            reason = make_default_folder(target.parent)  # Documents, missing on a new account
            if reason is not None:
                self.message.setText(self.tr("The folder {folder} cannot be made: {reason}")
                                     .format(folder=str(target.parent), reason=reason))
                return
        if target.exists() and QMessageBox.question(
                self, self.tr("Replace the file?"),
                self.tr("{name} exists already. Replace it?").format(name=target.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return
        self.message.setText(self.tr("Making the dossier…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self._set_inputs_enabled(False)
        self.export_button.setEnabled(False)
        job = ExportJob(self.book, self.case.id, target,
                        lang=str(self.lang_combo.currentData()),
                        paper=str(self.paper_combo.currentData()),
                        exhibits=self.chosen_exhibits(),
                        max_size_mb=self.size_spin.value() if self.limit_check.isChecked()
                        else None,
                        # in the default folder, never chosen: the person's alone
                        private=self.in_default_folder(target),
                        summaries=self.summaries_check.isChecked(),
                        mask=self.chosen_mask())
        job.progress.connect(self._on_progress)
        job.finished.connect(self._on_finished)
        job.failed.connect(self._on_failed)
        self.job = job
        self.runner.start(job)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.job = None
        if result is None:
            self.message.setText(self.tr("Export cancelled; no file was written."))
            self._stopped()
            return
        if isinstance(result, VerifyReport):
            self.message.setText(self.tr("The dossier was not made: {reason}").format(
                reason=result.problems[0].message))
            self._stopped()
            self.show_refusal(result)
            return
        assert isinstance(result, DossierResult)
        self._close_when_stopped = False  # it was done before the cancel arrived: show it
        self._stopped()
        self.dossier = result
        self._remember()
        self.exported.emit(result)
        self.accept()

    def show_refusal(self, report: VerifyReport) -> None:
        """Verify found problems: say which, in a message box (tests replace this)."""
        problems = [p.message for p in report.problems]
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The dossier was not made"),
                          english_plural(self.tr(
                              "Verify found %n problem(s) in this case's evidence or in the "
                              "change log, so the dossier was not made. Tools → Verify… lists "
                              "them for the whole book.", None, len(problems)), len(problems)),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("exportRefusal")
        box.setInformativeText("\n".join(problems[:12]) + ("\n…" if len(problems) > 12 else ""))
        if len(problems) > 12:
            box.setDetailedText("\n".join(problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self.job = None
        self.message.setText(self.tr("The dossier was not made: {reason}").format(
            reason=message))
        self._stopped()

    def _stopped(self) -> None:
        self.progress.hide()
        self._set_inputs_enabled(True)
        self.export_button.setEnabled(True)
        if self._close_when_stopped:
            self._close_when_stopped = False
            self.reject()

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(enabled)
        self.size_spin.setEnabled(enabled and self.limit_check.isChecked())

    @Slot()
    def cancel_or_close(self) -> None:
        """Cancel stops a running export (the dialog stays, to try again); else it closes."""
        if self.job is not None:
            self.job.cancel()
            self.message.setText(self.tr("Cancelling…"))
            return
        self.reject()

    def reject(self) -> None:
        if self.job is not None:  # Esc or the title bar's close: stop, then close
            self.job.cancel()
            self._close_when_stopped = True
            self.message.setText(self.tr("Cancelling…"))
            return
        self.runner.shutdown()
        super().reject()

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)

