"""The resources every scenario builds on (`World`) and the HTTP plumbing of the scenario table.

A `World` belongs to one running server. Shared resources (a folder, a secret, an import, a
tag, KMS keys of both usages, a machine identity with universal auth and a client secret, an
identity with token auth and a token, a project membership, a user session) are made on first
use and reused; scenarios that change or delete something make their own fresh resource
(`World.new_*`), so the scenarios run in any order and any subset.
"""

from __future__ import annotations

import base64
import time
import uuid
from dataclasses import dataclass, field
from functools import cached_property
from types import TracebackType
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

UA_LOGIN = "/api/v1/auth/universal-auth/login"
ENV = "dev"
SOURCE_ENV = "staging"
PLAINTEXT = base64.b64encode(b"every endpoint").decode()


def fresh(prefix: str) -> str:
    """A name nobody used before: ``prefix`` plus 8 hex digits (lower case)."""
    return f"{prefix}{uuid.uuid4().hex[:8]}"


def fresh_key(prefix: str = "EVERY_") -> str:
    """A fresh secret key (upper case)."""
    return fresh(prefix).upper()


@dataclass
class Req:
    """One request of a scenario: the filled-in path, query, JSON body and credentials.

    ``token`` is the Bearer token (``None``: the bootstrap identity's; ``""``: none at all).
    ``state`` carries what the builder made (ids, values) to the response check.
    """

    path: str
    params: dict[str, Any] | None = None
    # bodies, tokens, cookies and state may hold secret values: kept out of the repr, which
    # pytest prints in the traceback of a failure
    json: Any = field(default=None, repr=False)
    token: str | None = field(default=None, repr=False)
    cookies: dict[str, str] = field(default_factory=dict, repr=False)
    state: dict[str, Any] = field(default_factory=dict, repr=False)


