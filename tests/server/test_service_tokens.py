"""Legacy service tokens (``st.<id>.<secret>``) over real HTTP: issued by users, accepted on
the secrets routes within their scopes and permissions, refused elsewhere, expired, deleted."""

from __future__ import annotations

import sqlite3
import uuid
from contextlib import closing
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import admin_token, ago, assert_error, client, db_exec, db_path, user_client
from ._members_support import member_user

TOKENS = "/api/v2/service-token"


def _issue(
    admin: httpx.Client,
    pid: str,
    scopes: list[dict[str, str]],
    permissions: list[str],
    **extra: Any,
) -> tuple[str, dict[str, Any]]:
    body = {
        "name": "st-" + uuid.uuid4().hex[:6],
        "workspaceId": pid,
        "scopes": scopes,
        "permissions": permissions,
        "expiresIn": None,
        "encryptedKey": "",
        "iv": "",
        "tag": "",
        **extra,
    }
    resp = admin.post(TOKENS, json=body)
    assert resp.status_code == 200, resp.text
    return str(resp.json()["serviceToken"]), resp.json()["serviceTokenData"]


@pytest.fixture
def project(infisical_server: LocalServer) -> dict[str, Any]:
    """A fresh project of the admin user with secrets at /, /app, /app/deep, staging /."""
    with closing(user_client(infisical_server)) as admin:
        made = admin.post("/api/v1/projects", json={"projectName": "st-" + uuid.uuid4().hex[:6]})
        assert made.status_code == 200, made.text
        pid = made.json()["project"]["id"]
        for env, path, name in (("dev", "/", ""), ("dev", "/", "app"), ("dev", "/app", "deep")):
            if name:
                folder = {"projectId": pid, "environment": env, "path": path, "name": name}
                assert admin.post("/api/v2/folders", json=folder).status_code == 200
        for env, path, key in (
            ("dev", "/", "ROOT"),
            ("dev", "/app", "APP"),
            ("dev", "/app/deep", "DEEP"),
            ("staging", "/", "STAGED"),
        ):
            body = {"projectId": pid, "environment": env, "secretPath": path}
            body["secretValue"] = f"{key.lower()}-value"
            assert admin.post(f"/api/v4/secrets/{key}", json=body).status_code == 200
    return {"id": pid}


def _keys(resp: httpx.Response) -> list[str]:
    assert resp.status_code == 200, resp.text
    return sorted(s["secretKey"] for s in resp.json()["secrets"])


def test_issue_read_and_details(infisical_server: LocalServer, project: dict[str, Any]) -> None:
    pid = project["id"]
    with closing(user_client(infisical_server)) as admin:
        token, data = _issue(admin, pid, [{"environment": "dev", "secretPath": "/"}], ["read"])
        assert token.startswith(f"st.{data['id']}.") and token.count(".") == 2
        assert (data["projectId"], data["permissions"]) == (pid, ["read"])
        assert "secretHash" not in data
        listed = admin.get(f"/api/v1/workspace/{pid}/service-token-data")
        assert [t["id"] for t in listed.json()["serviceTokenData"]] == [data["id"]]
        leaked = token.split(".")[2] in listed.text
        assert not leaked, "the token secret is in the list"
    with client(infisical_server, token) as st:
        me = st.get(TOKENS)
        assert me.status_code == 200, me.text
        body = me.json()
        assert (body["workspace"], body["_id"], body["id"]) == (pid, data["id"], data["id"])
        assert body["user"]["email"] == infisical_server.bootstrap["admin_email"]
        assert body["scopes"] == [{"environment": "dev", "secretPath": "/"}]
        # the single plain scope pins the reads: the request's environment is overridden
        got = st.get("/api/v3/secrets/raw/ROOT", params={"workspaceId": pid, "environment": "prod"})
        assert got.status_code == 200, got.text
        assert got.json()["secret"]["secretValue"] == "root-value"
        assert _keys(st.get("/api/v3/secrets/raw", params={"workspaceId": pid})) == ["ROOT"]
        assert _keys(
            st.get("/api/v4/secrets", params={"projectId": pid, "environment": "dev"})
        ) == ["ROOT"]
        # read-only: no writes
        write = st.post(
            "/api/v3/secrets/raw/NEW",
            json={"workspaceId": pid, "environment": "dev", "secretValue": "x"},
        )
        assert_error(write, 403, "PermissionDenied")
        # not a service-token route
        assert_error(st.get("/api/v1/projects"), 403, "ForbiddenError")
        assert_error(st.get(f"/api/v1/workspace/{pid}/service-token-data"), 403, "ForbiddenError")
    # the old clients' four-part form works too
    with client(infisical_server, token + ".legacykey") as st:
        assert st.get(TOKENS).status_code == 200


