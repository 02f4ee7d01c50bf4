"""The exception tree drawn in `infisical_kit.errors` lists every exception the package raises
(outside the server, whose errors are HTTP responses), under its right parent."""

from __future__ import annotations

import importlib
import pkgutil
import re

import infisical_kit
from infisical_kit import errors


def package_exceptions() -> dict[str, type[BaseException]]:
    """Every exception class defined in a module of the package outside ``server``."""
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(infisical_kit.__path__, "infisical_kit."):
        if info.name.startswith("infisical_kit.server") or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__ == info.name
            ):
                found[value.__name__] = value
    return found


def drawn_tree() -> dict[str, str]:
    """Name -> parent name, read from the drawings (a name's column says its parent)."""
    assert errors.__doc__ is not None
    parents: dict[str, str] = {}
    stack: list[tuple[int, str]] = []  # (column, name) of the open ancestors
    for line in errors.__doc__.splitlines():
        match = re.match(r"^    [\s│├└─]*([A-Za-z][\w.]*)", line)
        if match is None:
            continue
        name, column = match.group(1), match.start(1)
        while stack and stack[-1][0] >= column:
            stack.pop()
        if stack:
            parents[name] = stack[-1][1]
        stack.append((column, name))
    return parents


def test_every_exception_is_drawn_under_its_parent() -> None:
    tree = drawn_tree()
    found = package_exceptions()
    assert len(found) > 15  # the walk really saw the package
    for name, cls in found.items():
        if name == "InfisicalError":
            continue
        assert name in tree, f"{name} is not drawn in errors.py"
        parent = tree[name].rpartition(".")[2]  # "click.ClickException" -> "ClickException"
        bases = {base.__name__ for base in cls.__bases__}
        assert parent in bases, f"{name} is drawn under {parent}, its bases are {bases}"


def test_the_drawing_names_no_class_that_does_not_exist() -> None:
    found = package_exceptions()
    tree = drawn_tree()
    assert tree["ServerError"] == "APIError" and tree["APIError"] == "InfisicalError"
    for name, parent in tree.items():
        assert name in found, name
        assert parent in found or parent in ("RuntimeError", "ValueError", "click.ClickException")
