"""Start the window: the Qt application, the bundled CJK font, translations, the database."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import APP_NAME
from desktop_app.errors import DatabaseError, LockError
from desktop_app.store import vault
from desktop_app.store.lock import remove_leftovers
from desktop_app.store.paths import RESOURCES_DIR, resolve_data_dir
from ui.i18n import Localisation
from ui.none_guard import keep_none_alive
from ui.plain_files import remove_leftovers as remove_plain_copies
from ui.settings import UiSettings
from ui.single_instance import Claim, SingleInstance, bring_forward


def _uses_pyside(module: ModuleType) -> bool:
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def _quicker_pyside_import_hook() -> None:
    """Answer PySide6's per-import question without ``inspect.getsource``.

    For ``from __feature__ import …`` (PYSIDE-2029) PySide6 looks at the source of every
    module imported after it for the word "PySide6", through ``inspect.getsource`` (tokenize,
    linecache) — about 15 ms over the modules a start-up imports. Reading the file's bytes
    answers the same question. Left alone if this PySide6 does it differently. Installed as
    this module is imported, when the window starts (the rest of ``ui`` is imported after),
    not in ``ui/__init__``: CLI commands import ``ui.launcher`` and must not load Qt.
    """
    feature: Any = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside


_quicker_pyside_import_hook()

if TYPE_CHECKING:
    from desktop_app.services.book import Casebook
    from ui.main_window import MainWindow

ENV_QUIT_AFTER_START = "CASEBOOK_QUIT_AFTER_START"  # close the window once it is shown
CJK_FONT_FILE = RESOURCES_DIR / "fonts" / "wqy-microhei.ttc"
STYLE_FILE = RESOURCES_DIR / "style" / "casebook.qss"


# The system's own Chinese UI fonts, best first: Chinese is shown in these where they exist.
SYSTEM_CJK_FAMILIES = {
    "darwin": ("PingFang SC", "Hiragino Sans GB", "Heiti SC"),
    "win32": ("Microsoft YaHei UI", "Microsoft YaHei", "DengXian"),
    "linux": ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN",
              "WenQuanYi Zen Hei"),
}


def font_families(default: str, bundled: list[str], installed: list[str],
                  platform: str = sys.platform) -> list[str]:
    """The UI font's families in order: the system's default, then its Chinese UI fonts that
    are installed (PingFang on macOS, Microsoft YaHei on Windows), then the bundled font as
    the fallback for a system that has none."""
    have = set(installed)
    system = [f for f in SYSTEM_CJK_FAMILIES.get(platform if platform in ("darwin", "win32")
                                                 else "linux", ()) if f in have]
    ordered = [default, *system, *bundled[:1]]
    return list(dict.fromkeys(ordered))


def register_fonts() -> list[str]:
    """Register the bundled WenQuanYi Micro Hei as the fallback for CJK text, behind the
    system's own Chinese fonts."""
    font_id = QFontDatabase.addApplicationFont(str(CJK_FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QGuiApplication.font()
        font.setFamilies(font_families(font.family(), families, QFontDatabase.families()))
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
    keep_none_alive()  # PySide6 6.12 on Python 3.11 (ui.none_guard)
    app.setStyle("Fusion")
    pin_light_look(app)
    QGuiApplication.setDesktopFileName("casebook")
    return app


def pin_light_look(app: QApplication) -> None:
    """The light look whatever the desktop's: the style sheet draws light backgrounds, and a
    dark desktop (Windows 10/11, macOS) would give Fusion white text to write on them. Asks
    for the light colour scheme where the platform can change it, and sets Fusion's own light
    palette (set explicitly, it stays when the desktop switches to dark while we run)."""
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(app.style().standardPalette())


def apply_font_size() -> None:
    """At least 10 pt: set before any widget exists, so none has to be laid out again."""
    font = QGuiApplication.font()
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        QGuiApplication.setFont(font)


def apply_style_sheet(app: QApplication) -> None:
    """The look (``resources/style/casebook.qss``). Set once the main window is built: under a
    style sheet every widget added to a parent is styled again, which made building the
    window a third slower; set after, each widget is styled once, when it is first shown."""
    with contextlib.suppress(OSError):
        app.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))


def _ready_for_a_message(app: QApplication, localisation: Localisation) -> None:
    """A message before the window exists: in the system's language, with the window's look."""
    localisation.apply(None)
    apply_style_sheet(app)


class HandedOver(Exception):  # not an error: another window took over
    """The data dir's window is open in another process and was brought forward."""


class Declined(Exception):  # not an error: the person chose not to open the book
    """The book is locked and the person cancelled its passphrase dialog."""


def _unlock(app: QApplication, folder: Path, localisation: Localisation) -> bool:
    """A locked book's passphrase asked for until it opens the book (its key is then
    remembered): False if the person cancelled."""
    from ui.dialogs.passphrase_dialog import UnlockDialog  # deferred: locked books only

    _ready_for_a_message(app, localisation)
    dialog = UnlockDialog(folder)
    try:
        return dialog.exec() == UnlockDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
        app.setStyleSheet("")  # set again once the window is built (apply_style_sheet)


