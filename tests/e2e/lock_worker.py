"""``casebook lock`` or ``casebook lock --remove`` on a data dir, saying where it is, to be killed
(SIGKILL) there by tests/e2e/test_lock_kills.py.

    lock_worker.py DATA_DIR lock|remove STOP_AT

The command runs as the CLI runs it (``desktop_app.cli.run.main``; the passphrase in
``CASEBOOK_PASSPHRASE``), at a tiny scrypt cost. On its way the conversion says, one flushed line
each: ``keyfile`` (the journal is written; the key file next), ``database NAME`` (a database is
about to be converted), ``step DONE TOTAL`` (a file is converted), ``remove NAME`` (the key file
or the journal is about to be removed), and ``finished CODE`` at the end. When a line equals
``STOP_AT`` or begins with it and a space (``step 2``; ``step last`` is the last step) the
worker says ``stopped`` and waits on stdin, for the harness to kill it there; ``-`` stops
nowhere (the harness kills it on the run).

Not a test module (no ``test_`` prefix): pytest does not collect it.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.run import main
from desktop_app.crypto import conversion
from desktop_app.crypto.keys import ScryptParams

FAST = ScryptParams.fresh(n=2**10)


def _say(line: str, stop_at: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    if line == stop_at or line.startswith(stop_at + " "):
        sys.stdout.write("stopped\n")
        sys.stdout.flush()
        sys.stdin.read()  # until the harness kills us


def _announcing(real: Any, what: str, stop_at: str) -> Any:
    @functools.wraps(real)
    def announced(path: Path, *args: Any, **kwargs: Any) -> Any:
        _say(f"{what} {Path(path).name}".rstrip(), stop_at)
        return real(path, *args, **kwargs)
    return announced


def run(data_dir: str, action: str, stop_at: str) -> int:
    def step(done: int, total: int) -> None:
        line = f"step {done} {total}"
        _say(line, line if stop_at == "step last" and done == total else stop_at)

    lock, remove = conversion.lock_book, conversion.remove_lock
    conversion.lock_book = lambda paths, passphrase, progress=None, **kw: lock(  # type: ignore
        paths, passphrase, step, params=FAST)
    conversion.remove_lock = lambda paths, passphrase, progress=None: remove(  # type: ignore
        paths, passphrase, step)
    create = conversion.keys.create_key_file

    def create_key_file(folder: Path, *args: Any, **kwargs: Any) -> bytes:
        _say("keyfile", stop_at)
        return create(folder, *args, **kwargs)

    conversion.keys.create_key_file = create_key_file  # type: ignore[assignment]
    for name in ("encrypt_database", "decrypt_database"):
        setattr(conversion, name, _announcing(getattr(conversion, name), "database", stop_at))
    conversion._remove = _announcing(conversion._remove, "remove", stop_at)  # type: ignore
    words = ["--data-dir", data_dir, "lock"] + (["--remove"] if action == "remove" else [])
    code = main(words)
    _say(f"finished {code}", stop_at)
    return code


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], sys.argv[3]))
