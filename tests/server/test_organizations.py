"""``GET /api/v1/organization`` over real HTTP: users (with and without an organization
selected) and identities see their own organization; no token is a 401."""

from __future__ import annotations

import httpx

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, assert_error, client

ORGS = "/api/v1/organization"


def _only_org(resp: httpx.Response, org_id: str) -> dict[str, object]:
    assert resp.status_code == 200, resp.text
    orgs = resp.json()["organizations"]
    assert [o["id"] for o in orgs] == [org_id]
    org: dict[str, object] = orgs[0]
    assert {"id", "name", "slug", "createdAt", "updatedAt"} <= set(org)
    return org


def test_user_with_and_without_organization(infisical_server: LocalServer) -> None:
    boot = infisical_server.bootstrap
    org_id = boot["organization_id"]
    with client(infisical_server) as http:
        resp = http.post(
            "/api/v3/auth/login",
            json={"email": boot["admin_email"], "password": boot["admin_password"]},
        )
        assert resp.status_code == 200, resp.text
        first = {"Authorization": f"Bearer {resp.json()['accessToken']}"}
        before = _only_org(http.get(ORGS, headers=first), org_id)
        assert before["name"] == "Local Organization"
        selected = http.post(
            "/api/v3/auth/select-organization", json={"organizationId": org_id}, headers=first
        )
        assert selected.status_code == 200, selected.text
        scoped = {"Authorization": f"Bearer {selected.json()['token']}"}
        assert _only_org(http.get(ORGS, headers=scoped), org_id) == before


def test_identity_sees_its_own_organization(infisical_server: LocalServer) -> None:
    boot = infisical_server.bootstrap
    token = admin_token(infisical_server)
    with client(infisical_server, token) as http:
        org = _only_org(http.get(ORGS), boot["organization_id"])
    assert org["slug"] == "local-org"
    member = MachineIdentity(infisical_server, token)
    with client(infisical_server, member.token()) as http:
        _only_org(http.get(ORGS), boot["organization_id"])


def test_no_token_is_401(infisical_server: LocalServer) -> None:
    with client(infisical_server) as http:
        assert_error(http.get(ORGS), 401, "UnauthorizedError")
