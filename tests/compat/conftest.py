"""The ``sdk`` fixture: the official ``infisicalsdk`` client logged in to the test server."""

from __future__ import annotations

from collections.abc import Iterator
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
