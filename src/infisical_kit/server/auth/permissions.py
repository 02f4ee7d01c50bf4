"""Organization and project role checks for identity and membership management.

Anything in another organization, or a project the actor is not a member of, is a 404 (its
existence never leaks); a known resource the actor may not manage is a 403 PermissionDenied.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import ApiError, not_found
from ..schema import Identity, Project, User
from ..services.scope import membership_role

PROJECT_ROLES = ("admin", "member", "viewer")
ORG_ROLES = ("admin", "member")


def denied(action: str, subject: str) -> ApiError:
    """403 PermissionDenied in Infisical's CASL wording."""
    return ApiError(403, f"You are not allowed to {action} on {subject}", "PermissionDenied")


def org_role(session: Session, actor: Actor) -> str | None:
    """The actor's role in its organization (``None`` when the actor row is gone)."""
    row: Identity | User | None
    row = (
        session.get(Identity, actor.id) if actor.kind == "identity" else session.get(User, actor.id)
    )
    return row.org_role if row is not None else None


def require_org_admin(session: Session, actor: Actor, org_id: str, subject: str) -> None:
    """404 for another organization, 403 unless the actor is an admin of ``org_id``."""
    if actor.org_id != org_id:
        raise not_found(f"Organization with ID '{org_id}' not found")
    if org_role(session, actor) != "admin":
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
    if role != "admin":
        raise denied("edit", subject)
    return project
