"""Mark a promise kept or broken, with a note of what happened ("no call came")."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records import EventRecord, PromiseData
from ui.dialogs import RecordDialog
from ui.i18n import vocab_label
from ui.timeconv import format_datetime


class PromiseStateDialog(RecordDialog):
    """The promise, where and when it was made, its state (kept / broken / still pending) and
    a note. ``state()`` and ``note()`` are what the person chose."""

    def __init__(self, event: EventRecord, promise: PromiseData, state: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promiseStateDialog")
        self.promise = promise
        self.setWindowTitle(self.tr("Mark promise kept") if state == "kept"
                            else self.tr("Mark promise broken") if state == "broken"
                            else self.tr("Promise"))
        what = QLabel(f"<b>{html.escape(promise.text)}</b>")
        what.setWordWrap(True)
        made = self.tr("Made on {when} ({channel}{who})").format(
            when=format_datetime(event.at), channel=vocab_label("channel", event.channel),
            who=f", {event.counterpart}" if event.counterpart else "")
        if promise.due_at is not None:
            made += " · " + self.tr("due {when}").format(when=format_datetime(promise.due_at))
        context = QLabel(made)
        context.setStyleSheet("color: #6b7280;")
        context.setWordWrap(True)

        self.note_edit = QLineEdit(promise.state_note)
        self.note_edit.setObjectName("promiseNote")
        self.note_edit.textChanged.connect(self.refresh)
        self.kept = QRadioButton(self.tr("Kept"))
        self.broken = QRadioButton(self.tr("Broken"))
        self.pending = QRadioButton(self.tr("Still waiting"))
        self.group = QButtonGroup(self)
        for button in (self.kept, self.broken, self.pending):
            self.group.addButton(button)
            button.toggled.connect(self._state_toggled)
        {"kept": self.kept, "broken": self.broken}.get(state, self.pending).setChecked(True)
        states = QHBoxLayout()
        for button in (self.kept, self.broken, self.pending):
            states.addWidget(button)
        states.addStretch(1)

        form = QFormLayout()
        form.addRow(self.tr("State"), states)
        form.addRow(self.tr("Note"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(context)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addLayout(self.add_footer())
        self._state_toggled()
        self.resize_within_screen(480, 220)
        self.finish_setup()
        self.note_edit.setFocus()

    def _state_toggled(self, _checked: bool = False) -> None:
        state = self.state()
        self.note_edit.setPlaceholderText(
            self.tr("e.g. They called back on 6 Nov and explained") if state == "kept" else
            self.tr("e.g. No call came; nobody answered at 95533") if state == "broken" else
            self.tr("e.g. They asked for two more days"))
        self.ok_button.setText(self.tr("Mark kept") if state == "kept" else
                               self.tr("Mark broken") if state == "broken" else
                               self.tr("Save"))
        self.refresh()

    def state(self) -> str:
        if self.kept.isChecked():
            return "kept"
        if self.broken.isChecked():
            return "broken"
        return "pending"

    def note(self) -> str:
        return self.note_edit.text().strip()

    def snapshot(self) -> object:
        return (self.state(), self.note())
