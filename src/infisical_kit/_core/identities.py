"""Machine identities (``/api/v1/identities``) and their universal auth
(``/api/v1/auth/universal-auth/identities/{id}``): request builders, argument checks and the
parsers of the answers whose shape differs from the model's."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse, parse_body, unexpected, validate
from infisical_kit._core.wire import given, segment
from infisical_kit.models import Identity

__all__ = [
    "IDENTITIES",
    "UNIVERSAL_AUTH",
    "attach_universal_auth",
    "check_settings",
    "create_client_secret",
    "create_identity",
    "delete_identity",
    "detach_universal_auth",
    "get_client_secret",
    "get_identity",
    "get_universal_auth",
    "list_client_secrets",
    "list_identities",
    "parse_identity_list",
    "revoke_client_secret",
    "update_identity",
    "update_universal_auth",
]

IDENTITIES = "/api/v1/identities"
UNIVERSAL_AUTH = "/api/v1/auth/universal-auth/identities"


def _identity(identity_id: str) -> str:
    return f"{IDENTITIES}/{segment(identity_id)}"


def _ua(identity_id: str, tail: str = "") -> str:
    return f"{UNIVERSAL_AUTH}/{segment(identity_id)}{tail}"


def check_settings(values: Mapping[str, int | None], problems: list[str]) -> None:
    """Every given setting (TTLs in seconds, limits) is a non-negative integer."""
    for name, value in values.items():
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            problems.append(f"{name} must be a non-negative integer")


# -- identities ----------------------------------------------------------------------------


def create_identity(fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/identities`` with ``{name, organizationId, role?}`` -> ``{identity}``."""
    return ApiRequest("POST", IDENTITIES, json=given(fields))


def get_identity(identity_id: str) -> ApiRequest:
    """``GET /api/v1/identities/{id}`` -> ``{identity}``."""
    return ApiRequest("GET", _identity(identity_id))


def update_identity(identity_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH /api/v1/identities/{id}`` with the given fields -> ``{identity}``."""
    return ApiRequest("PATCH", _identity(identity_id), json=given(fields))


def delete_identity(identity_id: str) -> ApiRequest:
    """``DELETE /api/v1/identities/{id}`` -> ``{identity}``."""
    return ApiRequest("DELETE", _identity(identity_id))


def list_identities(organization_id: str) -> ApiRequest:
    """``GET /api/v1/identities?orgId=`` -> ``{identities}`` (organization memberships)."""
    return ApiRequest("GET", IDENTITIES, (("orgId", organization_id),))


def parse_identity_list(request: ApiRequest, response: HTTPResponse) -> list[Identity]:
    """``{identities: [{role, orgId, identity: {id, name, ...}}]}`` as identities (each an
    organization membership on the wire: the identity is inside, with the org role beside)."""
    items = parse_body(request, response, "identities")
    if not isinstance(items, list):
        raise unexpected(request, response, "response has no 'identities' list")
    out = []
    for item in items:
        inner = item.get("identity") if isinstance(item, dict) else None
        if not isinstance(inner, dict):
            raise unexpected(request, response, "an identity list item has no 'identity'")
        merged = {"orgId": item.get("orgId"), "role": item.get("role"), **inner}
        out.append(validate(request, response, Identity, merged, "an identity"))
    return out


# -- universal auth ------------------------------------------------------------------------


def attach_universal_auth(identity_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``POST .../universal-auth/identities/{id}`` -> ``{identityUniversalAuth}``."""
    return ApiRequest("POST", _ua(identity_id), json=given(fields))


def get_universal_auth(identity_id: str) -> ApiRequest:
    """``GET .../universal-auth/identities/{id}`` -> ``{identityUniversalAuth}``."""
    return ApiRequest("GET", _ua(identity_id))


def update_universal_auth(identity_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH .../universal-auth/identities/{id}`` with the given settings."""
    return ApiRequest("PATCH", _ua(identity_id), json=given(fields))


def detach_universal_auth(identity_id: str) -> ApiRequest:
    """``DELETE .../universal-auth/identities/{id}`` (its client secrets stop working)."""
    return ApiRequest("DELETE", _ua(identity_id))


def create_client_secret(identity_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``POST .../client-secrets`` -> ``{clientSecret, clientSecretData}``."""
    return ApiRequest("POST", _ua(identity_id, "/client-secrets"), json=given(fields))


def list_client_secrets(identity_id: str) -> ApiRequest:
    """``GET .../client-secrets`` -> ``{clientSecretData: [...]}``."""
    return ApiRequest("GET", _ua(identity_id, "/client-secrets"))


def get_client_secret(identity_id: str, secret_id: str) -> ApiRequest:
    """``GET .../client-secrets/{secretId}`` -> ``{clientSecretData}``."""
    return ApiRequest("GET", _ua(identity_id, f"/client-secrets/{segment(secret_id)}"))


def revoke_client_secret(identity_id: str, secret_id: str) -> ApiRequest:
    """``POST .../client-secrets/{secretId}/revoke`` -> ``{clientSecretData}``."""
    return ApiRequest("POST", _ua(identity_id, f"/client-secrets/{segment(secret_id)}/revoke"))
