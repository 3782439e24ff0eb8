"""A drafted letter in an editor: a complaint to the next body, or a chaser for a missed promise.

The core drafts it (``book.deadlines.draft_letter``) from the case: every contact with its reference
numbers, the broken promises, the clock, the desired outcome. Here the person edits it, switches
between Chinese and English (each language keeps its own edits), copies, prints or saves it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ServiceError
from desktop_app.records import CaseRecord
from desktop_app.services.book import Casebook
from desktop_app.store.files import write_atomically

LANGS = (("zh", "中文"), ("en", "English"))


class LetterDialog(QDialog):
    """The letter of ``kind`` ("complaint" or "chaser"; a chaser about ``promise_id`` or every
    broken promise), first in ``lang``."""

    def __init__(self, book: Casebook, case: CaseRecord, kind: str, lang: str,
                 promise_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letterDialog")
        self.book, self.case, self.kind, self.promise_id = book, case, kind, promise_id
        self._drafts: dict[str, str] = {}
        self._lang = ""
        self._discard_armed = False
        self._fresh: dict[str, str] = {}  # the drafts as the core made them
        self.setWindowTitle(self.tr("Complaint letter") if kind == "complaint"
                            else self.tr("Chaser letter"))

        self.language = QComboBox()
        self.language.setObjectName("letterLanguage")
        for code, name in LANGS:
            self.language.addItem(name, code)
        self.language.setToolTip(self.tr("The letter's language (each keeps your edits)"))
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("letterEditor")
        font = QFont(self.editor.font())
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.editor.setFont(font)
        self.editor.setTabChangesFocus(True)
        self.message = QLabel()
        self.message.setObjectName("letterMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #92400e;")
        self.hint = QLabel(self.tr("Edit the letter as you like; blanks (____) are yours to "
                                   "fill in."))
        self.hint.setStyleSheet("color: #6b7280;")

        self.copy_button = QPushButton(self.tr("Copy"))
        self.print_button = QPushButton(self.tr("Print…"))
        self.save_button = QPushButton(self.tr("Save as…"))
        self.close_buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        self.print_button.clicked.connect(self.print_letter)
        self.save_button.clicked.connect(self.save_as)

        top = QHBoxLayout()
        top.addWidget(self.hint, 1)
        top.addWidget(QLabel(self.tr("Language")))
        top.addWidget(self.language)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.save_button)
        actions.addWidget(self.message, 1)
        actions.addWidget(self.close_buttons)
        self.action_row = actions

        self.body = QVBoxLayout(self)
        self.body.addLayout(top)
        self.body.addWidget(self.editor, 1)
        self.body.addLayout(actions)

        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language.currentIndexChanged.connect(lambda _i: self.switch_language())
        self.switch_language()
        self.resize(760, 640)

    # ---- the text -------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return self._lang

    def draft(self, lang: str) -> str:
        """The core's draft in ``lang`` (raises ServiceError when it cannot be drafted)."""
        return self.book.deadlines.draft_letter(self.case.id, self.kind, lang, self.promise_id)

    def switch_language(self) -> None:
        """Show the letter in the chosen language, keeping the edits of the one left."""
        if self._lang:
            self._drafts[self._lang] = self.editor.toPlainText()
        lang = str(self.language.currentData())
        self._lang = lang
        if lang not in self._drafts:
            try:
                self._drafts[lang] = self._fresh[lang] = self.draft(lang)
            except ServiceError as exc:
                self.editor.setPlainText("")
                self.editor.setEnabled(False)
                self.message.setText(str(exc))
                for button in (self.copy_button, self.print_button, self.save_button):
                    button.setEnabled(False)
                return
        self.editor.setEnabled(True)
        for button in (self.copy_button, self.print_button, self.save_button):
            button.setEnabled(True)
        modified = self._drafts[lang] != self._fresh.get(lang)
        self.editor.setPlainText(self._drafts[lang])
        self.editor.document().setModified(modified)
        self.message.setText("")

    def letter_text(self) -> str:
        return self.editor.toPlainText()

    # ---- copy, print, save ----------------------------------------------------------------

    def _kept(self) -> None:
        """The letter left the editor (copied, printed, saved): closing loses nothing."""
        self.editor.document().setModified(False)
        self._discard_armed = False

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.letter_text())
        self._kept()
        self.message.setText(self.tr("Copied. Paste it into the complaint form or an email."))

    def make_printer(self) -> QPrinter:
        """The printer the print dialog sets up (tests give one that writes a PDF)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        return printer

    def print_letter(self) -> bool:
        """Ctrl+P-like: the system's print dialog, then the letter as plain text."""
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the letter"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        document = QTextDocument()
        font = QFont(self.editor.font())
        font.setPointSizeF(11)
        document.setDefaultFont(font)
        document.setPlainText(self.letter_text())
        document.print_(printer)
        self._kept()
        self.message.setText(self.tr("Sent to the printer."))
        return True

    def default_file_name(self) -> str:
        what = self.tr("Complaint letter") if self.kind == "complaint" else self.tr(
            "Chaser letter")
        title = "".join(c for c in self.case.title if c not in '\\/:*?"<>|').strip()
        return f"{what} - {title} ({self._lang}).txt"

    def choose_save_path(self) -> str:
        """Where to save the letter (tests replace this)."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the letter"), self.default_file_name(),
            self.tr("Text files (*.txt);;All files (*)"))
        return path

    def save_as(self) -> bool:
        path = self.choose_save_path()
        if not path:
            return False
        try:
            write_atomically(Path(path), self.letter_text(), mode=0o644)  # whole or not at all
        except OSError as exc:
            self.message.setText(self.tr("Could not save {path}: {error}").format(
                path=path, error=exc.strerror or str(exc)))
            return False
        self._kept()
        self.message.setText(self.tr("Saved to {path}").format(path=path))
        return True

    # ---- closing --------------------------------------------------------------------------

    def has_edits(self) -> bool:
        """Whether the letter shown was changed since it was drafted, or since saved/copied."""
        return self.editor.isEnabled() and self.editor.document().isModified()

    def reject(self) -> None:
        """Esc or Close: at once when nothing was edited; after edits, a second time."""
        if self.has_edits() and not self._discard_armed:
            self._discard_armed = True
            self.message.setText(self.tr("Your edits are not saved. Close again to discard "
                                         "them, or copy, print or save the letter first."))
            return
        super().reject()
