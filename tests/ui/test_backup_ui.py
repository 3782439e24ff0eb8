"""File → Back up… and File → Restore from backup… as a person uses them (file dialogs and
message boxes stand in for the person), and the automatic backup when the app closes."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from book_tasks import done
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from desktop_app.backup import archive
from desktop_app.backup.archive import verify_archive
from desktop_app.backup.automatic import auto_backups
from desktop_app.records import CaseFields, EventFields
from desktop_app.services.book import Casebook
from desktop_app.store.lock import WriteLock, is_locked, window_is_open
from desktop_app.timeutil import parse_time
from ui import app as app_module
from ui.backup_actions import finish_session, latest_window
from ui.main_window import MainWindow

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00"
       b"\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe"
       b"\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


@pytest.fixture
def case_id(data_dir: Path) -> int:
    with Casebook.open(data_dir) as book:
        case = book.cases.create_case(CaseFields(title="建行小程序转账失败",
                                           institution_name="中国建设银行"))
        book.timeline.add_event(case.id, EventFields(at=parse_time("2024-11-02 09:05"),
                                                     channel="call",
                                            summary="致电95533投诉"))
        book.imports.import_bytes(case.id, PNG, "截图.png")
        book.imports.import_bytes(case.id, "通话记录：三天内回电".encode(), "记录.txt")
        return case.id


@pytest.fixture
def window(open_window: Callable[..., MainWindow], data_dir: Path,
           case_id: int) -> Iterator[MainWindow]:
    win = open_window(data_dir, remember=True)
    yield win
    restored = latest_window(win)  # a restore replaces the window
    if restored is not win:
        restored.close()
        restored.book.close()


class Boxes:
    """The message boxes shown, by kind, with their text; ``answer`` for questions."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.shown: list[tuple[str, str]] = []
        self.answer = QMessageBox.StandardButton.Yes
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._box(kind))
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _box(self, kind: str) -> Any:
        def show(_parent: object, _title: str, text: str, *a: object, **k: object) -> Any:
            self.shown.append((kind, text))
            return QMessageBox.StandardButton.Ok
        return show

    def _question(self, _parent: object, _title: str, text: str, *a: object,
                  **k: object) -> Any:
        self.shown.append(("question", text))
        return self.answer


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> Boxes:
    return Boxes(monkeypatch)


def menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menu_file.actions()]


def back_up(qtbot, window: MainWindow, target: Path,  # type: ignore[no-untyped-def]
            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window.backup, "choose_backup_file", lambda: str(target))
    window.backup.act_backup.trigger()
    qtbot.waitUntil(lambda: not window.backup.busy, timeout=60_000)


def test_the_file_menu_has_back_up_and_restore(window: MainWindow) -> None:
    texts = menu_texts(window)
    assert "&Back up…" in texts
    assert "&Restore from backup…" in texts
    assert texts.index("&Restore from backup…") < texts.index("&Quit")


