"""Kubernetes service-account tokens: verify one with the cluster issuer's public keys.

Infisical checks a service-account JWT with the cluster's TokenReview API. This local server
cannot reach a cluster, so (LOCAL-SERVER EXTENSION) an identity's Kubernetes-auth
configuration carries ``publicKeys``: PEM public keys of the cluster's service-account issuer.
:func:`verify_service_account` checks the JWT's signature and expiry with them and takes the
namespace and name from ``sub`` (``system:serviceaccount:<namespace>:<name>``, cross-checked
with the ``kubernetes.io`` claim). The login policy is in ``services/kubernetes_auth.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ..errors import unauthorized

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
SA_PREFIX = "system:serviceaccount:"


@dataclass(frozen=True)
class ServiceAccount:
    """Who a verified service-account token names."""

    namespace: str
    name: str
    audiences: tuple[str, ...]


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
