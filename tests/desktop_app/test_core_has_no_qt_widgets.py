"""The core never imports Qt widgets, and the command line does not load Qt at all."""

from __future__ import annotations

import ast
import importlib.util
import json
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import desktop_app

FORBIDDEN = ("PySide6.QtWidgets", "PySide6.QtPrintSupport", "PySide6.QtPdfWidgets")
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
    """The forbidden modules that ``names`` are or are inside."""
    return {f for f in FORBIDDEN for n in names if n == f or n.startswith(f + ".")}


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import PySide6.QtWidgets", {"PySide6.QtWidgets"}),
        ("from PySide6 import QtCore, QtWidgets", {"PySide6.QtWidgets"}),
        ("from PySide6.QtWidgets import QApplication", {"PySide6.QtWidgets"}),
        ("from PySide6.QtPrintSupport import QPrinter", {"PySide6.QtPrintSupport"}),
        ("import importlib\nimportlib.import_module('PySide6.QtPdfWidgets')",
         {"PySide6.QtPdfWidgets"}),
        ("def f():\n    from PySide6 import QtWidgets", {"PySide6.QtWidgets"}),
        ("from PySide6.QtCore import QObject", set()),
        ("from PySide6 import QtGui", set()),
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
def test_no_core_module_imports_qt_widgets(name: str) -> None:
    spec = importlib.util.find_spec(name)
    assert spec is not None
    assert spec.origin is not None
    source = Path(spec.origin).read_text(encoding="utf-8")
    assert forbidden_in(imported_names(source)) == set()


def test_no_core_file_imports_qt_widgets() -> None:
    for path in core_files():
        assert forbidden_in(imported_names(path.read_text(encoding="utf-8"))) == set(), path


def run_python(code: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    loaded: list[str] = json.loads(proc.stdout.splitlines()[-1])
    return loaded


def test_importing_every_core_module_loads_no_qt_widgets() -> None:
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
