"""Resolve project, environment and folder for an actor, enforcing project membership.

A project the actor is not a member of is reported exactly like a missing one (404), so
other projects' existence never leaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..crypto import unwrap_data_key
from ..errors import ApiError, bad_request, not_found
from ..schema import Environment, Folder, Project, ProjectMembership

WRITE_ROLES = frozenset({"admin", "member"})


@dataclass
class Scope:
    """A resolved project/environment/folder with the actor's role and the data key."""

    project: Project
    env: Environment
    folder: Folder
    role: str
    data_key: bytes = field(repr=False)

    @property
    def path(self) -> str:
        """The folder path, e.g. ``/`` or ``/apps/api``."""
        return self.folder.path


def membership_role(session: Session, actor: Actor, project_id: str) -> str | None:
    """The actor's role in a project, or ``None`` when not a member."""
    stmt = select(ProjectMembership.role).where(ProjectMembership.project_id == project_id)
    if actor.kind == "identity":
        stmt = stmt.where(ProjectMembership.identity_id == actor.id)
    else:
        stmt = stmt.where(ProjectMembership.user_id == actor.id)
    return session.scalars(stmt).first()


def resolve_project(
    session: Session, actor: Actor, project_id: str | None, project_slug: str | None
) -> tuple[Project, str]:
    """Find the project by id (or slug) among the actor's projects; returns (project, role)."""
    if project_id:
        project = session.get(Project, project_id)
        missing = f"Project with ID '{project_id}' not found"
    elif project_slug:
        project = session.scalars(select(Project).where(Project.slug == project_slug)).first()
        missing = f"Project with slug '{project_slug}' not found"
    else:
        raise bad_request("You must provide projectId or workspaceId (or a project slug)")
    role = membership_role(session, actor, project.id) if project is not None else None
    if project is None or role is None:
        raise not_found(missing)
    return project, role


def resolve_environment(session: Session, project: Project, env_slug: str | None) -> Environment:
    """The environment with ``env_slug`` in ``project`` (400 if absent, 404 if unknown)."""
    if not env_slug or not env_slug.strip():
        raise bad_request("Missing project id or environment")
    slug = env_slug.strip()
    env = session.scalars(
        select(Environment).where(Environment.project_id == project.id, Environment.slug == slug)
    ).first()
    if env is None:
        raise not_found(
            f"Environment with slug '{slug}' in project with ID '{project.id}' not found"
        )
    return env


def resolve_folder(session: Session, env: Environment, path: str) -> Folder:
    """The folder at the normalised ``path`` in ``env`` (404 if absent)."""
    folder = session.scalars(
        select(Folder).where(Folder.env_id == env.id, Folder.path == path)
    ).first()
    if folder is None:
        raise not_found(
            f"Folder with path '{path}' in environment with slug '{env.slug}' not found"
        )
    return folder


def resolve_scope(
    session: Session,
    actor: Actor,
    root_key: bytes,
    *,
    project_id: str | None,
    project_slug: str | None,
    environment: str | None,
    path: str,
) -> Scope:
    """Resolve everything a secrets call needs, in the order the errors should surface."""
    project, role = resolve_project(session, actor, project_id, project_slug)
    env = resolve_environment(session, project, environment)
    folder = resolve_folder(session, env, path)
    data_key = unwrap_data_key(root_key, project.wrapped_data_key, project.id)
    return Scope(project=project, env=env, folder=folder, role=role, data_key=data_key)


def require_write(scope: Scope, action: str) -> None:
    """403 PermissionDenied unless the actor's role may modify secrets."""
    if scope.role not in WRITE_ROLES:
        raise ApiError(403, f"You are not allowed to {action} on secrets", "PermissionDenied")
