"""Environments of a project: create (with a root folder), get, update, delete."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import bad_request, not_found
from ..schema import Environment, Folder, Project, utcnow


def get_environment(session: Session, project: Project, env_id: str) -> Environment:
    """The environment ``env_id`` of ``project`` (404 otherwise)."""
    env = session.get(Environment, env_id)
    if env is None or env.project_id != project.id:
        raise not_found(f"Environment with ID '{env_id}' not found")
    return env


def _slug_taken(session: Session, project: Project, slug: str, exclude_id: str = "") -> bool:
    stmt = select(Environment.id).where(
        Environment.project_id == project.id, Environment.slug == slug, Environment.id != exclude_id
    )
    return session.scalars(stmt).first() is not None


def create_environment(
    session: Session, project: Project, *, name: str, slug: str, position: int | None
) -> Environment:
    """Add an environment (400 on a duplicate slug) and its root folder."""
    if _slug_taken(session, project, slug):
        raise bad_request(f"Environment with slug '{slug}' already exists")
    if position is None:
        last = session.scalar(
            select(func.max(Environment.position)).where(Environment.project_id == project.id)
        )
        position = (last or 0) + 1
    now = utcnow()
    env = Environment(
        project_id=project.id,
        name=name,
        slug=slug,
        position=position,
        created_at=now,
        updated_at=now,
    )
    session.add(env)
    session.flush()
    session.add(Folder(env_id=env.id, parent_id=None, name="root", path="/"))
    session.commit()
    return env


def update_environment(
    session: Session,
    project: Project,
    env: Environment,
    *,
    name: str | None,
    slug: str | None,
    position: int | None,
) -> Environment:
    """Rename, re-slug or move an environment (400 on a duplicate slug)."""
    if slug is not None and _slug_taken(session, project, slug, exclude_id=env.id):
        raise bad_request(f"Environment with slug '{slug}' already exists")
    if name is not None:
        env.name = name
    if slug is not None:
        env.slug = slug
    if position is not None:
        env.position = position
    env.updated_at = utcnow()
    session.commit()
    return env


def delete_environment(session: Session, env: Environment) -> None:
    """Delete an environment and (by cascade) its folders and secrets."""
    session.delete(env)
    session.commit()
