"""Crash safety: a Casebook at work is killed with SIGKILL at random moments, again and again on
the same data dir, and after every kill the data dir is checked as a restart finds it.

The worker (tests/e2e/crash_worker.py) prints what it has committed; after each kill
:func:`check_after_crash` asserts that the database passes ``PRAGMA integrity_check``, the audit
chain verifies, everything reported saved is still there as it was saved, every file under a
content-addressed name hashes to that name, the dossier path is absent or a whole PDF, and the
only temp files are in the store's temp dir (which the restart then empties).

Most kills use a fork server (workers start in milliseconds); some start a cold interpreter,
so kills land in start-up and migrations too. The delays come from a seeded random generator;
the cold workers' kills are placed relative to what the worker says (``opening``, ``ready``, its
work's lines) and to its pace measured on this machine, so a loaded machine moves them with it.
"""

from __future__ import annotations

import hashlib
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pytest

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL") or not hasattr(os, "fork"),
                                reason="needs SIGKILL and fork (POSIX)")

WORKER = Path(__file__).with_name("crash_worker.py")
TEMP_MARKS = (".part", ".tmp", "-journal")
STALL = 120.0  # seconds a worker may go without saying what the harness waits for


# ---- what the worker said --------------------------------------------------------------------


@dataclass
class Expected:
    """What must be in the data dir, from the workers' ``saved`` lines (and what may be, from
    the ``begin`` line of a change a kill interrupted)."""

    cases: dict[int, str] = field(default_factory=dict)
    events: dict[int, set[str]] = field(default_factory=dict)  # id -> summaries allowed
    maybe_gone: set[int] = field(default_factory=set)  # events whose deletion was under way
    deleted: dict[int, set[str]] = field(default_factory=dict)  # id -> its summaries then
    evidence: dict[int, str] = field(default_factory=dict)  # id -> sha256
    captions: dict[int, set[str]] = field(default_factory=dict)
    profile: set[str] | None = None  # names allowed; None: no profile saved yet
    exported: int | None = None  # size of the last export reported
    export_under_way: bool = False
    exported_this_run: bool = False
    partial_dossiers: set[str] = field(default_factory=set)  # left by killed exports
    saved_lines: int = 0

    def absorb(self, lines: list[str]) -> None:
        pending: list[str] | None = None
        self.exported_this_run = False
        for line in lines:
            words = line.split(" ", 3)
            kind = words[0]
            if kind == "begin":
                pending = words
                continue
            if kind == "saved" and words[1] == "profile":
                self.saved_lines += 1
                self.profile = {line.split(" ", 2)[2]}
                pending = None
            elif kind == "saved":
                self.saved_lines += 1
                what, ident = words[1], int(words[2])
                rest = words[3] if len(words) > 3 else ""
                if what == "case":
                    self.cases[ident] = rest
                elif what == "event":
                    self.events[ident] = {rest}
                    self.deleted.pop(ident, None)  # SQLite may reuse the id of the last row
                elif what == "evidence":
                    self.evidence[ident] = rest
                elif what == "caption":
                    self.captions[ident] = {rest}
                pending = None
            elif kind == "deleted":
                self.saved_lines += 1
                ident = int(words[2])
                self.deleted[ident] = self.events.pop(ident, set())
                pending = None
            elif kind == "exported":
                self.saved_lines += 1
                self.exported = int(line.rsplit(" ", 1)[1])
                self.exported_this_run = True
                pending = None
        self.export_under_way = False
        if pending is None:
            return
        # the change the kill interrupted may or may not have been committed
        words = pending
        if words[1:3] == ["edit", "event"]:
            ident, summary = words[3].split(" ", 1)
            if int(ident) in self.events:
                self.events[int(ident)].add(summary)
        elif words[1:3] == ["delete", "event"]:
            self.maybe_gone.add(int(words[3]))
        elif words[1] == "caption":
            ident, caption = pending[2], pending[3] if len(pending) > 3 else ""
            if int(ident) in self.captions:
                self.captions[int(ident)].add(caption)
            else:
                self.captions[int(ident)] = {caption, "<unknown>"}
        elif words[1] == "profile":
            name = " ".join(words[2:])
            self.profile = (self.profile or {"<none>"}) | {name}
        elif words[1] == "export":
            self.export_under_way = True


