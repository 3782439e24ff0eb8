"""Where Casebook keeps its files.

Everything takes an explicit data directory; the default comes from platformdirs and can be
overridden with ``--data-dir`` or the ``CASEBOOK_DATA_DIR`` environment variable.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path, PurePath, PureWindowsPath
from typing import NamedTuple
from urllib.parse import quote

from desktop_app import APP_ID, APP_NAME

ENV_DATA_DIR = "CASEBOOK_DATA_DIR"


def _resources_dir() -> Path:
    """The ``resources`` folder: beside the packages in a checkout or an installed wheel, and
    in the bundle's own folder (``sys._MEIPASS``) when frozen by PyInstaller (packaging/)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


RESOURCES_DIR = _resources_dir()


def default_data_dir() -> Path:
    """The per-user data directory of this OS (e.g. ``~/.local/share/casebook``)."""
    from platformdirs import user_data_dir  # deferred: ~27 ms; only without --data-dir

    return Path(user_data_dir(APP_ID if sys.platform.startswith("linux") else APP_NAME,
                              appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data dir to use: the explicit one, else the environment's, else the OS default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def sqlite_uri(path: PurePath | str, query: str = "") -> str:
    """The ``file:`` URI under which SQLite opens ``path`` (with ``?query`` if given).

    Not ``Path.as_uri()``: for a folder on a network share (``\\\\server\\share\\…``) that
    gives ``file://server/share/…``, and SQLite refuses any authority but ``localhost``. The
    share is written into the path instead, ``file:////server/share/…``; a drive's path is
    ``file:///C:/…``. Characters SQLite would read as the query or as escapes are quoted."""
    windows = isinstance(path, PureWindowsPath) or (
        sys.platform == "win32" and not isinstance(path, PurePath))
    text = PureWindowsPath(path).as_posix() if windows else os.fspath(path)
    if windows and not text.startswith("/"):
        text = "/" + text  # C:/… → /C:/…; //server/share/… stays
    uri = "file://" + quote(text, safe="/:")
    return f"{uri}?{query}" if query else uri


# A named tuple, not a dataclass: ``dataclasses`` imports ``inspect`` (~5 ms), which a CLI command
# that reads need not load.
class DataPaths(NamedTuple):
    """The files inside one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "casebook.sqlite3"

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def log(self) -> Path:
        """The log of errors Casebook did not expect (the window's crash log, the CLI's bugs):
        its folder is made with its first line."""
        return self.root / "logs" / "casebook.log"

    @property
    def key_file(self) -> Path:
        """A locked book's key file (its data key sealed by the passphrase): present only when
        the book has a passphrase (see ``desktop_app.crypto.keys``)."""
        return self.root / "casebook.key"

    @property
    def lock_journal(self) -> Path:
        """Present while the book is being locked or its passphrase removed: what a restart
        finishes (see ``desktop_app.crypto.conversion``)."""
        return self.root / "lock-journal.json"

    @property
    def write_lock(self) -> Path:
        """The file the one writing process locks (see ``desktop_app.store.lock``)."""
        return self.root / "casebook.lock"

    def ensure(self) -> bool:
        """Create the data dir if it does not exist yet, and on POSIX make it and what is in it
        owner-only, at every start (a folder made before Casebook first ran may be 0777).
        True when something that was there already was open to other users."""
        created = not self.root.exists()
        self.root.mkdir(parents=True, exist_ok=True)
        for folder in (self.evidence, self.backups):
            folder.mkdir(mode=0o700, exist_ok=True)
        if os.name != "posix":
            return False
        return self.tighten() and not created

    def tighten(self) -> bool:
        """Take group and other users' access from the data dir, the files and folders in it
        and the evidence store's folders (files inside owner-only folders are out of others'
        reach already); True when the folder, the database or the store was open to others.
        Links are left alone."""
        changed = False
        told = {self.root, self.database, self.evidence, self.backups}  # what exposed the book
        for path in self._owner_only():
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode) or not st.st_mode & 0o077:
                continue
            mode = 0o700 if stat.S_ISDIR(st.st_mode) else stat.S_IMODE(st.st_mode) & 0o700
            os.chmod(path, mode)
            # a store folder or lock file made with the umask inside an owner-only folder was
            # never open to anyone: tightened without a word
            changed = changed or path in told
        return changed

    def _owner_only(self) -> list[Path]:
        found = [self.root]
        for folder in (self.root, self.evidence, self.backups):
            with contextlib.suppress(OSError):
                found.extend(sorted(folder.iterdir()))
        return found
