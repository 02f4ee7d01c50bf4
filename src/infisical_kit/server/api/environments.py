"""``/api/v1/projects/:projectId/environments`` (and the ``/api/v1/workspace/:id`` form)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..openapi import json_body
from ..params import MAX_INT, Params, parse
from ..services import environments as svc
from ..services.projects import project_environments
from ..services.scope import member_project
from ..wire.projects import env_to_wire
from ._deps import Db, Raw, Who

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


def _result(message: str, env: dict[str, Any]) -> dict[str, Any]:
    return {"message": message, "projectId": env["projectId"], "environment": env}


def list_environments(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The project's environments in position order: ``{environments}``."""
    project = member_project(session, actor, project_id).project
    return {"environments": [env_to_wire(e) for e in project_environments(session, project.id)]}


def create_environment(project_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Add an environment (admins only): ``{message, projectId, environment}``."""
    access = member_project(session, actor, project_id)
    p = parse(CreateEnvironment, raw)
    env = svc.create_environment(
        session, access, name=p.name.strip(), slug=p.slug, position=p.position
    )
    return _result("Successfully created new environment", env_to_wire(env))


def get_environment(project_id: str, env_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One environment: ``{environment}``."""
    project = member_project(session, actor, project_id).project
    return {"environment": env_to_wire(svc.get_environment(session, project, env_id))}


def update_environment(
    project_id: str, env_id: str, session: Db, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Rename, re-slug or move an environment (admins only)."""
    access = member_project(session, actor, project_id)
    env = svc.get_environment(session, access.project, env_id)
    p = parse(UpdateEnvironment, raw)
    env = svc.update_environment(
        session,
        access,
        env,
        name=p.name.strip() if p.name else None,
        slug=p.slug,
        position=p.position,
    )
    return _result("Successfully updated environment", env_to_wire(env))


def delete_environment(project_id: str, env_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete an environment and its folders and secrets (admins only)."""
    access = member_project(session, actor, project_id)
    env = svc.get_environment(session, access.project, env_id)
    env = svc.delete_environment(session, access, env)
    return _result("Successfully deleted environment", env_to_wire(env))


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
