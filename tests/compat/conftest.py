"""The ``sdk`` fixture (the official ``infisicalsdk`` client logged in to the test server) and
``node_sdk`` (the official Node SDK, installed once per session)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from infisical_kit.testing import LocalServer

if TYPE_CHECKING:
    from infisical_sdk import InfisicalSDKClient


@pytest.fixture
def sdk(infisical_server: LocalServer) -> Iterator[InfisicalSDKClient]:
    """An ``InfisicalSDKClient`` (no cache) logged in as the bootstrap identity."""
    from infisical_sdk import InfisicalSDKClient

    boot = infisical_server.bootstrap
    client = InfisicalSDKClient(host=infisical_server.url, cache_ttl=None)
    client.auth.universal_auth.login(
        client_id=boot["client_id"], client_secret=boot["client_secret"]
    )
    try:
        yield client
    finally:
        client.close()


@pytest.fixture(scope="session")
def node_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with ``@infisical/sdk`` 5.0.2 installed by npm: one install per session,
    shared by every Node SDK test (see `_node`)."""
    from ._node import install_node_sdk

    return install_node_sdk(tmp_path_factory.mktemp("node-sdk"))
