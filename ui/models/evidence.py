"""A case's evidence as a table model: exhibit (with its thumbnail), caption, what it proves,
original name, type, captured time and the timeline entry it belongs to.

Caption, "what it proves" and the entry are edited in place; the model does not write
anything itself but hands each edit to ``edit(evidence_id, field, value)`` (the window's
operations: service call, undo command, announcement). Thumbnails are read from the store
when a row is first shown and cached.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from html import escape as _escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPainter,
    QPixmap,
)

from desktop_app.reading.capture_time import captured_words
from ui.i18n import vocab_label
from ui.models.base import RecordTableModel
from ui.plain_files import image_source, read_image
from ui.timeconv import format_datetime

if TYPE_CHECKING:
    from desktop_app.records import EventRecord, EvidenceRecord

EVIDENCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
EVIDENCE_MIME = "application/x-casebook-evidence"
THUMBNAIL_SIZE = QSize(44, 44)  # four rows of them fit below the timeline at 1366×768

Index = QModelIndex | QPersistentModelIndex
Editor = Callable[[int, str, Any], bool]
Locator = Callable[[int], Path | None]


def evidence_ids_from_mime(mime: QMimeData) -> list[int]:
    """The exhibits an evidence row drag carries (empty for anything else)."""
    if not mime.hasFormat(EVIDENCE_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(EVIDENCE_MIME).data()).decode())
    except ValueError:
        return []
    return [int(i) for i in ids if isinstance(i, int)]


def type_label(mime: str, name: str = "") -> str:
    """What kind of file this is, in words a person uses."""
    major, _, minor = mime.partition("/")
    sub = minor.split("+")[0].split(".")[-1].upper()
    if mime == "message/rfc822":
        return QCoreApplication.translate("EvidenceModel", "Email")
    if mime == "application/vnd.ms-outlook":
        return QCoreApplication.translate("EvidenceModel", "Email (Outlook)")
    if mime == "application/pdf":
        return QCoreApplication.translate("EvidenceModel", "PDF document")
    if major == "image":
        return QCoreApplication.translate("EvidenceModel", "Image ({format})").format(format=sub)
    if major == "audio":
        return QCoreApplication.translate("EvidenceModel", "Audio recording")
    if major == "video":
        return QCoreApplication.translate("EvidenceModel", "Video")
    if major == "text":
        return QCoreApplication.translate("EvidenceModel", "Text")
    if "word" in minor or "opendocument.text" in minor:
        return QCoreApplication.translate("EvidenceModel", "Document")
    if "sheet" in minor or "excel" in minor:
        return QCoreApplication.translate("EvidenceModel", "Spreadsheet")
    if minor in ("zip", "x-zip-compressed", "x-7z-compressed", "x-rar-compressed", "gzip"):
        return QCoreApplication.translate("EvidenceModel", "Archive")
    suffix = Path(name).suffix.lstrip(".").upper()
    if not suffix:
        return QCoreApplication.translate("EvidenceModel", "File")
    return QCoreApplication.translate("EvidenceModel", "File ({format})").format(format=suffix)


def format_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def _placeholder(text: str, size: QSize) -> QPixmap:
    """A file-shaped tile with the file's kind on it, for files without a thumbnail."""
    ratio = _device_ratio()
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    w, h = size.width(), size.height()
    tile = QRectF(w * 0.18, h * 0.06, w * 0.64, h * 0.88)
    painter.setPen(QColor("#cbd5e1"))
    painter.setBrush(QColor("#f8fafc"))
    painter.drawRoundedRect(tile, 4, 4)
    font = QFont(painter.font())
    font.setPixelSize(max(9, int(h * 0.17)))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#475569"))
    painter.drawText(tile, Qt.AlignmentFlag.AlignCenter, text[:4])
    painter.end()
    return pixmap


def _device_ratio() -> float:
    screen = QGuiApplication.primaryScreen()
    return screen.devicePixelRatio() if screen is not None else 1.0


