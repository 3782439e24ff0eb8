"""The main window: cases on the left; the selected case's header and timeline on the right."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.deadlines.promises import promise_status
from desktop_app.errors import ServiceError
from desktop_app.records import CaseRecord, EventFields, EventRecord, EvidenceRecord
from desktop_app.services import clock
from desktop_app.services.book import Casebook
from desktop_app.store.search import SearchHit
from desktop_app.timeutil import now, to_local
from desktop_app.vocab import Channel
from ui.book_worker import BookWorker, Task
from ui.deadlines import DeadlineActions
from ui.i18n import LANGUAGES, Localisation, vocab_label
from ui.jobs import ImportResult, Job, JobRunner
from ui.models.case_list import CASE_ID_ROLE, SORT_ROLE, CaseListModel
from ui.models.timeline import TimelineModel
from ui.operations import Operations
from ui.settings import UiSettings
from ui.signals import SignalHub
from ui.timeconv import format_datetime, format_duration
from ui.verify import VerifyActions
from ui.widgets.case_header import CaseHeader
from ui.widgets.evidence_panel import EvidencePanel
from ui.widgets.file_drop import FILES, DropSpot, DropZone, local_paths
from ui.widgets.search_panel import SearchPanel
from ui.widgets.stopwatch import CallStopwatch

if TYPE_CHECKING:  # the dialogs are imported when first opened, to start faster
    from desktop_app.dossier import DossierResult
    from ui.dialogs import RecordDialog
    from ui.dialogs.event_editor import EventEditor
    from ui.dialogs.export_dialog import ExportDialog
    from ui.widgets.pdf_preview import PdfPreview


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's redo keys, then Ctrl+Y and Ctrl+Shift+Z (the two that people know),
    each once: a key bound twice to one action is ambiguous, and Qt then does nothing."""
    keys: list[QKeySequence] = []
    for key in (*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
                QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")):
        if not key.isEmpty() and key not in keys:
            keys.append(key)
    return keys


def _as_text(state: QByteArray) -> str:
    """A saved Qt state (geometry, dock layout, splitter) as text for ``settings.json``."""
    return bytes(state.toBase64().data()).decode()


def _from_text(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode())


class AfterFirstFrame(QObject):
    """Calls ``then`` once, just after ``window`` has painted its first frame (or after
    ``FALLBACK_MS`` if it never paints, e.g. started minimised)."""

    FALLBACK_MS = 1000

    def __init__(self, window: QWidget, then: Callable[[], object]) -> None:
        super().__init__(window)
        self.window, self.then = window, then
        self._done = False
        window.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._go)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            self.window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._go)  # once this frame is on the screen
        return False

    def _go(self) -> None:
        if self._done or not shiboken6.isValid(self.window):
            return
        self._done = True
        self.window.removeEventFilter(self)
        self.deleteLater()  # and the fallback timer with it
        self.then()


