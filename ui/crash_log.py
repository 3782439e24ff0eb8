"""Errors nobody expected: written to a log file in the data folder, and said in a dialog.

Double-clicked on Windows, Casebook runs under ``pythonw``: there is no console, and
``sys.stderr`` is None, so an error in the window went nowhere and the window simply did
nothing. :func:`install` points the standard streams somewhere harmless when they are missing,
sends warnings and errors (``logging``, and every exception nobody caught: ``sys.excepthook``,
``threading.excepthook``) to ``<data folder>/logs/casebook.log`` (rotated at 1 MB, three kept),
and tells the person, once per error, where the log is. The log stays on this computer, like
everything else in the data folder.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QThread
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.store.log_text import is_private, traceback_text
from desktop_app.store.paths import DataPaths

LOG_BYTES = 1_000_000
LOG_KEPT = 3

log = logging.getLogger("casebook")


def log_path(data_dir: Path) -> Path:
    return DataPaths(Path(data_dir)).log


def _streams_that_exist() -> None:
    """``pythonw`` has no stdout or stderr: a stray ``print`` would raise. Nothing reads them
    there, so they go to the null device."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


class _LogFile(RotatingFileHandler):
    """The log file, and its folder, made when the first line is written: a start with
    nothing to report leaves no trace (and no data folder where none was wanted)."""

    def _open(self) -> io.TextIOWrapper:
        Path(self.baseFilename).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record and let go of the file: a log held open would stop locking the
        book (which seals the old log and removes it) on Windows, where an open file cannot
        be removed. Errors are rare; reopening for each costs nothing that matters."""
        super().emit(record)
        self.acquire()
        try:
            if self.stream is not None:
                stream, self.stream = self.stream, None  # type: ignore[assignment]
                stream.close()
        finally:
            self.release()


class _Formatter(logging.Formatter):
    """The log's lines; a locked book's tracebacks without the exception's own words (see
    :mod:`desktop_app.store.log_text`), decided as each is written (a book may be locked since)."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s")
        self.data_dir = data_dir

    def format(self, record: logging.LogRecord) -> str:
        cached, record.exc_text = record.exc_text, None  # another handler's, with the words
        try:
            return super().format(record)
        finally:
            record.exc_text = cached

    def formatException(self, ei: Any) -> str:
        return traceback_text(ei, private=is_private(self.data_dir)).rstrip("\n")


class CrashLog:
    """The log file and the hooks that fill it; :meth:`uninstall` puts the old hooks back."""

    def __init__(self, data_dir: Path,
                 tell: Callable[[Path], None] | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.path = log_path(data_dir)
        self.tell = tell if tell is not None else tell_where_the_log_is
        self._handler: logging.Handler | None = None
        self._old_hooks = (sys.excepthook, threading.excepthook)
        self._telling = False

    def install(self) -> CrashLog:
        _streams_that_exist()
        handler = _LogFile(self.path, maxBytes=LOG_BYTES, backupCount=LOG_KEPT,
                           encoding="utf-8", delay=True)
        handler.setLevel(logging.WARNING)
        handler.setFormatter(_Formatter(self.data_dir))
        logging.getLogger().addHandler(handler)
        self._handler = handler
        sys.excepthook = self.on_exception
        threading.excepthook = self.on_thread_exception
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._old_hooks
        handler, self._handler = self._handler, None
        if handler is not None:
            logging.getLogger().removeHandler(handler)
            handler.close()

    def on_exception(self, kind: type[BaseException], exc: BaseException,
                     tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._old_hooks[0](kind, exc, tb)
            return
        log.critical("an unexpected error", exc_info=(kind, exc, tb))
        if self._handler is not None:
            self._handler.flush()
        app = QCoreApplication.instance()
        on_gui_thread = app is not None and QThread.currentThread() is app.thread()
        if isinstance(app, QApplication) and on_gui_thread and not self._telling:
            self._telling = True  # an error while the dialog is up is logged, not stacked
            try:
                self.tell(self.path)
            finally:
                self._telling = False

    def on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        log.critical("an unexpected error in the thread %s",
                     getattr(args.thread, "name", "?"),
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def tell_where_the_log_is(path: Path) -> None:
    QMessageBox.critical(
        QApplication.activeWindow(),
        QCoreApplication.translate("app", "Something went wrong"),
        QCoreApplication.translate(
            "app", "Casebook ran into an error it did not expect. What you saved is safe: "
            "every change is saved as it is made.\n\nWhat happened is written in the log "
            "file:\n{path}\n\nIf you report the problem, please attach that file.").format(
                path=str(path)))


def install(data_dir: Path) -> CrashLog:
    """The log file under ``data_dir`` and the hooks that write to it."""
    return CrashLog(data_dir).install()


__all__ = ["CrashLog", "install", "log_path", "tell_where_the_log_is"]
