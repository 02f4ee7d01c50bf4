"""Kubernetes auth over real HTTP: configuration CRUD, login with a service-account JWT
verified by the configured ``publicKeys`` (local-server extension), and every refusal."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, assert_error, client

LOGIN = "/api/v1/auth/kubernetes-auth/login"
CONFIG = "/api/v1/auth/kubernetes-auth/identities/{}"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def public_pem(key: rsa.RSAPrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def sa_token(
    key: rsa.RSAPrivateKey,
    namespace: str = "apps",
    name: str = "web",
    aud: Any = ("https://kubernetes.default.svc",),
    ttl: int = 600,
) -> str:
    """A service-account-shaped JWT (projected-token claims)."""
    now = int(time.time())
    claims = {
        "iss": "https://kubernetes.default.svc.cluster.local",
        "sub": f"system:serviceaccount:{namespace}:{name}",
        "aud": list(aud) if isinstance(aud, tuple) else aud,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "kubernetes.io": {
            "namespace": namespace,
            "serviceaccount": {"name": name, "uid": "0d7c3b2e-0000-4000-8000-000000000000"},
        },
    }
    return jwt.encode(claims, key, algorithm="RS256")


@pytest.fixture()
def admin(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with client(infisical_server, admin_token(infisical_server)) as http:
        yield http


@pytest.fixture()
def identity(infisical_server: LocalServer) -> MachineIdentity:
    token = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, token)
    mi.join(token, "viewer")
    return mi


def login(server: LocalServer, identity_id: str, token: str) -> httpx.Response:
    with client(server) as http:
        return http.post(LOGIN, json={"identityId": identity_id, "jwt": token})


def test_configure_and_login(
    infisical_server: LocalServer, admin: httpx.Client, identity: MachineIdentity
) -> None:
    key = new_key()
    made = admin.post(
        CONFIG.format(identity.id),
        json={
            "kubernetesHost": "https://kubernetes.default.svc",
            "tokenReviewerJwt": "reviewer-jwt-never-returned",
            "allowedNamespaces": "apps, jobs",
            "allowedNames": "web,worker",
            "allowedAudience": "https://kubernetes.default.svc",
            "accessTokenTTL": 1200,
            "accessTokenMaxTTL": 2400,
            "publicKeys": [public_pem(key)],
        },
    )
    assert made.status_code == 200, made.text
    config = made.json()["identityKubernetesAuth"]
    assert config["identityId"] == identity.id
    assert (config["allowedNamespaces"], config["accessTokenTTL"]) == ("apps, jobs", 1200)
    assert config["publicKeys"] == [public_pem(key).strip()]
    assert "reviewer-jwt-never-returned" not in made.text
    assert admin.get(CONFIG.format(identity.id)).json()["identityKubernetesAuth"] == config

    resp = login(infisical_server, identity.id, sa_token(key))
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert set(body) == {"accessToken", "expiresIn", "accessTokenMaxTTL", "tokenType"}
    assert (body["expiresIn"], body["accessTokenMaxTTL"], body["tokenType"]) == (
        1200,
        2400,
        "Bearer",
    )
    with client(infisical_server, body["accessToken"]) as http:
        listed = http.get(
            "/api/v4/secrets",
            params={"projectId": infisical_server.bootstrap["project_id"], "environment": "dev"},
        )
    assert listed.status_code == 200, listed.text
    # trailing slash, like the other logins
    with client(infisical_server) as http:
        slash = http.post(LOGIN + "/", json={"identityId": identity.id, "jwt": sa_token(key)})
    assert slash.status_code == 200, slash.text


def test_refusals(
    infisical_server: LocalServer, admin: httpx.Client, identity: MachineIdentity
) -> None:
    key, other_key = new_key(), new_key()
    made = admin.post(
        CONFIG.format(identity.id),
        json={
            "allowedNamespaces": "apps",
            "allowedNames": "web",
            "allowedAudience": "vault",
            "publicKeys": [public_pem(key)],
        },
    )
    assert made.status_code == 200, made.text
    cases = [
        (sa_token(key, namespace="kube-system", aud=["vault"]), "K8s namespace not allowed"),
        (sa_token(key, name="admin", aud=["vault"]), "service account name not allowed"),
        (sa_token(key, aud=["other"]), "K8s audience not allowed"),
        (sa_token(other_key, aud=["vault"]), "could not be verified"),
        (sa_token(key, aud=["vault"], ttl=-60), "expired"),
        ("not-a-jwt", "could not be verified"),
    ]
    for token, words in cases:
        resp = login(infisical_server, identity.id, token)
        assert_error(resp, 401, "UnauthorizedError")
        assert words in resp.json()["message"]
        assert token not in resp.text
    assert login(infisical_server, identity.id, sa_token(key, aud="vault")).status_code == 200


def test_without_public_keys_is_a_clear_400(
    infisical_server: LocalServer, admin: httpx.Client, identity: MachineIdentity
) -> None:
    made = admin.post(CONFIG.format(identity.id), json={"kubernetesHost": "https://k8s"})
    assert made.status_code == 200, made.text
    resp = login(infisical_server, identity.id, sa_token(new_key()))
    assert_error(resp, 400, "BadRequest")
    assert "TokenReview is not available on the local server" in resp.json()["message"]
    assert "publicKeys" in resp.json()["message"]


def test_unconfigured_identity_and_bad_input(
    infisical_server: LocalServer, admin: httpx.Client, identity: MachineIdentity
) -> None:
    unconfigured = login(infisical_server, identity.id, sa_token(new_key()))
    assert_error(unconfigured, 401, "UnauthorizedError")
    with client(infisical_server) as http:
        assert_error(http.post(LOGIN, json={"identityId": identity.id}), 422, "ValidationFailure")
    bad_pem = admin.post(CONFIG.format(identity.id), json={"publicKeys": ["not a key"]})
    assert_error(bad_pem, 400, "BadRequest", "publicKeys[0] is not a PEM public key")
    ttl = admin.post(
        CONFIG.format(identity.id), json={"accessTokenTTL": 100, "accessTokenMaxTTL": 10}
    )
    assert_error(ttl, 400, "BadRequest")
    assert_error(admin.get(CONFIG.format(identity.id)), 404, "NotFound")


def test_update_delete_and_revocation(
    infisical_server: LocalServer, admin: httpx.Client, identity: MachineIdentity
) -> None:
    key, rotated = new_key(), new_key()
    made = admin.post(CONFIG.format(identity.id), json={"publicKeys": [public_pem(key)]})
    assert made.status_code == 200, made.text
    again = admin.post(CONFIG.format(identity.id), json={})
    assert_error(again, 400, "BadRequest")
    first = login(infisical_server, identity.id, sa_token(key))
    assert first.status_code == 200, first.text
    patched = admin.patch(
        CONFIG.format(identity.id),
        json={"publicKeys": [public_pem(rotated)], "allowedNamespaces": "apps"},
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["identityKubernetesAuth"]["allowedNamespaces"] == "apps"
    assert login(infisical_server, identity.id, sa_token(key)).status_code == 401
    assert login(infisical_server, identity.id, sa_token(rotated)).status_code == 200
    deleted = admin.delete(CONFIG.format(identity.id))
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["identityKubernetesAuth"]["identityId"] == identity.id
    with client(infisical_server, first.json()["accessToken"]) as http:
        assert http.post("/api/v1/auth/checkAuth").status_code == 401
    assert login(infisical_server, identity.id, sa_token(rotated)).status_code == 401


def test_only_org_admins_configure(
    infisical_server: LocalServer, identity: MachineIdentity
) -> None:
    member = MachineIdentity(infisical_server, admin_token(infisical_server))
    with client(infisical_server, member.token()) as http:
        resp = http.post(CONFIG.format(identity.id), json={"publicKeys": []})
    assert_error(resp, 403, "PermissionDenied")
