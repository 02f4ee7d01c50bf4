"""The ``redis`` provider against a Redis server of the test's own: a lease is an ACL user
that authenticates with the leased password (and no other); revoke and expiry delete it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import redis

from _redis import own_redis
from infisical_kit.testing import LocalServer

from ._auth_support import ago, db_exec
from ._dynamic_support import FAST_SWEEP, Api, ok, wait_until

CREATE = "ACL SETUSER {{username}} on >{{password}} ~* +@all"
REVOKE = "ACL DELUSER {{username}}"


@pytest.fixture(scope="module")
def redis_port() -> Iterator[int]:
    with own_redis() as port:
        yield port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    with LocalServer(tmp_path_factory.mktemp("dyn-redis"), env=FAST_SWEEP) as srv:
        yield srv


@pytest.fixture
def api(server: LocalServer) -> Iterator[Api]:
    made = Api(server)
    yield made
    made.close()


def inputs(port: int, **extra: Any) -> dict[str, Any]:
    return {
        "host": "127.0.0.1",
        "port": port,
        "username": "default",
        "creationStatement": CREATE,
        "revocationStatement": REVOKE,
        **extra,
    }


def authenticates(port: int, user: str, password: str) -> bool:
    try:
        with redis.Redis(host="127.0.0.1", port=port, username=user, password=password) as r:
            return bool(r.ping())
    except redis.AuthenticationError:
        return False


def acl_users(port: int) -> list[str]:
    with redis.Redis(host="127.0.0.1", port=port) as r:
        return [u.decode() if isinstance(u, bytes) else u for u in r.acl_users()]


def test_a_lease_is_an_acl_user_until_revoked(api: Api, redis_port: int) -> None:
    name = ok(api.create("redis", inputs(redis_port)))["dynamicSecret"]["name"]
    made = ok(api.lease(name))
    user, password = made["data"]["DB_USERNAME"], made["data"]["DB_PASSWORD"]
    assert user in acl_users(redis_port)
    assert authenticates(redis_port, user, password)
    assert not authenticates(redis_port, user, password + "x")
    assert ok(api.revoke(made["lease"]["id"]))["lease"]["status"] is None
    assert user not in acl_users(redis_port)
    assert not authenticates(redis_port, user, password)


def test_an_expired_lease_is_deleted_by_the_sweeper(
    server: LocalServer, api: Api, redis_port: int
) -> None:
    name = ok(api.create("redis", inputs(redis_port)))["dynamicSecret"]["name"]
    made = ok(api.lease(name))
    user, password = made["data"]["DB_USERNAME"], made["data"]["DB_PASSWORD"]
    db_exec(
        server,
        "UPDATE dynamic_secret_leases SET expire_at = ? WHERE id = ?",
        ago(1),
        made["lease"]["id"],
    )
    wait_until(lambda: user not in acl_users(redis_port), "the sweeper deletes the ACL user")
    assert not authenticates(redis_port, user, password)
    assert api.get_lease(made["lease"]["id"]).status_code == 404


def test_bad_commands_and_unreachable_servers_are_400(api: Api, redis_port: int) -> None:
    closed = api.create("redis", inputs(1))
    assert closed.status_code == 400, closed.text
    assert closed.json()["message"].startswith("Provider connection failed")
    bad = inputs(redis_port, creationStatement="ACL SETUSER {{username}} on >{{password}} bogus")
    name = ok(api.create("redis", bad))["dynamicSecret"]["name"]
    resp = api.lease(name)
    assert resp.status_code == 400, resp.text
    assert "Redis transaction failed" in resp.json()["message"]
    assert "{{password}}" not in resp.text
    listed = api.http.get(f"/api/v1/dynamic-secrets/{name}/leases", params=api.scope)
    assert ok(listed)["leases"] == []