def _framed(image: QImage, size: QSize = THUMBNAIL_SIZE) -> QPixmap:
    """The thumbnail centred on a square tile with a hairline border, so that tall
    screenshots and wide photos line up in the list."""
    ratio = _device_ratio()
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    w, h = image.width() / ratio, image.height() / ratio
    target = QRectF((size.width() - w) / 2, (size.height() - h) / 2, w, h)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)
    painter.setPen(QColor("#d1d5db"))
    painter.drawRect(target.adjusted(0, 0, -1 / ratio, -1 / ratio))
    painter.end()
    return pixmap


def read_scaled(path: Path, size: QSize) -> QImage:
    """The image at ``path`` (plain or sealed) scaled to fit ``size`` pixels (a null image if
    unreadable). Safe on any thread: QImage, not QPixmap."""
    image, _reason = read_image(path)
    if image.isNull():
        return image
    return image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)


class _LoadThumbnail(QRunnable):
    def __init__(self, loader: ThumbnailLoader, key: object, path: Path, size: QSize) -> None:
        super().__init__()
        self.loader, self.key, self.path, self.size = loader, key, path, size

    def run(self) -> None:
        self.loader.loaded.emit(self.key, read_scaled(self.path, self.size))


class ThumbnailLoader(QObject):
    """Reads thumbnails off the GUI thread (a slow disk, or a virus scanner opening every file,
    must not freeze the window). One for the application, made on the GUI thread, never
    destroyed: workers emit ``loaded(key, QImage)`` on it and views' models pick their keys.
    """

    loaded = Signal(object, QImage)
    _instance: ThumbnailLoader | None = None

    def __init__(self) -> None:
        super().__init__()
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(2)

    @classmethod
    def instance(cls) -> ThumbnailLoader:
        if cls._instance is None:
            cls._instance = ThumbnailLoader()
        return cls._instance

    def request(self, key: object, path: Path, size: QSize) -> None:
        self.pool.start(_LoadThumbnail(self, key, path, size))

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)


