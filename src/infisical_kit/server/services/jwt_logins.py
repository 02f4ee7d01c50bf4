"""The logins whose proof is one JWT: OIDC, JWT, GCP (ID token and IAM) and Azure auth.

Each checks the JWT's signature with keys fetched at login (`auth.identity_jwts`), then the
identity's bound claims/audiences/subjects or allowed accounts, as Infisical does:

* OIDC: keys from ``oidcDiscoveryUrl``'s ``jwks_uri``; ``iss`` must be ``boundIssuer``.
* JWT: keys from ``jwksUrl`` (``configurationType: jwks``) or ``publicKeys`` (``static``);
  ``iss`` must be ``boundIssuer`` when set.
* GCP ``gce``: a Google ID token for audience = the identity id, Google's certificates
  (``<gcp api>/oauth2/v3/certs``); ``iam``: a service account's JWT checked with that
  account's certificates (``<gcp api>/service_accounts/v1/metadata/x509/<sub>``).
* Azure: a managed identity's token for ``resource``, the tenant's keys
  (``<azure login>/<tenantId>/discovery/keys``), issuer ``https://sts.windows.net/<tenant>/``.

The Google and Microsoft hosts are the server's `LoginEndpoints` (tests run a loopback
stand-in that serves real keys).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from sqlalchemy.orm import Session

from ..auth import identity_jwts as jwts
from ..errors import unauthorized
from ..settings import LoginEndpoints
from . import login_checks as checks
from .access_tokens import IssuedToken
from .auth_methods import AZURE_AUTH, GCP_AUTH, JWT_AUTH, OIDC_AUTH
from .login_methods import LoginMethodSpec, for_login, issue

GOOGLE_ISSUERS = ("https://accounts.google.com", "accounts.google.com")


def _check_bound(config: dict[str, Any]) -> None:
    checks.texts(config, "boundIssuer", "boundAudiences", "boundSubject")
    checks.claims_map(config, "boundClaims")
    checks.claims_map(config, "claimMetadataMapping")


def _check_oidc(config: dict[str, Any], _secrets: dict[str, str]) -> dict[str, Any]:
    checks.texts(config, "caCert")
    config["oidcDiscoveryUrl"] = checks.url(config, "oidcDiscoveryUrl")
    _check_bound(config)
    checks.required(config, "boundIssuer")
    return config


def _check_jwt(config: dict[str, Any], _secrets: dict[str, str]) -> dict[str, Any]:
    kind = checks.one_of(config, "configurationType", ("jwks", "static"))
    checks.texts(config, "jwksUrl", "jwksCaCert")
    config["publicKeys"] = checks.pems(config.get("publicKeys") or [], "publicKeys")
    if kind == "jwks":
        config["jwksUrl"] = checks.url(config, "jwksUrl")
    elif not config["publicKeys"]:
        checks.required(config, "publicKeys")
    _check_bound(config)
    return config


def _check_gcp(config: dict[str, Any], _secrets: dict[str, str]) -> dict[str, Any]:
    checks.one_of(config, "type", ("gce", "iam"))
    checks.texts(config, "allowedServiceAccounts", "allowedProjects", "allowedZones")
    return config


def _check_azure(config: dict[str, Any], _secrets: dict[str, str]) -> dict[str, Any]:
    checks.texts(config, "tenantId", "resource", "allowedServicePrincipalIds")
    checks.required(config, "tenantId")
    checks.required(config, "resource")
    return config


_BOUND = {"boundIssuer": "", "boundAudiences": "", "boundClaims": {}, "boundSubject": ""}
OIDC = LoginMethodSpec(
    OIDC_AUTH,
    {"oidcDiscoveryUrl": "", "caCert": "", **_BOUND, "claimMetadataMapping": {}},
    _check_oidc,
)
JWT = LoginMethodSpec(
    JWT_AUTH,
    {
        "configurationType": "jwks",
        "jwksUrl": "",
        "jwksCaCert": "",
        "publicKeys": [],
        **_BOUND,
        "claimMetadataMapping": {},
    },
    _check_jwt,
)
GCP = LoginMethodSpec(
    GCP_AUTH,
    {"type": "gce", "allowedServiceAccounts": "", "allowedProjects": "", "allowedZones": ""},
    _check_gcp,
)
AZURE = LoginMethodSpec(
    AZURE_AUTH,
    {"tenantId": "", "resource": "https://management.azure.com/", "allowedServicePrincipalIds": ""},
    _check_azure,
)


def _bound(config: dict[str, Any], claims: dict[str, Any], label: str) -> None:
    jwts.check_bound(
        claims,
        subject=config.get("boundSubject", ""),
        audiences=config.get("boundAudiences", ""),
        bound_claims=config.get("boundClaims") or {},
        label=label,
    )


def oidc_login(
    session: Session, root_key: bytes, jwt_secret: str, identity_id: str, token: str
) -> IssuedToken:
    """OIDC auth: the provider's keys verify the JWT; issuer, subject, audience, claims."""
    settings = for_login(session, root_key, OIDC, identity_id)
    config = settings.config
    keys = jwts.discovered_keys(config["oidcDiscoveryUrl"], config.get("caCert", ""))
    claims = jwts.verify(token, keys, issuer=config["boundIssuer"] or None, what="OIDC JWT")
    _bound(config, claims, "OIDC")
    return issue(session, jwt_secret, OIDC, identity_id)


