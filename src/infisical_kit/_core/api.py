"""Request builders: pure functions from arguments to an `ApiRequest` (and then `httpx.Request`).

Wire rules (see reference/infisical-api.md): booleans are ``"true"``/``"false"``; the project goes
as both ``projectId`` and ``workspaceId``; the imports flag as both ``includeImports`` and
``include_imports``; DELETE carries a JSON body; secret names are URL-quoted in the path.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from infisical_kit._core.scope import ResolvedScope

__all__ = [
    "SECRETS_V4",
    "UNIVERSAL_AUTH_LOGIN",
    "ApiRequest",
    "create_secret",
    "delete_secret",
    "get_secret",
    "list_secrets",
    "universal_auth_login",
    "update_secret",
]

SECRETS_V4 = "/api/v4/secrets"
UNIVERSAL_AUTH_LOGIN = "/api/v1/auth/universal-auth/login"

Params = tuple[tuple[str, str], ...]

#: parsed URLs of recent requests: httpx validates every character of a URL it parses, which
#: costs more than the rest of building a request; immutable, so shared freely across threads
_URLS: dict[tuple[str, str, Params], httpx.URL] = {}
_MAX_URLS = 256


@dataclass(frozen=True)
class ApiRequest:
    """One API call, before it is bound to a base URL and headers.

    `json` is hidden from ``repr`` because it may carry a secret value or credentials.
    """

    method: str
    path: str
    params: Params = ()
    json: Mapping[str, Any] | None = field(default=None, repr=False)
    authenticated: bool = True

    def to_httpx(self, base_url: str, headers: Mapping[str, str] | None = None) -> httpx.Request:
        """Build the `httpx.Request` for `base_url` (no trailing slash) with `headers`.

        The query string is encoded here (as httpx would: ``urlencode``), so httpx parses the
        URL once instead of parsing it, merging the params and parsing it again; the parsed URL
        is remembered (a bounded memo), so repeating a read does not parse it at all.
        """
        memo = (base_url, self.path, self.params)
        url = _URLS.get(memo)
        if url is None:
            text = base_url + self.path
            if self.params:
                text += "?" + urlencode(self.params)
            url = httpx.URL(text)
            if len(_URLS) >= _MAX_URLS:
                _URLS.clear()  # bounded; a read loop refills it with what it uses
            _URLS[memo] = url
        return httpx.Request(self.method, url, json=self.json, headers=headers)


def _flag(value: bool) -> str:
    return "true" if value else "false"


def _scope_params(scope: ResolvedScope) -> list[tuple[str, str]]:
    return [
        ("projectId", scope.project_id),
        ("workspaceId", scope.project_id),
        ("environment", scope.environment),
        ("secretPath", scope.secret_path),
    ]


def _scope_body(scope: ResolvedScope) -> dict[str, Any]:
    return {
        "projectId": scope.project_id,
        "workspaceId": scope.project_id,
        "environment": scope.environment,
        "secretPath": scope.secret_path,
    }


def _imports(value: bool) -> list[tuple[str, str]]:
    return [("includeImports", _flag(value)), ("include_imports", _flag(value))]


def _secret_path(name: str) -> str:
    return f"{SECRETS_V4}/{quote(name, safe='')}"


def list_secrets(
    scope: ResolvedScope,
    *,
    recursive: bool = False,
    include_imports: bool = False,
    expand_secret_references: bool = True,
    view_secret_value: bool = True,
    tag_slugs: Sequence[str] | None = None,
    metadata_filter: str | None = None,
    include_personal_overrides: bool = False,
) -> ApiRequest:
    """``GET /api/v4/secrets``: every flag is sent explicitly."""
    params = [
        *_scope_params(scope),
        ("recursive", _flag(recursive)),
        *_imports(include_imports),
        ("expandSecretReferences", _flag(expand_secret_references)),
        ("viewSecretValue", _flag(view_secret_value)),
        ("includePersonalOverrides", _flag(include_personal_overrides)),
    ]
    if tag_slugs:
        params.append(("tagSlugs", ",".join(tag_slugs)))
    if metadata_filter:
        params.append(("metadataFilter", metadata_filter))
    return ApiRequest("GET", SECRETS_V4, tuple(params))


def get_secret(
    name: str,
    scope: ResolvedScope,
    *,
    version: int | None = None,
    type: str = "shared",
    expand_secret_references: bool = True,
    include_imports: bool = True,
    view_secret_value: bool = True,
) -> ApiRequest:
    """``GET /api/v4/secrets/{name}``."""
    params = [
        *_scope_params(scope),
        ("type", type),
        ("expandSecretReferences", _flag(expand_secret_references)),
        *_imports(include_imports),
        ("viewSecretValue", _flag(view_secret_value)),
    ]
    if version is not None:
        params.append(("version", str(version)))
    return ApiRequest("GET", _secret_path(name), tuple(params))


def create_secret(
    name: str,
    value: str,
    scope: ResolvedScope,
    *,
    comment: str | None = None,
    type: str = "shared",
    extra: Mapping[str, Any] | None = None,
) -> ApiRequest:
    """``POST /api/v4/secrets/{name}`` (`extra`: more body fields, e.g. ``tagIds``)."""
    body = {**_scope_body(scope), "type": type, "secretValue": value, **(extra or {})}
    if comment is not None:
        body["secretComment"] = comment
    return ApiRequest("POST", _secret_path(name), json=body)


def update_secret(
    name: str,
    scope: ResolvedScope,
    *,
    value: str | None = None,
    new_name: str | None = None,
    comment: str | None = None,
    type: str = "shared",
    extra: Mapping[str, Any] | None = None,
) -> ApiRequest:
    """``PATCH /api/v4/secrets/{name}``: only the fields given (and `extra`) are sent."""
    body: dict[str, Any] = {**_scope_body(scope), "type": type, **(extra or {})}
    optional: Iterable[tuple[str, str | None]] = (
        ("secretValue", value),
        ("newSecretName", new_name),
        ("secretComment", comment),
    )
    body.update({key: val for key, val in optional if val is not None})
    return ApiRequest("PATCH", _secret_path(name), json=body)


def delete_secret(name: str, scope: ResolvedScope, *, type: str = "shared") -> ApiRequest:
    """``DELETE /api/v4/secrets/{name}`` with the scope in a JSON body."""
    return ApiRequest("DELETE", _secret_path(name), json={**_scope_body(scope), "type": type})


def universal_auth_login(client_id: str, client_secret: str) -> ApiRequest:
    """``POST /api/v1/auth/universal-auth/login`` (unauthenticated)."""
    return ApiRequest(
        "POST",
        UNIVERSAL_AUTH_LOGIN,
        json={"clientId": client_id, "clientSecret": client_secret},
        authenticated=False,
    )
