"""Password and client-secret checks: the user login lockout, argon2 parameters and the
rehash of hashes made with earlier parameters, and the hashing gate's 503."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from typing import Any

import anyio
import httpx
import pytest
from argon2 import PasswordHasher

from infisical_kit.server.auth import hashing
from infisical_kit.server.console.session import LOGIN_COOKIE
from infisical_kit.server.errors import ApiError
from infisical_kit.server.services.universal_auth import CLIENT_SECRET_PREFIX_LEN
from infisical_kit.testing import LocalServer

from ._auth_support import assert_error, client, db_exec, db_path, user_client
from ._members_support import activate, fresh_email, invite

CURRENT = "$argon2id$v=19$m=19456,t=2,p=1$"
#: argon2-cffi's earlier default (RFC 9106 low-memory): what older data directories hold.
OLD_HASHER = PasswordHasher(time_cost=3, memory_cost=65536, parallelism=4)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A server of its own: these tests lock accounts and rewrite stored hashes."""
    with LocalServer(tmp_path_factory.mktemp("hashing") / "srv") as srv:
        yield srv


def _new_user(server: LocalServer, password: str) -> str:
    email = fresh_email("lock")
    with closing(user_client(server)) as admin:
        (made,) = invite(admin, server.bootstrap["project_id"], [email])
        activate(admin, made["userId"], password)
    return email


def _login(server: LocalServer, email: str, password: str) -> httpx.Response:
    with client(server) as http:
        return http.post("/api/v3/auth/login", json={"email": email, "password": password})


def _stored(server: LocalServer, sql: str, *args: Any) -> Any:
    with closing(sqlite3.connect(db_path(server))) as db:
        return db.execute(sql, args).fetchone()


def test_user_lockout_after_ten_failures(server: LocalServer) -> None:
    password = "the right password!"
    email = _new_user(server, password)
    for _ in range(10):
        assert_error(_login(server, email, "wrong"), 401, "UnauthorizedError")
    locked = _login(server, email, password)  # even the right password is refused
    assert_error(locked, 403, "UserLocked")
    assert "Try again after" in locked.json()["message"]
    assert 0 < int(locked.headers["retry-after"]) <= 300
    assert password not in locked.text
    # The lock ends (moved into the past instead of waiting): the right password works and
    # clears the count.
    db_exec(server, "UPDATE users SET locked_until='2000-01-01 00:00:00' WHERE email=?", email)
    assert _login(server, email, password).status_code == 200
    row = _stored(server, "SELECT failed_attempts, locked_until FROM users WHERE email=?", email)
    assert row == (0, None)


def test_user_failure_count_restarts_after_quiet_period(server: LocalServer) -> None:
    password = "the right password!"
    email = _new_user(server, password)
    for _ in range(9):
        assert _login(server, email, "wrong").status_code == 401
    db_exec(server, "UPDATE users SET last_failed_at='2000-01-01 00:00:00' WHERE email=?", email)
    assert _login(server, email, "wrong").status_code == 401  # counts as the first again
    assert _login(server, email, password).status_code == 200


def test_console_login_shares_the_lockout(server: LocalServer) -> None:
    password = "the right password!"
    email = _new_user(server, password)
    for _ in range(10):
        assert _login(server, email, "wrong").status_code == 401
    with client(server) as http:
        assert http.get("/login").status_code == 200  # sets the login form's token cookie
        token = http.cookies[LOGIN_COOKIE]
        form = {"email": email, "password": password, "csrf": token, "next": "/"}
        resp = http.post("/login", data=form)
    assert resp.status_code == 403, resp.text
    assert "temporary locked" in resp.text


def test_new_hashes_use_the_documented_parameters(server: LocalServer) -> None:
    email = _new_user(server, "the right password!")
    (digest,) = _stored(server, "SELECT password_hash FROM users WHERE email=?", email)
    assert digest.startswith(CURRENT)
    assert hashing.hash_secret("x").startswith(CURRENT)


def test_old_password_hash_is_verified_then_rehashed(server: LocalServer) -> None:
    password = "the right password!"
    email = _new_user(server, password)
    old = OLD_HASHER.hash(password)
    db_exec(server, "UPDATE users SET password_hash=? WHERE email=?", old, email)
    assert_error(_login(server, email, "wrong"), 401, "UnauthorizedError")
    assert _stored(server, "SELECT password_hash FROM users WHERE email=?", email) == (old,)
    assert _login(server, email, password).status_code == 200
    (digest,) = _stored(server, "SELECT password_hash FROM users WHERE email=?", email)
    assert digest.startswith(CURRENT)
    assert _login(server, email, password).status_code == 200


def test_old_client_secret_hash_is_verified_then_rehashed(server: LocalServer) -> None:
    boot = server.bootstrap
    secret = boot["client_secret"]
    row = "SELECT id FROM identity_client_secrets WHERE prefix=?"
    (secret_id,) = _stored(server, row, secret[:CLIENT_SECRET_PREFIX_LEN])
    db_exec(
        server,
        "UPDATE identity_client_secrets SET secret_hash=? WHERE id=?",
        OLD_HASHER.hash(secret),
        secret_id,
    )
    with client(server) as http:
        body = {"clientId": boot["client_id"], "clientSecret": secret}
        assert http.post("/api/v1/auth/universal-auth/login", json=body).status_code == 200
        sql = "SELECT secret_hash FROM identity_client_secrets WHERE id=?"
        assert _stored(server, sql, secret_id)[0].startswith(CURRENT)
        assert http.post("/api/v1/auth/universal-auth/login", json=body).status_code == 200


def test_gate_refuses_with_503_when_every_slot_stays_taken(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With every hashing slot held, a check waits its bounded time, then gets 503 +
    Retry-After (the hashes are not run at all)."""
    monkeypatch.setattr(hashing, "HASH_WAIT_SECONDS", 0.05)
    taken = [hashing._gate.acquire(timeout=5) for _ in range(hashing.MAX_CONCURRENT_HASHES)]
    try:
        assert all(taken)
        with pytest.raises(ApiError) as caught:
            hashing.verify_secret(CURRENT, "x")
        assert caught.value.status_code == 503
        assert caught.value.error == "ServiceUnavailable"
        assert caught.value.headers == {"retry-after": "1"}
    finally:
        for _ in taken:
            hashing._gate.release()
    assert hashing.verify_secret(hashing.hash_secret("x"), "x")  # slots free again


def test_login_slots_refuse_with_503_after_the_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Logins queue for a slot on the event loop; past the wait they get 503 + Retry-After,
    and a released slot admits the next login."""
    monkeypatch.setattr(hashing, "LOGIN_WAIT_SECONDS", 0.05)
    monkeypatch.setattr(hashing, "_login_slots", None)

    async def scenario() -> ApiError:
        held = [hashing.login_slot() for _ in range(hashing.MAX_CONCURRENT_HASHES)]
        for slot in held:
            await slot.__anext__()
        with pytest.raises(ApiError) as caught:
            await hashing.login_slot().__anext__()
        for slot in held:
            await slot.aclose()
        again = hashing.login_slot()
        await again.__anext__()  # admitted at once
        await again.aclose()
        return caught.value

    refused = anyio.run(scenario)
    assert (refused.status_code, refused.error) == (503, "ServiceUnavailable")
    assert refused.headers == {"retry-after": "1"}
