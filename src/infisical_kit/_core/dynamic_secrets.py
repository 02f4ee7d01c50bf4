"""Dynamic secrets and leases (``/api/v1/dynamic-secrets``): builders, checks and parsers.

Infisical names the project of these routes by slug (``projectSlug``) and the folder by
``environmentSlug`` and ``path``. TTLs travel as ``ms``-style strings (``"90s"``, ``"1h"``);
the client also takes seconds (an ``int``) or a `datetime.timedelta`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TypeAlias

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse, parse_object
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._core.validation import require
from infisical_kit._core.wire import given, segment
from infisical_kit.models import LeaseCredentials

__all__ = [
    "DYNAMIC_SECRETS",
    "LEASES",
    "TTL",
    "check_name",
    "check_ttl",
    "create_dynamic_secret",
    "create_lease",
    "delete_dynamic_secret",
    "get_dynamic_secret",
    "get_lease",
    "list_dynamic_secrets",
    "list_leases",
    "metadata_items",
    "parse_lease_credentials",
    "renew_lease",
    "revoke_lease",
    "update_dynamic_secret",
]

DYNAMIC_SECRETS = "/api/v1/dynamic-secrets"
LEASES = f"{DYNAMIC_SECRETS}/leases"
MAX_NAME = 64

#: A TTL: an ``ms``-style string (``"30m"``), seconds, or a `timedelta`.
TTL: TypeAlias = str | int | timedelta

_DURATION = re.compile(
    r"^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|"
    r"hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$",
    re.IGNORECASE,
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# -- checks ---------------------------------------------------------------------------------


def check_name(name: str, field: str, problems: list[str]) -> None:
    """A dynamic secret's name: a lower-case slug of 1 to 64 characters."""
    require(name, field, problems)
    if isinstance(name, str) and name.strip():
        text = name.strip().lower()
        if len(text) > MAX_NAME or not _SLUG.match(text):
            problems.append(
                f"{field} must be a slug of at most {MAX_NAME} characters "
                "(lower-case letters, digits and single hyphens)"
            )


def check_ttl(value: TTL | None, field: str, problems: list[str]) -> str | None:
    """The wire form of a TTL (``None`` stays ``None``); a problem when it is not one."""
    if value is None:
        return None
    if isinstance(value, timedelta):
        value = int(value.total_seconds())
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        problems.append(f"{field} must be a duration string such as '1h', seconds or a timedelta")
        return None
    if isinstance(value, int):
        if value <= 0:
            problems.append(f"{field} must be positive")
            return None
        return f"{value}s"
    text = value.strip()
    if not _DURATION.match(text):
        problems.append(f"{field} must be a duration such as '30m', '1h' or '2d', got {value!r}")
        return None
    return text


def metadata_items(metadata: Mapping[str, str] | None) -> list[dict[str, str]] | None:
    """``{key: value}`` as Infisical's ``[{key, value}]`` (``None`` stays ``None``)."""
    if metadata is None:
        return None
    return [{"key": str(key), "value": str(value)} for key, value in metadata.items()]


# -- builders -------------------------------------------------------------------------------


def _where(slug: str, scope: ResolvedScope) -> dict[str, str]:
    return {"projectSlug": slug, "environmentSlug": scope.environment, "path": scope.secret_path}


def _query(slug: str, scope: ResolvedScope) -> tuple[tuple[str, str], ...]:
    return tuple(_where(slug, scope).items())


def _named(name: str) -> str:
    return f"{DYNAMIC_SECRETS}/{segment(name.strip().lower())}"


def create_dynamic_secret(slug: str, scope: ResolvedScope, fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/dynamic-secrets`` (``name``, ``provider``, TTLs ... in `fields`)."""
    return ApiRequest("POST", DYNAMIC_SECRETS, json={**_where(slug, scope), **given(fields)})


def list_dynamic_secrets(slug: str, scope: ResolvedScope) -> ApiRequest:
    """``GET /api/v1/dynamic-secrets`` -> ``{dynamicSecrets}``."""
    return ApiRequest("GET", DYNAMIC_SECRETS, _query(slug, scope))


def get_dynamic_secret(slug: str, scope: ResolvedScope, name: str) -> ApiRequest:
    """``GET /api/v1/dynamic-secrets/{name}`` -> ``{dynamicSecret}`` (with its inputs)."""
    return ApiRequest("GET", _named(name), _query(slug, scope))


def update_dynamic_secret(
    slug: str, scope: ResolvedScope, name: str, data: Mapping[str, Any]
) -> ApiRequest:
    """``PATCH /api/v1/dynamic-secrets/{name}`` with ``data`` (only what was given)."""
    return ApiRequest("PATCH", _named(name), json={**_where(slug, scope), "data": dict(data)})


def delete_dynamic_secret(
    slug: str, scope: ResolvedScope, name: str, *, forced: bool = False
) -> ApiRequest:
    """``DELETE /api/v1/dynamic-secrets/{name}`` (``isForced`` skips the provider)."""
    body = {**_where(slug, scope), "isForced": forced}
    return ApiRequest("DELETE", _named(name), json=body)


def list_leases(slug: str, scope: ResolvedScope, name: str) -> ApiRequest:
    """``GET /api/v1/dynamic-secrets/{name}/leases`` -> ``{leases}``."""
    return ApiRequest("GET", f"{_named(name)}/leases", _query(slug, scope))


def create_lease(
    slug: str, scope: ResolvedScope, name: str, *, ttl: str | None, config: Any = None
) -> ApiRequest:
    """``POST /api/v1/dynamic-secrets/leases`` -> ``{lease, dynamicSecret, data}``."""
    fields = {"dynamicSecretName": name.strip().lower(), "ttl": ttl, "config": config}
    return ApiRequest("POST", LEASES, json={**_where(slug, scope), **given(fields)})


def get_lease(slug: str, scope: ResolvedScope, lease_id: str) -> ApiRequest:
    """``GET /api/v1/dynamic-secrets/leases/{id}`` -> ``{lease}``."""
    return ApiRequest("GET", f"{LEASES}/{segment(lease_id)}", _query(slug, scope))


def renew_lease(slug: str, scope: ResolvedScope, lease_id: str, *, ttl: str | None) -> ApiRequest:
    """``POST /api/v1/dynamic-secrets/leases/{id}/renew`` -> ``{lease}``."""
    body = {**_where(slug, scope), **given({"ttl": ttl})}
    return ApiRequest("POST", f"{LEASES}/{segment(lease_id)}/renew", json=body)


def revoke_lease(
    slug: str, scope: ResolvedScope, lease_id: str, *, forced: bool = False
) -> ApiRequest:
    """``DELETE /api/v1/dynamic-secrets/leases/{id}`` -> ``{lease}``."""
    body = {**_where(slug, scope), "isForced": forced}
    return ApiRequest("DELETE", f"{LEASES}/{segment(lease_id)}", json=body)


# -- parsers --------------------------------------------------------------------------------


def parse_lease_credentials(request: ApiRequest, response: HTTPResponse) -> LeaseCredentials:
    """``{lease, dynamicSecret, data}``: the whole answer to a lease create."""
    return parse_object(request, response, None, LeaseCredentials, what="lease")
