"""Authorization matrix: project A's machine identity against every route of the OpenAPI
document, with every id filled in from project B. No 2xx may carry B's data, no route naming a
B id may succeed, nothing answers 5xx, and B's data is unchanged afterwards."""

from __future__ import annotations

import contextlib
import re
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

#: routes that act on the caller's own session, not on a project (sweeping them would end it)
SKIP = re.compile(r"/auth/(token/revoke|logout)")


@contextlib.contextmanager
def _admin(server: LocalServer) -> Iterator[httpx.Client]:
    boot = server.bootstrap
    http = httpx.Client(base_url=server.url, timeout=30)
    resp = http.post(
        "/api/v3/auth/login",
        json={"email": boot["admin_email"], "password": boot["admin_password"]},
    )
    assert resp.status_code == 200, resp.text
    http.headers["Authorization"] = f"Bearer {resp.json()['accessToken']}"
    resp = http.post(
        "/api/v3/auth/select-organization", json={"organizationId": boot["organization_id"]}
    )
    assert resp.status_code == 200, resp.text
    http.headers["Authorization"] = f"Bearer {resp.json()['token']}"
    try:
        yield http
    finally:
        http.close()


def _ok(resp: httpx.Response) -> dict[str, Any]:
    assert resp.status_code == 200, f"{resp.request.method} {resp.request.url.path}: {resp.text}"
    body: dict[str, Any] = resp.json()
    return body


@pytest.fixture
def project_b(private_server: LocalServer) -> Iterator[dict[str, str]]:
    """Project B (the admin's; identity A is no member) with a secret, folder, tag, KMS key."""
    with _admin(private_server) as admin:
        project = _ok(admin.post("/api/v1/projects", json={"projectName": "project-b"}))["project"]
        pid = project["id"]
        env = project["environments"][0]
        value = "b-secret-" + uuid.uuid4().hex
        scope = {"projectId": pid, "environment": env["slug"], "secretPath": "/"}
        secret = _ok(admin.post("/api/v4/secrets/B_ONLY", json={**scope, "secretValue": value}))
        folder = _ok(
            admin.post(
                "/api/v2/folders",
                json={"projectId": pid, "environment": env["slug"], "path": "/", "name": "bdir"},
            )
        )
        tag = _ok(
            admin.post(f"/api/v1/projects/{pid}/tags", json={"slug": "btag", "color": "#aabbcc"})
        )
        key = _ok(admin.post("/api/v1/kms/keys", json={"projectId": pid, "name": "bkey"}))
        yield {
            "project_id": pid,
            "slug": project["slug"],
            "env_slug": env["slug"],
            "env_id": env["id"],
            "secret_id": secret["secret"]["id"],
            "secret_name": "B_ONLY",
            "value": value,
            "folder_id": folder["folder"]["id"],
            "tag_id": tag["projectTag"]["id"] if "projectTag" in tag else tag["tag"]["id"],
            "tag_slug": "btag",
            "key_id": (key.get("key") or key)["id"],
            "key_name": "bkey",
        }


def _fill(name: str, b: dict[str, str]) -> str:
    name = name.split(":")[0]
    table = {
        "project_id": b["project_id"],
        "slug": b["slug"],
        "secret_id": b["secret_id"],
        "secret_name": b["secret_name"],
        "name": b["secret_name"],
        "folder_id": b["folder_id"],
        "folder_id_or_name": b["folder_id"],
        "env_id": b["env_id"],
        "tag_id": b["tag_id"],
        "tag_slug": b["tag_slug"],
        "key_id": b["key_id"],
        "key_name": b["key_name"],
        "import_id": b["folder_id"],
    }
    return table.get(name, b["project_id"])


def test_identity_of_a_never_gets_b(private_server: LocalServer, project_b: dict[str, str]) -> None:
    b = project_b
    boot = private_server.bootstrap
    login = httpx.post(
        f"{private_server.url}/api/v1/auth/universal-auth/login",
        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
    )
    token_a = _ok(login)["accessToken"]
    doc = _ok(httpx.get(f"{private_server.url}/api/docs/json"))
    scope = {
        "projectId": b["project_id"],
        "workspaceId": b["project_id"],
        "projectSlug": b["slug"],
        "environment": b["env_slug"],
        "secretPath": "/",
        "path": "/",
    }
    body = {
        **scope,
        "secretValue": "overwritten-by-a",
        "secretName": b["secret_name"],
        "name": "a-was-here",
        "slug": "a-was-here",
        "plaintext": "aGk=",
        "secrets": [{"secretKey": b["secret_name"], "secretValue": "overwritten-by-a"}],
    }
    b_markers = [b["value"], b["secret_id"], b["folder_id"], b["key_id"]]
    leaks: list[str] = []
    tried = 0
    with httpx.Client(
        base_url=private_server.url, headers={"Authorization": f"Bearer {token_a}"}, timeout=30
    ) as http:
        for template, operations in doc["paths"].items():
            if SKIP.search(template):
                continue
            path = re.sub(r"{([^}]+)}", lambda m: _fill(m.group(1), b), template)
            names_b = "{" in template
            for method in operations:
                if method.upper() not in {"GET", "POST", "PUT", "PATCH", "DELETE"}:
                    continue
                tried += 1
                if method.upper() == "GET":
                    resp = http.get(path, params=scope)
                else:
                    resp = http.request(method.upper(), path, params=scope, json=body)
                where = f"{method.upper()} {template} -> {resp.status_code}"
                if resp.status_code >= 500:
                    leaks.append(f"{where} (a 5xx is a bug)")
                elif 200 <= resp.status_code < 300:
                    if names_b and "/auth/" not in template:
                        leaks.append(f"{where} (succeeded on a B id)")
                    elif any(marker in resp.text for marker in b_markers):
                        leaks.append(f"{where} (B's data in the answer)")
        # the sweep ran with a live token: A still reads its own project (not vacuous 401s)
        own = http.get(
            "/api/v4/secrets",
            params={"projectId": boot["project_id"], "environment": boot["environments"][0]},
        )
        assert own.status_code == 200, own.text
    assert tried > 50, tried
    assert leaks == [], "\n".join(leaks)
    with _admin(private_server) as admin:
        got = _ok(
            admin.get(
                f"/api/v4/secrets/{b['secret_name']}",
                params={"projectId": b["project_id"], "environment": b["env_slug"]},
            )
        )
        assert got["secret"]["secretValue"] == b["value"]
        assert _ok(admin.get(f"/api/v1/projects/{b['project_id']}"))["project"]["id"]


