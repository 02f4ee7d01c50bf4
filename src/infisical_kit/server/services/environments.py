"""Environments of a project: create (with a root folder), get, update, delete.

Positions stay unique and contiguous (1..n), as in Infisical: creating at a position or moving
an environment shifts the others, and deleting one closes the gap.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..auth.permissions import ADMIN_ROLES
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Environment, Folder, Project, utcnow
from .scope import ProjectAccess


def get_environment(session: Session, project: Project, env_id: str) -> Environment:
    """The environment ``env_id`` of ``project`` (404 otherwise)."""
    env = session.get(Environment, env_id)
    if env is None or env.project_id != project.id:
        raise not_found(f"Environment with ID '{env_id}' not found")
    return env


def _ordered(session: Session, project: Project) -> list[Environment]:
    """The project's environments in position order (ties: oldest first)."""
    stmt = (
        select(Environment)
        .where(Environment.project_id == project.id)
        .order_by(Environment.position, Environment.created_at, Environment.id)
    )
    return list(session.scalars(stmt).all())


def _renumber(envs: list[Environment]) -> None:
    for index, env in enumerate(envs, start=1):
        if env.position != index:
            env.position = index


def _place(others: list[Environment], env: Environment, position: int | None) -> None:
    """Put ``env`` at ``position`` (clamped to 1..n; ``None`` = last) among ``others``."""
    index = len(others) if position is None else min(max(position, 1), len(others) + 1) - 1
    _renumber([*others[:index], env, *others[index:]])


def _slug_taken(session: Session, project: Project, slug: str, exclude_id: str = "") -> bool:
    stmt = select(Environment.id).where(
        Environment.project_id == project.id, Environment.slug == slug, Environment.id != exclude_id
    )
    return session.scalars(stmt).first() is not None


def create_environment(
    session: Session, access: ProjectAccess, *, name: str, slug: str, position: int | None
) -> Environment:
    """Add an environment (admins; 400 on a duplicate slug) and its root folder."""
    access.require(ADMIN_ROLES, "create", "environments")
    project = access.project
    with unit_of_work(session):
        if _slug_taken(session, project, slug):
            raise bad_request(f"Environment with slug '{slug}' already exists")
        now = utcnow()
        env = Environment(
            project_id=project.id,
            name=name,
            slug=slug,
            position=0,
            created_at=now,
            updated_at=now,
        )
        others = _ordered(session, project)
        session.add(env)
        session.flush()
        _place(others, env, position)
        session.add(Folder(env_id=env.id, parent_id=None, name="root", path="/"))
    return env


def update_environment(
    session: Session,
    access: ProjectAccess,
    env: Environment,
    *,
    name: str | None,
    slug: str | None,
    position: int | None,
) -> Environment:
    """Rename, re-slug or move an environment (admins; 400 on a duplicate slug)."""
    access.require(ADMIN_ROLES, "edit", "environments")
    project = access.project
    with unit_of_work(session):
        if slug is not None and _slug_taken(session, project, slug, exclude_id=env.id):
            raise bad_request(f"Environment with slug '{slug}' already exists")
        if name is not None:
            env.name = name
        if slug is not None:
            env.slug = slug
        if position is not None:
            _place([e for e in _ordered(session, project) if e.id != env.id], env, position)
        env.updated_at = utcnow()
    return env


def delete_environment(session: Session, access: ProjectAccess, env: Environment) -> Environment:
    """Delete an environment and (by cascade) its folders and secrets (admins); close the
    gap. Returns it as it was."""
    access.require(ADMIN_ROLES, "delete", "environments")
    with unit_of_work(session):
        session.delete(env)
        session.flush()
        _renumber(_ordered(session, access.project))
    return env
