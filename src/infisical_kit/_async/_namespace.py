"""`AsyncNamespace`: the base of the client's resource namespaces (``client.secrets`` ...)."""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

from infisical_kit._core.requests_projects import resolve_project_id
from infisical_kit._core.scope import ResolvedScope, resolve_scope

if TYPE_CHECKING:
    from infisical_kit._async._client import AsyncClient

__all__ = ["AsyncNamespace"]


class AsyncNamespace:
    """Holds the client; resolves a call's scope or project over the client's default `Scope`."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def _scope(
        self,
        problems: builtins.list[str],
        project_id: str | None,
        environment: str | None,
        path: str | None,
    ) -> ResolvedScope:
        """The call's scope; raises one `ValidationError` for `problems` and its own."""
        return resolve_scope(
            self._client.default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=path,
            problems=problems,
        )

    def _project(self, project_id: str | None, problems: builtins.list[str]) -> str:
        """The call's project id; raises one `ValidationError` for `problems` and its own."""
        return resolve_project_id(self._client.default_scope.project_id, project_id, problems)
