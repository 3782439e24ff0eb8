"""Ctrl+U: log an unsolicited call or SMS in seconds, while the phone is still ringing.

The number (the ones that called before are offered first), the time (now, unless changed) and
what it was about. A call becomes an ``unsolicited`` entry, an SMS an ``unsolicited_sms`` one:
only what the person logged so counts as unsolicited, never the institution's own SMS.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.deadlines.unsolicited import is_unsolicited
from desktop_app.records import EventFields, EventRecord
from desktop_app.vocab import Channel, Direction
from ui.dialogs import RecordDialog, make_datetime_edit, normalise_typed, set_wallclock, wallclock


def earlier_numbers(events: Sequence[EventRecord]) -> list[str]:
    """The numbers unsolicited calls and messages came from, most frequent first."""
    counts = Counter(e.contact.strip() for e in events if is_unsolicited(e) and e.contact.strip())
    return [number for number, _n in counts.most_common()]


class QuickLogDialog(RecordDialog):
    """``fields()`` is the entry to add."""

    def __init__(self, events: Sequence[EventRecord], at: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickLogDialog")
        self.setWindowTitle(self.tr("Log an unsolicited call or SMS"))
        self.call = QRadioButton(self.tr("Incoming call"))
        self.sms = QRadioButton(self.tr("SMS"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.call)
        self.kind_group.addButton(self.sms)
        self.call.setChecked(True)
        kinds = QHBoxLayout()
        kinds.addWidget(self.call)
        kinds.addWidget(self.sms)
        kinds.addStretch(1)

        self.number = QComboBox()
        self.number.setObjectName("quickLogNumber")
        self.number.setEditable(True)
        self.number.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.number.addItems(earlier_numbers(events))
        self.number.setCurrentIndex(-1)
        line = self.number.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("The number that called, e.g. 95533 or 021-6xxxxxxx"))
        self.when = make_datetime_edit()
        set_wallclock(self.when, at)
        self.about = QLineEdit()
        self.about.setObjectName("quickLogAbout")
        self.about.setPlaceholderText(self.tr("e.g. loan marketing; I said no and asked them "
                                              "to stop"))
        hint = QLabel(self.tr("Every call and message counts: the pattern — how often, at what "
                              "hours, after you said no — is what proves harassment."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #6b7280;")

        form = QFormLayout()
        form.addRow(self.tr("What came"), kinds)
        form.addRow(self.tr("Number"), self.number)
        form.addRow(self.tr("When"), self.when)
        form.addRow(self.tr("What it was about"), self.about)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addLayout(self.add_footer())
        self.ok_button.setText(self.tr("Log it"))
        for signal in (self.number.currentTextChanged, self.about.textChanged,
                       self.when.dateTimeChanged, self.call.toggled):
            signal.connect(self.refresh)
        self.resize_within_screen(520, 250)
        self.finish_setup()
        self.number.setFocus()

    def fields(self) -> EventFields:
        sms = self.sms.isChecked()
        return EventFields(
            at=wallclock(self.when),
            channel=Channel.UNSOLICITED_SMS if sms else Channel.UNSOLICITED,
            direction=Direction.IN,
            contact=normalise_typed(self.number.currentText()).strip(),
            summary=self.about.text().strip(),
        )

    def snapshot(self) -> object:
        return (self.sms.isChecked(), self.number.currentText(), self.about.text(),
                self.when.dateTime())
