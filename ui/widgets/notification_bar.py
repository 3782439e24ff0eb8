"""A bar under the toolbar that reminds: "2 promises are overdue — Show"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

_STYLES = {
    "overdue": ("#fef2f2", "#fca5a5", "#991b1b"),
    "today": ("#fffbeb", "#fcd34d", "#92400e"),
}


class NotificationBar(QFrame):
    """Signals: ``showRequested()`` (the Show button), ``dismissed()`` (the ✕)."""

    showRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notificationBar")
        self.icon = QLabel("⚠")
        self.text = QLabel()
        self.text.setObjectName("notificationText")
        self.text.setWordWrap(True)
        self.show_button = QPushButton()
        self.show_button.setObjectName("notificationShow")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 5, 6, 5)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_button.clicked.connect(self.showRequested)
        self.close_button.clicked.connect(self._dismiss)
        self.severity = "overdue"
        self._set_style("overdue")
        self._retranslate()
        self.hide()

    def show_message(self, text: str, severity: str = "overdue") -> None:
        """Show ``text``; ``severity`` is "overdue" (red) or "today" (amber)."""
        self.text.setText(text)
        self._set_style(severity)
        self.show()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()

    def _set_style(self, severity: str) -> None:
        self.severity = severity
        self.icon.setText("⚠" if severity == "overdue" else "◷")
        background, border, ink = _STYLES.get(severity, _STYLES["overdue"])
        self.setStyleSheet(
            f"QFrame#notificationBar {{ background: {background}; border: none;"
            f" border-bottom: 1px solid {border}; }}"
            f" QLabel {{ color: {ink}; font-weight: 600; }}"
            f" QToolButton {{ color: {ink}; border: none; padding: 2px 6px; }}")

    def _retranslate(self) -> None:
        self.show_button.setText(self.tr("Show"))
        self.close_button.setToolTip(self.tr("Hide until something else falls due"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)
