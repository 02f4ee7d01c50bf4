"""Projects: create (with environments and root folders), list, update, delete."""

from __future__ import annotations

import re
import secrets as _secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import ADMIN_ROLES, actor_row
from ..crypto import new_data_key, wrap_data_key
from ..db import unit_of_work
from ..errors import ApiError, bad_request
from ..schema import Environment, Folder, Project, ProjectMembership, new_id, utcnow
from .scope import ProjectAccess, member_project, resolve_project

DEFAULT_ENVIRONMENTS = (("Development", "dev"), ("Staging", "staging"), ("Production", "prod"))
PROJECT_TYPE = "secret-manager"


@dataclass(frozen=True)
class ProjectDetails:
    """A project and its environments (in position order)."""

    project: Project
    environments: list[Environment]


def _details(session: Session, project: Project) -> ProjectDetails:
    return ProjectDetails(project, project_environments(session, project.id))


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
    """Create a project with a fresh wrapped data key, its environments and root folders
    (a step of the caller's unit of work)."""
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


def actor_org_id(session: Session, actor: Actor) -> str:
    """The organization an identity or user belongs to (new projects go there)."""
    row = actor_row(session, actor)
    if row is None:
        raise ApiError(401, "The caller no longer exists", "UnauthorizedError")
    return row.org_id


def list_member_projects(
    session: Session, actor: Actor, project_type: str | None
) -> list[ProjectDetails]:
    """Every project the actor is a member of, oldest first (of ``project_type`` unless that
    is empty or ``all``)."""
    column = (
        ProjectMembership.identity_id if actor.kind == "identity" else ProjectMembership.user_id
    )
    stmt = (
        select(Project)
        .join(ProjectMembership, ProjectMembership.project_id == Project.id)
        .where(column == actor.id)
        .order_by(Project.created_at, Project.id)
    )
    projects = list(session.scalars(stmt))
    if project_type and project_type != "all":
        projects = [pr for pr in projects if pr.type == project_type]
    return [_details(session, pr) for pr in projects]


def get_project(session: Session, actor: Actor, project_id: str) -> ProjectDetails:
    """A project the actor is a member of (404 otherwise)."""
    return _details(session, member_project(session, actor, project_id).project)


def project_by_slug(session: Session, actor: Actor, slug: str) -> ProjectDetails:
    """The project with ``slug`` among the actor's projects (404 otherwise)."""
    return _details(session, resolve_project(session, actor, None, slug.strip()).project)


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
    project_type: str,
    name: str,
    description: str | None,
    slug: str | None,
    create_default_envs: bool,
    has_delete_protection: bool,
) -> ProjectDetails:
    """Create a project in the caller's organization with the caller as admin."""
    if project_type != PROJECT_TYPE:
        raise bad_request(f"Only '{PROJECT_TYPE}' projects are supported by this server")
    with unit_of_work(session):
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
        return _details(session, project)


def update_project(
    session: Session, access: ProjectAccess, changes: dict[str, object]
) -> ProjectDetails:
    """Apply ``changes`` (ORM attribute -> value; ``None`` values are skipped; admins only)."""
    access.require(ADMIN_ROLES, "edit", "settings")
    project = access.project
    with unit_of_work(session):
        slug = changes.get("slug")
        if isinstance(slug, str) and _slug_taken(session, slug, exclude_id=project.id):
            raise bad_request(f"Project with slug '{slug}' already exists")
        for attr, value in changes.items():
            if value is not None:
                setattr(project, attr, value)
        project.updated_at = utcnow()
        return _details(session, project)


def delete_project(session: Session, access: ProjectAccess) -> ProjectDetails:
    """Delete a project and (by cascade) everything in it (admins only; 400 if
    delete-protected); returns it as it was."""
    access.require(ADMIN_ROLES, "delete", "project")
    project = access.project
    with unit_of_work(session):
        details = _details(session, project)
        if project.has_delete_protection:
            raise bad_request(
                f"Project '{project.slug}' has delete protection enabled; disable it first"
            )
        session.delete(project)
    return details