def test_glob_scopes_and_write_permission(
    infisical_server: LocalServer, project: dict[str, Any]
) -> None:
    pid = project["id"]
    with closing(user_client(infisical_server)) as admin:
        token, _ = _issue(
            admin,
            pid,
            [
                {"environment": "dev", "secretPath": "/app/**"},
                {"environment": "staging", "secretPath": "/"},
            ],
            ["read", "write"],
        )
    with client(infisical_server, token) as st:

        def listing(env: str, path: str, **extra: str) -> httpx.Response:
            params = {"workspaceId": pid, "environment": env, "secretPath": path, **extra}
            return st.get("/api/v3/secrets/raw", params=params)

        assert _keys(listing("dev", "/app")) == ["APP"]
        assert _keys(listing("dev", "/app/deep")) == ["DEEP"]
        assert _keys(listing("dev", "/app", recursive="true")) == ["APP", "DEEP"]
        assert _keys(listing("staging", "/")) == ["STAGED"]
        assert_error(listing("dev", "/"), 403, "PermissionDenied")
        assert_error(listing("prod", "/"), 403, "PermissionDenied")
        created = st.post(
            "/api/v3/secrets/raw/WRITTEN",
            json={
                "workspaceId": pid,
                "environment": "dev",
                "secretPath": "/app",
                "secretValue": "w",
            },
        )
        assert created.status_code == 200, created.text
        outside = st.post(
            "/api/v3/secrets/raw/WRITTEN",
            json={"workspaceId": pid, "environment": "dev", "secretPath": "/", "secretValue": "w"},
        )
        assert_error(outside, 403, "PermissionDenied")
        deleted = st.request(
            "DELETE",
            "/api/v4/secrets/WRITTEN",
            json={"projectId": pid, "environment": "dev", "secretPath": "/app"},
        )
        assert deleted.status_code == 200, deleted.text
        batch = {"workspaceId": pid, "environment": "dev", "secretPath": "/app/deep"}
        made = st.post(
            "/api/v3/secrets/batch/raw",
            json={**batch, "secrets": [{"secretKey": "BATCHED", "secretValue": "b"}]},
        )
        assert made.status_code == 200, made.text
        escape = st.patch(
            "/api/v3/secrets/batch/raw",
            json={
                **batch,
                "secrets": [{"secretKey": "ROOT", "secretValue": "hijacked", "secretPath": "/"}],
            },
        )
        assert_error(escape, 403, "PermissionDenied")


def test_imports_and_references_stay_inside_the_scopes(
    infisical_server: LocalServer, project: dict[str, Any]
) -> None:
    pid = project["id"]
    with closing(user_client(infisical_server)) as admin:
        imported = admin.post(
            "/api/v2/secret-imports",
            json={
                "projectId": pid,
                "environment": "dev",
                "path": "/app",
                "import": {"environment": "staging", "path": "/"},
            },
        )
        assert imported.status_code == 200, imported.text
        ref = {"projectId": pid, "environment": "dev", "secretPath": "/app"}
        ref["secretValue"] = "${staging.STAGED}"
        assert admin.post("/api/v4/secrets/REF", json=ref).status_code == 200
        token, _ = _issue(admin, pid, [{"environment": "dev", "secretPath": "/app"}], ["read"])
    with client(infisical_server, token) as st:
        params = {"workspaceId": pid, "environment": "dev", "secretPath": "/app"}
        listed = st.get("/api/v3/secrets/raw", params={**params, "include_imports": "true"})
        assert listed.status_code == 200, listed.text
        assert all(group["secrets"] == [] for group in listed.json()["imports"])
        assert "staged-value" not in listed.text
        expanded = st.get(
            "/api/v3/secrets/raw/REF", params={**params, "expandSecretReferences": "true"}
        )
        # Outside the token's scopes: left as written, like a missing reference.
        assert expanded.status_code == 200, expanded.status_code
        assert expanded.json()["secret"]["secretValue"] == "${staging.STAGED}"
        assert "staged-value" not in expanded.text
        fallback = st.get(
            "/api/v3/secrets/raw/STAGED", params={**params, "include_imports": "true"}
        )
        assert_error(fallback, 404, "NotFound")


