"""The case's evidence: thumbnails, exhibit numbers, caption and "what it proves" edited in
place, the timeline entry each belongs to (pick it in place, or drag the row onto an entry),
the image viewer, opening the original, removing (undoable).

Adding files is the window's job (file dialog, drops, paste: one import path with progress);
the panel offers the button and the places to drop on (:attr:`drop_widgets`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.errors import ServiceError
from ui.exhibit_operations import ExhibitEdits
from ui.models.evidence import EVIDENCE_ID_ROLE, THUMBNAIL_SIZE, EvidenceModel
from ui.plain_files import open_elsewhere
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.viewport import viewport_of

if TYPE_CHECKING:
    from PySide6.QtCore import QItemSelectionRange

    from desktop_app.reading.call_log import CallLogRow
    from desktop_app.records import EventRecord, EvidenceRecord
    from ui.dialogs import RecordDialog
    from ui.dialogs.image_viewer import ImageViewer, ViewerImage
    from ui.operations import Operations

Index = QModelIndex | QPersistentModelIndex


def is_image(record: EvidenceRecord) -> bool:
    return record.mime.startswith("image/")


def is_pdf(record: EvidenceRecord) -> bool:
    return record.mime == "application/pdf"


MAX_VIEWER_PAGES = 500  # of a PDF exhibit, shown page by page in the viewer


class EventChoiceDelegate(QStyledItemDelegate):
    """The entry an exhibit belongs to, picked from the case's timeline (or the whole case)."""

    def createEditor(self, parent: QWidget, _option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        combo = QComboBox(parent)
        combo.setObjectName("eventChoice")
        model = index.model()
        assert isinstance(model, EvidenceModel)
        combo.addItem(self.tr("— the case as a whole —"), 0)
        for event in reversed(model.events()):  # newest first, as people think of them
            combo.addItem(model.event_label(event.id), event.id)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        current = index.data(Qt.ItemDataRole.EditRole) or 0
        found = editor.findData(current)
        editor.setCurrentIndex(max(0, found))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData() or None, Qt.ItemDataRole.EditRole)