def test_back_up_writes_a_valid_archive_and_says_where(
        qtbot, window: MainWindow, tmp_path: Path, boxes: Boxes,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "Casebook-backup-2024-11-02.zip"
    back_up(qtbot, window, target, monkeypatch)
    info = verify_archive(target)
    assert (info.cases, info.evidence_files) == (1, 2)
    ((kind, text),) = boxes.shown
    assert kind == "information"
    assert str(target) in text
    assert window.backup.act_backup.isEnabled()


def test_the_default_file_name_is_dated(window: MainWindow,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def dialog(_parent: object, _title: str, path: str, _filter: str) -> tuple[str, str]:
        seen.append(path)
        return "", ""

    monkeypatch.setattr("ui.backup_actions.QFileDialog.getSaveFileName", dialog)
    window.backup.act_backup.trigger()
    assert Path(seen[0]).name.startswith("Casebook-backup-")
    assert Path(seen[0]).suffix == ".zip"
    assert not window.backup.busy


def test_a_cancelled_backup_leaves_no_file(
        qtbot, window: MainWindow, tmp_path: Path, boxes: Boxes,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = archive._add_member

    def slow(*args: Any, **kwargs: Any) -> Any:
        job = window.backup.job
        assert job is not None
        job.cancel()
        return real(*args, **kwargs)

    monkeypatch.setattr(archive, "_add_member", slow)
    back_up(qtbot, window, tmp_path / "b.zip", monkeypatch)
    assert list(tmp_path.glob("*b.zip*")) == []
    assert boxes.shown == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_restore_replaces_the_data_and_reopens_the_window(
        qtbot, window: MainWindow, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
        boxes: Boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "backup.zip"
    back_up(qtbot, window, archive, monkeypatch)
    before = window.book.cases.case_json(1)
    evidence = {p.name: p.read_bytes() for p in (data_dir / "evidence").rglob("*") if p.is_file()}
    # a change after the backup, which the restore undoes (and keeps aside)
    done(qtbot, window.ops.create_case(CaseFields(title="备份之后", institution_name="招商银行")))
    assert len(window.book.cases.list_cases()) == 2
    boxes.shown.clear()

    monkeypatch.setattr(window.backup, "choose_archive", lambda: str(archive))
    window.backup.act_restore.trigger()
    qtbot.waitUntil(lambda: latest_window(window) is not window, timeout=60_000)

    new = latest_window(window)
    assert not window.isVisible()
    assert new.isVisible()
    assert QApplication.quitOnLastWindowClosed()
    assert new.book is not window.book
    assert new.book.paths.root == data_dir
    assert [c.id for c in new.book.cases.list_cases()] == [1]
    assert new.book.cases.case_json(1) == before
    assert {p.name: p.read_bytes() for p in (data_dir / "evidence").rglob("*")
            if p.is_file()} == evidence
    kinds = [k for k, _t in boxes.shown]
    assert kinds == ["question", "information"]
    assert "before-restore" in boxes.shown[0][1]
    aside = [p for p in data_dir.parent.iterdir() if ".before-restore-" in p.name]
    assert len(aside) == 1
    assert str(aside[0]) in boxes.shown[1][1]
    with Casebook.open(aside[0]) as old:
        assert len(old.cases.list_cases()) == 2
    assert [p for p in data_dir.parent.iterdir() if ".restore-" in p.name
            and "before" not in p.name] == []
    # the new window works: a change is saved in the restored data
    done(qtbot, new.ops.create_case(CaseFields(title="恢复之后", institution_name="招商银行")))
    assert len(new.book.cases.list_cases()) == 2


def test_restore_cancelled_at_the_question_changes_nothing(
        qtbot, window: MainWindow, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
        boxes: Boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "backup.zip"
    back_up(qtbot, window, archive, monkeypatch)
    boxes.shown.clear()
    boxes.answer = QMessageBox.StandardButton.Cancel
    monkeypatch.setattr(window.backup, "choose_archive", lambda: str(archive))
    listing = sorted(p.name for p in data_dir.parent.iterdir())
    window.backup.act_restore.trigger()
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=60_000)
    qtbot.wait(50)
    assert [k for k, _t in boxes.shown] == ["question"]
    assert latest_window(window) is window
    assert window.isVisible()
    assert sorted(p.name for p in data_dir.parent.iterdir()) == listing


def test_a_refused_archive_shows_why_and_changes_nothing(
        qtbot, window: MainWindow, data_dir: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
        boxes: Boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = tmp_path / "backup.zip"
    back_up(qtbot, window, archive, monkeypatch)
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[:-300])
    boxes.shown.clear()
    listing = sorted(p.name for p in data_dir.parent.iterdir())
    db = hashlib.sha256((data_dir / "casebook.sqlite3").read_bytes()).hexdigest()

    monkeypatch.setattr(window.backup, "choose_archive", lambda: str(truncated))
    window.backup.act_restore.trigger()
    qtbot.waitUntil(lambda: bool(boxes.shown), timeout=60_000)

    ((kind, text),) = boxes.shown
    assert kind == "critical"
    assert "Nothing was changed" in text
    assert "truncated" in text
    assert latest_window(window) is window
    assert sorted(p.name for p in data_dir.parent.iterdir()) == listing
    assert hashlib.sha256((data_dir / "casebook.sqlite3").read_bytes()).hexdigest() == db


def test_closing_takes_an_automatic_backup_once(
        window: MainWindow, data_dir: Path) -> None:
    window.close()
    finish_session(window)
    (first,) = auto_backups(window.book.paths)
    assert first.name.endswith("-close.sqlite3")
    finish_session(window)  # nothing changed since: no second snapshot
    assert auto_backups(window.book.paths) == [first]
    with Casebook.open(data_dir) as book:
        book.institutions.add_institution("某某小贷公司")
    finish_session(window)
    assert len(auto_backups(window.book.paths)) == 2


def test_a_restore_in_a_started_window_keeps_the_data_dir_claimed(
        qtbot, data_dir: Path, tmp_path: Path, case_id: int,  # type: ignore[no-untyped-def]
        boxes: Boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    """The window's locks live in the folder a restore moves aside: the restored folder must be
    claimed again, so that a CLI writer is still refused and a second launch still answered."""
    started = app_module.start(str(data_dir))
    assert started is not None
    _app, first, _book = started
    qtbot.addWidget(first)
    qtbot.waitUntil(lambda: first.settled)  # File → Back up… comes just after the first frame
    try:
        archive = tmp_path / "backup.zip"
        back_up(qtbot, first, archive, monkeypatch)
        monkeypatch.setattr(first.backup, "choose_archive", lambda: str(archive))
        first.backup.act_restore.trigger()
        qtbot.waitUntil(lambda: latest_window(first) is not first, timeout=60_000)
        new = latest_window(first)
        assert [k for k, _t in boxes.shown][-2:] == ["question", "information"]
        assert new.single_instance is first.single_instance
        assert new.single_instance.holds
        assert is_locked(data_dir)  # the restored folder: a CLI writer is refused
        assert window_is_open(data_dir)  # at once, as by a window, not after waiting its turn
        assert not WriteLock(data_dir).acquire()
        aside = [p for p in data_dir.parent.iterdir() if ".before-restore-" in p.name]
        assert len(aside) == 1
        assert not is_locked(aside[0])  # the old folder is let go
        assert not window_is_open(aside[0])
    finally:
        last = latest_window(first)
        for w in {first, last}:
            w.close()
            w.book.close()
        last.single_instance.release()
    assert not is_locked(data_dir)
    assert not window_is_open(data_dir)


class ReadingBoxes(Boxes):
    """Message boxes that stay open, as a real one does, until the person has read them: each
    runs its own event loop until the progress dialog's show-delay has long passed (a real
    QMessageBox.information runs such a loop until it is answered). ``visible_progress`` is
    what progress dialogs were on screen while the message was being read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        super().__init__(monkeypatch)
        self.visible_progress: list[str] = []

    def _box(self, kind: str) -> Any:
        plain = super()._box(kind)

        def show(parent: object, title: str, text: str, *a: object, **k: object) -> Any:
            loop = QEventLoop()
            # the progress dialog's show-delay is 300 ms; Qt fires timers in order of expiry,
            # so by this one every earlier timer has fired
            QTimer.singleShot(1000, loop.quit)
            loop.exec()
            self.visible_progress += [d.labelText() for d in QApplication.topLevelWidgets()
                                      if isinstance(d, QProgressDialog) and d.isVisible()]
            return plain(parent, title, text, *a, **k)
        return show


@pytest.mark.parametrize("steps", ["backup", "restore"])
def test_backup_and_restore_progress_closes_and_stays_closed(
        qtbot, window: MainWindow, tmp_path: Path,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch, steps: str) -> None:
    """The freeze users met: the progress dialog, closed before its show-delay fired, showed
    itself over the 'Backup saved' message afterwards, at 100 % with a dead Cancel."""
    archive = tmp_path / "backup.zip"
    boxes = ReadingBoxes(monkeypatch)
    back_up(qtbot, window, archive, monkeypatch)
    if steps == "restore":
        boxes.shown.clear()
        monkeypatch.setattr(window.backup, "choose_archive", lambda: str(archive))
        window.backup.act_restore.trigger()
        qtbot.waitUntil(lambda: latest_window(window) is not window, timeout=60_000)
        assert [k for k, _t in boxes.shown] == ["question", "information"]
    else:
        assert [k for k, _t in boxes.shown] == ["information"]
    assert boxes.visible_progress == []
    assert not any(isinstance(w, QProgressDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    current = latest_window(window)
    assert current.backup.act_backup.isEnabled()
    assert current.backup.act_restore.isEnabled()
