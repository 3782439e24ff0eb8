"""Cases and their timeline entries: new, edit and delete a case, its status, new, edit and
delete an entry, log a call with the stopwatch, and the directory of institutions.

Its strings keep the translation context ``MainWindow``, where they were first translated."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.records import CaseRecord, EventFields
from desktop_app.vocab import Channel
from ui.actions import plain_label, window_action
from ui.book_worker import Task
from ui.shell import Shell
from ui.widgets.case_page import CasePage

if TYPE_CHECKING:
    from ui.dialogs.directory_dialog import DirectoryDialog
    from ui.dialogs.event_editor import EventEditor

translate = QCoreApplication.translate


class CaseActions(QObject):
    """The case and timeline actions of one main window (created by the window, lives as its
    child); the window places them in its menus and toolbar."""

    def __init__(self, shell: Shell, page: CasePage) -> None:
        window = shell.frame()
        super().__init__(window)
        self.shell, self.page = shell, page
        self.directory_dialog: DirectoryDialog | None = None
        self.act_new_case = window_action(self.shell.frame(), self.new_case,
                                          QKeySequence.StandardKey.New)
        self.act_edit_case = window_action(self.shell.frame(), self.edit_case, "Ctrl+E")
        self.act_delete_case = window_action(self.shell.frame(), self.delete_case)
        self.act_log_call = window_action(self.shell.frame(), self.log_call, "Ctrl+L")
        # the toolbar's button only starts a call: during one, the call bar ends it
        self.act_start_call = QAction(self.shell.frame())
        self.act_start_call.triggered.connect(lambda _checked=False: self.log_call())
        self.act_add_event = window_action(self.shell.frame(), self.add_event, "Ctrl+T")
        self.act_edit_event = window_action(self.shell.frame(), self.edit_event, "F2")
        self.act_delete_event = window_action(self.shell.frame(), self.delete_event,
                                              QKeySequence.StandardKey.Delete)
        self.act_delete_event.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        page.timeline_view.addAction(self.act_delete_event)
        self.act_directory = window_action(self.shell.frame(), self.show_directory)

        page.header.editRequested.connect(self.edit_case)
        page.header.statusPicked.connect(self._on_status_picked)
        page.stopwatch.finished.connect(self._on_call_finished)
        page.stopwatch.discarded.connect(shell.update_actions)
        page.timeline_view.activated.connect(lambda _index: self.edit_event())
        page.log_call_button.clicked.connect(self.act_log_call.trigger)
        page.add_event_button.clicked.connect(self.act_add_event.trigger)


    def retranslate(self) -> None:
        self.act_new_case.setText(translate("MainWindow", "&New case…"))
        self.act_edit_case.setText(translate("MainWindow", "&Edit case…"))
        self.act_delete_case.setText(translate("MainWindow", "Delete case…"))
        self.act_add_event.setText(translate("MainWindow", "&Add entry…"))
        self.act_edit_event.setText(translate("MainWindow", "&Edit entry…"))
        self.act_delete_event.setText(translate("MainWindow", "&Delete entry"))
        self.act_directory.setText(translate("MainWindow", "&Institutions…"))
        self._update_log_call_text()

    def update_actions(self) -> None:
        has_case = self.shell.current_case is not None
        has_event = self.shell.selected_event() is not None
        for action in (self.act_edit_case, self.act_delete_case, self.act_log_call,
                       self.act_add_event):
            action.setEnabled(has_case)
        self.act_edit_event.setEnabled(has_event)
        self.act_delete_event.setEnabled(has_event)
        self.page.log_call_button.setEnabled(has_case)
        self.act_start_call.setEnabled(has_case and not self.page.stopwatch.running)
        self.page.add_event_button.setEnabled(has_case)
        self._update_log_call_text()

    def _update_log_call_text(self) -> None:
        text = (translate("MainWindow", "End ca&ll") if self.page.stopwatch.running
                else translate("MainWindow", "&Log a call"))
        self.act_log_call.setText(text)
        self.page.log_call_button.setText(plain_label(text) + "  (Ctrl+L)")
        self.act_start_call.setText(translate("MainWindow", "&Log a call"))
        self.act_start_call.setToolTip(plain_label(self.act_start_call.text()) + " (Ctrl+L)")

    # ---- cases --------------------------------------------------------------------------------

    @Slot()
    def new_case(self) -> None:
        from ui.dialogs.case_dialog import CaseDialog  # deferred: ~7 ms at start-up

        shell = self.shell
        dialog = CaseDialog(shell.book.institutions.list_institutions(), None, shell.frame())
        dialog.setWindowTitle(translate("MainWindow", "New case"))

        def created(record: CaseRecord) -> None:
            shell.select_case(record.id)
            shell.hub.statusMessage.emit(translate("MainWindow", "Case created"))

        def save() -> Task:
            return shell.ops.create_case(dialog.fields()).then(created)

        shell.open_dialog(dialog, save)

    @Slot()
    def open_sample(self) -> None:
        """A realistic sample case to look around in, marked 【示例】 and deleted like any
        case (undoable)."""
        from desktop_app.services.sample import add_sample_case  # deferred: ~2 ms, once

        shell = self.shell

        def added(record: CaseRecord) -> None:
            shell.ops.announce_cases(record.id)
            shell.select_case(record.id)
            shell.hub.statusMessage.emit(translate(
                "MainWindow", "A sample case: look around, then delete it (Edit → Delete case)"))

        shell.ops.run(lambda: add_sample_case(shell.book), added)

    @Slot()
    def edit_case(self) -> None:
        shell = self.shell
        case = shell.current_case
        if case is None:
            return
        case_id = case.id
        from ui.dialogs.case_dialog import CaseDialog  # deferred: ~7 ms at start-up

        dialog = CaseDialog(shell.book.institutions.list_institutions(), case.fields,
                            shell.frame())
        dialog.setWindowTitle(translate("MainWindow", "Edit case"))

        def save() -> Task:
            return shell.ops.edit_case(case_id, dialog.fields())

        shell.open_dialog(dialog, save)

    @Slot(str)
    def _on_status_picked(self, status: str) -> None:
        case = self.shell.current_case
        if case is None:
            return

        def refused(message: str) -> None:
            self.shell.report(message)
            self.page.header.show_case(self.shell.current_case)

        self.shell.ops.set_case_status(case.id, status).then(on_failed=refused)

    @Slot()
    def delete_case(self) -> None:
        case = self.shell.current_case
        if case is None:
            return
        if not self.shell.confirm(translate("MainWindow", "Delete case"), translate(
                "MainWindow",
                "Delete the case “{title}” with its {count} entries?\n"
                "You can undo this with Ctrl+Z until you close Casebook.").format(
                    title=case.title, count=case.event_count)):
            return
        self.shell.current_case = None
        self.shell.ops.delete_case(case.id)

    @Slot()
    def show_directory(self) -> None:
        """The directory of banks, apps and complaint bodies, editable in place."""
        from ui.dialogs.directory_dialog import DirectoryDialog  # deferred: ~6 ms at start-up

        dialog = DirectoryDialog(self.shell.ops, self.shell.frame())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.directory_dialog = dialog
        dialog.open()

    # ---- entries ------------------------------------------------------------------------------

    def _event_dialog(self, fields: EventFields | None, on_save: Callable[[EventFields], Task]
                      ) -> EventEditor:
        from ui.dialogs.event_editor import EventEditor  # deferred: ~30 ms at start-up

        case = self.shell.current_case
        institution = case.institution if case else None
        dialog = EventEditor(fields, self.shell.frame(), institution=institution,
                             jurisdiction=case.fields.jurisdiction if case else "CN")
        self.shell.open_dialog(dialog, lambda: on_save(dialog.fields()))
        return dialog

    @Slot()
    def add_event(self) -> None:
        case = self.shell.current_case
        if case is None:
            return

        def save(fields: EventFields) -> Task:
            return self.shell.ops.add_event(case.id, fields).then(
                lambda record: self.shell.select_event(record.id))

        dialog = self._event_dialog(None, save)
        dialog.setWindowTitle(translate("MainWindow", "New entry"))

    @Slot()
    def edit_event(self) -> None:
        event = self.shell.selected_event()
        if event is None:
            return

        def save(fields: EventFields) -> Task:
            return self.shell.ops.edit_event(event.id, fields)

        dialog = self._event_dialog(event.fields, save)
        dialog.setWindowTitle(translate("MainWindow", "Edit entry"))

    @Slot()
    def delete_event(self) -> None:
        event = self.shell.selected_event()
        if event is None:
            return
        self.shell.ops.delete_event(event.id).then(lambda _record: self.shell.hub.statusMessage
                                                   .emit(translate(
                                                       "MainWindow",
                                                       "Entry deleted. Undo with Ctrl+Z.")))

    @Slot()
    def log_call(self) -> None:
        """Start the stopwatch for a call in progress; a second press ends the call."""
        case = self.shell.current_case
        if case is None:
            return
        stopwatch = self.page.stopwatch
        if stopwatch.running:
            stopwatch.stop()
            return
        stopwatch.start(case.institution.hotline)
        self.shell.update_actions()

    @Slot(object, int, str, str)
    def _on_call_finished(self, started: datetime, seconds: int, contact: str,
                          notes: str) -> None:
        self.shell.update_actions()
        case = self.shell.current_case
        if case is None:
            return
        fields = EventFields(at=started.replace(second=0, microsecond=0), channel=Channel.CALL,
                             direction="out", contact=contact, duration_seconds=seconds,
                             summary=notes if len(notes) <= 80 else "",
                             details=notes if len(notes) > 80 else "")

        def save(fields: EventFields) -> Task:
            return self.shell.ops.add_event(case.id, fields,
                                            translate("MainWindow", "Log call")).then(
                lambda record: self.shell.select_event(record.id))

        dialog = self._event_dialog(fields, save)
        dialog.setWindowTitle(translate("MainWindow", "Log the call"))
