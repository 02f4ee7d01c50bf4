"""``client.folders`` of ``infisicalsdk`` (``V2Folders``) on infisical-kit's folders API."""

from __future__ import annotations

from datetime import datetime

from infisical_kit.compat.infisicalsdk import _convert
from infisical_kit.compat.infisicalsdk import api_types as t
from infisical_kit.compat.infisicalsdk._session import Session

__all__ = ["V2Folders"]


class V2Folders:
    """Create, list, get, update and delete folders."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __repr__(self) -> str:
        return "V2Folders()"

    def create_folder(
        self,
        name: str,
        environment_slug: str,
        project_id: str,
        path: str = "/",
        description: str | None = None,
    ) -> t.CreateFolderResponseItem:
        """Create folder `name` under `path`."""
        folder = self._session.client.folders.create(
            name,
            path=path,
            description=description,
            project_id=project_id,
            environment=environment_slug,
        )
        return _convert.created_folder(folder)

    def list_folders(
        self,
        project_id: str,
        environment_slug: str,
        path: str,
        last_secret_modified: datetime | None = None,
        recursive: bool = False,
    ) -> t.ListFoldersResponse:
        """The folders under `path` (``recursive``: the whole subtree)."""
        folders = self._session.client.folders.list(
            path=path,
            recursive=recursive,
            last_secret_modified=last_secret_modified,
            project_id=project_id,
            environment=environment_slug,
        )
        return t.ListFoldersResponse(folders=[_convert.listed_folder(f) for f in folders])

    def get_folder_by_id(self, id: str) -> t.SingleFolderResponseItem:
        """One folder by id, with its path, project and environment."""
        return _convert.folder_by_id(self._session.client.folders.get(id))

    def update_folder(
        self,
        folder_id: str,
        name: str,
        environment_slug: str,
        project_id: str,
        path: str = "/",
        description: str | None = None,
    ) -> t.UpdateFolderResponseItem:
        """Rename (and re-describe) a folder under `path`."""
        folder = self._session.client.folders.update(
            folder_id,
            name,
            path=path,
            description=description,
            project_id=project_id,
            environment=environment_slug,
        )
        return _convert.updated_folder(folder)

    def delete_folder(
        self,
        folder_id_or_name: str,
        environment_slug: str,
        project_id: str,
        path: str = "/",
        force_delete: bool = False,
    ) -> t.DeleteFolderResponseItem:
        """Delete a folder (by id, or by name under `path`) and everything in it."""
        folder = self._session.client.folders.delete(
            folder_id_or_name,
            path=path,
            force=force_delete,
            project_id=project_id,
            environment=environment_slug,
        )
        return _convert.deleted_folder(folder)