class MainWindow(QMainWindow):
    """The main window. ``startupSettled`` is emitted once the start-up work that the first
    frame does not need is done (``settled`` is then true): with ``defer_start`` that work —
    the backup and verify actions, the first check of what is due — waits until the window has
    painted its first frame; without it (tests, a window replacing another) it is done in
    the constructor."""

    startupSettled = Signal()

    def __init__(self, book: Casebook, settings: UiSettings | None = None,
                 localisation: Localisation | None = None,
                 settings_path: Path | None = None,
                 stopwatch_clock: Callable[[], float] | None = None,
                 stopwatch_wallclock: Callable[[], datetime] | None = None,
                 defer_start: bool = False) -> None:
        super().__init__()
        self.settled = False
        self.book = book
        self.settings = settings or UiSettings()
        self.settings_path = settings_path
        self.localisation = localisation
        self.hub = SignalHub(self)
        self.undo_stack = QUndoStack(self)
        self.worker = BookWorker(self)  # the book's one writer: every change and long job
        self.jobs = JobRunner(self.worker.pool)
        self.ops = Operations(book, self.hub, self.undo_stack, self.worker, self.jobs)
        self.current_case: CaseRecord | None = None
        self.active_dialog: RecordDialog | None = None
        self._pending_call: tuple[datetime, int, str, str] | None = None

        self.setObjectName("mainWindow")
        self.setMinimumSize(900, 560)
        self._build_case_list()
        self._build_case_view(stopwatch_clock, stopwatch_wallclock)
        self._build_empty_page()
        self._stack = QStackedWidget()
        self._stack.addWidget(self._empty_page)
        self._stack.addWidget(self._case_page)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("caseSplitter")
        splitter.addWidget(self._case_list_panel)
        splitter.addWidget(self._stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 980])
        splitter.setChildrenCollapsible(False)
        self.case_splitter = splitter
        # Bars that come and go (reminders) sit above the splitter in ``central_layout``; built
        # here once so adding one does not re-parent (and re-style) the whole window.
        holder = QWidget()
        holder.setObjectName("centralHolder")
        self.central_layout: QVBoxLayout = QVBoxLayout(holder)
        self.central_layout.setContentsMargins(0, 0, 0, 0)
        self.central_layout.setSpacing(0)
        self.central_layout.addWidget(splitter, 1)
        self.setCentralWidget(holder)
        self._build_actions()
        self._build_menus_and_toolbar()
        self.statusBar()
        self._build_evidence_wiring()
        self.deadlines = DeadlineActions(self)  # clocks, promises, Due view, escalation, Ctrl+U
        self._tab_policies: dict[str, QSizePolicy.Policy] = {}
        self._only_the_shown_tab_holds_its_height()
        self._build_search()

        self.hub.casesChanged.connect(self.reload_cases)
        self.hub.caseChanged.connect(self._on_case_changed)
        self.hub.timelineChanged.connect(self._on_timeline_changed)
        self.hub.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.hub.refused.connect(self._report)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_actions())
        self.undo_stack.indexChanged.connect(lambda _i: self._update_actions())

        self._retranslate()
        self._restore_geometry()
        self.reload_cases()
        if self.settings.last_case_id is not None:
            self.select_case(self.settings.last_case_id)
        if self.current_case is None and self.case_model.rowCount() > 0:
            self.case_view.selectRow(0)
        self._update_actions()
        if defer_start:
            AfterFirstFrame(self, lambda: self.finish_start(check_due_now=True))
        else:
            self.finish_start()

    def finish_start(self, check_due_now: bool = False) -> None:
        """What the first frame does not need: Tools → Verify…, File → Back up… and Restore…,
        and the first check of what is due (the reminder bar: now, or once the constructor's
        caller is back in the event loop). Runs once."""
        if self.settled:
            return
        self.verification = VerifyActions(self)  # Tools → Verify…
        from ui.backup_actions import BackupActions

        self.backup = BackupActions(self)  # File → Back up…, Restore from backup…
        if check_due_now:
            self.deadlines.check_due()
        else:
            self.deadlines.schedule_check()
        self.settled = True
        self.startupSettled.emit()

    # ---- building ------------------------------------------------------------------------

    def _build_case_list(self) -> None:
        self.case_model = CaseListModel(self)
        self.case_proxy = QSortFilterProxyModel(self)
        self.case_proxy.setSourceModel(self.case_model)
        self.case_proxy.setSortRole(SORT_ROLE)
        self.case_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.case_proxy.setFilterKeyColumn(-1)
        self.case_filter = QLineEdit()
        self.case_filter.setClearButtonEnabled(True)
        self.case_filter.textChanged.connect(self.case_proxy.setFilterFixedString)
        self.case_view = QTableView()
        self.case_view.setObjectName("caseList")
        self.case_view.setModel(self.case_proxy)
        self.case_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.case_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.case_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.case_view.verticalHeader().hide()
        self.case_view.setShowGrid(False)
        self.case_view.setAlternatingRowColors(True)
        self.case_view.setWordWrap(False)
        self.case_view.setColumnHidden(CaseListModel.LAST_CONTACT, True)
        header = self.case_view.horizontalHeader()
        header.setSectionResizeMode(CaseListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CaseListModel.INSTITUTION,
                                    QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CaseListModel.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        self.case_view.selectionModel().currentRowChanged.connect(self._on_case_row_changed)
        self.new_case_button = QPushButton()
        self.new_case_button.setObjectName("primaryButton")

        panel = QWidget()
        panel.setObjectName("caseListPanel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addWidget(self.case_filter)
        layout.addWidget(self.case_view, 1)
        layout.addWidget(self.new_case_button)
        self._case_list_panel = panel

    def _build_case_view(self, clock: Callable[[], float] | None,
                         wallclock: Callable[[], datetime] | None) -> None:
        self.header = CaseHeader()
        self.header.editRequested.connect(self.edit_case)
        self.header.statusPicked.connect(self._on_status_picked)
        kwargs: dict[str, Any] = {}
        if clock is not None:
            kwargs["clock"] = clock
        if wallclock is not None:
            kwargs["wallclock"] = wallclock
        self.stopwatch = CallStopwatch(**kwargs)
        self.stopwatch.finished.connect(self._on_call_finished)
        self.stopwatch.discarded.connect(self._update_actions)

        self.timeline_model = TimelineModel(self)
        self.timeline_model.set_newest_first(self.settings.newest_first)
        self.timeline_view = QTableView()
        self.timeline_view.setObjectName("timeline")
        self.timeline_view.setModel(self.timeline_model)
        self.timeline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline_view.setAlternatingRowColors(True)
        self.timeline_view.setShowGrid(False)
        self.timeline_view.setWordWrap(False)
        self.timeline_view.verticalHeader().setDefaultSectionSize(28)
        self.timeline_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.timeline_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TimelineModel.SUMMARY, QHeaderView.ResizeMode.Stretch)
        for column, width in ((TimelineModel.WHEN, 122), (TimelineModel.CHANNEL, 118),
                              (TimelineModel.DIRECTION, 64), (TimelineModel.COUNTERPART, 130),
                              (TimelineModel.REFERENCES, 130), (TimelineModel.PROMISES, 150)):
            self.timeline_view.setColumnWidth(column, width)
        self.timeline_view.activated.connect(lambda _index: self.edit_event())
        self.timeline_view.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self._show_event_details())
        self.timeline_view.selectionModel().selectionChanged.connect(
            lambda _selected, _deselected: self._update_actions())

        self.detail = QTextBrowser()
        self.detail.setObjectName("eventDetail")
        self.detail.setOpenLinks(False)

        # Below the timeline: the selected entry in full, and the case's evidence.
        self.evidence_panel = EvidencePanel(self.ops, events_of=self.timeline_model.events_of)
        self.bottom_tabs = QTabWidget()
        self.bottom_tabs.setObjectName("caseTabs")
        self.bottom_tabs.setDocumentMode(True)
        self.bottom_tabs.tabBar().setChangeCurrentOnDrag(True)
        self.bottom_tabs.addTab(self.detail, "")
        self.bottom_tabs.addTab(self.evidence_panel, "")
        self.detail.setAcceptDrops(False)
        self.detail.viewport().setAcceptDrops(False)

        # The timeline is what a person reads; the entry's details and the evidence below it
        # get the smaller share (each splitter's place is kept between sessions).
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("timelineSplitter")
        splitter.addWidget(self.timeline_view)
        splitter.addWidget(self.bottom_tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([330, 250])
        splitter.setChildrenCollapsible(False)
        self.timeline_splitter = splitter

        self.timeline_title = QLabel()
        self.timeline_title.setObjectName("sectionTitle")
        self.log_call_button = QPushButton()
        self.log_call_button.setObjectName("primaryButton")
        self.add_event_button = QPushButton()
        bar = QHBoxLayout()
        bar.addWidget(self.timeline_title, 1)
        bar.addWidget(self.log_call_button)
        bar.addWidget(self.add_event_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.addWidget(self.header)
        layout.addWidget(self.stopwatch)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self._case_page = page

    def _build_empty_page(self) -> None:
        page = QWidget()
        page.setObjectName("emptyPage")
        self._empty_title = QLabel()
        self._empty_title.setObjectName("emptyTitle")
        self._empty_text = QLabel()
        self._empty_text.setWordWrap(True)
        self._empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty_button = QPushButton()
        self._empty_button.setObjectName("primaryButton")
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        for widget in (self._empty_title, self._empty_text, self._empty_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self._empty_page = page

    def _action(self, slot: Callable[..., object],
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                checkable: bool = False) -> QAction:
        action = QAction(self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.act_new_case = self._action(self.new_case, QKeySequence.StandardKey.New)
        self.act_edit_case = self._action(self.edit_case, "Ctrl+E")
        self.act_delete_case = self._action(self.delete_case)
        self.act_quit = self._action(self.close, QKeySequence.StandardKey.Quit)
        self.act_log_call = self._action(self.log_call, "Ctrl+L")
        self.act_add_event = self._action(self.add_event, "Ctrl+T")
        self.act_edit_event = self._action(self.edit_event, "F2")
        self.act_delete_event = self._action(self.delete_event, QKeySequence.StandardKey.Delete)
        self.act_delete_event.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.timeline_view.addAction(self.act_delete_event)
        # Our own undo/redo actions (not QUndoStack.createUndoAction) so that their text is
        # ours to translate and switches language with the rest of the window.
        self.act_undo = self._action(self.undo_stack.undo, QKeySequence.StandardKey.Undo)
        self.act_redo = self._action(self.undo_stack.redo)
        self.act_redo.setShortcuts(redo_shortcuts())
        self.undo_stack.canUndoChanged.connect(lambda _can: self._update_undo_texts())
        self.undo_stack.canRedoChanged.connect(lambda _can: self._update_undo_texts())
        self.undo_stack.undoTextChanged.connect(lambda _text: self._update_undo_texts())
        self.undo_stack.redoTextChanged.connect(lambda _text: self._update_undo_texts())
        self.act_newest_first = self._action(self._set_newest_first, "Ctrl+Shift+O",
                                             checkable=True)
        self.act_newest_first.setChecked(self.settings.newest_first)
        self.act_find_case = self._action(self._focus_filter, QKeySequence.StandardKey.Find)
        self.search_panel = SearchPanel(self.book, self)
        self.act_search = self._action(self.search_panel.start, "Ctrl+Shift+F")
        self.act_about = self._action(self._about)
        self.act_directory = self._action(self.show_directory)

        self.language_group = QActionGroup(self)
        self.act_language: dict[str | None, QAction] = {}
        for code in (None, *LANGUAGES):
            action = QAction(self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            self.language_group.addAction(action)
            self.act_language[code] = action
        self.act_language.get(self.settings.language, self.act_language[None]).setChecked(True)

        self._build_evidence_actions()
        self._build_dossier_actions()

        self.new_case_button.clicked.connect(self.act_new_case.trigger)
        self._empty_button.clicked.connect(self.act_new_case.trigger)
        self.log_call_button.clicked.connect(self.act_log_call.trigger)
        self.add_event_button.clicked.connect(self.act_add_event.trigger)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.act_new_case])
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_export, self.act_profile])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_edit_case, self.act_delete_case])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_find_case, self.act_search])
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_directory)
        self.menu_timeline = bar.addMenu("")
        self.menu_timeline.addActions([self.act_log_call, self.act_add_event,
                                       self.act_edit_event, self.act_delete_event])
        self.menu_evidence = bar.addMenu("")
        self.menu_evidence.addActions([self.act_add_evidence, self.act_paste])
        self.menu_evidence.addSeparator()
        self.menu_evidence.addActions([self.act_show_image, self.act_open_original,
                                       self.act_remove_evidence])
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_newest_first)
        self.menu_language = self.menu_view.addMenu("")
        self.menu_language.addActions(list(self.act_language.values()))
        self.menu_tools: QMenu = bar.addMenu("")  # Verify… (ui.verify)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_about)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.act_new_case, self.act_edit_case])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_log_call, self.act_add_event, self.act_add_evidence])
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.act_export)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.act_undo, self.act_redo])
        self.addToolBar(self.toolbar)

    def _build_search(self) -> None:
        """The search box above the case list (always in sight); its hits open below it."""
        layout = self._case_list_panel.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.search_panel.box)
        self.search_panel.hitActivated.connect(self.open_search_hit)
        for signal in (self.hub.casesChanged, self.hub.timelineChanged, self.hub.evidenceChanged):
            signal.connect(lambda *_: self.search_panel.refresh())

    def open_search_hit(self, hit: SearchHit) -> None:
        """Open the case of a search hit at its entry or exhibit."""
        self.select_case(hit.case_id)
        if self.current_case is None or self.current_case.id != hit.case_id:
            return
        if hit.event_id is not None:
            self.select_event(hit.event_id)
        if hit.evidence_id is not None:
            self.show_evidence([hit.evidence_id])
            self.evidence_panel.view.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.timeline_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- language --------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Casebook — complaint records"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_timeline.setTitle(self.tr("&Timeline"))
        self.menu_evidence.setTitle(self.tr("E&vidence"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_language.setTitle(self.tr("&Language"))
        self.menu_tools.setTitle(self.tr("T&ools"))
        self.menu_help.setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Main toolbar"))
        self.act_new_case.setText(self.tr("&New case…"))
        self.act_edit_case.setText(self.tr("&Edit case…"))
        self.act_delete_case.setText(self.tr("Delete case…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_add_event.setText(self.tr("&Add entry…"))
        self.act_edit_event.setText(self.tr("E&dit entry…"))
        self.act_delete_event.setText(self.tr("De&lete entry"))
        self.act_newest_first.setText(self.tr("&Newest first"))
        self.act_find_case.setText(self.tr("&Find case"))
        self.act_search.setText(self.tr("&Search all cases…"))
        self.act_about.setText(self.tr("&About Casebook"))
        self.act_directory.setText(self.tr("&Institutions…"))
        self.act_language[None].setText(self.tr("Follow the system"))
        for code, name in LANGUAGES.items():
            self.act_language[code].setText(name)
        self.case_filter.setPlaceholderText(self.tr("Filter cases…"))
        self.new_case_button.setText(self.tr("+ New case"))
        self.add_event_button.setText(self.tr("Add entry…"))
        self.timeline_title.setText(self.tr("Timeline"))
        self._empty_title.setText(self.tr("No case yet"))
        self._empty_text.setText(self.tr(
            "A case keeps one complaint: every call, visit, message and letter, with the "
            "reference numbers and promises they produced.\nStart by creating a case for the "
            "bank or app you are complaining about."))
        self._empty_button.setText(self.tr("Create a case"))
        self.case_model.retranslate()
        self.timeline_model.retranslate()
        self._retranslate_evidence()
        self._retranslate_dossier()
        self._update_log_call_text()
        self._update_undo_texts()
        self._show_event_details()

    def _update_undo_texts(self) -> None:
        stack = self.undo_stack
        if not shiboken6.isValid(stack) or not shiboken6.isValid(self.act_undo):
            return  # the window is being torn down
        self.act_undo.setEnabled(stack.canUndo())
        self.act_redo.setEnabled(stack.canRedo())
        self.act_undo.setText(self.tr("&Undo {action}").format(action=stack.undoText())
                              if stack.canUndo() else self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo {action}").format(action=stack.redoText())
                              if stack.canRedo() else self.tr("&Redo"))

    def _update_log_call_text(self) -> None:
        text = self.tr("End &call") if self.stopwatch.running else self.tr("&Log a call")
        self.act_log_call.setText(text)
        self.log_call_button.setText(text.replace("&", "") + "  (Ctrl+L)")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    @Slot()
    def switch_language(self, code: str | None) -> None:
        self.settings.language = code
        self._save_settings()
        if self.localisation is not None:
            self.localisation.apply(code)
        action = self.act_language.get(code)
        if action is not None:
            action.setChecked(True)

    # ---- cases ------------------------------------------------------------------------------

    @Slot()
    def reload_cases(self) -> None:
        selected = self.current_case.id if self.current_case else None
        self.case_model.set_cases(self.book.cases.list_cases())
        self.case_proxy.sort(CaseListModel.LAST_CONTACT, Qt.SortOrder.DescendingOrder)
        if selected is not None and self.case_model.row_of(selected) >= 0:
            self.select_case(selected)
        elif self.case_model.rowCount() > 0:
            self.case_view.selectRow(0)
        else:
            self._show_case(None)
        self._stack.setCurrentIndex(1 if self.case_model.rowCount() else 0)

    def select_case(self, case_id: int) -> None:
        row = self.case_model.row_of(case_id)
        if row < 0:
            return
        proxy_index = self.case_proxy.mapFromSource(self.case_model.index(row, 0))
        if not proxy_index.isValid():
            self.case_filter.clear()
            proxy_index = self.case_proxy.mapFromSource(self.case_model.index(row, 0))
        self.case_view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        if self.current_case is None or self.current_case.id != case_id:
            self._show_case(self.case_model.case_at(row).id)

    @Slot(QModelIndex, QModelIndex)
    def _on_case_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = current.data(CASE_ID_ROLE) if current.isValid() else None
        if case_id is None:
            return
        if self.current_case is None or self.current_case.id != case_id:
            self._show_case(case_id)

    def _show_case(self, case_id: int | None) -> None:
        try:
            case = None if case_id is None else self.book.cases.get_case(case_id)
        except ServiceError:
            case = None
        self.current_case = case
        # the timeline first: the header's clock counts from the events it already holds
        events = [] if case is None else self.book.timeline.list_events(case.id)
        self.timeline_model.set_events(events, None if case is None else case.id)
        self.header.show_case(case)
        self.evidence_panel.set_case(None if case is None else case.id)
        if case is not None:
            self.settings.last_case_id = case.id
        self._show_event_details()
        self._update_actions()

    @Slot(int)
    def _on_case_changed(self, case_id: int) -> None:
        if self.current_case is not None and self.current_case.id == case_id:
            try:
                self.current_case = self.book.cases.get_case(case_id)
            except ServiceError:
                self.current_case = None
            self.header.show_case(self.current_case)
        elif self.case_model.row_of(case_id) >= 0:
            self.select_case(case_id)

    @Slot(int)
    def _on_timeline_changed(self, case_id: int) -> None:
        if self.current_case is None or self.current_case.id != case_id:
            self.select_case(case_id)
            return
        selected = self.selected_event()
        self.timeline_model.set_events(self.book.timeline.list_events(case_id), case_id)
        if selected is not None:
            self.select_event(selected.id)
        self.evidence_panel.reload()
        self._show_event_details()
        self._update_actions()

    def _open_dialog(self, dialog: RecordDialog, save: Callable[[], object]) -> None:
        """Show a dialog window-modally; OK runs ``save``, and a refusal keeps it open."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_saver(save)
        self.active_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "active_dialog", None))
        dialog.open()

    def _report(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Not saved"), message)

    @Slot()
    def new_case(self) -> None:
        from ui.dialogs.case_dialog import CaseDialog

        dialog = CaseDialog(self.book.institutions.list_institutions(), None, self)
        dialog.setWindowTitle(self.tr("New case"))

        def created(record: CaseRecord) -> None:
            self.select_case(record.id)
            self.hub.statusMessage.emit(self.tr("Case created"))

        def save() -> Task:
            return self.ops.create_case(dialog.fields()).then(created)

        self._open_dialog(dialog, save)

    @Slot()
    def edit_case(self) -> None:
        if self.current_case is None:
            return
        case_id = self.current_case.id
        from ui.dialogs.case_dialog import CaseDialog

        dialog = CaseDialog(self.book.institutions.list_institutions(), self.current_case.fields,
                            self)
        dialog.setWindowTitle(self.tr("Edit case"))

        def save() -> Task:
            return self.ops.edit_case(case_id, dialog.fields())

        self._open_dialog(dialog, save)

    @Slot(str)
    def _on_status_picked(self, status: str) -> None:
        if self.current_case is None:
            return
        def refused(message: str) -> None:
            self._report(message)
            self.header.show_case(self.current_case)

        self.ops.set_case_status(self.current_case.id, status).then(on_failed=refused)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text,
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def delete_case(self) -> None:
        case = self.current_case
        if case is None:
            return
        if not self.confirm(self.tr("Delete case"), self.tr(
                "Delete the case “{title}” with its {count} entries?\n"
                "You can undo this with Ctrl+Z until you close Casebook.").format(
                    title=case.title, count=case.event_count)):
            return
        self.current_case = None
        self.ops.delete_case(case.id)

    # ---- events -----------------------------------------------------------------------------

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

    def _event_dialog(self, fields: EventFields | None, on_save: Callable[[EventFields], Task]
                      ) -> EventEditor:
        from ui.dialogs.event_editor import EventEditor

        institution = self.current_case.institution if self.current_case else None
        dialog = EventEditor(fields, self, institution=institution)

        self._open_dialog(dialog, lambda: on_save(dialog.fields()))
        return dialog

    @Slot()
    def add_event(self) -> None:
        case = self.current_case
        if case is None:
            return

        def save(fields: EventFields) -> Task:
            return self.ops.add_event(case.id, fields).then(
                lambda record: self.select_event(record.id))

        dialog = self._event_dialog(None, save)
        dialog.setWindowTitle(self.tr("New entry"))

    @Slot()
    def edit_event(self) -> None:
        event = self.selected_event()
        if event is None:
            return

        def save(fields: EventFields) -> Task:
            return self.ops.edit_event(event.id, fields)

        dialog = self._event_dialog(event.fields, save)
        dialog.setWindowTitle(self.tr("Edit entry"))

    @Slot()
    def delete_event(self) -> None:
        event = self.selected_event()
        if event is None:
            return
        self.ops.delete_event(event.id).then(lambda _record: self.hub.statusMessage.emit(
            self.tr("Entry deleted. Undo with Ctrl+Z.")))

    @Slot()
    def log_call(self) -> None:
        """Start the stopwatch for a call in progress; a second press ends the call."""
        if self.current_case is None:
            return
        if self.stopwatch.running:
            self.stopwatch.stop()
            return
        self.stopwatch.start(self.current_case.institution.hotline)
        self._update_actions()

    @Slot(object, int, str, str)
    def _on_call_finished(self, started: datetime, seconds: int, contact: str,
                          notes: str) -> None:
        self._update_actions()
        case = self.current_case
        if case is None:
            return
        fields = EventFields(at=started.replace(second=0, microsecond=0), channel=Channel.CALL,
                             direction="out", contact=contact, duration_seconds=seconds,
                             summary=notes if len(notes) <= 80 else "",
                             details=notes if len(notes) > 80 else "")

        def save(fields: EventFields) -> Task:
            return self.ops.add_event(case.id, fields, self.tr("Log call")).then(
                lambda record: self.select_event(record.id))

        dialog = self._event_dialog(fields, save)
        dialog.setWindowTitle(self.tr("Log the call"))

    @Slot(bool)
    def _set_newest_first(self, newest_first: bool) -> None:
        if newest_first == self.settings.newest_first == self.timeline_model.newest_first:
            return  # nothing changes (the action taking its saved state at start-up)
        selected = self.selected_event()
        self.settings.newest_first = newest_first
        self.timeline_model.set_newest_first(newest_first)
        if selected is not None:
            self.select_event(selected.id)
        self._save_settings()

    @Slot()
    def show_directory(self) -> None:
        """The directory of banks, apps and complaint bodies, editable in place."""
        from ui.dialogs.directory_dialog import DirectoryDialog

        dialog = DirectoryDialog(self.ops, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.directory_dialog = dialog
        dialog.open()

    def _focus_filter(self) -> None:
        self.case_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.case_filter.selectAll()

    def _show_event_details(self) -> None:
        event = self.selected_event()
        if event is None:
            hint = self.tr("Select an entry to see it in full. "
                           "Double-click or press Enter to edit it.")
            self.detail.setHtml(f"<p style='color:#6b7280'>{html.escape(hint)}</p>")
            return
        self.detail.setHtml(self._event_html(event))

    def _event_html(self, e: EventRecord) -> str:
        esc = html.escape
        rows: list[tuple[str, str]] = [
            (self.tr("When"), format_datetime(e.at)),
            (self.tr("Channel"), vocab_label("channel", e.channel)),
            (self.tr("Direction"), vocab_label("direction", e.direction)),
        ]
        for label, value in ((self.tr("With"), e.counterpart), (self.tr("Staff ID"), e.agent_id),
                             (self.tr("Contact"), e.contact),
                             (self.tr("Duration"), format_duration(e.duration_seconds)),
                             (self.tr("From"), e.email_from), (self.tr("To"), e.email_to),
                             (self.tr("Cc"), e.email_cc)):
            if value:
                rows.append((label, value))
        for ref in e.references:
            rows.append((ref.label or self.tr("Reference no."),
                         ref.value + (f" ({ref.issued_by})" if ref.issued_by else "")))
        for p in e.promises:
            due_word = self.tr("due")
            due = f" — {due_word} {format_datetime(p.due_at)}" if p.due_at else ""
            state = promise_status(p, clock.current_time())  # pending past due: broken
            note = f" {p.state_note}" if p.state_note else ""
            rows.append((self.tr("Promise"),
                         f"{p.text}{due} [{vocab_label('promise_state', state)}]{note}"))
        exhibits = self.evidence_panel.records_of_event(e.id)
        if exhibits:
            rows.append((self.tr("Evidence"), "; ".join(
                f"{r.exhibit} {r.caption or r.original_name}" for r in exhibits)))
        table = "".join(
            f"<tr><td style='color:#6b7280;padding-right:12px'>{esc(k)}</td>"
            f"<td>{esc(v)}</td></tr>" for k, v in rows)
        details = esc(e.details).replace("\n", "<br>")
        actions = self.deadlines.entry_html(e) if hasattr(self, "deadlines") else ""
        return (f"<h3 style='margin:0 0 6px 0'>{esc(e.summary)}</h3>{actions}"
                f"<table>{table}</table>" + (f"<p>{details}</p>" if details else ""))

    # ---- evidence ----------------------------------------------------------------------------

    def _build_evidence_actions(self) -> None:
        self.act_add_evidence = self._action(self.add_evidence, "Ctrl+Shift+A")
        self.act_paste = self._action(self.paste, QKeySequence.StandardKey.Paste)
        self.act_show_image = self._action(self.evidence_panel.show_image)
        self.act_open_original = self._action(self.evidence_panel.open_original)
        self.act_remove_evidence = self._action(self.evidence_panel.remove_selected,
                                                QKeySequence.StandardKey.Delete)
        # Delete removes evidence only while the evidence list has the focus (and an entry
        # only while the timeline has it).
        self.act_remove_evidence.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.removeAction(self.act_remove_evidence)
        self.evidence_panel.view.addAction(self.act_remove_evidence)
        self.evidence_panel.add_button.clicked.connect(self.act_add_evidence.trigger)

    def _build_evidence_wiring(self) -> None:
        panel = self.evidence_panel
        panel.countChanged.connect(lambda _n: self._update_evidence_tab())
        panel.selectionChanged.connect(self._update_evidence_actions)
        self.bottom_tabs.currentChanged.connect(lambda _i: self._update_evidence_actions())
        self.bottom_tabs.currentChanged.connect(self._only_the_shown_tab_holds_its_height)
        panel.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.hub.evidenceChanged.connect(self._on_evidence_changed)

        # Where files can be dropped: a case in the list, the timeline (an entry, or the
        # case as a whole), the rest of the case page and the evidence list.
        self.case_drop = DropZone(self.case_view.viewport(), self._locate_case_row)
        self.case_drop.filesDropped.connect(self._files_dropped_on_case_row)
        self.timeline_drop = DropZone(self.timeline_view.viewport(), self._locate_timeline,
                                      accept_evidence=True)
        self.timeline_drop.filesDropped.connect(self._files_dropped_on_timeline)
        self.timeline_drop.evidenceDropped.connect(self._evidence_dropped_on_timeline)
        self.page_drops: list[DropZone] = []
        for widget in (self._case_page, *panel.drop_widgets):
            zone = DropZone(widget, lambda _pos, kind, w=widget: self._locate_case_area(  # type: ignore[misc]
                w, kind))
            zone.filesDropped.connect(self._files_dropped_on_timeline)
            self.page_drops.append(zone)

        # The import progress, shown in the status bar while files come in.
        self.import_label = QLabel()
        self.import_progress = QProgressBar()
        self.import_progress.setObjectName("importProgress")
        self.import_progress.setMaximumWidth(220)
        self.import_progress.setTextVisible(False)
        self.import_cancel = QPushButton()
        self.import_cancel.clicked.connect(self.cancel_imports)
        for widget in (self.import_label, self.import_progress, self.import_cancel):
            self.statusBar().addPermanentWidget(widget)
            widget.hide()
        self.jobs.on_change.append(self._update_import_progress)

    def _retranslate_evidence(self) -> None:
        self.act_add_evidence.setText(self.tr("&Add evidence…"))
        self.act_paste.setText(self.tr("&Paste screenshot or files"))
        self.act_show_image.setText(self.tr("&Show image"))
        self.act_open_original.setText(self.tr("&Open original"))
        self.act_remove_evidence.setText(self.tr("&Remove evidence"))
        self.bottom_tabs.setTabText(0, self.tr("Entry details"))
        self.import_cancel.setText(self.tr("Cancel"))
        self._update_evidence_tab()

    def _update_evidence_tab(self) -> None:
        self.bottom_tabs.setTabText(1, self.tr("Evidence ({count})").format(
            count=self.evidence_panel.count()))

    def _update_evidence_actions(self) -> None:
        has_case = self.current_case is not None
        # What is selected in the evidence list counts only while the list is in view.
        shown = self.bottom_tabs.currentWidget() is self.evidence_panel
        record = self.evidence_panel.current_record() if shown else None
        self.act_add_evidence.setEnabled(has_case)
        self.act_paste.setEnabled(has_case)
        self.act_show_image.setEnabled(record is not None and record.mime.startswith("image/"))
        self.act_open_original.setEnabled(record is not None)
        self.act_remove_evidence.setEnabled(shown and bool(self.evidence_panel.selected_ids()))

    @Slot(int)
    def _on_evidence_changed(self, case_id: int) -> None:
        if self.current_case is None or self.current_case.id != case_id:
            return
        self.evidence_panel.reload()
        self._show_event_details()
        self._update_actions()

    def show_evidence(self, evidence_ids: list[int] | None = None) -> None:
        """Bring the evidence list forward, with these exhibits selected."""
        self.bottom_tabs.setCurrentWidget(self.evidence_panel)
        if evidence_ids:
            self.evidence_panel.select(evidence_ids)

    # drops ----------------------------------------------------------------------------------

    def _row_rect(self, view: QTableView, row: int) -> QRect:
        return QRect(0, view.rowViewportPosition(row), view.viewport().width(),
                     view.rowHeight(row))

    def _locate_case_row(self, pos: QPoint, kind: str) -> DropSpot | None:
        row = self.case_view.rowAt(pos.y())
        if kind != FILES or row < 0:
            return None
        case_id = self.case_proxy.index(row, 0).data(CASE_ID_ROLE)
        return DropSpot(self._row_rect(self.case_view, row), case_id)

    def _locate_timeline(self, pos: QPoint, kind: str) -> DropSpot | None:
        if self.current_case is None:
            return None
        row = self.timeline_view.rowAt(pos.y())
        if row >= 0:
            return DropSpot(self._row_rect(self.timeline_view, row),
                            self.timeline_model.event_at(row).id,
                            self.tr("Attach to this entry"))
        label = (self.tr("Add to the case") if kind == FILES
                 else self.tr("Keep for the case as a whole"))
        return DropSpot(self.timeline_view.viewport().rect(), None, label, frame=True)

    def _locate_case_area(self, widget: QWidget, kind: str) -> DropSpot | None:
        if self.current_case is None or kind != FILES:
            return None
        return DropSpot(widget.rect(), None, self.tr("Add to this case"), frame=True)

    @Slot(list, object)
    def _files_dropped_on_case_row(self, paths: list[str], case_id: object) -> None:
        if not isinstance(case_id, int):
            return
        self.select_case(case_id)
        self.import_files(case_id, paths)

    @Slot(list, object)
    def _files_dropped_on_timeline(self, paths: list[str], event_id: object) -> None:
        if self.current_case is None:
            return
        self.import_files(self.current_case.id, paths,
                          event_id if isinstance(event_id, int) else None)

    @Slot(list, object)
    def _evidence_dropped_on_timeline(self, evidence_ids: list[int], event_id: object) -> None:
        target = event_id if isinstance(event_id, int) else None
        self.ops.link_evidence(evidence_ids, target).then(
            lambda moved: self._evidence_linked(moved, target),
            lambda message: self.statusBar().showMessage(message, 8000))

    def _evidence_linked(self, moved: list[EvidenceRecord], target: int | None) -> None:
        if not moved:
            return
        exhibits = ", ".join(r.exhibit for r in moved)
        if target is None:
            text = self.tr("{exhibits} now belongs to the case as a whole").format(
                exhibits=exhibits)
        else:
            row = self.timeline_model.row_of(target)
            summary = self.timeline_model.event_at(row).summary if row >= 0 else ""
            text = self.tr("{exhibits} attached to “{entry}”").format(
                exhibits=exhibits, entry=summary)
        self.statusBar().showMessage(text, 6000)

    # adding ---------------------------------------------------------------------------------

    def choose_evidence_files(self) -> list[str]:
        """The files the person picks to add (tests replace this)."""
        paths, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add evidence"), "",
            self.tr("All files (*);;Images (*.png *.jpg *.jpeg *.heic *.webp *.gif *.bmp);;"
                    "Emails (*.eml);;PDF documents (*.pdf)"))
        return paths

    @Slot()
    def add_evidence(self) -> None:
        case = self.current_case
        if case is None:
            return
        paths = self.choose_evidence_files()
        if paths:
            self.import_files(case.id, paths)

    def import_files(self, case_id: int, paths: list[str], event_id: int | None = None,
                     ) -> Job | None:
        """Import in the background, with progress in the status bar and a summary after."""
        if not paths:
            return None
        job = self.ops.import_files(case_id, paths, event_id)
        self._watch_import(job)
        return job

    def screenshot_name(self) -> str:
        stamp = to_local(now()).strftime("%Y-%m-%d %H-%M-%S")
        return self.tr("Screenshot {time}").format(time=stamp) + ".png"

    @Slot()
    def paste(self) -> None:
        """Ctrl+V: files on the clipboard are added as they are; an image as a new PNG.
        With an entry selected in the timeline (and the timeline focused), onto that entry."""
        case = self.current_case
        if case is None:
            return
        event = self.selected_event() if self.timeline_view.hasFocus() else None
        event_id = event.id if event is not None else None
        clipboard = QGuiApplication.clipboard()
        paths = local_paths(clipboard.mimeData())
        if paths:
            self.import_files(case.id, paths, event_id)
            return
        image = clipboard.image()
        if not image.isNull():
            self._watch_import(self.ops.import_image(case.id, image, self.screenshot_name(),
                                                     event_id))
            return
        self.statusBar().showMessage(
            self.tr("Nothing to paste: copy a screenshot or files first."), 6000)

    # progress and summary -------------------------------------------------------------------

    def _watch_import(self, job: Job) -> None:
        job.progress.connect(self._on_import_progress)
        job.finished.connect(self._on_import_finished)
        job.failed.connect(self._on_import_failed)
        self.import_progress.setRange(0, 0)
        self.import_label.setText(self.tr("Adding evidence…"))
        self._update_import_progress()

    def _update_import_progress(self) -> None:
        busy = self.jobs.busy
        for widget in (self.import_label, self.import_progress, self.import_cancel):
            widget.setVisible(busy)
        self.import_cancel.setEnabled(busy)

    @Slot(int, int)
    def _on_import_progress(self, done: int, total: int) -> None:
        self.import_progress.setRange(0, max(total, 1))
        self.import_progress.setValue(done)
        self.import_label.setText(self.tr("Adding evidence: {done} of {total}").format(
            done=done, total=total))

    @Slot()
    def cancel_imports(self) -> None:
        self.jobs.cancel_all()
        self.import_cancel.setEnabled(False)
        self.import_label.setText(self.tr("Stopping…"))

    def import_summary(self, result: ImportResult) -> str:
        """"12 files added; 1 already there; 1 refused: name — reason"."""
        parts: list[str] = []
        added, duplicates, refused = result.added, result.duplicates, result.refused
        emails = result.created_event_ids
        if added:
            parts.append(self.tr("1 file added") if len(added) == 1 else
                         self.tr("{count} files added").format(count=len(added)))
        if emails:
            parts.append(self.tr("1 email put on the timeline") if len(emails) == 1 else
                         self.tr("{count} emails put on the timeline").format(count=len(emails)))
        if duplicates:
            parts.append(self.tr("1 already there") if len(duplicates) == 1 else
                         self.tr("{count} already there").format(count=len(duplicates)))
        if len(refused) == 1:
            parts.append(self.tr("1 refused: {name} — {reason}").format(
                name=Path(refused[0].source).name, reason=refused[0].error))
        elif refused:
            parts.append(self.tr("{count} refused").format(count=len(refused)))
        text = "; ".join(parts) if parts else self.tr("Nothing was added")
        if result.cancelled:
            text = self.tr("Stopped: {summary}").format(summary=text)
        return text

    @Slot(object)
    def _on_import_finished(self, result: ImportResult) -> None:
        summary = self.import_summary(result)
        self.statusBar().showMessage(summary, 15000)
        shown = (self.current_case is not None and self.current_case.id == result.case_id)
        touched = [r.id for r in result.added] + [o.record.id for o in result.duplicates
                                                   if o.record is not None]
        if shown and touched:
            self.show_evidence(touched)
        if result.refused:
            self.show_import_problems(summary, [
                self.tr("{name} — {reason}").format(name=Path(o.source).name, reason=o.error)
                for o in result.refused])

    @Slot(str)
    def _on_import_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        self.show_import_problems(self.tr("Nothing was added"), [message])

    def show_import_problems(self, summary: str, problems: list[str]) -> None:
        """Files that could not be added, named with the reason (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some files were not added"),
                          summary, QMessageBox.StandardButton.Ok, self)
        box.setInformativeText("\n".join(problems[:12]) + ("\n…" if len(problems) > 12 else ""))
        if len(problems) > 12:
            box.setDetailedText("\n".join(problems))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # ---- state -------------------------------------------------------------------------------

    def _update_actions(self) -> None:
        has_case = self.current_case is not None
        has_event = self.selected_event() is not None
        self.act_edit_case.setEnabled(has_case)
        self.act_delete_case.setEnabled(has_case)
        self.act_log_call.setEnabled(has_case)
        self.act_add_event.setEnabled(has_case)
        self.act_edit_event.setEnabled(has_event)
        self.act_delete_event.setEnabled(has_event)
        self.log_call_button.setEnabled(has_case)
        self.add_event_button.setEnabled(has_case)
        self._update_log_call_text()
        self._update_evidence_actions()
        self.act_export.setEnabled(has_case)
        if hasattr(self, "deadlines"):
            self.deadlines.update_actions()

    def _restore_geometry(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(_from_text(self.settings.geometry))
        else:
            self.resize(1280, 780)
        if self.settings.window_state:
            self.restoreState(_from_text(self.settings.window_state))
        for splitter in self._splitters():
            state = self.settings.splitters.get(splitter.objectName())
            if isinstance(state, str) and state:
                splitter.restoreState(_from_text(state))

    def _splitters(self) -> tuple[QSplitter, ...]:
        return self.case_splitter, self.timeline_splitter

    @Slot(int)
    def _only_the_shown_tab_holds_its_height(self, _index: int = -1) -> None:
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

    def _save_settings(self) -> None:
        if self.settings_path is None:
            return
        try:
            self.settings.save(self.settings_path)
        except OSError as exc:
            self.statusBar().showMessage(self.tr("Could not save preferences: {error}").format(
                error=exc), 6000)

    # ---- dossier -------------------------------------------------------------------------------

    def _build_dossier_actions(self) -> None:
        self.act_export = self._action(self.export_dossier, QKeySequence.StandardKey.Print)
        self.act_profile = self._action(self.edit_profile)
        self.export_dialog: ExportDialog | None = None
        self.previews: list[PdfPreview] = []

    def _retranslate_dossier(self) -> None:
        self.act_export.setText(self.tr("E&xport dossier…"))
        self.act_export.setToolTip(self.tr(
            "Make this case's evidence dossier as a PDF, then preview and print it (Ctrl+P)"))
        self.act_profile.setText(self.tr("Your &details…"))

    @Slot()
    def export_dossier(self) -> None:
        """Ctrl+P: the export dialog; once the PDF is made, its preview (to print from)."""
        case = self.current_case
        if case is None:
            return
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            self.export_dialog.activateWindow()
            return
        from ui.dialogs.export_dialog import ExportDialog

        language = self.localisation.language if self.localisation is not None else "en"
        dialog = ExportDialog(self.book, case, self, ui_language=language,
                              worker=self.worker)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(self.show_preview)
        dialog.finished.connect(lambda _result: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()

    @Slot(object)
    def show_preview(self, result: DossierResult) -> PdfPreview:
        from ui.widgets.pdf_preview import PdfPreview

        preview = PdfPreview(result.path, result.warnings, self)
        self.previews.append(preview)
        preview.destroyed.connect(
            lambda _obj=None, p=preview: self.previews.remove(p) if p in self.previews else None)
        preview.show()
        self.hub.statusMessage.emit(self.tr("Dossier saved: {path} ({pages} pages)").format(
            path=result.path, pages=result.pages))
        return preview

    @Slot()
    def edit_profile(self) -> None:
        """Your details (name, phone, e-mail, address, ID number) for the dossier's cover."""
        from ui.dialogs.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.book.paths.root, self)
        self._open_dialog(dialog, dialog.save)

    def _close_dossier_windows(self) -> None:
        if self.export_dialog is not None:
            if self.export_dialog.job is not None:
                self.export_dialog.job.cancel()
            self.export_dialog.runner.shutdown()
            self.export_dialog.job = None
            self.export_dialog.close()
        for preview in list(self.previews):
            preview.close()

    def _about(self) -> None:
        from desktop_app import __version__

        QMessageBox.about(self, self.tr("About Casebook"), self.tr(
            "<b>Casebook {version}</b> (投诉案卷)<br>Keeps a complaint against a bank, payment "
            "app or lender as one case, on this computer only.<br>Data folder: {path}").format(
                version=__version__, path=html.escape(str(self.book.paths.root))))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.stopwatch.running and not self.confirm(
                self.tr("Call in progress"),
                self.tr("A call is still being timed. Quit without logging it?")):
            event.ignore()
            return
        self._close_dossier_windows()
        self.jobs.shutdown()
        # The undo stack clears itself when the window is destroyed, after the widgets its
        # signals update are gone: nothing needs them once the window has closed.
        self.undo_stack.blockSignals(True)
        self.settings.geometry = _as_text(self.saveGeometry())
        self.settings.window_state = _as_text(self.saveState())
        self.settings.splitters = {
            splitter.objectName(): _as_text(splitter.saveState())
            for splitter in self._splitters()}
        self._save_settings()
        super().closeEvent(event)
