"""The package's layering, read from the source with `ast` (nothing is imported).

* `_core` does no I/O: it imports no HTTP, async, threading, socket, process or file
  library, and nothing of the package above it (config, credentials, the clients ...).
* No import circle among the modules of ``src/infisical_kit`` outside ``server/`` (the
  server's own test covers it). An edge is every ``import`` / ``from ... import`` a module
  makes, at module level, inside ``if TYPE_CHECKING:`` and inside functions alike: a
  type-only or deferred import is still a dependency, and a circle through one is still a
  circle in the design. ``from pkg import name`` is an edge to ``pkg.name`` when that is a
  module, else to ``pkg``; the implicit import of parent packages is not an edge.
* Test helpers that hold no tests are named as helpers (``_*.py``), never ``test_*.py``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
PACKAGE = SRC / "infisical_kit"

#: third-party and standard-library modules that do I/O (or threads, processes, event loops)
IO_MODULES = {
    "httpx",
    "httpcore",
    "h11",
    "anyio",
    "sniffio",
    "certifi",
    "asyncio",
    "threading",
    "multiprocessing",
    "concurrent",
    "subprocess",
    "socket",
    "ssl",
    "select",
    "selectors",
    "signal",
    "os",
    "io",
    "pathlib",
    "shutil",
    "tempfile",
    "glob",
    "fileinput",
    "sqlite3",
    "urllib.request",
    "http.client",
    "http.server",
    "logging",
    "time",
    "sqlalchemy",
    "keyring",
    "click",
    "cryptography",
}
#: the only modules of the package that `_core` may import (besides its own)
CORE_MAY_IMPORT = {"infisical_kit.errors", "infisical_kit.models", "infisical_kit._version"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, here: str | None = None) -> Iterator[str]:
    """Every module `path` (the module `here`) imports; relative imports resolved."""
    here = here or module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            for alias in node.names:
                yield f"{base}.{alias.name}"


def package_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def core_problems(modules: dict[str, Path]) -> list[str]:
    """What the `_core` modules among `modules` import that they must not."""
    problems = []
    for name, path in modules.items():
        if not name.startswith("infisical_kit._core"):
            continue
        for imported in sorted(set(imports_of(path, name))):
            if imported.startswith("infisical_kit"):
                owner = imported.rpartition(".")[0]  # "errors.X" for `from errors import X`
                if not (
                    imported.startswith("infisical_kit._core")
                    or imported in CORE_MAY_IMPORT
                    or owner in CORE_MAY_IMPORT
                ):
                    problems.append(f"{name} imports {imported}")
            elif any(imported == io or imported.startswith(io + ".") for io in IO_MODULES):
                problems.append(f"{name} imports {imported} (I/O)")
    return problems


def test_core_imports_no_io_and_nothing_above_it() -> None:
    assert core_problems(package_modules()) == []


def test_the_core_check_sees_forbidden_imports(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import httpx\n"
        "def f():\n    from infisical_kit.config import Config\n"
        "from infisical_kit.errors import ValidationError\nfrom . import scope\n"
    )
    assert core_problems({"infisical_kit._core.sample": sample}) == [
        "infisical_kit._core.sample imports httpx (I/O)",
        "infisical_kit._core.sample imports infisical_kit.config",
        "infisical_kit._core.sample imports infisical_kit.config.Config",
    ]


def client_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports, outside ``server/``."""
    modules = package_modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        if name.startswith("infisical_kit.server"):
            continue
        edges = set()
        for imported in imports_of(path):
            if imported in modules and imported != name:
                edges.add(imported)
        graph[name] = {e for e in edges if not e.startswith("infisical_kit.server")}
    # `from pkg import name` yields both "pkg" and "pkg.name": keep "pkg" only when
    # nothing else was imported from it as a module
    for name, path in modules.items():
        if name in graph:
            graph[name] = _prune_parents(graph[name], set(imports_of(path)), modules)
    return graph


def _prune_parents(edges: set[str], raw: set[str], modules: dict[str, Path]) -> set[str]:
    kept = set()
    for edge in edges:
        depth = edge.count(".") + 1
        children = {r for r in raw if r.startswith(edge + ".") and r.count(".") == depth}
        names_only = [c for c in children if c not in modules]
        if children and not names_only:
            continue  # only submodules were imported: the parent is not an edge
        kept.add(edge)
    return kept


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                component.append(item)
                if item == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_circle_outside_the_server() -> None:
    assert cycles(client_graph()) == []


def test_the_circle_check_finds_a_circle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_namespaces_do_not_import_the_client() -> None:
    graph = client_graph()
    for flavour in ("_async", "_sync"):
        client = f"infisical_kit.{flavour}._client"
        users = sorted(name for name, edges in graph.items() if client in edges)
        # the public surface names the client's module directly (a cheap import: row 1 of
        # `make bench`), and so does its layer's package
        assert users == ["infisical_kit", f"infisical_kit.{flavour}"], users


CLIENT_TEST_PACKAGES = (
    "_async",
    "unit",
    "compat",
    "cli",
    "plugin",
    "docs",
    "examples",
    "reliability",
)


@pytest.mark.parametrize("package", CLIENT_TEST_PACKAGES)
def test_test_modules_hold_tests_and_helpers_are_named_as_helpers(package: str) -> None:
    problems = []
    for path in sorted((ROOT / "tests" / package).glob("*.py")):
        if path.name in ("__init__.py", "conftest.py") or path.name.startswith("_"):
            continue
        tree = ast.parse(path.read_text())
        has_test = any(
            isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
            and node.name.lower().startswith("test")
            for node in ast.walk(tree)
        )
        if not path.name.startswith("test_"):
            problems.append(f"{path.name}: a helper must be named _{path.name}")
        elif not has_test:
            problems.append(f"{path.name} holds no test: name it _{path.stem[5:]}_support.py")
    assert problems == []
