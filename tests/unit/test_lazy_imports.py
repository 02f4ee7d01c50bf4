"""``import infisical_kit`` is cheap: public names load on first use (PEP 562)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import infisical_kit

HEAVY = ("httpx", "pydantic", "pydantic_settings", "aiohttp", "infisical_kit.server", "anyio")


def _fresh(code: str) -> dict[str, bool]:
    """Run `code` in a fresh interpreter; report which `HEAVY` modules it imported."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    result: dict[str, bool] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_bare_import_loads_no_heavy_dependency() -> None:
    loaded = _fresh("import infisical_kit")
    assert loaded == dict.fromkeys(HEAVY, False)


def test_version_and_errors_do_not_load_the_client() -> None:
    loaded = _fresh("import infisical_kit as k\nk.__version__\nk.NotFoundError")
    assert not loaded["httpx"]
    assert not loaded["pydantic_settings"]


@pytest.mark.parametrize("name", ["Client", "AsyncClient"])
def test_client_import_loads_nothing_heavy(name: str) -> None:
    loaded = _fresh(f"from infisical_kit import {name}")  # `make bench`, row 1
    assert loaded == dict.fromkeys(HEAVY, False)


def test_building_a_client_loads_what_it_needs_but_never_the_server() -> None:
    args = "'http://127.0.0.1:9', token='t', project_id='p', environment='dev'"
    loaded = _fresh(f"from infisical_kit import Client\nClient({args}).close()")
    assert loaded["httpx"] and loaded["pydantic_settings"]
    assert not loaded["aiohttp"] and not loaded["infisical_kit.server"]
    loaded = _fresh(f"from infisical_kit import AsyncClient\nAsyncClient({args})")
    assert loaded["httpx"] and loaded["aiohttp"]
    assert not loaded["infisical_kit.server"]


def test_every_public_name_resolves() -> None:
    for name in infisical_kit.__all__:
        value = getattr(infisical_kit, name)
        assert value is not None, name
    from infisical_kit._async import AsyncClient
    from infisical_kit.errors import NotFoundError

    assert infisical_kit.AsyncClient is AsyncClient
    assert infisical_kit.NotFoundError is NotFoundError


def test_dir_lists_every_public_name() -> None:
    assert set(infisical_kit.__all__) <= set(dir(infisical_kit))


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="NoSuchThing"):
        infisical_kit.NoSuchThing  # type: ignore[attr-defined]  # noqa: B018


def test_star_import_gives_all() -> None:
    namespace: dict[str, object] = {}
    exec("from infisical_kit import *", namespace)
    assert set(infisical_kit.__all__) <= set(namespace)
