"""Every public name has a docstring: the API reference (docs/api.md) is built from them.

Walks `infisical_kit.__all__`, the public modules' ``__all__`` (errors, models, crypto,
credentials, config, testing), both clients, every namespace class of both clients, and the
public methods and properties each of those classes defines.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from infisical_kit import AsyncClient, Client

PUBLIC_MODULES = (
    "infisical_kit",
    "infisical_kit.aio",
    "infisical_kit.errors",
    "infisical_kit.models",
    "infisical_kit.crypto",
    "infisical_kit.credentials",
    "infisical_kit.config",
    "infisical_kit.testing",
    "infisical_kit.testing.server",
)

NAMESPACES = ("secrets", "folders", "imports", "projects", "environments", "tags", "kms", "auth")


def _namespace_classes() -> list[type]:
    """The classes behind ``client.<namespace>`` for both clients (read from the annotations
    of a constructed client, so a new namespace is picked up without editing this test)."""
    classes: list[type] = []
    for client_cls in (Client, AsyncClient):
        client = client_cls("http://127.0.0.1:9", token="t", project_id="p", environment="dev")
        for name, value in vars(client).items():
            if not name.startswith("_") and type(value).__module__.startswith("infisical_kit._"):
                classes.append(type(value))
        assert {n for n in NAMESPACES if hasattr(client, n)} == set(NAMESPACES)
        if isinstance(client, AsyncClient):
            asyncio.run(client.aclose())
        else:
            client.close()
    return classes


def _own_members(cls: type) -> Iterator[tuple[str, Any]]:
    """Public functions, properties, class- and static methods defined by `cls` itself."""
    for name, raw in vars(cls).items():
        if name.startswith("_") or name.startswith("model_"):
            continue
        if isinstance(raw, property):
            yield name, raw.fget
        elif isinstance(raw, (classmethod, staticmethod)):
            yield name, raw.__func__
        elif inspect.isfunction(raw):
            yield name, raw


def _public_objects() -> dict[str, Any]:
    objects: dict[str, Any] = {}
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        objects[module_name] = module
        for name in getattr(module, "__all__", []):
            if name.startswith("__"):
                continue
            objects[f"{module_name}.{name}"] = getattr(module, name)
    for cls in _namespace_classes():
        objects[f"{cls.__module__}.{cls.__qualname__}"] = cls
    for qualname, obj in list(objects.items()):
        if inspect.isclass(obj) and obj.__module__.startswith("infisical_kit"):
            for name, member in _own_members(obj):
                objects[f"{qualname}.{name}"] = member
    return objects


OBJECTS = _public_objects()


def test_the_walk_covers_the_public_surface() -> None:
    """Guard the walker itself: it must see the clients, namespaces and helpers."""
    for expected in (
        "infisical_kit.Client.from_env",
        "infisical_kit.AsyncClient.aclose",
        "infisical_kit._sync._secrets.Secrets.get",
        "infisical_kit._async._kms.AsyncKMS.encrypt",
        "infisical_kit.crypto.encrypt_symmetric",
        "infisical_kit.testing.server.LocalServer.url",
        "infisical_kit.Config",
    ):
        assert expected in OBJECTS
    assert len(OBJECTS) > 200


# Constants and type aliases carry no docstring of their own; they are documented where defined.
DOCUMENTABLE = sorted(
    name
    for name, obj in OBJECTS.items()
    if inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj)
)


@pytest.mark.parametrize("qualname", DOCUMENTABLE)
def test_has_docstring(qualname: str) -> None:
    """The object's own docstring is present and says something."""
    obj = OBJECTS[qualname]
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    assert doc and len(doc.strip()) >= 10, f"{qualname} has no docstring"
