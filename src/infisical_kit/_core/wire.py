"""Wire encoding shared by the request builders (see reference/infisical-api.md).

Booleans travel as ``"true"``/``"false"``; the project goes as both ``projectId`` and
``workspaceId``; path segments (names, ids, slugs) are URL-quoted; optional body fields that
were not given are left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from infisical_kit._core.scope import ResolvedScope

__all__ = ["flag", "folder_scope", "given", "secret_scope", "segment"]


def flag(value: bool) -> str:
    """``"true"`` or ``"false"``."""
    return "true" if value else "false"


def segment(value: str) -> str:
    """`value` quoted as one URL path segment (``/`` included)."""
    return quote(value, safe="")


def given(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`fields` without the ones that are ``None`` (not given)."""
    return {key: value for key, value in fields.items() if value is not None}


def secret_scope(scope: ResolvedScope) -> dict[str, str]:
    """The scope of a secrets call (``secretPath``), for a query or a JSON body."""
    return {
        "projectId": scope.project_id,
        "workspaceId": scope.project_id,
        "environment": scope.environment,
        "secretPath": scope.secret_path,
    }


def folder_scope(scope: ResolvedScope) -> dict[str, str]:
    """The scope of a folder or import call (``path``: the folder the call works in)."""
    return {
        "projectId": scope.project_id,
        "workspaceId": scope.project_id,
        "environment": scope.environment,
        "path": scope.secret_path,
    }
