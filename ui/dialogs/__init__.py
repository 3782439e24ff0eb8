"""Dialogs that edit one record: a timeline entry (``event_editor``) and a case (``case_dialog``).

Shared here: the OK / Cancel frame with the keyboard conventions of every Casebook dialog,
date-time editors that show the user's wall-clock time without Qt's own zone logic, and a
validator that takes what a Chinese input method types (full-width digits, ``。`` for ``.``,
``：`` for ``:``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, QRegularExpression, Qt, QTimeZone, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from desktop_app.errors import ServiceError
from ui.book_worker import Task
from ui.i18n import vocab_items
from ui.screen_fit import resize_within_screen
from ui.timeconv import from_qdatetime, to_qdatetime

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"

# What an input method in Chinese mode types for the punctuation of numbers and times.
# (NFKC already turns full-width digits, "：", "，" and "．" into ASCII.)
_IME_PUNCTUATION = str.maketrans({"。": ".", "、": ","})


def normalise_typed(text: str) -> str:
    """Full-width digits and punctuation, as an input method types them, in ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_IME_PUNCTUATION)


class TypedTextValidator(QRegularExpressionValidator):
    """A regular-expression validator that first turns IME full-width input into ASCII.

    Without this, "12。50" typed in Chinese mode would be refused key by key.
    """

    def __init__(self, pattern: str, parent: QWidget | None = None) -> None:
        super().__init__(QRegularExpression(pattern), parent)

    def validate(self, text: str, pos: int) -> object:
        return super().validate(normalise_typed(text), pos)


def make_datetime_edit(parent: QWidget | None = None) -> QDateTimeEdit:
    """A date-time editor with a calendar popup, showing a wall-clock time to the minute.

    The editor works in UTC, a zone without daylight-saving gaps, and is given the user's
    wall-clock time as if it were UTC: the user's zone is ours (``CASEBOOK_TZ`` or the
    system's), never Qt's idea of local time. Use :func:`set_wallclock` and :func:`wallclock`.
    """
    edit = QDateTimeEdit(parent)
    edit.setTimeZone(QTimeZone.utc())
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def to_edit_value(moment: datetime) -> QDateTime:
    """The value a :func:`make_datetime_edit` editor shows for ``moment``."""
    local = to_qdatetime(moment)
    return QDateTime(local.date(), local.time(), QTimeZone.utc())


def set_wallclock(edit: QDateTimeEdit, moment: datetime) -> None:
    edit.setDateTime(to_edit_value(moment))


def wallclock(edit: QDateTimeEdit) -> datetime:
    """The editor's value read as the user's local time, aware."""
    return from_qdatetime(edit.dateTime())


def fill_vocab_combo(combo: QComboBox, kind: str) -> None:
    """Translated labels shown, stable values kept as item data."""
    for value, label in vocab_items(kind):
        combo.addItem(label, value)


def select_value(combo: QComboBox, value: str) -> None:
    """Select the item holding ``value``; an unknown value is added as is, never lost."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class RecordDialog(QDialog):
    """OK / Cancel around a form, with the keyboard conventions of every Casebook dialog.

    Ctrl+Return (Cmd+Return on macOS) accepts from anywhere, even inside a multi-line field.
    While :meth:`problem` names something missing, OK is disabled and a line beside the buttons
    says why; ``accept()`` refuses and puts the cursor where the problem is. Esc cancels at once
    when nothing was changed; after changes it must be pressed twice, so that a stray Esc while
    on hold with a hotline does not throw away what was typed. Cancel always cancels.

    Subclasses build their form, call :meth:`add_footer` and, at the end of ``__init__``,
    :meth:`finish_setup`; they connect their widgets' change signals to :meth:`refresh`.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("primaryButton")
        self.ok_button.setToolTip(self.tr("Save (Ctrl+Return)"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.message = QLabel()
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("QLabel#formMessage { color: #92400e; }")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.accept)
        self._initial: object = None
        self._discard_armed = False
        self._saver: Callable[[], object] | None = None
        self._saving: Task | None = None

    def set_saver(self, saver: Callable[[], object]) -> None:
        """Run ``saver`` on OK before the dialog closes. If the core refuses (ServiceError, or a
        returned worker task that fails), the dialog stays open with the reason beside the
        buttons, so nothing typed is lost; a returned task closes it once it is done."""
        self._saver = saver

    def add_footer(self) -> QHBoxLayout:
        """The message line and the buttons, as one row to add at the bottom of the dialog."""
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.buttons, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    def resize_within_screen(self, width: int, height: int) -> None:
        """Start at this size, or smaller on a small screen (a 1366×768 laptop)."""
        resize_within_screen(self, width, height)

    def finish_setup(self) -> None:
        """Remember the values as loaded (to tell changes apart) and show what is missing."""
        self._initial = self.snapshot()
        self.refresh()

    def problem(self) -> tuple[str, QWidget] | None:
        """What keeps the form from being saved, and the widget to fix it in; None if nothing."""
        return None

    def snapshot(self) -> object:
        """The values as entered; compared with the loaded ones to tell whether anything changed."""
        raise NotImplementedError

    def has_changes(self) -> bool:
        return self.snapshot() != self._initial

    @Slot()
    def refresh(self) -> None:
        self._discard_armed = False
        problem = self.problem()
        self.ok_button.setEnabled(problem is None)
        self.message.setText("" if problem is None else problem[0])

    def accept(self) -> None:
        problem = self.problem()
        if problem is not None:
            text, widget = problem
            self.ok_button.setEnabled(False)
            self.message.setText(text)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if self._saver is not None:
            if self._saving is not None:
                return  # OK pressed again while the book is saving
            try:
                outcome = self._saver()
            except ServiceError as exc:
                self.message.setText(str(exc))
                return
            if isinstance(outcome, Task):  # saved on the book's worker: close when it is done
                self._saving = outcome
                self.ok_button.setEnabled(False)
                outcome.then(self._saved, self._not_saved)
                return
        super().accept()

    def _saved(self, _result: object) -> None:
        self._saving = None
        self.ok_button.setEnabled(True)
        super().accept()

    def _not_saved(self, message: str) -> None:
        """The core refused: the dialog stays open with the reason, nothing typed is lost."""
        self._saving = None
        self.ok_button.setEnabled(True)
        self.message.setText(message)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (event.key() == Qt.Key.Key_Escape and not self._discard_armed
                and self.has_changes()):
            self._discard_armed = True
            self.message.setText(self.tr("Press Esc again to close without saving your changes."))
            event.accept()
            return
        super().keyPressEvent(event)


__all__ = [
    "DATETIME_FORMAT",
    "RecordDialog",
    "TypedTextValidator",
    "fill_vocab_combo",
    "make_datetime_edit",
    "normalise_typed",
    "select_value",
    "set_wallclock",
    "to_edit_value",
    "wallclock",
]