# ---- the checks after a kill -----------------------------------------------------------------


class HashCache:
    """sha256 of files, recomputed only when a file's size or mtime changes (the store's files
    never change, so each is read once however many kills the test makes)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int, int], str] = {}
        self.whole_images: set[str] = set()  # derived files already opened whole

    def __call__(self, path: Path) -> str:
        st = path.stat()
        key = (str(path), st.st_size, st.st_mtime_ns)
        if key not in self._seen:
            digest = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
            self._seen[key] = digest.hexdigest()
        return self._seen[key]


def _temp_files(root: Path, allowed: Path | None) -> list[str]:
    found = []
    for folder, _dirs, files in os.walk(root):
        if allowed is not None and Path(folder) == allowed:
            continue
        for name in files:
            if name.endswith(TEMP_MARKS) or (name.startswith(".") and name != ".gitkeep"):
                found.append(str(Path(folder, name).relative_to(root)))
    return found


def _images_whole(path: Path) -> bool:
    from PIL import Image

    try:
        with Image.open(path) as im:
            im.load()
    except Exception:
        return False
    return True


def check_after_crash(data_dir: Path, export: Path, expected: Expected,
                      hashes: HashCache) -> list[str]:
    """Everything a killed Casebook must leave true, checked as a restart finds the data dir.

    Returns the problems found (none: all is well). The restart itself — the write lock, the
    removal of a dead writer's temp files, ``Casebook.open`` — is part of what is checked.
    """
    from desktop_app.services.book import Casebook
    from desktop_app.services.profile import load_profile
    from desktop_app.store.lock import WriteLock, remove_leftovers
    from desktop_app.store.paths import DataPaths

    problems: list[str] = []
    paths = DataPaths(data_dir)
    store_tmp = paths.evidence / "tmp"

    # as the kill left it: temp files only in the store's temp dir; the database undamaged.
    # A kill while SQLite was still in rollback mode (creating the database, before WAL is on)
    # leaves its hot journal: SQLite's own recovery file, rolled back by the next open (below).
    hot_journal = paths.database.name + "-journal"
    problems += [f"temp file left: {name}" for name in _temp_files(data_dir, store_tmp)
                 if name != hot_journal]
    # beside the dossier: only the partial file of an export the kill interrupted, and the
    # next export removes it
    partial = set(_temp_files(export.parent, None))
    if partial - expected.partial_dossiers and not expected.export_under_way:
        problems.append(f"temp files beside the dossier: {partial}")
    if expected.exported_this_run and partial & expected.partial_dossiers:
        problems.append(f"an export left a killed export's partial file: {partial}")
    if len(partial) > 1:
        problems.append(f"partial dossiers pile up: {partial}")
    expected.partial_dossiers = partial
    if paths.database.exists():
        con = sqlite3.connect(paths.database)
        try:
            integrity = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity}")

    # the restart
    lock = WriteLock(paths)
    if not lock.acquire():
        return [*problems, "the write lock is still held after the kill"]
    try:
        remove_leftovers(paths)
        if store_tmp.is_dir() and any(store_tmp.iterdir()):
            problems.append(f"the restart left temp files: {sorted(os.listdir(store_tmp))}")
        with Casebook.open(data_dir) as book:
            problems += _check_book(book, expected, hashes)
        if (data_dir / hot_journal).exists():
            problems.append(f"the restart left SQLite's journal: {hot_journal}")
        if expected.profile is not None:
            name = load_profile(data_dir).name
            if name not in expected.profile and not (name == "" and "<none>" in expected.profile):
                problems.append(f"profile name {name!r}, expected one of {expected.profile}")
            expected.profile = {name or "<none>"}
    finally:
        lock.release()

    # the dossier: absent, or a whole PDF (never a half-written one under its name)
    if export.exists():
        from pypdf import PdfReader

        try:
            pages = len(PdfReader(export).pages)
        except Exception as exc:
            problems.append(f"{export.name} is not a whole PDF: {exc}")
        else:
            if pages == 0:
                problems.append(f"{export.name} has no pages")
        if (expected.exported is not None and not expected.export_under_way
                and export.stat().st_size != expected.exported):
            problems.append(f"{export.name} is {export.stat().st_size} bytes, "
                            f"reported {expected.exported}")
    elif expected.exported is not None:
        problems.append(f"{export.name} was reported written and is gone")
    if expected.export_under_way and export.exists():
        # the kill may have come after the rename and before the report: either dossier may be
        # there, but whichever the kill left must stay as it is until the next export
        expected.exported = export.stat().st_size
    return problems


def _check_book(book: object, expected: Expected, hashes: HashCache) -> list[str]:
    from desktop_app.errors import NotFound
    from desktop_app.services.book import Casebook

    assert isinstance(book, Casebook)
    problems: list[str] = []
    from desktop_app.backup.verify import verify

    # verify as a person would run it after the crash: every exhibit re-hashed, store files
    # against rows (a killed import's unused file is a note, not a problem), the audit chain
    report = verify(book)
    problems += [f"verify: {p.message}" for p in report.problems]

    for case_id, title in expected.cases.items():
        try:
            if book.cases.get_case(case_id).fields.title != title:
                problems.append(f"case {case_id}: title changed")
        except NotFound:
            problems.append(f"case {case_id} is gone")

    for event_id in sorted(expected.events):
        allowed = expected.events[event_id]
        try:
            summary = book.timeline.get_event(event_id).fields.summary
        except NotFound:
            if event_id in expected.maybe_gone:
                expected.deleted[event_id] = expected.events.pop(event_id)
                continue
            problems.append(f"event {event_id} is gone")
            continue
        if summary not in allowed:
            problems.append(f"event {event_id}: {summary!r}, expected one of {allowed}")
        expected.events[event_id] = {summary}
    expected.maybe_gone.clear()
    for event_id, summaries in sorted(expected.deleted.items()):
        try:  # (its id may be reused by a new entry: SQLite reuses the last row's id)
            if book.timeline.get_event(event_id).fields.summary in summaries:
                problems.append(f"event {event_id} was deleted and is back")
        except NotFound:
            pass

    for evidence_id, sha in expected.evidence.items():
        try:
            record = book.evidence.get_evidence(evidence_id)
        except NotFound:
            problems.append(f"evidence {evidence_id} is gone")
            continue
        if record.sha256 != sha:
            problems.append(f"evidence {evidence_id}: sha256 {record.sha256}, reported {sha}")
        located = book.store.locate(record.sha256, record.mime)
        if located is None:
            problems.append(f"evidence {evidence_id}: its file is missing")
        elif hashes(located) != record.sha256:
            problems.append(f"evidence {evidence_id}: its file does not hash to {sha}")
        allowed = expected.captions.get(evidence_id)
        if allowed is not None:
            if record.caption not in allowed and "<unknown>" not in allowed:
                problems.append(f"evidence {evidence_id}: caption {record.caption!r}, "
                                f"expected one of {allowed}")
            expected.captions[evidence_id] = {record.caption}

    # every file under a content-addressed name holds the bytes that name says
    store = book.store.root
    for path in sorted(store.glob("[0-9a-f][0-9a-f]/*")):
        if path.is_file() and hashes(path) != path.name.split(".", 1)[0]:
            problems.append(f"store file {path.name} does not hash to its name")
    for path in sorted(store.glob("derived/*/*.jpg")):
        key = f"{path}:{path.stat().st_mtime_ns}"
        if key not in hashes.whole_images:
            if not _images_whole(path):
                problems.append(f"derived file {path.name} is not a whole image")
            hashes.whole_images.add(key)
    return problems


# ---- running and killing workers -------------------------------------------------------------


@dataclass
class Harness:
    data_dir: Path
    export: Path
    scratch: Path
    rng: random.Random
    expected: Expected = field(default_factory=Expected)
    hashes: HashCache = field(default_factory=HashCache)
    kills: int = 0
    log: list[str] = field(default_factory=list)
    moments: dict[str, int] = field(default_factory=dict)  # where the kills landed

    def after_kill(self, lines: list[str], delay: float) -> None:
        self.kills += 1
        begun = [line for line in lines if line.startswith("begin ")]
        if "opening" not in lines:
            moment = "starting"
        elif "ready" not in lines:
            moment = "opening the database"
        elif lines[-1].startswith("begin "):
            words = begun[-1].split()
            moment = "during " + " ".join(words[1:3] if words[1] in ("edit", "delete")
                                          else words[1:2])
        else:
            moment = "between changes"
        self.moments[moment] = self.moments.get(moment, 0) + 1
        self.log.append(f"kill {self.kills} after {delay:.3f}s: {lines[-1:] or ['(silent)']}")
        self.expected.absorb(lines)
        problems = check_after_crash(self.data_dir, self.export, self.expected, self.hashes)
        assert not problems, (f"after kill {self.kills} ({delay:.3f}s):\n" + "\n".join(problems)
                              + "\nworker said:\n" + "\n".join(lines[-10:]))


def _killpg(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:  # not yet in its own group (killed before setsid)
        os.kill(pid, signal.SIGKILL)
    # The worker's helper processes (derivation pool) are in its group: gone with it, but not
    # at once. One caught between fork and exec still holds a copy of the write lock's file
    # until the kernel has finished tearing it down; a person restarting takes longer than that.
    _wait_until_group_gone(pid)


def _group_alive(pgid: int) -> bool:
    """Whether a process of group ``pgid`` is still running (zombies hold no files)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            return True
    return False


