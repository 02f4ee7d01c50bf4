"""Token lifecycle against the real server: windows, re-login, revoke, single flight, auth API.

Authenticated calls go through ``client.auth.test_authentication()`` (``GET /api/v4/secrets``
through the client's request path, never cached). Requests are counted by a transport that
forwards every request to the real httpx transport (counting, not faking). The only fault
injected is a corrupted bearer token (the real server then answers 403 TokenError). Time is
driven through the token manager's injectable clock.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient, AuthenticationError, ConfigurationError, Credentials

from ._counting import Clock, CountingTransport

LOGIN = "/api/v1/auth/universal-auth/login"
RENEW = "/api/v1/auth/token/renew"
# Wrong credentials use an unknown client id: wrong secrets for the shared bootstrap identity
# would trip the server's client-secret lockout for every other test of the session.
UNKNOWN_CLIENT_ID = "00000000-0000-4000-8000-000000000000"


def make_client(
    server: Any, transport: CountingTransport | None = None, **kwargs: Any
) -> AsyncClient:
    boot = server.bootstrap
    options: dict[str, Any] = {
        "client_id": boot["client_id"],
        "client_secret": boot["client_secret"],
        "project_id": boot["project_id"],
        "environment": boot["environments"][0],
        **kwargs,
    }
    return AsyncClient(server.url, transport=transport, **options)


def fake_jwt(claims: dict[str, Any]) -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(claims)}.c2lnbmF0dXJl"


async def concurrently(n: int, call: Callable[[], Any]) -> list[Any]:
    """Run `call` n times at once: asyncio.gather here; n threads in the generated sync test."""
    # unasync: remove-start
    return list(await asyncio.gather(*(call() for _ in range(n))))
    # unasync: remove-end
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(lambda _: call(), range(n)))


@pytest.mark.anyio
async def test_static_expired_jwt_fails_before_any_request(infisical_server: Any) -> None:
    transport = CountingTransport()
    expired = fake_jwt({"exp": int(time.time()) - 3600, "authTokenType": "identityAccessToken"})
    async with make_client(
        infisical_server, transport, token=expired, client_id=None, client_secret=None
    ) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.auth.test_authentication()
        assert transport.paths == []
        message = str(info.value)
        assert "static token expired at" in message and "get a new one" in message
        assert expired not in message and expired not in repr(info.value)
        with pytest.raises(AuthenticationError):
            await client.auth.authorize()
        with pytest.raises(ConfigurationError):
            await client.auth.renew()


@pytest.mark.anyio
async def test_static_non_jwt_and_unexpired_tokens_are_sent_as_given(infisical_server: Any) -> None:
    future = fake_jwt({"exp": int(time.time()) + 3600})
    for token in ("not-a-jwt-token", future):
        transport = CountingTransport()
        async with make_client(
            infisical_server, transport, token=token, client_id=None, client_secret=None
        ) as client:
            assert await client.auth.authorize() == token
            with pytest.raises(AuthenticationError) as info:  # the real server rejects it
                await client.auth.test_authentication()
            assert info.value.status_code in (401, 403)
        assert transport.paths == ["/api/v4/secrets"]  # sent once, no login, no retry


@pytest.mark.anyio
async def test_advisory_window_refreshes_and_max_ttl_forces_a_new_login(
    infisical_server: Any,
) -> None:
    # The bootstrap identity has accessTokenTTL == accessTokenMaxTTL, so a renewed token would
    # outlive the max TTL: every refresh must be a fresh login, never a renew.
    transport, clock = CountingTransport(), Clock()
    async with make_client(infisical_server, transport) as client:
        client._requester.tokens._clock = clock
        first = await client.auth.authorize()
        state = client._requester.tokens._state
        assert state is not None and state.expires_at is not None
        assert await client.auth.authorize() == first and transport.count(LOGIN) == 1

        clock.now = state.expires_at - 200  # advisory window (last 300 s of a 30-day token)
        await client.auth.test_authentication()
        second = await client.auth.authorize()
        assert transport.count(LOGIN) == 2 and transport.count(RENEW) == 0 and second != first

        state = client._requester.tokens._state
        assert state is not None and state.expires_at is not None
        clock.now = state.expires_at - 10  # mandatory window
        await client.auth.test_authentication()
        assert transport.count(LOGIN) == 3 and transport.count(RENEW) == 0


@pytest.mark.anyio
async def test_advisory_refresh_failure_keeps_the_valid_token(
    infisical_server: Any, caplog: pytest.LogCaptureFixture
) -> None:
    transport, clock = CountingTransport(), Clock()
    async with make_client(infisical_server, transport) as client:
        client._requester.tokens._clock = clock
        token = await client.auth.authorize()
        state = client._requester.tokens._state
        assert state is not None and state.expires_at is not None
        clock.now = state.expires_at - 200
        # The server refuses the refresh login (wrong secret from the re-resolved credentials).
        wrong = Credentials.universal_auth(UNKNOWN_CLIENT_ID, "wrong-secret-value")
        client._requester.tokens._resolver = lambda: wrong
        caplog.set_level("WARNING", logger="infisical_kit.auth")
        assert await client.auth.authorize() == token
        await client.auth.test_authentication()  # the old token still works
        assert "advisory token refresh failed" in caplog.text
        assert token not in caplog.text and "wrong-secret-value" not in caplog.text
        clock.now = state.expires_at - 5  # mandatory: the failure is now an error
        with pytest.raises(AuthenticationError):
            await client.auth.test_authentication()


@pytest.mark.anyio
async def test_revoked_token_gives_one_relogin_and_one_retry(infisical_server: Any) -> None:
    transport = CountingTransport()
    async with make_client(infisical_server, transport) as client:
        token = await client.auth.authorize()
        async with httpx.AsyncClient(base_url=infisical_server.url) as raw:
            revoked = await raw.post(RENEW.replace("renew", "revoke"), json={"accessToken": token})
            assert revoked.status_code == 200
            assert (
                await raw.get("/api/v4/secrets", headers={"Authorization": f"Bearer {token}"})
            ).status_code == 401
        before = len(transport.paths)
        await client.auth.test_authentication()
        assert transport.paths[before:] == ["/api/v4/secrets", LOGIN, "/api/v4/secrets"]
        assert await client.auth.authorize() != token


@pytest.mark.anyio
async def test_token_error_403_gives_one_relogin_and_one_retry(infisical_server: Any) -> None:
    transport = CountingTransport()
    async with make_client(infisical_server, transport) as client:
        await client.auth.authorize()
        transport.corrupt_next = 1  # the real server answers 403 TokenError (invalid signature)
        before = len(transport.paths)
        await client.auth.test_authentication()
        assert transport.paths[before:] == ["/api/v4/secrets", LOGIN, "/api/v4/secrets"]
        transport.corrupt_next = 2  # rejected again after the re-login: no second re-login
        with pytest.raises(AuthenticationError) as info:
            await client.auth.test_authentication()
        assert info.value.status_code == 403 and info.value.error == "TokenError"
        assert transport.count(LOGIN) == 3


@pytest.mark.anyio
async def test_100_concurrent_calls_share_one_login(infisical_server: Any) -> None:
    transport, clock = CountingTransport(), Clock()
    async with make_client(infisical_server, transport) as client:
        client._requester.tokens._clock = clock
        results = await concurrently(100, client.auth.test_authentication)
        assert transport.count(LOGIN) == 1 and results == [None] * 100

        state = client._requester.tokens._state
        assert state is not None and state.expires_at is not None
        clock.now = state.expires_at + 1  # expired: every caller needs a new token
        results = await concurrently(100, client.auth.test_authentication)
        assert transport.count(LOGIN) == 2 and results == [None] * 100
        assert transport.count("/api/v4/secrets") == 200


@pytest.mark.anyio
async def test_auth_namespace_login_revoke_authorize(infisical_server: Any) -> None:
    transport = CountingTransport()
    async with make_client(infisical_server, transport) as client:
        assert repr(client.auth) == f"{type(client.auth).__name__}()"
        await client.auth.login()
        await client.auth.login()
        assert transport.count(LOGIN) == 2
        token = await client.auth.authorize()
        assert token not in repr(client) and token not in repr(client._requester.tokens)
        await client.auth.revoke()
        async with httpx.AsyncClient(base_url=infisical_server.url) as raw:
            answer = await raw.get("/api/v4/secrets", headers={"Authorization": f"Bearer {token}"})
            assert answer.status_code == 401
        await client.auth.test_authentication()  # logs in again on next use
        assert transport.count(LOGIN) == 3 and await client.auth.authorize() != token


@pytest.mark.anyio
async def test_test_authentication(infisical_server: Any) -> None:
    async with make_client(infisical_server) as client:
        assert await client.test_authentication() is None
        assert await client.auth.test_authentication() is None
    async with make_client(
        infisical_server, client_id=UNKNOWN_CLIENT_ID, client_secret="wrong-secret-value"
    ) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.test_authentication()
        assert "wrong-secret-value" not in str(info.value)
    async with make_client(
        infisical_server, token="not-a-token", client_id=None, client_secret=None
    ) as client:
        with pytest.raises(AuthenticationError):
            await client.auth.test_authentication()


@pytest.mark.anyio
async def test_test_if_authenticated_checks_up_front(infisical_server: Any) -> None:
    transport = CountingTransport()
    async with make_client(infisical_server, transport, test_if_authenticated=True):
        assert transport.count(LOGIN) == 1  # checked before the body ran
    with pytest.raises(AuthenticationError):
        async with make_client(
            infisical_server,
            client_id=UNKNOWN_CLIENT_ID,
            client_secret="wrong-secret-value",
            test_if_authenticated=True,
        ):
            pytest.fail("a client with wrong credentials must not be usable")
