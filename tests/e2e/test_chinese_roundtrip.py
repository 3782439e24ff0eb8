"""Chinese text goes in through the CLI, shows in the window exactly, is edited there, and comes
back out of the CLI exactly — one database file, three doors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from qt_typing import type_text

from desktop_app.services.book import Casebook
from ui.main_window import MainWindow
from ui.models.timeline import TimelineModel

TITLE = "邮储银行数字钱包无法开通（𠮷野家・표준・😤）"
SUMMARY = "致电95580：客服称“系统升级”，请三个工作日后再试"
REF = "PSBC-投诉-20241105-0007"


def cli(data_dir: Path, *args: str) -> str:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(data_dir),
                           *args], capture_output=True, env=env, check=True)
    return done.stdout.decode("utf-8")


def test_chinese_round_trips_through_cli_database_and_window(qtbot, data_dir: Path) -> None:
    case_id = int(cli(data_dir, "case", "new", "--title", TITLE, "--institution", "邮储银行",
                      "--desired-outcome", "开通钱包并书面道歉").strip())
    cli(data_dir, "event", "add", str(case_id), "--channel", "call", "--at", "2024-11-05 10:00",
        "--summary", SUMMARY, "--ref", f"客服记录编码={REF}", "--promise", "三个工作日内回电",
        "--due", "2024-11-08 18:00")

    book = Casebook.open(data_dir)
    window = MainWindow(book)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.header.title.text() == TITLE
    assert "中国邮政储蓄银行" in window.header.subtitle.text()
    model = window.timeline_model
    assert model.index(0, TimelineModel.SUMMARY).data() == SUMMARY
    assert model.index(0, TimelineModel.REFERENCES).data() == REF

    window.select_event(book.timeline.list_events(case_id)[0].id)
    window.case_actions.act_edit_event.trigger()
    qtbot.waitUntil(lambda: window.active_dialog is not None and window.active_dialog.isVisible())
    dialog = window.active_dialog
    type_text(qtbot, dialog.details_edit, "工号：A-２０４８；答复：“已登记”。")  # type: ignore[attr-defined]
    with qtbot.waitSignal(dialog.accepted):  # type: ignore[union-attr]
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    window.close()
    book.close()

    shown = json.loads(cli(data_dir, "case", "show", str(case_id), "--json"))
    assert shown["title"] == TITLE
    assert shown["institution"] == "中国邮政储蓄银行"
    assert shown["desired_outcome"] == "开通钱包并书面道歉"
    [event] = shown["events"]
    assert event["summary"] == SUMMARY
    assert event["details"] == "工号：A-２０４８；答复：“已登记”。"
    assert event["references"] == [{"label": "客服记录编码", "value": REF, "issued_by": ""}]
    assert event["promises"][0]["text"] == "三个工作日内回电"
    assert event["promises"][0]["due"] == "2024-11-08T18:00:00+08:00"
