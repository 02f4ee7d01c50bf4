"""Identity token lifecycle over real HTTP: TTL from the last renewal, Max TTL, use limits,
expired JWTs, client-secret TTL and use limits, and client-secret lockout."""

from __future__ import annotations

import time

from infisical_kit.testing import LocalServer

from ._auth_support import (
    MachineIdentity,
    admin_token,
    ago,
    assert_error,
    client,
    db_exec,
    forge,
    jwt_secret,
    list_secrets,
    token_id,
)

RENEW = "/api/v1/auth/token/renew"
REVOKE = "/api/v1/auth/token/revoke"


def _renew(server: LocalServer, token: str) -> object:
    with client(server) as http:
        return http.post(RENEW, json={"accessToken": token})


def test_num_uses_limit_then_revoked(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, accessTokenNumUsesLimit=2)
    mi.join(admin, "viewer")
    token = mi.token()
    assert list_secrets(infisical_server, token).status_code == 200
    assert list_secrets(infisical_server, token).status_code == 200
    assert_error(list_secrets(infisical_server, token), 401, "UnauthorizedError")
    with client(infisical_server) as http:  # the token is gone for renew too
        assert_error(http.post(RENEW, json={"accessToken": token}), 401, "UnauthorizedError")


def test_ttl_counts_from_last_renewal(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, accessTokenTTL=60, accessTokenMaxTTL=6000)
    mi.join(admin, "viewer")
    first = mi.token()
    with client(infisical_server) as http:
        resp = http.post(RENEW, json={"accessToken": first})
    assert resp.status_code == 200, resp.text
    assert resp.json()["expiresIn"] == 60
    renewed = resp.json()["accessToken"]
    tid = token_id(renewed)
    assert tid == token_id(first)
    # Created long ago, renewed just now: still valid.
    db_exec(
        infisical_server, "UPDATE identity_access_tokens SET created_at=? WHERE id=?", ago(120), tid
    )
    assert list_secrets(infisical_server, renewed).status_code == 200
    # Last renewal past the TTL: refused although the JWT itself has not expired.
    db_exec(
        infisical_server,
        "UPDATE identity_access_tokens SET last_renewed_at=? WHERE id=?",
        ago(61),
        tid,
    )
    assert_error(list_secrets(infisical_server, renewed), 401, "UnauthorizedError")


def test_renew_past_max_ttl_revokes(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, accessTokenTTL=60, accessTokenMaxTTL=100)
    mi.join(admin, "viewer")
    token = mi.token()
    with client(infisical_server) as http:
        ok = http.post(RENEW, json={"accessToken": token})
        assert ok.status_code == 200, ok.text
        token = ok.json()["accessToken"]
        assert ok.json()["accessTokenMaxTTL"] == 100
        # 50 s into a 100 s budget, another 60 s would pass the Max TTL.
        db_exec(
            infisical_server,
            "UPDATE identity_access_tokens SET created_at=? WHERE id=?",
            ago(50),
            token_id(token),
        )
        resp = http.post(RENEW, json={"accessToken": token})
    assert_error(
        resp,
        401,
        "UnauthorizedError",
        "Failed to renew MI access token past its Max TTL expiration",
    )
    assert_error(list_secrets(infisical_server, token), 401, "UnauthorizedError")


def test_expired_jwt_is_token_error_on_renew_and_use(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, accessTokenTTL=60, accessTokenMaxTTL=600)
    mi.join(admin, "viewer")
    now = int(time.time())
    expired = forge(jwt_secret(infisical_server), mi.token(), iat=now - 120, exp=now - 60)
    message = "Your token has expired. Please re-authenticate."
    with client(infisical_server) as http:
        assert_error(http.post(RENEW, json={"accessToken": expired}), 403, "TokenError", message)
    assert_error(list_secrets(infisical_server, expired), 403, "TokenError", message)


def test_revoke_then_refused(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin)
    mi.join(admin, "viewer")
    token = mi.token()
    with client(infisical_server) as http:
        resp = http.post(REVOKE, json={"accessToken": token})
    assert resp.json() == {"message": "Successfully revoked access token"}
    assert_error(list_secrets(infisical_server, token), 401, "UnauthorizedError")


def test_client_secret_num_uses_limit(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin)
    once = mi.new_secret(admin, numUsesLimit=1)
    assert mi.login(once).status_code == 200
    assert_error(mi.login(once), 401, "UnauthorizedError", "Invalid credentials")
    assert mi.login().status_code == 200  # the other secret is unaffected


def test_client_secret_ttl(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, lockoutEnabled=False)
    short = mi.new_secret(admin, ttl=60)
    assert mi.login(short).status_code == 200
    db_exec(
        infisical_server,
        "UPDATE identity_client_secrets SET created_at=? WHERE identity_id=? AND ttl=60",
        ago(61),
        mi.id,
    )
    assert_error(mi.login(short), 401, "UnauthorizedError", "Invalid credentials")


def test_lockout_after_threshold(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, lockoutThreshold=2, lockoutDurationSeconds=300)
    for _ in range(2):
        assert_error(mi.login("wrong-secret"), 401, "UnauthorizedError", "Invalid credentials")
    locked = mi.login()  # the right secret is refused while locked
    assert_error(locked, 401, "UnauthorizedError")
    assert "locked" in locked.json()["message"]
    assert mi.client_secret not in locked.text
    assert admin_token(infisical_server)  # other client ids are not affected
    db_exec(
        infisical_server,
        "UPDATE identity_universal_auth SET locked_until=? WHERE identity_id=?",
        ago(1),
        mi.id,
    )
    assert mi.login().status_code == 200  # the lock has run out


def test_lockout_counter_resets(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, lockoutThreshold=2, lockoutCounterResetSeconds=30)
    assert_error(mi.login("wrong-secret"), 401, "UnauthorizedError")
    db_exec(
        infisical_server,
        "UPDATE identity_universal_auth SET last_failed_at=? WHERE identity_id=?",
        ago(31),
        mi.id,
    )
    assert_error(mi.login("wrong-secret"), 401, "UnauthorizedError", "Invalid credentials")
    assert mi.login().status_code == 200  # one recent failure only: not locked


def test_lockout_disabled(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, lockoutEnabled=False, lockoutThreshold=1)
    for _ in range(3):
        assert_error(mi.login("wrong-secret"), 401, "UnauthorizedError", "Invalid credentials")
    assert mi.login().status_code == 200


def test_no_secret_or_token_in_server_log(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin, lockoutEnabled=False)
    wrong = "wrong-" + mi.client_secret[::-1]
    assert mi.login(wrong).status_code == 401
    token = mi.token()
    with client(infisical_server) as http:
        http.post(RENEW, json={"accessToken": token})
        http.post(REVOKE, json={"accessToken": token})
    log = infisical_server.log_tail(100000)
    for value in (
        mi.client_secret,
        wrong,
        token,
        admin,
        infisical_server.bootstrap["client_secret"],
    ):
        assert value not in log
