"""Scenarios of authentication: universal auth, token auth, identities, memberships, users."""

from __future__ import annotations

from typing import Any

import httpx

from .scenarios import UA_LOGIN, Req, World, fresh
from .table_base import Scenario, body_of

TOKEN_FIELDS = {"accessToken", "expiresIn", "accessTokenMaxTTL", "tokenType"}
UA_FIELDS = {"id", "identityId", "clientId", "accessTokenTTL", "accessTokenMaxTTL"}
CS_FIELDS = {"id", "description", "clientSecretPrefix", "isClientSecretRevoked", "createdAt"}
TA_FIELDS = {"id", "identityId", "accessTokenTTL", "accessTokenMaxTTL", "accessTokenNumUsesLimit"}
TOKEN_ROW_FIELDS = {"id", "identityId", "name", "isAccessTokenRevoked", "createdAt"}
MEMBERSHIP_FIELDS = {"id", "identityId", "projectId", "role", "roles"}


def has(obj: dict[str, Any], fields: set[str]) -> None:
    """``obj`` carries every one of ``fields``."""
    missing = fields - set(obj)
    assert not missing, f"missing {sorted(missing)} in {sorted(obj)}"


def token_response(body: dict[str, Any]) -> str:
    """A machine-identity login/renew answer (§2.2); returns the token."""
    has(body, TOKEN_FIELDS)
    assert body["tokenType"] == "Bearer"
    assert isinstance(body["expiresIn"], int) and body["expiresIn"] > 0
    assert isinstance(body["accessTokenMaxTTL"], int)
    token = body["accessToken"]
    assert isinstance(token, str) and token.count(".") == 2
    return token


def _check_auth(w: World, token: str) -> int:
    return w.status("POST", "/api/v1/auth/checkAuth", token=token)


def accepted(w: World, token: str) -> None:
    """``token`` is accepted (``POST /api/v1/auth/checkAuth``); a failure never prints it."""
    __tracebackhide__ = True  # the token would be printed with the frame
    code = _check_auth(w, token)
    assert code == 200, f"the token was refused ({code})"


def refused(w: World, token: str) -> None:
    """``token`` is no longer accepted; a failure never prints it."""
    __tracebackhide__ = True  # the token would be printed with the frame
    code = _check_auth(w, token)
    assert code in (401, 403), f"the token is still accepted ({code})"


# -- universal auth ------------------------------------------------------------------------------

UA = "/api/v1/auth/universal-auth/identities/{identity_id}"


def _ua(w: World, identity_id: str, tail: str = "") -> str:
    return f"/api/v1/auth/universal-auth/identities/{identity_id}{tail}"


def _login_req(w: World) -> Req:
    identity = w.identity
    body = {"clientId": identity["ua"]["clientId"], "clientSecret": identity["client_secret"]}
    return Req(UA_LOGIN, json=body, token="")


def _login_check(w: World, req: Req, resp: httpx.Response) -> None:
    token = token_response(body_of(resp))
    # the identity is a viewer of the bootstrap project: the token reads its secrets
    listed = w.send("GET", Req("/api/v4/secrets", params=w.scope(), token=token))
    assert listed.status_code == 200, listed.text


def _renew_req(w: World) -> Req:
    # a renewal must fit in the Max TTL budget: TTL 600 s of 3600 s (the bootstrap identity's
    # TTL equals its Max TTL, so its tokens cannot be renewed, as on Infisical)
    identity = w.new_identity()
    ttls = {"accessTokenTTL": 600, "accessTokenMaxTTL": 3600}
    ua = w.call("POST", _ua(w, identity["id"]), json=ttls)["identityUniversalAuth"]
    secret = w.call("POST", _ua(w, identity["id"], "/client-secrets"), json={})["clientSecret"]
    token = w.ua_login(ua["clientId"], secret)
    return Req("/api/v1/auth/token/renew", json={"accessToken": token}, token="")


def _renew_check(w: World, req: Req, resp: httpx.Response) -> None:
    accepted(w, token_response(body_of(resp)))


