"""`client.folders`: create, list, get, update (rename) and delete folders (``/api/v2/folders``)."""

from __future__ import annotations

import builtins
from datetime import datetime
from typing import TYPE_CHECKING

from infisical_kit._async._routing import send
from infisical_kit._core import requests_folders as rq
from infisical_kit._core.parsing import parse_list, parse_object
from infisical_kit._core.requests_projects import require
from infisical_kit._core.scope import ResolvedScope, resolve_scope
from infisical_kit.errors import ValidationError
from infisical_kit.models import Folder

if TYPE_CHECKING:
    from infisical_kit._async._client import AsyncClient

__all__ = ["AsyncFolders"]


class AsyncFolders:
    """Folder operations; `path` is the parent folder (default: the client's `secret_path`)."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    def _scope(
        self,
        problems: builtins.list[str],
        project_id: str | None,
        environment: str | None,
        path: str | None,
    ) -> ResolvedScope:
        return resolve_scope(
            self._client.default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=path,
            problems=problems,
        )

    async def create(
        self,
        name: str,
        *,
        path: str | None = None,
        description: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> Folder:
        """Create folder `name` under `path`."""
        problems: builtins.list[str] = []
        require(name, "name", problems)
        scope = self._scope(problems, project_id, environment, path)
        request, response = await send(self._client, rq.create_folder(scope, name, description))
        return parse_object(request, response, "folder", Folder)

    async def list(
        self,
        *,
        path: str | None = None,
        recursive: bool = False,
        last_secret_modified: datetime | None = None,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> builtins.list[Folder]:
        """The folders under `path` (``recursive`` for the whole subtree)."""
        scope = self._scope([], project_id, environment, path)
        request = rq.list_folders(
            scope, recursive=recursive, last_secret_modified=last_secret_modified
        )
        request, response = await send(self._client, request)
        return parse_list(request, response, "folders", Folder)

    async def get(self, folder_id: str) -> Folder:
        """One folder by id (with its full `path`); raises `NotFoundError`."""
        problems: builtins.list[str] = []
        require(folder_id, "folder_id", problems)
        if problems:
            raise ValidationError(problems)
        request, response = await send(self._client, rq.get_folder(folder_id))
        return parse_object(request, response, "folder", Folder)

    async def update(
        self,
        folder_id: str,
        name: str,
        *,
        path: str | None = None,
        description: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> Folder:
        """Rename folder `folder_id` (found under `path`) to `name`, optionally re-describe it."""
        problems: builtins.list[str] = []
        require(folder_id, "folder_id", problems)
        require(name, "name", problems)
        scope = self._scope(problems, project_id, environment, path)
        request = rq.update_folder(scope, folder_id, name, description)
        request, response = await send(self._client, request)
        return parse_object(request, response, "folder", Folder)

    async def rename(
        self,
        folder_id: str,
        new_name: str,
        *,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> Folder:
        """Rename a folder (same as `update` without a description)."""
        return await self.update(
            folder_id, new_name, path=path, project_id=project_id, environment=environment
        )

    async def delete(
        self,
        folder_id_or_name: str,
        *,
        path: str | None = None,
        force: bool = False,
        project_id: str | None = None,
        environment: str | None = None,
    ) -> Folder:
        """Delete a folder (by id, or by name under `path`) and everything in it."""
        problems: builtins.list[str] = []
        require(folder_id_or_name, "folder_id_or_name", problems)
        scope = self._scope(problems, project_id, environment, path)
        request = rq.delete_folder(scope, folder_id_or_name, force=force)
        request, response = await send(self._client, request)
        return parse_object(request, response, "folder", Folder)
