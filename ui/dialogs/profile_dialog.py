"""Your details: who the complaint is from, as the dossier's cover shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop_app.services.profile import Profile, load_profile, update_profile
from ui.dialogs import RecordDialog


class ProfileDialog(RecordDialog):
    """Name, phone, e-mail, address and an ID number, kept in the data dir's profile.json."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileDialog")
        self.data_dir = data_dir
        try:
            profile = load_profile(data_dir)
        except ValueError as exc:  # a damaged file: start empty, and say so
            profile = Profile()
            self.message.setText(str(exc))
        self.name_edit = QLineEdit(profile.name)
        self.phone_edit = QLineEdit(profile.phone)
        self.email_edit = QLineEdit(profile.email)
        self.address_edit = QPlainTextEdit(profile.address)
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(64)
        self.id_edit = QLineEdit(profile.id_number)
        self.id_hint = QLabel()
        self.id_hint.setWordWrap(True)
        self.id_hint.setStyleSheet("color: #6b7280;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        form = QFormLayout()
        self.labels = [QLabel() for _ in range(5)]
        id_field = QVBoxLayout()  # the hint right under its field
        id_field.setSpacing(2)
        id_field.addWidget(self.id_edit)
        id_field.addWidget(self.id_hint)
        for label, field in zip(self.labels[:4], (self.name_edit, self.phone_edit, self.email_edit,
                                              self.address_edit), strict=True):
            form.addRow(label, field)
        form.addRow(self.labels[4], id_field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addStretch(1)  # room to spare goes below the form, not between its rows
        layout.addLayout(self.add_footer())
        for edit in (self.name_edit, self.phone_edit, self.email_edit, self.id_edit):
            edit.textChanged.connect(self.refresh)
        self.address_edit.textChanged.connect(self.refresh)
        self.set_saver(self.save)
        self.retranslate()
        self.resize_within_screen(520, self.sizeHint().height())
        self.finish_setup()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Your details"))
        self.intro.setText(self.tr(
            "Shown on the cover of every dossier you export, so the institution or regulator "
            "knows who the complaint is from and how to reach you."))
        for label, text in zip(self.labels, (self.tr("Name"), self.tr("Phone"),
                                             self.tr("E-mail"), self.tr("Address"),
                                             self.tr("ID number")), strict=True):
            label.setText(text)
        self.id_hint.setText(self.tr(
            "Optional. The dossier shows only its last four characters."))

    def values(self) -> dict[str, str]:
        return {"name": self.name_edit.text(), "phone": self.phone_edit.text(),
                "email": self.email_edit.text(), "address": self.address_edit.toPlainText(),
                "id_number": self.id_edit.text()}

    def snapshot(self) -> object:
        return self.values()

    def problem(self) -> tuple[str, QWidget] | None:
        email = self.email_edit.text().strip()
        if email and "@" not in email:
            return self.tr("The e-mail address needs an @."), self.email_edit
        return None

    def save(self) -> Profile:
        return update_profile(self.data_dir, **self.values())
