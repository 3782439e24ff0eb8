"""The idle lock of a locked book's window: after some minutes without a key pressed or the mouse
used (``UiSettings.idle_lock_minutes``), or at once (File → Passphrase → Lock now), the window
hides the case behind a lock screen, closes the book's connections and forgets its key
(:func:`desktop_app.store.vault.forget`); the passphrase brings it back where it was.

Only for a locked book: a plain book's window has no idle lock, and no application-wide event
filter either (it sees every event of the program: a cost a plain book does not pay).

Work in progress (a change being saved, an import, the text being read, a backup) is let
finish first: the content is hidden at once, the key dropped when the work is done. A dialog
open when the idle time runs out (an entry being edited) keeps the window open: the lock waits
for the next idle period.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.store import vault
from ui.dialogs.passphrase_dialog import UnlockDialog

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                      QEvent.Type.MouseMove, QEvent.Type.Wheel, QEvent.Type.TouchBegin})
RETRY_MS = 300  # how often a lock waiting for work in progress looks again


class LockScreen(QWidget):
    """What the window shows while it is locked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.unlock_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Casebook is locked. Its passphrase opens it again."))
        self.unlock_button.setText(self.tr("&Unlock…"))


class IdleLock(QObject):
    """The lock of one main window. ``locked`` is true from the moment the key is dropped
    until the passphrase has brought it back; ``lockedChanged(bool)`` says so each time.
    ``interval_ms`` is the idle time (tests set a short one with :meth:`set_interval_ms`)."""

    lockedChanged = Signal(bool)

    def __init__(self, window: MainWindow, minutes: int) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.hiding = False  # the content is hidden (locked, or waiting for work to finish)
        self.interval_ms = 0
        self.dialog: UnlockDialog | None = None
        self.screen: LockScreen | None = None
        self._content: QWidget | None = None
        self._docks: list[QDockWidget] = []
        self._filtering = False
        self.timer = QTimer(self)
        self.timer.setObjectName("idleLock")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._idle)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._drop_key_when_idle)
        window.destroyed.connect(self._stop_filtering)
        self.set_minutes(minutes)

    @property
    def root(self) -> Path:
        return self.window.book.paths.root

    @property
    def applies(self) -> bool:
        """The book has a passphrase (only then is there anything to lock)."""
        return vault.has_key_file(self.root)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self.interval_ms = ms
        self.refresh()

    def refresh(self) -> None:
        """Watch for idleness when the book is locked and the window open (after the book was
        given a passphrase, or had it removed, too)."""
        watching = self.applies and not self.hiding and self.interval_ms > 0
        if watching:
            self.timer.start(self.interval_ms)
        else:
            self.timer.stop()
        self._filter(self.applies)

    def _filter(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None or on == self._filtering:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)
        self._filtering = on

    def _stop_filtering(self) -> None:
        self._filter(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY and self.timer.isActive():
            self.timer.start()  # the person is here: the idle time starts again
        elif (kind == QEvent.Type.Shortcut and self.hiding and isinstance(watched, QAction)
              and watched.parent() is not None):
            return True  # no menu command reaches the locked window by its keys
        elif kind == QEvent.Type.Close and watched is self.window and self.locked:
            # without the key the preferences would be written plain: they are not saved
            self.window.settings_path = None
        return False

    def busy(self, changes_too: bool = True) -> bool:
        """Work in progress on the book, which the lock lets finish: long work (imports, the
        text being read, renditions, a backup, a conversion) and, with ``changes_too``, the
        changes waiting on the book's worker."""
        w = self.window
        backup = getattr(w, "backup", None)
        conversion = getattr(w, "locking", None)
        return bool((changes_too and w.worker.busy) or w.jobs.busy or w.reading.busy
                    or w.renditions.busy
                    or (backup is not None and backup.busy)
                    or (conversion is not None and conversion.busy))

    def _idle(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None or self.busy():
            self.timer.start()  # a dialog is open, or work goes on: the next idle period
            return
        self.lock()

    # ---- locking -----------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide the content now; drop the key once the work in progress is done."""
        if self.hiding or not self.applies or vault.key_for(self.root) is None:
            return
        self.timer.stop()
        self._hide_content()
        self._drop_key_when_idle()

    def _drop_key_when_idle(self) -> None:
        if self.busy():
            self._retry.start()
            return
        self.window.dossier.close_windows()  # previews show the case
        self.window.book.close()
        vault.forget(self.root)
        self.locked = True
        self.lockedChanged.emit(True)
        self.ask()

    def _hide_content(self) -> None:
        self.hiding = True
        w = self.window
        w.deadlines.recheck.stop()  # nothing reads the book while it is locked
        self._docks = [d for d in w.findChildren(QDockWidget) if d.isVisible()]
        for dock in self._docks:
            dock.hide()
        self._set_menus_enabled(False)
        w.statusBar().clearMessage()
        self.screen = LockScreen()
        self.screen.unlock_button.clicked.connect(self.ask)
        self._content = w.takeCentralWidget()
        w.setCentralWidget(self.screen)

    def _set_menus_enabled(self, enabled: bool) -> None:
        self.window.menuBar().setEnabled(enabled)
        for bar in self.window.findChildren(QToolBar):
            bar.setEnabled(enabled)

    # ---- unlocking ---------------------------------------------------------------------------

    def ask(self) -> None:
        """The passphrase dialog over the lock screen (again if it was cancelled)."""
        if not self.locked:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            return
        self.dialog = dialog = UnlockDialog(self.root, self.window)
        dialog.unlocked.connect(self._unlocked)
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _unlocked(self) -> None:
        """The key is back: the content where it was, read again from the book."""
        w = self.window
        self.locked = False
        if self._content is not None:
            w.takeCentralWidget()
            w.setCentralWidget(self._content)
            self._content.show()  # taken out of the window, it was hidden
            self._content = None
        if self.screen is not None:
            self.screen.deleteLater()
            self.screen = None
        self._set_menus_enabled(True)
        for dock in self._docks:
            dock.show()
        self._docks = []
        self.hiding = False
        current = w.current_case
        w.reload_cases()
        if current is not None:
            w.select_case(current.id)
        w.deadlines.recheck.start()
        self.refresh()
        self.lockedChanged.emit(False)

    def retranslate(self) -> None:
        if self.screen is not None:
            self.screen.retranslate()
