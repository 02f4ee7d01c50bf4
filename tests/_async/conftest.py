"""Fixtures for the client tests (the server itself comes from the infisical_kit plugin)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from infisical_kit import AsyncClient

from ._clients import client_for

# unasync: remove-start


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


# unasync: remove-end


@pytest.fixture
async def client(infisical_server: Any) -> AsyncIterator[AsyncClient]:
    """A client of the test server as its bootstrap identity (see `client_for`)."""
    async with client_for(infisical_server) as client:
        yield client