class EvidenceModel(RecordTableModel):
    EXHIBIT, CAPTION, PROVES, NAME, TYPE, CAPTURED, EVENT = range(7)
    CONTEXT = "EvidenceModel"
    HEADERS: ClassVar[tuple[str, ...]] = cast("tuple[str, ...]", (
        QT_TRANSLATE_NOOP("EvidenceModel", "Exhibit"),
        QT_TRANSLATE_NOOP("EvidenceModel", "Caption"),
        QT_TRANSLATE_NOOP("EvidenceModel", "What it proves"),
        QT_TRANSLATE_NOOP("EvidenceModel", "Original file"),
        QT_TRANSLATE_NOOP("EvidenceModel", "Type"),
        QT_TRANSLATE_NOOP("EvidenceModel", "Captured"),
        QT_TRANSLATE_NOOP("EvidenceModel", "Timeline entry"),
    ))
    EDITABLE: ClassVar[dict[int, str]] = {CAPTION: "caption", PROVES: "proves",
                                          EVENT: "event_id"}

    def __init__(self, parent: Any = None, *, edit: Editor | None = None,
                 thumbnail_file: Locator | None = None) -> None:
        super().__init__(parent)
        self._records: list[EvidenceRecord] = []
        self._events: dict[int, EventRecord] = {}
        self._edit = edit
        self._thumbnail_file = thumbnail_file
        self._thumbs: dict[int, tuple[tuple[str, bool], QPixmap]] = {}
        self._loading: set[tuple[int, str, bool]] = set()
        self._placeholders: dict[str, QPixmap] = {}
        self._loader = ThumbnailLoader.instance()
        self._loader.loaded.connect(self._thumbnail_loaded)

    # ---- contents -------------------------------------------------------------------------

    def set_evidence(self, records: Sequence[EvidenceRecord],
                     events: Iterable[EventRecord] | None = None) -> None:
        """Show these records (in the given order). When the rows are the same exhibits as
        before, only changed cells are announced, so selection, scrolling and open editors
        survive an edit or an undo."""
        records = list(records)
        if events is not None:
            self._events = {e.id: e for e in events}
        keep = {r.id for r in records}
        self._thumbs = {k: v for k, v in self._thumbs.items() if k in keep}
        self._loading = {r for r in self._loading if r[0] in keep}
        if [r.id for r in records] == [r.id for r in self._records]:
            self._records = records
            if records:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(records) - 1, len(self.HEADERS) - 1))
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def set_events(self, events: Iterable[EventRecord]) -> None:
        """The case's timeline, for the names of the entries evidence belongs to."""
        self._events = {e.id: e for e in events}
        if self._records:
            self.dataChanged.emit(self.index(0, self.EVENT),
                                  self.index(len(self._records) - 1, self.EVENT))

    def records(self) -> list[EvidenceRecord]:
        return list(self._records)

    def events(self) -> list[EventRecord]:
        return sorted(self._events.values(), key=lambda e: (e.at, e.id))

    def record_at(self, row: int) -> EvidenceRecord:
        return self._records[row]

    def row_of(self, evidence_id: int) -> int:
        for row, record in enumerate(self._records):
            if record.id == evidence_id:
                return row
        return -1

    def event_label(self, event_id: int | None) -> str:
        if event_id is None:
            return ""
        event = self._events.get(event_id)
        if event is None:
            return f"#{event_id}"
        when = format_datetime(event.at)
        summary = event.summary or vocab_label("channel", event.channel)
        return f"{when} · {summary}"

    def retranslate(self) -> None:
        self._placeholders.clear()
        super().retranslate()

    def row_total(self) -> int:
        return len(self._records)

    # Computed once: flags() is called for every cell the views look at.
    _FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemIsDragEnabled)
    _EDITABLE_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsEditable

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() in self.EDITABLE and self._edit is not None:
            return self._EDITABLE_FLAGS
        return self._FLAGS

    def _display(self, record: EvidenceRecord, column: int) -> str:
        if column == self.EXHIBIT:
            return record.exhibit
        if column == self.CAPTION:
            return record.caption
        if column == self.PROVES:
            return record.proves
        if column == self.NAME:
            return record.original_name
        if column == self.TYPE:
            return type_label(record.mime, record.original_name)
        if column == self.CAPTURED:
            return captured_words(format_datetime(record.captured_at), record.captured_source)
        if column == self.EVENT:
            return self.event_label(record.event_id) or "—"
        return ""

    def _tooltip(self, record: EvidenceRecord, column: int) -> str | None:
        if column == self.EXHIBIT:
            lines = [f"<b>{record.exhibit}</b> — {_escape(record.original_name)}",
                     f"{_escape(record.mime)} · {format_size(record.size)}",
                     f"SHA-256 <code>{record.sha256[:16]}…</code>"]
            if record.note:
                lines.append(f"<i>{_escape(record.note)}</i>")
            thumb = self._thumbnail_path(record)
            if thumb is not None:
                source = image_source(thumb)
                if source:
                    lines.insert(0, f"<img src='{source}'>")
            return "<br>".join(lines)
        if column == self.CAPTION:
            return record.caption or QCoreApplication.translate(
                    "EvidenceModel",
                    "Double-click to describe what this shows")
        if column == self.PROVES:
            return record.proves or QCoreApplication.translate(
                    "EvidenceModel",
                    "Double-click to say what this proves (证明目的)")
        if column == self.NAME:
            return record.original_name
        if column == self.TYPE:
            return f"{record.mime} · {format_size(record.size)}"
        if column == self.CAPTURED:
            return self._captured_tip(record)
        if column == self.EVENT:
            return (self.event_label(record.event_id) if record.event_id is not None
                    else QCoreApplication.translate(
                        "EvidenceModel", "Belongs to the case as a whole. "
                        "Drag the row onto a timeline entry to attach it there."))
        return None

    @staticmethod
    def _captured_tip(record: EvidenceRecord) -> str:
        tip = QCoreApplication.translate(
            "EvidenceModel", "Double-click to set when it was made")
        if record.captured_at is None:
            return QCoreApplication.translate(
                "EvidenceModel", "When it was made is not known.") + "\n" + tip
        shown = captured_words(format_datetime(record.captured_at, seconds=True),
                               record.captured_source)
        if record.captured_source is None:
            shown += "\n" + QCoreApplication.translate(
                "EvidenceModel", "Where this time came from was not recorded.")
        return shown + "\n" + tip

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(record, column)
        if role == Qt.ItemDataRole.EditRole:
            if column == self.EVENT:
                return record.event_id
            return self._display(record, column)
        if role == EVIDENCE_ID_ROLE:
            return record.id
        if role == EVENT_ID_ROLE:
            return record.event_id
        if role == Qt.ItemDataRole.DecorationRole and column == self.EXHIBIT:
            return self.thumbnail(record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(record, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.EVENT and record.event_id is None:
                return QBrush(QColor("#9ca3af"))
            if column == self.CAPTURED and record.captured_at is None:
                return QBrush(QColor("#9ca3af"))
            if column in (self.NAME, self.TYPE, self.CAPTURED):
                return QBrush(QColor("#4b5563"))
        if role == Qt.ItemDataRole.FontRole and column == self.EXHIBIT:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or index.column() not in self.EDITABLE or self._edit is None
                or not 0 <= index.row() < len(self._records)):
            return False
        record = self._records[index.row()]
        field = self.EDITABLE[index.column()]
        if field == "event_id":
            new: Any = int(value) if value not in (None, "", 0) else None
            if new == record.event_id:
                return True
        else:
            new = str(value or "").strip()
            if new == getattr(record, field):
                return True
        if not self._edit(record.id, field, new):
            return False
        # shown at once; the book saves it on its worker and the next reload brings what it kept
        self._records[index.row()] = dataclasses.replace(record, **{field: new})
        row = index.row()
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return True

    # ---- drag -----------------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [EVIDENCE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [self._records[r].id for r in rows if 0 <= r < len(self._records)]
        mime = QMimeData()
        mime.setData(EVIDENCE_MIME, QByteArray(json.dumps(ids).encode()))
        mime.setText(", ".join(self._records[r].exhibit for r in rows))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction

    # ---- thumbnails -----------------------------------------------------------------------

    def _thumbnail_path(self, record: EvidenceRecord) -> Path | None:
        if not record.preview or self._thumbnail_file is None:
            return None
        try:
            return self._thumbnail_file(record.id)
        except Exception:  # the store is the core's; a missing thumbnail is not an error here
            return None

    def _placeholder_for(self, record: EvidenceRecord) -> QPixmap:
        kind = Path(record.original_name).suffix.lstrip(".").upper() or "FILE"
        if record.mime == "message/rfc822":
            kind = "EML"
        if kind not in self._placeholders:
            self._placeholders[kind] = _placeholder(kind, THUMBNAIL_SIZE)
        return self._placeholders[kind]

    def thumbnail(self, record: EvidenceRecord) -> QPixmap:
        """The cached thumbnail; else the file-kind tile, and the thumbnail is read in the
        background (the cell is updated when it arrives)."""
        key = (record.sha256, record.preview)
        cached = self._thumbs.get(record.id)
        if cached is not None and cached[0] == key:
            return cached[1]
        request = (record.id, *key)
        if request not in self._loading:
            path = self._thumbnail_path(record)
            if path is None:
                self._thumbs[record.id] = (key, self._placeholder_for(record))
                return self._thumbs[record.id][1]
            self._loading.add(request)
            self._loader.request((id(self), request), path, THUMBNAIL_SIZE * _device_ratio())
        if "" not in self._placeholders:
            self._placeholders[""] = _placeholder("", THUMBNAIL_SIZE)  # a blank tile meanwhile
        return self._placeholders[""]

    @Slot(object, QImage)
    def _thumbnail_loaded(self, key: object, image: QImage) -> None:
        if not (isinstance(key, tuple) and key[0] == id(self) and key[1] in self._loading):
            return  # another model's, or for rows no longer shown
        request = key[1]
        self._loading.discard(request)
        evidence_id, sha256, preview = request
        row = self.row_of(evidence_id)
        if row < 0:
            return
        record = self._records[row]
        if (record.sha256, record.preview) != (sha256, preview):
            return
        pixmap = self._placeholder_for(record) if image.isNull() else _framed(image)
        self._thumbs[evidence_id] = ((sha256, preview), pixmap)
        index = self.index(row, self.EXHIBIT)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
