"""Fixtures for the client tests (the server itself comes from the infisical_kit plugin)."""

from __future__ import annotations

import pytest

# unasync: remove-start


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


# unasync: remove-end
