"""The case form: what the complaint is about, against whom, what it cost, what is wanted."""

from __future__ import annotations

import itertools
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Slot
from PySide6.QtGui import QPainter, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import Invalid
from desktop_app.records import CaseFields, InstitutionRecord
from desktop_app.services.validation import parse_amount as core_parse_amount
from desktop_app.timeutil import now, to_local
from ui.dialogs import (
    RecordDialog,
    TypedTextValidator,
    fill_vocab_combo,
    make_datetime_edit,
    normalise_typed,
    select_value,
    set_wallclock,
    wallclock,
)

Index = QModelIndex | QPersistentModelIndex

CURRENCIES = ("CNY", "GBP", "USD", "EUR", "HKD")
INSTITUTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HOTLINE_ROLE = Qt.ItemDataRole.UserRole + 2
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 3

def parse_amount(text: str) -> Decimal | None:
    """The amount typed (the core's rules: IME full-width digits, 1,234.50, 5万), or None if
    empty or not an amount (the form then says why: :meth:`CaseDialog.problem`)."""
    try:
        return core_parse_amount(normalise_typed(text))
    except Invalid:
        return None


class InstitutionDelegate(QStyledItemDelegate):
    """A directory entry as a list row: its name, and its hotline in grey on the right."""

    GAP = 24

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        hotline = index.data(HOTLINE_ROLE)
        if not hotline:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (QPalette.ColorRole.HighlightedText if selected
                else QPalette.ColorRole.PlaceholderText)
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.drawText(option.rect.adjusted(0, 0, -8, 0),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, hotline)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        hotline = index.data(HOTLINE_ROLE)
        if hotline:
            size.setWidth(size.width() + self.GAP + option.fontMetrics.horizontalAdvance(hotline))
        return size


class InstitutionCompleter(QCompleter):
    """Matches any part of an institution's names or hotline; completes to its name."""

    def pathFromIndex(self, index: Index) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "")


