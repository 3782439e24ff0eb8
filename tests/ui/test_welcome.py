"""The first page of a new book: who the complaint is from, the dossier's language and folder
(made when missing), and a sample case to look at first."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from qt_typing import type_text

from desktop_app.services.profile import load_profile
from desktop_app.services.sample import SAMPLE_MARK, add_sample_case, is_sample
from desktop_app.timeutil import iso


def test_a_new_book_opens_on_the_welcome_page_and_keeps_what_is_typed(
        qtbot, open_window, data_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(data_dir)
    page = window.empty_page
    assert page.isVisible()
    assert page.sample_button.isVisible()
    type_text(qtbot, page.name_edit, "张三")
    type_text(qtbot, page.phone_edit, "13812345678")
    type_text(qtbot, page.id_edit, "11010519491231002X")
    page.lang_combo.setCurrentIndex(page.lang_combo.findData("en"))
    folder = tmp_path / "new account" / "Documents" / "投诉材料"  # not there yet
    page.folder_edit.setText(str(folder))
    assert page.save()
    profile = load_profile(data_dir)
    assert (profile.name, profile.phone, profile.id_number) == (
        "张三", "13812345678", "11010519491231002X")
    assert profile.masked_id().endswith("002X")
    assert folder.is_dir()
    choices = json.loads((data_dir / "export.json").read_text(encoding="utf-8"))
    assert (choices["lang"], choices["folder"]) == ("en", str(folder))


def test_the_sample_case_opens_marked_and_ready_to_look_around(
        qtbot, open_window, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(data_dir)
    qtbot.mouseClick(window.empty_page.sample_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_case is not None, timeout=10_000)
    case = window.current_case
    assert case.title.startswith(SAMPLE_MARK)
    assert is_sample(case)
    assert not window.empty_page.isVisible()
    events = window.book.timeline.list_events(case.id)
    assert [e.channel for e in events] == ["app", "call", "sms", "note"]
    assert case.lodged_event_id == events[1].id  # its regulator clock runs


def test_the_sample_promise_is_due_by_its_words(book) -> None:  # type: ignore[no-untyped-def]
    case = add_sample_case(book)
    call = book.timeline.list_events(case.id)[1]
    (promise,) = call.promises
    assert promise.text == "3个工作日内回电"
    assert iso(promise.due_at) == "2024-11-01T23:59:59+08:00"  # Tue + 3 working days

