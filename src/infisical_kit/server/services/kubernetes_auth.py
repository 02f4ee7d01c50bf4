"""Kubernetes auth: per-identity settings and the service-account-token login.

The token itself is verified by ``auth/kubernetes_tokens.py`` (with the configuration's
``publicKeys``, a LOCAL-SERVER EXTENSION: this server cannot call a cluster's TokenReview
API). The login then applies ``allowedNamespaces``, ``allowedNames`` and ``allowedAudience``
like Infisical. Without ``publicKeys`` the login is a 400 saying TokenReview is not available.
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.serialization import load_pem_public_key
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.kubernetes_tokens import verify_service_account
from ..crypto import seal
from ..db import unit_of_work
from ..errors import bad_request, unauthorized
from ..schema import Identity, IdentityKubernetesAuth
from .access_tokens import IssuedToken
from .auth_methods import (
    KUBERNETES_AUTH,
    TOKEN_DEFAULTS,
    TOKEN_FIELDS,
    apply_settings,
    check_token_settings,
)

MAX_PUBLIC_KEYS = 20
NO_TOKEN_REVIEW = (
    "Kubernetes TokenReview is not available on the local server: configure publicKeys "
    "(a local-server extension: the PEM public keys of the cluster's service-account issuer) "
    "on this identity's Kubernetes auth"
)
TEXT_FIELDS = {
    "kubernetesHost": "kubernetes_host",
    "allowedNamespaces": "allowed_namespaces",
    "allowedNames": "allowed_names",
    "allowedAudience": "allowed_audience",
    "caCert": "ca_cert",
}


def _check_public_keys(keys: list[str]) -> list[str]:
    if len(keys) > MAX_PUBLIC_KEYS:
        raise bad_request(f"publicKeys accepts at most {MAX_PUBLIC_KEYS} keys")
    cleaned = []
    for index, pem in enumerate(keys):
        text = pem.strip()
        try:
            load_pem_public_key(text.encode("utf-8"))
        except (ValueError, TypeError):
            raise bad_request(f"publicKeys[{index}] is not a PEM public key") from None
        cleaned.append(text)
    return cleaned


def _apply(ka: IdentityKubernetesAuth, root_key: bytes, values: dict[str, Any]) -> None:
    texts = {k: str(v).strip() for k, v in values.items() if k in TEXT_FIELDS and v is not None}
    apply_settings(ka, texts, TEXT_FIELDS)
    apply_settings(ka, values, TOKEN_FIELDS)
    if values.get("publicKeys") is not None:
        ka.public_keys = _check_public_keys(list(values["publicKeys"]))
    reviewer = values.get("tokenReviewerJwt")
    if reviewer is not None:
        aad = f"identity_kubernetes_auth:{ka.identity_id}".encode()
        ka.token_reviewer_jwt_sealed = seal(root_key, reviewer.encode(), aad) if reviewer else None
    check_token_settings(ka)


K8S_DEFAULTS: dict[str, Any] = {
    "kubernetes_host": "",
    "allowed_namespaces": "",
    "allowed_names": "",
    "allowed_audience": "",
    "ca_cert": "",
    "public_keys": [],
    **TOKEN_DEFAULTS,
}


def attach(
    session: Session, root_key: bytes, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityKubernetesAuth:
    """Attach Kubernetes auth to an identity (400 if already attached)."""
    return KUBERNETES_AUTH.attach(
        session, actor, identity_id, K8S_DEFAULTS, lambda ka: _apply(ka, root_key, values)
    )


def update(
    session: Session, root_key: bytes, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityKubernetesAuth:
    """Change the given settings (tokens issued afterwards use the new TTLs)."""
    return KUBERNETES_AUTH.update(
        session, actor, identity_id, lambda ka: _apply(ka, root_key, values)
    )


def _csv(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def login(session: Session, jwt_secret: str, identity_id: str, token: str) -> IssuedToken:
    """Exchange a service-account JWT for an identity access token."""
    with unit_of_work(session):
        identity = session.get(Identity, identity_id)
        ka = KUBERNETES_AUTH.find(session, identity_id) if identity is not None else None
        if ka is None:
            raise unauthorized("Kubernetes auth method not found for identity")
        if not ka.public_keys:
            raise bad_request(NO_TOKEN_REVIEW)
        account = verify_service_account(token, list(ka.public_keys))
        namespaces = _csv(ka.allowed_namespaces)
        if namespaces and account.namespace not in namespaces:
            raise unauthorized("Access denied: K8s namespace not allowed.")
        names = _csv(ka.allowed_names)
        if names and account.name not in names:
            raise unauthorized("Access denied: K8s service account name not allowed.")
        audience = ka.allowed_audience.strip()
        if audience and audience not in account.audiences:
            raise unauthorized("Access denied: K8s audience not allowed.")
        issued = KUBERNETES_AUTH.issue(session, jwt_secret, ka)
    return issued
