"""A locked book for tests: a key file sealed at a tiny scrypt cost (the real one takes half a
second), and the process's memory of its key dropped after each test."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from desktop_app.crypto.keys import ScryptParams, create_key_file
from desktop_app.crypto.stream import encrypt_file
from desktop_app.store import vault

PASSPHRASE = "我的密码 correct horse"
FAST = ScryptParams.fresh(n=2**10)


def make_locked(folder: Path, passphrase: str = PASSPHRASE) -> bytes:
    """A new, empty data folder with a passphrase: its key file; the key is not remembered."""
    folder.mkdir(parents=True, exist_ok=True)
    return create_key_file(folder, passphrase, params=FAST)


def forget_all() -> None:
    for folder in list(vault._keys):
        vault.forget(Path(folder))


def seal_store(folder: Path, key: bytes) -> list[Path]:
    """Every file of the data folder's evidence store (originals, thumbnails, print and
    redacted copies) sealed in place with ``key``, its mode kept (originals are read-only);
    the sealed files."""
    sealed = []
    for root, _dirs, names in os.walk(folder / "evidence"):
        for name in names:
            path = Path(root) / name
            sealed.append(path)
            if vault.is_sealed(path):  # the store seals what it writes in a locked book
                continue
            mode = stat.S_IMODE(path.stat().st_mode)
            path.chmod(mode | stat.S_IWUSR)
            encrypt_file(path, path, key)
            path.chmod(mode)
    return sealed


def locked_cli(folder: Path, *args: str, passphrase: str | None = PASSPHRASE
               ) -> subprocess.CompletedProcess[str]:
    """``casebook --data-dir FOLDER ARGS`` as its own process, the passphrase in
    ``CASEBOOK_PASSPHRASE`` (none: not set), no terminal to be asked on."""
    env = {k: v for k, v in os.environ.items() if k != "CASEBOOK_PASSPHRASE"}
    if passphrase is not None:
        env["CASEBOOK_PASSPHRASE"] = passphrase
    return subprocess.run([sys.executable, "-m", "desktop_app", "--data-dir", str(folder),
                           *args], capture_output=True, text=True, timeout=120, check=False,
                          env=env, stdin=subprocess.DEVNULL)
