"""Project members (users, ``/api/v1/projects/{id}/memberships``) and the machine identities
of a project (``/api/v1/projects/{id}/identity-memberships``): request builders, argument
checks, the role parsers, and the older routes (`legacy_member`).

Infisical 2024-10 has these routes under ``/workspace``, split over two versions:

==============================================  ===============================================
current                                         Infisical 2024-10
==============================================  ===============================================
``GET …/{id}/memberships``, ``POST …/details``,  ``/api/v1/workspace/{id}/memberships[…]``
``PATCH``/``DELETE …/memberships/{membershipId}``
``POST``/``DELETE …/{id}/memberships`` (invite,  ``/api/v2/workspace/{id}/memberships``
remove by e-mail or username)                   (v1 ``POST`` there takes E2EE keys instead)
``…/{id}/identity-memberships[/{identityId}]``  ``/api/v2/workspace/{id}/identity-memberships…``
==============================================  ===============================================

The bodies and answers are the same on both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from infisical_kit._core.projects import WORKSPACE_V1, WORKSPACE_V2, project_path
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse, parse_body, validate
from infisical_kit._core.wire import segment
from infisical_kit.models import MembershipRole

__all__ = [
    "add_identity",
    "check_addresses",
    "check_roles",
    "get_identity_membership",
    "invite_members",
    "is_member_route",
    "legacy_member",
    "list_identity_memberships",
    "list_members",
    "member_details",
    "parse_roles",
    "remove_identity",
    "remove_member",
    "remove_members",
    "roles_body",
    "update_identity_roles",
    "update_member_roles",
]


_ROUTE = re.compile(r"^/api/v1/projects/([^/]+)/(memberships|identity-memberships)(/.*)?$")


def is_member_route(request: ApiRequest) -> bool:
    """True for a request of this module (a project's memberships or identity memberships)."""
    return bool(_ROUTE.match(request.path))


def legacy_member(request: ApiRequest) -> ApiRequest:
    """The route Infisical 2024-10 offers for `request` (see the module docstring)."""
    found = _ROUTE.match(request.path)
    if found is None:
        return request
    project, kind, tail = found.group(1), found.group(2), found.group(3) or ""
    bulk = kind == "memberships" and not tail and request.method in ("POST", "DELETE")
    base = WORKSPACE_V2 if kind == "identity-memberships" or bulk else WORKSPACE_V1
    return replace(request, path=f"{base}/{project}/{kind}{tail}")


def _members(project_id: str, tail: str | None = None) -> str:
    path = f"{project_path(project_id)}/memberships"
    return path if tail is None else f"{path}/{tail}"


def _identities(project_id: str, identity_id: str | None = None) -> str:
    path = f"{project_path(project_id)}/identity-memberships"
    return path if identity_id is None else f"{path}/{segment(identity_id)}"


def check_addresses(emails: Sequence[str], usernames: Sequence[str], problems: list[str]) -> None:
    """At least one e-mail address or username; each a non-empty string (not a bare str)."""
    for name, values in (("emails", emails), ("usernames", usernames)):
        if isinstance(values, str):
            problems.append(f"{name} must be a list of strings, not one string")
        elif any(not isinstance(v, str) or not v.strip() for v in values):
            problems.append(f"{name} must hold non-empty strings")
    bare = isinstance(emails, str) or isinstance(usernames, str)
    if not bare and not list(emails) and not list(usernames):
        problems.append("give at least one e-mail address or username")


def check_roles(roles: Sequence[str], problems: list[str]) -> None:
    """A non-empty list of role slugs (not a bare string)."""
    if isinstance(roles, str):
        problems.append("roles must be a list of role slugs, e.g. ['viewer']")
    elif not roles or any(not isinstance(r, str) or not r.strip() for r in roles):
        problems.append("roles must be a non-empty list of role slugs")


def roles_body(roles: Sequence[str]) -> list[dict[str, Any]]:
    """Infisical's ``roles`` list: permanent roles."""
    return [{"role": role, "isTemporary": False} for role in roles]


def parse_roles(request: ApiRequest, response: HTTPResponse) -> list[MembershipRole]:
    """``{roles: [...]}`` (the answer of a role change)."""
    items = parse_body(request, response, "roles")
    if not isinstance(items, list):
        items = [None]  # validate reports it
    return [validate(request, response, MembershipRole, i, "a role") for i in items]


# -- users ---------------------------------------------------------------------------------


def invite_members(
    project_id: str, emails: Sequence[str], usernames: Sequence[str], roles: Sequence[str] | None
) -> ApiRequest:
    """``POST /api/v1/projects/{id}/memberships`` -> ``{memberships}`` (the new ones)."""
    body: dict[str, Any] = {"emails": list(emails), "usernames": list(usernames)}
    if roles is not None:
        body["roleSlugs"] = list(roles)
    return ApiRequest("POST", _members(project_id), json=body)


def list_members(project_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/memberships`` -> ``{memberships}``."""
    return ApiRequest("GET", _members(project_id))


def member_details(project_id: str, username: str) -> ApiRequest:
    """``POST /api/v1/projects/{id}/memberships/details`` -> ``{membership}``."""
    return ApiRequest("POST", _members(project_id, "details"), json={"username": username})


def update_member_roles(project_id: str, membership_id: str, roles: Sequence[str]) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}/memberships/{membershipId}`` -> ``{roles}``."""
    path = _members(project_id, segment(membership_id))
    return ApiRequest("PATCH", path, json={"roles": roles_body(roles)})


def remove_member(project_id: str, membership_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}/memberships/{membershipId}`` -> ``{membership}``."""
    return ApiRequest("DELETE", _members(project_id, segment(membership_id)))


def remove_members(project_id: str, emails: Sequence[str], usernames: Sequence[str]) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}/memberships`` -> ``{memberships}``."""
    body = {"emails": list(emails), "usernames": list(usernames)}
    return ApiRequest("DELETE", _members(project_id), json=body)


# -- machine identities --------------------------------------------------------------------


def add_identity(project_id: str, identity_id: str, roles: Sequence[str]) -> ApiRequest:
    """``POST /api/v1/projects/{id}/identity-memberships/{identityId}`` ->
    ``{identityMembership}``."""
    return ApiRequest(
        "POST", _identities(project_id, identity_id), json={"roles": roles_body(roles)}
    )


def list_identity_memberships(project_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/identity-memberships`` -> ``{identityMemberships}``."""
    return ApiRequest("GET", _identities(project_id))


def get_identity_membership(project_id: str, identity_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/identity-memberships/{identityId}``."""
    return ApiRequest("GET", _identities(project_id, identity_id))


def update_identity_roles(project_id: str, identity_id: str, roles: Sequence[str]) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}/identity-memberships/{identityId}`` -> ``{roles}``."""
    return ApiRequest(
        "PATCH", _identities(project_id, identity_id), json={"roles": roles_body(roles)}
    )


def remove_identity(project_id: str, identity_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}/identity-memberships/{identityId}``."""
    return ApiRequest("DELETE", _identities(project_id, identity_id))
