"""The editor of one timeline entry: when, how, with whom, what was said, numbers and promises.

The top of the form is the same for every entry; below it only the rows that fit the channel
are shown, labelled for it (a call has a number dialled and an agent, an email has From / To /
Cc, a note has nothing extra). What is saved is what is shown: a value typed into a row that
the channel then hides is not saved. A loaded entry that holds a value in a row its channel does
not use keeps that row shown, so nothing it holds is hidden or lost.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.deadlines.promise_due import promised_due, starting_due
from desktop_app.deadlines.unsolicited import UNSOLICITED_CHANNELS
from desktop_app.reading.facts import Fact
from desktop_app.reading.notes import facts_in_notes
from desktop_app.records import EventFields, InstitutionRecord
from desktop_app.timeutil import now, to_local
from desktop_app.vocab import Channel, Direction
from ui.dialogs import (
    RecordDialog,
    TypedTextValidator,
    fill_vocab_combo,
    make_datetime_edit,
    normalise_typed,
    select_value,
    set_wallclock,
    to_edit_value,
    wallclock,
)
from ui.models.entry_tables import PromiseTableModel, ReferenceTableModel
from ui.timeconv import format_duration
from ui.widgets.found_facts import (
    ENTRY_KINDS,
    FoundFactsStrip,
    LiveTextDelegate,
    PromiseDueOffer,
)

Index = QModelIndex | QPersistentModelIndex

# The rows below the top of the form, in the order they appear, and which channel shows which.
CONTACT = "contact"
COUNTERPART = "counterpart"
AGENT_ID = "agent_id"
DURATION = "duration"
EMAIL_FROM = "email_from"
EMAIL_TO = "email_to"
EMAIL_CC = "email_cc"
CHANNEL_ROWS_ORDER = (CONTACT, EMAIL_FROM, EMAIL_TO, EMAIL_CC, COUNTERPART, AGENT_ID, DURATION)

ROWS_FOR_CHANNEL: dict[str, tuple[str, ...]] = {
    Channel.CALL: (CONTACT, COUNTERPART, AGENT_ID, DURATION),
    Channel.UNSOLICITED: (CONTACT, COUNTERPART, AGENT_ID, DURATION),
    Channel.VISIT: (CONTACT, COUNTERPART, AGENT_ID),
    Channel.EMAIL: (EMAIL_FROM, EMAIL_TO, EMAIL_CC),
    Channel.LETTER: (CONTACT,),
    Channel.SMS: (CONTACT,),
    Channel.UNSOLICITED_SMS: (CONTACT,),
    Channel.WEB: (CONTACT,),
    Channel.APP: (CONTACT,),
    Channel.WECHAT: (CONTACT,),
    Channel.SOCIAL: (CONTACT,),
    Channel.REGULATOR: (CONTACT, COUNTERPART),
    Channel.NOTE: (),
}


_DURATION_PATTERN = r"\d{1,4}(:[0-5]\d){0,2}"


def parse_duration(text: str) -> int | None:
    """Seconds from ``m``, ``m:ss`` or ``h:mm:ss`` (a single number is minutes); "" is None.

    Lenient with half-typed input ("12:" is 12 minutes, "12:3" is 12:03).
    """
    text = normalise_typed(text).strip().replace(".", ":")
    if not text or not re.fullmatch(r"\d*(:\d*){0,2}", text):
        return None
    parts = [int(part) if part else 0 for part in text.split(":")]
    if len(parts) == 1:
        return parts[0] * 60
    if len(parts) == 2:
        return parts[0] * 60 + parts[1]
    return parts[0] * 3600 + parts[1] * 60 + parts[2]


class DurationValidator(TypedTextValidator):
    """Minutes:seconds, also typed as "12.30" or "12：30" (Chinese input mode)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_DURATION_PATTERN, parent)

    def validate(self, text: str, pos: int) -> object:
        return super().validate(normalise_typed(text).replace(".", ":"), pos)


