"""Authentication calls: one login request builder per method, the token lifecycle, the
user session, and their parsers. No I/O: the token manager sends what these build.

* ``POST /api/v1/auth/universal-auth/login`` ``{clientId, clientSecret}`` -> the login body.
* ``POST /api/v1/auth/kubernetes-auth/login`` ``{identityId, jwt}`` -> the login body; so do
  ``gcp-auth``, ``azure-auth``, ``oidc-auth`` and ``jwt-auth``.
* ``POST /api/v1/auth/ldap-auth/login`` ``{identityId, username, password}``.
* ``POST /api/v1/auth/aws-auth/login`` ``{identityId, iamHttpRequestMethod, iamRequestUrl,
  iamRequestBody, iamRequestHeaders}`` (base64; a signed ``sts:GetCallerIdentity``).
* ``POST /api/v3/auth/login`` ``{email, password}`` -> ``{accessToken}`` + ``jid`` cookie;
  ``POST /api/v3/auth/select-organization`` ``{organizationId}`` (bearer) -> ``{token}``;
  ``POST /api/v1/auth/token`` with the ``jid`` cookie -> ``{token}`` (a fresh user token);
  ``GET /api/v1/organization`` (bearer) -> ``{organizations: [{id}]}``;
  ``POST /api/v1/auth/logout`` (bearer) ends a user session.
* ``POST /api/v1/auth/token/renew`` / ``/revoke`` - body ``{accessToken}``, no bearer.

A login body is ``{accessToken, expiresIn, accessTokenMaxTTL, tokenType}`` (`parse_login`).
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse, read_json, unexpected, validate
from infisical_kit._core.scope import Scope
from infisical_kit._core.sigv4 import sign_get_caller_identity
from infisical_kit.errors import AuthenticationError
from infisical_kit.models import LoginResponse

__all__ = [
    "REFRESH_COOKIE",
    "UNIVERSAL_AUTH_LOGIN",
    "authentication_probe",
    "aws_iam_login",
    "azure_login",
    "gcp_login",
    "jwt_auth_login",
    "kubernetes_login",
    "ldap_login",
    "list_organizations",
    "logout",
    "oidc_login",
    "parse_field",
    "parse_login",
    "parse_organization_ids",
    "refresh_user_token",
    "renew_token",
    "revoke_token",
    "select_organization",
    "static_token_expired",
    "universal_auth_login",
    "user_login",
]

UNIVERSAL_AUTH_LOGIN = "/api/v1/auth/universal-auth/login"
REFRESH_COOKIE = "jid"
PROBE_PATH = "/api/v4/secrets"


# -- logins, one per method -----------------------------------------------------------------


def universal_auth_login(client_id: str, client_secret: str) -> ApiRequest:
    """``POST /api/v1/auth/universal-auth/login`` (unauthenticated)."""
    body = {"clientId": client_id, "clientSecret": client_secret}
    return ApiRequest("POST", UNIVERSAL_AUTH_LOGIN, json=body, authenticated=False)


def kubernetes_login(identity_id: str, jwt: str) -> ApiRequest:
    """``POST /api/v1/auth/kubernetes-auth/login`` with a service-account token (logs redact it)."""
    body = {"identityId": identity_id, "jwt": jwt}
    return ApiRequest("POST", "/api/v1/auth/kubernetes-auth/login", json=body, authenticated=False)


def _identity_jwt_login(route: str, identity_id: str, jwt: str) -> ApiRequest:
    body = {"identityId": identity_id, "jwt": jwt}
    return ApiRequest("POST", f"/api/v1/auth/{route}/login", json=body, authenticated=False)


def gcp_login(identity_id: str, jwt: str) -> ApiRequest:
    """``POST /api/v1/auth/gcp-auth/login`` with a GCP ID token or a service-account JWT."""
    return _identity_jwt_login("gcp-auth", identity_id, jwt)


def azure_login(identity_id: str, jwt: str) -> ApiRequest:
    """``POST /api/v1/auth/azure-auth/login`` with a managed identity's access token."""
    return _identity_jwt_login("azure-auth", identity_id, jwt)


def oidc_login(identity_id: str, jwt: str) -> ApiRequest:
    """``POST /api/v1/auth/oidc-auth/login`` with an OIDC provider's JWT."""
    return _identity_jwt_login("oidc-auth", identity_id, jwt)


def jwt_auth_login(identity_id: str, jwt: str) -> ApiRequest:
    """``POST /api/v1/auth/jwt-auth/login`` with a JWT the identity's keys verify."""
    return _identity_jwt_login("jwt-auth", identity_id, jwt)


