"""When an exhibit was made, set by hand: the time Casebook has and where it came from, and a
date-time to put in its place (or "not known"). Saved as the person's own (source "person")."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.reading.capture_time import captured_words
from desktop_app.records import EvidenceRecord
from ui.dialogs import RecordDialog, make_datetime_edit, set_wallclock, wallclock
from ui.timeconv import format_datetime


class CaptureTimeDialog(RecordDialog):
    """``captured()`` is what the person chose: a time, or None for "not known"."""

    def __init__(self, record: EvidenceRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureTimeDialog")
        self.record = record
        self.setWindowTitle(self.tr("When was {exhibit} made?").format(exhibit=record.exhibit))
        name = record.caption or record.original_name
        what = QLabel(f"<b>{record.exhibit}</b> — {name}")
        what.setWordWrap(True)
        now = QLabel(self.tr("Casebook has: {captured}").format(captured=captured_words(
            format_datetime(record.captured_at), record.captured_source)))
        now.setObjectName("capturedNow")
        now.setStyleSheet("color: #6b7280;")
        now.setWordWrap(True)
        self.time_edit = make_datetime_edit()
        self.time_edit.setObjectName("capturedEdit")
        start = record.captured_at or record.imported_at
        set_wallclock(self.time_edit, start.replace(second=0, microsecond=0))  # as shown
        self.unknown = QCheckBox(self.tr("Not known"))
        self.unknown.setToolTip(self.tr("Say that when it was made is not known, rather than "
                                        "give a time that may be wrong"))
        self.unknown.setChecked(False)
        self.time_edit.dateTimeChanged.connect(self.refresh)
        self.unknown.toggled.connect(self._unknown_toggled)
        note = QLabel(self.tr("The time you give is kept as yours (“set by you”), in the "
                              "dossier too. Undo with Ctrl+Z."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")
        form = QFormLayout()
        form.addRow(self.tr("Made at"), self.time_edit)
        form.addRow("", self.unknown)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(now)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(self.add_footer())
        self.resize_within_screen(440, 220)
        self.finish_setup()
        self.time_edit.setFocus()

    def _unknown_toggled(self, unknown: bool) -> None:
        self.time_edit.setEnabled(not unknown)
        self.refresh()

    def captured(self) -> datetime | None:
        """The time chosen (aware), or None for "not known"."""
        return None if self.unknown.isChecked() else wallclock(self.time_edit)

    def snapshot(self) -> object:
        return self.captured()
