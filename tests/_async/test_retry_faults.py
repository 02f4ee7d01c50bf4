"""Retries under injected faults (mock transports): 429 + Retry-After, 503 storms, POST safety."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient, RateLimitError, ServerError, TransportError
from infisical_kit._core.retry import RetryPolicy

SCOPE: dict[str, Any] = {"project_id": "p", "environment": "dev", "cache_ttl": 0}
FAST = RetryPolicy(max_attempts=4, backoff_base=0.001, backoff_cap=0.002, deadline=5.0)
SECRET = {"secret": {"secretKey": "K", "secretValue": "v"}}


class Script:
    """Answers each request with the next scripted outcome (an int status or an exception type)."""

    def __init__(
        self, *outcomes: Any, retry_after: str | None = None, remaining: str | None = None
    ) -> None:
        self.outcomes = list(outcomes)
        self.retry_after = retry_after
        self.remaining = remaining  # x-ratelimit-remaining on error answers
        self.seen: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request.method)
        outcome = self.outcomes.pop(0) if len(self.outcomes) > 1 else self.outcomes[0]
        if isinstance(outcome, type):
            raise outcome("injected", request=request)
        if outcome == 200:
            return httpx.Response(200, json=SECRET)
        headers = {"retry-after": self.retry_after} if self.retry_after is not None else {}
        if self.remaining is not None:
            headers.update({"x-ratelimit-remaining": self.remaining, "x-ratelimit-limit": "40"})
        body = {"statusCode": outcome, "message": "try later", "error": "Busy"}
        return httpx.Response(outcome, json=body, headers=headers)


def make(script: Script, retries: Any = FAST) -> AsyncClient:
    return AsyncClient(
        "http://server.test",
        token="tok",
        transport=httpx.MockTransport(script),
        retries=retries,
        **SCOPE,
    )


@pytest.mark.anyio
async def test_429_with_retry_after_is_retried_then_succeeds() -> None:
    script = Script(429, 429, 200, retry_after="0")
    async with make(script) as client:
        secret = await client.secrets.get("K")
    assert secret.key == "K" and len(script.seen) == 3


@pytest.mark.anyio
async def test_503_storm_gives_up_and_says_how_many_attempts() -> None:
    script = Script(503)
    async with make(script) as client:
        with pytest.raises(ServerError) as info:
            await client.secrets.get("K")
    assert len(script.seen) == 4 and info.value.attempts == 4
    assert "after 4 attempts" in str(info.value) and info.value.status_code == 503


@pytest.mark.anyio
async def test_rate_limit_error_after_retries_keeps_retry_after() -> None:
    script = Script(429, retry_after="0")
    policy = RetryPolicy(max_attempts=2, backoff_base=0.001)
    async with make(script, policy) as client:
        with pytest.raises(RateLimitError) as info:
            await client.secrets.list()
    assert info.value.attempts == 2 and info.value.retry_after == 0.0


@pytest.mark.anyio
async def test_a_500_with_rate_limit_headers_is_a_rate_limit_retried_like_a_429() -> None:
    """Infisical 2024-10 answers a rate-limit hit with HTTP 500 + retry-after +
    x-ratelimit-remaining: 0; reads and writes are retried after the wait."""
    for call in ("get", "create"):
        script = Script(500, 500, 200, retry_after="0", remaining="0")
        async with make(script) as client:
            if call == "get":
                await client.secrets.get("K")
            else:
                await client.secrets.create("K", "v")
        assert len(script.seen) == 3
    script = Script(500, retry_after="2", remaining="0")
    async with make(script, 0) as client:
        with pytest.raises(RateLimitError) as info:
            await client.secrets.list()
    assert info.value.status_code == 500 and info.value.retry_after == 2.0


@pytest.mark.anyio
async def test_a_500_without_rate_limit_headers_is_a_server_error_not_retried() -> None:
    for remaining in (None, "3"):  # no headers, or a limit not reached: a plain failure
        script = Script(500, 200, retry_after="0", remaining=remaining)
        async with make(script) as client:
            with pytest.raises(ServerError) as info:
                await client.secrets.get("K")
        assert not isinstance(info.value, RateLimitError) and len(script.seen) == 1


@pytest.mark.anyio
async def test_too_long_retry_after_is_not_waited_for() -> None:
    script = Script(429, retry_after="3600")
    async with make(script) as client:
        with pytest.raises(RateLimitError) as info:
            await client.secrets.get("K")
    assert len(script.seen) == 1 and info.value.attempts == 1


@pytest.mark.anyio
async def test_post_retried_on_connect_error_only() -> None:
    script = Script(httpx.ConnectError, httpx.ConnectError, 200)
    async with make(script) as client:
        created = await client.secrets.create("K", "v")
    assert created.key == "K" and script.seen == ["POST"] * 3

    for maybe_sent in (httpx.ReadTimeout, httpx.RemoteProtocolError):
        script = Script(maybe_sent, 200)
        async with make(script) as client:
            with pytest.raises(TransportError) as info:
                await client.secrets.create("K", "v")
        assert script.seen == ["POST"] and info.value.attempts == 1


@pytest.mark.anyio
async def test_post_502_is_not_retried_but_503_with_retry_after_is() -> None:
    script = Script(502, 200)
    async with make(script) as client:
        with pytest.raises(ServerError):
            await client.secrets.update("K", "v")
    assert script.seen == ["PATCH"]
    script = Script(503, 200, retry_after="0")
    async with make(script) as client:
        await client.secrets.delete("K")
    assert script.seen == ["DELETE", "DELETE"]


@pytest.mark.anyio
async def test_get_read_timeout_is_retried_and_counted() -> None:
    script = Script(httpx.ReadTimeout)
    timed_out = r"timed out.*after 4 attempts"
    async with make(script) as client:
        with pytest.raises(TransportError, match=timed_out) as info:
            await client.secrets.get("K")
    assert info.value.attempts == 4 and len(script.seen) == 4


@pytest.mark.anyio
async def test_retries_zero_disables() -> None:
    script = Script(503)
    async with make(script, retries=0) as client:
        with pytest.raises(ServerError) as info:
            await client.secrets.get("K")
    assert len(script.seen) == 1 and info.value.attempts == 1