def _revoke_req(w: World) -> Req:
    token = w.ua_login(w.boot["client_id"], w.boot["client_secret"])
    accepted(w, token)
    return Req("/api/v1/auth/token/revoke", json={"accessToken": token}, token="")


def _revoke_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["message"] == "Successfully revoked access token"
    refused(w, req.json["accessToken"])


def _ua_attach_req(w: World) -> Req:
    identity = w.new_identity()
    return Req(_ua(w, identity["id"]), json={"accessTokenTTL": 600}, state={"id": identity["id"]})


def _ua_check(w: World, req: Req, resp: httpx.Response) -> None:
    ua = body_of(resp)["identityUniversalAuth"]
    has(ua, UA_FIELDS)
    expected = req.state.get("id", w.identity["id"])
    assert ua["identityId"] == expected
    if req.json and "accessTokenTTL" in req.json:
        assert ua["accessTokenTTL"] == req.json["accessTokenTTL"]


def _ua_update_req(w: World) -> Req:
    identity = w.new_identity(universal_auth=True)
    body = {"accessTokenTTL": 900, "accessTokenMaxTTL": 1800}
    return Req(_ua(w, identity["id"]), json=body, state={"id": identity["id"]})


def _ua_update_check(w: World, req: Req, resp: httpx.Response) -> None:
    _ua_check(w, req, resp)
    got = w.call("GET", req.path)["identityUniversalAuth"]
    assert (got["accessTokenTTL"], got["accessTokenMaxTTL"]) == (900, 1800)


def _ua_delete_req(w: World) -> Req:
    identity = w.new_identity(universal_auth=True)
    return Req(_ua(w, identity["id"]), state={"id": identity["id"]})


def _ua_delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    _ua_check(w, req, resp)
    assert w.status("GET", req.path) == 404


def _client_id_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["clientId"] == w.identity["ua"]["clientId"]


def _cs_create_req(w: World) -> Req:
    path = _ua(w, w.identity["id"], "/client-secrets")
    return Req(path, json={"description": "every", "ttl": 0, "numUsesLimit": 0})


def _cs_create_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    has(body["clientSecretData"], CS_FIELDS)
    assert body["clientSecretData"]["description"] == "every"
    assert body["clientSecretData"]["isClientSecretRevoked"] is False
    # the new secret logs in
    token = w.ua_login(w.identity["ua"]["clientId"], body["clientSecret"])
    accepted(w, token)


def _cs_list_check(w: World, req: Req, resp: httpx.Response) -> None:
    rows = body_of(resp)["clientSecretData"]
    mine = [r for r in rows if r["id"] == w.identity["client_secret_id"]]
    assert len(mine) == 1
    has(mine[0], CS_FIELDS)
    assert "clientSecret" not in mine[0]


def _cs_get_check(w: World, req: Req, resp: httpx.Response) -> None:
    row = body_of(resp)["clientSecretData"]
    has(row, CS_FIELDS)
    assert row["id"] == w.identity["client_secret_id"]
    leaked = w.identity["client_secret"] in resp.text
    assert not leaked, "the plain client secret is in the answer"


def _cs_revoke_req(w: World) -> Req:
    identity = w.new_identity(universal_auth=True)
    made = w.call("POST", _ua(w, identity["id"], "/client-secrets"), json={})
    secret_id = made["clientSecretData"]["id"]
    state = {"client_id": identity["ua"]["clientId"], "secret": made["clientSecret"]}
    return Req(_ua(w, identity["id"], f"/client-secrets/{secret_id}/revoke"), state=state)


def _cs_revoke_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["clientSecretData"]["isClientSecretRevoked"] is True
    body = {"clientId": req.state["client_id"], "clientSecret": req.state["secret"]}
    assert w.status("POST", UA_LOGIN, token="", json=body) == 401


