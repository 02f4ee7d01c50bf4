"""Resolve project, environment and folder for an actor, enforcing project membership.

A project the actor is not a member of is reported exactly like a missing one (404), so
other projects' existence never leaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import WRITE_ROLES, denied, membership_role, require_role
from ..auth.service_tokens import PathGrant, actor_grant
from ..crypto import unwrap_data_key
from ..errors import bad_request, not_found
from ..schema import Environment, Folder, Project
from .lookups import first_or_404


@dataclass(frozen=True)
class ScopeRef:
    """Where a call points, as the request gave it: project (id or slug), environment, path."""

    project_id: str | None
    project_slug: str | None
    environment: str | None
    path: str = "/"

    @property
    def complete(self) -> bool:
        """Both a project and an environment are named (else resolving is a 400)."""
        return bool(self.project_id or self.project_slug) and bool((self.environment or "").strip())


@dataclass(frozen=True)
class ProjectAccess:
    """A project and the actor's role in it."""

    project: Project
    role: str

    def require(self, allowed: frozenset[str], action: str, subject: str) -> None:
        """403 PermissionDenied unless the role is one of ``allowed``."""
        require_role(self.role, allowed, action, subject)


@dataclass
class Scope:
    """A resolved project/environment/folder with the actor's role and the data key.

    ``grant`` is set for a service token: the environments and paths it may reach (its
    folders, imports and references elsewhere are filtered by `allows`).
    """

    project: Project
    env: Environment
    folder: Folder
    role: str
    data_key: bytes = field(repr=False)
    grant: PathGrant | None = None

    @property
    def path(self) -> str:
        """The folder path, e.g. ``/`` or ``/apps/api``."""
        return self.folder.path

    def require_write(self, action: str) -> None:
        """403 PermissionDenied unless the actor's role may modify this folder's contents."""
        require_role(self.role, WRITE_ROLES, action, "secrets")

    def require_read(self) -> None:
        """403 PermissionDenied for a service token without the read permission."""
        if self.grant is not None and not self.grant.can_read:
            raise denied("read", "secrets")

    def allows(self, environment: str, path: str) -> bool:
        """Whether the caller may reach ``path`` of ``environment`` (always, but for a
        service token outside its scopes)."""
        return self.grant is None or self.grant.allows(environment, path)

    def at(self, env: Environment, folder: Folder) -> Scope:
        """The same project and role, another environment and folder (an import's source)."""
        return Scope(self.project, env, folder, self.role, self.data_key, self.grant)


def resolve_project(
    session: Session, actor: Actor, project_id: str | None, project_slug: str | None
) -> ProjectAccess:
    """Find the project by id (or slug) among the actor's projects."""
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
    return ProjectAccess(project, role)


def member_project(session: Session, actor: Actor, project_id: str) -> ProjectAccess:
    """The project ``project_id`` and the actor's role; 404 when missing or not a member."""
    return resolve_project(session, actor, project_id.strip(), None)


def resolve_environment(session: Session, project: Project, env_slug: str | None) -> Environment:
    """The environment with ``env_slug`` in ``project`` (400 if absent, 404 if unknown)."""
    if not env_slug or not env_slug.strip():
        raise bad_request("Missing project id or environment")
    slug = env_slug.strip()
    stmt = select(Environment).where(Environment.project_id == project.id, Environment.slug == slug)
    missing = f"Environment with slug '{slug}' in project with ID '{project.id}' not found"
    return first_or_404(session, stmt, missing)


def resolve_folder(session: Session, env: Environment, path: str) -> Folder:
    """The folder at the normalised ``path`` in ``env`` (404 if absent)."""
    stmt = select(Folder).where(Folder.env_id == env.id, Folder.path == path)
    missing = f"Folder with path '{path}' in environment with slug '{env.slug}' not found"
    return first_or_404(session, stmt, missing)


def resolve_scope(session: Session, actor: Actor, root_key: bytes, ref: ScopeRef) -> Scope:
    """Resolve everything a secrets call needs, in the order the errors should surface."""
    access = resolve_project(session, actor, ref.project_id, ref.project_slug)
    env = resolve_environment(session, access.project, ref.environment)
    grant = actor_grant(session, actor)
    if grant is not None:
        grant.require(env.slug, ref.path)
    folder = resolve_folder(session, env, ref.path)
    project = access.project
    data_key = unwrap_data_key(root_key, project.wrapped_data_key, project.id)
    return Scope(
        project=project, env=env, folder=folder, role=access.role, data_key=data_key, grant=grant
    )


class ScopeCache:
    """Resolves (once each) the scopes of the folder paths one secrets batch touches."""

    def __init__(self, session: Session, actor: Actor, root_key: bytes, ref: ScopeRef) -> None:
        self._args = (session, actor, root_key)
        self._ref = ref
        self._cache: dict[str, Scope] = {}

    def get(self, path: str | None = None) -> Scope:
        """The scope of ``path`` (default: the request's) in the request's environment."""
        ref = self._ref if path is None else replace(self._ref, path=path)
        if ref.path not in self._cache:
            self._cache[ref.path] = resolve_scope(*self._args, ref)
        return self._cache[ref.path]
