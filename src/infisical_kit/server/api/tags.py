"""``/api/v1/projects/:projectId/tags`` (and the ``/api/v1/workspace/:id/tags`` form)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..openapi import json_body
from ..params import Params, parse
from ..services import tags as svc
from ..services.scope import member_project
from ..wire.projects import tag_to_wire
from ._deps import Db, Raw, Who

router = APIRouter(tags=["tags"])


TAG_SLUG = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
BASES = ("/api/v1/projects", "/api/v1/workspace")


class CreateTag(Params):
    """Body of a tag create."""

    slug: str = Field(min_length=1, max_length=64, pattern=TAG_SLUG)
    color: str = Field(max_length=32)


class UpdateTag(Params):
    """Body of a tag update; absent fields stay unchanged."""

    slug: str | None = Field(default=None, min_length=1, max_length=64, pattern=TAG_SLUG)
    color: str | None = Field(default=None, max_length=32)


def list_tags(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The project's tags: ``{tags}``."""
    project = member_project(session, actor, project_id).project
    return {"tags": [tag_to_wire(t) for t in svc.list_tags(session, project)]}


def get_tag(project_id: str, tag_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One tag by id: ``{tag}``."""
    project = member_project(session, actor, project_id).project
    return {"tag": tag_to_wire(svc.get_tag(session, project, tag_id))}


def get_tag_by_slug(project_id: str, tag_slug: str, session: Db, actor: Who) -> dict[str, Any]:
    """One tag by slug: ``{tag}``."""
    project = member_project(session, actor, project_id).project
    return {"tag": tag_to_wire(svc.get_tag_by_slug(session, project, tag_slug))}


def create_tag(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a tag: ``{tag}``."""
    access = member_project(session, actor, project_id)
    p = parse(CreateTag, raw)
    return {"tag": tag_to_wire(svc.create_tag(session, access, actor, slug=p.slug, color=p.color))}


def update_tag(project_id: str, tag_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Change a tag's slug and/or color: ``{tag}``."""
    access = member_project(session, actor, project_id)
    tag = svc.get_tag(session, access.project, tag_id)
    p = parse(UpdateTag, raw)
    return {"tag": tag_to_wire(svc.update_tag(session, access, tag, slug=p.slug, color=p.color))}


def delete_tag(project_id: str, tag_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete a tag: ``{tag}``."""
    access = member_project(session, actor, project_id)
    tag = svc.get_tag(session, access.project, tag_id)
    return {"tag": tag_to_wire(svc.delete_tag(session, access, tag))}


for _base in BASES:
    _coll = f"{_base}/{{project_id}}/tags"
    router.add_api_route(_coll, list_tags, methods=["GET"])
    router.add_api_route(_coll, create_tag, methods=["POST"], openapi_extra=json_body(CreateTag))
    router.add_api_route(f"{_coll}/slug/{{tag_slug}}", get_tag_by_slug, methods=["GET"])
    router.add_api_route(f"{_coll}/{{tag_id}}", get_tag, methods=["GET"])
    router.add_api_route(
        f"{_coll}/{{tag_id}}", update_tag, methods=["PATCH"], openapi_extra=json_body(UpdateTag)
    )
    router.add_api_route(f"{_coll}/{{tag_id}}", delete_tag, methods=["DELETE"])