UNIVERSAL_AUTH = [
    Scenario("POST", UA_LOGIN, _login_req, _login_check),
    Scenario("POST", "/api/v1/auth/token/renew", _renew_req, _renew_check),
    Scenario("POST", "/api/v1/auth/token/revoke", _revoke_req, _revoke_check),
    Scenario("POST", UA, _ua_attach_req, _ua_check),
    Scenario("GET", UA, lambda w: Req(_ua(w, w.identity["id"])), _ua_check),
    Scenario("PATCH", UA, _ua_update_req, _ua_update_check),
    Scenario("DELETE", UA, _ua_delete_req, _ua_delete_check),
    Scenario(
        "GET",
        UA + "/client-id",
        lambda w: Req(_ua(w, w.identity["id"], "/client-id")),
        _client_id_check,
    ),
    Scenario("POST", UA + "/client-secrets", _cs_create_req, _cs_create_check),
    Scenario(
        "GET",
        UA + "/client-secrets",
        lambda w: Req(_ua(w, w.identity["id"], "/client-secrets")),
        _cs_list_check,
    ),
    Scenario(
        "GET",
        UA + "/client-secrets/{secret_id}",
        lambda w: Req(
            _ua(w, w.identity["id"], f"/client-secrets/{w.identity['client_secret_id']}")
        ),
        _cs_get_check,
    ),
    Scenario("POST", UA + "/client-secrets/{secret_id}/revoke", _cs_revoke_req, _cs_revoke_check),
]


# -- token auth ----------------------------------------------------------------------------------

TA = "/api/v1/auth/token-auth"


def _ta_check(w: World, req: Req, resp: httpx.Response) -> None:
    ta = body_of(resp)["identityTokenAuth"]
    has(ta, TA_FIELDS)
    assert ta["identityId"] == req.state.get("id", w.token_identity["id"])


def _ta_attach_req(w: World) -> Req:
    identity = w.new_identity()
    body = {"accessTokenTTL": 1200, "accessTokenMaxTTL": 2400}
    return Req(f"{TA}/identities/{identity['id']}", json=body, state={"id": identity["id"]})


def _ta_attach_check(w: World, req: Req, resp: httpx.Response) -> None:
    _ta_check(w, req, resp)
    ta = body_of(resp)["identityTokenAuth"]
    assert (ta["accessTokenTTL"], ta["accessTokenMaxTTL"]) == (1200, 2400)


def _ta_update_req(w: World) -> Req:
    identity = w.new_token_identity()
    body = {"accessTokenNumUsesLimit": 5}
    return Req(f"{TA}/identities/{identity['id']}", json=body, state={"id": identity["id"]})


def _ta_update_check(w: World, req: Req, resp: httpx.Response) -> None:
    _ta_check(w, req, resp)
    got = w.call("GET", req.path)["identityTokenAuth"]
    assert got["accessTokenNumUsesLimit"] == 5


def _ta_detach_req(w: World) -> Req:
    identity = w.new_token_identity()
    return Req(f"{TA}/identities/{identity['id']}", state={"id": identity["id"]})


def _ta_detach_check(w: World, req: Req, resp: httpx.Response) -> None:
    _ta_check(w, req, resp)
    assert w.status("GET", req.path) == 404


def _token_create_req(w: World) -> Req:
    name = fresh("tok-")
    return Req(f"{TA}/identities/{w.token_identity['id']}/tokens", json={"name": name})


def _token_create_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    token = token_response(body)
    has(body["tokenData"], TOKEN_ROW_FIELDS)
    assert body["tokenData"]["name"] == req.json["name"]
    assert body["tokenData"]["identityId"] == w.token_identity["id"]
    # a token-auth token is used as it is, no login: the viewer identity lists secrets
    listed = w.send("GET", Req("/api/v4/secrets", params=w.scope(), token=token))
    assert listed.status_code == 200, listed.text


def _token_list_check(w: World, req: Req, resp: httpx.Response) -> None:
    tokens = body_of(resp)["tokens"]
    shared = w.token_identity["token"]["tokenData"]["id"]
    mine = [t for t in tokens if t["id"] == shared]
    assert len(mine) == 1
    has(mine[0], TOKEN_ROW_FIELDS)


def _token_get_check(w: World, req: Req, resp: httpx.Response) -> None:
    row = body_of(resp)["token"]
    has(row, TOKEN_ROW_FIELDS)
    shared = w.token_identity["token"]["tokenData"]
    assert (row["id"], row["name"]) == (shared["id"], shared["name"])


