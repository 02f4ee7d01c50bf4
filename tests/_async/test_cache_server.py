"""The read cache against the real server: hits, variants, invalidation, single flight, stale."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient, TransportError
from infisical_kit.testing import LocalServer

from ._clients import client_for


def unique(prefix: str = "CACHE") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10].upper()}"


class Counting(httpx.AsyncBaseTransport):
    """Forwards to a real HTTP transport and counts the GET requests per path."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.gets: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            self.gets.append(request.url.path)
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def make(server: Any, transport: Counting, **kw: Any) -> AsyncClient:
    return client_for(server, transport=transport, **kw)


@pytest.mark.anyio
async def test_hits_make_no_request_and_variants_do_not_collide(infisical_server: Any) -> None:
    counting = Counting()
    name = unique()
    async with make(infisical_server, counting) as client:
        await client.secrets.create(name, "v1")
        await client.secrets.update(name, "v2")
        first = await client.secrets.get(name)
        again = await client.secrets.get(name)
        assert first.value == again.value == "v2"
        assert counting.gets.count(f"/api/v4/secrets/{name}") == 1
        old = await client.secrets.get(name, version=1)
        assert old.value == "v1"  # a version is its own entry
        hidden = await client.secrets.get(name, view_secret_value=False)
        assert hidden.value != "v2"
        assert counting.gets.count(f"/api/v4/secrets/{name}") == 3
        assert (await client.secrets.get(name)).value == "v2"
        listed = await client.secrets.list()
        await client.secrets.list()
        await client.secrets.list(recursive=True)
        assert counting.gets.count("/api/v4/secrets") == 2
        listed.clear()  # the caller's copy only
        assert name in {s.key for s in await client.secrets.list()}


@pytest.mark.anyio
async def test_writes_invalidate_gets_and_lists(infisical_server: Any) -> None:
    counting = Counting()
    name = unique()
    async with make(infisical_server, counting) as client:
        await client.secrets.create(name, "one")
        assert (await client.secrets.get(name)).value == "one"
        assert {s.key: s.value for s in await client.secrets.list()}[name] == "one"
        await client.secrets.update(name, "two")
        assert (await client.secrets.get(name)).value == "two"
        assert {s.key: s.value for s in await client.secrets.list()}[name] == "two"
        await client.secrets.delete(name)
        assert name not in {s.key for s in await client.secrets.list()}


@pytest.mark.anyio
async def test_cache_ttl_zero_disables(infisical_server: Any) -> None:
    counting = Counting()
    name = unique()
    async with make(infisical_server, counting, cache_ttl=0) as client:
        await client.secrets.create(name, "x")
        await client.secrets.get(name)
        await client.secrets.get(name)
    assert counting.gets.count(f"/api/v4/secrets/{name}") == 2


class ManualClock:
    """A monotonic clock the test moves by hand (installed as the read cache's clock)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def use_clock(client: AsyncClient, clock: ManualClock) -> None:
    """Make `client`'s read cache tell time by `clock` (the cache takes an injectable clock)."""
    client._requester.cache._clock = clock


@pytest.mark.parametrize("sliding", [False, True], ids=["absolute", "sliding"])
@pytest.mark.anyio
async def test_a_second_writer_is_seen_within_cache_ttl(
    infisical_server: Any, sliding: bool
) -> None:
    """Issue 10 item 4: a secret rotated by another client is seen at the latest `cache_ttl`
    after the reader fetched it, even when the reader reads more often than `cache_ttl`;
    only the explicit `cache_sliding=True` keeps serving the old value."""
    name = unique("ROTATED")
    clock = ManualClock()
    async with (
        client_for(infisical_server, cache_ttl=0) as writer,
        client_for(infisical_server, cache_ttl=10, cache_sliding=sliding) as reader,
    ):
        use_clock(reader, clock)
        await writer.secrets.create(name, "before")
        assert (await reader.secrets.get(name)).value == "before"  # fetched at t=1000
        await writer.secrets.update(name, "after")  # rotated elsewhere
        seen = []
        for _ in range(6):  # a read every 3 s, i.e. more often than the 10 s TTL
            clock.now += 3
            seen.append((await reader.secrets.get(name)).value)
        assert seen[:3] == ["before"] * 3  # t=1003..1009: within the TTL, cached
        if sliding:
            assert seen[3:] == ["before"] * 3  # the documented risk of cache_sliding
        else:
            assert seen[3:] == ["after"] * 3  # t=1012: refetched, never older than 10 s
        await writer.secrets.delete(name)


@pytest.mark.anyio
async def test_stale_if_error_when_the_server_is_down(caplog: pytest.LogCaptureFixture) -> None:
    counting = Counting()
    name = unique()
    with LocalServer() as server:
        async with make(server, counting, cache_ttl=0.05, retries=0) as client:
            await client.secrets.create(name, "kept")
            assert (await client.secrets.get(name)).value == "kept"
            server.stop()
            await client.secrets.get(name)  # expired by now (50 ms TTL, a process stop later)
            caplog.set_level(logging.WARNING, logger="infisical_kit.cache")
            assert (await client.secrets.get(name)).value == "kept"
            assert "stale" in caplog.text and "kept" not in caplog.text
            with pytest.raises(TransportError):
                await client.secrets.get(unique("NEVER_CACHED"))
            server.start()
            assert (await client.secrets.get(name)).value == "kept"
        async with make(server, Counting(), cache_stale_if_error=0, retries=0) as client:
            await client.secrets.get(name)
            server.stop()
            client._requester.cache.clear()
            with pytest.raises(TransportError):
                await client.secrets.get(name)


# unasync: remove-start


@pytest.mark.anyio
async def test_fifty_concurrent_misses_make_one_request(infisical_server: Any) -> None:
    import anyio

    counting = Counting()
    name = unique()
    results: list[str] = []
    async with make(infisical_server, counting) as client:
        await client.secrets.create(name, "shared")

        async def read() -> None:
            results.append((await client.secrets.get(name)).value)

        async with anyio.create_task_group() as tg:
            for _ in range(50):
                tg.start_soon(read)
    assert results == ["shared"] * 50
    assert counting.gets.count(f"/api/v4/secrets/{name}") == 1


# unasync: remove-end
