"""``/api/v1/projects`` (and the deprecated ``/api/v1/workspace``, ``/api/v2/workspace``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..openapi import json_body, query_params
from ..params import OptBool, Params, parse
from ..services import projects as svc
from ..services.scope import member_project
from ..wire.projects import project_to_wire
from ._deps import Ctx, Db, Raw, Who

router = APIRouter(tags=["projects"])


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class ListProjects(Params):
    """Query of the project list."""

    type: str | None = None
    includeRoles: OptBool = None


class CreateProject(Params):
    """Body of a project create."""

    projectName: str = Field(min_length=1, max_length=255)
    projectDescription: str | None = Field(default=None, max_length=1024)
    slug: str | None = Field(default=None, min_length=5, max_length=36, pattern=SLUG_PATTERN)
    type: str = svc.PROJECT_TYPE
    template: str | None = None
    kmsKeyId: str | None = None
    shouldCreateDefaultEnvs: OptBool = True
    hasDeleteProtection: OptBool = False


class UpdateProject(Params):
    """Body of a project update; absent (or null) fields stay unchanged."""

    name: str | None = Field(default=None, min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=1024)
    slug: str | None = Field(default=None, min_length=5, max_length=36, pattern=SLUG_PATTERN)
    autoCapitalization: OptBool = None
    hasDeleteProtection: OptBool = None
    secretSharing: OptBool = None
    pitVersionLimit: int | None = Field(default=None, ge=1, le=100)


def _list(session: Db, actor: Who, raw: Raw) -> list[dict[str, Any]]:
    p = parse(ListProjects, raw)
    return [project_to_wire(d) for d in svc.list_member_projects(session, actor, p.type)]


def _create(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    p = parse(CreateProject, raw)
    created = svc.create_member_project(
        session,
        ctx.root_key,
        actor,
        project_type=p.type,
        name=p.projectName.strip(),
        description=p.projectDescription,
        slug=p.slug,
        create_default_envs=p.shouldCreateDefaultEnvs is not False,
        has_delete_protection=bool(p.hasDeleteProtection),
    )
    return project_to_wire(created)


@router.get("/api/v1/projects", openapi_extra=query_params(ListProjects))
def list_projects(session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """The caller's projects: ``{projects}``."""
    return {"projects": _list(session, actor, raw)}


@router.post("/api/v1/projects", openapi_extra=json_body(CreateProject))
def create_project(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a project (caller becomes admin): ``{project}``."""
    return {"project": _create(session, ctx, actor, raw)}


@router.get("/api/v1/projects/slug/{slug}")
def get_project_by_slug(slug: str, session: Db, actor: Who) -> dict[str, Any]:
    """The project with ``slug``, not wrapped."""
    return project_to_wire(svc.project_by_slug(session, actor, slug))


@router.get("/api/v1/projects/{project_id}")
def get_project(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One project: ``{project}``."""
    return {"project": project_to_wire(svc.get_project(session, actor, project_id))}


@router.patch("/api/v1/projects/{project_id}", openapi_extra=json_body(UpdateProject))
def update_project(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Change a project's settings (admins only): ``{project}``."""
    access = member_project(session, actor, project_id)
    p = parse(UpdateProject, raw)
    changes: dict[str, object] = {
        "name": p.name.strip() if p.name else None,
        "description": p.description,
        "slug": p.slug,
        "auto_capitalization": p.autoCapitalization,
        "has_delete_protection": p.hasDeleteProtection,
        "secret_sharing": p.secretSharing,
        "pit_version_limit": p.pitVersionLimit,
    }
    return {"project": project_to_wire(svc.update_project(session, access, changes))}


@router.delete("/api/v1/projects/{project_id}")
def delete_project(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete a project and everything in it (admins only): ``{project}``."""
    access = member_project(session, actor, project_id)
    return {"project": project_to_wire(svc.delete_project(session, access))}


@router.get("/api/v1/workspace", openapi_extra=query_params(ListProjects))
def list_workspaces(session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Deprecated form of the project list: ``{workspaces}``."""
    return {"workspaces": _list(session, actor, raw)}


@router.get("/api/v1/workspace/{project_id}")
def get_workspace(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Deprecated form of the project get: ``{workspace}``."""
    return {"workspace": project_to_wire(svc.get_project(session, actor, project_id))}


@router.post("/api/v2/workspace", openapi_extra=json_body(CreateProject))
def create_workspace(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Deprecated form of the project create: ``{project}``."""
    return {"project": _create(session, ctx, actor, raw)}
