"""Request builders and parsers for the token lifecycle (renew, revoke, user sessions). No I/O.

* ``POST /api/v1/auth/token/renew`` / ``/revoke`` - body ``{accessToken}``, no bearer.
* ``POST /api/v3/auth/login`` ``{email, password}`` -> ``{accessToken}`` + ``jid`` cookie.
* ``POST /api/v3/auth/select-organization`` ``{organizationId}`` (bearer) -> ``{token}``.
* ``POST /api/v1/auth/token`` with the ``jid`` cookie -> ``{token}`` (a fresh user token).
* ``GET /api/v1/organization`` (bearer) -> ``{organizations: [{id}]}``, when the server has it.
* ``POST /api/v1/auth/kubernetes-auth/login`` ``{identityId, jwt}`` -> the usual login body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from infisical_kit._core.api import ApiRequest
from infisical_kit._core.responses import read_json
from infisical_kit.errors import UnexpectedResponseError

__all__ = [
    "CookieRequest",
    "kubernetes_login",
    "list_organizations",
    "parse_field",
    "parse_organization_ids",
    "refresh_user_token",
    "renew_token",
    "revoke_token",
    "select_organization",
    "user_login",
]

REFRESH_COOKIE = "jid"


@dataclass(frozen=True)
class CookieRequest(ApiRequest):
    """An `ApiRequest` that also sends cookies (hidden from ``repr``; redacted in logs)."""

    cookies: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    def to_httpx(self, base_url: str, headers: Mapping[str, str] | None = None) -> httpx.Request:
        """Build the request with a ``Cookie`` header added."""
        merged = dict(headers or {})
        if self.cookies:
            merged["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies)
        return super().to_httpx(base_url, merged)


def renew_token(access_token: str) -> ApiRequest:
    """``POST /api/v1/auth/token/renew`` (unauthenticated; the token goes in the body)."""
    return ApiRequest(
        "POST", "/api/v1/auth/token/renew", json={"accessToken": access_token}, authenticated=False
    )


def revoke_token(access_token: str) -> ApiRequest:
    """``POST /api/v1/auth/token/revoke`` (unauthenticated; the token goes in the body)."""
    return ApiRequest(
        "POST", "/api/v1/auth/token/revoke", json={"accessToken": access_token}, authenticated=False
    )


def user_login(email: str, password: str) -> ApiRequest:
    """``POST /api/v3/auth/login`` with email and password."""
    return ApiRequest(
        "POST",
        "/api/v3/auth/login",
        json={"email": email, "password": password},
        authenticated=False,
    )


def select_organization(organization_id: str) -> ApiRequest:
    """``POST /api/v3/auth/select-organization`` (send with the login token as bearer)."""
    return ApiRequest(
        "POST", "/api/v3/auth/select-organization", json={"organizationId": organization_id}
    )


def list_organizations() -> ApiRequest:
    """``GET /api/v1/organization``: the organizations of the logged-in user."""
    return ApiRequest("GET", "/api/v1/organization")


def kubernetes_login(identity_id: str, jwt: str) -> ApiRequest:
    """``POST /api/v1/auth/kubernetes-auth/login`` with a service-account token (logs redact it)."""
    return ApiRequest(
        "POST",
        "/api/v1/auth/kubernetes-auth/login",
        json={"identityId": identity_id, "jwt": jwt},
        authenticated=False,
    )


def refresh_user_token(refresh_cookie: str) -> CookieRequest:
    """``POST /api/v1/auth/token`` with the ``jid`` refresh cookie."""
    return CookieRequest(
        "POST",
        "/api/v1/auth/token",
        authenticated=False,
        cookies=((REFRESH_COOKIE, refresh_cookie),),
    )


def parse_field(request: ApiRequest, response: httpx.Response, name: str) -> str:
    """The non-empty string field `name` of a successful JSON response (errors mapped)."""
    body = read_json(request, response)
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise UnexpectedResponseError(
            f"response has no {name!r}",
            method=request.method,
            path=request.path,
            status_code=response.status_code,
        )
    return value


def parse_organization_ids(request: ApiRequest, response: httpx.Response) -> list[str]:
    """The ids in ``{organizations: [{id}]}`` (``_id`` accepted too), in server order."""
    body = read_json(request, response)
    orgs = body.get("organizations")
    ids: list[str] = []
    for org in orgs if isinstance(orgs, list) else []:
        if isinstance(org, dict):
            oid = org.get("id") or org.get("_id")
            if isinstance(oid, str) and oid:
                ids.append(oid)
    return ids
