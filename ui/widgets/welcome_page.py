"""The first page of a new book: what a case is, a button to start one or to look at a sample
first, and who the complaint is from — name, phone, ID number (masked in the dossier) — with
the dossier's language and the folder dossiers go to (made when missing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import LockError, ServiceError
from desktop_app.services.profile import Profile, load_profile, update_profile
from desktop_app.store import vault
from ui.folders import documents_folder, make_default_folder

EXPORT_CHOICES = "export.json"  # as the export dialog keeps them (ui.dialogs.export_dialog)


class WelcomePage(QScrollArea):
    """Signals: ``create_case()``, ``open_sample()``."""

    create_case = Signal()
    open_sample = Signal()

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyPage")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.data_dir = data_dir
        body = QWidget()
        self.title = QLabel()
        self.title.setObjectName("emptyTitle")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.button = QPushButton()
        self.button.setObjectName("primaryButton")
        self.button.clicked.connect(self.create_case)
        self.sample_button = QPushButton()
        self.sample_button.clicked.connect(self.open_sample)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch(1)

        self.about = QGroupBox()
        try:
            profile = load_profile(data_dir)
        except ServiceError:
            profile = Profile()
        self.name_edit = QLineEdit(profile.name)
        self.phone_edit = QLineEdit(profile.phone)
        self.id_edit = QLineEdit(profile.id_number)
        self.id_hint = QLabel()
        self.id_hint.setWordWrap(True)
        self.id_hint.setStyleSheet("color: #6b7280;")
        self.lang_combo = QComboBox()
        self.lang_combo.addItem("中文", "zh")
        self.lang_combo.addItem("English", "en")
        chosen = _choices(data_dir)
        lang = chosen.get("lang") or ("zh" if QLocale().language() == QLocale.Language.Chinese
                                      else "en")
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(lang)))
        self.folder_edit = QLineEdit(str(chosen.get("folder") or documents_folder()))
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.browse_button)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        form = QFormLayout(self.about)
        self.labels = [QLabel() for _ in range(5)]
        fields: list[QWidget] = [self.name_edit, self.phone_edit, self.id_edit, self.lang_combo]
        for label, field in zip(self.labels, fields, strict=False):
            label.setBuddy(field)
            form.addRow(label, field)
        self.labels[4].setBuddy(self.folder_edit)
        form.addRow(self.labels[4], folder_row)
        form.insertRow(3, "", self.id_hint)
        save_row = QHBoxLayout()
        save_row.addWidget(self.saved, 1)
        save_row.addWidget(self.save_button)
        form.addRow(save_row)

        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addStretch(1)
        layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addSpacing(12)
        layout.addWidget(self.about, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.about.setMaximumWidth(620)
        self.setWidget(body)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("No case yet"))
        self.text.setText(self.tr(
            "A case keeps one complaint: every call, visit, message and letter, with the "
            "reference numbers and promises they produced.\nStart by creating a case for the "
            "bank or app you are complaining about — or look at a sample case first."))
        self.button.setText(self.tr("Create a case"))
        self.sample_button.setText(self.tr("Open a sample case"))
        self.about.setTitle(self.tr("About you, for the dossier's cover (you can change it "
                                    "later: File → Your details)"))
        for label, text in zip(self.labels, (self.tr("&Name"), self.tr("&Phone"),
                                             self.tr("&ID number"), self.tr("Dossier &language"),
                                             self.tr("Save dossiers &in")), strict=True):
            label.setText(text)
        self.id_hint.setText(self.tr("Optional. The dossier shows only its last four "
                                     "characters."))
        self.browse_button.setText(self.tr("Browse…"))
        self.save_button.setText(self.tr("Save"))

    def save(self) -> bool:
        """Keep the details, the dossier's language and its folder (made if missing)."""
        folder = Path(self.folder_edit.text().strip() or str(documents_folder())).expanduser()
        reason = make_default_folder(folder)
        if reason is not None:
            self.saved.setText(self.tr("The folder {folder} cannot be made: {reason}").format(
                folder=str(folder), reason=reason))
            return False
        try:
            update_profile(self.data_dir, name=self.name_edit.text(),
                           phone=self.phone_edit.text(), id_number=self.id_edit.text())
            self._save_choices(folder)
        except (ServiceError, OSError) as exc:
            self.saved.setText(self.tr("Not saved: {reason}").format(reason=str(exc)))
            return False
        self.saved.setText(self.tr("Saved."))
        return True

    def _save_choices(self, folder: Path) -> None:
        from ui.dialogs.export_dialog import ExportChoices  # deferred: ~20 ms; on Save only

        path = self.data_dir / EXPORT_CHOICES
        choices = ExportChoices.load(path)
        choices.lang = str(self.lang_combo.currentData())
        choices.folder = str(folder)
        choices.save(path)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Save dossiers in"),
                                                  self.folder_edit.text())
        if chosen:
            self.folder_edit.setText(chosen)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _choices(data_dir: Path) -> dict[str, Any]:
    """The export choices kept so far (language, folder), read without the export dialog."""
    try:
        raw = json.loads(vault.read_text(data_dir / EXPORT_CHOICES))
    except (OSError, ValueError, LockError):  # a locked book's, without its key
        return {}
    return raw if isinstance(raw, dict) else {}
