"""The read cache against each site with a second writer (issue 10 item 4): a secret rotated
by another client is seen within `cache_ttl` of the reader's fetch."""

from __future__ import annotations

import pytest

from infisical_kit import AsyncClient

from .conftest import MakeClient


class ManualClock:
    """A monotonic clock moved by hand (the read cache takes an injectable clock)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def use_clock(client: AsyncClient, clock: ManualClock) -> None:
    """Make `client`'s read cache tell time by `clock`."""
    client._requester.cache._clock = clock


@pytest.mark.anyio
async def test_a_rotation_elsewhere_is_seen_within_cache_ttl(make_client: MakeClient) -> None:
    writer = make_client()
    reader = make_client(cache_ttl=10)
    clock = ManualClock()
    use_clock(reader, clock)
    await writer.secrets.create("ROTATED", "before")
    assert (await reader.secrets.get("ROTATED")).value == "before"  # fetched at t=1000
    assert [s.value for s in await reader.secrets.list()] == ["before"]
    await writer.secrets.update("ROTATED", "after")
    seen = []
    for _ in range(6):  # every 3 s: more often than the 10 s TTL
        clock.now += 3
        got = await reader.secrets.get("ROTATED")
        listed = await reader.secrets.list()
        seen.append((got.value, listed[0].value))
    assert seen[:3] == [("before", "before")] * 3  # within the TTL: the cached answer
    assert seen[3:] == [("after", "after")] * 3  # t=1012: never older than cache_ttl