class EvidencePanel(QWidget):
    """Signals: ``countChanged(int)``, ``selectionChanged()``, ``message(str)`` (for the
    status bar)."""

    countChanged = Signal(int)
    selectionChanged = Signal()
    message = Signal(str)

    def __init__(self, ops: Operations, parent: QWidget | None = None, *,
                 events_of: Callable[[int], list[EventRecord] | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self.ops = ops
        self.book = ops.book
        # the case's timeline as the window already holds it (None: read it here)
        self._events_of = events_of
        self.case_id: int | None = None
        self.viewer: ImageViewer | None = None
        self.edits = ExhibitEdits(ops)
        self.dialog: RecordDialog | None = None  # the capture-time or call-log dialog open

        self.model = EvidenceModel(self, edit=self._edit,
                                   thumbnail_file=self._thumbnail_file)
        self.view = QTableView()
        self.view.setObjectName("evidenceList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.SelectedClicked)
        self.view.setDragEnabled(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.view.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(True)
        self.view.setIconSize(THUMBNAIL_SIZE)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(THUMBNAIL_SIZE.height() + 8)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setItemDelegateForColumn(EvidenceModel.EVENT, EventChoiceDelegate(self.view))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(EvidenceModel.CAPTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(EvidenceModel.PROVES, QHeaderView.ResizeMode.Stretch)
        # narrow enough that the caption and "what it proves" keep ~150 px each on a 1366×768
        # laptop (their text wraps within the row, three lines at most)
        for column, width in ((EvidenceModel.EXHIBIT, 96), (EvidenceModel.NAME, 120),
                              (EvidenceModel.TYPE, 90), (EvidenceModel.CAPTURED, 170),
                              (EvidenceModel.EVENT, 200)):
            self.view.setColumnWidth(column, width)
        self.view.activated.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(
            lambda _s, _d: self.selectionChanged.emit())

        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("evidenceEmpty")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_hint)
        self.stack.addWidget(self.view)

        self.add_button = QPushButton()
        self.add_button.setObjectName("primaryButton")
        self.show_button = QPushButton()
        self.open_button = QPushButton()
        self.remove_button = QPushButton()
        self.captured_button = QPushButton()
        self.captured_button.setObjectName("capturedButton")
        self.calls_button = QPushButton()
        self.calls_button.setObjectName("callLogButton")
        self.captured_button.clicked.connect(self.set_capture_time)
        self.calls_button.clicked.connect(self.add_calls_from_log)
        self.show_button.clicked.connect(self.show_image)
        self.open_button.clicked.connect(self.open_original)
        self.remove_button.clicked.connect(self.remove_selected)
        self.hint = ElidedLabel()  # may be shortened: it must not widen the window
        self.hint.setObjectName("fieldLabel")
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.add_button)
        bar.addWidget(self.show_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.captured_button)
        bar.addWidget(self.calls_button)
        bar.addSpacing(12)
        bar.addWidget(self.hint, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.selectionChanged.connect(self._update_buttons)
        self._retranslate()
        self._update_buttons()

    # ---- contents ---------------------------------------------------------------------------

    @property
    def drop_widgets(self) -> list[QWidget]:
        """Where a drop of files means "add to this case"."""
        return [viewport_of(self.view), self.empty_hint]

    def set_case(self, case_id: int | None) -> None:
        if case_id != self.case_id:
            self.case_id = case_id
            self.model.set_evidence([], [])
        self.reload()

    @Slot()
    def reload(self) -> None:
        """Read the case's evidence and timeline again; the selection stays where it was."""
        selected = self.selected_ids()
        if self.case_id is None:
            records: list[EvidenceRecord] = []
            events = []
        else:
            try:
                records = self.book.evidence.list_evidence(self.case_id)
                held = None if self._events_of is None else self._events_of(self.case_id)
                # the entries are only wanted for exhibits: none, no need to read a timeline
                events = (held if held is not None or not records
                          else self.book.timeline.list_events(self.case_id)) or []
            except ServiceError:
                records, events = [], []
        self.model.set_evidence(records, events)
        self.stack.setCurrentWidget(self.view if records else self.empty_hint)
        if selected and self.selected_ids() != selected:
            self.select(selected)
        self.countChanged.emit(len(records))
        self._update_buttons()

    @Slot()
    def reload_events(self) -> None:
        if self.case_id is None or not self.model.rowCount():
            return  # (no exhibit to name an entry for; reload() reads them with the first)
        try:
            self.model.set_events(self.book.timeline.list_events(self.case_id))
        except ServiceError:
            return

    def count(self) -> int:
        return self.model.rowCount()

    def records_of_event(self, event_id: int) -> list[EvidenceRecord]:
        return [r for r in self.model.records() if r.event_id == event_id]

    # ---- selection --------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        # From the selection's ranges (whole rows here): selectedRows() would ask the model
        # for the flags of every cell of every row, which is slow with hundreds of exhibits.
        rows: set[int] = set()
        selection = cast("Iterable[QItemSelectionRange]", self.view.selectionModel().selection())
        for selected in selection:
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(r for r in rows if 0 <= r < self.model.rowCount())

    def selected_ids(self) -> list[int]:
        return [self.model.record_at(r).id for r in self.selected_rows()]

    def selected_records(self) -> list[EvidenceRecord]:
        return [self.model.record_at(r) for r in self.selected_rows()]

    def current_record(self) -> EvidenceRecord | None:
        index = self.view.currentIndex()
        rows = self.selected_rows()
        if index.isValid() and index.row() in rows:
            return self.model.record_at(index.row())
        return self.model.record_at(rows[0]) if rows else None

    def select(self, evidence_ids: Sequence[int]) -> None:
        selection = QItemSelection()
        rows = [r for r in (self.model.row_of(i) for i in evidence_ids) if r >= 0]
        for row in rows:
            selection.select(self.model.index(row, 0),
                             self.model.index(row, self.model.columnCount() - 1))
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.view.selectionModel().select(selection, flags)
        if rows:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(rows[-1], 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(self.model.index(rows[-1], 0))

    # ---- actions ----------------------------------------------------------------------------

    def _edit(self, evidence_id: int, field: str, value: Any) -> bool:
        """Save one edited cell on the book's worker; a refusal says why and shows the exhibit
        as it is again."""
        if field == "event_id":
            task = self.ops.update_evidence(evidence_id, event_id=value)
        elif field == "caption":
            task = self.ops.update_evidence(evidence_id, caption=value)
        elif field == "proves":
            task = self.ops.update_evidence(evidence_id, proves=value)
        else:
            return False
        task.then(on_failed=self._edit_refused)
        return True

    def _edit_refused(self, message: str) -> None:
        self.message.emit(message)
        self.reload()

    def _thumbnail_file(self, evidence_id: int) -> Path | None:
        return self.book.evidence.thumbnail_file(evidence_id)

    def _activated(self, index: QModelIndex) -> None:
        if index.column() == EvidenceModel.CAPTURED:
            self.set_capture_time()
        elif (record := self.current_record()) is not None and is_pdf(record):
            self.open_original()  # a document opens in its own program; Show shows its pages
        else:
            self.show_image()

    @Slot()
    def set_capture_time(self) -> None:
        """When the selected exhibit was made, set by hand (undoable)."""
        from ui.dialogs.capture_time_dialog import CaptureTimeDialog  # deferred: ~2 ms, on use

        record = self.current_record()
        if record is None:
            return
        dialog = CaptureTimeDialog(record, self.window())
        self._open(dialog, lambda: self.edits.set_captured(record.id, dialog.captured()))

    def call_log_rows(self, record: EvidenceRecord | None = None) -> list[CallLogRow]:
        """The calls the selected exhibit shows, if it is a screenshot of a call log."""
        record = record or self.current_record()
        if record is None or not is_image(record):
            return []
        try:
            return self.book.reading.call_log(record.id)
        except ServiceError:
            return []

    @Slot()
    def add_calls_from_log(self) -> None:
        """The calls of a call-log screenshot, checked in a dialog, added in one undo step."""
        from ui.dialogs.call_log_dialog import CallLogDialog  # deferred: ~2 ms, on use

        record = self.current_record()
        rows = self.call_log_rows(record)
        if record is None or not rows:
            return
        dialog = CallLogDialog(record, rows, self.window())

        def save() -> object:
            return self.edits.add_calls(record.id, dialog.chosen()).then(
                lambda added: self.message.emit(self.tr(
                    "{count} calls added to the timeline. Undo with Ctrl+Z.").format(
                        count=len(added))))

        self._open(dialog, save)

    def _open(self, dialog: RecordDialog, save: Callable[[], object]) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_saver(save)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()

    @Slot()
    def show_image(self, words: Sequence[str] = ()) -> None:
        """The selected image in the viewer (other files open with the system's program);
        ``words``: a search's words, whose lines in the picture are shown highlighted."""
        record = self.current_record()
        if record is None:
            return
        if is_pdf(record):
            self.show_pages(record, words)
            return
        if not is_image(record):
            self.open_original()
            return
        from ui.dialogs.image_viewer import ViewerImage  # deferred: ~9 ms at start-up

        images: list[ViewerImage] = []
        start = 0
        for other in self.model.records():
            if not is_image(other):
                continue
            if other.id == record.id:
                start = len(images)
            title = other.exhibit + (f" — {other.caption}" if other.caption
                                     else f" — {other.original_name}")
            try:
                path = self.book.evidence.evidence_file(other.id)
                fallback = self.book.evidence.rendition_file(other.id)
            except ServiceError:
                continue
            images.append(ViewerImage(path, title, other.id, fallback))
        self._open_viewer(images, start, words)

    def show_pages(self, record: EvidenceRecord, words: Sequence[str] = ()) -> None:
        """A PDF exhibit's pages in the viewer, one after another (to black out parts of
        them for the dossier)."""
        from desktop_app.evidence.pdf_redaction import page_sizes  # deferred: PDFium, on use
        from ui.dialogs.image_viewer import ViewerImage  # deferred: ~9 ms at start-up

        try:
            path = self.book.evidence.evidence_file(record.id)
            count = len(page_sizes(path))
        except ServiceError as exc:  # missing, or PDFium cannot open it (Invalid)
            self.message.emit(str(exc))
            return
        name = record.caption or record.original_name
        shown = min(count, MAX_VIEWER_PAGES)
        images = [ViewerImage(path, self.tr("{exhibit} — {name}, page {page} of {pages}").format(
            exhibit=record.exhibit, name=name, page=page, pages=count), record.id, page=page)
            for page in range(1, shown + 1)]
        self._open_viewer(images, 0, words)

    def _open_viewer(self, images: list[ViewerImage], start: int, words: Sequence[str]) -> None:
        from ui.dialogs.image_viewer import ImageViewer  # deferred: ~9 ms at start-up

        if self.viewer is not None:
            self.viewer.close()
        viewer = ImageViewer(images, start, self.window(), ops=self.ops, words=words)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.openOriginalRequested.connect(self.open_original)
        viewer.destroyed.connect(lambda _obj=None: setattr(self, "viewer", None))
        self.viewer = viewer
        viewer.show()

    @Slot()
    def open_original(self, evidence_id: int | None = None) -> bool:
        """The stored file, with the program the system uses for its type."""
        if not isinstance(evidence_id, int):
            record = self.current_record()
            if record is None:
                return False
            evidence_id = record.id
        try:
            path = self.book.evidence.evidence_file(evidence_id)
            opened = open_elsewhere(path)  # a locked book's: from a plain copy, outside
        except ServiceError as exc:
            self.message.emit(str(exc))
            return False
        except OSError as exc:
            self.message.emit(self.tr("Could not open {name}: {error}").format(
                name=path.name, error=exc.strerror or str(exc)))
            return False
        if not opened:
            self.message.emit(self.tr("No program on this computer opens {name}").format(
                name=path.name))
            return False
        return True

    @Slot()
    def remove_selected(self) -> None:
        records = self.selected_records()
        if not records:
            return
        said = self.tr("Removed {exhibits}. Undo with Ctrl+Z.").format(
            exhibits=", ".join(r.exhibit for r in records))
        self.ops.remove_evidence([r.id for r in records]).then(
            lambda _removed: self.message.emit(said), self.message.emit)

    def _update_buttons(self) -> None:
        records = self.selected_records()
        current = self.current_record()
        self.show_button.setEnabled(current is not None and (is_image(current)
                                                             or is_pdf(current)))
        self.open_button.setEnabled(current is not None)
        self.remove_button.setEnabled(bool(records))
        self.captured_button.setEnabled(current is not None)
        self.calls_button.setVisible(bool(self.call_log_rows(current)))
        self.add_button.setEnabled(self.case_id is not None)

    # ---- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.add_button.setText(self.tr("Add evidence…"))
        self.add_button.setToolTip(self.tr("Choose files to keep with this case (Ctrl+Shift+A)"))
        self.show_button.setText(self.tr("Show image"))
        self.open_button.setText(self.tr("Open original"))
        self.open_button.setToolTip(self.tr("Open the file kept in the case with the "
                                            "system's program"))
        self.remove_button.setText(self.tr("Remove"))
        self.captured_button.setText(self.tr("Capture time…"))
        self.captured_button.setToolTip(self.tr("Say when the selected exhibit was made"))
        self.calls_button.setText(self.tr("Add calls from this call log…"))
        self.calls_button.setToolTip(self.tr(
            "The screenshot shows the phone's call log: add its calls to the timeline as "
            "unsolicited calls"))
        self.hint.set_full_text(self.tr("Double-click a caption to edit it · drag a row onto "
                                        "a timeline entry to attach it there"))
        self.empty_hint.setText(self.tr(
            "No evidence yet.\n\nDrag screenshots, emails, statements or recordings here or "
            "onto a timeline entry,\nor press Ctrl+V to paste a screenshot."))
        self.model.retranslate()


__all__ = ["EVIDENCE_ID_ROLE", "EventChoiceDelegate", "EvidencePanel", "is_image"]
