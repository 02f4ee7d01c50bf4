"""Project tags: list, get (by id or slug), create, update, delete."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import WRITE_ROLES
from ..db import unit_of_work
from ..errors import bad_request, not_found
from ..schema import Project, Tag, utcnow
from .lookups import first_or_404
from .scope import ProjectAccess


def list_tags(session: Session, project: Project) -> list[Tag]:
    """Every tag of ``project``, by slug."""
    return list(session.scalars(select(Tag).where(Tag.project_id == project.id).order_by(Tag.slug)))


def get_tag(session: Session, project: Project, tag_id: str) -> Tag:
    """The tag ``tag_id`` of ``project`` (404 otherwise)."""
    tag = session.get(Tag, tag_id)
    if tag is None or tag.project_id != project.id:
        raise not_found(f"Tag with ID '{tag_id}' not found")
    return tag


def get_tag_by_slug(session: Session, project: Project, slug: str) -> Tag:
    """The tag with ``slug`` in ``project`` (404 otherwise)."""
    stmt = select(Tag).where(Tag.project_id == project.id, Tag.slug == slug)
    return first_or_404(session, stmt, f"Tag with slug '{slug}' not found")


def _slug_taken(session: Session, project: Project, slug: str, exclude_id: str = "") -> bool:
    stmt = select(Tag.id).where(
        Tag.project_id == project.id, Tag.slug == slug, Tag.id != exclude_id
    )
    return session.scalars(stmt).first() is not None


def create_tag(
    session: Session, access: ProjectAccess, actor: Actor, *, slug: str, color: str | None
) -> Tag:
    """Create a tag (its name is its slug); 400 when the slug is taken."""
    access.require(WRITE_ROLES, "create", "tags")
    with unit_of_work(session):
        if _slug_taken(session, access.project, slug):
            raise bad_request(f"Tag with slug '{slug}' already exists")
        now = utcnow()
        tag = Tag(
            project_id=access.project.id,
            slug=slug,
            name=slug,
            color=color,
            created_by=actor.id,
            created_by_actor_type=actor.kind,
            created_at=now,
            updated_at=now,
        )
        session.add(tag)
    return tag


def update_tag(
    session: Session, access: ProjectAccess, tag: Tag, *, slug: str | None, color: str | None
) -> Tag:
    """Change a tag's slug (and name) and/or color; 400 when the new slug is taken."""
    access.require(WRITE_ROLES, "edit", "tags")
    with unit_of_work(session):
        if slug is not None:
            if _slug_taken(session, access.project, slug, exclude_id=tag.id):
                raise bad_request(f"Tag with slug '{slug}' already exists")
            tag.slug = slug
            tag.name = slug
        if color is not None:
            tag.color = color
        tag.updated_at = utcnow()
    return tag


def delete_tag(session: Session, access: ProjectAccess, tag: Tag) -> Tag:
    """Delete a tag (its links to secrets go with it); returns it as it was."""
    access.require(WRITE_ROLES, "delete", "tags")
    with unit_of_work(session):
        session.delete(tag)
    return tag
