"""Kubernetes login end to end: a service-account-shaped JWT (signed here with a fresh RSA
key) in a token file, the identity configured over the API with the public key (the local
server's ``publicKeys`` extension), and ``from_env()`` with the Kubernetes variables."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from infisical_kit import AsyncClient, AuthenticationError

from ._counting import CountingTransport

CONFIG = "/api/v1/auth/kubernetes-auth/identities/{}"
LOGIN = "/api/v1/auth/kubernetes-auth/login"


def sa_token(key: rsa.RSAPrivateKey, namespace: str, name: str = "web") -> str:
    now = int(time.time())
    claims = {
        "iss": "https://kubernetes.default.svc.cluster.local",
        "sub": f"system:serviceaccount:{namespace}:{name}",
        "aud": ["https://kubernetes.default.svc"],
        "iat": now,
        "exp": now + 600,
        "kubernetes.io": {"namespace": namespace, "serviceaccount": {"name": name}},
    }
    return jwt.encode(claims, key, algorithm="RS256")


@pytest.fixture
def k8s_identity(infisical_server: Any) -> dict[str, Any]:
    """A new identity (viewer of the bootstrap project) with Kubernetes auth that trusts a
    fresh RSA key and only the ``apps`` namespace."""
    boot = infisical_server.bootstrap
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    with httpx.Client(base_url=infisical_server.url, timeout=30.0) as http:
        resp = http.post(
            "/api/v1/auth/universal-auth/login",
            json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        )
        assert resp.status_code == 200, resp.text
        http.headers["Authorization"] = f"Bearer {resp.json()['accessToken']}"
        made = http.post(
            "/api/v1/identities",
            json={"name": f"k8s-{uuid.uuid4().hex[:8]}", "organizationId": boot["organization_id"]},
        )
        assert made.status_code == 200, made.text
        identity_id = made.json()["identity"]["id"]
        joined = http.post(
            f"/api/v2/workspace/{boot['project_id']}/identity-memberships/{identity_id}",
            json={"role": "viewer"},
        )
        assert joined.status_code == 200, joined.text
        configured = http.post(
            CONFIG.format(identity_id), json={"allowedNamespaces": "apps", "publicKeys": [pem]}
        )
        assert configured.status_code == 200, configured.text
        secret = http.post(
            f"/api/v4/secrets/K8S_{uuid.uuid4().hex[:8].upper()}",
            json={
                "projectId": boot["project_id"],
                "environment": "dev",
                "secretValue": "seen-from-a-pod",
            },
        )
        assert secret.status_code == 200, secret.text
    return {"id": identity_id, "key": key, "secret": secret.json()["secret"]["secretKey"]}


def _env(monkeypatch: pytest.MonkeyPatch, server: Any, identity_var: str, identity: str) -> None:
    monkeypatch.setenv("INFISICAL_DOMAIN", server.url)
    monkeypatch.setenv(identity_var, identity)
    monkeypatch.setenv("INFISICAL_PROJECT_ID", server.bootstrap["project_id"])
    monkeypatch.setenv("INFISICAL_ENVIRONMENT", "dev")


@pytest.mark.anyio
@pytest.mark.parametrize(
    "identity_var", ["INFISICAL_KUBERNETES_IDENTITY_ID", "INFISICAL_MACHINE_IDENTITY_ID"]
)
async def test_from_env_lists_secrets(
    infisical_server: Any,
    k8s_identity: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    identity_var: str,
) -> None:
    token_file = tmp_path / "token"
    first = sa_token(k8s_identity["key"], "apps")
    token_file.write_text(first + "\n")
    _env(monkeypatch, infisical_server, identity_var, k8s_identity["id"])
    monkeypatch.setenv("INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH", str(token_file))
    transport = CountingTransport()
    async with AsyncClient.from_env(transport=transport) as client:
        listed = {s.key: s.value for s in await client.secrets.list()}
        assert listed[k8s_identity["secret"]] == "seen-from-a-pod"
        assert transport.paths.count(LOGIN) == 1
        assert first not in repr(client)
        # the kubelet rotates the token: the next login reads the file again
        token_file.write_text(sa_token(k8s_identity["key"], "apps", name="rotated"))
        await client.auth.login()
        first_state = client._requester.tokens._state
        assert first_state is not None
        token_file.write_text(sa_token(k8s_identity["key"], "kube-system"))
        with pytest.raises(AuthenticationError):
            await client.auth.login()  # the rotated file now names a disallowed namespace
        assert transport.paths.count(LOGIN) == 3


@pytest.mark.anyio
async def test_disallowed_namespace_is_an_authentication_error(
    infisical_server: Any,
    k8s_identity: dict[str, Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    token_file = tmp_path / "token"
    bad = sa_token(k8s_identity["key"], "kube-system")
    token_file.write_text(bad)
    _env(monkeypatch, infisical_server, "INFISICAL_KUBERNETES_IDENTITY_ID", k8s_identity["id"])
    monkeypatch.setenv("INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH", str(token_file))
    async with AsyncClient.from_env() as client:
        with pytest.raises(AuthenticationError) as info:
            await client.secrets.list()
    assert "namespace not allowed" in str(info.value)
    assert bad not in str(info.value)
