"""Route selection: v4 secrets with an automatic v3 "raw" fallback, and deprecation warnings.

Sans-I/O: the namespaces ask `RouteState` which route to use and whether to warn, and report
what the server said. A server without v4 answers the first v4 call with a route-not-found 404
(``Route GET:/api/v4/secrets not found``); from then on the client uses ``/api/v3/secrets/raw``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse
from infisical_kit._core.secrets import SECRETS_V4
from infisical_kit._core.secrets_batch import SECRETS_BATCH

__all__ = [
    "DEPRECATED_ROUTES",
    "SECRETS_V3_BATCH",
    "SECRETS_V3_RAW",
    "RouteState",
    "deprecated_route",
    "is_route_not_found",
    "is_v4_secrets",
    "to_v3_raw",
]

SECRETS_V3_RAW = "/api/v3/secrets/raw"
SECRETS_V3_BATCH = "/api/v3/secrets/batch/raw"

#: Deprecated route prefixes and what replaces them (reference §6.3).
DEPRECATED_ROUTES: tuple[tuple[str, str], ...] = (
    ("/api/v3/secrets/", "/api/v4/secrets"),
    ("/api/v1/workspace", "/api/v1/projects"),
    ("/api/v2/workspace", "/api/v1/projects"),
    ("/api/v1/folders", "/api/v2/folders"),
    ("/api/v1/secret-imports", "/api/v2/secret-imports"),
)

_ROUTE_NOT_FOUND = re.compile(r"^Route [A-Z]+:\S* not found$")


def is_v4_secrets(request: ApiRequest) -> bool:
    """True for a request to ``/api/v4/secrets`` or below."""
    return request.path == SECRETS_V4 or request.path.startswith(SECRETS_V4 + "/")


def _is_batch(request: ApiRequest) -> bool:
    body = request.json
    return (
        request.path == SECRETS_BATCH
        and request.method != "GET"
        and body is not None
        and isinstance(body.get("secrets"), list)
    )


def to_v3_raw(request: ApiRequest) -> ApiRequest:
    """The v3 raw equivalent of a v4 secrets request (both project spellings are already sent)."""
    if _is_batch(request):
        return replace(request, path=SECRETS_V3_BATCH)
    return replace(request, path=SECRETS_V3_RAW + request.path[len(SECRETS_V4) :])


def is_route_not_found(response: HTTPResponse) -> bool:
    """True for a 404 that says the route does not exist (not that a resource is missing)."""
    if response.status_code != 404:
        return False
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    if not isinstance(body, dict):
        return False
    message = body.get("message")
    return isinstance(message, str) and bool(_ROUTE_NOT_FOUND.match(message))


def deprecated_route(path: str) -> tuple[str, str] | None:
    """``(prefix, replacement)`` if `path` is a deprecated route, else ``None``."""
    for prefix, replacement in DEPRECATED_ROUTES:
        if path.startswith(prefix) or path == prefix.rstrip("/"):
            return prefix, replacement
    return None


@dataclass
class RouteState:
    """Per-client memory: which secrets API the server speaks and which warnings were given."""

    secrets_v3: bool = False
    v4_confirmed: bool = False
    warned: set[str] = field(default_factory=set)

    def route(self, request: ApiRequest) -> ApiRequest:
        """The request to send now (rewritten to v3 raw once the server is known to lack v4)."""
        if self.secrets_v3 and is_v4_secrets(request):
            return to_v3_raw(request)
        return request

    def probing(self, request: ApiRequest) -> bool:
        """True while a v4 secrets response may still reveal that the server lacks v4."""
        return is_v4_secrets(request) and not self.secrets_v3 and not self.v4_confirmed

    def observe(self, request: ApiRequest, response: HTTPResponse) -> ApiRequest | None:
        """Record a v4 probe's outcome; return the v3 request to resend if v4 is missing."""
        if is_route_not_found(response):
            self.secrets_v3 = True
            return to_v3_raw(request)
        self.v4_confirmed = True
        return None

    def deprecation(self, request: ApiRequest) -> str | None:
        """A warning message the first time this client uses a deprecated route family."""
        found = deprecated_route(request.path)
        if found is None or found[0] in self.warned:
            return None
        self.warned.add(found[0])
        return (
            f"{request.method} {request.path} uses a deprecated Infisical route ({found[0]}*); "
            f"the server should offer {found[1]}"
        )
