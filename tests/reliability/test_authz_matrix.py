"""Authorization matrix: project A's machine identity against every route of the OpenAPI
document, with every id filled in from project B. No 2xx may carry B's data, no route naming a
B id may succeed, nothing answers 5xx, and B's data is unchanged afterwards."""

from __future__ import annotations

import base64
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
        where = {"projectSlug": project["slug"], "environmentSlug": env["slug"], "path": "/"}
        otp = {"configType": "manual", "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"}
        ds = _ok(
            admin.post(
                "/api/v1/dynamic-secrets",
                json={
                    **where,
                    "name": "b-dynamic",
                    "provider": {"type": "totp", "inputs": otp},
                    "defaultTTL": "1h",
                },
            )
        )["dynamicSecret"]
        lease = _ok(
            admin.post(
                "/api/v1/dynamic-secrets/leases", json={**where, "dynamicSecretName": "b-dynamic"}
            )
        )["lease"]
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
            "dynamic_secret_name": ds["name"],
            "dynamic_secret_id": ds["id"],
            "lease_id": lease["id"],
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
        "dynamic_secret_name": b["dynamic_secret_name"],
        "lease_id": b["lease_id"],
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
        "environmentSlug": b["env_slug"],
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
        "dynamicSecretName": b["dynamic_secret_name"],
        "provider": {"type": "totp", "inputs": {"configType": "manual", "secret": "JBSWY3DP"}},
        "defaultTTL": "1h",
        "secrets": [{"secretKey": b["secret_name"], "secretValue": "overwritten-by-a"}],
    }
    b_markers = [b["value"], b["secret_id"], b["folder_id"], b["key_id"]]
    b_markers += [b["dynamic_secret_id"], b["lease_id"]]
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
        where = {"projectSlug": b["slug"], "environmentSlug": b["env_slug"]}
        lease = _ok(admin.get(f"/api/v1/dynamic-secrets/leases/{b['lease_id']}", params=where))
        assert lease["lease"]["dynamicSecret"]["name"] == b["dynamic_secret_name"]


# -- inside one project: Infisical's role rules on members, identities and service tokens --------

ROLES = ("viewer", "member", "admin")


def _user_with_role(server: LocalServer, admin: httpx.Client, role: str) -> httpx.Client:
    """A user of the bootstrap project with ``role`` (invited, given a password, logged in)."""
    pid = server.bootstrap["project_id"]
    email = f"{role}-{uuid.uuid4().hex[:8]}@example.com"
    made = _ok(
        admin.post(
            f"/api/v2/workspace/{pid}/memberships", json={"emails": [email], "roleSlugs": [role]}
        )
    )
    password = "matrix password " + uuid.uuid4().hex
    user_id = made["memberships"][0]["userId"]
    _ok(admin.post(f"/api/v1/admin/users/{user_id}/password", json={"password": password}))
    http = httpx.Client(base_url=server.url, timeout=30)
    token = _ok(http.post("/api/v3/auth/login", json={"email": email, "password": password}))
    http.headers["Authorization"] = f"Bearer {token['accessToken']}"
    org = {"organizationId": server.bootstrap["organization_id"]}
    selected = _ok(http.post("/api/v3/auth/select-organization", json=org))
    http.headers["Authorization"] = f"Bearer {selected['token']}"
    return http


def test_project_roles_on_members_identities_and_service_tokens(
    private_server: LocalServer,
) -> None:
    """Every role against every member, identity-membership and service-token operation:
    viewers read, members also invite (never as admin) and issue service tokens, only admins
    change or remove memberships (and add identities: stricter than Infisical, which lets
    members do it)."""
    server = private_server
    pid = server.bootstrap["project_id"]
    members = f"/api/v2/workspace/{pid}/memberships"
    one = f"/api/v1/workspace/{pid}/memberships"
    tokens = "/api/v2/service-token"
    scope = [{"environment": server.bootstrap["environments"][0], "secretPath": "/"}]

    with _admin(server) as admin:

        def invited() -> dict[str, Any]:
            email = f"target-{uuid.uuid4().hex[:8]}@example.com"
            made = _ok(admin.post(members, json={"emails": [email], "roleSlugs": ["viewer"]}))
            member: dict[str, Any] = made["memberships"][0]
            return member

        def identity() -> str:
            org = server.bootstrap["organization_id"]
            body = {"name": "mx-" + uuid.uuid4().hex[:6], "organizationId": org}
            return str(_ok(admin.post("/api/v1/identities", json=body))["identity"]["id"])

        def service_token() -> str:
            body = {"name": "mx", "workspaceId": pid, "scopes": scope, "permissions": ["read"]}
            return str(_ok(admin.post(tokens, json=body))["serviceTokenData"]["id"])

        def new_email() -> str:
            return f"new-{uuid.uuid4().hex[:8]}@example.com"

        # operation -> (roles allowed, the request as that role makes it)
        cases: dict[str, tuple[set[str], Any]] = {
            "list members": (set(ROLES), lambda h: h.get(one)),
            "member details": (
                set(ROLES),
                lambda h: h.post(
                    f"{one}/details", json={"username": server.bootstrap["admin_email"]}
                ),
            ),
            "invite as viewer": (
                {"member", "admin"},
                lambda h: h.post(members, json={"emails": [new_email()], "roleSlugs": ["viewer"]}),
            ),
            "invite as admin": (
                {"admin"},
                lambda h: h.post(members, json={"emails": [new_email()], "roleSlugs": ["admin"]}),
            ),
            "change a role": (
                {"admin"},
                lambda h: h.patch(f"{one}/{invited()['id']}", json={"roles": [{"role": "member"}]}),
            ),
            "remove a member": ({"admin"}, lambda h: h.delete(f"{one}/{invited()['id']}")),
            "remove by e-mail": (
                {"admin"},
                lambda h: h.request(
                    "DELETE", members, json={"emails": [invited()["user"]["email"]]}
                ),
            ),
            "list identities": (
                set(ROLES),
                lambda h: h.get(f"/api/v2/workspace/{pid}/identity-memberships"),
            ),
            "add an identity": (
                {"admin"},
                lambda h: h.post(
                    f"/api/v2/workspace/{pid}/identity-memberships/{identity()}",
                    json={"role": "viewer"},
                ),
            ),
            "list service tokens": (
                set(ROLES),
                lambda h: h.get(f"/api/v1/workspace/{pid}/service-token-data"),
            ),
            "issue a service token": (
                {"member", "admin"},
                lambda h: h.post(
                    tokens,
                    json={
                        "name": "t",
                        "workspaceId": pid,
                        "scopes": scope,
                        "permissions": ["read"],
                    },
                ),
            ),
            "delete a service token": (
                {"member", "admin"},
                lambda h: h.delete(f"{tokens}/{service_token()}"),
            ),
        }
        clients = {role: _user_with_role(server, admin, role) for role in ROLES}
        try:
            wrong: list[str] = []
            for name, (allowed, request) in cases.items():
                for role, http in clients.items():
                    resp = request(http)
                    expected = 200 if role in allowed else 403
                    if resp.status_code != expected:
                        wrong.append(f"{role} {name}: {resp.status_code} (expected {expected})")
                    elif expected == 403:
                        assert resp.json()["error"] == "PermissionDenied", resp.text
            assert wrong == [], "\n".join(wrong)
        finally:
            for http in clients.values():
                http.close()


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