def _token_rename_req(w: World) -> Req:
    made = w.new_token(w.token_identity["id"])
    return Req(f"{TA}/tokens/{made['tokenData']['id']}", json={"name": fresh("renamed-")})


def _token_rename_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["token"]["name"] == req.json["name"]
    assert w.call("GET", req.path)["token"]["name"] == req.json["name"]


def _token_revoke_req(w: World) -> Req:
    made = w.new_token(w.token_identity["id"])
    accepted(w, made["accessToken"])
    path = f"{TA}/tokens/{made['tokenData']['id']}/revoke"
    return Req(path, state={"token": made["accessToken"]})


def _token_revoke_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert isinstance(body_of(resp)["message"], str)
    refused(w, req.state["token"])


TOKEN_AUTH = [
    Scenario("POST", TA + "/identities/{identity_id}", _ta_attach_req, _ta_attach_check),
    Scenario(
        "GET",
        TA + "/identities/{identity_id}",
        lambda w: Req(f"{TA}/identities/{w.token_identity['id']}"),
        _ta_check,
    ),
    Scenario("PATCH", TA + "/identities/{identity_id}", _ta_update_req, _ta_update_check),
    Scenario("DELETE", TA + "/identities/{identity_id}", _ta_detach_req, _ta_detach_check),
    Scenario(
        "POST", TA + "/identities/{identity_id}/tokens", _token_create_req, _token_create_check
    ),
    Scenario(
        "GET",
        TA + "/identities/{identity_id}/tokens",
        lambda w: Req(f"{TA}/identities/{w.token_identity['id']}/tokens"),
        _token_list_check,
    ),
    Scenario(
        "GET",
        TA + "/tokens/{token_id}",
        lambda w: Req(f"{TA}/tokens/{w.token_identity['token']['tokenData']['id']}"),
        _token_get_check,
    ),
    Scenario("PATCH", TA + "/tokens/{token_id}", _token_rename_req, _token_rename_check),
    Scenario("POST", TA + "/tokens/{token_id}/revoke", _token_revoke_req, _token_revoke_check),
]


# -- identities and project memberships ----------------------------------------------------------

IDENTITIES = "/api/v1/identities"
MEMBERSHIP = "/api/v2/workspace/{project_id}/identity-memberships/{identity_id}"


def _identity_check(w: World, req: Req, resp: httpx.Response) -> None:
    identity = body_of(resp)["identity"]
    has(identity, {"id", "name", "authMethods", "orgId"})
    assert identity["orgId"] == w.org
    if "id" in req.state:
        assert identity["id"] == req.state["id"]
    if req.json:
        assert identity["name"] == req.json["name"]


def _identity_create_req(w: World) -> Req:
    return Req(IDENTITIES, json={"name": fresh("mi-"), "organizationId": w.org, "role": "member"})


def _identity_get_req(w: World) -> Req:
    identity = w.identity
    return Req(f"{IDENTITIES}/{identity['id']}", state={"id": identity["id"]})


def _identity_get_check(w: World, req: Req, resp: httpx.Response) -> None:
    _identity_check(w, req, resp)
    assert "universal-auth" in body_of(resp)["identity"]["authMethods"]


def _identity_delete_req(w: World) -> Req:
    identity = w.new_identity()
    return Req(f"{IDENTITIES}/{identity['id']}", state={"id": identity["id"]})


def _identity_delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    _identity_check(w, req, resp)
    assert w.status("GET", req.path) == 404


def _membership(w: World, identity_id: str) -> str:
    return f"/api/v2/workspace/{w.pid}/identity-memberships/{identity_id}"


def _membership_check(role: str) -> Any:
    def check(w: World, req: Req, resp: httpx.Response) -> None:
        m = body_of(resp)["identityMembership"]
        has(m, MEMBERSHIP_FIELDS)
        assert (m["identityId"], m["projectId"], m["role"]) == (req.state["id"], w.pid, role)

    return check


