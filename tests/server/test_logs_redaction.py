"""Nothing sensitive in server logs: a server at ``--log-level debug`` goes through the error
paths (bad logins, bad tokens, validation errors, database errors, an expansion over budget)
and its whole log is searched for every secret the test used: no client secret or its
lookup prefix, password, token, secret value or argon2 hash may appear on any line."""

from __future__ import annotations

import contextlib
import sqlite3
import uuid
from collections.abc import Iterator

import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import (
    MachineIdentity,
    admin_token,
    client,
    db_path,
    ua_login,
    user_client,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A private server logging at DEBUG (its log is the evidence)."""
    data = tmp_path_factory.mktemp("logs") / "srv"
    with LocalServer(data, extra_args=["--log-level", "debug"]) as srv:
        yield srv


def _sql(server: LocalServer, statement: str) -> None:
    with contextlib.closing(sqlite3.connect(db_path(server), timeout=30)) as db:
        db.execute(statement)
        db.commit()


def _marker(what: str) -> str:
    return f"{what}-{uuid.uuid4().hex}"


def test_error_paths_at_debug_log_nothing_sensitive(server: LocalServer) -> None:
    boot = server.bootstrap
    pid = boot["project_id"]
    env = boot["environments"][0]
    admin = admin_token(server)
    sensitive = [boot["client_secret"], boot["admin_password"], admin]

    # A client secret of another identity, its lookup prefix and its stored argon2 hash.
    mi = MachineIdentity(server, admin)
    mi.join(admin, "member")
    with contextlib.closing(sqlite3.connect(db_path(server))) as db:
        prefix, stored_hash = db.execute(
            "SELECT prefix, secret_hash FROM identity_client_secrets WHERE identity_id=?",
            (mi.id,),
        ).fetchone()
    member_token = mi.token()
    sensitive += [mi.client_secret, prefix, stored_hash, member_token]

    # Bad logins: a wrong client secret (its prefix is looked up), a wrong password.
    wrong_secret = uuid.uuid4().hex + uuid.uuid4().hex
    assert ua_login(server, mi.client_id, wrong_secret).status_code == 401
    assert ua_login(server, mi.client_id, mi.client_secret[:8] + "0" * 56).status_code == 401
    wrong_password = _marker("wrong-password")
    with client(server) as http:
        login = {"email": boot["admin_email"], "password": wrong_password}
        assert http.post("/api/v3/auth/login", json=login).status_code in (400, 401, 403)
    sensitive += [wrong_secret, wrong_secret[:8], wrong_password]

    # Bad tokens: garbage, a service-token lookalike, a tampered JWT.
    garbage, service = _marker("garbage-token"), "st." + _marker("svc") + "." + _marker("key")
    tampered = member_token[:-6] + "AAAAAA"
    for token in (garbage, service, tampered):
        with client(server, token) as http:
            resp = http.get("/api/v4/secrets", params={"projectId": pid, "environment": env})
            assert 400 <= resp.status_code < 500, resp.status_code
    sensitive += [garbage, service, tampered]

    value = _marker("secret-value")
    with client(server, member_token) as http:
        # Validation errors carrying a secret value.
        bad = {"projectId": pid, "secretValue": value, "type": "nonsense"}
        assert http.post("/api/v4/secrets/LOGS_BAD", json=bad).status_code in (400, 422)
        assert http.post("/api/v4/secrets/LOGS_BAD", json=[value]).status_code in (400, 422)
        # A real secret, read back, and a reference expansion over its budget.
        scope = {"projectId": pid, "environment": env, "secretPath": "/"}
        made = http.post("/api/v4/secrets/LOGS_VALUE", json={**scope, "secretValue": value})
        assert made.status_code == 200
        bomb = {**scope, "secretValue": "${LOGS_VALUE}" * 1100}  # over the budget
        assert http.post("/api/v4/secrets/LOGS_BOMB", json=bomb).status_code == 200
        got = http.get(
            "/api/v4/secrets/LOGS_BOMB", params={**scope, "expandSecretReferences": "true"}
        )
        assert got.status_code == 400
    sensitive.append(value)

    # Database errors on statements that carry an argon2 hash and a prefix (a new client
    # secret) and a password hash (a password set): both fail inside the database.
    new_password = _marker("new-password")
    with contextlib.closing(user_client(server)) as user:
        invited = user.post(
            f"/api/v2/workspace/{pid}/memberships",
            json={"emails": [f"logs-{uuid.uuid4().hex[:8]}@example.com"], "roleSlugs": ["viewer"]},
        )
        assert invited.status_code == 200
        user_id = invited.json()["memberships"][0]["userId"]
        _sql(
            server,
            "CREATE TRIGGER logs_boom_cs BEFORE INSERT ON identity_client_secrets"
            " BEGIN SELECT logs_no_such_function(); END",
        )
        _sql(
            server,
            "CREATE TRIGGER logs_boom_users BEFORE UPDATE ON users"
            " BEGIN SELECT logs_no_such_function(); END",
        )
        try:
            with client(server, admin) as http:
                made = http.post(f"/api/v1/auth/universal-auth/identities/{mi.id}/client-secrets")
                assert made.status_code == 500
            body = {"password": new_password}
            resp = user.post(f"/api/v1/admin/users/{user_id}/password", json=body)
            assert resp.status_code == 500
        finally:
            _sql(server, "DROP TRIGGER logs_boom_cs")
            _sql(server, "DROP TRIGGER logs_boom_users")
    sensitive.append(new_password)

    server.stop()  # flush the log
    log = server.log_tail(10_000_000)
    found = [s[:12] + "..." for s in sensitive if s in log]
    assert found == [], f"sensitive strings in the server log: {found}"
    assert "$argon2" not in log
    # The paths above were logged (at DEBUG, the database errors with their statement).
    assert "DEBUG" in log and "unhandled error" in log
    assert "logs_no_such_function" in log and "[SQL parameters hidden" in log
