"""Environments (``/api/v1/projects/{id}/environments``): builders, checks and the list parser.

There is no list route: a project's environments are read from the project itself. Older
servers offer the same routes under ``/api/v1/workspace/{id}`` (see `infisical_kit._core.routing`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from infisical_kit._core.projects import parse_project, project_path
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse
from infisical_kit._core.validation import check_position, require
from infisical_kit._core.wire import given, segment
from infisical_kit.models import Environment

__all__ = [
    "MAX_SLUG",
    "check_environment_change",
    "check_new_environment",
    "create_environment",
    "delete_environment",
    "get_environment",
    "parse_environments",
    "update_environment",
]

MAX_SLUG = 64


def check_new_environment(name: str, slug: str, position: int | None, problems: list[str]) -> None:
    """A name, a URL-safe slug of at most 64 characters, an optional position >= 1."""
    require(name, "name", problems)
    require(slug, "slug", problems)
    if isinstance(slug, str) and len(slug) > MAX_SLUG:
        problems.append(f"slug must be at most {MAX_SLUG} characters long")
    check_position(position, problems)


def check_environment_change(
    environment_id: str,
    name: str | None,
    slug: str | None,
    position: int | None,
    problems: list[str],
) -> None:
    """An id and at least one of name, slug, position (>= 1)."""
    require(environment_id, "environment_id", problems)
    if name is None and slug is None and position is None:
        problems.append("nothing to update: pass name, slug or position")
    check_position(position, problems)


def _path(project_id: str, environment_id: str | None = None) -> str:
    path = f"{project_path(project_id)}/environments"
    return path if environment_id is None else f"{path}/{segment(environment_id)}"


def get_environment(project_id: str, environment_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/environments/{envId}`` -> ``{environment}``."""
    return ApiRequest("GET", _path(project_id, environment_id))


def create_environment(project_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/projects/{id}/environments`` with ``{name, slug, position?}``."""
    return ApiRequest("POST", _path(project_id), json=given(fields))


def update_environment(
    project_id: str, environment_id: str, fields: Mapping[str, Any]
) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}/environments/{envId}``: only the fields given."""
    return ApiRequest("PATCH", _path(project_id, environment_id), json=given(fields))


def delete_environment(project_id: str, environment_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}/environments/{envId}``."""
    return ApiRequest("DELETE", _path(project_id, environment_id))


def parse_environments(
    request: ApiRequest, response: HTTPResponse, project_id: str
) -> list[Environment]:
    """The environments of the ``{project}`` a `get_project` request answered."""
    project = parse_project(request, response)
    return [
        Environment(id=e.id, name=e.name, slug=e.slug, project_id=project.id or project_id)
        for e in project.environments
    ]
