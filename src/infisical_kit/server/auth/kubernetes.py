"""Kubernetes auth: per-identity configuration and the service-account-token login.

Infisical checks a service-account JWT with the cluster's TokenReview API. This local server
cannot reach a cluster, so (LOCAL-SERVER EXTENSION) the configuration carries ``publicKeys``:
PEM public keys of the cluster's service-account issuer. The login verifies the JWT's
signature and expiry with them, takes the namespace and name from ``sub``
(``system:serviceaccount:<namespace>:<name>``, cross-checked with the ``kubernetes.io`` claim)
and applies ``allowedNamespaces``, ``allowedNames`` and ``allowedAudience`` like Infisical.
Without ``publicKeys`` the login is a 400 saying TokenReview is not available here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import seal
from ..errors import bad_request, not_found, unauthorized
from ..schema import Identity, IdentityKubernetesAuth, utcnow
from ..services.identity_auth import IssuedToken, issue_token
from .identity_admin import DEFAULT_TTL, check_ttls, revoke_method_tokens
from .permissions import managed_identity
from .shapes import ALL_IPS, iso

METHOD = "kubernetes-auth"
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
SA_PREFIX = "system:serviceaccount:"
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
NUMBER_FIELDS = {
    "accessTokenTTL": "access_token_ttl",
    "accessTokenMaxTTL": "access_token_max_ttl",
    "accessTokenNumUsesLimit": "access_token_num_uses_limit",
}


def kubernetes_auth_to_wire(ka: IdentityKubernetesAuth) -> dict[str, Any]:
    """``identityKubernetesAuth`` (the token reviewer JWT is never returned)."""
    return {
        "id": ka.id,
        "identityId": ka.identity_id,
        "kubernetesHost": ka.kubernetes_host,
        "allowedNamespaces": ka.allowed_namespaces,
        "allowedNames": ka.allowed_names,
        "allowedAudience": ka.allowed_audience,
        "caCert": ka.ca_cert,
        "accessTokenTTL": ka.access_token_ttl,
        "accessTokenMaxTTL": ka.access_token_max_ttl,
        "accessTokenNumUsesLimit": ka.access_token_num_uses_limit,
        "accessTokenTrustedIps": ALL_IPS,
        "publicKeys": list(ka.public_keys or []),
        "createdAt": iso(ka.created_at),
        "updatedAt": iso(ka.updated_at),
    }


def _find(session: Session, identity_id: str) -> IdentityKubernetesAuth | None:
    stmt = select(IdentityKubernetesAuth).where(IdentityKubernetesAuth.identity_id == identity_id)
    return session.scalars(stmt).first()


def get_kubernetes_auth(session: Session, identity_id: str) -> IdentityKubernetesAuth:
    """The identity's Kubernetes-auth configuration, or 404."""
    ka = _find(session, identity_id)
    if ka is None:
        raise not_found("Failed to find Kubernetes auth for identity")
    return ka


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
    for wire, attr in TEXT_FIELDS.items():
        if values.get(wire) is not None:
            setattr(ka, attr, str(values[wire]).strip())
    for wire, attr in NUMBER_FIELDS.items():
        if values.get(wire) is not None:
            setattr(ka, attr, values[wire])
    if values.get("publicKeys") is not None:
        ka.public_keys = _check_public_keys(list(values["publicKeys"]))
    reviewer = values.get("tokenReviewerJwt")
    if reviewer is not None:
        aad = f"identity_kubernetes_auth:{ka.identity_id}".encode()
        ka.token_reviewer_jwt_sealed = seal(root_key, reviewer.encode(), aad) if reviewer else None
    if ka.access_token_num_uses_limit < 0:
        raise bad_request("accessTokenNumUsesLimit must not be negative")
    check_ttls(ka.access_token_ttl, ka.access_token_max_ttl)
    ka.updated_at = utcnow()


