"""Folders (``/api/v2/folders``): request builders and the parent of a folder's path.

The scope's `secret_path` is the folder the call works in (the parent, for folder calls).
Older servers offer ``/api/v1/folders`` (same envelopes): `legacy_folder` refuses what those
routes would drop (a description, the last-modified filter); they ignore ``recursive``, so
the namespace walks the subtree itself (`is_legacy`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._core.unsupported import refuse
from infisical_kit._core.wire import flag, folder_scope, segment
from infisical_kit.models import Folder

__all__ = [
    "FOLDERS",
    "FOLDERS_V1",
    "create_folder",
    "delete_folder",
    "get_folder",
    "is_legacy",
    "legacy_folder",
    "list_folders",
    "parent_path",
    "update_folder",
]

FOLDERS = "/api/v2/folders"
FOLDERS_V1 = "/api/v1/folders"


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


def is_legacy(request: ApiRequest) -> bool:
    """True when `request` went to the older ``/api/v1/folders`` routes."""
    return request.path == FOLDERS_V1 or request.path.startswith(FOLDERS_V1 + "/")


def legacy_folder(request: ApiRequest) -> ApiRequest:
    """The ``/api/v1/folders`` form of a folder request (its path already rewritten): refuses
    a description (not stored there) and the last-modified filter (not applied)."""
    if request.json is not None and request.json.get("description") is not None:
        raise refuse("description", request, "does not store folder descriptions")
    if any(key == "lastSecretModified" for key, _ in request.params):
        raise refuse("last_secret_modified", request, "does not filter by last modification")
    return request
