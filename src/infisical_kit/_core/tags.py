"""Tags (``/api/v1/projects/{id}/tags``): request builders."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from infisical_kit._core.projects import project_path
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.wire import given, segment

__all__ = [
    "DEFAULT_COLOR",
    "create_tag",
    "delete_tag",
    "get_tag",
    "get_tag_by_slug",
    "list_tags",
    "update_tag",
]

#: the server requires a color; a neutral grey when none is given
DEFAULT_COLOR = "#bec2c8"


def _path(project_id: str, tail: str | None = None) -> str:
    path = f"{project_path(project_id)}/tags"
    return path if tail is None else f"{path}/{tail}"


def list_tags(project_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/tags`` -> ``{tags}``."""
    return ApiRequest("GET", _path(project_id))


def get_tag(project_id: str, tag_id: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/tags/{tagId}`` -> ``{tag}``."""
    return ApiRequest("GET", _path(project_id, segment(tag_id)))


def get_tag_by_slug(project_id: str, slug: str) -> ApiRequest:
    """``GET /api/v1/projects/{id}/tags/slug/{slug}`` -> ``{tag}``."""
    return ApiRequest("GET", _path(project_id, f"slug/{segment(slug)}"))


def create_tag(project_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``POST /api/v1/projects/{id}/tags`` with ``{slug, color, name?}``."""
    return ApiRequest("POST", _path(project_id), json=given(fields))


def update_tag(project_id: str, tag_id: str, fields: Mapping[str, Any]) -> ApiRequest:
    """``PATCH /api/v1/projects/{id}/tags/{tagId}`` with ``{slug, color}``."""
    return ApiRequest("PATCH", _path(project_id, segment(tag_id)), json=given(fields))


def delete_tag(project_id: str, tag_id: str) -> ApiRequest:
    """``DELETE /api/v1/projects/{id}/tags/{tagId}``."""
    return ApiRequest("DELETE", _path(project_id, segment(tag_id)))
