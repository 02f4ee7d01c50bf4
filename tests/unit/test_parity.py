"""Sync/async parity: same public names and signatures (Async names and awaitables rewritten)."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any, cast

import pytest

import infisical_kit
from infisical_kit import AsyncClient, AsyncSecrets, Client, Secrets
from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._sync._namespace import Namespace
from infisical_kit.aio import AsyncClient as AioAsyncClient

PAIRS = [(Client, AsyncClient), (Secrets, AsyncSecrets), (Namespace, AsyncNamespace)]
RENAMES = {"aclose": "close", "__aenter__": "__enter__", "__aexit__": "__exit__"}


def _public(cls: type) -> dict[str, Any]:
    return {
        RENAMES.get(name, name): member
        for name, member in vars(cls).items()
        if not name.startswith("_")
        or name in RENAMES
        or name in ("__enter__", "__exit__")
        or name == "__init__"
    }


def _normalize(text: str) -> str:
    text = re.sub(r"\bAsync(?=[A-Z])", "", text)
    text = re.sub(r"Coroutine\[Any, Any, (.*)\]", r"\1", text)
    return text


def _signature(member: Any) -> str:
    func = member.__func__ if isinstance(member, classmethod) else member
    if isinstance(func, property):
        func = func.fget
    return _normalize(str(inspect.signature(cast(Callable[..., Any], func))))


@pytest.mark.parametrize(("sync_cls", "async_cls"), PAIRS, ids=lambda c: c.__name__)
def test_same_public_names(sync_cls: type, async_cls: type) -> None:
    assert sorted(_public(sync_cls)) == sorted(_public(async_cls))


@pytest.mark.parametrize(("sync_cls", "async_cls"), PAIRS, ids=lambda c: c.__name__)
def test_same_signatures(sync_cls: type, async_cls: type) -> None:
    sync_members, async_members = _public(sync_cls), _public(async_cls)
    for name, member in sync_members.items():
        assert _signature(member) == _signature(async_members[name]), name


@pytest.mark.parametrize(("sync_cls", "async_cls"), PAIRS, ids=lambda c: c.__name__)
def test_async_methods_are_coroutines_and_sync_ones_are_not(
    sync_cls: type, async_cls: type
) -> None:
    for name, member in _public(async_cls).items():
        if inspect.isfunction(member) and name != "__init__":
            assert inspect.iscoroutinefunction(member), name
            assert not inspect.iscoroutinefunction(_public(sync_cls)[name]), name


def test_exported_members() -> None:
    assert AioAsyncClient is AsyncClient
    for name in infisical_kit.__all__:
        assert hasattr(infisical_kit, name), name
        obj = getattr(infisical_kit, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__doc__, f"{name} has no docstring"
