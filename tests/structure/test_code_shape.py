"""The shape of the code, read from the source (nothing is imported): the core without Qt, no
import cycle, few modules at the top of the core, no class over 30 methods, and every import
inside a function explained.

Where the code does not hold yet, a named allowlist says so. Each list may only shrink: a second
test fails as soon as an entry is no longer needed, so whoever fixes one removes it with the fix.
Entries name modules, classes and imported modules, never line numbers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from imports import (
    ROOT,
    cycles,
    edges_on_cycles,
    imports_of,
    module_name,
    our_graph,
    sources,
    unexplained_deferred,
)

QT = ("PySide6", "shiboken6")
MAX_TOP_LEVEL_MODULES = 8
MAX_METHODS = 30

# Imports that close a cycle, as (importer, imported): removing these leaves no cycle.
KNOWN_CYCLES: set[tuple[str, str]] = set()

# Classes over MAX_METHODS methods, with the count today (a split brings the count down).
CLASSES_OVER_30: dict[str, int] = {}

# Imports inside a function without a ``# deferred:`` comment, as (module, imported module).
UNEXPLAINED_DEFERRED: set[tuple[str, str]] = set()


# ---- the core without Qt ---------------------------------------------------------------------


def _dynamic_imports(path_text: str) -> Iterator[str]:
    """Module names given as string constants to ``importlib.import_module``/``__import__``."""
    for node in ast.walk(ast.parse(path_text)):
        if (isinstance(node, ast.Call) and node.args
                and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
                and ((isinstance(node.func, ast.Attribute) and node.func.attr == "import_module")
                     or (isinstance(node.func, ast.Name) and node.func.id == "__import__"))):
            yield node.args[0].value


def test_the_core_imports_no_qt() -> None:
    found = []
    for path in sources(("desktop_app",)):
        found += [f"{imp.importer}:{imp.line} imports {imp.imported}" for imp in imports_of(path)
                  if imp.imported.split(".")[0] in QT]
        found += [f"{module_name(path)} imports {name} dynamically"
                  for name in _dynamic_imports(path.read_text(encoding="utf-8"))
                  if name.split(".")[0] in QT]
    assert found == []


def test_the_qt_check_sees_every_kind_of_import(tmp_path: Path) -> None:
    """The reader behind the test above finds Qt wherever an import of it hides."""
    sample = tmp_path / "probe.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "import importlib\n"
        "if TYPE_CHECKING:\n    from PySide6.QtCore import QObject\n"
        "def f():\n    import shiboken6\n    return importlib.import_module('PySide6.QtGui')\n",
        encoding="utf-8")
    found = {imp.imported for imp in imports_of(sample, "desktop_app.probe")}
    assert {"PySide6.QtCore", "shiboken6"} <= found
    assert set(_dynamic_imports(sample.read_text(encoding="utf-8"))) == {"PySide6.QtGui"}


# ---- no import cycle -------------------------------------------------------------------------


def test_no_import_cycle_beyond_the_known_ones() -> None:
    graph = our_graph()
    without_known = {module: edges - {b for a, b in KNOWN_CYCLES if a == module}
                     for module, edges in graph.items()}
    assert cycles(without_known) == []


def test_every_known_cycle_is_still_there() -> None:
    gone = KNOWN_CYCLES - edges_on_cycles(our_graph())
    assert gone == set(), f"no longer a cycle: remove {sorted(gone)} from KNOWN_CYCLES"


# ---- few modules at the top of the core ------------------------------------------------------


def test_at_most_eight_modules_at_the_top_of_the_core() -> None:
    top = sorted(p.name for p in (ROOT / "desktop_app").glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


# ---- no class over 30 methods ----------------------------------------------------------------


def _method_counts() -> dict[str, int]:
    """Every class in our packages (dotted, nested classes too) → methods in its body."""
    counts: dict[str, int] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                name = f"{prefix}.{child.name}"
                counts[name] = sum(isinstance(c, ast.FunctionDef | ast.AsyncFunctionDef)
                                   for c in child.body)
                visit(child, name)
            elif not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                visit(child, prefix)

    for path in sources():
        visit(ast.parse(path.read_text(encoding="utf-8")), module_name(path))
    return counts


def test_no_class_over_30_methods_beyond_the_known_ones() -> None:
    over = {name: n for name, n in _method_counts().items() if n > MAX_METHODS}
    grown = {name: n for name, n in over.items() if n > CLASSES_OVER_30.get(name, MAX_METHODS)}
    assert grown == {}, "over 30 methods (or more than CLASSES_OVER_30 allows)"


def test_every_known_big_class_is_still_big() -> None:
    counts = _method_counts()
    shrunk = {name: counts.get(name) for name, allowed in CLASSES_OVER_30.items()
              if counts.get(name, 0) < allowed}
    assert shrunk == {}, ("lower or remove these in CLASSES_OVER_30 (None: gone; at most "
                          f"{MAX_METHODS}: remove)")


# ---- every deferred import explained ---------------------------------------------------------


def test_every_import_inside_a_function_says_why() -> None:
    new = unexplained_deferred() - UNEXPLAINED_DEFERRED
    assert new == set(), ("an import inside a function needs '# deferred: <what it saves>' on "
                          "its line, or a place at the top of the module")


def test_every_known_unexplained_import_is_still_there() -> None:
    gone = UNEXPLAINED_DEFERRED - unexplained_deferred()
    assert gone == set(), f"fixed: remove {sorted(gone)} from UNEXPLAINED_DEFERRED"


# ---- controllers use the window's narrow face ------------------------------------------------

WINDOW_NAMES = {"window", "win", "w", "main_window", "shell"}


def _private_window_uses(text: str) -> Iterator[tuple[int, str]]:
    """(line, attribute) of each ``window._x`` / ``self.window._x`` / ``shell._x`` reached."""
    for node in ast.walk(ast.parse(text)):
        if not (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            continue
        owner = node.value
        name = (owner.id if isinstance(owner, ast.Name)
                else owner.attr if isinstance(owner, ast.Attribute) else None)
        if name in WINDOW_NAMES:
            yield node.lineno, node.attr


def test_no_controller_reaches_into_the_window() -> None:
    """Outside ``ui/main_window.py``, the window is reached only through its public face
    (``ui.shell.Shell``): no ``window._anything``."""
    found = [f"{module_name(path)}:{line} uses {attr}"
             for path in sources(("ui",)) if path.name != "main_window.py"
             for line, attr in _private_window_uses(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_window_check_sees_private_uses() -> None:
    sample = ("def f(window, self):\n    window._report('x')\n    self.window._open_dialog()\n"
              "    self.shell._x\n    window.report('fine')\n    self._own = 1\n")
    assert sorted(_private_window_uses(sample)) == [
        (2, "_report"), (3, "_open_dialog"), (4, "_x")]
