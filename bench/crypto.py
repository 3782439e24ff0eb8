"""A locked book's costs (desktop_app.crypto), each against an anchor measured in the same run:

- unlocking: scrypt at the stored defaults (N = 2^18, r = 8, p = 1: 256 MiB), against SHA-256
  over 256 MiB (the same memory, hashed once). Target: 0.3–1 s for the KDF itself;
- sealing a file (64 KiB chunks, AES-256-GCM; temp, fsync, rename), against copying it plain
  the same way. Target: ratio <= 3. Opening it (every chunk checked and hashed, as verify
  will), against hashing the plain file. Target: ratio <= 3;
- converting a database to SQLCipher and reading every row, against the same on the plain file.

Median of N runs; the two of each pair alternate, so a busy moment falls on both.

    uv run python bench/crypto.py [--runs 5] [--mib 64]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.crypto import database, stream  # noqa: E402 (after the path is set)
from desktop_app.crypto.keys import ScryptParams  # noqa: E402 (after the path is set)
from desktop_app.store.files import atomic_writer  # noqa: E402 (after the path is set)

KEY = bytes(range(32))


def timed(func: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0


def pair(runs: int, work: Callable[[], object],
         anchor: Callable[[], object]) -> tuple[float, float]:
    works, anchors = [], []
    for _ in range(runs):
        works.append(timed(work))
        anchors.append(timed(anchor))
    return statistics.median(works), statistics.median(anchors)


def report(name: str, work: float, anchor: float, unit: str = "s") -> None:
    print(f"{name:<34} {work:8.3f} {unit}  anchor {anchor:8.3f} {unit}  ratio {work / anchor:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mib", type=int, default=64)
    args = parser.parse_args()

    params = ScryptParams.fresh()
    block = os.urandom(128 * params.r * params.n)  # as much memory as scrypt fills
    kdf, sha = pair(args.runs, lambda: params.derive("我的案卷密码"),
                    lambda: hashlib.sha256(block).digest())
    report(f"scrypt N=2^{params.n.bit_length() - 1} r={params.r} p={params.p}", kdf, sha)

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        plain, sealed, copy = root / "video.mp4", root / "video.sealed", root / "copy.mp4"
        chunk = os.urandom(1024 * 1024)
        with open(plain, "wb") as fh:
            for _ in range(args.mib):
                fh.write(chunk)
        seal, cp = pair(args.runs, lambda: stream.encrypt_file(plain, sealed, KEY),
                        lambda: _atomic_copy(plain, copy))
        report(f"seal {args.mib} MiB (file to file)", seal, cp)
        opened, cp = pair(args.runs, lambda: stream.decrypt_to(sealed, _Discard(), KEY),
                          lambda: _hash_file(copy))
        report(f"open {args.mib} MiB (every chunk)", opened, cp)
        print(f"{'':<34} seal {args.mib / seal:6.0f} MiB/s, open {args.mib / opened:6.0f} MiB/s")

        db, locked = root / "casebook.sqlite3", root / "locked.sqlite3"
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE event (id INTEGER PRIMARY KEY, summary TEXT)")
        con.executemany("INSERT INTO event (summary) VALUES (?)",
                        [(f"第 {n} 次联系：客服说三个工作日内回复" * 3,) for n in range(100_000)])
        con.commit()
        con.close()
        megabytes = db.stat().st_size / 2**20
        convert, backup = pair(args.runs, lambda: database.encrypt_database(db, locked, KEY),
                               lambda: _plain_copy(db, root / "copy.sqlite3"))
        report(f"to SQLCipher ({megabytes:.0f} MiB)", convert, backup)
        read, plain_read = pair(args.runs, lambda: _read_all(database.connect(locked, KEY)),
                                lambda: _read_all(sqlite3.connect(db)))
        report("read every row (100k)", read, plain_read)


class _Discard(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        return len(data)


def _hash_file(path: Path) -> str:
    """What verify does with a plain evidence file: read it and hash it."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while piece := fh.read(64 * 1024):
            digest.update(piece)
    return digest.hexdigest()


def _atomic_copy(src: Path, dst: Path) -> None:
    """What the plain evidence store does with a file: temp, fsync, rename."""
    with open(src, "rb") as source, atomic_writer(dst) as target:
        shutil.copyfileobj(source, target)


def _plain_copy(src: Path, dst: Path) -> None:
    dst.unlink(missing_ok=True)
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    source.backup(target)
    source.close()
    target.close()


def _read_all(con: sqlite3.Connection) -> int:
    try:
        return sum(len(row[0]) for row in con.execute("SELECT summary FROM event"))
    finally:
        con.close()


if __name__ == "__main__":
    main()
