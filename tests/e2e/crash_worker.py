"""A Casebook at work, to be killed (SIGKILL) at any moment by tests/e2e/test_crash_harness.py.

It opens a data dir as a real writer does (the write lock, then the database) and loops doing
real work through the services: cases, timeline entries with Chinese text, reference numbers
and promises, edits and deletions, evidence (generated images of a few hundred KB, text files,
an email with an attachment), captions, the profile, and dossier exports to one fixed path.

On the way up it says ``started`` (a cold interpreter has reached this file), ``opening`` (the
write lock is held; the database is opened and migrated next) and ``ready`` (the book is open):
the harness places its kills relative to these, not to a clock that a busy machine makes wrong.

Before each change it prints ``begin …`` and after the change is committed ``saved …`` (one
flushed line each), so the harness knows what must have survived a kill and what may or may not
have:

    begin case                      saved case ID TITLE
    begin event CASE                saved event ID SUMMARY
    begin edit event ID SUMMARY     saved event ID SUMMARY
    begin delete event ID           deleted event ID
    begin evidence CASE             saved evidence ID SHA256
    begin caption ID CAPTION        saved caption ID CAPTION
    begin profile NAME              saved profile NAME
    begin export PATH               exported PATH SIZE

Two ways to run it:

``crash_worker.py run DATA_DIR EXPORT SCRATCH SEED``
    one worker, from a cold interpreter (kills land in start-up and migrations too).
``crash_worker.py serve DATA_DIR EXPORT SCRATCH``
    a fork server: it imports everything once, then for each ``run SEED LOGFILE`` line on
    stdin forks a worker (in its own session, writing its lines to LOGFILE) and answers
    ``pid PID``; ``wait PID`` answers ``status CODE`` once that worker is gone. Starting a
    worker costs milliseconds instead of the 1.5 s of importing SQLAlchemy and ReportLab, so a
    hundred kills fit in a test run.

Not a test module (no ``test_`` prefix): pytest does not collect it.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

WORKER_EXIT_LOCKED = 3

SUMMARIES = ("客服说三个工作日内回电", "报告转账金额显示错误", "网点经理称系统升级所致",
             "再次致电，仍未处理", "要求书面答复", "短信通知已受理", "投诉至12378")
CAPTIONS = ("转账页面截图", "银行回复短信", "客服通话记录", "对账单第2页", "小程序错误提示")
NAMES = ("张三", "李四", "王小明", "陈女士")


def _say(line: str) -> None:
    sys.stdout.write(line.replace("\n", " ") + "\n")
    sys.stdout.flush()


def _noise_png(path: Path, rng: random.Random) -> Path:
    """A PNG of random pixels: a few hundred KB that no compressor can shrink."""
    from PIL import Image

    side = rng.choice((300, 340, 380))
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(
        path, "PNG", compress_level=1)
    return path


def _email(path: Path, rng: random.Random) -> Path:
    from email.message import EmailMessage
    from email.utils import format_datetime

    msg = EmailMessage()
    msg["From"] = "中国建设银行 <service@ccb.example>"
    msg["To"] = "张三 <me@example.org>"
    msg["Subject"] = f"关于您的投诉 {rng.randrange(10**6)} 的答复"
    msg["Date"] = format_datetime(datetime.now(UTC))
    msg.set_content("尊敬的客户：您的投诉已受理，我行将在十五日内答复。")
    png = _noise_png(path.with_suffix(".png"), rng)
    msg.add_attachment(png.read_bytes(), maintype="image", subtype="png",
                       filename="回执.png")
    path.write_bytes(msg.as_bytes())
    png.unlink()
    return path


class Worker:
    def __init__(self, data_dir: Path, export: Path, scratch: Path, seed: int) -> None:
        self.data_dir, self.export, self.scratch = data_dir, export, scratch
        self.rng = random.Random(seed)
        self.seed = seed
        self.counter = 0

    def open(self) -> None:
        from desktop_app.services.book import Casebook
        from desktop_app.store.lock import WriteLock, remove_leftovers

        self.lock = WriteLock(self.data_dir)
        if not self.lock.acquire():
            _say("locked")
            sys.exit(WORKER_EXIT_LOCKED)
        remove_leftovers(self.lock.paths)
        _say("opening")
        self.book = Casebook.open(self.data_dir)
        self.scratch.mkdir(parents=True, exist_ok=True)
        _say("ready")

    def loop(self, steps: int | None = None) -> None:
        ops = (self.new_case, self.add_event, self.edit_event, self.delete_event,
               self.import_images, self.import_other, self.caption, self.export_dossier,
               self.profile)
        weights = (1, 6, 3, 1, 3, 1, 2, 1, 1)
        done = 0
        while steps is None or done < steps:
            self.counter += 1
            if not self.book.cases.list_cases():
                self.new_case()
            else:
                self.rng.choices(ops, weights)[0]()
            done += 1

    # ---- picking targets (from the database, so the worker goes on where the last stopped) --

    def _case(self) -> int:
        cases = self.book.cases.list_cases()
        return self.rng.choice(cases[-3:]).id

    def _event(self) -> int | None:
        events = self.book.timeline.list_events(self._case())
        return self.rng.choice(events).id if events else None

    # ---- the work --------------------------------------------------------------------------

    def new_case(self) -> None:
        from desktop_app.records import CaseFields

        title = f"建行小程序转账失败 第{self.seed}-{self.counter}号"
        _say("begin case")
        record = self.book.cases.create_case(CaseFields(
            title=title, institution_name="中国建设银行", product="建行微信小程序",
            description="转账5000元，页面显示50000元。", desired_outcome="更正并书面说明"))
        _say(f"saved case {record.id} {title}")

    def _fields(self) -> object:
        from desktop_app.records import EventFields, PromiseData, ReferenceData

        rng = self.rng
        summary = f"{rng.choice(SUMMARIES)}（{self.seed}-{self.counter}）"
        at = datetime.now(UTC) - timedelta(minutes=rng.randrange(60 * 24 * 30))
        refs = (ReferenceData(value=f"CCB{self.seed}-{self.counter}", label="投诉号"),) \
            if rng.random() < 0.5 else ()
        promises = (PromiseData(text="三个工作日内回电", due_at=at + timedelta(days=3)),) \
            if rng.random() < 0.4 else ()
        return EventFields(at=at, channel=rng.choice(("call", "visit", "app", "sms", "note")),
                           counterpart="王女士 工号1234", contact="95533", summary=summary,
                           details="客户经理表示会尽快处理。" * rng.randrange(1, 20),
                           references=refs, promises=promises)

    def add_event(self) -> None:
        case_id = self._case()
        fields = self._fields()
        _say(f"begin event {case_id}")
        record = self.book.timeline.add_event(case_id, fields)  # type: ignore[arg-type]
        _say(f"saved event {record.id} {record.fields.summary}")

    def edit_event(self) -> None:
        import dataclasses

        event_id = self._event()
        if event_id is None:
            return self.add_event()
        current = self.book.timeline.get_event(event_id).fields
        summary = f"改：{self.rng.choice(SUMMARIES)}（{self.seed}-{self.counter}）"
        _say(f"begin edit event {event_id} {summary}")
        record = self.book.timeline.update_event(event_id, dataclasses.replace(current,
                                                                               summary=summary))
        _say(f"saved event {record.id} {record.fields.summary}")
        return None

    def delete_event(self) -> None:
        event_id = self._event()
        if event_id is None:
            return None
        _say(f"begin delete event {event_id}")
        self.book.timeline.delete_event(event_id)
        _say(f"deleted event {event_id}")
        return None

    def _report(self, outcomes: list) -> None:  # type: ignore[type-arg]
        for outcome in outcomes:
            if outcome.record is not None:
                for record in (outcome.record, *outcome.attachments):
                    _say(f"saved evidence {record.id} {record.sha256}")

    def import_images(self) -> None:
        case_id = self._case()
        folder = self.scratch / f"drop-{self.seed}-{self.counter}"
        folder.mkdir(parents=True, exist_ok=True)
        files = [_noise_png(folder / f"截图{i}.png", self.rng)
                 for i in range(self.rng.choice((1, 2, 4, 5)))]
        event_id = self._event() if self.rng.random() < 0.5 else None
        if event_id is not None and self.book.timeline.get_event(event_id).case_id != case_id:
            event_id = None
        _say(f"begin evidence {case_id}")
        outcomes = self.book.imports.import_paths(case_id, files, event_id=event_id,
                                          proves="显示金额错误")
        self._report(outcomes)

    def import_other(self) -> None:
        case_id = self._case()
        name = f"other-{self.seed}-{self.counter}"
        if self.rng.random() < 0.5:
            path = self.scratch / f"{name}-说明.txt"
            path.write_text(f"通话记录 {name}\n" + "客服工号1234答复稍后回电。\n" * 200,
                            encoding="utf-8")
        else:
            path = _email(self.scratch / f"{name}-回复.eml", self.rng)
        _say(f"begin evidence {case_id}")
        self._report([self.book.imports.import_file(case_id, path)])

    def caption(self) -> None:
        evidence = self.book.evidence.list_evidence(self._case())
        if not evidence:
            return self.import_images()
        record = self.rng.choice(evidence)
        caption = f"{self.rng.choice(CAPTIONS)} {self.seed}-{self.counter}"
        _say(f"begin caption {record.id} {caption}")
        saved = self.book.evidence.update_evidence(record.id, caption=caption)
        _say(f"saved caption {saved.id} {saved.caption}")
        return None

    def export_dossier(self) -> None:
        from desktop_app.dossier import build_dossier

        case_id = self._case()
        exhibits = [r.id for r in self.book.evidence.list_evidence(case_id)][-4:]
        _say(f"begin export {self.export}")
        result = build_dossier(self.book, case_id, self.export, lang=self.rng.choice(("zh", "en")),
                               exhibits=exhibits)
        _say(f"exported {result.path} {result.size}")

    def profile(self) -> None:
        from desktop_app.services.profile import update_profile

        name = f"{self.rng.choice(NAMES)}{self.counter}"
        _say(f"begin profile {name}")
        update_profile(self.data_dir, name=name, phone="13800000000")
        _say(f"saved profile {name}")


def _run(data_dir: Path, export: Path, scratch: Path, seed: int) -> None:
    worker = Worker(data_dir, export, scratch, seed)
    worker.open()
    worker.loop()


def _serve(data_dir: Path, export: Path, scratch: Path) -> None:
    # everything a worker needs, imported once
    import PIL.Image
    import PIL.PngImagePlugin  # noqa: F401

    import desktop_app.dossier.build
    import desktop_app.services.book
    import desktop_app.services.profile
    import desktop_app.store.audit_log
    import desktop_app.store.engine
    import desktop_app.store.lock
    import desktop_app.store.writes  # noqa: F401

    _say("serving")
    for line in sys.stdin:
        command, *rest = line.split()
        if command == "run":
            seed, log = int(rest[0]), rest[1]
            pid = os.fork()
            if pid == 0:  # the worker
                code = 0
                try:
                    os.setsid()  # its own process group: the kill takes its helpers too
                    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
                    os.dup2(fd, 1)
                    os.close(fd)
                    devnull = os.open(os.devnull, os.O_RDONLY)
                    os.dup2(devnull, 0)
                    _run(data_dir, export, scratch, seed)
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
                except BaseException:
                    import traceback

                    traceback.print_exc()
                    code = 1
                finally:
                    sys.stdout.flush()
                    os._exit(code)
            _say(f"pid {pid}")
        elif command == "wait":
            _pid, status = os.waitpid(int(rest[0]), 0)
            _say(f"status {os.waitstatus_to_exitcode(status)}")
        elif command == "quit":
            return


def main(argv: list[str]) -> int:
    mode, data_dir, export, scratch = argv[0], Path(argv[1]), Path(argv[2]), Path(argv[3])
    if mode == "serve":
        _serve(data_dir, export, scratch)
    else:
        _say("started")
        _run(data_dir, export, scratch, int(argv[4]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
