"""Secret imports (``/api/v2/secret-imports``): request builders, checks and the list parser.

The scope's `secret_path` is the importing folder.
"""

from __future__ import annotations

from typing import Any

from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import HTTPResponse, parse_list
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._core.validation import check_position, require
from infisical_kit._core.wire import folder_scope, segment
from infisical_kit.models import SecretImport

__all__ = [
    "IMPORTS",
    "check_import_change",
    "create_import",
    "delete_import",
    "get_import",
    "list_imports",
    "parse_imports",
    "update_import",
]

IMPORTS = "/api/v2/secret-imports"


def check_import_change(
    import_id: str,
    source_environment: str | None,
    source_path: str | None,
    position: int | None,
    problems: list[str],
) -> None:
    """An id and at least one of the source environment, source path, position (>= 1)."""
    require(import_id, "import_id", problems)
    if source_environment is None and source_path is None and position is None:
        problems.append("nothing to update: pass source_environment, source_path or position")
    check_position(position, problems)


def _path(import_id: str) -> str:
    return f"{IMPORTS}/{segment(import_id)}"


def create_import(
    scope: ResolvedScope, source_environment: str, source_path: str, *, is_replication: bool = False
) -> ApiRequest:
    """``POST /api/v2/secret-imports``: make `source_path` of `source_environment` visible."""
    body = {
        **folder_scope(scope),
        "import": {"environment": source_environment, "path": source_path},
        "isReplication": is_replication,
    }
    return ApiRequest("POST", IMPORTS, json=body)


def list_imports(scope: ResolvedScope) -> ApiRequest:
    """``GET /api/v2/secret-imports`` of the folder ``scope.secret_path``."""
    return ApiRequest("GET", IMPORTS, tuple(folder_scope(scope).items()))


def get_import(import_id: str) -> ApiRequest:
    """``GET /api/v2/secret-imports/{id}``."""
    return ApiRequest("GET", _path(import_id))


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
    body = {**folder_scope(scope), "import": change}
    return ApiRequest("PATCH", _path(import_id), json=body)


def delete_import(scope: ResolvedScope, import_id: str) -> ApiRequest:
    """``DELETE /api/v2/secret-imports/{id}`` with the scope in a JSON body."""
    return ApiRequest("DELETE", _path(import_id), json=folder_scope(scope))


def parse_imports(request: ApiRequest, response: HTTPResponse) -> list[SecretImport]:
    """``{secretImports}`` in position order (a later import wins)."""
    imports = parse_list(request, response, "secretImports", SecretImport)
    return sorted(imports, key=lambda i: i.position if i.position is not None else 0)
