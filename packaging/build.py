"""Build the frozen Casebook: ``uv run --group packaging python packaging/build.py``.

Makes ``dist/Casebook/`` (``dist/Casebook.app`` on macOS) from ``packaging/casebook.spec``; on
Linux it adds the ``.desktop`` file and icon and packs ``dist/Casebook-VERSION-linux-ARCH.tar.gz``.
The Windows installer (Inno Setup) and the macOS disk image are made from the bundle by the
scripts in ``packaging/windows`` and ``packaging/macos`` (see ``packaging/README.md``).
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from desktop_app import __version__

    return __version__


def freeze() -> Path:
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                    "--distpath", str(DIST), "--workpath", str(ROOT / "build"),
                    str(PACKAGING / "casebook.spec")], check=True, cwd=ROOT)
    return DIST / "Casebook"


def linux_extras(bundle: Path) -> Path:
    """The .desktop file and icon inside the bundle, then the .tar.gz of it."""
    shutil.copy2(PACKAGING / "linux" / "casebook.desktop", bundle / "casebook.desktop")
    shutil.copy2(PACKAGING / "icons" / "casebook.png", bundle / "casebook.png")
    shutil.copy2(PACKAGING / "linux" / "install.sh", bundle / "install.sh")
    (bundle / "install.sh").chmod(0o755)
    archive = DIST / f"Casebook-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname="Casebook")
    return archive


def main() -> int:
    started = time.monotonic()
    try:
        bundle = freeze()
    except subprocess.CalledProcessError as exc:
        print(f"build: PyInstaller failed (exit {exc.returncode})", file=sys.stderr)
        return 1
    made = [bundle]
    if sys.platform.startswith("linux"):
        made.append(linux_extras(bundle))
    for path in made:
        print(f"build: made {path.relative_to(ROOT)}")
    print(f"build: {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
