"""The server's layers, read from its source (``ast``; nothing is imported or run).

One request goes middleware -> route (``api/``) -> auth dependency (``auth/``) -> service
(``services/``) -> storage (``schema``, ``db``) -> serialiser (``wire/``) -> envelope, and the
imports follow that path one way (docs/architecture.md, "The server"):

* no import circle among ``infisical_kit.server`` modules (a package's ``__init__`` counts
  where it is imported by name);
* ``api/`` neither imports ``schema`` nor ``sqlalchemy`` (only ``api/_deps.py`` names the
  session type for the ``Db`` dependency) and never uses the request's session itself: it
  passes it to a service;
* services, auth and serialisers never import a router, and only the two request-facing auth
  modules know FastAPI/Starlette; auth never imports a service; serialisers run no query;
* only ``db.unit_of_work`` commits a session (``write_gate`` ends a read transaction before a
  thread hop; ``db.migration_lock`` and the Alembic environment commit on their own
  connections);
* every ``*_to_wire`` serialiser lives in ``wire/``;
* the web console (``console/``) is a layer beside ``api/`` under the same rules: no
  ``schema``, no SQLAlchemy (only ``console/_deps.py`` and ``console/session.py`` name the
  session type), never the session itself; of ``api/`` it uses only the parameter models,
  so a form is checked like the API's body; nothing below imports it, nor does ``api/``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import infisical_kit.server

ROOT = Path(infisical_kit.server.__file__).resolve().parent
PACKAGE = "infisical_kit.server"

#: Modules allowed to call ``.commit()``, with the functions that do.
COMMITS = {
    "db": {"unit_of_work", "migration_lock"},
    "write_gate": {"end_transaction", "GatedConnection.commit"},
    "migrations.env": {"run_migrations"},  # Alembic's own connection
}
#: The console modules that name the session type (for the dependency and the login).
CONSOLE_SESSION_TYPE = {"console._deps", "console.session"}
#: The auth modules that read the request itself.
REQUEST_FACING_AUTH = {"auth.deps", "auth.fast_claims"}
WEB_FRAMEWORKS = ("fastapi", "starlette")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)  # relative to PACKAGE; "" is the package itself


MODULES: dict[str, Path] = {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _tree(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"), str(MODULES[name]))


def _absolute(name: str, node: ast.ImportFrom) -> str:
    """The absolute module an ``import from`` names (relative imports resolved)."""
    if node.level == 0:
        return node.module or ""
    base = name.split(".") if _is_package(name) else name.split(".")[:-1]
    if name == "":
        base = []
    base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
    full = ".".join([PACKAGE, *[b for b in base if b]])
    return f"{full}.{node.module}" if node.module else full


def imported(name: str) -> set[str]:
    """Every absolute module ``name`` imports, anywhere in the file (``TYPE_CHECKING`` and
    function-level imports included). ``from pkg import sub`` of a server submodule counts
    as ``pkg.sub`` only: it needs ``pkg`` started, not finished."""
    found: set[str] = set()
    for node in ast.walk(_tree(name)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _absolute(name, node)
            for alias in node.names:
                sub = f"{module}.{alias.name}"
                found.add(sub if _local(sub) is not None else module)
    return found


def _local(module: str) -> str | None:
    """``module`` as a key of MODULES, or ``None`` when it is not a server module."""
    if module == PACKAGE:
        return ""
    if not module.startswith(PACKAGE + "."):
        return None
    rest = module[len(PACKAGE) + 1 :]
    return rest if rest in MODULES else None


def _edges(name: str) -> set[str]:
    """The server modules ``name`` imports (a package counts when it is named itself, as
    in ``from ..services import secrets``)."""
    return {m for m in map(_local, imported(name)) if m is not None} - {name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _label(name: str) -> str:
    return f"{PACKAGE}.{name}" if name else PACKAGE


def test_the_module_map_is_complete() -> None:
    assert {"api._deps", "actor", "db", "schema", "wire", "services.secrets"} <= set(MODULES)
    assert _edges("api.secrets.handlers") >= {"actor", "services.secrets", "wire.secrets"}


def test_no_import_circle_among_server_modules() -> None:
    graph = {name: _edges(name) for name in MODULES}
    assert _cycles(graph) == []


def test_the_cycle_check_sees_a_circle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_routes_never_touch_storage() -> None:
    checked = 0
    for name in MODULES:
        if not _in(name, "api"):
            continue
        checked += 1
        modules = imported(name)
        assert f"{PACKAGE}.schema" not in modules, f"{_label(name)} imports schema"
        sqlalchemy = sorted(m for m in modules if m.split(".")[0] == "sqlalchemy")
        allowed = ["sqlalchemy.orm"] if name == "api._deps" else []
        assert sqlalchemy == allowed, f"{_label(name)} imports {sqlalchemy}"
        for node in ast.walk(_tree(name)):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                assert node.value.id not in {"session", "db"}, (
                    f"{_label(name)}:{node.lineno} uses the session ({node.value.id}."
                    f"{node.attr}); a service should"
                )
    assert checked >= 20


def _uses_the_session(name: str) -> list[str]:
    return [
        f"{_label(name)}:{node.lineno} uses the session ({node.value.id}.{node.attr})"
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id in {"session", "db"}
    ]


def _parameter_models(module: str) -> set[str]:
    """The classes of a server module that derive from ``Params`` (its parameter models)."""
    return {
        node.name
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.ClassDef)
        and any(isinstance(b, ast.Name) and b.id.endswith("Params") for b in node.bases)
    }


def test_the_console_is_a_layer_beside_the_api() -> None:
    checked = 0
    for name in MODULES:
        if not _in(name, "console"):
            continue
        checked += 1
        modules = imported(name)
        assert f"{PACKAGE}.schema" not in modules, f"{_label(name)} imports schema"
        sqlalchemy = sorted(m for m in modules if m.split(".")[0] == "sqlalchemy")
        allowed = ["sqlalchemy.orm"] if name in CONSOLE_SESSION_TYPE else []
        assert sqlalchemy == allowed, f"{_label(name)} imports {sqlalchemy}"
        assert _uses_the_session(name) == []
        local = {_local(m) for m in modules} - {None}
        assert not [m for m in local if m and _in(m, "wire")], f"{_label(name)} imports wire"
        for node in ast.walk(_tree(name)):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = _local(_absolute(name, node))
            if source is None or not _in(source, "api"):
                continue
            models = _parameter_models(source)
            names = {alias.name for alias in node.names}
            assert names <= models, f"{_label(name)} imports {sorted(names - models)} of api"
    assert checked >= 10
    for name in MODULES:
        if _in(name, "console"):
            continue
        local = {_local(m) for m in imported(name)} - {None}
        below = name == "" or any(_in(name, p) for p in ("api", "services", "auth", "wire"))
        if below:
            bad = sorted(m for m in local if m and _in(m, "console"))
            assert bad == [], f"{_label(name)} imports {bad}"


def test_the_console_check_sees_a_query() -> None:
    assert _uses_the_session("console.routes.folders") == []
    assert _uses_the_session("services.secrets") != []  # services do use it
    assert "CreateTag" in _parameter_models("api.tags")


def test_layers_import_downward() -> None:
    for name in MODULES:
        modules = {_local(m) for m in imported(name)} - {None}
        frameworks = sorted(m for m in imported(name) if m.split(".")[0] in WEB_FRAMEWORKS)
        if _in(name, "services") or _in(name, "auth") or _in(name, "wire"):
            assert not [m for m in modules if m and _in(m, "api")], f"{_label(name)} imports api"
            if name not in REQUEST_FACING_AUTH:
                assert frameworks == [], f"{_label(name)} imports {frameworks}"
        if _in(name, "services"):
            assert not [m for m in modules if m and _in(m, "wire")], f"{_label(name)} imports wire"
        if _in(name, "auth"):
            bad = sorted(m for m in modules if m and (_in(m, "services") or _in(m, "wire")))
            assert bad == [], f"{_label(name)} imports {bad}"
        if _in(name, "wire"):
            queries = sorted(m for m in imported(name) if m.split(".")[0] == "sqlalchemy")
            assert queries == [], f"{_label(name)} imports {queries}"
            assert "db" not in modules and "state" not in modules, _label(name)


def _calls_with_scope(tree: ast.AST) -> Iterator[tuple[str, ast.Call]]:
    """Every call with the dotted name of the function or method around it."""

    def walk(node: ast.AST, scope: list[str]) -> Iterator[tuple[str, ast.Call]]:
        for child in ast.iter_child_nodes(node):
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = [*scope, child.name]
            if isinstance(child, ast.Call):
                yield ".".join(scope), child
            yield from walk(child, inner)

    yield from walk(tree, [])


def test_only_the_unit_of_work_commits() -> None:
    committers: dict[str, set[str]] = {}
    for name in MODULES:
        for scope, call in _calls_with_scope(_tree(name)):
            if isinstance(call.func, ast.Attribute) and call.func.attr == "commit":
                committers.setdefault(name, set()).add(scope)
    assert committers == COMMITS


def test_serialisers_live_in_wire() -> None:
    outside = sorted(
        f"{_label(name)}.{node.name}"
        for name in MODULES
        if not _in(name, "wire")
        for node in ast.walk(_tree(name))
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_to_wire")
    )
    assert outside == []
    assert any(
        isinstance(node, ast.FunctionDef) and node.name == "secret_to_wire"
        for node in ast.walk(_tree("wire.secrets"))
    )
