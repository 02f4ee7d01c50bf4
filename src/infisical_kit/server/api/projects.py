"""``/api/v1/projects`` (and the deprecated ``/api/v1/workspace``, ``/api/v2/workspace``)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import bad_request
from ..openapi import json_body, query_params
from ..params import OptBool, Params, parse
from ..schema import Project
from ..services import projects as svc
from ..services.scope import resolve_project
from ..state import ServerContext
from ._deps import Ctx, Db, Raw, Who
from .wire import iso

router = APIRouter(tags=["projects"])


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PROJECT_TYPE = "secret-manager"


class ListProjects(Params):
    """Query of the project list."""

    type: str | None = None
    includeRoles: OptBool = None


class CreateProject(Params):
    """Body of a project create."""

    projectName: str = Field(min_length=1, max_length=255)
    projectDescription: str | None = Field(default=None, max_length=1024)
    slug: str | None = Field(default=None, min_length=5, max_length=36, pattern=SLUG_PATTERN)
    type: str = PROJECT_TYPE
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


def project_to_wire(session: Session, project: Project) -> dict[str, Any]:
    """The project object (``SanitizedProjectSchema`` plus ``_id`` and ``environments``)."""
    envs = svc.project_environments(session, project.id)
    return {
        "id": project.id,
        "_id": project.id,
        "name": project.name,
        "description": project.description,
        "type": project.type,
        "defaultProduct": project.type,
        "slug": project.slug,
        "autoCapitalization": project.auto_capitalization,
        "orgId": project.org_id,
        "createdAt": iso(project.created_at),
        "updatedAt": iso(project.updated_at),
        "version": 3,
        "upgradeStatus": None,
        "pitVersionLimit": project.pit_version_limit,
        "kmsCertificateKeyId": None,
        "auditLogsRetentionDays": None,
        "hasDeleteProtection": project.has_delete_protection,
        "secretSharing": project.secret_sharing,
        "showSnapshotsLegacy": False,
        "secretDetectionIgnoreValues": [],
        "environments": [{"name": e.name, "slug": e.slug, "id": e.id} for e in envs],
    }


def _list(session: Session, actor: Actor, raw: dict[str, Any]) -> list[dict[str, Any]]:
    p = parse(ListProjects, raw)
    projects = svc.list_member_projects(session, actor)
    if p.type and p.type != "all":
        projects = [pr for pr in projects if pr.type == p.type]
    return [project_to_wire(session, pr) for pr in projects]


def _create(session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any]) -> Project:
    p = parse(CreateProject, raw)
    if p.type != PROJECT_TYPE:
        raise bad_request(f"Only '{PROJECT_TYPE}' projects are supported by this server")
    return svc.create_member_project(
        session,
        ctx.root_key,
        actor,
        name=p.projectName.strip(),
        description=p.projectDescription,
        slug=p.slug,
        create_default_envs=p.shouldCreateDefaultEnvs is not False,
        has_delete_protection=bool(p.hasDeleteProtection),
    )


@router.get("/api/v1/projects", openapi_extra=query_params(ListProjects))
def list_projects(session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """The caller's projects: ``{projects}``."""
    return {"projects": _list(session, actor, raw)}


@router.post("/api/v1/projects", openapi_extra=json_body(CreateProject))
def create_project(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a project (caller becomes admin): ``{project}``."""
    return {"project": project_to_wire(session, _create(session, ctx, actor, raw))}


@router.get("/api/v1/projects/slug/{slug}")
def get_project_by_slug(slug: str, session: Db, actor: Who) -> dict[str, Any]:
    """The project with ``slug``, not wrapped."""
    project, _role = resolve_project(session, actor, None, slug.strip())
    return project_to_wire(session, project)


@router.get("/api/v1/projects/{project_id}")
def get_project(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One project: ``{project}``."""
    project, _role = svc.member_project(session, actor, project_id)
    return {"project": project_to_wire(session, project)}


@router.patch("/api/v1/projects/{project_id}", openapi_extra=json_body(UpdateProject))
def update_project(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Change a project's settings (admins only): ``{project}``."""
    project, role = svc.member_project(session, actor, project_id)
    p = parse(UpdateProject, raw)
    svc.require_role(role, svc.ADMIN_ROLES, "edit", "settings")
    changes: dict[str, object] = {
        "name": p.name.strip() if p.name else None,
        "description": p.description,
        "slug": p.slug,
        "auto_capitalization": p.autoCapitalization,
        "has_delete_protection": p.hasDeleteProtection,
        "secret_sharing": p.secretSharing,
        "pit_version_limit": p.pitVersionLimit,
    }
    return {"project": project_to_wire(session, svc.update_project(session, project, changes))}


@router.delete("/api/v1/projects/{project_id}")
def delete_project(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete a project and everything in it (admins only): ``{project}``."""
    project, role = svc.member_project(session, actor, project_id)
    svc.require_role(role, svc.ADMIN_ROLES, "delete", "project")
    wire = project_to_wire(session, project)
    svc.delete_project(session, project)
    return {"project": wire}


@router.get("/api/v1/workspace", openapi_extra=query_params(ListProjects))
def list_workspaces(session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Deprecated form of the project list: ``{workspaces}``."""
    return {"workspaces": _list(session, actor, raw)}


@router.get("/api/v1/workspace/{project_id}")
def get_workspace(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Deprecated form of the project get: ``{workspace}``."""
    project, _role = svc.member_project(session, actor, project_id)
    return {"workspace": project_to_wire(session, project)}


@router.post("/api/v2/workspace", openapi_extra=json_body(CreateProject))
def create_workspace(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Deprecated form of the project create: ``{project}``."""
    return {"project": project_to_wire(session, _create(session, ctx, actor, raw))}