def _membership_add_req(w: World) -> Req:
    identity = w.new_identity()
    return Req(
        _membership(w, identity["id"]), json={"role": "member"}, state={"id": identity["id"]}
    )


def _membership_get_req(w: World) -> Req:
    return Req(_membership(w, w.identity["id"]), state={"id": w.identity["id"]})


def _membership_update_req(w: World) -> Req:
    identity = w.new_identity()
    w.join(identity["id"], "viewer")
    return Req(_membership(w, identity["id"]), json={"role": "admin"}, state={"id": identity["id"]})


def _membership_update_check(w: World, req: Req, resp: httpx.Response) -> None:
    _membership_check("admin")(w, req, resp)
    assert w.call("GET", req.path)["identityMembership"]["role"] == "admin"


def _membership_delete_req(w: World) -> Req:
    identity = w.new_identity()
    w.join(identity["id"], "member")
    return Req(_membership(w, identity["id"]), state={"id": identity["id"]})


def _membership_delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    _membership_check("member")(w, req, resp)
    assert w.status("GET", req.path) == 404


IDENTITY_SCENARIOS = [
    Scenario("POST", IDENTITIES, _identity_create_req, _identity_check),
    Scenario("GET", IDENTITIES + "/{identity_id}", _identity_get_req, _identity_get_check),
    Scenario("DELETE", IDENTITIES + "/{identity_id}", _identity_delete_req, _identity_delete_check),
    Scenario("POST", MEMBERSHIP, _membership_add_req, _membership_check("member")),
    Scenario("GET", MEMBERSHIP, _membership_get_req, _membership_check("viewer")),
    Scenario("PATCH", MEMBERSHIP, _membership_update_req, _membership_update_check),
    Scenario("DELETE", MEMBERSHIP, _membership_delete_req, _membership_delete_check),
]


# -- users ---------------------------------------------------------------------------------------


def _user_login_req(w: World) -> Req:
    body = {"email": w.boot["admin_email"], "password": w.boot["admin_password"]}
    return Req("/api/v3/auth/login", json=body, token="")


def _user_login_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert isinstance(body_of(resp)["accessToken"], str)
    assert resp.cookies.get("jid"), "no jid refresh cookie"
    accepted(w, body_of(resp)["accessToken"])


def _select_org_req(w: World) -> Req:
    first = w.user_login().json()["accessToken"]
    return Req("/api/v3/auth/select-organization", json={"organizationId": w.org}, token=first)


def _select_org_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    assert body["isMfaEnabled"] is False
    # an organization-scoped user token reads the bootstrap project (the admin is a member)
    got = w.send("GET", Req(f"/api/v1/projects/{w.pid}", token=body["token"]))
    assert got.status_code == 200, got.text


def _refresh_req(w: World) -> Req:
    return Req("/api/v1/auth/token", token="", cookies={"jid": w.user["jid"]})


def _refresh_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    assert body["organizationId"] == w.org
    listed = w.send("GET", Req("/api/v4/secrets", params=w.scope(), token=body["token"]))
    assert listed.status_code == 200, listed.text


def _logout_req(w: World) -> Req:
    session = w.new_user_session()
    accepted(w, session["token"])
    return Req("/api/v1/auth/logout", token=session["token"], state=session)


def _logout_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert isinstance(body_of(resp)["message"], str)
    refused(w, req.state["token"])
    again = Req("/api/v1/auth/token", token="", cookies={"jid": req.state["jid"]})
    assert w.send("POST", again).status_code == 401


def _check_auth_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["message"] == "Authenticated"


USER_SCENARIOS = [
    Scenario("POST", "/api/v3/auth/login", _user_login_req, _user_login_check),
    Scenario("POST", "/api/v3/auth/select-organization", _select_org_req, _select_org_check),
    Scenario("POST", "/api/v1/auth/token", _refresh_req, _refresh_check),
    Scenario(
        "POST",
        "/api/v1/auth/checkAuth",
        lambda w: Req("/api/v1/auth/checkAuth", token=w.user["token"]),
        _check_auth_check,
    ),
    Scenario("POST", "/api/v1/auth/logout", _logout_req, _logout_check),
]