def _wait_until_group_gone(pgid: int, timeout: float = 10.0) -> None:
    if not Path("/proc/self/stat").exists():
        return  # no /proc (macOS): the kill is all we can do
    deadline = time.monotonic() + timeout
    while _group_alive(pgid) and time.monotonic() < deadline:
        time.sleep(0.005)


def _env() -> dict[str, str]:
    root = Path(__file__).resolve().parents[2]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(root), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


class ForkServer:
    def __init__(self, h: Harness) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), "serve", str(h.data_dir), str(h.export),
             str(h.scratch)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=_env(),
            encoding="utf-8")
        assert self._read() == "serving"

    def _read(self) -> str:
        out: IO[str] | None = self.proc.stdout
        assert out is not None
        return out.readline().strip()

    def _send(self, line: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self._read()

    def run_and_kill(self, seed: int, log: Path, delay: float) -> list[str]:
        answer = self._send(f"run {seed} {log}")
        assert answer.startswith("pid "), answer
        pid = int(answer.split()[1])
        time.sleep(delay)
        _killpg(pid)
        status = self._send(f"wait {pid}")
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        assert status == f"status {-signal.SIGKILL}", f"{status}: " + "\n".join(lines[-20:])
        return lines

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


class ColdWorker:
    """One worker started from a cold interpreter; its lines are read as they come, each with
    the time it arrived (seconds since the start), so that kills can be placed relative to
    what the worker says rather than to a clock."""

    def __init__(self, h: Harness, seed: int, data_dir: Path | None = None) -> None:
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in kill())
        self.begun = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, str(WORKER), "run", str(data_dir or h.data_dir), str(h.export),
             str(h.scratch), str(seed)],
            stdout=subprocess.PIPE, stderr=self._stderr, env=_env(), start_new_session=True)
        self.lines: list[str] = []
        self.said: list[float] = []  # when each line arrived
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self._queue.put(raw.decode("utf-8").rstrip("\n"))
        self._queue.put(None)

    def elapsed(self) -> float:
        return time.monotonic() - self.begun

    def _take(self, timeout: float) -> bool:
        """One more line, if one comes within ``timeout``; a worker that ends by itself fails
        the test (it should run until killed)."""
        try:
            line = self._queue.get(timeout=max(timeout, 0.0))
        except queue.Empty:
            return False
        if line is None:
            self.proc.wait(timeout=30)
            self._stderr.seek(0)
            raise AssertionError(f"the worker ended by itself ({self.proc.returncode}):\n"
                                 + "\n".join(self.lines[-10:]) + "\n"
                                 + self._stderr.read().decode(errors="replace")[-2000:])
        self.lines.append(line)
        self.said.append(self.elapsed())
        return True

    def wait_for(self, word: str) -> float:
        """Reads until the worker says ``word`` (a line of its own); returns when it did."""
        deadline = time.monotonic() + STALL
        while word not in self.lines:
            assert self._take(deadline - time.monotonic()), (
                f"the worker did not say {word!r} within {STALL} s: {self.lines[-5:]}")
        return self.said[self.lines.index(word)]

    def wait_for_lines(self, count: int) -> None:
        """Reads until ``count`` more lines have come."""
        target = len(self.lines) + count
        deadline = time.monotonic() + STALL
        while len(self.lines) < target:
            assert self._take(deadline - time.monotonic()), (
                f"the worker stalled: {self.lines[-5:]}")

    def go_on_for(self, seconds: float) -> None:
        """Lets the worker go on for ``seconds`` (reading what it says meanwhile)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._take(deadline - time.monotonic())

    def kill(self) -> list[str]:
        _killpg(self.proc.pid)
        self.proc.wait(timeout=30)
        self._reader.join(timeout=30)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        while True:  # what it said before the kill and we had not read yet
            line = self._queue.get_nowait() if not self._queue.empty() else None
            if line is None:
                break
            self.lines.append(line)
        self._stderr.seek(0)
        err = self._stderr.read().decode(errors="replace")
        self._stderr.close()
        assert self.proc.returncode == -signal.SIGKILL, err[-2000:]
        return self.lines


@dataclass
class Pace:
    """How long a cold worker takes on this machine to reach ``opening`` and then ``ready``,
    and how far apart its lines come while it works: measured, and relearnt after each run,
    so that the kills fall in the phase they aim at however loaded the machine is."""

    to_opening: float
    opening: float  # from ``opening`` to ``ready`` (migrations on a fresh data dir)
    step: float

    @classmethod
    def measure(cls, h: Harness) -> Pace:
        """One worker on a fresh data dir of its own, left alone until it has done some work."""
        worker = ColdWorker(h, seed=0, data_dir=h.scratch.parent / "pace")
        opening = worker.wait_for("opening")
        ready = worker.wait_for("ready")
        worker.wait_for_lines(6)
        worker.kill()
        return cls(opening, ready - opening, _step(worker))

    def learn(self, worker: ColdWorker) -> None:
        lines = worker.lines[:len(worker.said)]  # (not those read after the kill)
        if "opening" in lines:
            self.to_opening = worker.said[lines.index("opening")]
            if "ready" in lines:  # (migrations only the first time: later opens are quicker)
                self.opening = worker.said[lines.index("ready")] - self.to_opening
        if "ready" in lines and len(lines) - lines.index("ready") > 3:
            self.step = _step(worker)


def _step(worker: ColdWorker) -> float:
    """The mean time between the worker's lines once it was ready (read before the kill)."""
    after = worker.said[worker.lines.index("ready"):]
    return (after[-1] - after[0]) / (len(after) - 1)


