"""``/api/v1/projects/:projectId/environments`` (and the ``/api/v1/workspace/:id`` form)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..openapi import json_body
from ..params import MAX_INT, Params, parse
from ..schema import Environment
from ..services import environments as svc
from ..services.projects import ADMIN_ROLES, member_project, project_environments, require_role
from ._deps import Db, Raw, Who
from .wire import iso

router = APIRouter(tags=["environments"])


ENV_SLUG = r"^[a-z0-9-]+$"
BASES = ("/api/v1/projects", "/api/v1/workspace")


class CreateEnvironment(Params):
    """Body of an environment create."""

    name: str = Field(min_length=1, max_length=255)
    slug: str = Field(min_length=1, max_length=64, pattern=ENV_SLUG)
    position: int | None = Field(default=None, ge=1, le=MAX_INT)


class UpdateEnvironment(Params):
    """Body of an environment update; absent fields stay unchanged."""

    name: str | None = Field(default=None, min_length=1, max_length=255)
    slug: str | None = Field(default=None, min_length=1, max_length=64, pattern=ENV_SLUG)
    position: int | None = Field(default=None, ge=1, le=MAX_INT)


def env_to_wire(env: Environment) -> dict[str, Any]:
    """The environment object."""
    return {
        "id": env.id,
        "name": env.name,
        "slug": env.slug,
        "position": env.position,
        "projectId": env.project_id,
        "createdAt": iso(env.created_at),
        "updatedAt": iso(env.updated_at),
    }


def _result(message: str, env: dict[str, Any]) -> dict[str, Any]:
    return {"message": message, "projectId": env["projectId"], "environment": env}


def list_environments(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The project's environments in position order: ``{environments}``."""
    project, _role = member_project(session, actor, project_id)
    return {"environments": [env_to_wire(e) for e in project_environments(session, project.id)]}


def create_environment(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Add an environment (admins only): ``{message, projectId, environment}``."""
    project, role = member_project(session, actor, project_id)
    p = parse(CreateEnvironment, raw)
    require_role(role, ADMIN_ROLES, "create", "environments")
    env = svc.create_environment(
        session, project, name=p.name.strip(), slug=p.slug, position=p.position
    )
    return _result("Successfully created new environment", env_to_wire(env))


def get_environment(project_id: str, env_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One environment: ``{environment}``."""
    project, _role = member_project(session, actor, project_id)
    return {"environment": env_to_wire(svc.get_environment(session, project, env_id))}


def update_environment(
    project_id: str, env_id: str, session: Db, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Rename, re-slug or move an environment (admins only)."""
    project, role = member_project(session, actor, project_id)
    env = svc.get_environment(session, project, env_id)
    p = parse(UpdateEnvironment, raw)
    require_role(role, ADMIN_ROLES, "edit", "environments")
    env = svc.update_environment(
        session,
        project,
        env,
        name=p.name.strip() if p.name else None,
        slug=p.slug,
        position=p.position,
    )
    return _result("Successfully updated environment", env_to_wire(env))


def delete_environment(project_id: str, env_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete an environment and its folders and secrets (admins only)."""
    project, role = member_project(session, actor, project_id)
    env = svc.get_environment(session, project, env_id)
    require_role(role, ADMIN_ROLES, "delete", "environments")
    wire = env_to_wire(env)
    svc.delete_environment(session, env)
    return _result("Successfully deleted environment", wire)


for _base in BASES:
    _coll = f"{_base}/{{project_id}}/environments"
    _item = f"{_coll}/{{env_id}}"
    router.add_api_route(_coll, list_environments, methods=["GET"])
    router.add_api_route(
        _coll, create_environment, methods=["POST"], openapi_extra=json_body(CreateEnvironment)
    )
    router.add_api_route(_item, get_environment, methods=["GET"])
    router.add_api_route(
        _item, update_environment, methods=["PATCH"], openapi_extra=json_body(UpdateEnvironment)
    )
    router.add_api_route(_item, delete_environment, methods=["DELETE"])
