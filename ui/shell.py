"""What the main window's controllers may use of it.

The evidence, dossier, case, deadline, backup and verify controllers are each given the window
as a :class:`Shell`: the book and its one door (``ops``, ``worker``, the signal ``hub``), the
case in view, going to a case or an entry, a word in the status bar, a refusal shown, a record
dialog opened, a question asked. The widgets a controller works on (the case page, the case
list) are given to it by name; nothing else of the window is theirs to reach.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from desktop_app.records import CaseRecord, EventRecord
    from desktop_app.services.book import Casebook
    from ui.book_worker import BookWorker
    from ui.dialogs import RecordDialog
    from ui.i18n import Localisation
    from ui.jobs import JobRunner
    from ui.operations import Operations
    from ui.settings import UiSettings
    from ui.signals import SignalHub


class Shell(Protocol):
    """The narrow face of the main window (``ui.main_window.MainWindow`` is one)."""

    book: Casebook
    ops: Operations
    hub: SignalHub
    worker: BookWorker
    jobs: JobRunner
    settings: UiSettings
    localisation: Localisation | None
    current_case: CaseRecord | None

    def frame(self) -> QMainWindow:
        """The window itself: the parent of dialogs, the owner of shortcuts and docks."""
        ...

    def select_case(self, case_id: int) -> None: ...

    def select_event(self, event_id: int) -> None: ...

    def selected_event(self) -> EventRecord | None: ...

    def show_evidence(self, evidence_ids: list[int] | None = None) -> None: ...

    def show_message(self, text: str, timeout: int = 6000) -> None:
        """A short message in the status bar."""
        ...

    def report(self, message: str) -> None:
        """A refusal, shown to the person ("Not saved")."""
        ...

    def open_dialog(self, dialog: RecordDialog, save: Callable[[], object]) -> None:
        """Show a record dialog window-modally; OK runs ``save``, a refusal keeps it open."""
        ...

    def confirm(self, title: str, text: str) -> bool: ...

    def refresh_details(self) -> None:
        """Show the selected entry's details again (something they show has changed)."""
        ...

    def update_actions(self) -> None:
        """Enable what the selection allows (after a change of selection or of records)."""
        ...