@pytest.fixture
def harness(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Harness]:
    seed = request.node.callspec.params.get("seed", 0)
    (tmp_path / "out").mkdir()
    h = Harness(tmp_path / "data", tmp_path / "out" / "证据材料.pdf", tmp_path / "scratch",
                random.Random(seed))
    started = time.perf_counter()
    yield h
    print(f"\n{h.kills} kills, {h.expected.saved_lines} changes reported saved, "
          f"{time.perf_counter() - started:.1f} s; killed: {sorted(h.moments.items())}")


# (seed, kills): the kills of all runs add up to more than 100
FORKED = [(101, 44), (202, 44)]
COLD = [(303, 14)]


@pytest.mark.parametrize(("seed", "kills"), FORKED)
def test_kills_during_imports_edits_and_exports(harness: Harness, seed: int,
                                                kills: int) -> None:
    server = ForkServer(harness)
    try:
        for run in range(kills):
            rng = harness.rng
            # some kills in the first milliseconds (opening, migrations on the first run),
            # the rest spread over the work
            delay = rng.uniform(0, 0.05) if rng.random() < 0.2 else rng.uniform(0.05, 1.3)
            lines = server.run_and_kill(seed * 1000 + run, harness.scratch.parent /
                                        f"run-{run}.log", delay)
            harness.after_kill(lines, delay)
    finally:
        server.close()
    assert harness.expected.saved_lines > kills  # the work got somewhere between kills
    assert harness.expected.evidence
    assert harness.expected.exported is not None or harness.export.exists() is False


