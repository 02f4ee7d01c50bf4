"""Tags (``/api/v1/projects/{id}/tags``): request builders and the parser.

Older servers offer them under ``/api/v1/workspace/{id}/tags`` and answer ``{workspaceTag}``
/ ``{workspaceTags}`` (`parse_tag`, `parse_tags` accept both); they store no name other than
the slug (`legacy_tag` refuses one).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from infisical_kit._core.projects import WORKSPACE_V1, project_path
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse, parse_list, parse_object
from infisical_kit._core.unsupported import refuse
from infisical_kit._core.wire import given, segment
from infisical_kit.models import ProjectTag

__all__ = [
    "DEFAULT_COLOR",
    "create_tag",
    "delete_tag",
    "get_tag",
    "get_tag_by_slug",
    "legacy_tag",
    "list_tags",
    "parse_tag",
    "parse_tags",
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


def _legacy(request: ApiRequest) -> bool:
    return request.path.startswith(WORKSPACE_V1 + "/")


def legacy_tag(request: ApiRequest) -> ApiRequest:
    """`request` as it goes to an older server's ``/api/v1/workspace/{id}/tags`` (already
    there): a tag name other than the slug is refused (not stored)."""
    body = request.json
    named = body is not None and body.get("name") not in (None, body.get("slug"))
    if named and _legacy(request) and request.path.endswith("/tags"):
        raise refuse("name", request, "stores no tag name other than the slug")
    return request


def parse_tag(request: ApiRequest, response: HTTPResponse) -> ProjectTag:
    """``{tag}`` (``{workspaceTag}`` from an older server)."""
    key = "workspaceTag" if _legacy(request) else "tag"
    return parse_object(request, response, key, ProjectTag, what="tag")


def parse_tags(request: ApiRequest, response: HTTPResponse) -> list[ProjectTag]:
    """``{tags}`` (``{workspaceTags}`` from an older server)."""
    key = "workspaceTags" if _legacy(request) else "tags"
    return parse_list(request, response, key, ProjectTag)
