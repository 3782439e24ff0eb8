"""The directory of institutions, edited in the window: in place, undoable, validated."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox
from qt_typing import type_text

from desktop_app.services.book import Casebook
from ui.book_worker import BookWorker
from ui.dialogs.directory_dialog import DirectoryDialog
from ui.models.directory import DirectoryModel
from ui.operations import Operations
from ui.signals import SignalHub


def make_ops(book: Casebook) -> Operations:
    return Operations(book, SignalHub(), QUndoStack(), BookWorker())


def settled(qtbot, ops: Operations) -> None:  # type: ignore[no-untyped-def]
    """Wait until the book's worker has saved everything asked of it and said so."""
    qtbot.waitUntil(lambda: not ops.worker.busy, timeout=30_000)


def test_directory_model_passes_qtmodeltester(qtmodeltester, book: Casebook) -> None:
    model = DirectoryModel(make_ops(book))
    qtmodeltester.check(model, force_py=True)
    names = [model.index(r, DirectoryModel.NAME).data() for r in range(model.rowCount())]
    assert "中国建设银行" in names
    assert "国家金融监督管理总局" in names


def test_the_directory_and_its_proxy_pass_qtmodeltester_through_an_edit(
        qtbot, check_model, book: Casebook) -> None:  # type: ignore[no-untyped-def]
    dialog = DirectoryDialog(make_ops(book))
    qtbot.addWidget(dialog)
    check_model(dialog.model)
    check_model(dialog.proxy)
    source_row = next(r for r in range(dialog.model.rowCount())
                      if dialog.model.index(r, DirectoryModel.NAME).data() == "中国建设银行")
    assert dialog.model.setData(dialog.model.index(source_row, DirectoryModel.HOTLINE), "95533-1")
    settled(qtbot, dialog.model.ops)
    assert dialog.model.index(source_row, DirectoryModel.HOTLINE).data() == "95533-1"


def test_edit_in_place_and_undo(qtbot, book: Casebook) -> None:
    ops = make_ops(book)
    dialog = DirectoryDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.model.row_of(book.institutions.find_institution("中国建设银行").id)  # type: ignore[union-attr]
    assert dialog.commit_cell(row, DirectoryModel.HOTLINE, "95533 转人工 0")
    assert dialog.model.index(row, DirectoryModel.HOTLINE).data() == "95533 转人工 0"  # at once
    settled(qtbot, ops)
    assert book.institutions.find_institution("中国建设银行").hotline == "95533 转人工 0"  # type: ignore[union-attr]
    ops.undo_stack.undo()
    settled(qtbot, ops)
    assert book.institutions.find_institution("中国建设银行").hotline == "95533"  # type: ignore[union-attr]
    ops.undo_stack.redo()
    settled(qtbot, ops)
    assert book.institutions.find_institution("中国建设银行").hotline == "95533 转人工 0"  # type: ignore[union-attr]

    # An empty name is refused by the book with the reason; the cell shows the name again.
    dialog.commit_cell(row, DirectoryModel.NAME, "   ")
    settled(qtbot, ops)
    qtbot.waitUntil(lambda: "name" in dialog.message.text())
    assert dialog.model.index(row, DirectoryModel.NAME).data() == "中国建设银行"
    assert book.institutions.find_institution("中国建设银行") is not None
    assert ops.undo_stack.count() == 1


def test_kind_is_edited_with_a_combo(qtbot, book: Casebook) -> None:
    ops = make_ops(book)
    dialog = DirectoryDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    source_row = dialog.model.row_of(book.institutions.find_institution("支付宝").id)  # type: ignore[union-attr]
    index = dialog.proxy.mapFromSource(dialog.model.index(source_row, DirectoryModel.KIND))
    dialog.view.setCurrentIndex(index)
    dialog.view.edit(index)
    editor = dialog.view.findChild(QComboBox)
    assert editor is not None
    editor.setCurrentIndex(editor.findData("lender"))
    dialog.view.commitData(editor)
    settled(qtbot, ops)
    assert book.institutions.find_institution("支付宝").kind == "lender"  # type: ignore[union-attr]


def test_add_an_institution(qtbot, book: Casebook) -> None:
    ops = make_ops(book)
    dialog = DirectoryDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.new_name, "某某消费金融有限公司")
    dialog.new_kind.setCurrentIndex(dialog.new_kind.findData("lender"))
    qtbot.keyClicks(dialog.new_hotline, "400-000-0000")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    settled(qtbot, ops)
    added = book.institutions.find_institution("某某消费金融有限公司")
    assert added is not None
    assert (added.kind, added.hotline) == ("lender", "400-000-0000")
    assert dialog.new_name.text() == ""
    # The same name twice is refused with the reason.
    type_text(qtbot, dialog.new_name, "某某消费金融有限公司")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    settled(qtbot, ops)
    qtbot.waitUntil(lambda: "某某消费金融有限公司" in dialog.message.text())
