"""Projects (``/api/v1/projects``): request builders and argument checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.validation import require
from infisical_kit._core.wire import given, segment

__all__ = [
    "PROJECTS",
    "check_new_project",
    "create_project",
    "delete_project",
    "get_project",
    "get_project_by_slug",
    "list_projects",
    "project_path",
    "update_project",
]

PROJECTS = "/api/v1/projects"


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
