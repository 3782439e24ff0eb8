"""Start the window: the Qt application, the bundled CJK font, translations, the database."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME
from desktop_app.paths import RESOURCES_DIR

if TYPE_CHECKING:
    from desktop_app.services import Casebook
    from ui.main_window import MainWindow

CJK_FONT_FILE = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
STYLE_FILE = RESOURCES_DIR / "style" / "casebook.qss"


def register_fonts() -> list[str]:
    """Register the bundled WenQuanYi Micro Hei and make it the fallback for CJK text."""
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QGuiApplication.font()
        font.setFamilies([font.family(), *families[:1]])
        QGuiApplication.setFont(font)
    return families


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")
    QGuiApplication.setDesktopFileName("casebook")
    return app


def apply_style(app: QApplication) -> None:
    with contextlib.suppress(OSError):
        app.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))
    font = QGuiApplication.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        QGuiApplication.setFont(font)


def start(data_dir: str | None = None) -> tuple[QApplication, MainWindow, Casebook] | None:
    """Everything up to a shown main window; None (after telling the user) if it cannot."""
    from desktop_app.schema import DatabaseError
    from desktop_app.services import Casebook
    from ui.i18n import Localisation
    from ui.main_window import MainWindow
    from ui.settings import UiSettings

    app = make_application()
    register_fonts()
    apply_style(app)
    localisation = Localisation(app)
    try:
        book = Casebook.open(data_dir)
    except (DatabaseError, OSError) as exc:
        localisation.apply(None)
        QMessageBox.critical(None, QCoreApplication.translate("app", "Casebook cannot start"),
                             str(exc))
        return None
    settings_path = book.paths.settings
    settings = UiSettings.load(settings_path)
    localisation.apply(settings.language)
    window = MainWindow(book, settings, localisation, settings_path)
    window.show()
    return app, window, book


def run(data_dir: str | None = None) -> int:
    started = start(data_dir)
    if started is None:
        return 1
    app, window, book = started
    try:
        return app.exec()
    finally:
        book.close()
        from ui.backup_actions import finish_session

        finish_session(window)  # the current window's database closed, an automatic backup


__all__ = ["register_fonts", "run"]
