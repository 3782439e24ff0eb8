"""One window per data dir: a second launch brings the first window forward instead of opening
the same database twice.

The first window holds two OS locks in the data dir for its whole life (see
:mod:`desktop_app.store.lock`): the write lock (``casebook.lock``: nobody else writes) and the
window lock (``window.lock``: the writer is a window, so CLI writers stop at once instead of
waiting their turn). It also listens on a local socket named from a hash of the data dir's path.
A second launch on the same data dir finds the locks taken, connects to that socket, sends
``activate``, is answered ``ok`` and exits; the first window comes to the front. If nobody
answers (a hung window, or a CLI command busy writing), the user is told why the window does not
open. A different data dir is a different instance.

Both locks are released by the operating system when their holder dies, so a crashed window
never blocks the next start.
"""

from __future__ import annotations

import enum
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.store.lock import WindowLocks
from desktop_app.store.paths import DataPaths

ACTIVATE = b"activate\n"
OK = b"ok\n"
ANSWER_TIMEOUT_MS = 5000
ASFW_ANY = 0xFFFFFFFF  # (DWORD)-1: any process may take the foreground, for this once


def _windows_allow_set_foreground(process: int) -> bool:  # pragma: no cover - Windows only
    import ctypes  # deferred: Windows only

    return bool(ctypes.windll.user32.AllowSetForegroundWindow(process))  # type: ignore[attr-defined]


def let_the_first_window_come_forward(
        platform: str = sys.platform,
        allow: Callable[[int], bool] | None = None) -> bool:
    """Windows gives the foreground only to the process the person just started (this one):
    ``activateWindow()`` from the first window would only flash its taskbar button. Handing
    that right on (``AllowSetForegroundWindow(ASFW_ANY)``), before asking the first window to
    come forward, lets it. Nothing to do elsewhere. Whether the right was handed on."""
    if platform != "win32":
        return False
    allow = _windows_allow_set_foreground if allow is None else allow
    try:
        return allow(ASFW_ANY)
    except (OSError, AttributeError):
        return False


def server_name(root: Path) -> str:
    """The local socket's name for a data dir (the same for every spelling of its path)."""
    resolved = str(Path(root).expanduser().resolve())
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()
    return f"casebook-{digest[:24]}"


class Claim(enum.Enum):
    FIRST = "first"            # this process has the data dir: open the window
    HANDED_OVER = "handed"     # the window already open there was brought forward: exit 0
    BUSY = "busy"              # taken, and nobody answered: tell the user, exit non-zero


def ask_to_activate(name: str, timeout_ms: int = ANSWER_TIMEOUT_MS) -> bool:
    """Ask the window listening on ``name`` to come forward; whether it said it did.
    Blocking: for a second launch, before any event loop runs."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    let_the_first_window_come_forward()
    socket.write(ACTIVATE)
    if not socket.waitForBytesWritten(timeout_ms):
        return False
    answer = b""
    while not answer.endswith(b"\n") and socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return answer == OK


class SingleInstance(QObject):
    """The first window's claim on a data dir and its answer to later launches."""

    activate_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = DataPaths(Path(data_dir))
        self.name = server_name(self.paths.root)
        self._locks = WindowLocks(self.paths)
        self._server: QLocalServer | None = None

    @property
    def holds(self) -> bool:
        return self._locks.held

    def claim(self, timeout_ms: int = ANSWER_TIMEOUT_MS) -> Claim:
        """Take the data dir, or hand over to the window that has it."""
        self.paths.ensure()
        if self._locks.acquire():
            self._listen()
            return Claim.FIRST
        if ask_to_activate(self.name, timeout_ms):
            return Claim.HANDED_OVER
        return Claim.BUSY

    def _listen(self) -> None:
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.name)  # a crashed window's socket file (we hold the lock)
        if not server.listen(self.name):
            return  # later launches are told the data dir is busy instead: no harm
        server.newConnection.connect(self._on_connection)
        self._server = server

    def _on_connection(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        if line == ACTIVATE:
            self.activate_requested.emit()
            socket.write(OK)
            socket.flush()
        socket.disconnectFromServer()

    def release(self) -> None:
        """Let the data dir go (the window has closed)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._locks.release()


def bring_forward(window: object) -> None:
    """Show a window that may be minimised or behind others, and give it the focus."""
    assert isinstance(window, QWidget)
    if window.isMinimized():
        # restored to what it was before (a maximised window stays maximised)
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized
                              | Qt.WindowState.WindowActive)
        window.show()
    else:
        window.show()
    window.raise_()
    window.activateWindow()
    # where the window manager (or Windows' focus rules) keeps it behind, the taskbar entry
    # flashes until the person looks: the second launch is never met with nothing at all
    QApplication.alert(window, 0)


__all__ = ["ASFW_ANY", "Claim", "SingleInstance", "ask_to_activate", "bring_forward",
           "let_the_first_window_come_forward", "server_name"]