def test_rejected_tokens(infisical_server: LocalServer, project: dict[str, Any]) -> None:
    pid = project["id"]
    with closing(user_client(infisical_server)) as admin:
        token, data = _issue(admin, pid, [{"environment": "dev", "secretPath": "/"}], ["read"])
        doomed, doomed_data = _issue(
            admin, pid, [{"environment": "dev", "secretPath": "/"}], ["read"]
        )
        deleted = admin.delete(f"{TOKENS}/{doomed_data['id']}")
        assert (
            deleted.status_code == 200
            and deleted.json()["serviceTokenData"]["id"] == doomed_data["id"]
        )
        assert_error(admin.delete(f"{TOKENS}/{doomed_data['id']}"), 404, "NotFound")
    prefix = token.rsplit(".", 1)[0]
    for bad in (doomed, prefix + ".wrong", f"st.{uuid.uuid4()}.abc", "st.only-two", "st..x"):
        with client(infisical_server, bad) as st:
            assert_error(st.get(TOKENS), 401, "UnauthorizedError", "Invalid service token")
    db_exec(
        infisical_server,
        "UPDATE service_tokens SET expires_at = ? WHERE id = ?",
        ago(1),
        data["id"],
    )
    with client(infisical_server, token) as st:
        assert_error(st.get(TOKENS), 403, "TokenError", "Service token has expired")


def test_only_users_with_write_access_issue_tokens(
    infisical_server: LocalServer, project: dict[str, Any]
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    scopes = [{"environment": "dev", "secretPath": "/"}]
    body = {"name": "x", "workspaceId": pid, "scopes": scopes, "permissions": ["read"]}
    with client(infisical_server, admin_token(infisical_server)) as identity:
        assert_error(identity.post(TOKENS, json=body), 403, "ForbiddenError")
        assert_error(identity.get(TOKENS), 403, "ForbiddenError")
    viewer, _ = member_user(infisical_server, "viewer")
    with closing(viewer):
        assert_error(viewer.post(TOKENS, json=body), 403, "PermissionDenied")
        assert viewer.get(f"/api/v1/projects/{pid}/service-token-data").status_code == 200
        # another user's project: not even its existence shows
        other = viewer.get(f"/api/v1/workspace/{project['id']}/service-token-data")
        assert_error(other, 404, "NotFound")
    with closing(user_client(infisical_server)) as admin:
        assert_error(admin.post(TOKENS, json={**body, "scopes": []}), 422, "ValidationFailure")
        unknown_env = {**body, "scopes": [{"environment": "nope", "secretPath": "/"}]}
        assert_error(admin.post(TOKENS, json=unknown_env), 404, "NotFound")
        relative = {**body, "scopes": [{"environment": "dev", "secretPath": "app"}]}
        assert_error(admin.post(TOKENS, json=relative), 400, "BadRequest")
        assert_error(
            admin.post(TOKENS, json={**body, "permissions": ["admin"]}), 422, "ValidationFailure"
        )
        assert_error(admin.post(TOKENS, json={**body, "workspaceId": None}), 400, "BadRequest")
        assert_error(admin.post(TOKENS, json={**body, "expiresIn": -1}), 422, "ValidationFailure")


def test_only_a_keyed_hash_is_stored(
    infisical_server: LocalServer, project: dict[str, Any]
) -> None:
    with closing(user_client(infisical_server)) as admin:
        token, data = _issue(
            admin, project["id"], [{"environment": "dev", "secretPath": "/"}], ["read"]
        )
    secret = token.split(".")[2]
    with closing(sqlite3.connect(db_path(infisical_server))) as db:
        (stored,) = db.execute(
            "SELECT secret_hash FROM service_tokens WHERE id = ?", (data["id"],)
        ).fetchone()
    assert stored.startswith("hmac-sha256:")
    assert secret not in stored
