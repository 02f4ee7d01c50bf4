"""User (email/password) login against the real server: secrets, session refresh, logout.

The bootstrap admin logs in (``/api/v3/auth/login``), selects the bootstrap organization, and
uses the organization-scoped token. The ``jid`` refresh-cookie path is driven by moving the
token manager's clock into the advisory window (the server's user tokens live a day, so real
time never matters). Requests are counted by a forwarding transport.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient, AuthenticationError, Config

from ._counting import Clock, CountingTransport

USER_LOGIN = "/api/v3/auth/login"
SELECT_ORG = "/api/v3/auth/select-organization"
SESSION_REFRESH = "/api/v1/auth/token"
LOGOUT = "/api/v1/auth/logout"


def user_client(
    server: Any, transport: CountingTransport, *, organization: bool = True, **kwargs: Any
) -> AsyncClient:
    """A client logging in as the bootstrap admin user; the organization is passed through
    the `Config` (``organization_id`` setting) unless `organization` is False."""
    boot = server.bootstrap
    config = Config.explicit(organization_id=boot["organization_id"]) if organization else None
    options: dict[str, Any] = {
        "username": boot["admin_email"],
        "password": boot["admin_password"],
        "project_id": boot["project_id"],
        "environment": boot["environments"][0],
        **kwargs,
    }
    return AsyncClient(server.url, transport=transport, config=config, cache_ttl=0, **options)


def secret_name() -> str:
    return f"USER_{uuid.uuid4().hex[:8].upper()}"


async def status_with(server: Any, token: str) -> int:
    """The status of an authenticated list call made outside the client with `token`."""
    boot = server.bootstrap
    async with httpx.AsyncClient(base_url=server.url) as raw:
        answer = await raw.get(
            "/api/v4/secrets",
            params={"projectId": boot["project_id"], "environment": boot["environments"][0]},
            headers={"Authorization": f"Bearer {token}"},
        )
    return answer.status_code


@pytest.mark.anyio
async def test_user_login_lists_and_creates_secrets(infisical_server: Any) -> None:
    transport = CountingTransport()
    async with user_client(infisical_server, transport) as client:
        name = secret_name()
        created = await client.secrets.create(name, "from-a-user")
        assert created.key == name
        listed = {s.key: s.value for s in await client.secrets.list()}
        assert listed[name] == "from-a-user"
        assert (await client.secrets.get(name)).value == "from-a-user"
        assert transport.count(USER_LOGIN) == 1 and transport.count(SELECT_ORG) == 1
        assert transport.count("/api/v1/organization") == 0  # organization_id was given
        token = await client.auth.authorize()
        password = infisical_server.bootstrap["admin_password"]
        assert token not in repr(client) and password not in repr(client)
        await client.secrets.delete(name)


@pytest.mark.anyio
async def test_user_login_without_organization_id(infisical_server: Any) -> None:
    transport = CountingTransport()
    async with user_client(infisical_server, transport, organization=False) as client:
        # No organization configured: the client lists the user's organizations and
        # selects the first (the server's GET /api/v1/organization).
        name = secret_name()
        await client.secrets.create(name, "no-org-given")
        assert (await client.secrets.get(name)).value == "no-org-given"
        assert transport.paths[:3] == [USER_LOGIN, "/api/v1/organization", SELECT_ORG]
        await client.secrets.delete(name)


@pytest.mark.anyio
async def test_session_refresh_with_the_jid_cookie(infisical_server: Any) -> None:
    transport, clock = CountingTransport(), Clock()
    async with user_client(infisical_server, transport) as client:
        client._requester.tokens._clock = clock
        await client.secrets.list()
        state = client._requester.tokens._state
        assert state is not None and state.expires_at is not None
        assert transport.count(USER_LOGIN) == 1

        clock.now = state.expires_at - 200  # advisory window of a one-day token
        await client.secrets.list()
        assert transport.count(SESSION_REFRESH) == 1 and transport.count(USER_LOGIN) == 1
        refreshed = client._requester.tokens._state
        assert refreshed is not None and refreshed.obtained_at == clock.now
        assert refreshed.expires_at is not None and refreshed.expires_at > state.expires_at
        assert await status_with(infisical_server, refreshed.access_token) == 200

        clock.now = refreshed.expires_at - 10  # mandatory window: refresh again
        await client.secrets.list()
        assert transport.count(SESSION_REFRESH) == 2 and transport.count(USER_LOGIN) == 1

        current = client._requester.tokens._state
        assert current is not None and current.expires_at is not None
        clock.now = current.expires_at + 1  # expired: a full login, not a cookie refresh
        await client.secrets.list()
        assert transport.count(SESSION_REFRESH) == 2 and transport.count(USER_LOGIN) == 2

        await client.auth.renew()  # explicit: a user session is refreshed with the cookie
        assert transport.count(SESSION_REFRESH) == 3 and transport.count(USER_LOGIN) == 2
        assert transport.count("/api/v1/auth/token/renew") == 0


@pytest.mark.anyio
async def test_revoke_logs_out_and_the_next_call_logs_in(infisical_server: Any) -> None:
    transport = CountingTransport()
    async with user_client(infisical_server, transport) as client:
        await client.secrets.list()
        token = await client.auth.authorize()
        assert await status_with(infisical_server, token) == 200
        await client.auth.revoke()
        assert transport.count(LOGOUT) == 1
        assert await status_with(infisical_server, token) == 401  # the session is over
        await client.secrets.list()
        assert transport.count(USER_LOGIN) == 2
        again = await client.auth.authorize()
        assert again != token and await status_with(infisical_server, again) == 200


@pytest.mark.anyio
async def test_wrong_password_is_an_authentication_error(infisical_server: Any) -> None:
    # A separate, unknown user: a wrong password for the admin could trip a lockout that
    # other tests of the session would feel.
    transport = CountingTransport()
    async with user_client(
        infisical_server,
        transport,
        username=f"nobody-{uuid.uuid4().hex[:6]}@example.com",
        password="not-the-password",
    ) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.secrets.list()
        assert info.value.status_code == 401
        assert "not-the-password" not in str(info.value) and "not-the-password" not in repr(
            info.value
        )
        assert transport.paths == [USER_LOGIN]
