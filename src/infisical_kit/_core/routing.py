"""Route families: the current routes, the older ones a server may offer instead, and which
ones a server lacks.

Sans-I/O. A *family* is a group of routes a server offers or lacks together (``/api/v4/secrets``
and everything below it, ``/api/v2/folders``, ``/api/v1/projects`` with the project's
environments and tags ...). A server that lacks one answers its first request with Fastify's
route-not-found 404 (``Route GET:/api/v4/secrets not found``; `is_route_not_found`, never a
resource 404); from then on the family's requests go to the older routes (`to_legacy`), which
every Infisical since 2023 offers:

=============  ===========================================  ======================================
family         current                                      older (Infisical 2024-10)
=============  ===========================================  ======================================
secrets        ``/api/v4/secrets[/{name}]``, ``…/batch``    ``/api/v3/secrets/raw[/{name}]``,
                                                            ``/api/v3/secrets/batch/raw``
folders        ``/api/v2/folders[/{id}]``                   ``/api/v1/folders[/{id}]``
imports        ``/api/v2/secret-imports[/{id}]``            ``/api/v1/secret-imports[/{id}]``
projects       ``/api/v1/projects`` (list, create),         ``/api/v1/workspace``, ``POST
               ``…/{id}[/environments|/tags…]``,            /api/v2/workspace``, ``/api/v1/
               ``…/slug/{slug}``                            workspace/{id}[…]``, ``GET
                                                            /api/v2/workspace/{slug}``
members        ``/api/v1/projects/{id}/memberships[…]``,   ``/api/v1/workspace/{id}/memberships…``
               ``…/{id}/identity-memberships[…]``           (list, details, one membership),
                                                            ``/api/v2/workspace/{id}/memberships``
                                                            (invite, remove by address),
                                                            ``/api/v2/workspace/{id}/identity-
                                                            memberships…`` (`members.legacy_member`)
kms-lookup     ``GET /api/v1/kms/keys/{id}``,               none: the namespace lists the keys
               ``GET …/key-name/{name}``                    and selects (`Family.legacy` is None)
=============  ===========================================  ======================================

``members`` comes before ``projects``: its routes are below ``/api/v1/projects`` too, but a
server may have one without the other, and their older routes differ.

Translating also checks what the older route would get wrong (a field it does not store, a
filter it ignores): the resource modules' ``legacy_*`` functions refuse those with
`UnsupportedByServerError` before anything is sent. The answers of the older routes are parsed
by the resource modules' parsers, which accept both envelopes (``{workspace}`` or
``{project}`` ...).

`RouteState` is one client's knowledge of its site (seeded from, and reported to, the
process-wide memory the requester keeps); `deprecation` says when a request uses a route
Infisical has deprecated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from infisical_kit._core import folders, members, projects, secrets, secrets_batch, tags
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import is_route_not_found

__all__ = [
    "DEPRECATED_ROUTES",
    "FAMILIES",
    "Family",
    "RouteState",
    "deprecation",
    "family_of",
    "is_route_not_found",
]

#: Deprecated route prefixes and what replaces them (reference §6.3).
DEPRECATED_ROUTES: tuple[tuple[str, str], ...] = (
    ("/api/v3/secrets/", "/api/v4/secrets"),
    ("/api/v1/workspace", "/api/v1/projects"),
    ("/api/v2/workspace", "/api/v1/projects"),
    ("/api/v1/folders", "/api/v2/folders"),
    ("/api/v1/secret-imports", "/api/v2/secret-imports"),
)

SECRETS_V3_RAW = "/api/v3/secrets/raw"
SECRETS_V3_BATCH = "/api/v3/secrets/batch/raw"
IMPORTS_V2 = "/api/v2/secret-imports"
IMPORTS_V1 = "/api/v1/secret-imports"
_KMS_LOOKUP = re.compile(r"^/api/v1/kms/keys/(key-name/[^/]+|[^/]+)$")


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root + "/")


def _is_batch(request: ApiRequest) -> bool:
    body = request.json
    return (
        request.path == secrets_batch.SECRETS_BATCH
        and request.method != "GET"
        and body is not None
        and isinstance(body.get("secrets"), list)
    )


def _secrets_v3(request: ApiRequest) -> ApiRequest:
    if _is_batch(request):
        return secrets_batch.legacy_batch(replace(request, path=SECRETS_V3_BATCH))
    tail = request.path[len(secrets.SECRETS_V4) :]
    return secrets.legacy_secret(replace(request, path=SECRETS_V3_RAW + tail))


def _folders_v1(request: ApiRequest) -> ApiRequest:
    tail = request.path[len(folders.FOLDERS) :]
    return folders.legacy_folder(replace(request, path=folders.FOLDERS_V1 + tail))


def _imports_v1(request: ApiRequest) -> ApiRequest:
    return replace(request, path=IMPORTS_V1 + request.path[len(IMPORTS_V2) :])


def _workspace(request: ApiRequest) -> ApiRequest:
    older = projects.legacy_project(request)
    return tags.legacy_tag(older)


@dataclass(frozen=True)
class Family:
    """Routes a server offers or lacks together: `name`, which requests belong to it
    (`matches`) and their older form (`legacy`; None when there is no older route and the
    namespace emulates the call)."""

    name: str
    matches: Callable[[ApiRequest], bool]
    legacy: Callable[[ApiRequest], ApiRequest] | None


FAMILIES: tuple[Family, ...] = (
    Family("secrets", lambda r: _under(r.path, secrets.SECRETS_V4), _secrets_v3),
    Family("folders", lambda r: _under(r.path, folders.FOLDERS), _folders_v1),
    Family("imports", lambda r: _under(r.path, IMPORTS_V2), _imports_v1),
    Family("members", members.is_member_route, members.legacy_member),
    Family("projects", lambda r: _under(r.path, projects.PROJECTS), _workspace),
    Family("kms-lookup", lambda r: r.method == "GET" and bool(_KMS_LOOKUP.match(r.path)), None),
)


def family_of(request: ApiRequest) -> Family | None:
    """The family `request` belongs to (in its current form), or None."""
    for family in FAMILIES:
        if family.matches(request):
            return family
    return None


def deprecation(request: ApiRequest) -> tuple[str, str] | None:
    """``(prefix, warning message)`` when `request` uses a deprecated route, else None."""
    for prefix, replacement in DEPRECATED_ROUTES:
        if request.path.startswith(prefix) or request.path == prefix.rstrip("/"):
            message = (
                f"{request.method} {request.path} uses a deprecated Infisical route "
                f"({prefix}*); the server should offer {replacement}"
            )
            return prefix, message
    return None


@dataclass
class RouteState:
    """One client's knowledge of its site: the families it lacks (their older routes are
    used). Seeded from what the process (or the route file) remembers about the site."""

    lacking: set[str] = field(default_factory=set)

    def lacks(self, family: Family) -> bool:
        """True when the site is known to lack `family`'s current routes."""
        return family.name in self.lacking

    def learn(self, family: Family, *, lacking: bool) -> bool:
        """Record whether the site lacks `family`; True if that is news."""
        if (family.name in self.lacking) == lacking:
            return False
        if lacking:
            self.lacking.add(family.name)
        else:
            self.lacking.discard(family.name)
        return True
