"""The case page on the right of the main window: the case's header, the call stopwatch, the
timeline, and below it the selected entry in full and the case's evidence (in tabs).

Its strings keep the translation context ``MainWindow``, where they were first translated."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QModelIndex, QSize, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.deadlines.promises import promise_status
from desktop_app.records import EventRecord
from desktop_app.services import clock
from ui.case_words import reference_words
from ui.i18n import vocab_label
from ui.models.timeline import TimelineModel
from ui.operations import Operations
from ui.timeconv import format_datetime, format_duration
from ui.widgets.case_header import CaseHeader
from ui.widgets.evidence_panel import EvidencePanel
from ui.widgets.stopwatch import CallStopwatch
from ui.widgets.tab_room import TabRoom, height_for_rows
from ui.widgets.viewport import viewport_of

translate = QCoreApplication.translate

TIMELINE_SHARE = 70  # percent of the height below the header the timeline takes at first
EVIDENCE_ROWS = 4  # exhibits the evidence tab shows at least, when the window allows


class EntryNumbers(QHeaderView):
    """The timeline's row numbers (the entry's place in time), as wide as the widest number.
    The numbers run in order, so that is the first or the last: ``QHeaderView``'s own size
    hint measures up to 200 sections, asking the model four roles of each, again at every
    reset and page read (4,000 calls into Python before the first frame)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setSectionsClickable(True)  # as QTableView's own vertical header
        self.setHighlightSections(True)

    def sizeHint(self) -> QSize:
        hint = QSize(0, 0)
        count = self.count()
        for section in {0, count - 1} if count else ():
            hint = hint.expandedTo(self.sectionSizeFromContents(section))
        return hint


