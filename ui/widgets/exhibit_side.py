"""Beside the picture in the image viewer: the text read from it (selectable, Ctrl+C copies), the
lines a search matched marked, and the facts it states, each offered where it belongs: a click
on an offer (or Enter on it) makes the change, through the one door, as one undo step.

An exhibit on no timeline entry cannot give its entry a fact: the pane says so and offers to
link it to an entry first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ServiceError
from desktop_app.reading.fact_places import (
    ENTRY_PLACES,
    Place,
    captured_holds,
    case_holds,
    entry_holds,
    facts_in_exhibit,
    places_for,
)
from desktop_app.reading.lines import OcrLine, lines_with
from desktop_app.services.reading import problem
from ui.exhibit_operations import ExhibitEdits
from ui.models.facts import FactOffer, FactsModel, OfferState, kind_label, value_label
from ui.timeconv import format_datetime

if TYPE_CHECKING:
    from desktop_app.reading.facts import Fact
    from desktop_app.records import (
        CaseFields,
        EventFields,
        EventRecord,
        EvidenceRecord,
        ExhibitText,
    )
    from ui.operations import Operations

MATCH_COLOUR = QColor(253, 224, 71, 150)  # the search's lines: a translucent yellow


class ExhibitSide(QWidget):
    """Signals: ``loaded()`` after an exhibit's text and facts are shown (again);
    ``message(str)`` says what a click changed."""

    loaded = Signal()
    message = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exhibitSide")
        self.ops = ops
        self.book = ops.book
        self.edits = ExhibitEdits(ops)
        self.evidence_id: int | None = None
        self.record: EvidenceRecord | None = None
        self.text: ExhibitText | None = None
        self.entry: EventRecord | None = None
        self.words: list[str] = []
        self.matched: list[int] = []  # indexes of the text's lines the search's words are in

        self.text_title = QLabel()
        self.text_title.setObjectName("fieldLabel")
        self.status = QLabel()
        self.status.setObjectName("readingStatus")
        self.status.setWordWrap(True)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("exhibitText")
        self.text_view.setReadOnly(True)
        self.text_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        self.facts_title = QLabel()
        self.facts_title.setObjectName("fieldLabel")
        self.entry_label = QLabel()
        self.entry_label.setObjectName("exhibitEntry")
        self.entry_label.setWordWrap(True)
        self.link_choice = QComboBox()
        self.link_choice.setObjectName("linkChoice")
        self.link_button = QPushButton()
        self.link_button.setObjectName("linkButton")
        self.link_button.setAutoDefault(False)
        self.link_button.clicked.connect(self.link_to_entry)
        link_row = QHBoxLayout()
        link_row.setContentsMargins(0, 0, 0, 0)
        link_row.addWidget(self.link_choice, 1)
        link_row.addWidget(self.link_button)
        self.link_row = QWidget()
        self.link_row.setLayout(link_row)

        self.facts = FactsModel(self)
        self.facts_view = QTableView()
        self.facts_view.setObjectName("exhibitFacts")
        self.facts_view.setModel(self.facts)
        self.facts_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.facts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.facts_view.verticalHeader().hide()
        self.facts_view.setShowGrid(False)
        self.facts_view.setWordWrap(False)
        self.facts_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.facts_view.horizontalHeader().setStretchLastSection(True)
        self.facts_view.clicked.connect(self._clicked)
        self.facts_view.installEventFilter(self)
        self.no_facts = QLabel()
        self.no_facts.setObjectName("noFacts")
        self.no_facts.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 0)
        layout.addWidget(self.text_title)
        layout.addWidget(self.status)
        layout.addWidget(self.text_view, 3)
        layout.addWidget(self.facts_title)
        layout.addWidget(self.entry_label)
        layout.addWidget(self.link_row)
        layout.addWidget(self.facts_view, 2)
        layout.addWidget(self.no_facts)

        hub = ops.hub
        for signal in (hub.evidenceChanged, hub.timelineChanged, hub.caseChanged):
            signal.connect(self._changed)
        self._retranslate()

    # ---- what is shown ----------------------------------------------------------------------

    def show_exhibit(self, evidence_id: int | None, words: Sequence[str] = ()) -> None:
        """Show this exhibit's text and facts; ``words`` (a search's) mark their lines."""
        self.evidence_id = evidence_id
        self.words = [w for w in words if w.strip()]
        self.reload()

    @Slot()
    def reload(self) -> None:
        record = text = entry = None
        case: CaseFields | None = None
        events: list[EventRecord] = []
        if self.evidence_id is not None:
            try:
                record = self.book.evidence.get_evidence(self.evidence_id)
                text = self.book.reading.text_of(self.evidence_id)
                case = self.book.cases.get_case(record.case_id).fields
                events = self.book.timeline.list_events(record.case_id)
                if record.event_id is not None:
                    entry = self.book.timeline.get_event(record.event_id)
            except ServiceError:
                record = text = entry = None
        self.record, self.entry = record, entry
        self._show_text(text)
        self._show_entry(record, entry, events)
        self._show_facts(record, text, entry.fields if entry is not None else None, case)
        self.loaded.emit()

    def _show_text(self, text: ExhibitText | None) -> None:
        if text is None:
            self.status.setText(self.tr("Not read yet: the text in this picture has not "
                                        "been recognised."))
            body = ""
        elif text.error:
            self.status.setText(self.tr("Could not be read: {problem}").format(
                problem=problem(text.error)))
            body = ""
        elif not text.lines:
            self.status.setText(self.tr("No text was found in this picture."))
            body = ""
        else:
            self.status.setText(self.tr("Read {when}. Select text to copy it (Ctrl+C).").format(
                when=format_datetime(text.read_at)))
            body = "\n".join(line.text for line in text.lines)
        self.text = text
        if body != self.text_view.toPlainText():
            self.text_view.setPlainText(body)
        self.text_view.setVisible(bool(body))
        self.matched = lines_with([line.text for line in self.lines()], self.words)
        self._mark_lines()

    def _mark_lines(self) -> None:
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(MATCH_COLOUR)
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        document = self.text_view.document()
        for index in self.matched:
            block = document.findBlockByNumber(index)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(block)
            selection.format = fmt
            selections.append(selection)
        self.text_view.setExtraSelections(selections)
        if self.matched:
            block = document.findBlockByNumber(self.matched[0])
            self.text_view.setTextCursor(QTextCursor(block))
            self.text_view.centerCursor()

    def lines(self) -> tuple[OcrLine, ...]:
        return self.text.lines if self.text is not None and not self.text.error else ()

    def matched_lines(self) -> list[OcrLine]:
        """The lines of the picture the search's words are in."""
        lines = self.lines()
        return [lines[i] for i in self.matched]

    def picture_height(self) -> float | None:
        """The height of the picture the line boxes are measured on."""
        if self.text is None or not self.text.heights:
            return None
        return self.text.heights[0] or None

    def marked_lines(self) -> list[int]:
        """The numbers of the text pane's lines marked (for tests and the viewer)."""
        return list(self.matched)

    def _show_entry(self, record: EvidenceRecord | None, entry: EventRecord | None,
                    events: list[EventRecord]) -> None:
        self.link_choice.clear()
        if record is None:
            self.entry_label.setText("")
            self.link_row.hide()
            return
        if entry is not None:
            self.entry_label.setText(self.tr("On the entry: {when} · {summary}").format(
                when=format_datetime(entry.at), summary=entry.summary))
            self.link_row.hide()
            return
        self.entry_label.setText(self.tr(
            "{exhibit} is on no timeline entry, so its numbers cannot go to one.").format(
                exhibit=record.exhibit))
        for event in reversed(events):
            self.link_choice.addItem(f"{format_datetime(event.at)} · {event.summary}", event.id)
        self.link_row.setVisible(bool(events))

    def _show_facts(self, record: EvidenceRecord | None, text: ExhibitText | None,
                    entry: EventFields | None, case: CaseFields | None) -> None:
        offers: list[FactOffer] = []
        if record is not None and text is not None and text.text:
            for fact in facts_in_exhibit(text.text,
                                         reference_time=record.captured_at or record.imported_at):
                places = tuple((place, self._state(fact, place, record, entry, case))
                               for place in places_for(fact))
                offers.append(FactOffer(fact, places))
        self.facts.set_offers(offers)
        self.facts_view.setVisible(bool(offers))
        self.no_facts.setVisible(not offers)

    @staticmethod
    def _state(fact: Fact, place: Place, record: EvidenceRecord, entry: EventFields | None,
               case: CaseFields | None) -> OfferState:
        if place in ENTRY_PLACES:
            if entry is None:
                return "no_entry"
            return "held" if entry_holds(entry, fact, place) else "offer"
        if place == "case_amount":
            return "held" if case is not None and case_holds(case, fact) else "offer"
        return "held" if captured_holds(record.captured_at, fact) else "offer"

    @Slot(int)
    def _changed(self, case_id: int) -> None:
        if self.record is not None and self.record.case_id == case_id:
            self.reload()

    # ---- doing ------------------------------------------------------------------------------

    def _clicked(self, index: QModelIndex) -> None:
        self.take(index.row(), index.column())

    def take(self, row: int, column: int | None = None) -> bool:
        """Do the offer in this cell (``column`` None: the row's first offer that can be done).
        True when a change was asked of the book."""
        columns = [column] if column is not None else [FactsModel.FIRST, FactsModel.SECOND]
        for col in columns:
            found = self.facts.offer_at(self.facts.index(row, col))
            if found is None:
                continue
            fact, place, state = found
            if state == "no_entry":
                self.message.emit(self.tr("Link the exhibit to a timeline entry first."))
                self.link_choice.setFocus(Qt.FocusReason.OtherFocusReason)
                return False
            if state != "offer" or self.evidence_id is None:
                continue
            said = self.tr("{what} {value}: done. Undo with Ctrl+Z.").format(
                what=kind_label(fact), value=value_label(fact))
            self.edits.put_fact(self.evidence_id, fact, place).then(
                self._said(said), self.message.emit)
            return True
        return False

    def _said(self, text: str) -> Callable[[object], None]:
        return lambda _result: self.message.emit(text)

    @Slot()
    def link_to_entry(self) -> None:
        event_id = self.link_choice.currentData()
        if self.evidence_id is None or not isinstance(event_id, int):
            return
        self.ops.link_evidence([self.evidence_id], event_id).then(
            on_failed=self.message.emit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.facts_view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                index = self.facts_view.currentIndex()
                if index.isValid():
                    offer_cell = index.column() >= FactsModel.FIRST
                    self.take(index.row(), index.column() if offer_cell else None)
                return True
        return super().eventFilter(watched, event)

    # ---- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.text_title.setText(self.tr("Text in the picture"))
        self.facts_title.setText(self.tr("Found in the picture"))
        self.link_button.setText(self.tr("Link to this entry"))
        self.no_facts.setText(self.tr("No reference numbers, IDs, amounts or times found."))
        self.facts.retranslate()
        if self.evidence_id is not None:
            self.reload()
