"""Fixtures of the drop-in tests: the SDK module under test (the real package or our compat
module, same test body) and a login helper."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

#: the infisicalsdk API: the real package and our drop-in
INFISICALSDK = ["infisical_sdk", "infisical_kit.compat.infisicalsdk"]
#: the legacy infisical-python API: the real package (compiled core) and our drop-in
INFISICAL_CLIENT = ["infisical_client", "infisical_kit.compat.infisical_client"]


def load(name: str) -> ModuleType:
    """Import `name`, skipping the test when it is a real package that is not installed."""
    if name.startswith("infisical_kit"):
        return importlib.import_module(name)
    return pytest.importorskip(name)


@pytest.fixture(params=INFISICALSDK, ids=["real", "dropin"])
def infisicalsdk(request: pytest.FixtureRequest) -> ModuleType:
    """``infisical_sdk`` or ``infisical_kit.compat.infisicalsdk``."""
    return load(request.param)


@pytest.fixture(params=INFISICAL_CLIENT, ids=["real", "dropin"])
def infisical_client(request: pytest.FixtureRequest) -> ModuleType:
    """``infisical_client`` or ``infisical_kit.compat.infisical_client``."""
    return load(request.param)