def jwt_login(
    session: Session, root_key: bytes, jwt_secret: str, identity_id: str, token: str
) -> IssuedToken:
    """JWT auth: the JWKS or the static keys verify the JWT; then the bound checks."""
    settings = for_login(session, root_key, JWT, identity_id)
    config = settings.config
    if config["configurationType"] == "jwks":
        keys = jwts.jwks_keys(jwts.fetch_json(config["jwksUrl"], config.get("jwksCaCert", "")))
    else:
        keys = jwts.pem_keys(config["publicKeys"])
    claims = jwts.verify(token, keys, issuer=config["boundIssuer"] or None)
    _bound(config, claims, "JWT")
    return issue(session, jwt_secret, JWT, identity_id)


def _google_certs(document: Any) -> list[jwts.Key]:
    if isinstance(document, dict) and isinstance(document.get("keys"), list):
        return jwts.jwks_keys(document)  # the v3 JWKS form
    if isinstance(document, dict):  # the {kid: PEM certificate} form
        return jwts.pem_keys([str(v) for v in document.values()], list(document))
    return []


def gcp_login(
    session: Session,
    root_key: bytes,
    jwt_secret: str,
    endpoints: LoginEndpoints,
    identity_id: str,
    token: str,
) -> IssuedToken:
    """GCP auth (``gce`` ID token or ``iam`` service-account JWT), then the allow-lists."""
    settings = for_login(session, root_key, GCP, identity_id)
    config = settings.config
    if config["type"] == "gce":
        keys = _google_certs(jwts.fetch_json(f"{endpoints.gcp_api}/oauth2/v3/certs"))
        claims = jwts.verify(token, keys, audience=identity_id, what="GCP ID token")
        if claims.get("iss") not in GOOGLE_ISSUERS:
            raise unauthorized("Access denied: the GCP ID token issuer is not Google")
        email = claims.get("email")
    else:
        email = _unverified_subject(token)
        url = f"{endpoints.gcp_api}/service_accounts/v1/metadata/x509/{quote(email, safe='@')}"
        keys = _google_certs(jwts.fetch_json(url))
        claims = jwts.verify(token, keys, audience=identity_id, what="GCP IAM JWT")
    if not isinstance(email, str) or not email:
        raise unauthorized("Access denied: the GCP token names no service account")
    allowed = jwts.csv(config.get("allowedServiceAccounts", ""))
    if allowed and email not in allowed:
        raise unauthorized("Access denied: GCP service account not allowed.")
    compute = (claims.get("google") or {}).get("compute_engine") or {}
    if config["type"] == "gce" and isinstance(compute, dict) and compute:
        projects = jwts.csv(config.get("allowedProjects", ""))
        if projects and compute.get("project_id") not in projects:
            raise unauthorized("Access denied: GCP project not allowed.")
        zones = jwts.csv(config.get("allowedZones", ""))
        if zones and compute.get("zone") not in zones:
            raise unauthorized("Access denied: GCP zone not allowed.")
    return issue(session, jwt_secret, GCP, identity_id)


def _unverified_subject(token: str) -> str:
    """The ``sub`` of a JWT before it is verified: it says whose keys verify it."""
    import jwt

    try:
        sub = jwt.decode(token, options={"verify_signature": False}).get("sub")
    except jwt.InvalidTokenError:
        raise unauthorized("Access denied: the GCP IAM JWT is not a valid JWT") from None
    if not isinstance(sub, str) or "@" not in sub:
        raise unauthorized("Access denied: the GCP IAM JWT names no service account")
    return sub


def azure_login(
    session: Session,
    root_key: bytes,
    jwt_secret: str,
    endpoints: LoginEndpoints,
    identity_id: str,
    token: str,
) -> IssuedToken:
    """Azure auth: the tenant's keys verify the token for ``resource``; tenant and
    service principal checked."""
    settings = for_login(session, root_key, AZURE, identity_id)
    config = settings.config
    tenant = config["tenantId"]
    resource = config["resource"]
    keys = jwts.jwks_keys(jwts.fetch_json(f"{endpoints.azure_login}/{tenant}/discovery/keys"))
    audiences = {resource, resource.rstrip("/")}
    claims = jwts.verify(
        token, keys, issuer=f"https://sts.windows.net/{tenant}/", what="Azure token"
    )
    if claims.get("aud") not in audiences:
        raise unauthorized("Access denied: the Azure token audience is not the resource")
    if claims.get("tid") != tenant:
        raise unauthorized("Tenant ID mismatch")
    allowed = jwts.csv(config.get("allowedServicePrincipalIds", ""))
    if allowed and claims.get("oid") not in allowed:
        raise unauthorized("Service principal not allowed")
    return issue(session, jwt_secret, AZURE, identity_id)
