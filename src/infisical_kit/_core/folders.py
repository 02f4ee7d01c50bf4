"""Folders (``/api/v2/folders``): request builders and the parent of a folder's path.

The scope's `secret_path` is the folder the call works in (the parent, for folder calls).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._core.wire import flag, folder_scope, segment
from infisical_kit.models import Folder

__all__ = [
    "FOLDERS",
    "create_folder",
    "delete_folder",
    "get_folder",
    "list_folders",
    "parent_path",
    "update_folder",
]

FOLDERS = "/api/v2/folders"


def _named(scope: ResolvedScope, name: str, description: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {**folder_scope(scope), "name": name}
    if description is not None:
        body["description"] = description
    return body


def create_folder(scope: ResolvedScope, name: str, description: str | None = None) -> ApiRequest:
    """``POST /api/v2/folders``: a folder `name` under ``scope.secret_path``."""
    return ApiRequest("POST", FOLDERS, json=_named(scope, name, description))


def list_folders(
    scope: ResolvedScope,
    *,
    recursive: bool = False,
    last_secret_modified: datetime | None = None,
) -> ApiRequest:
    """``GET /api/v2/folders``: folders under ``scope.secret_path``."""
    params = [*folder_scope(scope).items(), ("recursive", flag(recursive))]
    if last_secret_modified is not None:
        when = last_secret_modified.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        params.append(("lastSecretModified", when))
    return ApiRequest("GET", FOLDERS, tuple(params))


def get_folder(folder_id: str) -> ApiRequest:
    """``GET /api/v2/folders/{id}``."""
    return ApiRequest("GET", f"{FOLDERS}/{segment(folder_id)}")


def update_folder(
    scope: ResolvedScope, folder_id: str, name: str, description: str | None = None
) -> ApiRequest:
    """``PATCH /api/v2/folders/{id}``: `name` is the (new) name."""
    path = f"{FOLDERS}/{segment(folder_id)}"
    return ApiRequest("PATCH", path, json=_named(scope, name, description))


def delete_folder(
    scope: ResolvedScope, folder_id_or_name: str, *, force: bool = False
) -> ApiRequest:
    """``DELETE /api/v2/folders/{idOrName}`` with the scope in a JSON body."""
    body = {**folder_scope(scope), "forceDelete": force}
    return ApiRequest("DELETE", f"{FOLDERS}/{segment(folder_id_or_name)}", json=body)


def parent_path(folder: Folder) -> str | None:
    """The path of the folder that holds `folder`, or None when its path is unknown."""
    if not folder.path or not folder.path.startswith("/"):
        return None
    return folder.path.rstrip("/").rsplit("/", 1)[0] or "/"
