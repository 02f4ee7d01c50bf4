"""Scenarios of project members (users), identity listings and legacy service tokens."""

from __future__ import annotations

from typing import Any

import httpx

from .scenarios import ENV, Req, World, fresh
from .table_base import Scenario, body_of

MEMBER_FIELDS = {"id", "userId", "projectId", "role", "roles", "user", "createdAt"}
TOKEN_FIELDS = {"id", "name", "scopes", "permissions", "projectId", "createdBy", "expiresAt"}
PASSWORD = "every endpoint password"


def has(obj: dict[str, Any], fields: set[str]) -> None:
    """``obj`` carries every one of ``fields``."""
    missing = fields - set(obj)
    assert not missing, f"missing {sorted(missing)} in {sorted(obj)}"


def _email() -> str:
    return fresh("every-") + "@example.com"


def _invite(w: World, role: str = "viewer") -> dict[str, Any]:
    """A fresh pending user invited to the bootstrap project; its membership."""
    body = {"emails": [_email()], "roleSlugs": [role]}
    made = w.call("POST", f"/api/v2/workspace/{w.pid}/memberships", json=body)
    membership: dict[str, Any] = made["memberships"][0]
    return membership


def _members(w: World) -> dict[str, dict[str, Any]]:
    listed = w.call("GET", f"/api/v1/workspace/{w.pid}/memberships")["memberships"]
    return {m["user"]["email"]: m for m in listed}


# -- project members -------------------------------------------------------------------------

INVITE = "/api/v2/workspace/{project_id}/memberships"
LIST = "/api/v1/workspace/{project_id}/memberships"
ONE = LIST + "/{membership_id}"


def _invite_req(w: World) -> Req:
    email = _email()
    return Req(INVITE.format(project_id=w.pid), json={"emails": [email], "roleSlugs": ["viewer"]})


def _invite_check(w: World, req: Req, resp: httpx.Response) -> None:
    (m,) = body_of(resp)["memberships"]
    has(m, MEMBER_FIELDS)
    email = req.json["emails"][0]
    assert (m["projectId"], m["role"], m["user"]["email"]) == (w.pid, "viewer", email)
    assert m["user"]["isAccepted"] is False  # a pending user
    assert _members(w)[email]["id"] == m["id"]


def _remove_req(w: World) -> Req:
    m = _invite(w)
    return Req(INVITE.format(project_id=w.pid), json={"emails": [m["user"]["email"]]}, state=m)


def _remove_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert [m["id"] for m in body_of(resp)["memberships"]] == [req.state["id"]]
    assert req.state["user"]["email"] not in _members(w)


def _list_check(w: World, req: Req, resp: httpx.Response) -> None:
    rows = body_of(resp)["memberships"]
    admin = [m for m in rows if m["user"]["email"] == w.boot["admin_email"]]
    assert len(admin) == 1 and admin[0]["role"] == "admin"
    has(admin[0], MEMBER_FIELDS)


def _details_req(w: World) -> Req:
    path = f"{LIST.format(project_id=w.pid)}/details"
    return Req(path, json={"username": w.boot["admin_email"]})


def _details_check(w: World, req: Req, resp: httpx.Response) -> None:
    m = body_of(resp)["membership"]
    has(m, MEMBER_FIELDS)
    assert (m["user"]["email"], m["role"]) == (w.boot["admin_email"], "admin")


def _update_req(w: World) -> Req:
    m = _invite(w)
    body = {"roles": [{"role": "member", "isTemporary": False}]}
    return Req(f"{LIST.format(project_id=w.pid)}/{m['id']}", json=body, state=m)


def _update_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert [r["role"] for r in body_of(resp)["roles"]] == ["member"]
    assert _members(w)[req.state["user"]["email"]]["role"] == "member"


def _delete_req(w: World) -> Req:
    m = _invite(w)
    return Req(f"{LIST.format(project_id=w.pid)}/{m['id']}", state=m)


def _delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["membership"]["id"] == req.state["id"]
    assert req.state["user"]["email"] not in _members(w)


def _password_req(w: World) -> Req:
    m = _invite(w)
    path = f"/api/v1/admin/users/{m['userId']}/password"
    return Req(path, json={"password": PASSWORD}, state={"email": m["user"]["email"]})


def _password_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["user"]["isAccepted"] is True
    login = {"email": req.state["email"], "password": PASSWORD}
    assert w.status("POST", "/api/v3/auth/login", token="", json=login) == 200


MEMBER_SCENARIOS = [
    Scenario("POST", INVITE, _invite_req, _invite_check),
    Scenario("DELETE", INVITE, _remove_req, _remove_check),
    Scenario("GET", LIST, lambda w: Req(LIST.format(project_id=w.pid)), _list_check),
    Scenario("POST", LIST + "/details", _details_req, _details_check),
    Scenario("PATCH", ONE, _update_req, _update_check),
    Scenario("DELETE", ONE, _delete_req, _delete_check),
    Scenario("POST", "/api/v1/admin/users/{user_id}/password", _password_req, _password_check),
]


# -- identities: the organization's list, updates, a project's identity memberships -----------

