"""Locking a book, and removing its lock, killed (SIGKILL) at every kind of moment: after each
kill the book is whole. Either it is still plain (no key file: it opens without a passphrase and
everything reads) or it is locked, or being converted, and opening it with the passphrase
finishes the conversion; then everything reads, ``verify`` finds it intact, and no file is left
half-way (all sealed after a lock, all plain after a removal).

The worker (tests/e2e/lock_worker.py) runs ``casebook lock`` / ``lock --remove`` and says where
it is; the harness kills it when it says what the harness waits for: stopped there (the worker
waits on stdin), or still running (the kill lands in the next step's middle). No sleeps.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "desktop_app"))

from lock_book_samples import (
    FAST,
    SampleBook,
    book_files,
    make_book,
    plain_finds,
    reads_whole,
)
from locked_samples import forget_all

from desktop_app.crypto import conversion
from desktop_app.services.book import Casebook
from desktop_app.store import vault

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

WORKER = Path(__file__).with_name("lock_worker.py")
PASSPHRASE = "锁上它 kill me softly"
STALL = 120.0

# (where the kill lands, whether the worker waits there or runs on)
LOCK_KILLS = [("keyfile", True), ("database casebook.sqlite3", True), ("step 1", True),
              ("step 3", True), ("step last", True), ("remove lock-journal.json", True),
              ("database casebook.sqlite3", False), ("step 2", False), ("step 4", False)]
REMOVE_KILLS = [("database casebook.sqlite3", True), ("step 2", True), ("step last", True),
                ("remove casebook.key", True), ("remove lock-journal.json", True),
                ("step 1", False), ("step 3", False)]


@pytest.fixture(autouse=True)
def _forget(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("CASEBOOK_PASSPHRASE", raising=False)
    yield
    forget_all()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SampleBook:
    base = tmp_path_factory.mktemp("lock-kills")
    book = make_book(base / "template", base / "scratch", screenshots=1)
    forget_all()
    return book


def _copy(template: SampleBook, folder: Path) -> SampleBook:
    shutil.copytree(template.folder, folder)
    return SampleBook(folder, template.secrets, template.exhibits)


def _kill_at(folder: Path, action: str, marker: str, waits: bool) -> list[str]:
    """Run the worker, kill it once it says ``marker`` (stopped there if ``waits``); what it
    said."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEBOOK_")}
    env["CASEBOOK_PASSPHRASE"] = PASSPHRASE
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), str(folder), action, marker if waits else "-"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    said: list[str] = []
    try:
        assert worker.stdout is not None
        for line in worker.stdout:
            said.append(line.rstrip("\n"))
            seen = said[-1]
            hit = seen == marker or seen.startswith(marker + " ") or (
                marker == "step last" and seen.startswith("step ")
                and seen.split()[1] == seen.split()[2])
            if (waits and seen == "stopped") or (not waits and hit):
                worker.send_signal(signal.SIGKILL)
                break
        worker.wait(timeout=STALL)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
        err = worker.stderr.read() if worker.stderr else ""
        for stream in (worker.stdin, worker.stdout, worker.stderr):
            if stream is not None:
                stream.close()
    assert any(line.startswith(("stopped", "step", "database", "keyfile", "remove",
                                "finished")) for line in said), err
    if waits:
        assert said[-1] == "stopped", (said, err)
    return said


def _check_whole(book: SampleBook, monkeypatch: pytest.MonkeyPatch, what: str) -> str:
    """The book after a kill, opened as the next start opens it; which state it ended in."""
    forget_all()
    paths = book.paths
    journal = conversion.pending(paths)
    if not paths.key_file.exists():
        with Casebook.open(book.folder):  # no passphrase asked; a leftover journal tidied
            pass
        state = "plain"
    else:
        with pytest.raises(vault.BookLocked):
            Casebook.open(book.folder)
        with Casebook.open(book.folder, lambda: PASSPHRASE):  # finishes the conversion
            pass
        state = "plain" if not paths.key_file.exists() else "locked"
    forget_all()
    assert conversion.pending(paths) is None, what
    files = [p for p in book_files(book.folder) if p.name not in ("casebook.key", "casebook.lock")]
    if state == "plain":
        assert not any(vault.is_sealed(p) for p in files), what
        assert not any(vault.is_encrypted_database(p) for p in files if p.suffix == ".sqlite3")
        monkeypatch.delenv("CASEBOOK_PASSPHRASE", raising=False)
    else:
        assert journal != conversion.REMOVE, what
        assert plain_finds(book.folder, book.secrets) == [], what
        assert all(vault.is_sealed(p) or vault.is_encrypted_database(p) for p in files), what
        monkeypatch.setenv("CASEBOOK_PASSPHRASE", PASSPHRASE)
    originals = [p for p in files if p.parent.parent == paths.evidence]
    assert all(p.stat().st_mode & 0o777 == 0o400 for p in originals), what
    reads_whole(book.folder, len(book.exhibits))
    return state


@pytest.mark.parametrize(("marker", "waits"), LOCK_KILLS)
def test_a_lock_killed_anywhere_leaves_a_whole_book(template: SampleBook, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   marker: str, waits: bool) -> None:
    book = _copy(template, tmp_path / "book")
    said = _kill_at(book.folder, "lock", marker, waits)
    state = _check_whole(book, monkeypatch, f"killed at {marker}: {said}")
    assert state == ("plain" if marker == "keyfile" else "locked"), said


@pytest.mark.parametrize(("marker", "waits"), REMOVE_KILLS)
def test_a_removal_killed_anywhere_leaves_a_whole_book(template: SampleBook, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      marker: str, waits: bool) -> None:
    book = _copy(template, tmp_path / "book")
    conversion.lock_book(book.paths, PASSPHRASE, params=FAST)
    forget_all()
    said = _kill_at(book.folder, "remove", marker, waits)
    assert _check_whole(book, monkeypatch, f"killed at {marker}: {said}") == "plain", said