def ldap_login(identity_id: str, username: str, password: str) -> ApiRequest:
    """``POST /api/v1/auth/ldap-auth/login`` with an LDAP username and password."""
    body = {"identityId": identity_id, "username": username, "password": password}
    return ApiRequest("POST", "/api/v1/auth/ldap-auth/login", json=body, authenticated=False)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def aws_iam_login(
    identity_id: str,
    access_key_id: str,
    secret_access_key: str,
    session_token: str | None,
    region: str,
    now: datetime,
) -> ApiRequest:
    """``POST /api/v1/auth/aws-auth/login``: an ``sts:GetCallerIdentity`` request signed at
    `now` with the AWS keys, in the base64 fields Infisical forwards to STS."""
    signed = sign_get_caller_identity(access_key_id, secret_access_key, session_token, region, now)
    body = {
        "identityId": identity_id,
        "iamHttpRequestMethod": signed.method,
        "iamRequestUrl": _b64(signed.url),
        "iamRequestBody": _b64(signed.body),
        "iamRequestHeaders": _b64(json.dumps(signed.headers)),
    }
    return ApiRequest("POST", "/api/v1/auth/aws-auth/login", json=body, authenticated=False)


def user_login(email: str, password: str) -> ApiRequest:
    """``POST /api/v3/auth/login`` with email and password."""
    body = {"email": email, "password": password}
    return ApiRequest("POST", "/api/v3/auth/login", json=body, authenticated=False)


# -- the user session -----------------------------------------------------------------------


def select_organization(organization_id: str) -> ApiRequest:
    """``POST /api/v3/auth/select-organization`` (send with the login token as bearer)."""
    body = {"organizationId": organization_id}
    return ApiRequest("POST", "/api/v3/auth/select-organization", json=body)


def list_organizations() -> ApiRequest:
    """``GET /api/v1/organization``: the organizations of the logged-in user."""
    return ApiRequest("GET", "/api/v1/organization")


def refresh_user_token(refresh_cookie: str) -> ApiRequest:
    """``POST /api/v1/auth/token`` with the ``jid`` refresh cookie."""
    cookies = ((REFRESH_COOKIE, refresh_cookie),)
    return ApiRequest("POST", "/api/v1/auth/token", authenticated=False, cookies=cookies)


def logout() -> ApiRequest:
    """``POST /api/v1/auth/logout`` (send with the user's token as bearer)."""
    return ApiRequest("POST", "/api/v1/auth/logout", json={})


# -- the token lifecycle --------------------------------------------------------------------


def _token_call(action: str, access_token: str) -> ApiRequest:
    body = {"accessToken": access_token}
    return ApiRequest("POST", f"/api/v1/auth/token/{action}", json=body, authenticated=False)


def renew_token(access_token: str) -> ApiRequest:
    """``POST /api/v1/auth/token/renew`` (unauthenticated; the token goes in the body)."""
    return _token_call("renew", access_token)


def revoke_token(access_token: str) -> ApiRequest:
    """``POST /api/v1/auth/token/revoke`` (unauthenticated; the token goes in the body)."""
    return _token_call("revoke", access_token)


def authentication_probe(scope: Scope) -> ApiRequest:
    """One cheap authenticated request (``GET /api/v4/secrets`` in `scope`, without values).

    The server authenticates before it validates, so any answer other than 401 / 403
    ``TokenError`` means the token is accepted.
    """
    params = tuple(
        (key, value)
        for key, value in (
            ("projectId", scope.project_id),
            ("workspaceId", scope.project_id),
            ("environment", scope.environment),
            ("secretPath", scope.secret_path or "/"),
            ("viewSecretValue", "false"),
            ("expandSecretReferences", "false"),
        )
        if value
    )
    return ApiRequest("GET", PROBE_PATH, params)


def static_token_expired(expired_at: float) -> AuthenticationError:
    """The client-side error for a static JWT whose ``exp`` has passed (no request was sent)."""
    when = datetime.fromtimestamp(expired_at, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    message = f"the static token expired at {when}; get a new one"
    error = AuthenticationError(401, message, "TokenExpired")
    error.args = (message,)
    return error


# -- parsers --------------------------------------------------------------------------------


def parse_login(request: ApiRequest, response: HTTPResponse) -> LoginResponse:
    """Parse a machine-identity login (or renew) response."""
    body = read_json(request, response)
    if not isinstance(body.get("accessToken"), str) or not body["accessToken"]:
        raise unexpected(request, response, "login response has no accessToken")
    return validate(request, response, LoginResponse, body, "login")


def parse_field(request: ApiRequest, response: HTTPResponse, name: str) -> str:
    """The non-empty string field `name` of a successful JSON response (errors mapped)."""
    value = read_json(request, response).get(name)
    if not isinstance(value, str) or not value:
        raise unexpected(request, response, f"response has no {name!r}")
    return value


def parse_organization_ids(request: ApiRequest, response: HTTPResponse) -> list[str]:
    """The ids in ``{organizations: [{id}]}`` (``_id`` accepted too), in server order."""
    orgs = read_json(request, response).get("organizations")
    ids: list[str] = []
    for org in orgs if isinstance(orgs, list) else []:
        if isinstance(org, dict):
            oid = org.get("id") or org.get("_id")
            if isinstance(oid, str) and oid:
                ids.append(oid)
    return ids
