"""Identities (``/api/v1/identities``) and identity project memberships."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..limits import IdText, RequiredName
from ..openapi import json_body, query_params
from ..params import Params, parse
from ..services import identities
from ..services.members import RoleSpec, one_role
from ..wire.identities import (
    identity_member_to_wire,
    identity_to_wire,
    membership_to_wire,
    org_identity_to_wire,
)
from ..wire.members import membership_roles_to_wire
from ._deps import Db, Raw, Who
from .members import MembershipRoleParams

router = APIRouter(tags=["identities"])


class CreateIdentityParams(Params):
    """Body of identity creation."""

    name: RequiredName
    organizationId: IdText
    role: str = "member"


class UpdateIdentityParams(Params):
    """Body of an identity update (omitted fields stay as they are)."""

    name: RequiredName | None = None
    role: str | None = None


class ListIdentitiesParams(Params):
    """Query of the identity list."""

    orgId: str


class RoleParams(Params):
    """Body of membership creation and update: ``role``, or Infisical's ``roles`` list
    naming one role."""

    role: str = "member"
    roles: list[MembershipRoleParams] | None = Field(default=None, min_length=1, max_length=10)

    @property
    def the_role(self) -> str:
        """The one role asked for."""
        if self.roles:
            return one_role([RoleSpec(r.role, r.isTemporary) for r in self.roles])
        return self.role


@router.post("/api/v1/identities", openapi_extra=json_body(CreateIdentityParams))
def create_identity(session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create an identity in an organization (org admins): ``{identity}``."""
    p = parse(CreateIdentityParams, raw)
    created = identities.create_identity(session, actor, p.organizationId.strip(), p.name, p.role)
    return {"identity": identity_to_wire(created)}


@router.get("/api/v1/identities", openapi_extra=query_params(ListIdentitiesParams))
def list_identities(session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """The identities of an organization: ``{identities, totalCount}``."""
    p = parse(ListIdentitiesParams, raw)
    found = identities.list_identities(session, actor, p.orgId.strip())
    return {"identities": [org_identity_to_wire(d) for d in found], "totalCount": len(found)}


@router.patch("/api/v1/identities/{identity_id}", openapi_extra=json_body(UpdateIdentityParams))
def update_identity(identity_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Rename an identity or change its organization role (org admins): ``{identity}``."""
    p = parse(UpdateIdentityParams, raw)
    updated = identities.update_identity(session, actor, identity_id, p.name, p.role)
    return {"identity": identity_to_wire(updated)}


@router.get("/api/v1/identities/{identity_id}")
def get_identity(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """An identity of the caller's organization: ``{identity}``."""
    return {"identity": identity_to_wire(identities.get_identity(session, actor, identity_id))}


@router.delete("/api/v1/identities/{identity_id}")
def delete_identity(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete an identity (org admins): ``{identity}``."""
    deleted = identities.delete_identity(session, actor, identity_id)
    return {"identity": identity_to_wire(deleted)}


MEMBERSHIP_PATHS = (
    "/api/v2/workspace/{project_id}/identity-memberships/{identity_id}",
    "/api/v1/projects/{project_id}/identity-memberships/{identity_id}",
)


def _route(method: str, func: Any, extra: dict[str, Any] | None = None) -> None:
    for i, path in enumerate(MEMBERSHIP_PATHS):
        router.add_api_route(
            path, func, methods=[method], include_in_schema=i == 0, openapi_extra=extra
        )


def add_membership(
    project_id: str, identity_id: str, session: Db, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Add an identity to a project with a role (project admins): ``{identityMembership}``."""
    role = parse(RoleParams, raw).the_role
    m = identities.add_membership(session, actor, project_id, identity_id, role)
    return {"identityMembership": membership_to_wire(m)}


def get_membership(project_id: str, identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """An identity's membership (project admins): ``{identityMembership}``."""
    m = identities.get_membership(session, actor, project_id, identity_id)
    return {"identityMembership": membership_to_wire(m)}


def update_membership(
    project_id: str, identity_id: str, session: Db, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change an identity's project role: ``{identityMembership, roles}``."""
    role = parse(RoleParams, raw).the_role
    m = identities.update_membership(session, actor, project_id, identity_id, role)
    return {"identityMembership": membership_to_wire(m), "roles": membership_roles_to_wire(m)}


def delete_membership(project_id: str, identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Remove an identity from a project: ``{identityMembership}``."""
    m = identities.delete_membership(session, actor, project_id, identity_id)
    return {"identityMembership": membership_to_wire(m)}


def list_identity_memberships(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identities of a project (any project member): ``{identityMemberships,
    totalCount}``."""
    found = identities.list_memberships(session, actor, project_id)
    return {
        "identityMemberships": [identity_member_to_wire(m) for m in found],
        "totalCount": len(found),
    }


for _i, _path in enumerate(
    (
        "/api/v2/workspace/{project_id}/identity-memberships",
        "/api/v1/projects/{project_id}/identity-memberships",
    )
):
    router.add_api_route(
        _path, list_identity_memberships, methods=["GET"], include_in_schema=_i == 0
    )
_route("POST", add_membership, json_body(RoleParams))
_route("GET", get_membership)
_route("PATCH", update_membership, json_body(RoleParams))
_route("DELETE", delete_membership)