def _claim(app: QApplication, data_dir: str | None,
           localisation: Localisation) -> SingleInstance | None:
    """The data dir for this window; None (after telling the user) if another process has it.
    Raises HandedOver when that process is a window that came forward."""
    instance = SingleInstance(resolve_data_dir(data_dir), app)
    claim = instance.claim(listen=False)  # the window listens after its first frame
    if claim is Claim.HANDED_OVER:
        instance.deleteLater()
        localisation.apply(None)  # what run() then says, in the person's language
        raise HandedOver
    if claim is Claim.BUSY:
        _ready_for_a_message(app, localisation)
        QMessageBox.warning(
            None, QCoreApplication.translate("app", "Casebook is already open"),
            QCoreApplication.translate(
                "app", "Another Casebook is using the data folder {folder} and does not "
                "answer: a window may be busy or not responding, or a casebook command may be "
                "changing it. Wait for it to finish, or close that Casebook, then start again."
            ).format(folder=str(instance.paths.root)))
        instance.deleteLater()
        return None
    remove_leftovers(instance.paths)  # the temp files of a writer that died half-way
    return instance


def start(data_dir: str | None = None) -> tuple[QApplication, MainWindow, Casebook] | None:
    """Everything up to a shown main window; None (after telling the user) if it cannot.
    Raises HandedOver if the data dir's window is open in another process (it came forward),
    Declined if the book is locked and the person cancelled its passphrase dialog."""
    # Not needed when another Casebook takes the data folder over (HandedOver), and the
    # window's first frame waits on them anyway:
    from desktop_app.services.book import Casebook  # deferred: ~95 ms, see above
    from ui.main_window import MainWindow  # deferred: ~130 ms, see above

    app = make_application()
    register_fonts()
    apply_font_size()
    localisation = Localisation(app)
    try:
        instance = _claim(app, data_dir, localisation)
    except OSError as exc:
        _ready_for_a_message(app, localisation)
        QMessageBox.critical(None, QCoreApplication.translate("app", "Casebook cannot start"),
                             str(exc))
        return None
    if instance is None:
        return None
    root = instance.paths.root
    if (vault.has_key_file(root) and vault.key_for(root) is None
            and not _unlock(app, root, localisation)):
        instance.release()
        raise Declined
    try:
        book = Casebook.open(data_dir)
    except (DatabaseError, LockError, OSError) as exc:
        instance.release()
        _ready_for_a_message(app, localisation)
        QMessageBox.critical(None, QCoreApplication.translate("app", "Casebook cannot start"),
                             str(exc))
        return None
    settings_path = book.paths.settings
    settings = UiSettings.load(settings_path)
    localisation.apply(settings.language)
    window = MainWindow(book, settings, localisation, settings_path, defer_start=True)
    apply_style_sheet(app)
    instance.activate_requested.connect(lambda: bring_forward(window))
    window.destroyed.connect(instance.release)
    window.single_instance = instance  # released with the window
    # a crashed session's plain copies of a locked book's files (a look through the temp
    # folder, and hashlib: after the first frame)
    window.startupSettled.connect(remove_plain_copies)
    window.show()
    return app, window, book


def run(data_dir: str | None = None) -> int:
    from ui import crash_log  # deferred: logging's file handler, only for the real window

    crashes = crash_log.install(resolve_data_dir(data_dir))  # pythonw: no stderr to go to
    try:
        return _run(data_dir)
    finally:
        crashes.uninstall()


def _run(data_dir: str | None) -> int:
    try:
        started = start(data_dir)
    except HandedOver:
        if sys.stderr is not None:  # None under pythonw (a double-click on Windows)
            print(QCoreApplication.translate(
                "app", "Casebook is already open on this data folder: its window was asked "
                "to come to the front (if you do not see it, look in the taskbar)."),
                file=sys.stderr)
        return 0
    except Declined:
        return 0
    if started is None:
        return 1
    app, window, book = started
    if os.environ.get(ENV_QUIT_AFTER_START):  # packaging/smoke_test.sh: open, then close
        QTimer.singleShot(0, window.close)
    try:
        return app.exec()
    finally:
        book.close()
        # (loaded by then, after the window's first frame: ~20 ms that start-up does not wait for)
        from ui.backup_actions import finish_session, latest_window  # deferred: see above

        current = latest_window(window)
        if vault.has_key_file(current.book.paths.root) and vault.key_for(
                current.book.paths.root) is None:
            current.book.close()  # locked when it closed (idle lock): no key, no backup
        else:
            finish_session(window)  # the current window's database closed, an automatic backup
        instance = current.single_instance
        if instance is not None:
            instance.release()


__all__ = ["font_families", "pin_light_look", "register_fonts", "run"]
