"""Client fixtures of the compatibility suite (the site and its folders: ../conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest

from infisical_kit import AsyncClient

from ..conftest import Area

# unasync: remove-start


@pytest.fixture
def anyio_backend() -> str:
    """Run the async tests on asyncio."""
    return "asyncio"


# unasync: remove-end

MakeClient = Callable[..., AsyncClient]


@pytest.fixture
async def client(area: Area) -> AsyncIterator[AsyncClient]:
    """A client of the site as its machine identity, scoped to this test's fresh folder
    (environment ``dev``; cache off)."""
    async with AsyncClient(**area.site.client_kwargs(secret_path=area.path)) as client:
        yield client


@pytest.fixture
async def make_client(area: Area) -> AsyncIterator[MakeClient]:
    """Build more clients of the site, scoped like `client`; ``make_client(**overrides)``.
    They are closed after the test."""
    made: list[AsyncClient] = []

    def make(**overrides: Any) -> AsyncClient:
        made.append(AsyncClient(**area.site.client_kwargs(secret_path=area.path, **overrides)))
        return made[-1]

    yield make
    for one in made:
        await one.aclose()
