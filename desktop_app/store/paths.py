"""Where Casebook keeps its files.

Everything takes an explicit data directory; the default comes from platformdirs and can be
overridden with ``--data-dir`` or the ``CASEBOOK_DATA_DIR`` environment variable.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop_app import APP_ID, APP_NAME

ENV_DATA_DIR = "CASEBOOK_DATA_DIR"
RESOURCES_DIR = Path(__file__).resolve().parents[2] / "resources"


def default_data_dir() -> Path:
    """The per-user data directory of this OS (e.g. ``~/.local/share/casebook``)."""
    from platformdirs import user_data_dir

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


@dataclass(frozen=True)
class DataPaths:
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
    def write_lock(self) -> Path:
        """The file the one writing process locks (see ``desktop_app.store.lock``)."""
        return self.root / "casebook.lock"

    def ensure(self) -> None:
        """Create the data dir (owner-only on POSIX) if it does not exist yet."""
        created = not self.root.exists()
        self.root.mkdir(parents=True, exist_ok=True)
        if created and os.name == "posix":
            os.chmod(self.root, 0o700)
