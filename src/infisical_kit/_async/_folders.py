"""`client.folders`: create, list, get, update (rename) and delete folders (``/api/v2/folders``).

A server that offers only the older ``/api/v1/folders`` ignores ``recursive``: the subtree is
then walked here, one list per folder (see `infisical_kit._core.folders`).
"""

from __future__ import annotations

import builtins
from collections.abc import Callable
from datetime import datetime

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core import folders as rq
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import parse_list, parse_object
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._core.validation import raise_problems, require
from infisical_kit.models import Folder

__all__ = ["AsyncFolders"]


class AsyncFolders(AsyncNamespace):
    """Folder operations; `path` is the parent folder (default: the client's `secret_path`).

    `update` and `delete` by id without a `path` also work for a nested folder: the server
    only finds a folder under its parent, so on a 404 the folder's own path is read
    (``GET /api/v2/folders/{id}``) and the call is sent once more under that parent.
    """

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
        request, response = await self._requester.send(rq.create_folder(scope, name, description))
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
        sent, response = await self._requester.send(request)
        found = parse_list(sent, response, "folders", Folder)
        if not recursive or not rq.is_legacy(sent):
            return found
        # the older route lists only the direct children: walk the subtree
        everything: builtins.list[Folder] = []
        pending = [(scope.secret_path, folder) for folder in found]
        while pending:
            parent, folder = pending.pop(0)
            here = parent.rstrip("/") + "/" + folder.name
            if folder.path is None:
                folder = folder.model_copy(update={"path": here})
            everything.append(folder)
            below = self._scope([], project_id, environment, here)
            sent, response = await self._requester.send(rq.list_folders(below))
            pending.extend((here, child) for child in parse_list(sent, response, "folders", Folder))
        return everything

    async def get(self, folder_id: str) -> Folder:
        """One folder by id (with its full `path`); raises `NotFoundError`."""
        problems: builtins.list[str] = []
        require(folder_id, "folder_id", problems)
        raise_problems(problems)
        request, response = await self._requester.send(rq.get_folder(folder_id))
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
        """Rename folder `folder_id` (under `path`, else located by id) to `name`, optionally
        re-describe it."""
        problems: builtins.list[str] = []
        require(folder_id, "folder_id", problems)
        require(name, "name", problems)
        self._scope(problems, project_id, environment, path)  # raises on problems
        return await self._send_located(
            lambda scope: rq.update_folder(scope, folder_id, name, description),
            folder_id,
            path,
            project_id,
            environment,
        )

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
        self._scope(problems, project_id, environment, path)  # raises on problems
        return await self._send_located(
            lambda scope: rq.delete_folder(scope, folder_id_or_name, force=force),
            folder_id_or_name,
            path,
            project_id,
            environment,
        )

    async def _send_located(
        self,
        build: Callable[[ResolvedScope], ApiRequest],
        folder_id: str,
        path: str | None,
        project_id: str | None,
        environment: str | None,
    ) -> Folder:
        """Send ``build(scope)``; if the folder is not under the default parent and no `path`
        was given, retry once under the parent read from the folder itself."""
        scope = self._scope([], project_id, environment, path)
        request, response = await self._requester.send(build(scope))
        if response.status_code == 404 and path is None:
            parent = await self._parent_of(folder_id)
            if parent is not None and parent != scope.secret_path:
                scope = self._scope([], project_id, environment, parent)
                request, response = await self._requester.send(build(scope))
        return parse_object(request, response, "folder", Folder)

    async def _parent_of(self, folder_id: str) -> str | None:
        """The parent path of folder `folder_id`, or None if it cannot be read by id."""
        request, response = await self._requester.send(rq.get_folder(folder_id))
        if not response.is_success:
            return None
        return rq.parent_path(parse_object(request, response, "folder", Folder))
