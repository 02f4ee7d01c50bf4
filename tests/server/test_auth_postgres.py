"""Universal-auth login, renew, revoke and lockout on PostgreSQL (several processes share it)."""

from __future__ import annotations

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, assert_error, client, list_secrets


def test_login_renew_revoke_on_postgres(postgres_url: str) -> None:
    with LocalServer(database_url=postgres_url) as server:
        admin = admin_token(server)
        mi = MachineIdentity(
            server, admin, accessTokenTTL=60, accessTokenMaxTTL=600, lockoutThreshold=2
        )
        mi.join(admin, "member")
        token = mi.token()
        with client(server) as http:
            renewed = http.post("/api/v1/auth/token/renew", json={"accessToken": token})
            assert renewed.status_code == 200, renewed.text
            new_token = renewed.json()["accessToken"]
            assert list_secrets(server, new_token).status_code == 200
            revoked = http.post("/api/v1/auth/token/revoke", json={"accessToken": new_token})
            assert revoked.status_code == 200
        assert_error(list_secrets(server, new_token), 401, "UnauthorizedError")
        for _ in range(2):
            assert_error(mi.login("wrong-secret"), 401, "UnauthorizedError", "Invalid credentials")
        locked = mi.login()
        assert_error(locked, 401, "UnauthorizedError")
        assert "locked" in locked.json()["message"]
