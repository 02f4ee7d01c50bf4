"""``/api/v2/folders`` (and the deprecated ``/api/v1/folders``): folder CRUD."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..limits import RequiredName
from ..openapi import json_body, query_params
from ..params import Bool, FolderParams, Params, SecretPath, parse
from ..services import folders as svc
from ..services.scope import ScopeRef, resolve_scope
from ..wire.projects import folder_details_to_wire, folder_to_wire
from ._deps import Ctx, Db, Raw, Who

router = APIRouter(prefix="/api/v2/folders", tags=["folders"])
v1_router = APIRouter(prefix="/api/v1/folders", tags=["folders (deprecated v1)"])


class FolderScope(FolderParams):
    """Project, environment and parent path of a folder call (``directory`` is v1's name)."""

    directory: SecretPath | None = None

    @property
    def scope_ref(self) -> ScopeRef:
        """The parent folder this call names (``directory`` wins over ``path``)."""
        path = self.directory if self.directory is not None else self.path
        return replace(super().scope_ref, path=path)


class CreateFolder(FolderScope):
    """Body of a folder create."""

    name: RequiredName
    description: str | None = None


class ListFolders(FolderScope):
    """Query of a folder list."""

    recursive: Bool = False
    lastSecretModified: datetime | None = None


class UpdateFolder(FolderScope):
    """Body of a folder update: ``name`` is the new name."""

    name: RequiredName | None = None
    description: str | None = None


class BatchItem(Params):
    """One folder of a batch update."""

    id: str = Field(min_length=1)
    environment: str = Field(min_length=1)
    name: RequiredName
    path: SecretPath = "/"
    description: str | None = None


class BatchUpdate(Params):
    """Body of ``PATCH /batch``."""

    projectId: str | None = None
    workspaceId: str | None = None
    folders: list[BatchItem] = Field(min_length=1)


class DeleteFolder(FolderScope):
    """Body of a folder delete."""

    forceDelete: Bool = False


def create(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a folder under ``path``: ``{folder}``."""
    p = parse(CreateFolder, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    return {"folder": folder_to_wire(svc.create_folder(session, scope, p.name, p.description))}


def list_folders(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Child folders of ``path`` (every descendant with ``recursive``): ``{folders}``.

    ``lastSecretModified`` keeps only folders with a secret changed at or after that time.
    """
    p = parse(ListFolders, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    rows = svc.list_folders(
        session, scope, recursive=p.recursive, modified_since=p.lastSecretModified
    )
    base = "" if scope.path == "/" else scope.path
    out = []
    for folder, modified in rows:
        item = folder_to_wire(folder, last_modified=modified)
        if p.recursive:
            item["relativePath"] = folder.path[len(base) :]
        out.append(item)
    return {"folders": out}


def get_by_id(folder_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One folder by id with its environment, path and project: ``{folder}``."""
    return {"folder": folder_details_to_wire(svc.folder_details(session, actor, folder_id))}


def update_batch(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Rename/describe several folders in one transaction: ``{folders}``."""
    p = parse(BatchUpdate, raw)
    changes = [
        svc.FolderChange(item.id, item.environment, item.path, item.name, item.description)
        for item in p.folders
    ]
    folders = svc.update_folders(
        session, ctx.root_key, actor, p.projectId or p.workspaceId, changes
    )
    return {"folders": [folder_to_wire(f, with_path=False) for f in folders]}


def update(folder_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Rename a folder and/or change its description: ``{folder}``."""
    p = parse(UpdateFolder, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    folder = svc.update_folder(session, scope, folder_id, p.name, p.description)
    return {"folder": folder_to_wire(folder)}


def delete(folder_id_or_name: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Delete a folder under ``path`` with everything in it: ``{folder}`` (no ``path``)."""
    p = parse(DeleteFolder, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    folder = svc.delete_folder(session, scope, folder_id_or_name)
    return {"folder": folder_to_wire(folder, with_path=False)}


ROUTES = (  # path, handler, method, summary, documented parameters
    ("", create, "POST", "Create a folder", json_body(CreateFolder)),
    ("", list_folders, "GET", "List folders", query_params(ListFolders)),
    ("/batch", update_batch, "PATCH", "Update folders", json_body(BatchUpdate)),
    ("/{folder_id}", get_by_id, "GET", "Get a folder", None),
    ("/{folder_id}", update, "PATCH", "Update a folder", json_body(UpdateFolder)),
    ("/{folder_id_or_name}", delete, "DELETE", "Delete a folder", json_body(DeleteFolder)),
)
for _r in (router, v1_router):
    for _path, _handler, _method, _summary, _extra in ROUTES:
        _r.add_api_route(_path, _handler, methods=[_method], summary=_summary, openapi_extra=_extra)