def attach(
    session: Session, root_key: bytes, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityKubernetesAuth:
    """Attach Kubernetes auth to an identity (400 if already attached)."""
    managed_identity(session, actor, identity_id)
    if _find(session, identity_id) is not None:
        raise bad_request("Failed to add Kubernetes auth to already configured identity")
    now = utcnow()
    ka = IdentityKubernetesAuth(
        identity_id=identity_id,
        kubernetes_host="",
        allowed_namespaces="",
        allowed_names="",
        allowed_audience="",
        ca_cert="",
        public_keys=[],
        access_token_ttl=DEFAULT_TTL,
        access_token_max_ttl=DEFAULT_TTL,
        access_token_num_uses_limit=0,
        created_at=now,
        updated_at=now,
    )
    _apply(ka, root_key, values)
    session.add(ka)
    session.commit()
    return ka


def update(
    session: Session, root_key: bytes, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityKubernetesAuth:
    """Change the given settings (tokens issued afterwards use the new TTLs)."""
    managed_identity(session, actor, identity_id)
    ka = get_kubernetes_auth(session, identity_id)
    _apply(ka, root_key, values)
    session.commit()
    return ka


def detach(session: Session, actor: Actor, identity_id: str) -> IdentityKubernetesAuth:
    """Remove Kubernetes auth and revoke every token it issued."""
    managed_identity(session, actor, identity_id)
    ka = get_kubernetes_auth(session, identity_id)
    revoke_method_tokens(session, identity_id, METHOD)
    session.delete(ka)
    session.commit()
    return ka


@dataclass(frozen=True)
class ServiceAccount:
    """Who a verified service-account token names."""

    namespace: str
    name: str
    audiences: tuple[str, ...]


def _csv(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def verify_service_account(token: str, public_keys: list[str]) -> ServiceAccount:
    """Verify the JWT with any of ``public_keys``; 401 when it is not a valid SA token."""
    claims: dict[str, Any] | None = None
    expired = False
    for pem in public_keys:
        try:
            claims = jwt.decode(
                token,
                load_pem_public_key(pem.encode("utf-8")),  # type: ignore[arg-type]
                algorithms=ALGORITHMS,
                options={"verify_aud": False, "require": ["sub"]},
            )
            break
        except jwt.ExpiredSignatureError:
            expired = True
        except jwt.InvalidTokenError:
            continue
    if claims is None:
        if expired:
            raise unauthorized("Kubernetes service account token has expired")
        raise unauthorized("Kubernetes service account token could not be verified")
    sub = claims.get("sub")
    parts = sub[len(SA_PREFIX) :].split(":") if isinstance(sub, str) else []
    if not isinstance(sub, str) or not sub.startswith(SA_PREFIX) or len(parts) != 2:
        raise unauthorized("Kubernetes token is not a service account token")
    namespace, name = parts
    k8s = claims.get("kubernetes.io")
    if isinstance(k8s, dict):
        account = k8s.get("serviceaccount")
        claimed_name = account.get("name") if isinstance(account, dict) else None
        if k8s.get("namespace") != namespace or claimed_name not in (None, name):
            raise unauthorized("Kubernetes token claims disagree with its subject")
    aud = claims.get("aud")
    audiences = (
        (aud,) if isinstance(aud, str) else tuple(a for a in aud or () if isinstance(a, str))
    )
    return ServiceAccount(namespace, name, audiences)


def login(session: Session, jwt_secret: str, identity_id: str, token: str) -> IssuedToken:
    """Exchange a service-account JWT for an identity access token."""
    identity = session.get(Identity, identity_id)
    ka = _find(session, identity_id) if identity is not None else None
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
    issued = issue_token(
        session,
        jwt_secret,
        identity_id=identity_id,
        auth_method=METHOD,
        ttl=ka.access_token_ttl,
        max_ttl=ka.access_token_max_ttl,
        num_uses_limit=ka.access_token_num_uses_limit,
    )
    session.commit()
    return issued
