"""Projects: create (with environments and root folders), list, update, delete."""

from __future__ import annotations

import re
import secrets as _secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import new_data_key, wrap_data_key
from ..errors import ApiError, bad_request
from ..schema import (
    Environment,
    Folder,
    Identity,
    Project,
    ProjectMembership,
    User,
    new_id,
    utcnow,
)
from .scope import resolve_project

DEFAULT_ENVIRONMENTS = (("Development", "dev"), ("Staging", "staging"), ("Production", "prod"))


def create_project(
    session: Session,
    root_key: bytes,
    *,
    org_id: str,
    name: str,
    slug: str,
    environments: tuple[tuple[str, str], ...] = DEFAULT_ENVIRONMENTS,
    description: str | None = None,
    has_delete_protection: bool = False,
) -> Project:
    """Create a project with a fresh wrapped data key, its environments and root folders."""
    project_id = new_id()
    project = Project(
        id=project_id,
        org_id=org_id,
        name=name,
        slug=slug,
        wrapped_data_key=wrap_data_key(root_key, new_data_key(), project_id),
        description=description,
        has_delete_protection=has_delete_protection,
    )
    session.add(project)
    session.flush()
    for position, (env_name, env_slug) in enumerate(environments, start=1):
        env = Environment(project_id=project_id, name=env_name, slug=env_slug, position=position)
        session.add(env)
        session.flush()
        session.add(Folder(env_id=env.id, parent_id=None, name="root", path="/"))
    session.flush()
    return project


ADMIN_ROLES = frozenset({"admin"})
WRITE_ROLES = frozenset({"admin", "member"})


def require_role(role: str, allowed: frozenset[str], action: str, subject: str) -> None:
    """403 PermissionDenied unless ``role`` is one of ``allowed``."""
    if role not in allowed:
        raise ApiError(403, f"You are not allowed to {action} on {subject}", "PermissionDenied")


def member_project(session: Session, actor: Actor, project_id: str) -> tuple[Project, str]:
    """The project ``project_id`` and the actor's role; 404 when missing or not a member."""
    return resolve_project(session, actor, project_id.strip(), None)


def actor_org_id(session: Session, actor: Actor) -> str:
    """The organization an identity or user belongs to (new projects go there)."""
    row: Identity | User | None = (
        session.get(Identity, actor.id) if actor.kind == "identity" else session.get(User, actor.id)
    )
    if row is None:
        raise ApiError(401, "The caller no longer exists", "UnauthorizedError")
    return row.org_id


def list_member_projects(session: Session, actor: Actor) -> list[Project]:
    """Every project the actor is a member of, oldest first."""
    column = (
        ProjectMembership.identity_id if actor.kind == "identity" else ProjectMembership.user_id
    )
    stmt = (
        select(Project)
        .join(ProjectMembership, ProjectMembership.project_id == Project.id)
        .where(column == actor.id)
        .order_by(Project.created_at, Project.id)
    )
    return list(session.scalars(stmt))


def project_environments(session: Session, project_id: str) -> list[Environment]:
    """A project's environments in position order."""
    stmt = (
        select(Environment)
        .where(Environment.project_id == project_id)
        .order_by(Environment.position, Environment.created_at)
    )
    return list(session.scalars(stmt))


def _slug_taken(session: Session, slug: str, exclude_id: str | None = None) -> bool:
    stmt = select(Project.id).where(Project.slug == slug)
    if exclude_id is not None:
        stmt = stmt.where(Project.id != exclude_id)
    return session.scalars(stmt).first() is not None


def generate_slug(session: Session, name: str) -> str:
    """A free slug derived from ``name`` (lowercase, dashes, random suffix)."""
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:28].strip("-") or "project"
    while True:
        slug = f"{base}-{_secrets.token_hex(3)}"
        if not _slug_taken(session, slug):
            return slug


def create_member_project(
    session: Session,
    root_key: bytes,
    actor: Actor,
    *,
    name: str,
    description: str | None,
    slug: str | None,
    create_default_envs: bool,
    has_delete_protection: bool,
) -> Project:
    """Create a project in the caller's organization with the caller as admin."""
    if slug is not None and _slug_taken(session, slug):
        raise bad_request(f"Project with slug '{slug}' already exists")
    project = create_project(
        session,
        root_key,
        org_id=actor_org_id(session, actor),
        name=name,
        slug=slug or generate_slug(session, name),
        environments=DEFAULT_ENVIRONMENTS if create_default_envs else (),
        description=description,
        has_delete_protection=has_delete_protection,
    )
    member = ProjectMembership(project_id=project.id, role="admin")
    if actor.kind == "identity":
        member.identity_id = actor.id
    else:
        member.user_id = actor.id
    session.add(member)
    session.commit()
    return project


def update_project(session: Session, project: Project, changes: dict[str, object]) -> Project:
    """Apply ``changes`` (ORM attribute -> value; ``None`` values are skipped)."""
    slug = changes.get("slug")
    if isinstance(slug, str) and _slug_taken(session, slug, exclude_id=project.id):
        raise bad_request(f"Project with slug '{slug}' already exists")
    for attr, value in changes.items():
        if value is not None:
            setattr(project, attr, value)
    project.updated_at = utcnow()
    session.commit()
    return project


def delete_project(session: Session, project: Project) -> None:
    """Delete a project and (by cascade) everything in it; 400 if delete-protected."""
    if project.has_delete_protection:
        raise bad_request(
            f"Project '{project.slug}' has delete protection enabled; disable it first"
        )
    session.delete(project)
    session.commit()
