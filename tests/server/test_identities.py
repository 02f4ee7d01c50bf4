"""Identity management over real HTTP: identities, universal-auth config and client secrets,
token auth and its tokens, project memberships, and the admin checks on all of them."""

from __future__ import annotations

import uuid

from infisical_kit.testing import LocalServer

from ._auth_support import (
    MachineIdentity,
    admin_token,
    assert_error,
    client,
    list_secrets,
)

UA = "/api/v1/auth/universal-auth/identities"
TA = "/api/v1/auth/token-auth"


def test_identity_crud_and_universal_auth(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    org = infisical_server.bootstrap["organization_id"]
    with client(infisical_server, admin) as http:
        created = http.post(
            "/api/v1/identities", json={"name": "ci-bot", "organizationId": org, "role": "member"}
        )
        assert created.status_code == 200, created.text
        ident = created.json()["identity"]
        assert ident["name"] == "ci-bot" and ident["authMethods"] == []
        iid = ident["id"]
        ua = http.post(
            f"{UA}/{iid}",
            json={"accessTokenTTL": 120, "accessTokenMaxTTL": 600, "lockoutThreshold": 5},
        )
        assert ua.status_code == 200, ua.text
        body = ua.json()["identityUniversalAuth"]
        assert (body["accessTokenTTL"], body["accessTokenMaxTTL"]) == (120, 600)
        assert body["lockoutEnabled"] is True and body["lockoutThreshold"] == 5
        assert body["lockoutDurationSeconds"] == 300 and body["lockoutCounterResetSeconds"] == 30
        assert http.get(f"{UA}/{iid}/client-id").json() == {"clientId": body["clientId"]}
        again = http.post(f"{UA}/{iid}", json={})
        assert_error(again, 400, "BadRequest")
        patched = http.patch(f"{UA}/{iid}", json={"accessTokenNumUsesLimit": 7})
        assert patched.json()["identityUniversalAuth"]["accessTokenNumUsesLimit"] == 7
        assert patched.json()["identityUniversalAuth"]["accessTokenTTL"] == 120
        got = http.get(f"/api/v1/identities/{iid}")
        assert got.json()["identity"]["authMethods"] == ["universal-auth"]
        cs = http.post(f"{UA}/{iid}/client-secrets", json={"description": "ci", "ttl": 0})
        assert cs.status_code == 200, cs.text
        plain = cs.json()["clientSecret"]
        data = cs.json()["clientSecretData"]
        assert data["description"] == "ci" and plain not in cs.text.replace(plain, "", 1)
        listed = http.get(f"{UA}/{iid}/client-secrets").json()["clientSecretData"]
        assert [d["id"] for d in listed] == [data["id"]]
        assert plain not in http.get(f"{UA}/{iid}/client-secrets").text
    login = client(infisical_server).post(
        "/api/v1/auth/universal-auth/login",
        json={"clientId": body["clientId"], "clientSecret": plain},
    )
    assert login.status_code == 200 and login.json()["expiresIn"] == 120
    with client(infisical_server, admin) as http:
        revoked = http.post(f"{UA}/{iid}/client-secrets/{data['id']}/revoke")
        assert revoked.json()["clientSecretData"]["isClientSecretRevoked"] is True
        assert http.get(f"{UA}/{iid}/client-secrets").json()["clientSecretData"] == []
    again_login = client(infisical_server).post(
        "/api/v1/auth/universal-auth/login",
        json={"clientId": body["clientId"], "clientSecret": plain},
    )
    assert_error(again_login, 401, "UnauthorizedError")
    with client(infisical_server, admin) as http:
        assert http.delete(f"/api/v1/identities/{iid}").json()["identity"]["id"] == iid
        assert_error(http.get(f"/api/v1/identities/{iid}"), 404, "NotFound")


def test_deleted_identity_tokens_stop_working(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin)
    mi.join(admin, "member")
    token = mi.token()
    assert list_secrets(infisical_server, token).status_code == 200
    with client(infisical_server, admin) as http:
        assert http.delete(f"/api/v1/identities/{mi.id}").status_code == 200
    assert_error(list_secrets(infisical_server, token), 401, "UnauthorizedError")


def test_bad_identity_input(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    org = infisical_server.bootstrap["organization_id"]
    mi = MachineIdentity(infisical_server, admin)
    with client(infisical_server, admin) as http:
        assert_error(
            http.post("/api/v1/identities", json={"organizationId": org}), 422, "ValidationFailure"
        )
        bad_role = http.post(
            "/api/v1/identities", json={"name": "x", "organizationId": org, "role": "god"}
        )
        assert_error(bad_role, 400, "BadRequest")
        other_org = http.post(
            "/api/v1/identities", json={"name": "x", "organizationId": str(uuid.uuid4())}
        )
        assert_error(other_org, 404, "NotFound")
        ttl = http.patch(f"{UA}/{mi.id}", json={"accessTokenTTL": 100, "accessTokenMaxTTL": 50})
        assert_error(ttl, 400, "BadRequest", "Access token TTL cannot be greater than max TTL")
        negative = http.post(f"{UA}/{mi.id}/client-secrets", json={"numUsesLimit": -1})
        assert_error(negative, 422, "ValidationFailure")
        assert_error(http.get(f"{UA}/{uuid.uuid4()}"), 404, "NotFound")


def test_org_member_cannot_manage_identities(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    org = infisical_server.bootstrap["organization_id"]
    member = MachineIdentity(infisical_server, admin, org_role="member")
    token = member.token()
    other = MachineIdentity(infisical_server, admin)
    with client(infisical_server, token) as http:
        create = http.post("/api/v1/identities", json={"name": "x", "organizationId": org})
        assert_error(create, 403, "PermissionDenied")
        assert_error(http.post(f"{UA}/{other.id}/client-secrets", json={}), 403, "PermissionDenied")
        assert_error(http.delete(f"/api/v1/identities/{other.id}"), 403, "PermissionDenied")
    org_admin = MachineIdentity(infisical_server, admin, org_role="admin")
    with client(infisical_server, org_admin.token()) as http:
        ok = http.post("/api/v1/identities", json={"name": "y", "organizationId": org})
        assert ok.status_code == 200, ok.text


def test_token_auth(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin)
    mi.join(admin, "viewer")
    with client(infisical_server, admin) as http:
        assert_error(http.post(f"{TA}/identities/{mi.id}/tokens", json={}), 404, "NotFound")
        cfg = http.post(
            f"{TA}/identities/{mi.id}", json={"accessTokenTTL": 0, "accessTokenMaxTTL": 0}
        )
        assert cfg.status_code == 200, cfg.text
        assert cfg.json()["identityTokenAuth"]["identityId"] == mi.id
        made = http.post(f"{TA}/identities/{mi.id}/tokens", json={"name": "deploy"})
        assert made.status_code == 200, made.text
        token = made.json()["accessToken"]
        tid = made.json()["tokenData"]["id"]
        assert made.json()["tokenType"] == "Bearer"
        assert made.json()["tokenData"]["name"] == "deploy"
        tokens = http.get(f"{TA}/identities/{mi.id}/tokens").json()["tokens"]
        assert [t["id"] for t in tokens] == [tid]
        renamed = http.patch(f"{TA}/tokens/{tid}", json={"name": "deploy-2"})
        assert renamed.json()["token"]["name"] == "deploy-2"
        assert http.get(f"{TA}/tokens/{tid}").json()["token"]["name"] == "deploy-2"
        assert_error(
            http.get(f"{TA}/identities/{mi.id}/tokens", params={"limit": 0}), 400, "BadRequest"
        )
    assert list_secrets(infisical_server, token).status_code == 200
    with client(infisical_server, admin) as http:
        assert http.post(f"{TA}/tokens/{tid}/revoke").status_code == 200
        assert_error(http.get(f"{TA}/tokens/{tid}"), 404, "NotFound")
    assert_error(list_secrets(infisical_server, token), 401, "UnauthorizedError")


def test_membership_routes(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    pid = infisical_server.bootstrap["project_id"]
    mi = MachineIdentity(infisical_server, admin)
    token = mi.token()
    assert_error(list_secrets(infisical_server, token), 404, "NotFound")  # not a member yet
    with client(infisical_server, admin) as http:
        bad = http.post(f"/api/v2/workspace/{pid}/identity-memberships/{mi.id}", json={"role": "x"})
        assert_error(bad, 400, "BadRequest")
        added = http.post(
            f"/api/v1/projects/{pid}/identity-memberships/{mi.id}", json={"role": "viewer"}
        )
        assert added.status_code == 200, added.text
        assert added.json()["identityMembership"]["role"] == "viewer"
        dup = http.post(
            f"/api/v2/workspace/{pid}/identity-memberships/{mi.id}", json={"role": "viewer"}
        )
        assert_error(dup, 400, "BadRequest")
    assert list_secrets(infisical_server, token).status_code == 200
    with client(infisical_server, admin) as http:
        path = f"/api/v2/workspace/{pid}/identity-memberships/{mi.id}"
        assert http.delete(path).status_code == 200
    assert_error(list_secrets(infisical_server, token), 404, "NotFound")
