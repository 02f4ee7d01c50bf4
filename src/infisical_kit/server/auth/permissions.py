"""Who may do what: organization roles, project memberships and role checks.

Anything in another organization, or a project the actor is not a member of, is a 404 (its
existence never leaks); a known resource the actor may not manage is a 403 PermissionDenied
in Infisical's CASL wording.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import ApiError, not_found
from ..schema import Identity, Project, ProjectMembership, User
from .service_tokens import SERVICE, actor_grant

PROJECT_ROLES = ("admin", "member", "viewer")
ORG_ROLES = ("admin", "member")
ADMIN_ROLES = frozenset({"admin"})
WRITE_ROLES = frozenset({"admin", "member"})


def denied(action: str, subject: str) -> ApiError:
    """403 PermissionDenied in Infisical's CASL wording."""
    return ApiError(403, f"You are not allowed to {action} on {subject}", "PermissionDenied")


def require_role(role: str, allowed: frozenset[str], action: str, subject: str) -> None:
    """403 PermissionDenied unless ``role`` is one of ``allowed``."""
    if role not in allowed:
        raise denied(action, subject)


def actor_row(session: Session, actor: Actor) -> Identity | User | None:
    """The identity or user row of the actor (``None`` when it is gone or a service token)."""
    if actor.kind == "identity":
        return session.get(Identity, actor.id)
    if actor.kind == SERVICE:
        return None
    return session.get(User, actor.id)


def membership_role(session: Session, actor: Actor, project_id: str) -> str | None:
    """The actor's role in a project, or ``None`` when not a member. A service token acts
    as a member (read and write) or a viewer (read only) of its own project, within its
    scopes (``services/scope.py`` checks those)."""
    if actor.kind == SERVICE:
        grant = actor_grant(session, actor)
        if grant is None or grant.project_id != project_id:
            return None
        return "member" if grant.can_write else "viewer"
    stmt = select(ProjectMembership.role).where(ProjectMembership.project_id == project_id)
    if actor.kind == "identity":
        stmt = stmt.where(ProjectMembership.identity_id == actor.id)
    else:
        stmt = stmt.where(ProjectMembership.user_id == actor.id)
    return session.scalars(stmt).first()


def require_org_admin(session: Session, actor: Actor, org_id: str, subject: str) -> None:
    """404 for another organization, 403 unless the actor is an admin of ``org_id``."""
    if actor.org_id != org_id:
        raise not_found(f"Organization with ID '{org_id}' not found")
    row = actor_row(session, actor)
    if row is None or row.org_role != "admin":
        raise denied("manage", subject)


def identity_in_org(session: Session, actor: Actor, identity_id: str) -> Identity:
    """The identity ``identity_id`` of the actor's organization, or 404."""
    identity = session.get(Identity, identity_id)
    if identity is None or identity.org_id != actor.org_id:
        raise not_found(f"Identity with ID '{identity_id}' not found")
    return identity


def managed_identity(session: Session, actor: Actor, identity_id: str) -> Identity:
    """An identity the actor may administer (org admin of its organization)."""
    identity = identity_in_org(session, actor, identity_id)
    require_org_admin(session, actor, identity.org_id, "identity")
    return identity


def managed_project(session: Session, actor: Actor, project_id: str, subject: str) -> Project:
    """A project the actor administers: 404 if not a member, 403 unless admin."""
    project = session.get(Project, project_id)
    role = membership_role(session, actor, project_id) if project is not None else None
    if project is None or role is None or project.org_id != actor.org_id:
        raise not_found(f"Project with ID '{project_id}' not found")
    require_role(role, ADMIN_ROLES, "edit", subject)
    return project