def test_project_roles_on_every_kms_operation(private_server: LocalServer) -> None:
    """Every role against every KMS operation, as Infisical's default roles have it: admins
    and members may do everything on ``cmek``; a viewer may only read keys (list, get by id
    or name, public key, signing algorithms) and never encrypt, decrypt, sign or verify."""
    server = private_server
    pid = server.bootstrap["project_id"]
    keys = "/api/v1/kms/keys"
    data = base64.b64encode(b"matrix data").decode()
    algorithm = "ECDSA_SHA_256"

    with _admin(server) as admin:

        def key(usage: str = "encrypt-decrypt") -> dict[str, Any]:
            body: dict[str, Any] = {"projectId": pid, "name": "mx-" + uuid.uuid4().hex[:8]}
            if usage == "sign-verify":
                body |= {"keyUsage": usage, "encryptionAlgorithm": "ECC_NIST_P256"}
            made: dict[str, Any] = _ok(admin.post(keys, json=body))["key"]
            return made

        sym, signer = key(), key("sign-verify")
        sym_url, sign_url = f"{keys}/{sym['id']}", f"{keys}/{signer['id']}"
        ciphertext = _ok(admin.post(f"{sym_url}/encrypt", json={"plaintext": data}))["ciphertext"]
        signed = {"signingAlgorithm": algorithm, "data": data}
        signature = _ok(admin.post(f"{sign_url}/sign", json=signed))["signature"]

        # operation -> (roles allowed, the request as that role makes it)
        cases: dict[str, tuple[set[str], Any]] = {
            "create": (
                {"member", "admin"},
                lambda h: h.post(
                    keys, json={"projectId": pid, "name": "c-" + uuid.uuid4().hex[:8]}
                ),
            ),
            "list": (set(ROLES), lambda h: h.get(keys, params={"projectId": pid})),
            "get": (set(ROLES), lambda h: h.get(sym_url)),
            "get by name": (
                set(ROLES),
                lambda h: h.get(f"{keys}/key-name/{sym['name']}", params={"projectId": pid}),
            ),
            "update": (
                {"member", "admin"},
                lambda h: h.patch(sym_url, json={"description": uuid.uuid4().hex}),
            ),
            "delete": ({"member", "admin"}, lambda h: h.delete(f"{keys}/{key()['id']}")),
            "encrypt": (
                {"member", "admin"},
                lambda h: h.post(f"{sym_url}/encrypt", json={"plaintext": data}),
            ),
            "decrypt": (
                {"member", "admin"},
                lambda h: h.post(f"{sym_url}/decrypt", json={"ciphertext": ciphertext}),
            ),
            "sign": ({"member", "admin"}, lambda h: h.post(f"{sign_url}/sign", json=signed)),
            "verify": (
                {"member", "admin"},
                lambda h: h.post(f"{sign_url}/verify", json={**signed, "signature": signature}),
            ),
            "public key": (set(ROLES), lambda h: h.get(f"{sign_url}/public-key")),
            "signing algorithms": (set(ROLES), lambda h: h.get(f"{sign_url}/signing-algorithms")),
        }
        clients = {role: _user_with_role(server, admin, role) for role in ROLES}
        try:
            wrong: list[str] = []
            for name, (allowed, request) in cases.items():
                for role, http in clients.items():
                    resp = request(http)
                    expected = 200 if role in allowed else 403
                    if resp.status_code != expected:
                        wrong.append(f"{role} {name}: {resp.status_code} (expected {expected})")
                    elif expected == 403:
                        assert resp.json()["error"] == "PermissionDenied", resp.text
                        assert "matrix data" not in resp.text
            assert wrong == [], "\n".join(wrong)
        finally:
            for http in clients.values():
                http.close()
        # The server has exactly these KMS routes: a new one must join the matrix.
        doc = _ok(admin.get("/api/docs/json"))
        routes = {
            (method.upper(), template)
            for template, operations in doc["paths"].items()
            if template.startswith(keys)
            for method in operations
        }
        assert len(routes) == len(cases), sorted(routes)
