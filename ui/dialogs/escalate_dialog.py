"""Escalate: where to go next (the body, its hotline), why (the regulator clock), the complaint
letter ready to edit, and — once filed — the filing recorded on the timeline."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.deadlines.clock import Clock, clock_lines
from desktop_app.deadlines.rules import Body
from desktop_app.records import CaseRecord, EventFields, EventRecord, ReferenceData
from desktop_app.services.book import Casebook
from desktop_app.vocab import Channel, Direction, Status
from ui.book_worker import Task
from ui.dialogs import make_datetime_edit, set_wallclock, wallclock
from ui.dialogs.letter_dialog import LetterDialog
from ui.screen_fit import resize_within_screen

# (the filing entry, whether to set the case's status to escalated) -> the entry recorded
Filer = Callable[[EventFields, bool], Task]  # done(the entry), on the book's worker


class EscalateDialog(LetterDialog):
    """``body`` is the next body (``deadlines.next_body``), None when none is known; ``clock``
    the case's regulator clock, if one runs; ``filer`` records the filing (undoably)."""

    def __init__(self, book: Casebook, case: CaseRecord, body: Body | None,
                 clock: Clock | None, lang: str, filer: Filer, now: datetime,
                 parent: QWidget | None = None) -> None:
        super().__init__(book, case, "complaint", lang, parent=parent)
        self.setObjectName("escalateDialog")
        self.setWindowTitle(self.tr("Escalate “{title}”").format(title=case.title))
        self.next_body, self.clock, self.filer = body, clock, filer
        self.ui_lang = lang
        self.filed: EventRecord | None = None

        # where to go, and why
        self.where = QLabel()
        self.where.setObjectName("escalateBody")
        self.where.setWordWrap(True)
        self.why = QLabel()
        self.why.setObjectName("escalateWhy")
        self.why.setWordWrap(True)
        panel = QFrame()
        panel.setObjectName("escalatePanel")
        panel.setStyleSheet("QFrame#escalatePanel { background: #ffffff; border: 1px solid "
                            "#e3e6ea; border-radius: 6px; }")
        panel_layout = QVBoxLayout(panel)
        panel_layout.addWidget(self.where)
        panel_layout.addWidget(self.why)
        self._describe()

        # once filed
        self.filed_box = QGroupBox(self.tr("When you have filed it"))
        self.reference = QLineEdit()
        self.reference.setObjectName("filingReference")
        self.reference.setPlaceholderText(self.tr("The number the body gave you (optional)"))
        self.filed_at = make_datetime_edit()
        set_wallclock(self.filed_at, now)
        self.set_escalated = QCheckBox(self.tr("Set the case's status to “Escalated”"))
        self.set_escalated.setChecked(case.status != Status.ESCALATED)
        self.set_escalated.setEnabled(case.status != Status.ESCALATED)
        self.filed_button = QPushButton(self.tr("I have filed it"))
        self.filed_button.setObjectName("primaryButton")
        self.filed_button.setToolTip(self.tr("Put the filing on the timeline (Ctrl+Z undoes it)"))
        self.filed_button.clicked.connect(self.record_filing)
        form = QFormLayout()
        form.addRow(self.tr("Reference no."), self.reference)
        form.addRow(self.tr("Filed at"), self.filed_at)
        row = QHBoxLayout()
        row.addWidget(self.set_escalated, 1)
        row.addWidget(self.filed_button)
        box_layout = QVBoxLayout(self.filed_box)
        box_layout.addLayout(form)
        box_layout.addLayout(row)

        self.body.insertWidget(0, panel)
        self.action_row.removeWidget(self.close_buttons)
        self.body.addWidget(self.filed_box)
        self.body.addWidget(self.close_buttons)
        resize_within_screen(self, 800, 780)  # 708 high on a 1366×768 laptop

    def _body_name(self) -> str:
        body = self.next_body
        assert body is not None
        return body.name.zh if self.case.jurisdiction == "CN" else body.name.en

    def _describe(self) -> None:
        lang = self.ui_lang
        body = self.next_body
        if body is None:
            self.where.setText(self.tr("No complaint body is known for this case's "
                                       "jurisdiction. The letter leaves the addressee blank."))
        else:
            contact = [self.tr("hotline {number}").format(number=body.hotline)] \
                if body.hotline else []
            if body.website:
                contact.append(body.website)
            heading = self.tr("Next step: complain to {body}").format(body=body.name.get(lang))
            line = (f"<span style='font-size:13pt;font-weight:600'>{html.escape(heading)}"
                    "</span>")
            if contact:
                line += f"<br>{html.escape(' · '.join(contact))}"
            if not body.verified and body.note is not None:
                line += (f"<br><span style='color:#92400e'>⚠ "
                         f"{html.escape(body.note.get(lang))}</span>")
            self.where.setText(line)
        if self.clock is None:
            why = self.tr("No regulator clock runs for this case yet; you may still complain "
                          "if the institution does not deal with it.")
            self.why.setText(f"<span style='color:#4b5563'>{html.escape(why)}</span>")
            return
        lines = clock_lines(self.clock, self.case, lang)
        colour = "#b91c1c" if self.clock.overdue else "#1f2937"
        rows = [f"<span style='color:{colour}'>{html.escape(lines[0])}</span>",
                *(html.escape(line) for line in lines[1:])]
        source = self.clock.source.zh if lang == "zh" else self.clock.source.en
        rows.append(f"<span style='color:#6b7280'>{html.escape(source)}</span>")
        if self.clock.warnings:  # as beside the clock in the window: the dates may be off
            rows.append(f"<span style='color:#92400e'>⚠ "
                        f"{html.escape(' '.join(self.clock.warnings))}</span>")
        why_title = html.escape(self.tr("Why"))
        self.why.setText(f"<b>{why_title}</b><br>" + "<br>".join(rows))

    def filing_fields(self) -> EventFields:
        """The regulator-filing entry to add."""
        body = self.next_body
        reference = self.reference.text().strip()
        name = self._body_name() if body is not None else ""
        refs = (ReferenceData(reference, self.tr("Regulator case no."),
                              name),) if reference else ()
        return EventFields(
            at=wallclock(self.filed_at), channel=Channel.REGULATOR, direction=Direction.OUT,
            counterpart=name, contact=body.hotline if body is not None else "",
            summary=self.tr("Complaint filed with {body}").format(body=name) if name
            else self.tr("Complaint filed with the regulator"),
            references=refs)

    def record_filing(self) -> Task | None:
        """Put the filing on the timeline (on the book's worker); the button says when it is."""
        if self.filed is not None or not self.filed_button.isEnabled():
            return None
        self.filed_button.setEnabled(False)
        task = self.filer(self.filing_fields(), self.set_escalated.isChecked())
        return task.then(self._filed, self._not_filed)

    def _filed(self, record: EventRecord) -> None:
        self.filed = record
        self.filed_button.setText(self.tr("Filed ✓"))
        self.message.setText(self.tr("The filing is on the timeline. Ctrl+Z in the main "
                                     "window undoes it."))

    def _not_filed(self, message: str) -> None:
        self.filed_button.setEnabled(True)
        self.message.setText(message)