class CasePage(QWidget):
    """The selected case's page. ``entry_actions`` (set by the window's deadline controller)
    adds a line of actions above an entry's details."""

    def __init__(self, ops: Operations, newest_first: bool,
                 clock: Callable[[], float] | None = None,
                 wallclock: Callable[[], datetime] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry_actions: Callable[[EventRecord], str] | None = None
        self.header = CaseHeader()
        kwargs: dict[str, Any] = {}
        if clock is not None:
            kwargs["clock"] = clock
        if wallclock is not None:
            kwargs["wallclock"] = wallclock
        self.stopwatch = CallStopwatch(**kwargs)

        self.timeline_model = TimelineModel(self)
        self.timeline_model.set_newest_first(newest_first)
        self.timeline_view = view = QTableView()
        view.setObjectName("timeline")
        view.setModel(self.timeline_model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setVerticalHeader(EntryNumbers(view))
        view.verticalHeader().setDefaultSectionSize(28)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # the summary and the promises share what is left; a cut cell shows all in its tooltip
        header.setSectionResizeMode(TimelineModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TimelineModel.PROMISES, QHeaderView.ResizeMode.Stretch)
        for column, width in ((TimelineModel.WHEN, 122), (TimelineModel.CHANNEL, 118),
                              (TimelineModel.DIRECTION, 64), (TimelineModel.COUNTERPART, 130),
                              (TimelineModel.REFERENCES, 130)):
            view.setColumnWidth(column, width)
        self.timeline_model.modelReset.connect(self._fit_timeline_columns)
        self.timeline_model.lodgedChanged.connect(self._fit_timeline_columns)  # bold: wider
        view.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self.show_event_details())

        self.detail = QTextBrowser()
        self.detail.setObjectName("eventDetail")
        self.detail.setOpenLinks(False)

        # Below the timeline: the selected entry in full, and the case's evidence.
        self.evidence_panel = EvidencePanel(ops, events_of=self.timeline_model.events_of)
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.setObjectName("caseTabs")
        self.bottom_tabs.setDocumentMode(True)
        self.bottom_tabs.tabBar().setChangeCurrentOnDrag(True)
        self.bottom_tabs.addTab(self.detail, "")
        self.bottom_tabs.addTab(self.evidence_panel, "")
        self.detail.setAcceptDrops(False)
        viewport_of(self.detail).setAcceptDrops(False)
        self._tab_policies: dict[str, QSizePolicy.Policy] = {}
        self.bottom_tabs.currentChanged.connect(self.only_the_shown_tab_holds_its_height)

        # The timeline is what a person reads; the entry's details and the evidence below it
        # get the smaller share (each splitter's place is kept between sessions).
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("timelineSplitter")
        splitter.addWidget(view)
        splitter.addWidget(self.bottom_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([TIMELINE_SHARE * 10, (100 - TIMELINE_SHARE) * 10])  # shares
        splitter.setChildrenCollapsible(False)
        self.timeline_splitter = splitter
        # the evidence list takes the room for a few exhibits when its tab comes forward
        self.tab_room = TabRoom(splitter, self.bottom_tabs, keep=lambda: self.rows_height(2))
        self.tab_room.needs(self.evidence_panel, lambda: height_for_rows(
            self.evidence_panel, self.evidence_panel.view, EVIDENCE_ROWS)
            if self.evidence_panel.count() else 0)

        self.timeline_title = QLabel()
        self.timeline_title.setObjectName("sectionTitle")
        self.log_call_button = QPushButton()
        self.log_call_button.setObjectName("primaryButton")
        self.add_event_button = QPushButton()
        # the timeline's title and buttons; during a call the call bar takes their place (it
        # ends the call: one "End call" in sight, and the timeline keeps its rows)
        self.timeline_bar = QWidget()
        self.timeline_bar.setObjectName("timelineBar")
        bar = QHBoxLayout(self.timeline_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.timeline_title, 1)
        bar.addWidget(self.log_call_button)
        bar.addWidget(self.add_event_button)
        self.stopwatch.runningChanged.connect(self.timeline_bar.setHidden)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 8, 6)
        layout.setSpacing(6)
        layout.addWidget(self.header)
        layout.addWidget(self.stopwatch)
        layout.addWidget(self.timeline_bar)
        layout.addWidget(splitter, 1)

    @Slot()
    def _fit_timeline_columns(self) -> None:
        """Who and the reference numbers as wide as the case's need, within reason."""
        view, model = self.timeline_view, self.timeline_model
        for column, least, most in ((TimelineModel.COUNTERPART, 90, 190),
                                    (TimelineModel.REFERENCES, 90, 180)):
            # (``sizeHintForColumn`` asks every row read, 200 at start, for each of its roles:
            # a tenth of the first frame; the widest cell is among the longest texts)
            widest = max((view.sizeHintForIndex(model.index(row, column)).width()
                          for row in model.widest_rows(column)), default=0)
            view.setColumnWidth(column, max(least, min(most, widest)))

    def rows_height(self, rows: int) -> int:
        """The timeline's height showing ``rows`` rows (with its header and frame)."""
        view = self.timeline_view
        return (view.horizontalHeader().sizeHint().height() + 2 * view.frameWidth()
                + rows * view.verticalHeader().defaultSectionSize())

    def retranslate(self) -> None:
        self.add_event_button.setText(translate("MainWindow", "Add entry…"))
        self.timeline_title.setText(translate("MainWindow", "Timeline"))
        self.bottom_tabs.setTabText(0, translate("MainWindow", "Entry details"))
        self.update_evidence_tab()
        self.timeline_model.retranslate()
        self.show_event_details()

    def update_evidence_tab(self) -> None:
        self.bottom_tabs.setTabText(1, translate("MainWindow", "Evidence ({count})").format(
            count=self.evidence_panel.count()))

    # ---- the selected entry ---------------------------------------------------------------

    def selected_event(self) -> EventRecord | None:
        index = self.timeline_view.currentIndex()
        if not index.isValid() or not self.timeline_view.selectionModel().isRowSelected(
                index.row(), QModelIndex()):
            return None
        return self.timeline_model.event_at(index.row())

    def select_event(self, event_id: int) -> None:
        row = self.timeline_model.row_of(event_id)
        if row >= 0:
            self.timeline_view.selectRow(row)
            self.timeline_view.scrollTo(self.timeline_model.index(row, 0))

    def show_evidence(self, evidence_ids: list[int] | None = None) -> None:
        """Bring the evidence list forward, with these exhibits selected."""
        self.bottom_tabs.setCurrentWidget(self.evidence_panel)
        if evidence_ids:
            self.evidence_panel.select(evidence_ids)

    def show_event_details(self) -> None:
        event = self.selected_event()
        if event is None:
            hint = translate("MainWindow", "Select an entry to see it in full. "
                       "Double-click or press Enter to edit it.")
            self.detail.setHtml(f"<p style='color:#6b7280'>{html.escape(hint)}</p>")
            return
        self.detail.setHtml(self.event_html(event))

    def event_html(self, e: EventRecord) -> str:
        esc = html.escape
        rows: list[tuple[str, str]] = [
            (translate("MainWindow", "When"), format_datetime(e.at)),
            (translate("MainWindow", "Channel"), vocab_label("channel", e.channel)),
            (translate("MainWindow", "Direction"), vocab_label("direction", e.direction)),
        ]
        for label, value in (
                (translate("MainWindow", "With"), e.counterpart),
                (translate("MainWindow", "Staff ID"), e.agent_id),
                (translate("MainWindow", "Contact"), e.contact),
                (translate("MainWindow", "Duration"), format_duration(e.duration_seconds)),
                (translate("MainWindow", "From"), e.email_from),
                (translate("MainWindow", "To"), e.email_to),
                (translate("MainWindow", "Cc"), e.email_cc)):
            if value:
                rows.append((label, value))
        for ref in e.references:
            rows.append((reference_words(ref.label) or translate("MainWindow", "Reference no."),
                         ref.value + (f" ({ref.issued_by})" if ref.issued_by else "")))
        for p in e.promises:
            due_word = translate("MainWindow", "due")
            due = f" — {due_word} {format_datetime(p.due_at)}" if p.due_at else ""
            state = promise_status(p, clock.current_time())  # pending past due: broken
            note = f" {p.state_note}" if p.state_note else ""
            rows.append((translate("MainWindow", "Promise"),
                         f"{p.text}{due} [{vocab_label('promise_state', state)}]{note}"))
        exhibits = self.evidence_panel.records_of_event(e.id)
        if exhibits:
            rows.append((translate("MainWindow", "Evidence"), "; ".join(
                f"{r.exhibit} {r.caption or r.original_name}" for r in exhibits)))
        table = "".join(
            f"<tr><td style='color:#6b7280;padding-right:12px'>{esc(k)}</td>"
            f"<td>{esc(v)}</td></tr>" for k, v in rows)
        details = esc(e.details).replace("\n", "<br>")
        actions = self.entry_actions(e) if self.entry_actions is not None else ""
        return (f"<h3 style='margin:0 0 6px 0'>{esc(e.summary)}</h3>{actions}"
                f"<table>{table}</table>" + (f"<p>{details}</p>" if details else ""))

    @Slot(int)
    def only_the_shown_tab_holds_its_height(self, _index: int = -1) -> None:
        """A tab widget is as tall as its tallest page needs, shown or not: the unsolicited
        calls' chart would take the timeline's rows on a low screen while the entry's details
        are what is shown. Pages not shown are left out of that minimum."""
        current = self.bottom_tabs.currentWidget()
        for i in range(self.bottom_tabs.count()):
            page = cast(QWidget, self.bottom_tabs.widget(i))
            policy = page.sizePolicy()
            own = self._tab_policies.setdefault(page.objectName(), policy.verticalPolicy())
            wanted = own if page is current else QSizePolicy.Policy.Ignored
            if policy.verticalPolicy() != wanted:
                policy.setVerticalPolicy(wanted)
                page.setSizePolicy(policy)
