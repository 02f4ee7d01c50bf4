"""User (human) auth over real HTTP: password login, organization selection, the ``jid``
refresh cookie, logout, checkAuth, and user tokens on project endpoints."""

from __future__ import annotations

import uuid

import httpx
import jwt

from infisical_kit.testing import LocalServer

from ._auth_support import admin_token, assert_error, client, list_secrets


def _login(server: LocalServer) -> httpx.Response:
    b = server.bootstrap
    with client(server) as http:
        return http.post(
            "/api/v3/auth/login",
            json={"email": b["admin_email"], "password": b["admin_password"]},
            headers={"User-Agent": "infisical-kit-tests"},
        )


def _select(server: LocalServer, token: str, org: str) -> httpx.Response:
    with client(server, token) as http:
        return http.post("/api/v3/auth/select-organization", json={"organizationId": org})


def test_login_select_org_and_use(infisical_server: LocalServer) -> None:
    resp = _login(infisical_server)
    assert resp.status_code == 200, resp.text
    token = resp.json()["accessToken"]
    assert "organizationId" not in jwt.decode(token, options={"verify_signature": False})
    cookie = resp.headers["set-cookie"]
    assert cookie.startswith("jid=") and "httponly" in cookie.lower()
    # Without an organization the token is refused on project endpoints...
    refused = list_secrets(infisical_server, token)
    assert_error(refused, 403, "ForbiddenError")
    assert "organization" in refused.json()["message"]
    # ...but it is a valid session.
    with client(infisical_server, token) as http:
        assert http.post("/api/v1/auth/checkAuth").json() == {"message": "Authenticated"}
    org = infisical_server.bootstrap["organization_id"]
    selected = _select(infisical_server, token, org)
    assert selected.status_code == 200, selected.text
    assert selected.json()["isMfaEnabled"] is False
    org_token = selected.json()["token"]
    claims = jwt.decode(org_token, options={"verify_signature": False})
    assert claims["organizationId"] == org
    assert list_secrets(infisical_server, org_token).status_code == 200
    with client(infisical_server, org_token) as http:  # user tokens are not renewable
        renew = http.post("/api/v1/auth/token/renew", json={"accessToken": org_token})
        assert_error(renew, 400, "BadRequest", "Only identity access tokens can be renewed")


def test_bad_password_and_bad_org(infisical_server: LocalServer) -> None:
    with client(infisical_server) as http:
        bad = http.post(
            "/api/v3/auth/login",
            json={"email": infisical_server.bootstrap["admin_email"], "password": "wrong"},
        )
        assert_error(bad, 401, "UnauthorizedError", "Invalid credentials")
        assert "wrong" not in bad.text
        missing = http.post("/api/v3/auth/login", json={"email": "a@b.c"})
        assert_error(missing, 422, "ValidationFailure")
    token = _login(infisical_server).json()["accessToken"]
    assert_error(_select(infisical_server, token, str(uuid.uuid4())), 404, "NotFound")
    identity = admin_token(infisical_server)
    org = infisical_server.bootstrap["organization_id"]
    assert_error(_select(infisical_server, identity, org), 403, "ForbiddenError")


def test_refresh_cookie_and_logout(infisical_server: LocalServer) -> None:
    with client(infisical_server) as http:  # the client keeps the jid cookie
        b = infisical_server.bootstrap
        login = http.post(
            "/api/v3/auth/login", json={"email": b["admin_email"], "password": b["admin_password"]}
        )
        assert login.status_code == 200
        first = login.json()["accessToken"]
        selected = http.post(
            "/api/v3/auth/select-organization",
            json={"organizationId": b["organization_id"]},
            headers={"Authorization": f"Bearer {first}"},
        )
        org_token = selected.json()["token"]
        refreshed = http.post("/api/v1/auth/token")
        assert refreshed.status_code == 200, refreshed.text
        assert refreshed.json()["organizationId"] == b["organization_id"]
        new_token = refreshed.json()["token"]
        assert list_secrets(infisical_server, new_token).status_code == 200
        out = http.post("/api/v1/auth/logout")
        assert out.status_code == 200
        assert "jid=" in out.headers.get("set-cookie", "")
        for token in (org_token, new_token):
            assert_error(list_secrets(infisical_server, token), 401, "UnauthorizedError")
    with client(infisical_server) as anon:
        assert_error(anon.post("/api/v1/auth/token"), 401, "UnauthorizedError")
        assert_error(anon.post("/api/v1/auth/checkAuth"), 401, "UnauthorizedError", "Token missing")


def test_user_roles_apply(infisical_server: LocalServer) -> None:
    """The bootstrap admin user is a project admin: it can manage identity memberships."""
    token = _login(infisical_server).json()["accessToken"]
    org = infisical_server.bootstrap["organization_id"]
    org_token = _select(infisical_server, token, org).json()["token"]
    with client(infisical_server, org_token) as http:
        made = http.post("/api/v1/identities", json={"name": "by-user", "organizationId": org})
        assert made.status_code == 200, made.text
        iid = made.json()["identity"]["id"]
        pid = infisical_server.bootstrap["project_id"]
        added = http.post(
            f"/api/v2/workspace/{pid}/identity-memberships/{iid}", json={"role": "member"}
        )
        assert added.status_code == 200, added.text
