"""The book's files in the window, plain or sealed (a locked book's): pictures read from their
plain bytes, and files opened in another program from a plain copy.

Pictures: a plain file is read by Qt from its path, as ever; a sealed one from its plain bytes
(:func:`desktop_app.store.vault.read_bytes`) in memory. Another program: a plain file is opened
where it is; a sealed one from a plain copy in this session's temp folder, outside the data
folder (:class:`desktop_app.evidence.plain_copies.PlainCopies`), removed when the main window
closes (:func:`close_session`), or by the next start after a crash (:func:`remove_leftovers`).
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QImageReader

from desktop_app.errors import ServiceError
from desktop_app.store import vault

if TYPE_CHECKING:
    from desktop_app.evidence.plain_copies import PlainCopies

_session: PlainCopies | None = None


def read_image(path: Path, *, auto_transform: bool = True) -> tuple[QImage, str]:
    """The picture at ``path`` (EXIF orientation applied) and, when it is null, why. Safe on
    any thread (QImage)."""
    if not vault.is_sealed(path):
        reader = QImageReader(str(path))
        reader.setAutoTransform(auto_transform)
        image = reader.read()
        return image, reader.errorString()
    try:
        data = vault.read_bytes(path)
    except (OSError, ServiceError) as exc:
        return QImage(), str(exc)
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(auto_transform)
    image = reader.read()
    return image, reader.errorString()


def image_source(path: Path) -> str:
    """An ``<img src=…>`` for rich text (a tooltip): the file's URL when it is plain, its bytes
    inline (a ``data:`` URL) when it is sealed; empty when it cannot be read."""
    if not vault.is_sealed(path):
        return QUrl.fromLocalFile(str(path)).toString()
    try:
        data = vault.read_bytes(path)
    except (OSError, ServiceError):
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(data).decode("ascii")


def session() -> PlainCopies:
    from desktop_app.evidence.plain_copies import PlainCopies  # deferred: on first use

    global _session
    if _session is None:
        _session = PlainCopies()
    return _session


def open_elsewhere(path: Path) -> bool:
    """Open the book's file at ``path`` with the program the system uses for its type: a
    sealed one from its plain copy. False when no program opened it."""
    shown = session().to_open(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(shown)))


def close_session() -> None:
    """The plain copies of this session removed (the main window closes)."""
    if _session is not None:
        _session.clear()


def remove_leftovers() -> int:
    """The plain copies a Casebook that crashed left behind, removed (at start)."""
    from desktop_app.evidence.plain_copies import (  # deferred: after the window is up
        remove_leftovers as remove_theirs,
    )

    return remove_theirs()
