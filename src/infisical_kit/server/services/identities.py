"""Machine identities of an organization and their project memberships (admins only)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import (
    ORG_ROLES,
    PROJECT_ROLES,
    identity_in_org,
    managed_identity,
    managed_project,
    require_org_admin,
)
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Identity, ProjectMembership, utcnow
from .auth_methods import attached_methods
from .scope import member_project


@dataclass(frozen=True)
class IdentityDetails:
    """An identity and the login methods attached to it."""

    identity: Identity
    auth_methods: list[str]


def create_identity(
    session: Session, actor: Actor, org_id: str, name: str, role: str
) -> IdentityDetails:
    """Create an identity in ``org_id`` with an organization role (org admins only)."""
    with unit_of_work(session):
        require_org_admin(session, actor, org_id, "identity")
        if role not in ORG_ROLES:
            raise bad_request(f"Invalid role '{role}'; expected one of {', '.join(ORG_ROLES)}")
        if not name.strip():
            raise bad_request("Identity name must not be empty")
        identity = Identity(org_id=org_id, name=name.strip(), org_role=role, created_at=utcnow())
        session.add(identity)
    return IdentityDetails(identity, [])


def list_identities(session: Session, actor: Actor, org_id: str) -> list[IdentityDetails]:
    """The identities of the actor's organization, by name (any organization member)."""
    if org_id != actor.org_id:
        raise not_found(f"Organization with ID '{org_id}' not found")
    rows = session.scalars(
        select(Identity).where(Identity.org_id == org_id).order_by(Identity.name, Identity.id)
    )
    return [IdentityDetails(i, attached_methods(session, i.id)) for i in rows]


def update_identity(
    session: Session, actor: Actor, identity_id: str, name: str | None, role: str | None
) -> IdentityDetails:
    """Rename an identity or change its organization role (org admins only)."""
    with unit_of_work(session):
        identity = managed_identity(session, actor, identity_id)
        if role is not None:
            if role not in ORG_ROLES:
                raise bad_request(f"Invalid role '{role}'; expected one of {', '.join(ORG_ROLES)}")
            if identity.id == actor.id and actor.kind == "identity" and role != identity.org_role:
                raise bad_request("An identity cannot change its own organization role")
            identity.org_role = role
        if name is not None:
            if not name.strip():
                raise bad_request("Identity name must not be empty")
            identity.name = name.strip()
        methods = attached_methods(session, identity.id)
    return IdentityDetails(identity, methods)


def get_identity(session: Session, actor: Actor, identity_id: str) -> IdentityDetails:
    """An identity of the actor's organization with its login methods, or 404."""
    identity = identity_in_org(session, actor, identity_id)
    return IdentityDetails(identity, attached_methods(session, identity.id))


def delete_identity(session: Session, actor: Actor, identity_id: str) -> IdentityDetails:
    """Delete an identity with its tokens, secrets and memberships (cascade)."""
    with unit_of_work(session):
        methods = attached_methods(session, identity_id)
        identity = managed_identity(session, actor, identity_id)
        if identity.id == actor.id and actor.kind == "identity":
            raise bad_request("An identity cannot delete itself")
        session.delete(identity)
    return IdentityDetails(identity, methods)


# --- project memberships ----------------------------------------------------------------


def _check_project_role(role: str) -> None:
    if role not in PROJECT_ROLES:
        raise bad_request(f"Invalid role '{role}'; expected one of {', '.join(PROJECT_ROLES)}")


def _membership(session: Session, project_id: str, identity_id: str) -> ProjectMembership | None:
    return session.scalars(
        select(ProjectMembership).where(
            ProjectMembership.project_id == project_id,
            ProjectMembership.identity_id == identity_id,
        )
    ).first()


def add_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str, role: str
) -> ProjectMembership:
    """Add an identity of the project's organization to the project (project admins only)."""
    with unit_of_work(session):
        managed_project(session, actor, project_id, "identity")
        identity_in_org(session, actor, identity_id)
        _check_project_role(role)
        if _membership(session, project_id, identity_id) is not None:
            raise bad_request("Identity is already a member of this project")
        m = ProjectMembership(
            project_id=project_id, identity_id=identity_id, role=role, created_at=utcnow()
        )
        session.add(m)
    return m


@dataclass(frozen=True)
class IdentityMember:
    """An identity's project membership, the identity and its login methods."""

    membership: ProjectMembership
    identity: Identity
    auth_methods: list[str]


def list_memberships(session: Session, actor: Actor, project_id: str) -> list[IdentityMember]:
    """The identities of a project with their memberships, by name (any project member)."""
    project = member_project(session, actor, project_id).project
    rows = session.execute(
        select(ProjectMembership, Identity)
        .join(Identity, Identity.id == ProjectMembership.identity_id)
        .where(ProjectMembership.project_id == project.id)
        .order_by(Identity.name, Identity.id)
    ).all()
    return [IdentityMember(m, i, attached_methods(session, i.id)) for m, i in rows]


def get_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str
) -> ProjectMembership:
    """An identity's membership in a project (project admins; 404 if none)."""
    managed_project(session, actor, project_id, "identity")
    m = _membership(session, project_id, identity_id)
    if m is None:
        raise not_found(f"Identity with ID '{identity_id}' is not a member of this project")
    return m


def update_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str, role: str
) -> ProjectMembership:
    """Change an identity's project role."""
    _check_project_role(role)
    with unit_of_work(session):
        m = get_membership(session, actor, project_id, identity_id)
        m.role = role
    return m


def delete_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str
) -> ProjectMembership:
    """Remove an identity from a project."""
    with unit_of_work(session):
        m = get_membership(session, actor, project_id, identity_id)
        session.delete(m)
    return m
