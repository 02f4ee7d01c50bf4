"""`AsyncNamespace`: the base of the client's resource namespaces (``client.secrets`` ...)."""

from __future__ import annotations

import builtins

from infisical_kit._async._requester import AsyncRequester
from infisical_kit._core.scope import ResolvedScope, Scope, resolve_project_id, resolve_scope

__all__ = ["AsyncNamespace"]


class AsyncNamespace:
    """Sends through a requester; resolves a call's scope or project over the default `Scope`."""

    def __init__(self, requester: AsyncRequester, default_scope: Scope) -> None:
        self._requester = requester
        self._default_scope = default_scope

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"

    def _scope(
        self,
        problems: builtins.list[str],
        project_id: str | None,
        environment: str | None,
        path: str | None,
    ) -> ResolvedScope:
        """The call's scope; raises one `ValidationError` for `problems` and its own."""
        return resolve_scope(
            self._default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=path,
            problems=problems,
        )

    def _project(self, project_id: str | None, problems: builtins.list[str]) -> str:
        """The call's project id; raises one `ValidationError` for `problems` and its own."""
        return resolve_project_id(self._default_scope.project_id, project_id, problems)