#: Each login method's configuration route and a valid settings body (no service needed).
LOGIN_METHOD_SETTINGS = {
    "oidc-auth": {"oidcDiscoveryUrl": "https://idp.example", "boundIssuer": "https://idp.example"},
    "jwt-auth": {"configurationType": "jwks", "jwksUrl": "https://idp.example/jwks"},
    "ldap-auth": {
        "url": "ldap://127.0.0.1:1",
        "bindDN": "cn=admin,dc=example,dc=org",
        "bindPass": "b-bind-password",
        "searchBase": "dc=example,dc=org",
    },
    "aws-auth": {"allowedAccountIds": "123456789012"},
    "gcp-auth": {"type": "iam"},
    "azure-auth": {"tenantId": "b-tenant"},
    "kubernetes-auth": {"allowedNamespaces": "b"},
    "universal-auth": {},
    "token-auth": {},
}


def test_login_method_settings_need_an_organization_admin(private_server: LocalServer) -> None:
    """A member identity (not an org admin) can neither read, attach, change nor detach any
    login method of another identity (or its own); the settings stay as they were."""
    boot = private_server.bootstrap
    with _admin(private_server) as admin:
        org = boot["organization_id"]
        target = _ok(
            admin.post("/api/v1/identities", json={"name": "target", "organizationId": org})
        )
        target_id = target["identity"]["id"]
        bare = _ok(admin.post("/api/v1/identities", json={"name": "bare", "organizationId": org}))
        bare_id = bare["identity"]["id"]
        member = _ok(
            admin.post(
                "/api/v1/identities",
                json={"name": "member", "organizationId": org, "role": "member"},
            )
        )["identity"]["id"]
        for method, settings in LOGIN_METHOD_SETTINGS.items():
            _ok(admin.post(f"/api/v1/auth/{method}/identities/{target_id}", json=settings))
        ua = _ok(admin.post(f"/api/v1/auth/universal-auth/identities/{member}"))
        client_id = ua["identityUniversalAuth"]["clientId"]
        made = _ok(admin.post(f"/api/v1/auth/universal-auth/identities/{member}/client-secrets"))
        before = {
            m: _ok(admin.get(f"/api/v1/auth/{m}/identities/{target_id}"))
            for m in LOGIN_METHOD_SETTINGS
        }
    login = httpx.post(
        f"{private_server.url}/api/v1/auth/universal-auth/login",
        json={"clientId": client_id, "clientSecret": made["clientSecret"]},
    )
    denied: list[str] = []
    with httpx.Client(
        base_url=private_server.url,
        headers={"Authorization": f"Bearer {_ok(login)['accessToken']}"},
        timeout=30,
    ) as http:
        for method, settings in LOGIN_METHOD_SETTINGS.items():
            on_target = f"/api/v1/auth/{method}/identities/{target_id}"
            attempts = [
                http.get(on_target),
                http.patch(on_target, json=settings),
                http.delete(on_target),
                http.post(f"/api/v1/auth/{method}/identities/{bare_id}", json=settings),
                http.post(f"/api/v1/auth/{method}/identities/{member}", json=settings),
            ]
            for resp in attempts:
                where = f"{resp.request.method} {resp.request.url.path} -> {resp.status_code}"
                if resp.status_code not in (401, 403, 404):
                    denied.append(where)
                assert "b-bind-password" not in resp.text
    assert denied == [], "\n".join(denied)
    with _admin(private_server) as admin:
        for method, settings_before in before.items():
            assert (
                _ok(admin.get(f"/api/v1/auth/{method}/identities/{target_id}")) == settings_before
            )
            bare_status = admin.get(f"/api/v1/auth/{method}/identities/{bare_id}").status_code
            assert bare_status == 404, method
