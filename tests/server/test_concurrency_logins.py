"""Simultaneous logins on SQLite over real HTTP: universal-auth and user logins all answer 200
with distinct working tokens; under concurrency a client secret's use limit and the lockout
count stay exact (they are re-checked in the short write transaction, after the argon2 check
that runs outside it); and a write refused because another process holds SQLite's write lock
is a 503 with Retry-After that wrote nothing.
"""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

UA_LOGIN = "/api/v1/auth/universal-auth/login"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A private SQLite server (its identities get locked out on purpose)."""
    with LocalServer(tmp_path_factory.mktemp("logins") / "srv") as srv:
        yield srv


async def _post_all(
    server: LocalServer, path: str, bodies: list[dict[str, Any]]
) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=len(bodies))
    async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits) as http:
        return list(await asyncio.gather(*(http.post(path, json=body) for body in bodies)))


def _admin(server: LocalServer) -> httpx.Client:
    boot = server.bootstrap
    answer = httpx.post(
        server.url + UA_LOGIN,
        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    token = answer.json()["accessToken"]
    return httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=60
    )


def _new_identity(
    server: LocalServer, ua: dict[str, Any], secret: dict[str, Any]
) -> tuple[str, str]:
    """A fresh identity with universal auth ``ua`` and one client secret: (id, secret)."""
    with _admin(server) as http:
        made = http.post(
            "/api/v1/identities",
            json={"name": f"conc-{uuid.uuid4().hex[:8]}", "organizationId": _org(server)},
        )
        assert made.status_code == 200, made.text
        identity_id = made.json()["identity"]["id"]
        path = f"/api/v1/auth/universal-auth/identities/{identity_id}"
        attached = http.post(path, json=ua)
        assert attached.status_code == 200, attached.text
        client_id = attached.json()["identityUniversalAuth"]["clientId"]
        created = http.post(path + "/client-secrets", json=secret)
        assert created.status_code == 200, created.text
        return client_id, created.json()["clientSecret"]


def _org(server: LocalServer) -> str:
    return str(server.bootstrap["organization_id"])


def test_fifty_universal_auth_logins_all_succeed(server: LocalServer) -> None:
    boot = server.bootstrap
    body = {"clientId": boot["client_id"], "clientSecret": boot["client_secret"]}
    answers = asyncio.run(_post_all(server, UA_LOGIN, [body] * 50))
    assert [(a.status_code, a.text[:120]) for a in answers if a.status_code != 200] == []
    tokens = {a.json()["accessToken"] for a in answers}
    assert len(tokens) == 50
    check = httpx.get(
        f"{server.url}/api/v4/secrets",
        params={"projectId": boot["project_id"], "environment": boot["environments"][0]},
        headers={"Authorization": f"Bearer {sorted(tokens)[0]}"},
        timeout=60,
    )
    assert check.status_code == 200, check.text


def test_twenty_user_logins_all_succeed(server: LocalServer) -> None:
    boot = server.bootstrap
    body = {"email": boot["admin_email"], "password": boot["admin_password"]}
    answers = asyncio.run(_post_all(server, "/api/v3/auth/login", [body] * 20))
    assert [(a.status_code, a.text[:120]) for a in answers if a.status_code != 200] == []
    assert len({a.json()["accessToken"] for a in answers}) == 20


def test_client_secret_use_limit_is_exact_under_concurrency(server: LocalServer) -> None:
    client_id, secret = _new_identity(server, {"lockoutEnabled": False}, {"numUsesLimit": 7})
    body = {"clientId": client_id, "clientSecret": secret}
    answers = asyncio.run(_post_all(server, UA_LOGIN, [body] * 20))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 7 + [401] * 13


def test_lockout_counts_every_concurrent_failure(server: LocalServer) -> None:
    lockout = {
        "lockoutEnabled": True,
        "lockoutThreshold": 5,
        "lockoutDurationSeconds": 600,
        "lockoutCounterResetSeconds": 600,
    }
    client_id, secret = _new_identity(server, lockout, {})
    bad = {"clientId": client_id, "clientSecret": "x" * len(secret)}
    answers = asyncio.run(_post_all(server, UA_LOGIN, [bad] * 12))
    assert {a.status_code for a in answers} == {401}
    # At least the threshold's worth of failures were recorded: the right secret is refused.
    good = httpx.post(
        server.url + UA_LOGIN, json={"clientId": client_id, "clientSecret": secret}, timeout=60
    )
    assert good.status_code == 401, good.text
    assert "locked" in good.json()["message"]


def test_write_lock_held_by_another_process_is_a_retryable_503(server: LocalServer) -> None:
    """The in-process queue cannot help against another process: after SQLite's busy timeout
    the write answers 503 with Retry-After, and nothing of it was written."""
    boot = server.bootstrap
    with _admin(server) as http:
        scope = {"projectId": boot["project_id"], "environment": boot["environments"][0]}
        holder = sqlite3.connect(server.data_dir / "infisical-kit.db", isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")  # what another writer process would hold
            refused = http.post(
                "/api/v4/secrets/HELD_OUT", json={**scope, "secretValue": "v"}, timeout=60
            )
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert refused.status_code == 503, refused.text
        assert refused.headers.get("retry-after") == "1"
        assert refused.json()["error"] == "ServiceUnavailable"
        missing = http.get("/api/v4/secrets/HELD_OUT", params=scope)
        assert missing.status_code == 404, missing.text
        retried = http.post("/api/v4/secrets/HELD_OUT", json={**scope, "secretValue": "v"})
        assert retried.status_code == 200, retried.text
