"""The ``sql-database`` provider against the real PostgreSQL: a lease is a real role whose
password is the leased one and that logs in; renew moves its ``VALID UNTIL``; revoke, expiry
(the sweeper) and a forced revoke drop it; a revocation PostgreSQL refuses is reported and
retried until it succeeds; two servers on one PostgreSQL revoke each expired lease once.

Expiry is made by moving a lease's ``expire_at`` into the past in the server's database (the
shortest TTL Infisical allows is one minute); the sweeper of the test servers runs every 0.1 s.
"""

from __future__ import annotations

import base64
import secrets
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import ago, db_exec
from ._dynamic_support import (
    AUDITED_REVOKE,
    FAST_SWEEP,
    Api,
    admin,
    login_works,
    ok,
    role,
    scram_matches,
    sql_inputs,
    target_database,
    wait_until,
)

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    with LocalServer(tmp_path_factory.mktemp("dyn-pg"), env=FAST_SWEEP) as srv:
        yield srv


@pytest.fixture
def api(server: LocalServer) -> Iterator[Api]:
    made = Api(server)
    yield made
    made.close()


@pytest.fixture
def database() -> Iterator[str]:
    with target_database() as name:
        yield name


def _expiry(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _lease(api: Api, name: str, **extra: Any) -> tuple[dict[str, Any], str, str]:
    body = ok(api.lease(name, **extra))
    return body["lease"], body["data"]["DB_USERNAME"], body["data"]["DB_PASSWORD"]


def test_a_lease_is_a_real_role_renewed_and_dropped(api: Api, database: str) -> None:
    name = ok(api.create("sql-database", sql_inputs(database)))["dynamicSecret"]["name"]
    lease, user, password = _lease(api, name, ttl="10m")
    assert lease["externalEntityId"] == user and len(user) == 32
    found = role(user)
    assert found is not None, "the lease made no role"
    valid_until, verifier = found
    assert scram_matches(verifier, password), "the role's password is not the leased one"
    assert not scram_matches(verifier, password + "x")
    assert valid_until == _expiry(lease["expireAt"])
    assert login_works(database, user, password)

    renewed = ok(api.renew(lease["id"], ttl="30m"))["lease"]
    assert _expiry(renewed["expireAt"]) > _expiry(lease["expireAt"])
    assert role(user) is not None
    assert role(user)[0] == _expiry(renewed["expireAt"])  # type: ignore[index]

    revoked = ok(api.revoke(lease["id"]))["lease"]
    assert revoked["id"] == lease["id"] and revoked["status"] is None
    assert role(user) is None
    assert not login_works(database, user, password)
    assert api.get_lease(lease["id"]).status_code == 404


def test_an_expired_lease_is_revoked_by_the_sweeper(
    server: LocalServer, api: Api, database: str
) -> None:
    name = ok(api.create("sql-database", sql_inputs(database)))["dynamicSecret"]["name"]
    lease, user, password = _lease(api, name)
    keep, kept_user, kept_password = _lease(api, name)
    assert login_works(database, user, password)
    db_exec(
        server, "UPDATE dynamic_secret_leases SET expire_at = ? WHERE id = ?", ago(1), lease["id"]
    )
    wait_until(lambda: role(user) is None, "the sweeper drops the expired role")
    assert not login_works(database, user, password)
    assert api.get_lease(lease["id"]).status_code == 404
    # the lease that has not expired is untouched
    assert login_works(database, kept_user, kept_password)
    assert ok(api.get_lease(keep["id"]))["lease"]["status"] is None


def test_a_refused_revocation_is_reported_and_retried(
    server: LocalServer, api: Api, database: str
) -> None:
    inputs = sql_inputs(database, revocation=AUDITED_REVOKE)  # the audit table is missing
    name = ok(api.create("sql-database", inputs))["dynamicSecret"]["name"]
    by_hand, user_a, password_a = _lease(api, name)
    expiring, user_b, password_b = _lease(api, name)

    failed = ok(api.revoke(by_hand["id"]))["lease"]
    assert failed["status"] == "Failed to delete"
    assert "revocations" in failed["statusDetails"]
    db_exec(
        server,
        "UPDATE dynamic_secret_leases SET expire_at = ? WHERE id = ?",
        ago(1),
        expiring["id"],
    )
    wait_until(
        lambda: ok(api.get_lease(expiring["id"]))["lease"]["status"] == "Failed to delete",
        "the sweeper reports the refused revocation",
    )
    shown = ok(api.get_lease(by_hand["id"]))["lease"]
    assert shown["status"] == "Failed to delete" and shown["nextRevokeAttemptAt"]
    assert role(user_a) is not None and role(user_b) is not None  # nothing was dropped

    log = server.log_tail(400)
    assert f"revoking lease {by_hand['id']} of dynamic secret {name} failed" in log
    assert password_a not in log and password_b not in log

    with admin(database) as conn:
        conn.execute("CREATE TABLE revocations (username text NOT NULL)")
    wait_until(
        lambda: (
            api.get_lease(by_hand["id"]).status_code == 404
            and api.get_lease(expiring["id"]).status_code == 404
        ),
        "the retried revocations succeed",
    )
    assert role(user_a) is None and role(user_b) is None
    with admin(database) as conn:
        rows = sorted(r[0] for r in conn.execute("SELECT username FROM revocations"))
    assert rows == sorted([user_a, user_b])


def test_a_forced_revoke_drops_the_lease_even_when_refused(api: Api, database: str) -> None:
    inputs = sql_inputs(database, revocation=AUDITED_REVOKE)
    name = ok(api.create("sql-database", inputs))["dynamicSecret"]["name"]
    lease, user, _ = _lease(api, name)
    assert ok(api.revoke(lease["id"], isForced=True))["lease"]["id"] == lease["id"]
    assert api.get_lease(lease["id"]).status_code == 404
    assert role(user) is not None  # forced: the provider kept it (Infisical's isForced)


def test_bad_connection_and_unsupported_clients_are_400(api: Api, database: str) -> None:
    wrong = {**sql_inputs(database), "database": "no_such_db_" + uuid.uuid4().hex[:6]}
    resp = api.create("sql-database", wrong)
    assert resp.status_code == 400, resp.text
    assert resp.json()["message"].startswith("Provider connection failed")
    resp = api.create("sql-database", {**sql_inputs(database), "client": "mysql2"})
    assert resp.status_code == 400, resp.text
    assert "not supported" in resp.json()["message"]
    bad_sql = {**sql_inputs(database), "creationStatement": "CREATE ROLE {{username}} BOGUS"}
    name = ok(api.create("sql-database", bad_sql))["dynamicSecret"]["name"]
    resp = api.lease(name)
    assert resp.status_code == 400, resp.text
    assert resp.json()["message"].startswith("Failed to create lease from provider")
    assert ok(api.http.get(f"/api/v1/dynamic-secrets/{name}/leases", params=api.scope)) == {
        "leases": []
    }


def test_provider_errors_never_show_the_password(api: Api, database: str) -> None:
    leaky = {**sql_inputs(database), "creationStatement": "SELECT '{{password}}'::int;"}
    name = ok(api.create("sql-database", leaky))["dynamicSecret"]["name"]
    resp = api.lease(name)
    assert resp.status_code == 400, resp.text
    message = resp.json()["message"]
    assert "invalid input syntax" in message and '"[REDACTED]"' in message


def test_two_servers_revoke_each_expired_lease_once(tmp_path: Path, postgres_url: str) -> None:
    env = {
        **FAST_SWEEP,
        "INFISICAL_KIT_ROOT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
    }
    with (
        target_database() as database,
        LocalServer(tmp_path / "a", database_url=postgres_url, env=env) as a,
        LocalServer(tmp_path / "b", database_url=postgres_url, env=env) as b,
    ):
        with admin(database) as conn:
            conn.execute("CREATE TABLE revocations (username text NOT NULL)")
        api = Api(a)
        try:
            inputs = sql_inputs(database, revocation=AUDITED_REVOKE)
            name = ok(api.create("sql-database", inputs))["dynamicSecret"]["name"]
            users = [_lease(api, name)[1] for _ in range(24)]
        finally:
            api.close()
        url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, autocommit=True) as conn:
            past = "now() AT TIME ZONE 'utc' - interval '1 second'"
            conn.execute(f"UPDATE dynamic_secret_leases SET expire_at = {past}")
            wait_until(
                lambda: (
                    conn.execute("SELECT count(*) FROM dynamic_secret_leases").fetchone() == (0,)
                ),
                "both servers sweep every expired lease",
            )
        with admin(database) as conn:
            rows = [r[0] for r in conn.execute("SELECT username FROM revocations")]
        assert sorted(rows) == sorted(users), "each lease must be revoked exactly once"
        assert all(role(user) is None for user in users)
        for server in (a, b):  # both kept sweeping without a crash
            assert server.process is not None and server.process.poll() is None
