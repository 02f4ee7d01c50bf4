"""`client.imports`: secret imports of a folder (``/api/v2/secret-imports``)."""

from __future__ import annotations

import builtins

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core import imports as rq
from infisical_kit._core.response import parse_object
from infisical_kit._core.scope import normalize_secret_path
from infisical_kit._core.validation import raise_problems, require
from infisical_kit.models import SecretImport

__all__ = ["AsyncImports"]


class AsyncImports(AsyncNamespace):
    """Secret imports; `path` is the importing folder (default: the client's `secret_path`)."""

    async def create(
        self,
        source_environment: str,
        source_path: str,
        *,
        path: str | None = None,
        is_replication: bool = False,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> SecretImport:
        """Import the secrets of `source_path` in `source_environment` into `path`."""
        problems: builtins.list[str] = []
        require(source_environment, "source_environment", problems)
        require(source_path, "source_path", problems)
        scope = self._scope(problems, project_id, environment, path)
        request = rq.create_import(
            scope,
            source_environment,
            normalize_secret_path(source_path),
            is_replication=is_replication,
        )
        request, response = await self._requester.send(request)
        return parse_object(request, response, "secretImport", SecretImport)

    async def list(
        self,
        *,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> builtins.list[SecretImport]:
        """The imports of the folder `path`, in position order (a later one wins)."""
        scope = self._scope([], project_id, environment, path)
        request, response = await self._requester.send(rq.list_imports(scope))
        return rq.parse_imports(request, response)

    async def get(self, import_id: str) -> SecretImport:
        """One import by id; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        require(import_id, "import_id", problems)
        raise_problems(problems)
        request, response = await self._requester.send(rq.get_import(import_id))
        return parse_object(request, response, "secretImport", SecretImport)

    async def update(
        self,
        import_id: str,
        *,
        source_environment: str | None = None,
        source_path: str | None = None,
        position: int | None = None,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> SecretImport:
        """Change an import's source or its `position` (1 = first, so lowest precedence)."""
        problems: builtins.list[str] = []
        rq.check_import_change(import_id, source_environment, source_path, position, problems)
        scope = self._scope(problems, project_id, environment, path)
        request = rq.update_import(
            scope,
            import_id,
            source_environment=source_environment,
            source_path=normalize_secret_path(source_path) if source_path is not None else None,
            position=position,
        )
        request, response = await self._requester.send(request)
        return parse_object(request, response, "secretImport", SecretImport)

    async def delete(
        self,
        import_id: str,
        *,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> SecretImport:
        """Remove an import from the folder `path`."""
        problems: builtins.list[str] = []
        require(import_id, "import_id", problems)
        scope = self._scope(problems, project_id, environment, path)
        request, response = await self._requester.send(rq.delete_import(scope, import_id))
        return parse_object(request, response, "secretImport", SecretImport)
