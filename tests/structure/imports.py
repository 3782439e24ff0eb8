"""The import graph of our own packages, read from the source (nothing is imported)."""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("desktop_app", "ui")


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name
    imported: str  # dotted module name (ours) or a third-party name
    line: int
    in_function: bool
    type_only: bool  # under ``if TYPE_CHECKING:``
    comment: str  # the source line's comment, if any


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def sources(packages: tuple[str, ...] = PACKAGES) -> Iterator[Path]:
    for package in packages:
        yield from sorted((ROOT / package).rglob("*.py"))


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(path: Path, name: str | None = None) -> list[Import]:
    """The imports in the file at ``path`` (module ``name``: by default, from the path)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    me = name or module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: list[Import] = []

    def comment(node: ast.stmt) -> str:
        for number in range(node.lineno, (node.end_lineno or node.lineno) + 1):
            line = lines[number - 1]
            if "#" in line:
                return line[line.index("#") + 1:].strip()
        return ""

    def visit(node: ast.AST, in_function: bool, type_only: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, True, type_only)
            elif isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.body:
                    visit_stmt(sub, in_function, True)
                for sub in child.orelse:
                    visit_stmt(sub, in_function, type_only)
            else:
                visit_stmt(child, in_function, type_only)

    def visit_stmt(child: ast.AST, in_function: bool, type_only: bool) -> None:
        if isinstance(child, ast.Import):
            for alias in child.names:
                found.append(Import(me, alias.name, child.lineno, in_function, type_only,
                                    comment(child)))
        elif isinstance(child, ast.ImportFrom):
            if child.level:
                base = package.split(".")
                if child.level > 1:
                    base = base[: -(child.level - 1)]
                target = ".".join([*base, child.module] if child.module else base)
            else:
                target = child.module or ""
            for alias in child.names:
                # ``from pkg import module`` imports the module; ``from mod import name`` the mod
                candidate = f"{target}.{alias.name}"
                name = candidate if _is_module(candidate) else target
                found.append(Import(me, name, child.lineno, in_function, type_only,
                                    comment(child)))
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            visit(child, True, type_only)
        else:
            visit(child, in_function, type_only)

    visit(tree, False, False)
    return found


def _is_module(dotted: str) -> bool:
    base = ROOT / dotted.replace(".", "/")
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def our_graph(include_type_only: bool = False) -> dict[str, set[str]]:
    """Module → our modules it imports (at run time, wherever the import statement is)."""
    graph: dict[str, set[str]] = {}
    for path in sources():
        me = module_name(path)
        edges = graph.setdefault(me, set())
        for imp in imports_of(path):
            if imp.type_only and not include_type_only:
                continue
            if imp.imported.split(".")[0] in PACKAGES and imp.imported != me:
                edges.add(imp.imported)
                # importing a.b.c runs a/__init__ and a/b/__init__ first
                parts = imp.imported.split(".")
                for n in range(1, len(parts)):
                    parent = ".".join(parts[:n])
                    if parent != me and not me.startswith(parent + "."):
                        edges.add(parent)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def strong(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for v in sorted(graph):
            if v not in index:
                strong(v)
    finally:  # as it was: other tests (a sniffer's deep input) rely on the usual limit
        sys.setrecursionlimit(limit)
    return found


def unexplained_deferred() -> set[tuple[str, str]]:
    """(module, what it imports) of every import inside a function that is neither for type
    checking only nor explained by a ``# deferred:`` comment on its line."""
    return {(imp.importer, imp.imported)
            for path in sources() for imp in imports_of(path)
            if imp.in_function and not imp.type_only and not imp.comment.startswith("deferred:")}


def edges_on_cycles(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    """The imports (importer, imported) that lie on an import cycle."""
    on: set[tuple[str, str]] = set()
    for component in cycles(graph):
        members = set(component)
        on |= {(a, b) for a in members for b in graph.get(a, ()) if b in members}
    return on