class DurationEdit(QLineEdit):
    """A call's length typed as minutes:seconds ("12:30"); may be left empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(DurationValidator(self))
        self.editingFinished.connect(self._tidy)

    def seconds(self) -> int | None:
        return parse_duration(self.text())

    def set_seconds(self, seconds: int | None) -> None:
        self.setText(format_duration(seconds))

    @Slot()
    def _tidy(self) -> None:
        seconds = self.seconds()
        if seconds is not None and self.text() != format_duration(seconds):
            self.set_seconds(seconds)


class DueTimeDelegate(QStyledItemDelegate):
    """Edits a due time with a date-time editor; an empty cell starts from ``default_due(row)``."""

    def __init__(self, default_due: Callable[[int], datetime], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._default_due = default_due

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        return make_datetime_edit(parent)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QDateTimeEdit)
        due = index.data(Qt.ItemDataRole.EditRole)
        set_wallclock(editor, due if isinstance(due, datetime)
                      else self._default_due(index.row()))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QDateTimeEdit)
        due = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(due, datetime) and editor.dateTime() == to_edit_value(due):
            return  # unchanged: keep the time exactly as it was (seconds and all)
        model.setData(index, wallclock(editor))


class ChoiceDelegate(QStyledItemDelegate):
    """Edits a vocabulary value (e.g. a promise's state) with a combo box of its labels."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind = kind

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        fill_vocab_combo(combo, self._kind)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        select_value(editor, str(index.data(Qt.ItemDataRole.EditRole)))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData())