class CaseDialog(RecordDialog):
    """Edit a case, or start a new one.

    The institution is picked from the directory (by any part of its name, short name, English
    name or hotline) or typed: ``fields()`` gives a directory entry as its id and name, and a
    name not in the directory as ``institution_id=None`` with the name as typed.
    """

    def __init__(self, institutions: list[InstitutionRecord], fields: CaseFields | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._institutions = list(institutions)
        self._original = fields if fields is not None else CaseFields(title="")
        self.setWindowTitle(self.tr("Case"))
        self.setSizeGripEnabled(True)
        self._build()
        self._load(self._original)
        self._connect_changes()
        self.finish_setup()
        self.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize_within_screen(620, 680)

    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("A few words you will recognise the case by "
                                                   "(required)"))

        self.institution_model = QStandardItemModel(self)
        for inst in self._institutions:
            item = QStandardItem(inst.name)
            item.setData(inst.id, INSTITUTION_ID_ROLE)
            item.setData(inst.hotline, HOTLINE_ROLE)
            item.setData(" ".join(filter(None, (inst.name, inst.short_name, inst.name_en,
                                                inst.hotline))), SEARCH_ROLE)
            item.setToolTip(" · ".join(filter(None, (inst.name_en, inst.hotline,
                                                     inst.website))))
            item.setEditable(False)
            self.institution_model.appendRow(item)
        self.institution_combo = QComboBox()
        self.institution_combo.setEditable(True)
        self.institution_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.institution_combo.setModel(self.institution_model)
        self.institution_combo.setMaxVisibleItems(15)
        self.institution_combo.setSizePolicy(QSizePolicy.Policy.Expanding,
                                             QSizePolicy.Policy.Fixed)
        delegate = InstitutionDelegate(self)
        self.institution_combo.setItemDelegate(delegate)
        institution_line = self.institution_combo.lineEdit()
        assert institution_line is not None
        institution_line.setPlaceholderText(
            self.tr("The bank, payment app or lender: type part of its name"))
        completer = InstitutionCompleter(self.institution_model, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        popup = completer.popup()
        if popup is not None:
            popup.setItemDelegate(delegate)
        self.institution_combo.setCompleter(completer)
        self.institution_note = QLabel()
        self.institution_note.setObjectName("fieldLabel")

        self.product_edit = QLineEdit()
        self.product_edit.setPlaceholderText(self.tr("e.g. the bank's WeChat mini-program, "
                                                     "a credit card, a wallet"))
        self.category_combo = QComboBox()
        fill_vocab_combo(self.category_combo, "category")

        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(self.tr("e.g. 1280.50"))
        self.amount_edit.setMaximumWidth(180)
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.currency_combo = QComboBox()
        self.currency_combo.setEditable(True)
        self.currency_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.currency_combo.addItems(CURRENCIES)
        self.currency_combo.setValidator(TypedTextValidator(r"[A-Za-z]{0,3}",
                                                            self.currency_combo))
        self.currency_combo.setMaximumWidth(90)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount_edit)
        amount_row.addWidget(self.currency_combo)
        amount_row.addStretch(1)

        self.incident_known = QCheckBox(self.tr("Known"))
        self.incident_known.setToolTip(self.tr("Tick if you know when it happened"))
        self.incident_edit = make_datetime_edit()
        self.incident_edit.setMaximumWidth(200)
        incident_row = QHBoxLayout()
        incident_row.addWidget(self.incident_known)
        incident_row.addWidget(self.incident_edit)
        incident_row.addStretch(1)

        self.transaction_refs_edit = QLineEdit()
        self.transaction_refs_edit.setPlaceholderText(
            self.tr("Transaction or order numbers, separated by commas"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(self.tr(
            "What happened, in order, with dates and amounts (facts and reasons)"))
        self.desired_outcome_edit = QPlainTextEdit()
        self.desired_outcome_edit.setTabChangesFocus(True)
        self.desired_outcome_edit.setPlaceholderText(self.tr(
            "What you want: a refund, a correction, an apology, compensation…"))
        self.status_combo = QComboBox()
        fill_vocab_combo(self.status_combo, "status")
        self.jurisdiction_combo = QComboBox()
        fill_vocab_combo(self.jurisdiction_combo, "jurisdiction")
        self.jurisdiction_combo.setToolTip(self.tr(
            "Whose rules set the deadlines for an answer to your complaint"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("Complaint &against"), self.institution_combo)
        form.addRow("", self.institution_note)
        form.addRow(self.tr("&Product / service"), self.product_edit)
        form.addRow(self.tr("&Category"), self.category_combo)
        amount_label = QLabel(self.tr("A&mount"))
        amount_label.setBuddy(self.amount_edit)
        form.addRow(amount_label, amount_row)
        incident_label = QLabel(self.tr("When it &happened"))
        incident_label.setBuddy(self.incident_known)
        form.addRow(incident_label, incident_row)
        form.addRow(self.tr("T&ransaction / order no."), self.transaction_refs_edit)
        form.addRow(self.tr("&Facts and reasons"), self.description_edit)
        form.addRow(self.tr("&What you want"), self.desired_outcome_edit)
        form.addRow(self.tr("&Status"), self.status_combo)
        form.addRow(self.tr("&Jurisdiction"), self.jurisdiction_combo)

        self._form = form

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addSpacing(4)
        layout.addLayout(self.add_footer())

        order: list[QWidget] = [
            self.title_edit, self.institution_combo, self.product_edit, self.category_combo,
            self.amount_edit, self.currency_combo, self.incident_known, self.incident_edit,
            self.transaction_refs_edit, self.description_edit, self.desired_outcome_edit,
            self.status_combo, self.jurisdiction_combo, self.ok_button, self.cancel_button,
        ]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)

    def _load(self, fields: CaseFields) -> None:
        self.title_edit.setText(fields.title)
        row = self._row_of_institution(fields.institution_id)
        if row >= 0:
            self.institution_combo.setCurrentIndex(row)
        else:
            self.institution_combo.setCurrentIndex(-1)
            self.institution_combo.setEditText(fields.institution_name)
        self.product_edit.setText(fields.product)
        select_value(self.category_combo, fields.category)
        self.amount_edit.setText("" if fields.amount is None else format(fields.amount, "f"))
        index = self.currency_combo.findText(fields.currency)
        if index >= 0:
            self.currency_combo.setCurrentIndex(index)
        else:
            self.currency_combo.setEditText(fields.currency)
        self.incident_known.setChecked(fields.incident_at is not None)
        set_wallclock(self.incident_edit, fields.incident_at if fields.incident_at is not None
                      else to_local(now()).replace(second=0, microsecond=0))
        self._loaded_incident = self.incident_edit.dateTime()
        self.incident_edit.setEnabled(fields.incident_at is not None)
        self.transaction_refs_edit.setText(fields.transaction_refs)
        self.description_edit.setPlainText(fields.description)
        self.desired_outcome_edit.setPlainText(fields.desired_outcome)
        select_value(self.status_combo, fields.status)
        select_value(self.jurisdiction_combo, fields.jurisdiction)
        self._show_institution_note()

    def _row_of_institution(self, institution_id: int | None) -> int:
        if institution_id is None:
            return -1
        for row, inst in enumerate(self._institutions):
            if inst.id == institution_id:
                return row
        return -1

    def _connect_changes(self) -> None:
        self.institution_combo.editTextChanged.connect(self._show_institution_note)
        self.incident_known.toggled.connect(self.incident_edit.setEnabled)
        self.incident_known.toggled.connect(self._on_incident_toggled)
        for edit in (self.title_edit, self.product_edit, self.amount_edit,
                     self.transaction_refs_edit):
            edit.textChanged.connect(self.refresh)
        for combo in (self.institution_combo, self.currency_combo):
            combo.editTextChanged.connect(self.refresh)
        for combo in (self.category_combo, self.status_combo, self.jurisdiction_combo):
            combo.currentIndexChanged.connect(self.refresh)
        for text in (self.description_edit, self.desired_outcome_edit):
            text.textChanged.connect(self.refresh)
        self.incident_edit.dateTimeChanged.connect(self.refresh)
        self.incident_known.toggled.connect(self.refresh)

    @Slot(bool)
    def _on_incident_toggled(self, checked: bool) -> None:
        if checked:
            self.incident_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _show_institution_note(self) -> None:
        text = self.institution_combo.currentText().strip()
        inst = self.institution()
        if inst is not None:
            note = self.tr("Hotline {hotline}").format(hotline=inst.hotline) if inst.hotline else ""
        elif text:
            note = self.tr("Not in the directory yet: it will be added.")
        else:
            note = ""
        self.institution_note.setText(note)
        self._form.setRowVisible(self.institution_note, bool(note))

    def institution(self) -> InstitutionRecord | None:
        """The directory entry the institution field names (by name, short or English name)."""
        wanted = self.institution_combo.currentText().strip().casefold()
        if not wanted:
            return None
        for inst in self._institutions:
            if inst.name.casefold() == wanted:
                return inst
        for inst in self._institutions:
            if wanted in {inst.short_name.casefold(), inst.name_en.casefold()} - {""}:
                return inst
        return None

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.title_edit.text().strip():
            return self.tr("Give the case a title to save it."), self.title_edit
        if not self.institution_combo.currentText().strip():
            return (self.tr("Name the bank or company the complaint is against."),
                    self.institution_combo)
        try:  # every key is kept as typed; what is not an amount is said, not dropped
            core_parse_amount(normalise_typed(self.amount_edit.text()))
        except Invalid as exc:
            reason = str(exc)
            return reason[:1].upper() + reason[1:], self.amount_edit
        return None

    def snapshot(self) -> object:
        return self.fields()

    def _incident_at(self) -> datetime | None:
        if not self.incident_known.isChecked():
            return None
        if (self._original.incident_at is not None
                and self.incident_edit.dateTime() == self._loaded_incident):
            return self._original.incident_at  # untouched: exactly as given
        return wallclock(self.incident_edit)

    def fields(self) -> CaseFields:
        inst = self.institution()
        name = inst.name if inst is not None else self.institution_combo.currentText().strip()
        return CaseFields(
            title=self.title_edit.text().strip(),
            institution_id=inst.id if inst is not None else None,
            institution_name=name,
            product=self.product_edit.text().strip(),
            category=str(self.category_combo.currentData()),
            amount=parse_amount(self.amount_edit.text()),
            currency=self.currency_combo.currentText().strip().upper(),
            incident_at=self._incident_at(),
            transaction_refs=self.transaction_refs_edit.text().strip(),
            description=self.description_edit.toPlainText(),
            desired_outcome=self.desired_outcome_edit.toPlainText(),
            status=str(self.status_combo.currentData()),
            jurisdiction=str(self.jurisdiction_combo.currentData()),
        )


__all__ = ["CURRENCIES", "CaseDialog", "parse_amount"]
