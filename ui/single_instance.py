"""One window per data dir: a second launch brings the first window forward instead of opening
the same database twice.

The first window holds two OS locks in the data dir for its whole life (see
:mod:`desktop_app.store.lock`): the write lock (``casebook.lock``: nobody else writes) and the
window lock (``window.lock``: the writer is a window, so CLI writers stop at once instead of
waiting their turn). It also listens on a local socket named from a hash of the data dir's path
(from just after its first frame: QtNetwork is not loaded before it). A second launch on the
same data dir finds the locks taken, connects to that socket (waiting for it to be there, if
the first window is still starting), sends ``activate``, is answered ``ok`` and exits; the first
window comes to the front. If nobody answers (a hung window, or a CLI command busy writing),
the user is told why the window does not open. A different data dir is a different instance.

Both locks are released by the operating system when their holder dies, so a crashed window
never blocks the next start.
"""

from __future__ import annotations

import enum
import os
import sys
import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.store.lock import WindowLocks, window_is_open
from desktop_app.store.paths import DataPaths

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
OK = b"ok\n"
ANSWER_TIMEOUT_MS = 5000
LISTEN_POLL_S = 0.05  # a second launch asks this often for a first window not listening yet
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
    import hashlib  # deferred: OpenSSL's, not needed before the first frame

    resolved = str(Path(root).expanduser().resolve())
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    digest = hashlib.sha256(f"{user}\0{resolved}".encode()).hexdigest()
    return f"casebook-{digest[:24]}"


class Claim(enum.Enum):
    FIRST = "first"            # this process has the data dir: open the window
    HANDED_OVER = "handed"     # the window already open there was brought forward: exit 0
    BUSY = "busy"              # taken, and nobody answered: tell the user, exit non-zero


def ask_to_activate(name: str, timeout_ms: int = ANSWER_TIMEOUT_MS,
                    starting: Callable[[], bool] | None = None) -> bool:
    """Ask the window listening on ``name`` to come forward; whether it said it did.
    Blocking: for a second launch, before any event loop runs. A window that has just started
    listens from its first frame on: while nobody listens yet and ``starting()`` says a window
    holds the data dir, it is asked again (within ``timeout_ms``)."""
    from PySide6.QtNetwork import QLocalSocket  # deferred: a second launch only

    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(timeout_ms):
            break
        if (socket.error() not in (QLocalSocket.LocalSocketError.ServerNotFoundError,
                                   QLocalSocket.LocalSocketError.ConnectionRefusedError)
                or starting is None or time.monotonic() >= deadline or not starting()):
            return False
        time.sleep(LISTEN_POLL_S)  # (no event loop runs yet: nothing to wait on instead)
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
        self._locks = WindowLocks(self.paths)
        self._server: QLocalServer | None = None

    @cached_property
    def name(self) -> str:
        return server_name(self.paths.root)

    @property
    def listening(self) -> bool:
        """Whether later launches on this data dir are answered (see :meth:`listen`)."""
        return self._server is not None

    @property
    def holds(self) -> bool:
        return self._locks.held

    def claim(self, timeout_ms: int = ANSWER_TIMEOUT_MS, *, listen: bool = True) -> Claim:
        """Take the data dir, or hand over to the window that has it. With ``listen`` false,
        later launches are answered once :meth:`listen` is called (meanwhile they wait)."""
        self.paths.ensure()
        if self._locks.acquire():
            if listen:
                self.listen()
            return Claim.FIRST
        if ask_to_activate(self.name, timeout_ms, lambda: window_is_open(self.paths)):
            return Claim.HANDED_OVER
        return Claim.BUSY

    def listen(self) -> None:
        """Answer later launches on this data dir (once; while the data dir is held)."""
        if self._server is not None or not self.holds:
            return
        from PySide6.QtNetwork import QLocalServer  # deferred: ~10 ms, after the first frame

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
