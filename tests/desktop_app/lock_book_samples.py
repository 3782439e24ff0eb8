"""A plain book with something in every kind of file, to be locked: a case, events with
summaries, a profile with an ID number, screenshots as exhibits, a backup archive and an
automatic backup in ``backups/``, an old crash log naming the case; and what must never be
found in plain anywhere under a locked book's folder."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from locked_samples import forget_all
from screenshot_samples import draw

from desktop_app.cli.run import main
from desktop_app.crypto import conversion
from desktop_app.crypto.keys import ScryptParams
from desktop_app.store.paths import DataPaths

TITLE = "招商银行信用卡被盗刷七笔"
SUMMARIES = ("客服说三个工作日内回电话处理", "网点经理称系统升级所致的错误")
ID_NUMBER = "110101199003074512"
FAST = ScryptParams.fresh(n=2**10)


@dataclass
class SampleBook:
    folder: Path
    secrets: list[bytes] = field(default_factory=list)  # never in plain once locked
    exhibits: list[Path] = field(default_factory=list)  # the files as imported

    @property
    def paths(self) -> DataPaths:
        return DataPaths(self.folder)


def cli(folder: Path, *words: str) -> tuple[int, str, str]:
    """``casebook --data-dir FOLDER WORDS…`` in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(folder), *words])
    return code, out.getvalue(), err.getvalue()


def make_book(folder: Path, scratch: Path, *, screenshots: int = 2) -> SampleBook:
    """A plain book with one of everything (see the module's docstring)."""
    from desktop_app.backup.automatic import rolling_backup  # deferred: as the tests need it

    book = SampleBook(folder)
    scratch.mkdir(parents=True, exist_ok=True)
    ok = cli(folder, "case", "new", "--title", TITLE, "--institution", "招商银行")
    assert ok[0] == 0, ok
    for n, summary in enumerate(SUMMARIES):
        ok = cli(folder, "event", "add", "1", "--channel", "call", "--at",
                 f"2024-11-0{n + 1} 09:30", "--summary", summary)
        assert ok[0] == 0, ok
    ok = cli(folder, "profile", "set", "--name", "张三", "--id-number", ID_NUMBER)
    assert ok[0] == 0, ok
    for n in range(screenshots):
        shot = draw(scratch / f"截图{n}.png", [((60, 200), f"转账金额 5,00{n}.00 元", 48),
                                             ((60, 400), TITLE, 40)])
        book.exhibits.append(shot)
    note = scratch / "银行回复.txt"
    note.write_text(f"关于{TITLE}的回复：{SUMMARIES[0]}\n" * 40, encoding="utf-8")
    book.exhibits.append(note)
    ok = cli(folder, "evidence", "add", "1", *map(str, book.exhibits), "--no-ocr")
    assert ok[0] == 0, ok
    ok = cli(folder, "backup", "-o", str(folder / "backups" / "手动备份.zip"))
    assert ok[0] == 0, ok
    rolling_backup(book.paths, "test")
    log = book.paths.log
    log.parent.mkdir(mode=0o700, exist_ok=True)
    log.write_text(f"CRITICAL an unexpected error in: casebook case new --title {TITLE}\n",
                   encoding="utf-8")
    book.secrets = [TITLE.encode(), *(s.encode() for s in SUMMARIES), ID_NUMBER.encode(),
                    *(p.read_bytes()[:4096] for p in book.exhibits)]
    return book


def plain_finds(folder: Path, secrets: list[bytes]) -> list[str]:
    """Every file under ``folder`` holding one of ``secrets`` in plain, with what it holds."""
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            data = (Path(root) / name).read_bytes()
            found += [f"{Path(root, name).relative_to(folder)}: {secret[:30]!r}"
                      for secret in secrets if secret in data]
    return found


@contextlib.contextmanager
def fast_scrypt() -> Iterator[None]:
    """``casebook lock`` and ``unlock --change`` in this process key the book at a tiny scrypt
    cost (the real one takes half a second each time the passphrase is tried)."""
    lock, change = conversion.lock_book, conversion.change_passphrase
    conversion.lock_book = functools.partial(lock, params=FAST)  # type: ignore[assignment]
    conversion.change_passphrase = functools.partial(  # type: ignore[assignment]
        change, params=FAST)
    try:
        yield
    finally:
        conversion.lock_book, conversion.change_passphrase = lock, change  # type: ignore[assignment]


def reads_whole(folder: Path, exhibits: int = 3) -> None:
    """Everything the sample book holds reads as before (the passphrase, if it needs one, in
    the environment)."""
    code, out, err = cli(folder, "case", "show", "1", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["title"] == TITLE
    assert {e["summary"] for e in shown["events"]} >= set(SUMMARIES)
    assert len(shown["evidence"]) == exhibits
    code, out, err = cli(folder, "profile", "show", "--json")
    assert code == 0, err
    assert json.loads(out)["name"] == "张三"
    code, out, err = cli(folder, "verify")
    assert code == 0, out + err
    assert "all intact" in out
    forget_all()


def book_files(folder: Path) -> list[Path]:
    return sorted(Path(root, name) for root, _dirs, names in os.walk(folder) for name in names)
