"""The core never imports Qt (no PySide6 module at all, nor its shiboken), and the command
line does not load Qt: neither through the core nor through the installed ``casebook`` scripts."""

from __future__ import annotations

import ast
import importlib.metadata
import importlib.util
import json
import os
import pkgutil
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import desktop_app

FORBIDDEN = ("PySide6", "shiboken6")  # any of their modules
# Modules that act when imported: ``__main__`` runs the CLI; Alembic's env.py runs only inside
# a migration (it refuses a plain import). Their source is still checked.
NOT_IMPORTABLE = {"desktop_app.__main__", "desktop_app.store.migrations.env"}


def core_modules() -> list[str]:
    names = ["desktop_app"]
    names += [m.name for m in pkgutil.walk_packages(desktop_app.__path__, "desktop_app.")]
    return sorted(names)


def core_files() -> list[Path]:
    """Every Python file of the package, whether or not pkgutil sees it as a module."""
    root = Path(desktop_app.__file__).parent
    return sorted(root.rglob("*.py"))


def imported_names(source: str) -> set[str]:
    """Modules a source imports, statically or via importlib/__import__ with a literal."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in ("import_module", "__import__"):
                    names.add(first.value)
    return names


def forbidden_in(names: set[str]) -> set[str]:
    """The forbidden packages that ``names`` are or are inside."""
    return {f for f in FORBIDDEN for n in names if n == f or n.startswith(f + ".")}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import PySide6.QtWidgets", {"PySide6"}),
        ("from PySide6 import QtCore, QtWidgets", {"PySide6"}),
        ("from PySide6.QtWidgets import QApplication", {"PySide6"}),
        ("from PySide6.QtPrintSupport import QPrinter", {"PySide6"}),
        ("import importlib\nimportlib.import_module('PySide6.QtPdfWidgets')", {"PySide6"}),
        ("def f():\n    from PySide6 import QtWidgets", {"PySide6"}),
        ("from PySide6.QtCore import QObject", {"PySide6"}),
        ("from PySide6 import QtGui", {"PySide6"}),
        ("import PySide6", {"PySide6"}),
        ("__import__('PySide6.QtNetwork')", {"PySide6"}),
        ("import shiboken6", {"shiboken6"}),
        ("from shiboken6 import Shiboken", {"shiboken6"}),
        ("import PySide6x, shiboken60, desktop_app.ui_text", set()),
        ("from desktop_app import errors", set()),
    ],
)
def test_the_check_sees_widget_imports(source: str, found: set[str]) -> None:
    assert forbidden_in(imported_names(source)) == found


def test_walking_the_package_finds_the_core() -> None:
    modules = set(core_modules())
    assert {"desktop_app.cli", "desktop_app.services", "desktop_app.store.engine",
            "desktop_app.store.migrations.versions.0001_initial"} <= modules
    assert len(core_files()) >= len(modules)


@pytest.mark.parametrize("name", core_modules())
def test_no_core_module_imports_qt(name: str) -> None:
    spec = importlib.util.find_spec(name)
    assert spec is not None
    assert spec.origin is not None
    source = Path(spec.origin).read_text(encoding="utf-8")
    assert forbidden_in(imported_names(source)) == set()


def test_no_core_file_imports_qt() -> None:
    for path in core_files():
        assert forbidden_in(imported_names(path.read_text(encoding="utf-8"))) == set(), path


def run_python(code: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    loaded: list[str] = json.loads(proc.stdout.splitlines()[-1])
    return loaded


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [m for m in core_modules() if m not in NOT_IMPORTABLE]
    loaded = run_python(f"""
        import importlib, json, sys
        for name in {modules!r}:
            importlib.import_module(name)
        print(json.dumps(sorted(sys.modules)))
    """)
    assert set(modules) <= set(loaded)
    assert forbidden_in(set(loaded)) == set()


def test_the_cli_does_not_load_pyside6(tmp_path: Path) -> None:
    loaded = run_python(f"""
        import json, sys
        import desktop_app.cli
        code = desktop_app.cli.main(["--data-dir", {str(tmp_path / "data")!r}, "case", "list"])
        assert code == 0
        print(json.dumps(sorted(sys.modules)))
    """)
    assert "desktop_app.cli" in loaded
    assert "desktop_app.services" in loaded
    assert [m for m in loaded if m == "PySide6" or m.startswith("PySide6.")] == []


def _script_entry_points() -> list[tuple[str, str]]:
    """The project's installed scripts: (name, "module:function"), console and GUI."""
    found = [(ep.name, ep.value) for ep in importlib.metadata.distribution("casebook").entry_points
             if ep.group in ("console_scripts", "gui_scripts")]
    return sorted(found)


def test_both_script_names_are_installed() -> None:
    assert [name for name, _value in _script_entry_points()] == ["casebook", "casebook-cli"]


@pytest.mark.parametrize("script", ["casebook", "casebook-cli"])
def test_an_installed_script_runs_a_command_without_loading_qt(script: str,
                                                               tmp_path: Path) -> None:
    """``casebook case list`` run as a person runs it: the installed script, a fresh process.
    Python's own import log (``-X importtime``, through its environment variable) lists every
    module the process loads."""
    path = shutil.which(script, path=str(Path(sys.executable).parent))
    assert path, f"the {script!r} script is not installed beside {sys.executable}: uv sync"
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run([path, "--data-dir", str(tmp_path / "data"), "case", "list"],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120, check=False)
    loaded = {line.split("|")[-1].strip() for line in proc.stderr.splitlines()
              if line.startswith("import time:")}
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert {"ui.launcher", "desktop_app.cli.run", "desktop_app.services"} <= loaded
    assert forbidden_in(loaded) == set()
    assert not [m for m in loaded if "pyside" in m.lower() or "shiboken" in m.lower()]
