"""Projects (``/api/v1/projects``): request builders, argument checks and parsers.

Older servers (Infisical 2024-10) call projects workspaces: ``GET/PATCH/DELETE
/api/v1/workspace/{id}`` (answering ``{workspace}``), ``GET /api/v1/workspace`` (list, users
only: a machine identity gets 403), ``POST /api/v2/workspace`` and ``GET
/api/v2/workspace/{slug}``; a project's environments and tags live under
``/api/v1/workspace/{id}`` too. `legacy_project` maps a request there (refusing the fields
those routes do not store); `parse_project` and `parse_projects` read either answer, and map
the older server's quirks: reading a deleted project is HTTP 500 "Failed to find project",
which is a `NotFoundError` here, and its 403 on the list says what to do instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import (
    HTTPResponse,
    error_from_response,
    parse_list,
    parse_object,
)
from infisical_kit._core.unsupported import refuse
from infisical_kit._core.validation import require
from infisical_kit._core.wire import given, segment
from infisical_kit.errors import APIError, NotFoundError, PermissionDeniedError
from infisical_kit.models import Project

__all__ = [
    "PROJECTS",
    "WORKSPACE_V1",
    "WORKSPACE_V2",
    "check_new_project",
    "create_project",
    "delete_project",
    "get_project",
    "get_project_by_slug",
    "legacy_project",
    "list_projects",
    "parse_project",
    "parse_projects",
    "project_path",
    "update_project",
]

PROJECTS = "/api/v1/projects"
WORKSPACE_V1 = "/api/v1/workspace"
WORKSPACE_V2 = "/api/v2/workspace"
#: what a project is on a server without project types
_SECRET_MANAGER = "secret-manager"


def project_path(project_id: str) -> str:
    """``/api/v1/projects/{id}`` (the id quoted): the root of a project's sub-resources."""
    return f"{PROJECTS}/{segment(project_id)}"


def check_new_project(name: str, slug: str | None, problems: list[str]) -> None:
    """A project needs a name; a slug, when given, is 5 to 36 characters long."""
    require(name, "name", problems)
    if slug is not None and not 5 <= len(slug) <= 36:
        problems.append("slug must be 5 to 36 characters long")


def list_projects(type: str | None = None) -> ApiRequest:
    """``GET /api/v1/projects`` (optionally of one project `type`)."""
    params = (("includeRoles", "false"),) + ((("type", type),) if type else ())
    return ApiRequest("GET", PROJECTS, params)


def get_project(project_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}`` -> ``{project}``."""
    return ApiRequest("GET", project_path(project_id))


def get_project_by_slug(slug: str) -> ApiRequest:
    """``GET /api/v1/projects/slug/{slug}`` -> the project itself (not wrapped)."""
    return ApiRequest("GET", f"{PROJECTS}/slug/{segment(slug)}")


def create_project(fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/projects`` with the wire fields given (``projectName`` …)."""
    return ApiRequest("POST", PROJECTS, json=given(fields))


def update_project(project_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}``: only the fields given are sent."""
    return ApiRequest("PATCH", project_path(project_id), json=given(fields))


def delete_project(project_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}``."""
    return ApiRequest("DELETE", project_path(project_id))


# -- older servers --------------------------------------------------------------------------

#: body fields of create / update the older routes do not store: wire name -> argument
_NOT_ON_CREATE = {
    "projectDescription": "description",
    "hasDeleteProtection": "has_delete_protection",
}
_NOT_ON_UPDATE = {
    "slug": "slug",
    "description": "description",
    "hasDeleteProtection": "has_delete_protection",
}


def _refuse_fields(request: ApiRequest, fields: Mapping[str, str]) -> None:
    for wire, argument in fields.items():
        if (request.json or {}).get(wire) is not None:
            raise refuse(argument, request, "does not store it")


def _check_type(request: ApiRequest, value: object) -> None:
    if value not in (None, _SECRET_MANAGER):
        raise refuse("type", request, f"has only {_SECRET_MANAGER} projects")


def legacy_project(request: ApiRequest) -> ApiRequest:
    """The older form of a ``/api/v1/projects…`` request (see the module docstring); refuses
    what those routes would drop."""
    path = request.path
    if path == PROJECTS and request.method == "GET":
        params = dict(request.params)
        older = replace(
            request,
            path=WORKSPACE_V1,
            params=tuple((key, value) for key, value in request.params if key != "type"),
        )
        _check_type(older, params.get("type"))
        return older
    if path == PROJECTS and request.method == "POST":
        body = dict(request.json or {})
        older = replace(request, path=WORKSPACE_V2)
        _refuse_fields(older, _NOT_ON_CREATE)
        _check_type(older, body.pop("type", None))
        if body.pop("shouldCreateDefaultEnvs", None) is False:
            raise refuse("create_default_environments", older, "always creates them")
        return replace(older, json=body)
    if path.startswith(PROJECTS + "/slug/"):
        return replace(request, path=WORKSPACE_V2 + "/" + path[len(PROJECTS + "/slug/") :])
    older = replace(request, path=WORKSPACE_V1 + path[len(PROJECTS) :])
    if request.method == "PATCH" and older.path.count("/") == 4:  # /api/v1/workspace/{id}
        _refuse_fields(older, _NOT_ON_UPDATE)
    return older


def _legacy_error(request: ApiRequest, response: HTTPResponse) -> Exception:
    """The error of an older server's answer, its quirks mapped (see the module docstring)."""
    error = error_from_response(request, response)
    if not isinstance(error, APIError):
        return error
    where = {"method": request.method, "path": request.path}
    text = f"{error.error or ''} {error.message}"
    if error.status_code == 500 and "Failed to find project" in text:
        message = f"project not found (the server answered HTTP 500 {error.error!r})"
        return NotFoundError(error.status_code, message, "NotFound", error.request_id, **where)
    if error.status_code == 403 and request.path == WORKSPACE_V1:
        message = (
            "this server lets only users list projects (GET /api/v1/workspace of the older "
            "Infisical API): log in as a user, or get the project by id or slug"
        )
        return PermissionDeniedError(error.status_code, message, error.error, **where)
    return error


def _checked(request: ApiRequest, response: HTTPResponse) -> None:
    if request.path.startswith((WORKSPACE_V1, WORKSPACE_V2)) and not response.is_success:
        raise _legacy_error(request, response)


def parse_project(request: ApiRequest, response: HTTPResponse) -> Project:
    """A project: ``{project}``, an older server's ``{workspace}``, or (by slug) the project
    itself."""
    _checked(request, response)
    if request.method == "GET" and request.path.startswith(PROJECTS + "/slug/"):
        key: str | None = None
    elif request.path.startswith(WORKSPACE_V2):  # create: {project}; get by slug: bare
        key = "project" if request.method == "POST" else None
    elif request.path.startswith(WORKSPACE_V1):
        key = "workspace"
    else:
        key = "project"
    return parse_object(request, response, key, Project, what="project")


def parse_projects(request: ApiRequest, response: HTTPResponse) -> list[Project]:
    """The project list: ``{projects}`` (an older server's ``{workspaces}``)."""
    _checked(request, response)
    key = "workspaces" if request.path == WORKSPACE_V1 else "projects"
    return parse_list(request, response, key, Project)
