"""``client.folders.v1`` of ``infisical-httpx-sdk`` (``infisical.resources.folders``): the
models and the API on infisical-kit's folders namespace."""

from __future__ import annotations

import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from infisical_kit.compat.infisical_httpx.exceptions import InfisicalResourceError, translated
from infisical_kit.compat.infisical_httpx.resources.base import InfisicalResourceRequest, Scoped
from infisical_kit.models import Folder as KitFolder

__all__ = [
    "AsyncFoldersV1",
    "CreateFolderRequest",
    "DeleteFolderRequest",
    "Environment",
    "Folder",
    "Folders",
    "FoldersList",
    "FoldersV1",
    "UpdateFolderRequest",
]


class Environment(BaseModel):
    """The environment of a folder read by id."""

    model_config = ConfigDict(populate_by_name=True)

    env_id: str = Field(alias="envId")
    env_name: str = Field(alias="envName")
    env_slug: str = Field(alias="envSlug")


class Folder(BaseModel):
    """A folder."""

    model_config = ConfigDict(populate_by_name=True)

    created_at: datetime.datetime | None = Field(default=None, alias="createdAt")
    description: str | None = None
    env_id: str = Field(alias="envId")
    environment: Environment | None = None
    folder_id: str = Field(alias="id")
    is_reserved: bool | None = Field(default=None, alias="isReserved")
    last_secret_modified: datetime.datetime | None = Field(default=None, alias="lastSecretModified")
    name: str
    parent_id: str | None = Field(default=None, alias="parentId")
    path: str | None = None
    project_id: str | None = Field(default=None, alias="projectId")
    updated_at: datetime.datetime | None = Field(default=None, alias="updatedAt")
    version: int | None = None


class FoldersList(BaseModel):
    """``{folders}``."""

    folders: list[Folder]


class CreateFolderRequest(InfisicalResourceRequest):
    """A folder to create under `path`."""

    description: str | None = None
    name: str
    path: str = "/"


class DeleteFolderRequest(InfisicalResourceRequest):
    """A folder (id or name) to delete under `path`."""

    folder_id_or_name: str = Field(exclude=True)
    path: str = "/"


class UpdateFolderRequest(InfisicalResourceRequest):
    """A folder to rename or re-describe."""

    description: str | None = None
    folder_id: str = Field(exclude=True)
    name: str | None = None
    path: str = "/"


def _folder(f: KitFolder) -> Folder:
    env = f.environment
    return Folder(
        created_at=f.created_at,
        description=f.description,
        env_id=f.env_id or "",
        environment=None
        if env is None
        else Environment(env_id=env.id, env_name=env.name, env_slug=env.slug),
        folder_id=f.id,
        is_reserved=f.is_reserved,
        last_secret_modified=f.last_secret_modified,
        name=f.name,
        parent_id=f.parent_id,
        path=f.path,
        project_id=f.project_id,
        updated_at=f.updated_at,
        version=f.version,
    )


def _list_args(params: dict[str, Any]) -> dict[str, Any]:
    missing = [p for p in ("workspaceId", "environment") if p not in params]
    if missing:
        raise InfisicalResourceError(f"Missing required parameters: {', '.join(missing)}")
    return {
        "project_id": params["workspaceId"],
        "environment": params["environment"],
        "path": params.get("path", "/"),
        "recursive": bool(params.get("recursive", False)),
        "last_secret_modified": params.get("lastSecretModified"),
    }


def _update_args(request: UpdateFolderRequest) -> dict[str, Any]:
    return {
        "path": request.path,
        "description": request.description,
        "project_id": request.workspace_id,
        "environment": request.environment,
    }


class FoldersV1(Scoped):
    """Create, delete, get, list and update folders (sync)."""

    def create(self, request: CreateFolderRequest) -> Folder:
        """Create a folder."""
        with translated():
            created = self._client.folders.create(
                request.name,
                path=request.path,
                description=request.description,
                project_id=request.workspace_id,
                environment=request.environment,
            )
        return _folder(created)

    def delete(self, request: DeleteFolderRequest) -> Folder:
        """Delete a folder and everything in it."""
        with translated():
            deleted = self._client.folders.delete(
                request.folder_id_or_name,
                path=request.path,
                project_id=request.workspace_id,
                environment=request.environment,
            )
        return _folder(deleted)

    def get_by_id(self, *, folder_id: str) -> Folder:
        """One folder by id, with its path, project and environment."""
        with translated():
            return _folder(self._client.folders.get(folder_id))

    def list(self, **params: Any) -> FoldersList:
        """The folders under ``path``; needs ``workspaceId`` and ``environment``."""
        args = _list_args(params)
        with translated():
            return FoldersList(folders=[_folder(f) for f in self._client.folders.list(**args)])

    def update(self, request: UpdateFolderRequest) -> Folder:
        """Rename (or re-describe) a folder; without a new name it keeps its own."""
        with translated():
            name = request.name or self._client.folders.get(request.folder_id).name
            updated = self._client.folders.update(request.folder_id, name, **_update_args(request))
        return _folder(updated)


class AsyncFoldersV1(Scoped):
    """Create, delete, get, list and update folders (``await`` each call)."""

    async def create(self, request: CreateFolderRequest) -> Folder:
        """Create a folder."""
        with translated():
            created = await self._client.folders.create(
                request.name,
                path=request.path,
                description=request.description,
                project_id=request.workspace_id,
                environment=request.environment,
            )
        return _folder(created)

    async def delete(self, request: DeleteFolderRequest) -> Folder:
        """Delete a folder and everything in it."""
        with translated():
            deleted = await self._client.folders.delete(
                request.folder_id_or_name,
                path=request.path,
                project_id=request.workspace_id,
                environment=request.environment,
            )
        return _folder(deleted)

    async def get_by_id(self, *, folder_id: str) -> Folder:
        """One folder by id, with its path, project and environment."""
        with translated():
            return _folder(await self._client.folders.get(folder_id))

    async def list(self, **params: Any) -> FoldersList:
        """The folders under ``path``; needs ``workspaceId`` and ``environment``."""
        args = _list_args(params)
        with translated():
            found = await self._client.folders.list(**args)
        return FoldersList(folders=[_folder(f) for f in found])

    async def update(self, request: UpdateFolderRequest) -> Folder:
        """Rename (or re-describe) a folder; without a new name it keeps its own."""
        with translated():
            name = request.name or (await self._client.folders.get(request.folder_id)).name
            updated = await self._client.folders.update(
                request.folder_id, name, **_update_args(request)
            )
        return _folder(updated)


class Folders:
    """``client.folders``: the v1 API as ``.v1``."""

    def __init__(self, v1: FoldersV1 | AsyncFoldersV1) -> None:
        self.v1 = v1

    def __repr__(self) -> str:
        return f"Folders(v1={type(self.v1).__name__})"

    def __getattr__(self, name: str) -> Any:
        """``client.folders.list(...)`` as the README writes it: the v1 method (the
        original only has ``client.folders.v1.list``)."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.v1, name)
