"""Request builders for folders (``/api/v2/folders``) and imports (``/api/v2/secret-imports``).

The scope's `secret_path` is the folder the call works in (the parent, for folder calls).
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from infisical_kit._core.api import ApiRequest
from infisical_kit._core.scope import ResolvedScope

__all__ = [
    "FOLDERS",
    "IMPORTS",
    "create_folder",
    "create_import",
    "delete_folder",
    "delete_import",
    "get_folder",
    "get_import",
    "list_folders",
    "list_imports",
    "update_folder",
    "update_import",
]

FOLDERS = "/api/v2/folders"
IMPORTS = "/api/v2/secret-imports"


def _scope(scope: ResolvedScope) -> dict[str, str]:
    return {
        "projectId": scope.project_id,
        "workspaceId": scope.project_id,
        "environment": scope.environment,
        "path": scope.secret_path,
    }


def _id(value: str) -> str:
    return quote(value, safe="")


def create_folder(scope: ResolvedScope, name: str, description: str | None = None) -> ApiRequest:
    """``POST /api/v2/folders``: a folder `name` under ``scope.secret_path``."""
    body: dict[str, Any] = {**_scope(scope), "name": name}
    if description is not None:
        body["description"] = description
    return ApiRequest("POST", FOLDERS, json=body)


def list_folders(
    scope: ResolvedScope,
    *,
    recursive: bool = False,
    last_secret_modified: datetime | None = None,
) -> ApiRequest:
    """``GET /api/v2/folders``: folders under ``scope.secret_path``."""
    params = [*_scope(scope).items(), ("recursive", "true" if recursive else "false")]
    if last_secret_modified is not None:
        when = last_secret_modified.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        params.append(("lastSecretModified", when))
    return ApiRequest("GET", FOLDERS, tuple(params))


def get_folder(folder_id: str) -> ApiRequest:
    """``GET /api/v2/folders/{id}``."""
    return ApiRequest("GET", f"{FOLDERS}/{_id(folder_id)}")


def update_folder(
    scope: ResolvedScope, folder_id: str, name: str, description: str | None = None
) -> ApiRequest:
    """``PATCH /api/v2/folders/{id}``: `name` is the (new) name."""
    body: dict[str, Any] = {**_scope(scope), "name": name}
    if description is not None:
        body["description"] = description
    return ApiRequest("PATCH", f"{FOLDERS}/{_id(folder_id)}", json=body)


def delete_folder(
    scope: ResolvedScope, folder_id_or_name: str, *, force: bool = False
) -> ApiRequest:
    """``DELETE /api/v2/folders/{idOrName}`` with the scope in a JSON body."""
    body = {**_scope(scope), "forceDelete": force}
    return ApiRequest("DELETE", f"{FOLDERS}/{_id(folder_id_or_name)}", json=body)


def create_import(
    scope: ResolvedScope, source_environment: str, source_path: str, *, is_replication: bool = False
) -> ApiRequest:
    """``POST /api/v2/secret-imports``: make `source_path` of `source_environment` visible."""
    body = {
        **_scope(scope),
        "import": {"environment": source_environment, "path": source_path},
        "isReplication": is_replication,
    }
    return ApiRequest("POST", IMPORTS, json=body)


def list_imports(scope: ResolvedScope) -> ApiRequest:
    """``GET /api/v2/secret-imports`` of the folder ``scope.secret_path``."""
    return ApiRequest("GET", IMPORTS, tuple(_scope(scope).items()))


def get_import(import_id: str) -> ApiRequest:
    """``GET /api/v2/secret-imports/{id}``."""
    return ApiRequest("GET", f"{IMPORTS}/{_id(import_id)}")


def update_import(
    scope: ResolvedScope,
    import_id: str,
    *,
    source_environment: str | None = None,
    source_path: str | None = None,
    position: int | None = None,
) -> ApiRequest:
    """``PATCH /api/v2/secret-imports/{id}``: only the fields given are sent."""
    change: dict[str, Any] = {}
    if source_environment is not None:
        change["environment"] = source_environment
    if source_path is not None:
        change["path"] = source_path
    if position is not None:
        change["position"] = position
    body = {**_scope(scope), "import": change}
    return ApiRequest("PATCH", f"{IMPORTS}/{_id(import_id)}", json=body)


def delete_import(scope: ResolvedScope, import_id: str) -> ApiRequest:
    """``DELETE /api/v2/secret-imports/{id}`` with the scope in a JSON body."""
    return ApiRequest("DELETE", f"{IMPORTS}/{_id(import_id)}", json=_scope(scope))