class SuggestionDelegate(QStyledItemDelegate):
    """Free text with a few suggestions to pick from (the usual kinds of reference number)."""

    def __init__(self, suggestions: Callable[[], list[str]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._suggestions = suggestions

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(self._suggestions())
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setEditText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText())


class RecordTable(QTableView):
    """A small editable table inside a form.

    Typing starts editing the current cell; Enter edits it too (rather than closing the dialog);
    Delete or Backspace clears the selected cells; Tab leaves the table unless a cell is being
    edited, when it moves on to the next cell.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.SelectedClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 14)
        self.horizontalHeader().setHighlightSections(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        key = event.key()
        if not editing and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            model = self.model()
            for index in self.selectedIndexes() or [self.currentIndex()]:
                if index.isValid() and hasattr(model, "clear_cell"):
                    model.clear_cell(index)
            event.accept()
            return
        if (not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() == Qt.KeyboardModifier.NoModifier
                and self.currentIndex().isValid()):
            self.edit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def selected_rows(self) -> list[int]:
        rows = {index.row() for index in self.selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows.add(self.currentIndex().row())
        return sorted(rows)


class EventEditor(RecordDialog):
    """Edit a timeline entry, or write a new one.

    A new entry starts as a call made now (to the minute); given the case's ``institution``,
    the number dialled is its hotline. ``fields()`` returns the entry as entered: times aware in
    the user's zone, the duration in seconds (None if left empty), reference numbers and promises
    without their empty rows, existing promises with their ids.

    From its own words the editor offers, never fills in: reference numbers, an agent's ID, a
    time and a phone number found in the summary and details ("Found in your notes:"), and the
    due time a promise's words state ("3个工作日内回电"), counted on the working days of the
    case's ``jurisdiction``.
    """

    def __init__(self, fields: EventFields | None = None, parent: QWidget | None = None, *,
                 institution: InstitutionRecord | None = None, jurisdiction: str = "CN") -> None:
        super().__init__(parent)
        self._institution = institution
        self._jurisdiction = jurisdiction
        # The hotline put in as the number dialled of a new call; it follows the channel
        # (gone for an email, back for a call) until the user edits the number.
        self._auto_contact: str | None = None
        self._direction_set_by_channel = False
        self._loading = False
        if fields is None:
            hotline = institution.hotline if institution is not None else ""
            fields = EventFields(at=to_local(now()).replace(second=0, microsecond=0),
                                 channel=Channel.CALL, direction=Direction.OUT, contact=hotline)
            if institution is not None:
                self._auto_contact = hotline
        self._original = fields
        self._extra_rows: set[str] = set()

        self.setWindowTitle(self.tr("Entry"))
        self.setSizeGripEnabled(True)
        self._build()
        self._load(fields)
        self._connect_changes()
        self._refresh_found_facts()
        self._offer_promise_due()
        self.finish_setup()
        self.summary_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize_within_screen(680, 760)

    def _build(self) -> None:
        self.time_edit = make_datetime_edit()
        self.time_edit.setMaximumWidth(200)
        self.channel_combo = QComboBox()
        fill_vocab_combo(self.channel_combo, "channel")
        self.direction_combo = QComboBox()
        fill_vocab_combo(self.direction_combo, "direction")
        self.summary_edit = QLineEdit()
        self.summary_edit.setPlaceholderText(
            self.tr("In one line: what happened (required)"))

        self.contact_edit = QLineEdit()
        self.counterpart_edit = QLineEdit()
        self.agent_id_edit = QLineEdit()
        self.agent_id_edit.setMaximumWidth(240)
        self.duration_edit = DurationEdit()
        self.duration_edit.setMaximumWidth(120)
        self.duration_edit.setPlaceholderText(self.tr("min:sec"))
        self.duration_edit.setToolTip(self.tr(
            "How long the call took, as minutes:seconds (12:30). "
            "A single number is minutes. Leave empty if you do not know."))
        self.email_from_edit = QLineEdit()
        self.email_to_edit = QLineEdit()
        self.email_cc_edit = QLineEdit()

        self.details_edit = QPlainTextEdit()
        self.details_edit.setTabChangesFocus(True)
        # at least two lines; it grows with the dialog (a 1366×768 laptop leaves little room)
        self.details_edit.setMinimumHeight(self.details_edit.fontMetrics().lineSpacing() * 2
                                           + 16)
        self.details_edit.setPlaceholderText(self.tr(
            "What you said, what they answered, what they asked you to do…"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("&When"), self.time_edit)
        form.addRow(self.tr("C&hannel"), self.channel_combo)
        form.addRow(self.tr("&Direction"), self.direction_combo)
        form.addRow(self.tr("&Summary"), self.summary_edit)
        self._channel_fields: dict[str, QLineEdit] = {
            CONTACT: self.contact_edit, EMAIL_FROM: self.email_from_edit,
            EMAIL_TO: self.email_to_edit, EMAIL_CC: self.email_cc_edit,
            COUNTERPART: self.counterpart_edit, AGENT_ID: self.agent_id_edit,
            DURATION: self.duration_edit,
        }
        self._channel_labels: dict[str, QLabel] = {}
        for key in CHANNEL_ROWS_ORDER:
            label = QLabel()
            label.setBuddy(self._channel_fields[key])
            self._channel_labels[key] = label
            form.addRow(label, self._channel_fields[key])
        details_label = QLabel(self.tr("De&tails"))
        details_label.setBuddy(self.details_edit)
        form.addRow(details_label, self.details_edit)
        self._form = form

        self.reference_model = ReferenceTableModel(parent=self)
        self.reference_view = RecordTable()
        self.reference_view.setModel(self.reference_model)
        self.reference_view.setItemDelegateForColumn(
            ReferenceTableModel.LABEL, SuggestionDelegate(self._reference_labels, self))
        header = self.reference_view.horizontalHeader()
        header.setSectionResizeMode(ReferenceTableModel.LABEL,
                                    QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ReferenceTableModel.VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ReferenceTableModel.ISSUED_BY,
                                    QHeaderView.ResizeMode.Interactive)
        self.reference_view.setColumnWidth(ReferenceTableModel.LABEL, 150)
        self.reference_view.setColumnWidth(ReferenceTableModel.ISSUED_BY, 170)
        self.reference_view.setToolTip(self.tr(
            "Complaint, ticket or case numbers you were given. "
            "Type in a cell to change it; Delete clears it."))
        self.add_reference_button = QPushButton(self.tr("Add number"))
        self.remove_reference_button = QPushButton(self.tr("Remove"))

        self.promise_model = PromiseTableModel(parent=self)
        self.promise_view = RecordTable()
        self.promise_view.setModel(self.promise_model)
        self.promise_view.setItemDelegateForColumn(
            PromiseTableModel.DUE, DueTimeDelegate(self._default_due, self))
        self.promise_view.setItemDelegateForColumn(
            PromiseTableModel.TEXT, LiveTextDelegate(self._offer_promise_due, self))
        self.promise_view.setItemDelegateForColumn(
            PromiseTableModel.STATE, ChoiceDelegate("promise_state", self))
        header = self.promise_view.horizontalHeader()
        header.setSectionResizeMode(PromiseTableModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PromiseTableModel.DUE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(PromiseTableModel.STATE,
                                    QHeaderView.ResizeMode.ResizeToContents)
        self.promise_view.setColumnWidth(PromiseTableModel.DUE, 170)
        self.promise_view.setToolTip(self.tr(
            "What they promised (a callback, an answer, a refund) and by when. "
            "Type in a cell to change it; Delete clears it."))
        self.add_promise_button = QPushButton(self.tr("Add promise"))
        self.remove_promise_button = QPushButton(self.tr("Remove"))
        self.found_facts = FoundFactsStrip()
        self.promise_due_offer = PromiseDueOffer()

        for button in (self.add_reference_button, self.remove_reference_button,
                       self.add_promise_button, self.remove_promise_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 3)
        layout.addWidget(self.found_facts)
        layout.addLayout(self._section(self.tr("&Reference numbers"), self.reference_view,
                                       self.add_reference_button,
                                       self.remove_reference_button))
        layout.addWidget(self.reference_view, 1)
        layout.addLayout(self._section(self.tr("&Promises"), self.promise_view,
                                       self.add_promise_button, self.remove_promise_button))
        layout.addWidget(self.promise_view, 1)
        layout.addWidget(self.promise_due_offer)
        layout.addSpacing(4)
        layout.addLayout(self.add_footer())

        for view in (self.reference_view, self.promise_view):  # a row: fits a 1366×768 laptop
            view.setMinimumHeight(view.verticalHeader().defaultSectionSize()
                                  + view.horizontalHeader().sizeHint().height() + 4)

        self.setTabOrder(self.time_edit, self.channel_combo)
        self.setTabOrder(self.channel_combo, self.direction_combo)
        self.setTabOrder(self.direction_combo, self.summary_edit)
        previous: QWidget = self.summary_edit
        for key in CHANNEL_ROWS_ORDER:
            self.setTabOrder(previous, self._channel_fields[key])
            previous = self._channel_fields[key]
        for widget in (self.details_edit, self.found_facts, self.reference_view,
                       self.add_reference_button, self.remove_reference_button,
                       self.promise_view, self.add_promise_button, self.remove_promise_button,
                       self.promise_due_offer.use_button, self.ok_button, self.cancel_button):
            self.setTabOrder(previous, widget)
            previous = widget

    @staticmethod
    def _section(title: str, buddy: QWidget, *buttons: QPushButton) -> QHBoxLayout:
        label = QLabel(title)
        label.setObjectName("sectionTitle")
        label.setBuddy(buddy)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        return row

    def _connect_changes(self) -> None:
        self.channel_combo.currentIndexChanged.connect(self._on_channel_changed)
        self.direction_combo.activated.connect(self._on_direction_picked)
        self.contact_edit.textEdited.connect(self._on_contact_edited)
        for edit in (self.summary_edit, *self._channel_fields.values()):
            edit.textChanged.connect(self.refresh)
        self.details_edit.textChanged.connect(self.refresh)
        self.time_edit.dateTimeChanged.connect(self.refresh)
        self.direction_combo.currentIndexChanged.connect(self.refresh)
        for model in (self.reference_model, self.promise_model):
            model.dataChanged.connect(self.refresh)
            model.rowsInserted.connect(self.refresh)
            model.rowsRemoved.connect(self.refresh)
        for signal in (self.summary_edit.textChanged, self.details_edit.textChanged,
                       self.agent_id_edit.textChanged, self.contact_edit.textChanged,
                       self.time_edit.dateTimeChanged, self.channel_combo.currentIndexChanged,
                       self.reference_model.dataChanged, self.reference_model.rowsInserted,
                       self.reference_model.rowsRemoved):
            signal.connect(self._refresh_found_facts)
        for signal in (self.promise_model.dataChanged, self.promise_model.rowsInserted,
                       self.promise_model.rowsRemoved, self.time_edit.dateTimeChanged,
                       self.promise_view.selectionModel().currentChanged):
            signal.connect(lambda *_: self._offer_promise_due())
        self.found_facts.picked.connect(self._use_fact)
        self.promise_due_offer.accepted.connect(self._use_promised_due)
        self.add_reference_button.clicked.connect(self._add_reference)
        self.remove_reference_button.clicked.connect(self._remove_references)
        self.add_promise_button.clicked.connect(self._add_promise)
        self.remove_promise_button.clicked.connect(self._remove_promises)
        for view in (self.reference_view, self.promise_view):
            view.selectionModel().selectionChanged.connect(self._update_remove_buttons)
            view.selectionModel().currentChanged.connect(self._update_remove_buttons)
            view.model().rowsRemoved.connect(self._update_remove_buttons)
        self._update_remove_buttons()

    def _load(self, fields: EventFields) -> None:
        self._loading = True
        try:
            set_wallclock(self.time_edit, fields.at)
            self._loaded_time = self.time_edit.dateTime()
            select_value(self.channel_combo, fields.channel)
            select_value(self.direction_combo, fields.direction)
            self.summary_edit.setText(fields.summary)
            texts = {CONTACT: fields.contact, COUNTERPART: fields.counterpart,
                     AGENT_ID: fields.agent_id, EMAIL_FROM: fields.email_from,
                     EMAIL_TO: fields.email_to, EMAIL_CC: fields.email_cc}
            for key, text in texts.items():
                self._channel_fields[key].setText(text)
            self.duration_edit.set_seconds(fields.duration_seconds)
            self.details_edit.setPlainText(fields.details)
            self.reference_model.set_references(fields.references)
            self.promise_model.set_promises(fields.promises)
            # Values in rows the channel does not use stay in view rather than hidden.
            used = ROWS_FOR_CHANNEL.get(fields.channel, ())
            self._extra_rows = {key for key, text in texts.items() if text and key not in used}
            if fields.duration_seconds is not None and DURATION not in used:
                self._extra_rows.add(DURATION)
        finally:
            self._loading = False
        self._apply_channel()

    def channel(self) -> str:
        return str(self.channel_combo.currentData())

    def _row_texts(self, channel: str) -> dict[str, tuple[str, str]]:
        """(label, placeholder) of each row the channel shows."""
        number = self.tr("Phone number")
        where = self.tr("Where")
        call = {
            CONTACT: (self.tr("Number dialled"), number),
            COUNTERPART: (self.tr("Agent's name"), self.tr("The name the agent gave, if any")),
            AGENT_ID: (self.tr("Agent's ID"), self.tr("Employee or agent number")),
            DURATION: (self.tr("Duration"), self.tr("min:sec")),
        }
        texts: dict[str, dict[str, tuple[str, str]]] = {
            Channel.CALL: call,
            Channel.UNSOLICITED: {
                **call,
                CONTACT: (self.tr("Caller's number"), self.tr("The number that called you")),
                COUNTERPART: (self.tr("Caller's name"), self.tr("The name the caller gave")),
                AGENT_ID: (self.tr("Caller's ID"), self.tr("Employee number, if given")),
            },
            Channel.VISIT: {
                CONTACT: (self.tr("Branch / address"), self.tr("Branch name and address")),
                COUNTERPART: (self.tr("Staff name"), self.tr("Who you spoke to")),
                AGENT_ID: (self.tr("Staff ID"), self.tr("Employee number or badge")),
            },
            Channel.EMAIL: {
                EMAIL_FROM: (self.tr("From"), self.tr("Sender's address")),
                EMAIL_TO: (self.tr("To"), self.tr("Recipients' addresses")),
                EMAIL_CC: (self.tr("Cc"), self.tr("Optional")),
            },
            Channel.LETTER: {CONTACT: (self.tr("Address"), self.tr("Postal address"))},
            Channel.SMS: {CONTACT: (self.tr("Number"), self.tr("The number it came from "
                                                               "or was sent to"))},
            Channel.UNSOLICITED_SMS: {CONTACT: (self.tr("Sender's number"),
                                                self.tr("The number it came from"))},
            Channel.WEB: {CONTACT: (where, self.tr("Web address (URL) of the page or form"))},
            Channel.APP: {CONTACT: (where, self.tr("The app, and the page or menu used"))},
            Channel.WECHAT: {CONTACT: (where, self.tr("Official account or mini-program"))},
            Channel.SOCIAL: {CONTACT: (where, self.tr("Platform, account or link to the post"))},
            Channel.REGULATOR: {
                CONTACT: (self.tr("Body / hotline"),
                          self.tr("Which body, and its hotline or website (e.g. 12378)")),
                COUNTERPART: (self.tr("Case handler"),
                              self.tr("Who is handling your case, if known")),
            },
        }
        generic = {
            CONTACT: (self.tr("Contact"), ""), COUNTERPART: (self.tr("Person"), ""),
            AGENT_ID: (self.tr("Staff ID"), ""), DURATION: (self.tr("Duration"), ""),
            EMAIL_FROM: (self.tr("Email from"), ""), EMAIL_TO: (self.tr("Email to"), ""),
            EMAIL_CC: (self.tr("Email cc"), ""),
        }
        return {**generic, **texts.get(channel, {})}

    def shown_rows(self) -> set[str]:
        """The channel-dependent rows in view: those the channel uses, and any loaded values."""
        return set(ROWS_FOR_CHANNEL.get(self.channel(), ())) | self._extra_rows

    def _apply_channel(self) -> None:
        shown = self.shown_rows()
        texts = self._row_texts(self.channel())
        for key in CHANNEL_ROWS_ORDER:
            edit = self._channel_fields[key]
            self._form.setRowVisible(edit, key in shown)
            label, placeholder = texts[key]
            self._channel_labels[key].setText(label)
            edit.setPlaceholderText(placeholder)

    @Slot(int)
    def _on_channel_changed(self, _index: int) -> None:
        if self._loading:
            return
        channel = self.channel()
        if self._auto_contact is not None and self.contact_edit.text() == self._auto_contact:
            hotline = self._institution.hotline if self._institution is not None else ""
            self._auto_contact = hotline if channel == Channel.CALL else ""
            self.contact_edit.setText(self._auto_contact)
        direction = self.direction_combo.currentData()
        if channel in UNSOLICITED_CHANNELS and direction == Direction.OUT:
            select_value(self.direction_combo, Direction.IN)
            self._direction_set_by_channel = True
        elif (channel not in UNSOLICITED_CHANNELS and self._direction_set_by_channel
              and direction == Direction.IN):
            select_value(self.direction_combo, Direction.OUT)
            self._direction_set_by_channel = False
        self._apply_channel()
        self.refresh()

    @Slot(int)
    def _on_direction_picked(self, _index: int) -> None:
        self._direction_set_by_channel = False

    @Slot(str)
    def _on_contact_edited(self, _text: str) -> None:
        self._auto_contact = None

    def _reference_labels(self) -> list[str]:
        return [self.tr("Complaint no."), self.tr("Ticket no."), self.tr("Regulator case no."),
                self.tr("Transaction no.")]

    def _default_due(self, row: int) -> datetime:
        """Where a due-time editor starts when the promise has none yet: the time its words
        state, else the end of the next working day after the entry (not the entry's time:
        the promise would be broken the moment it is saved)."""
        text = str(self.promise_model.index(row, PromiseTableModel.TEXT).data(
            Qt.ItemDataRole.EditRole) or "")
        return starting_due(text, wallclock(self.time_edit), self._jurisdiction)

    @Slot()
    def _add_reference(self) -> None:
        if self.channel() == Channel.REGULATOR:
            label, issuer = self.tr("Regulator case no."), ""
        else:
            label = self.tr("Complaint no.")
            issuer = self._institution.name if self._institution is not None else ""
        row = self.reference_model.add_row(label, issuer)
        self._edit_cell(self.reference_view, self.reference_model.index(
            row, ReferenceTableModel.VALUE))

    @Slot()
    def _remove_references(self) -> None:
        self.reference_model.remove_rows(self.reference_view.selected_rows())

    @Slot()
    def _add_promise(self) -> None:
        row = self.promise_model.add_row()
        self._edit_cell(self.promise_view, self.promise_model.index(row, PromiseTableModel.TEXT))

    @Slot()
    def _remove_promises(self) -> None:
        self.promise_model.remove_rows(self.promise_view.selected_rows())

    @staticmethod
    def _edit_cell(view: RecordTable, index: QModelIndex) -> None:
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.setCurrentIndex(index)
        view.scrollTo(index)
        view.edit(index)

    @Slot()
    def _refresh_found_facts(self) -> None:
        """Offer the facts in the summary and details the entry does not hold yet, where the
        entry has a place in view for them."""
        shown = self.shown_rows()
        fields = self.fields()
        offered = [fact for fact in facts_in_notes(dataclasses.replace(fields, promises=()))
                   if fact.kind in ENTRY_KINDS
                   and (fact.kind != "agent_id" or AGENT_ID in shown)
                   and (fact.kind != "phone" or CONTACT in shown)]
        self.found_facts.offer(offered)

    @Slot(object)
    def _use_fact(self, fact: Fact) -> None:
        """Put a found fact where it belongs (the person pressed its button)."""
        if fact.kind == "reference":
            issuer = ("" if self._institution is None or self.channel() == Channel.REGULATOR
                      else self._institution.name)
            row = self.reference_model.add_row(fact.label or self.tr("Complaint no."), issuer)
            self.reference_model.setData(
                self.reference_model.index(row, ReferenceTableModel.VALUE), fact.value)
        elif fact.kind == "agent_id":
            self.agent_id_edit.setText(fact.value)
        elif fact.kind == "time":
            set_wallclock(self.time_edit, datetime.fromisoformat(fact.value))
        elif fact.kind == "phone":
            self._auto_contact = None
            self.contact_edit.setText(fact.value)
        buttons = self.found_facts.buttons
        (buttons[0] if buttons else self.details_edit).setFocus(Qt.FocusReason.OtherFocusReason)

    def _offer_promise_due(self, row: int | None = None, text: str | None = None) -> None:
        """Offer the due time the words of a promise without one state: the promise being
        typed (``row``, ``text``), else the current one."""
        if row is None:
            current = self.promise_view.currentIndex()
            row = current.row() if current.isValid() else self.promise_model.rowCount() - 1
        if not 0 <= row < self.promise_model.rowCount():
            self.promise_due_offer.offer(None, None)
            return
        if text is None:
            text = str(self.promise_model.index(row, PromiseTableModel.TEXT).data(
                Qt.ItemDataRole.EditRole) or "")
        has_due = self.promise_model.index(row, PromiseTableModel.DUE).data(
            Qt.ItemDataRole.EditRole) is not None
        due = None if has_due else promised_due(text, wallclock(self.time_edit),
                                                self._jurisdiction)
        self.promise_due_offer.offer(row, due)

    @Slot(int, object)
    def _use_promised_due(self, row: int, due: datetime) -> None:
        self.promise_model.setData(self.promise_model.index(row, PromiseTableModel.DUE), due)
        self.promise_view.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _update_remove_buttons(self) -> None:
        for view, button in ((self.reference_view, self.remove_reference_button),
                             (self.promise_view, self.remove_promise_button)):
            button.setEnabled(bool(view.selected_rows()) and view.model().rowCount() > 0)

    def set_duration_seconds(self, seconds: int) -> None:
        self.duration_edit.set_seconds(seconds)

    def set_channel(self, channel: str) -> None:
        select_value(self.channel_combo, channel)

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.summary_edit.text().strip():
            return self.tr("Write a one-line summary to save this entry."), self.summary_edit
        return None

    def snapshot(self) -> object:
        return self.fields()

    def fields(self) -> EventFields:
        shown = self.shown_rows()

        def text(key: str) -> str:
            return self._channel_fields[key].text().strip() if key in shown else ""

        if self.time_edit.dateTime() == self._loaded_time:
            at = self._original.at  # untouched: exactly as given, seconds and all
        else:
            at = wallclock(self.time_edit)
        return EventFields(
            at=at,
            channel=self.channel(),
            direction=str(self.direction_combo.currentData()),
            counterpart=text(COUNTERPART),
            agent_id=text(AGENT_ID),
            contact=text(CONTACT),
            duration_seconds=self.duration_edit.seconds() if DURATION in shown else None,
            email_from=text(EMAIL_FROM),
            email_to=text(EMAIL_TO),
            email_cc=text(EMAIL_CC),
            summary=self.summary_edit.text().strip(),
            details=self.details_edit.toPlainText(),
            references=self.reference_model.references(),
            promises=self.promise_model.promises(),
        )


__all__ = ["EventEditor", "parse_duration"]