class World:
    """Shared resources of one server, made lazily over real HTTP."""

    def __init__(self, url: str, bootstrap: dict[str, Any]) -> None:
        self.url = url
        self.boot = bootstrap
        #: Services logins are verified against (key server, moto, a callable for slapd).
        self.services: dict[str, Any] = {}
        self.http = httpx.Client(base_url=url, timeout=60.0)

    def __enter__(self) -> World:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.http.close()

    # -- plumbing --------------------------------------------------------------------------

    def send(self, method: str, req: Req) -> httpx.Response:
        """Send ``req``; cookies are never kept between requests (each names its own)."""
        headers: dict[str, str] = {}
        token = self.admin_token if req.token is None else req.token
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if req.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in req.cookies.items())
        try:
            return self.http.request(
                method, req.path, params=req.params, json=req.json, headers=headers
            )
        finally:
            self.http.cookies.clear()

    def call(self, method: str, path: str, token: str | None = None, **kw: Any) -> dict[str, Any]:
        """A set-up request that must succeed; returns the JSON body."""
        resp = self.send(method, Req(path, token=token, **kw))
        error = resp.text if resp.status_code >= 400 else ""  # an envelope, never a secret
        assert resp.status_code == 200, f"set-up {method} {path}: {resp.status_code} {error}"
        body: dict[str, Any] = resp.json()
        return body

    def status(self, method: str, path: str, token: str | None = None, **kw: Any) -> int:
        """The status code of a follow-up request (for checks of a scenario's effect)."""
        return self.send(method, Req(path, token=token, **kw)).status_code

    # -- the bootstrap project ---------------------------------------------------------------

    @cached_property
    def admin_token(self) -> str:
        """An access token of the bootstrap identity (organization and project admin)."""
        return self.ua_login(self.boot["client_id"], self.boot["client_secret"])

    def ua_login(self, client_id: str, client_secret: str) -> str:
        """Universal-auth login; returns the access token."""
        body = self.call(
            "POST", UA_LOGIN, token="", json={"clientId": client_id, "clientSecret": client_secret}
        )
        return str(body["accessToken"])

    @property
    def pid(self) -> str:
        """The bootstrap project's id."""
        return str(self.boot["project_id"])

    @property
    def org(self) -> str:
        """The bootstrap organization's id."""
        return str(self.boot["organization_id"])

    @cached_property
    def project(self) -> dict[str, Any]:
        """The bootstrap project as ``GET /api/v1/projects/:id`` returns it."""
        project: dict[str, Any] = self.call("GET", f"/api/v1/projects/{self.pid}")["project"]
        return project

    @cached_property
    def env_id(self) -> str:
        """The id of the ``dev`` environment of the bootstrap project."""
        return next(str(e["id"]) for e in self.project["environments"] if e["slug"] == ENV)

    def scope(self, path: str = "/", **extra: Any) -> dict[str, Any]:
        """``projectId``, ``environment`` (dev) and ``secretPath`` of the bootstrap project."""
        return {"projectId": self.pid, "environment": ENV, "secretPath": path, **extra}

    def v3scope(self, path: str = "/", **extra: Any) -> dict[str, Any]:
        """The v3 spelling of `scope` (``workspaceId``)."""
        return {"workspaceId": self.pid, "environment": ENV, "secretPath": path, **extra}

    # -- folders, secrets, imports -----------------------------------------------------------

    def new_folder(self, env: str = ENV) -> dict[str, Any]:
        """A fresh folder under ``/`` of ``env``."""
        body = {"projectId": self.pid, "environment": env, "path": "/", "name": fresh("f-")}
        folder: dict[str, Any] = self.call("POST", "/api/v2/folders", json=body)["folder"]
        return folder

    @cached_property
    def folder(self) -> dict[str, Any]:
        """A shared folder under ``/`` of dev."""
        return self.new_folder()

    def new_secret(self, key: str | None = None, path: str = "/") -> dict[str, Any]:
        """A fresh shared secret in dev (at ``path``), its value remembered under ``value``."""
        key = key or fresh_key()
        value = "value-" + uuid.uuid4().hex
        body = self.scope(path, secretValue=value, secretComment="made by World")
        secret: dict[str, Any] = self.call("POST", f"/api/v4/secrets/{key}", json=body)["secret"]
        return {**secret, "value": value}

    @cached_property
    def secret(self) -> dict[str, Any]:
        """A shared secret in the shared folder."""
        return self.new_secret(path=self.folder["path"])

    @cached_property
    def source_secret(self) -> dict[str, Any]:
        """A secret at ``/`` of staging, the source of the shared import."""
        key = fresh_key("SRC_")
        value = "imported-" + uuid.uuid4().hex
        body = {"projectId": self.pid, "environment": SOURCE_ENV, "secretValue": value}
        secret: dict[str, Any] = self.call("POST", f"/api/v4/secrets/{key}", json=body)["secret"]
        return {**secret, "value": value}

    def new_import(self) -> dict[str, Any]:
        """An import of staging ``/`` into a fresh dev folder; ``path`` names that folder."""
        target = self.new_folder()["path"]
        body = {
            "projectId": self.pid,
            "environment": ENV,
            "path": target,
            "import": {"environment": SOURCE_ENV, "path": "/"},
        }
        imp: dict[str, Any] = self.call("POST", "/api/v2/secret-imports", json=body)["secretImport"]
        return {**imp, "path": target}

    @cached_property
    def secret_import(self) -> dict[str, Any]:
        """The shared import (its source holds `source_secret`)."""
        _ = self.source_secret
        return self.new_import()

    # -- tags, KMS ---------------------------------------------------------------------------

    def new_tag(self) -> dict[str, Any]:
        """A fresh tag in the bootstrap project."""
        body = {"slug": fresh("tag-"), "color": "#336699"}
        tag: dict[str, Any] = self.call("POST", f"/api/v1/projects/{self.pid}/tags", json=body)[
            "tag"
        ]
        return tag

    @cached_property
    def tag(self) -> dict[str, Any]:
        """The shared tag."""
        return self.new_tag()

    def new_key(self, usage: str = "encrypt-decrypt") -> dict[str, Any]:
        """A fresh KMS key (``encrypt-decrypt`` AES-256-GCM or ``sign-verify`` ECC P-256)."""
        body: dict[str, Any] = {"projectId": self.pid, "name": fresh("key-"), "keyUsage": usage}
        if usage == "sign-verify":
            body["encryptionAlgorithm"] = "ECC_NIST_P256"
        key: dict[str, Any] = self.call("POST", "/api/v1/kms/keys", json=body)["key"]
        return key

    @cached_property
    def enc_key(self) -> dict[str, Any]:
        """The shared encrypt-decrypt key."""
        return self.new_key()

    @cached_property
    def sign_key(self) -> dict[str, Any]:
        """The shared sign-verify key."""
        return self.new_key("sign-verify")

    # -- identities, memberships, tokens -----------------------------------------------------

    def new_identity(self, *, universal_auth: bool = False) -> dict[str, Any]:
        """A fresh machine identity in the organization (optionally with universal auth)."""
        body = {"name": fresh("mi-"), "organizationId": self.org, "role": "member"}
        identity: dict[str, Any] = self.call("POST", "/api/v1/identities", json=body)["identity"]
        if universal_auth:
            ua = self.call("POST", f"/api/v1/auth/universal-auth/identities/{identity['id']}")
            identity["ua"] = ua["identityUniversalAuth"]
        return identity

    @cached_property
    def identity(self) -> dict[str, Any]:
        """A shared identity with universal auth, a client secret and a viewer membership."""
        identity = self.new_identity(universal_auth=True)
        made = self.call(
            "POST",
            f"/api/v1/auth/universal-auth/identities/{identity['id']}/client-secrets",
            json={"description": "shared"},
        )
        identity["client_secret"] = made["clientSecret"]
        identity["client_secret_id"] = made["clientSecretData"]["id"]
        self.join(identity["id"], "viewer")
        return identity

    def join(self, identity_id: str, role: str) -> dict[str, Any]:
        """Add an identity to the bootstrap project with ``role``."""
        path = f"/api/v2/workspace/{self.pid}/identity-memberships/{identity_id}"
        membership: dict[str, Any] = self.call("POST", path, json={"role": role})[
            "identityMembership"
        ]
        return membership

    def new_token_identity(self) -> dict[str, Any]:
        """A fresh identity with token auth attached."""
        identity = self.new_identity()
        self.call("POST", f"/api/v1/auth/token-auth/identities/{identity['id']}", json={})
        return identity

    def new_token(self, identity_id: str) -> dict[str, Any]:
        """A fresh token-auth token of ``identity_id``: ``{accessToken, tokenData, ...}``."""
        path = f"/api/v1/auth/token-auth/identities/{identity_id}/tokens"
        return self.call("POST", path, json={"name": fresh("tok-")})

    @cached_property
    def token_identity(self) -> dict[str, Any]:
        """A shared identity with token auth and one token (``token``), a project viewer."""
        identity = self.new_token_identity()
        identity["token"] = self.new_token(identity["id"])
        self.join(identity["id"], "viewer")
        return identity

    @cached_property
    def k8s_signing_key(self) -> ec.EllipticCurvePrivateKey:
        """The (test) key of a Kubernetes service-account issuer."""
        return ec.generate_private_key(ec.SECP256R1())

    @cached_property
    def k8s_public_pem(self) -> str:
        """Its public key in PEM, as Kubernetes auth's ``publicKeys`` takes it."""
        public = self.k8s_signing_key.public_key()
        return (
            public.public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
            .decode()
            .strip()
        )  # the server stores PEM text stripped

    def k8s_service_account_jwt(self, namespace: str = "apps", name: str = "web") -> str:
        """A projected service-account token of ``namespace``/``name``, valid for 10 minutes."""
        now = int(time.time())
        claims = {
            "iss": "https://kubernetes.default.svc.cluster.local",
            "sub": f"system:serviceaccount:{namespace}:{name}",
            "aud": ["https://kubernetes.default.svc"],
            "iat": now,
            "nbf": now,
            "exp": now + 600,
            "kubernetes.io": {"namespace": namespace, "serviceaccount": {"name": name}},
        }
        return jwt.encode(claims, self.k8s_signing_key, algorithm="ES256")

    def new_k8s_identity(self) -> dict[str, Any]:
        """A fresh identity with Kubernetes auth trusting `k8s_public_pem` (namespace apps)."""
        identity = self.new_identity()
        body = {"allowedNamespaces": "apps", "publicKeys": [self.k8s_public_pem]}
        self.call("POST", f"/api/v1/auth/kubernetes-auth/identities/{identity['id']}", json=body)
        return identity

    @cached_property
    def k8s_identity(self) -> dict[str, Any]:
        """A shared identity with Kubernetes auth, a project viewer."""
        identity = self.new_k8s_identity()
        self.join(identity["id"], "viewer")
        return identity

    # -- the bootstrap user ------------------------------------------------------------------

    def user_login(self) -> httpx.Response:
        """``POST /api/v3/auth/login`` with the bootstrap admin's email and password."""
        body = {"email": self.boot["admin_email"], "password": self.boot["admin_password"]}
        resp = self.send("POST", Req("/api/v3/auth/login", json=body, token=""))
        assert resp.status_code == 200, f"user login: {resp.status_code} {resp.text}"
        return resp

    def new_user_session(self) -> dict[str, str]:
        """A fresh user session: ``{token}`` (organization selected) and ``{jid}`` (cookie)."""
        first = self.user_login()
        selected = self.call(
            "POST",
            "/api/v3/auth/select-organization",
            token=first.json()["accessToken"],
            json={"organizationId": self.org},
        )
        return {"token": str(selected["token"]), "jid": str(first.cookies["jid"])}

    @cached_property
    def user(self) -> dict[str, str]:
        """The shared user session."""
        return self.new_user_session()

    # -- projects, environments --------------------------------------------------------------

    def new_project(self) -> dict[str, Any]:
        """A fresh project (with the default environments)."""
        body = {"projectName": fresh("every-")}
        project: dict[str, Any] = self.call("POST", "/api/v1/projects", json=body)["project"]
        return project

    def new_env(self, prefix: str = "projects") -> dict[str, Any]:
        """A fresh environment in the bootstrap project."""
        slug = fresh("env-")
        body = {"name": slug.upper(), "slug": slug}
        path = f"/api/v1/{prefix}/{self.pid}/environments"
        env: dict[str, Any] = self.call("POST", path, json=body)["environment"]
        return env