@pytest.mark.parametrize(("seed", "kills"), COLD)
def test_kills_from_a_cold_start(harness: Harness, seed: int, kills: int) -> None:
    """Kills aimed at start-up (the interpreter, the imports, the lock), at the database's
    opening (migrations on the first run), and at the work (whose first writes import
    SQLAlchemy), each placed relative to what the worker has said."""
    pace = Pace.measure(harness)
    for run in range(kills):
        rng = harness.rng
        # the first run opens a fresh data dir: aim it at the migrations
        aim = "opening" if run == 0 else rng.choices(("start-up", "opening", "work"),
                                                     (3, 3, 8))[0]
        worker = ColdWorker(harness, seed * 1000 + run)
        if aim == "start-up":
            worker.go_on_for(rng.uniform(0, pace.to_opening))
        elif aim == "opening":
            worker.wait_for("opening")
            # in its first half: this opening may be quicker than the measuring run's (the
            # first cold start of all); once migrated, a data dir opens in milliseconds
            worker.go_on_for(rng.uniform(0, pace.opening / 2))
        else:
            worker.wait_for("ready")
            worker.wait_for_lines(rng.randrange(0, 12))
            worker.go_on_for(rng.uniform(0, pace.step))
        when = worker.elapsed()
        lines = worker.kill()
        pace.learn(worker)
        harness.after_kill(lines, when)
    assert harness.expected.saved_lines > 0


