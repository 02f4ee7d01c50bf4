"""Verify a machine's JWT (OIDC, JWT, GCP and Azure auth) with keys from a JWKS URL, an
OIDC discovery document, PEM public keys or X.509 certificates, and check it against bound
claims, audiences and subjects as Infisical does (exact value or glob pattern).

The keys are fetched at every login (no cache: an identity's configuration can change, and
a rotated key must work at once) with a short timeout; a failure is a 401 that says which
URL did not answer. Nothing here logs or echoes a token.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from typing import Any

import httpx
import jwt
from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_public_key

from ..errors import unauthorized

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
FETCH_TIMEOUT = httpx.Timeout(10.0, connect=5.0)
MAX_KEY_DOCUMENT = 1024 * 1024

#: One verification key: its ``kid`` (or None) and the key object PyJWT takes.
Key = tuple[str | None, Any]


def fetch_json(url: str, ca_cert: str = "") -> Any:
    """GET ``url`` as JSON (trusting ``ca_cert``, PEM, when given); 401 when it fails."""
    verify: ssl.SSLContext | bool = True
    if ca_cert.strip():
        verify = ssl.create_default_context(cadata=ca_cert.strip())
    try:
        response = httpx.get(url, timeout=FETCH_TIMEOUT, verify=verify, trust_env=False)
    except (httpx.HTTPError, ssl.SSLError) as exc:
        raise unauthorized(f"Access denied: cannot fetch signing keys from {url} ({exc})") from None
    if response.status_code != 200 or len(response.content) > MAX_KEY_DOCUMENT:
        raise unauthorized(
            f"Access denied: cannot fetch signing keys from {url} (HTTP {response.status_code})"
        )
    try:
        return response.json()
    except ValueError:
        raise unauthorized(f"Access denied: {url} did not answer JSON") from None


def jwks_keys(document: Any) -> list[Key]:
    """The usable keys of a JWKS document ``{keys: [...]}`` (unusable ones skipped)."""
    found: list[Key] = []
    entries = document.get("keys") if isinstance(document, Mapping) else None
    for entry in entries if isinstance(entries, list) else []:
        try:
            jwk = jwt.PyJWK(entry)
        except (jwt.PyJWKError, jwt.InvalidKeyError, TypeError, ValueError):
            continue
        found.append((jwk.key_id, jwk.key))
    return found


def discovered_keys(discovery_url: str, ca_cert: str = "") -> list[Key]:
    """The keys of an OIDC provider: its ``/.well-known/openid-configuration``'s
    ``jwks_uri``."""
    document = fetch_json(f"{discovery_url.rstrip('/')}/.well-known/openid-configuration", ca_cert)
    jwks_uri = document.get("jwks_uri") if isinstance(document, Mapping) else None
    if not isinstance(jwks_uri, str) or not jwks_uri.startswith(("https://", "http://")):
        raise unauthorized("Access denied: the OIDC discovery document has no jwks_uri")
    return jwks_keys(fetch_json(jwks_uri, ca_cert))


def pem_keys(pems: Iterable[str], kids: Iterable[str | None] | None = None) -> list[Key]:
    """Keys from PEM public keys or X.509 certificates (`kids`: their key ids, if known)."""
    found: list[Key] = []
    for pem, kid in zip(pems, kids or _nones(), strict=False):
        data = pem.strip().encode("utf-8")
        try:
            if b"CERTIFICATE" in data:
                found.append((kid, x509.load_pem_x509_certificate(data).public_key()))
            else:
                found.append((kid, load_pem_public_key(data)))
        except (ValueError, TypeError):
            continue
    return found


def _nones() -> Iterable[None]:
    while True:
        yield None


def verify(
    token: str,
    keys: list[Key],
    *,
    audience: str | None = None,
    issuer: str | None = None,
    what: str = "JWT",
) -> dict[str, Any]:
    """The claims of ``token`` once one of ``keys`` verifies it (``kid`` first) and it has
    not expired; `audience`/`issuer` when given must match. 401 otherwise."""
    try:
        header = jwt.get_unverified_header(token)
    except jwt.InvalidTokenError:
        raise unauthorized(f"Access denied: the {what} is not a valid JWT") from None
    kid = header.get("kid")
    matching = [key for key_id, key in keys if kid is not None and key_id == kid]
    options: Any = {"verify_aud": audience is not None, "require": ["exp"]}
    for key in matching or [key for _, key in keys]:
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=ALGORITHMS, audience=audience, issuer=issuer,
                options=options, leeway=30,
            )  # fmt: skip
            return claims
        except jwt.ExpiredSignatureError:
            raise unauthorized(f"Access denied: the {what} has expired") from None
        except jwt.InvalidAudienceError:
            raise unauthorized(f"Access denied: the {what} audience is not allowed") from None
        except jwt.InvalidIssuerError:
            raise unauthorized(f"Access denied: the {what} issuer is not allowed") from None
        except jwt.MissingRequiredClaimError as exc:
            raise unauthorized(f"Access denied: the {what} has no {exc.claim!r} claim") from None
        except jwt.InvalidTokenError:
            continue
    raise unauthorized(f"Access denied: the {what} signature could not be verified")


def matches(value: Any, pattern: str) -> bool:
    """Infisical's policy match: the exact value, or a glob pattern (``repo:org/*``)."""
    if isinstance(value, list):
        return any(matches(item, pattern) for item in value)
    if value is None or isinstance(value, (dict, bool)):
        return False
    text = str(value)
    return text == pattern or fnmatchcase(text, pattern)


def csv(text: str) -> list[str]:
    """The items of a comma-separated setting, trimmed, empty ones dropped."""
    return [item.strip() for item in text.split(",") if item.strip()]


def check_bound(
    claims: Mapping[str, Any],
    *,
    subject: str = "",
    audiences: str = "",
    bound_claims: Mapping[str, str] | None = None,
    label: str = "OIDC",
) -> None:
    """Infisical's bound subject, audiences (any) and claims (each: any of its values)."""
    if subject.strip() and not matches(claims.get("sub"), subject.strip()):
        raise unauthorized(f"Access denied: {label} subject not allowed.")
    allowed = csv(audiences)
    if allowed and not any(matches(claims.get("aud"), pattern) for pattern in allowed):
        raise unauthorized(f"Access denied: {label} audience not allowed.")
    for name, values in (bound_claims or {}).items():
        if not any(matches(claims.get(name), pattern) for pattern in csv(str(values))):
            raise unauthorized(f"Access denied: {label} claim not allowed.")
