"""Localisation: Qt Linguist translations for the UI, and labels of the core's vocabularies.

The UI follows the system locale unless the user picked a language (kept in settings).
Translations live in ``resources/translations/casebook_<lang>.qm`` built from ``.ts`` sources
by ``pyside6-lrelease``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app import i18n as core_i18n
from desktop_app import vocab
from desktop_app.store.paths import RESOURCES_DIR

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}

_VOCABS: dict[str, dict[str, str]] = {
    "channel": vocab.CHANNEL_LABELS,
    "direction": vocab.DIRECTION_LABELS,
    "status": vocab.STATUS_LABELS,
    "category": vocab.CATEGORY_LABELS,
    "jurisdiction": vocab.JURISDICTION_LABELS,
    "institution_kind": vocab.INSTITUTION_KIND_LABELS,
    "promise_state": vocab.PROMISE_STATE_LABELS,
}


def vocab_label(kind: str, value: str) -> str:
    """The translated label of a vocabulary value (``vocab_label("channel", "call")``)."""
    source = _VOCABS[kind].get(value)
    if source is None:
        return value
    return QCoreApplication.translate("vocab", source)


def vocab_items(kind: str) -> list[tuple[str, str]]:
    """(value, translated label) pairs in the vocabulary's order, for combo boxes."""
    return [(value, QCoreApplication.translate("vocab", label))
            for value, label in _VOCABS[kind].items()]


def system_language() -> str:
    for name in QLocale.system().uiLanguages():
        if name.lower().startswith("zh"):
            return "zh_CN"
        if name.lower().startswith("en"):
            return "en"
    return "en"


class Localisation:
    """Installs and swaps the app's translators at run time."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.language = "en"
        self._translators: list[QTranslator] = []

    def apply(self, language: str | None) -> str:
        """Switch to ``language`` (None: follow the system). Returns the language in force."""
        chosen = language if language in LANGUAGES else system_language()
        for translator in self._translators:
            self.app.removeTranslator(translator)
        self._translators.clear()
        if chosen != "en":
            base = QTranslator(self.app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if base.load(f"qtbase_{chosen}", qt_dir):
                self._translators.append(base)
            ours = QTranslator(self.app)
            if ours.load(f"casebook_{chosen}", str(TRANSLATIONS_DIR)):
                self._translators.append(ours)
            for translator in self._translators:
                self.app.installTranslator(translator)
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        else:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        self.language = chosen
        core_i18n.install_translator(
            lambda text, n: QCoreApplication.translate("core", text, None, n))
        return chosen
