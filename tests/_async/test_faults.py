"""Injected faults (mock transports only): re-login, token windows, network errors, no leaks."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from infisical_kit import (
    AsyncClient,
    AuthenticationError,
    ServerError,
    TransportError,
)

SCOPE: dict[str, Any] = {"project_id": "p", "environment": "dev"}
CLIENT_SECRET = "client-secret-do-not-log"


class FakeServer:
    """Issues tokens t1, t2, ... and accepts only those listed in `valid`."""

    def __init__(self, *, expires_in: int = 7200) -> None:
        self.expires_in = expires_in
        self.logins = 0
        self.login_status = 200
        self.valid: set[str] = set()
        self.seen_tokens: list[str | None] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/v1/auth/universal-auth/login":
            if self.login_status != 200:
                return httpx.Response(
                    self.login_status,
                    json={"statusCode": self.login_status, "message": "no", "error": "Err"},
                )
            self.logins += 1
            token = f"t{self.logins}"
            self.valid.add(token)
            return httpx.Response(
                200,
                json={
                    "accessToken": token,
                    "expiresIn": self.expires_in,
                    "accessTokenMaxTTL": 0,
                    "tokenType": "Bearer",
                },
            )
        auth = request.headers.get("authorization", "")
        presented = auth.removeprefix("Bearer ") if auth else None
        self.seen_tokens.append(presented)
        if presented not in self.valid:
            body = {"statusCode": 403, "message": "Your token has expired", "error": "TokenError"}
            return httpx.Response(403, json=body)
        if request.method == "GET":
            return httpx.Response(200, json={"secrets": []})
        sent: dict[str, Any] = json.loads(request.content)
        name = request.url.path.rsplit("/", 1)[-1]
        return httpx.Response(
            200, json={"secret": {"secretKey": name, "secretValue": sent.get("secretValue", "")}}
        )


def make_client(server: FakeServer, **kwargs: Any) -> AsyncClient:
    # No cache: these tests count the requests that reach the server.
    options: dict[str, Any] = {
        "client_id": "cid",
        "client_secret": CLIENT_SECRET,
        "cache_ttl": 0,
        **SCOPE,
    }
    options.update(kwargs)
    return AsyncClient("http://server.test", transport=httpx.MockTransport(server), **options)


@pytest.mark.anyio
async def test_logs_in_lazily_once() -> None:
    server = FakeServer()
    async with make_client(server) as client:
        assert server.logins == 0
        await client.secrets.list()
        await client.secrets.list()
    assert server.logins == 1 and server.seen_tokens == ["t1", "t1"]


@pytest.mark.anyio
async def test_rejected_token_triggers_one_relogin() -> None:
    server = FakeServer()
    async with make_client(server) as client:
        await client.secrets.list()
        server.valid.clear()  # the server revokes t1
        await client.secrets.list()
        assert server.logins == 2 and server.seen_tokens == ["t1", "t1", "t2"]
        server.valid.clear()
        server.login_status = 401
        with pytest.raises(AuthenticationError):
            await client.secrets.list()


@pytest.mark.anyio
async def test_static_token_is_never_replaced() -> None:
    server = FakeServer()
    client = make_client(server, token="static", client_id=None, client_secret=None)
    async with client:
        with pytest.raises(AuthenticationError) as info:
            await client.secrets.list()
    assert server.logins == 0 and server.seen_tokens == ["static"]
    assert info.value.status_code == 403 and info.value.error == "TokenError"


@pytest.mark.anyio
async def test_token_windows() -> None:
    now = [0.0]
    server = FakeServer(expires_in=100)
    async with make_client(server) as client:
        client._requester.tokens._clock = lambda: now[0]
        await client.secrets.list()
        now[0] = 80.0  # advisory window (last 25 s): refresh, but a failure keeps the old token
        server.login_status = 500
        await client.secrets.list()
        assert server.seen_tokens[-1] == "t1"
        now[0] = 95.0  # mandatory window (last 10 s): a failed refresh is an error
        with pytest.raises(ServerError):
            await client.secrets.list()
        server.login_status = 200
        await client.secrets.list()
        assert server.seen_tokens[-1] == "t2"


@pytest.mark.anyio
async def test_network_failure_is_a_transport_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with AsyncClient(
        "http://server.test",
        token="tok",
        transport=httpx.MockTransport(refuse),
        retries=0,
        **SCOPE,
    ) as client:
        with pytest.raises(TransportError) as info:
            await client.secrets.get("DB_URL")
    assert info.value.attempts == 1 and info.value.url == "http://server.test/api/v4/secrets/DB_URL"
    assert "GET http://server.test/api/v4/secrets/DB_URL: " in str(info.value)


@pytest.mark.anyio
async def test_nothing_secret_reaches_the_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="infisical_kit")
    server = FakeServer()
    async with make_client(server) as client:
        created = await client.secrets.create("DB_PASSWORD", "value-do-not-log")
        await client.secrets.update("DB_PASSWORD", "value2-do-not-log")
        text = caplog.text + repr(created) + repr(client)
    assert "DB_PASSWORD" in caplog.text
    for secret in (CLIENT_SECRET, "value-do-not-log", "value2-do-not-log", "Bearer t1"):
        assert secret not in text


@pytest.mark.anyio
async def test_user_agent_and_closed_client() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(200, json={"secrets": []})

    client = AsyncClient(
        "http://server.test",
        token="tok",
        user_agent="my-app/2.0",
        transport=httpx.MockTransport(handler),
        **SCOPE,
    )
    await client.secrets.list()
    await client.aclose()
    assert seen[0].startswith("my-app/2.0 infisical-kit/") and "python-httpx/" in seen[0]
    with pytest.raises(Exception, match="closed"):
        await client.secrets.list()


# unasync: remove-start


@pytest.mark.anyio
async def test_concurrent_first_use_logs_in_once() -> None:
    import anyio

    server = FakeServer()
    async with make_client(server) as client, anyio.create_task_group() as tg:
        for _ in range(20):
            tg.start_soon(client.secrets.list)
    assert server.logins == 1 and len(server.seen_tokens) == 20


# unasync: remove-end