# -- Kubernetes auth (publicKeys: a local-server extension) and organizations ---------------------

K8S = "/api/v1/auth/kubernetes-auth"
K8S_CONFIG = K8S + "/identities/{identity_id}"
K8S_FIELDS = {"id", "identityId", "allowedNamespaces", "allowedNames", "publicKeys"}


def _k8s_check(w: World, req: Req, resp: httpx.Response) -> dict[str, Any]:
    ka: dict[str, Any] = body_of(resp)["identityKubernetesAuth"]
    has(ka, K8S_FIELDS)
    assert ka["identityId"] == req.state["id"]
    assert "tokenReviewerJwt" not in ka
    return ka


def _k8s_attach_req(w: World) -> Req:
    identity = w.new_identity()
    body = {"allowedNamespaces": "apps", "publicKeys": [w.k8s_public_pem]}
    return Req(f"{K8S}/identities/{identity['id']}", json=body, state={"id": identity["id"]})


def _k8s_attach_check(w: World, req: Req, resp: httpx.Response) -> None:
    ka = _k8s_check(w, req, resp)
    assert (ka["allowedNamespaces"], ka["publicKeys"]) == ("apps", [w.k8s_public_pem])


def _k8s_get_req(w: World) -> Req:
    identity = w.k8s_identity
    return Req(f"{K8S}/identities/{identity['id']}", state={"id": identity["id"]})


def _k8s_get_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert _k8s_check(w, req, resp)["publicKeys"] == [w.k8s_public_pem]


def _k8s_update_req(w: World) -> Req:
    identity = w.new_k8s_identity()
    body = {"allowedNames": "web,worker", "accessTokenTTL": 300}
    return Req(f"{K8S}/identities/{identity['id']}", json=body, state={"id": identity["id"]})


def _k8s_update_check(w: World, req: Req, resp: httpx.Response) -> None:
    ka = _k8s_check(w, req, resp)
    assert (ka["allowedNames"], ka["accessTokenTTL"]) == ("web,worker", 300)
    assert w.call("GET", req.path)["identityKubernetesAuth"]["allowedNames"] == "web,worker"


def _k8s_delete_req(w: World) -> Req:
    identity = w.new_k8s_identity()
    return Req(f"{K8S}/identities/{identity['id']}", state={"id": identity["id"]})


def _k8s_delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    _k8s_check(w, req, resp)
    assert w.status("GET", req.path) == 404


def _k8s_login_req(w: World) -> Req:
    body = {"identityId": w.k8s_identity["id"], "jwt": w.k8s_service_account_jwt()}
    return Req(K8S + "/login", json=body, token="")


def _k8s_login_check(w: World, req: Req, resp: httpx.Response) -> None:
    token = token_response(body_of(resp))
    listed = w.send("GET", Req("/api/v4/secrets", params=w.scope(), token=token))
    assert listed.status_code == 200, listed.text


def _organizations_check(w: World, req: Req, resp: httpx.Response) -> None:
    orgs = body_of(resp)["organizations"]
    assert [o["id"] for o in orgs] == [w.org]
    has(orgs[0], {"id", "name", "slug", "createdAt"})


K8S_SCENARIOS = [
    Scenario("POST", K8S_CONFIG, _k8s_attach_req, _k8s_attach_check),
    Scenario("GET", K8S_CONFIG, _k8s_get_req, _k8s_get_check),
    Scenario("PATCH", K8S_CONFIG, _k8s_update_req, _k8s_update_check),
    Scenario("DELETE", K8S_CONFIG, _k8s_delete_req, _k8s_delete_check),
    Scenario("POST", K8S + "/login", _k8s_login_req, _k8s_login_check),
    Scenario(
        "GET",
        "/api/v1/organization",
        lambda w: Req("/api/v1/organization", token=w.user["token"]),
        _organizations_check,
    ),
]

SCENARIOS = [
    *UNIVERSAL_AUTH,
    *TOKEN_AUTH,
    *K8S_SCENARIOS,
    *IDENTITY_SCENARIOS,
    *USER_SCENARIOS,
]