IDENTITIES = "/api/v1/identities"
IDENTITY_MEMBERSHIPS = "/api/v2/workspace/{project_id}/identity-memberships"


def _identity_list_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    found = {i["identity"]["id"]: i for i in body["identities"]}
    assert found[w.boot["identity_id"]]["role"] == "admin"
    assert body["totalCount"] == len(body["identities"])


def _identity_update_req(w: World) -> Req:
    identity = w.new_identity()
    return Req(f"{IDENTITIES}/{identity['id']}", json={"name": fresh("renamed-")}, state=identity)


def _identity_update_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["identity"]["name"] == req.json["name"]
    got = w.call("GET", req.path)["identity"]
    assert got["name"] == req.json["name"]


def _identity_memberships_check(w: World, req: Req, resp: httpx.Response) -> None:
    rows = body_of(resp)["identityMemberships"]
    shared = [m for m in rows if m["identityId"] == w.identity["id"]]
    assert len(shared) == 1 and shared[0]["role"] == "viewer"
    assert shared[0]["identity"]["name"] == w.identity["name"]


IDENTITY_SCENARIOS = [
    Scenario(
        "GET", IDENTITIES, lambda w: Req(IDENTITIES, params={"orgId": w.org}), _identity_list_check
    ),
    Scenario("PATCH", IDENTITIES + "/{identity_id}", _identity_update_req, _identity_update_check),
    Scenario(
        "GET",
        IDENTITY_MEMBERSHIPS,
        lambda w: Req(IDENTITY_MEMBERSHIPS.format(project_id=w.pid)),
        _identity_memberships_check,
    ),
]


# -- legacy service tokens (issued by users; a token reads its own details) --------------------

TOKENS = "/api/v2/service-token"


def _new_token(w: World, permissions: tuple[str, ...] = ("read",)) -> dict[str, Any]:
    body = {
        "name": fresh("st-"),
        "workspaceId": w.pid,
        "scopes": [{"environment": ENV, "secretPath": "/"}],
        "permissions": list(permissions),
        "expiresIn": 3600,
    }
    made: dict[str, Any] = w.call("POST", TOKENS, token=w.user["token"], json=body)
    return made


def _token_create_req(w: World) -> Req:
    body = {
        "name": fresh("st-"),
        "workspaceId": w.pid,
        "scopes": [{"environment": ENV, "secretPath": "/"}],
        "permissions": ["read"],
        "expiresIn": None,
        "encryptedKey": "",
        "iv": "",
        "tag": "",
    }
    return Req(TOKENS, json=body, token=w.user["token"])


def _token_create_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    data = body["serviceTokenData"]
    has(data, TOKEN_FIELDS)
    assert (data["name"], data["projectId"], data["permissions"]) == (
        req.json["name"],
        w.pid,
        ["read"],
    )
    token = body["serviceToken"]
    assert isinstance(token, str) and token.startswith(f"st.{data['id']}.")
    # the token reads the bootstrap project's dev secrets
    listed = w.send("GET", Req("/api/v3/secrets/raw", params=w.v3scope(), token=token))
    assert listed.status_code == 200, listed.text


def _token_details_req(w: World) -> Req:
    made = _new_token(w)
    return Req(TOKENS, token=made["serviceToken"], state=made["serviceTokenData"])


def _token_details_check(w: World, req: Req, resp: httpx.Response) -> None:
    body = body_of(resp)
    has(body, TOKEN_FIELDS | {"workspace", "_id", "user"})
    assert (body["id"], body["workspace"]) == (req.state["id"], w.pid)
    assert "secretHash" not in body


def _token_delete_req(w: World) -> Req:
    made = _new_token(w)
    path = f"{TOKENS}/{made['serviceTokenData']['id']}"
    return Req(path, token=w.user["token"], state={"token": made["serviceToken"]})


def _token_delete_check(w: World, req: Req, resp: httpx.Response) -> None:
    assert body_of(resp)["serviceTokenData"]["id"] == req.path.rsplit("/", 1)[-1]
    assert w.status("GET", TOKENS, token=req.state["token"]) == 401


def _token_list_req(w: World) -> Req:
    made = _new_token(w)
    path = f"/api/v1/workspace/{w.pid}/service-token-data"
    return Req(path, token=w.user["token"], state=made["serviceTokenData"])


def _token_list_check(w: World, req: Req, resp: httpx.Response) -> None:
    rows = body_of(resp)["serviceTokenData"]
    mine = [r for r in rows if r["id"] == req.state["id"]]
    assert len(mine) == 1
    has(mine[0], TOKEN_FIELDS)


SERVICE_TOKEN_SCENARIOS = [
    Scenario("POST", TOKENS, _token_create_req, _token_create_check),
    Scenario("GET", TOKENS, _token_details_req, _token_details_check),
    Scenario("DELETE", TOKENS + "/{service_token_id}", _token_delete_req, _token_delete_check),
    Scenario(
        "GET",
        "/api/v1/workspace/{project_id}/service-token-data",
        _token_list_req,
        _token_list_check,
    ),
]

SCENARIOS = [*MEMBER_SCENARIOS, *IDENTITY_SCENARIOS, *SERVICE_TOKEN_SCENARIOS]
