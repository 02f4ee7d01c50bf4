"""Token renewal against the real server: advisory and mandatory renews, max TTL, refused renew.

Each test makes its own machine identity over HTTP (as the bootstrap identity) with
``accessTokenTTL`` < ``accessTokenMaxTTL``, both long (hours), so real time never matters: the
client's clock is driven through the token manager's injectable clock. Requests are counted by
a transport that forwards every request to the real httpx transport.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient

from ._counting import Clock, CountingTransport

LOGIN = "/api/v1/auth/universal-auth/login"
RENEW = "/api/v1/auth/token/renew"
REVOKE = "/api/v1/auth/token/revoke"
TTL = 3600
MAX_TTL = 12000


async def make_identity(server: Any, ttl: int, max_ttl: int) -> tuple[str, str]:
    """A new identity with universal auth (`ttl`, `max_ttl`), a project member of the bootstrap
    project; returns ``(client_id, client_secret)``."""
    boot = server.bootstrap
    async with httpx.AsyncClient(base_url=server.url, timeout=30.0) as http:
        login = await http.post(
            LOGIN, json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]}
        )
        assert login.status_code == 200, login.text
        http.headers["Authorization"] = f"Bearer {login.json()['accessToken']}"
        made = await http.post(
            "/api/v1/identities",
            json={
                "name": f"renew-{uuid.uuid4().hex[:8]}",
                "organizationId": boot["organization_id"],
                "role": "member",
            },
        )
        assert made.status_code == 200, made.text
        iid = made.json()["identity"]["id"]
        ua_path = f"/api/v1/auth/universal-auth/identities/{iid}"
        ua = await http.post(ua_path, json={"accessTokenTTL": ttl, "accessTokenMaxTTL": max_ttl})
        assert ua.status_code == 200, ua.text
        secret = await http.post(f"{ua_path}/client-secrets", json={"description": "renew"})
        assert secret.status_code == 200, secret.text
        member = await http.post(
            f"/api/v2/workspace/{boot['project_id']}/identity-memberships/{iid}",
            json={"role": "member"},
        )
        assert member.status_code == 200, member.text
        return ua.json()["identityUniversalAuth"]["clientId"], secret.json()["clientSecret"]


def make_client(server: Any, client_id: str, client_secret: str) -> AsyncClient:
    boot = server.bootstrap
    return AsyncClient(
        server.url,
        client_id=client_id,
        client_secret=client_secret,
        project_id=boot["project_id"],
        environment=boot["environments"][0],
        transport=CountingTransport(),
        cache_ttl=0,
    )


def counter(client: AsyncClient) -> CountingTransport:
    transport = client._requester.driver.http._transport
    assert isinstance(transport, CountingTransport)
    return transport


@pytest.mark.anyio
async def test_advisory_and_mandatory_renew_then_login_past_max_ttl(
    infisical_server: Any,
) -> None:
    client_id, client_secret = await make_identity(infisical_server, TTL, MAX_TTL)
    clock = Clock()
    async with make_client(infisical_server, client_id, client_secret) as client:
        transport = counter(client)
        client._requester.tokens._clock = clock
        await client.auth.test_authentication()
        first = client._requester.tokens._state
        assert first is not None and first.expires_at == clock.now + TTL
        assert first.max_expires_at == clock.now + MAX_TTL
        assert (transport.count(LOGIN), transport.count(RENEW)) == (1, 0)

        # Advisory window (last 300 s): one renew, same session, new expiry; calls keep working.
        clock.now = first.expires_at - 200
        await client.auth.test_authentication()
        assert (transport.count(LOGIN), transport.count(RENEW)) == (1, 1)
        renewed = client._requester.tokens._state
        assert renewed is not None and renewed.obtained_at == clock.now
        assert renewed.expires_at == clock.now + TTL
        assert renewed.session_started_at == first.session_started_at
        await client.secrets.list()  # the renewed token is accepted by the server
        assert transport.paths[-1] == "/api/v4/secrets" and transport.count(LOGIN) == 1

        # Mandatory window (last 60 s): renew again (still within the max TTL).
        assert renewed.expires_at is not None
        clock.now = renewed.expires_at - 30
        await client.auth.test_authentication()
        assert (transport.count(LOGIN), transport.count(RENEW)) == (1, 2)
        again = client._requester.tokens._state
        assert again is not None and again.expires_at == clock.now + TTL

        # A renew now would end after the max TTL: a fresh login instead, a new session.
        assert again.expires_at is not None and again.max_expires_at is not None
        clock.now = again.expires_at - 200
        assert clock.now + TTL > again.max_expires_at
        await client.auth.test_authentication()
        assert (transport.count(LOGIN), transport.count(RENEW)) == (2, 2)
        fresh = client._requester.tokens._state
        assert fresh is not None and fresh.session_started_at == clock.now
        assert fresh.max_expires_at == clock.now + MAX_TTL
        await client.secrets.list()
        assert transport.count(LOGIN) == 2


@pytest.mark.anyio
async def test_explicit_renew_uses_the_renew_route(infisical_server: Any) -> None:
    client_id, client_secret = await make_identity(infisical_server, TTL, MAX_TTL)
    async with make_client(infisical_server, client_id, client_secret) as client:
        transport = counter(client)
        await client.auth.renew()  # no token yet: logs in
        assert (transport.count(LOGIN), transport.count(RENEW)) == (1, 0)
        await client.auth.renew()
        assert (transport.count(LOGIN), transport.count(RENEW)) == (1, 1)
        await client.auth.test_authentication()
        assert transport.count(LOGIN) == 1


async def revoke(server: Any, token: str) -> None:
    """Revoke `token` on the server behind the client's back."""
    async with httpx.AsyncClient(base_url=server.url) as raw:
        revoked = await raw.post(REVOKE, json={"accessToken": token})
        assert revoked.status_code == 200, revoked.text


@pytest.mark.anyio
async def test_refused_renew_falls_back_to_login(infisical_server: Any) -> None:
    client_id, client_secret = await make_identity(infisical_server, TTL, MAX_TTL)
    clock = Clock()
    async with make_client(infisical_server, client_id, client_secret) as client:
        transport = counter(client)
        client._requester.tokens._clock = clock
        for window in (200, 30):  # seconds before expiry: advisory, then mandatory window
            state = client._requester.tokens._state
            if state is None:
                await client.auth.authorize()
                state = client._requester.tokens._state
            assert state is not None and state.expires_at is not None
            await revoke(infisical_server, state.access_token)
            clock.now = state.expires_at - window
            before = len(transport.paths)
            await client.auth.test_authentication()
            # The server refuses the renew (401); the client logs in and the call succeeds.
            assert transport.paths[before:] == [RENEW, LOGIN, "/api/v4/secrets"]
            fresh = client._requester.tokens._state
            assert fresh is not None and fresh.session_started_at == clock.now
        assert (transport.count(LOGIN), transport.count(RENEW)) == (3, 2)
