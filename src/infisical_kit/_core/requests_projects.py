"""Request builders for projects, environments and tags (``/api/v1/projects…``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from infisical_kit._core.api import ApiRequest
from infisical_kit.errors import ValidationError

__all__ = [
    "PROJECTS",
    "create_environment",
    "create_project",
    "create_tag",
    "delete_environment",
    "delete_project",
    "delete_tag",
    "get_environment",
    "get_project",
    "get_project_by_slug",
    "get_tag",
    "get_tag_by_slug",
    "list_projects",
    "list_tags",
    "require",
    "resolve_project_id",
    "update_environment",
    "update_project",
    "update_tag",
]

PROJECTS = "/api/v1/projects"


def require(value: object, field: str, problems: list[str]) -> None:
    """Append a problem if `value` is not a non-empty string."""
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{field} must be a non-empty string")


def resolve_project_id(
    default: str | None, project_id: str | None, problems: list[str] | None = None
) -> str:
    """The call's `project_id` or the client default; one `ValidationError` for all problems."""
    found = list(problems or [])
    chosen = project_id if project_id is not None else default
    if chosen is None or not str(chosen).strip():
        found.append(
            "missing required parameter(s): project_id "
            "(pass it to the call or set a default on the client)"
        )
    if found:
        raise ValidationError(found)
    assert chosen is not None
    return chosen.strip()


def _q(value: str) -> str:
    return quote(value, safe="")


def _given(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value is not None}


def list_projects(type: str | None = None) -> ApiRequest:
    """``GET /api/v1/projects`` (optionally of one project `type`)."""
    params = (("includeRoles", "false"),) + ((("type", type),) if type else ())
    return ApiRequest("GET", PROJECTS, params)


def get_project(project_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}`` -> ``{project}``."""
    return ApiRequest("GET", f"{PROJECTS}/{_q(project_id)}")


def get_project_by_slug(slug: str) -> ApiRequest:
    """``GET /api/v1/projects/slug/{slug}`` -> the project itself (not wrapped)."""
    return ApiRequest("GET", f"{PROJECTS}/slug/{_q(slug)}")


def create_project(fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/projects`` with the wire fields given (``projectName`` …)."""
    return ApiRequest("POST", PROJECTS, json=_given(fields))


def update_project(project_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}``: only the fields given are sent."""
    return ApiRequest("PATCH", f"{PROJECTS}/{_q(project_id)}", json=_given(fields))


def delete_project(project_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}``."""
    return ApiRequest("DELETE", f"{PROJECTS}/{_q(project_id)}")


def _envs(project_id: str) -> str:
    return f"{PROJECTS}/{_q(project_id)}/environments"


def get_environment(project_id: str, environment_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/environments/{envId}`` -> ``{environment}``."""
    return ApiRequest("GET", f"{_envs(project_id)}/{_q(environment_id)}")


def create_environment(project_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/projects/{id}/environments`` with ``{name, slug, position?}``."""
    return ApiRequest("POST", _envs(project_id), json=_given(fields))


def update_environment(
    project_id: str, environment_id: str, fields: Mapping[str, Any]
) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}/environments/{envId}``: only the fields given."""
    return ApiRequest("PATCH", f"{_envs(project_id)}/{_q(environment_id)}", json=_given(fields))


def delete_environment(project_id: str, environment_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}/environments/{envId}``."""
    return ApiRequest("DELETE", f"{_envs(project_id)}/{_q(environment_id)}")


def _tags(project_id: str) -> str:
    return f"{PROJECTS}/{_q(project_id)}/tags"


def list_tags(project_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/tags`` -> ``{tags}``."""
    return ApiRequest("GET", _tags(project_id))


def get_tag(project_id: str, tag_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/tags/{tagId}`` -> ``{tag}``."""
    return ApiRequest("GET", f"{_tags(project_id)}/{_q(tag_id)}")


def get_tag_by_slug(project_id: str, slug: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/tags/slug/{slug}`` -> ``{tag}``."""
    return ApiRequest("GET", f"{_tags(project_id)}/slug/{_q(slug)}")


def create_tag(project_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/projects/{id}/tags`` with ``{slug, color, name?}``."""
    return ApiRequest("POST", _tags(project_id), json=_given(fields))


def update_tag(project_id: str, tag_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}/tags/{tagId}`` with ``{slug, color}``."""
    return ApiRequest("PATCH", f"{_tags(project_id)}/{_q(tag_id)}", json=_given(fields))


def delete_tag(project_id: str, tag_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}/tags/{tagId}``."""
    return ApiRequest("DELETE", f"{_tags(project_id)}/{_q(tag_id)}")
