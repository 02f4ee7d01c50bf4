"""Write the public method signatures of another SDK's classes as JSON, read from its source
with `ast` (nothing is imported): what tests/compat/dropin/test_signatures.py compares the
drop-ins with where the SDK cannot be installed next to ours.

    python scripts/compat_signatures.py UNPACKED_WHEEL_DIR module:Class ... > signatures.json
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path
from typing import Any


def signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> list[list[Any]]:
    """``[name, kind, has_default]`` per parameter, as `inspect` names the kinds."""
    a = node.args
    out: list[list[Any]] = []
    positional = a.posonlyargs + a.args
    first_default = len(positional) - len(a.defaults)
    for i, arg in enumerate(positional):
        kind = "POSITIONAL_ONLY" if arg in a.posonlyargs else "POSITIONAL_OR_KEYWORD"
        out.append([arg.arg, kind, i >= first_default])
    if a.vararg:
        out.append([a.vararg.arg, "VAR_POSITIONAL", False])
    for arg, default in zip(a.kwonlyargs, a.kw_defaults, strict=True):
        out.append([arg.arg, "KEYWORD_ONLY", default is not None])
    if a.kwarg:
        out.append([a.kwarg.arg, "VAR_KEYWORD", False])
    return out


def methods(root: Path, spec: str) -> dict[str, Any]:
    """Public methods (and ``__init__``/``__load__``) of class `spec` (``pkg.mod:Class``)."""
    module, _, name = spec.partition(":")
    path = root.joinpath(*module.split("."))
    file = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    tree = ast.parse(file.read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == name)
    found: dict[str, Any] = {}
    for node in cls.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if not node.name.startswith("_") or node.name in ("__init__", "__load__"):
                found[node.name] = signature(node)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found.setdefault("__fields__", []).append(node.target.id)
    return found


if __name__ == "__main__":
    root = Path(sys.argv[1])
    print(json.dumps({spec: methods(root, spec) for spec in sys.argv[2:]}, indent=1))