def test_the_worker_works_when_left_alone(tmp_path: Path) -> None:
    """The harness's worker itself: a few operations of each kind, all reported."""
    sys.path.insert(0, str(WORKER.parent))
    try:
        from crash_worker import Worker
    finally:
        sys.path.remove(str(WORKER.parent))
    worker = Worker(tmp_path / "data", tmp_path / "out.pdf", tmp_path / "scratch", seed=7)
    worker.open()
    try:
        worker.new_case()
        worker.add_event()
        worker.edit_event()
        worker.import_images()
        worker.import_other()
        worker.caption()
        worker.profile()
        worker.export_dossier()
        worker.delete_event()
    finally:
        worker.book.close()
        worker.lock.release()
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF-")


def test_a_kill_between_the_dossier_rename_and_its_report(tmp_path: Path, capsys:
                                                         pytest.CaptureFixture[str]) -> None:
    """The harness's own bookkeeping: a kill after the new dossier is renamed into place and
    before ``exported`` is said leaves the new file; the runs after that must hold it to the
    file that kill left, neither failing on it nor letting it change unreported."""
    sys.path.insert(0, str(WORKER.parent))
    try:
        from crash_worker import Worker
    finally:
        sys.path.remove(str(WORKER.parent))
    data, export = tmp_path / "data", tmp_path / "out" / "证据材料.pdf"
    export.parent.mkdir()
    worker = Worker(data, export, tmp_path / "scratch", seed=11)
    worker.open()
    try:
        worker.new_case()
        worker.export_dossier()
        first = capsys.readouterr().out.splitlines()
        for _ in range(3):
            worker.import_images()
        worker.export_dossier()  # a bigger dossier; its report is what the kill swallows
        second = capsys.readouterr().out.splitlines()
    finally:
        worker.book.close()
        worker.lock.release()
    assert second[-1].startswith("exported ")
    expected, hashes = Expected(), HashCache()
    expected.absorb(first)
    assert expected.exported is not None
    assert expected.exported != export.stat().st_size
    expected.absorb(second[:-1])  # killed during the export, after its rename
    assert check_after_crash(data, export, expected, hashes) == []
    expected.absorb(["ready"])  # the next run, killed before it did anything
    assert check_after_crash(data, export, expected, hashes) == []
    export.write_bytes(export.read_bytes() + b"\n%%EOF\n")  # changed with nothing reported
    expected.absorb(["ready"])
    assert any("bytes, reported" in p for p in check_after_crash(data, export, expected, hashes))
