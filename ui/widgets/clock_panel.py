"""A case's regulator clock in plain words, for the case header.

"建设银行应于 2024-11-18 前答复（第 9 / 15 天）" and "可于 2024-11-19 起向 12378 投诉" in the
language of the window (the core words it: ``deadlines.clock_lines``). Red once the time to
answer has run out; a warning line when the working days were counted without official holiday
data; the legal source in the tooltip.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desktop_app.deadlines.wording import format_date
from desktop_app.records import CaseRecord
from desktop_app.timeutil import to_local
from desktop_app.vocab import OPEN_STATUSES

if TYPE_CHECKING:
    from desktop_app.deadlines.clock import Clock

RED = "#b91c1c"
AMBER = "#92400e"
INK = "#1f2937"
MUTED = "#6b7280"

_STYLES = {
    "running": "QFrame#clockPanel { background: #eff6ff; border: 1px solid #bfdbfe;"
               " border-radius: 5px; }",
    "open": "QFrame#clockPanel { background: #fffbeb; border: 1px solid #fcd34d;"
            " border-radius: 5px; }",
    "overdue": "QFrame#clockPanel { background: #fef2f2; border: 1px solid #fca5a5;"
               " border-radius: 5px; }",
    "none": "QFrame#clockPanel { background: transparent; border: 1px dashed #d1d5db;"
            " border-radius: 5px; }",
}


def ui_lang() -> str:
    """The language the window speaks, as the core names it: "zh" or "en"."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


class ClockPanel(QFrame):
    """The clock of one case; hidden when no clock can run (no jurisdiction, closed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clockPanel")
        self._case: CaseRecord | None = None
        self._clock: Clock | None = None
        self.state = "none"

        self.lines = QLabel()
        self.lines.setObjectName("clockLines")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel()
        self.warning.setObjectName("clockWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {AMBER};")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.lines)
        layout.addWidget(self.warning)
        self.hide()

    @property
    def clock(self) -> Clock | None:
        return self._clock

    def show_clock(self, case: CaseRecord | None, clock: Clock | None) -> None:
        self._case, self._clock = case, clock
        self._render()

    def plain_lines(self) -> list[str]:
        """The clock's sentences as shown (for tests and the accessible name)."""
        if self._case is None or self._clock is None:
            return []
        from desktop_app.deadlines.clock import (
            clock_lines,  # deferred: ~7 ms (the rules), see _render
        )

        return list(clock_lines(self._clock, self._case, ui_lang()))

    def _render(self) -> None:
        case, clock = self._case, self._clock
        if case is None or case.jurisdiction == "none" or case.status not in OPEN_STATUSES:
            self.hide()
            return
        self.show()
        if clock is None:
            self._set_state("none")
            hint = self.tr("No regulator clock yet. It starts at the first contact that gave "
                           "you a complaint number, or at the entry you mark as “complaint "
                           "lodged” (right-click it in the timeline).")
            self.lines.setText(f"<span style='color:{MUTED}'>{html.escape(hint)}</span>")
            self.warning.hide()
            self.setToolTip("")
            return
        # a clock is shown after the first frame (CaseHeader.hold_clock): its rules load then
        from desktop_app.deadlines.clock import clock_lines  # deferred: the rules, ~7 ms

        lang = ui_lang()
        first, *rest = clock_lines(clock, case, lang)
        state = "overdue" if clock.overdue else ("open" if clock.escalation_open else "running")
        self._set_state(state)
        colour = RED if clock.overdue else INK
        mark = "⚠" if clock.overdue else "◷"
        parts = [f"<span style='color:{colour};font-weight:600'>{mark} {html.escape(first)}"
                 "</span>"]
        parts += [f"<span style='color:{AMBER if clock.escalation_open else INK}'>→ "
                  f"{html.escape(line)}</span>" for line in rest]
        self.lines.setText(" &nbsp; ".join(parts))  # one line when it fits: the header is low
        self.lines.setAccessibleName(" ".join([first, *rest]))
        if clock.warnings:
            self.warning.setText("⚠ " + " ".join(clock.warnings))
            self.warning.show()
        else:
            self.warning.hide()
        self.setToolTip(self._tooltip(clock, lang))

    def _tooltip(self, clock: Clock, lang: str) -> str:
        lodged = format_date(to_local(clock.lodged_at).date(), lang)
        source = clock.source.zh if lang == "zh" else clock.source.en
        rows = [
            f"<b>{html.escape(clock.title.get(lang))}</b>",
            html.escape(self.tr("Counted from the entry of {date} (complaint lodged).").format(
                date=lodged)),
            html.escape(self.tr("Source: {source}").format(source=source)),
            html.escape(self.tr("Rule as of {date}").format(date=clock.as_of.isoformat())),
        ]
        return "<br>".join(rows)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.setStyleSheet(_STYLES[state])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
