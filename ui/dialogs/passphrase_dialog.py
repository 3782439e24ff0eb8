"""The passphrase of a locked book: asked for to open it (at start-up, after the idle lock), and
given, changed or removed from the window (File → Passphrase).

Opening checks the passphrase off the GUI thread (scrypt takes about half a second): the dialog
says "Opening…" and shows the busy cursor meanwhile; a wrong passphrase is said in one line
under the field and the person tries again. Only imported for a locked book, or when the
person asks to set a passphrase: a plain book's start-up does not load it.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.book import unlock_book
from ui.jobs import Job

SHORT = 10  # fewer characters than this: the hint suggests a longer passphrase


class PassphraseField(QWidget):
    """A masked line edit with a Show/Hide button beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setMinimumWidth(260)
        self.toggle = QPushButton()
        self.toggle.setCheckable(True)
        self.toggle.setAutoDefault(False)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.toggle.toggled.connect(self._shown)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.toggle)
        self._shown(False)

    @Slot(bool)
    def _shown(self, shown: bool) -> None:
        self.edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                              else QLineEdit.EchoMode.Password)
        self.toggle.setText(self.tr("Hide") if shown else self.tr("Show"))

    def text(self) -> str:
        return self.edit.text()

    def clear(self) -> None:
        self.edit.clear()


class UnlockJob(Job):
    """The passphrase checked against the book's key file; its key remembered if right."""

    def __init__(self, folder: Path, passphrase: str) -> None:
        super().__init__()
        self.folder, self.passphrase = folder, passphrase

    def work(self) -> bool:
        unlock_book(self.folder, self.passphrase)
        return True


class UnlockDialog(QDialog):
    """Asks for the passphrase of the locked book in ``folder`` until it opens it (accepted:
    the book's key is remembered) or the person cancels (rejected).

    Signals: ``unlocked()`` once the key is remembered; ``refused(str)`` after a wrong
    passphrase (the one-line message shown)."""

    unlocked = Signal()
    refused = Signal(str)

    def __init__(self, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.folder = folder
        self.job: UnlockJob | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.field = PassphraseField()
        self.field.edit.textChanged.connect(lambda _t: self._update())
        self.error = QLabel()
        self.error.setObjectName("passphraseError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_passphrase)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Casebook is locked"))
        self.intro.setText(self.tr("This book is locked. Type its passphrase to open it.\n{folder}")
                           .format(folder=str(folder)))
        self._idle_texts()
        self._update()
        self.field.edit.setFocus()

    def _idle_texts(self) -> None:
        self.ok.setText(self.tr("Open"))

    @property
    def working(self) -> bool:
        return self.job is not None

    def _update(self) -> None:
        self.ok.setEnabled(not self.working and bool(self.field.text()))
        self.field.setEnabled(not self.working)

    @Slot()
    def try_passphrase(self) -> None:
        passphrase = self.field.text()
        if self.working or not passphrase:
            return
        self.job = job = UnlockJob(self.folder, passphrase)
        job.finished.connect(lambda _r: self._opened())
        job.failed.connect(self._wrong)
        self.ok.setText(self.tr("Opening…"))
        self.error.hide()
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        self._update()
        self._pool.start(job)

    def _finished_work(self) -> None:
        self.job = None
        QGuiApplication.restoreOverrideCursor()
        self._idle_texts()
        self._update()

    def _opened(self) -> None:
        self._finished_work()
        self.field.clear()
        self.unlocked.emit()
        self.accept()

    def _wrong(self, message: str) -> None:
        self._finished_work()
        self.error.setText(message)
        self.error.show()
        self.field.edit.selectAll()
        self.field.edit.setFocus()
        self.refused.emit(message)

    def reject(self) -> None:
        if self.working:  # the check is half a second: Cancel then waits for it
            return
        super().reject()

    def done(self, result: int) -> None:
        self._pool.waitForDone()
        super().done(result)


class Change(Enum):
    """What the passphrase dialog is asked to do."""

    SET = "set"  # a plain book gets a passphrase
    CHANGE = "change"
    REMOVE = "remove"


class PassphraseDialog(QDialog):
    """Set, change or remove a book's passphrase: what is typed is checked here (the new one
    twice, the same both times); whether the current one is right is the conversion's to say.
    ``current`` and ``new`` hold what was typed once accepted."""

    def __init__(self, change: Change, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphraseDialog")
        self.change = change
        self.warning = QLabel()
        self.warning.setObjectName("passphraseWarning")
        self.warning.setWordWrap(True)
        self.old_field = PassphraseField()
        self.new_field = PassphraseField()
        self.again_field = PassphraseField()
        self.hint = QLabel()
        self.hint.setObjectName("passphraseHint")
        self.hint.setWordWrap(True)
        form = QFormLayout()
        if change is not Change.SET:
            form.addRow(self.tr("Current passphrase:"), self.old_field)
        if change is not Change.REMOVE:
            form.addRow(self.tr("New passphrase:"), self.new_field)
            form.addRow(self.tr("Type it again:"), self.again_field)
        for field in (self.old_field, self.new_field, self.again_field):
            field.edit.textChanged.connect(lambda _t: self._update())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._texts()
        self._update()

    def _texts(self) -> None:
        titles = {Change.SET: self.tr("Set a passphrase"),
                  Change.CHANGE: self.tr("Change the passphrase"),
                  Change.REMOVE: self.tr("Remove the passphrase")}
        self.setWindowTitle(titles[self.change])
        if self.change is Change.SET:
            self.warning.setText(self.tr(
                "Every case and evidence file of this book will be encrypted, and the book "
                "will open only with this passphrase.\n\nIf you forget this passphrase the book "
                "cannot be opened: there is no way back. Write it down and keep it somewhere "
                "safe."))
            self.ok.setText(self.tr("Set passphrase"))
        elif self.change is Change.CHANGE:
            self.warning.setText(self.tr(
                "If you forget the new passphrase the book cannot be opened: there is no way "
                "back. Write it down and keep it somewhere safe."))
            self.ok.setText(self.tr("Change passphrase"))
        else:
            self.warning.setText(self.tr(
                "The book will be decrypted: anyone who can use this computer account will be "
                "able to read its cases and evidence files."))
            self.ok.setText(self.tr("Remove passphrase"))

    @property
    def current(self) -> str:
        return self.old_field.text()

    @property
    def new(self) -> str:
        return self.new_field.text()

    def problem(self) -> str:
        """Why OK is not possible yet ("" when it is)."""
        if self.change is not Change.SET and not self.current:
            return self.tr("Type the current passphrase.")
        if self.change is Change.REMOVE:
            return ""
        if not self.new:
            return self.tr("Type the new passphrase twice.")
        if self.new != self.again_field.text():
            return self.tr("The two new passphrases are not the same.")
        return ""

    def _update(self) -> None:
        problem = self.problem()
        self.ok.setEnabled(not problem)
        hint = problem
        if not problem and self.change is not Change.REMOVE and len(self.new) < SHORT:
            hint = self.tr("A short passphrase is easier to guess: a few words are longer and "
                           "easy to remember.")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
