"""``/api/v2/folders`` (and the deprecated ``/api/v1/folders``): folder CRUD."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..openapi import json_body, query_params
from ..params import Bool, Params, SecretPath, parse
from ..schema import Folder
from ..services import folders as svc
from ..services.scope import Scope, require_write, resolve_scope
from ..state import ServerContext
from ._deps import Ctx, Db, Raw, Who
from .wire import iso

router = APIRouter(prefix="/api/v2/folders", tags=["folders"])
v1_router = APIRouter(prefix="/api/v1/folders", tags=["folders (deprecated v1)"])


class FolderScope(Params):
    """Project, environment and parent path of a folder call (``directory`` is v1's name)."""

    projectId: str | None = None
    workspaceId: str | None = None
    environment: str | None = None
    path: SecretPath = "/"
    directory: SecretPath | None = None


class CreateFolder(FolderScope):
    """Body of a folder create."""

    name: str = Field(min_length=1)
    description: str | None = None


class ListFolders(FolderScope):
    """Query of a folder list."""

    recursive: Bool = False
    lastSecretModified: datetime | None = None


class UpdateFolder(FolderScope):
    """Body of a folder update: ``name`` is the new name."""

    name: str | None = Field(default=None, min_length=1)
    description: str | None = None


class BatchItem(Params):
    """One folder of a batch update."""

    id: str = Field(min_length=1)
    environment: str = Field(min_length=1)
    name: str = Field(min_length=1)
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


def folder_to_wire(
    folder: Folder, *, with_path: bool = True, last_modified: datetime | None = None
) -> dict[str, Any]:
    """The folder object (plus its ``path`` unless ``with_path`` is false)."""
    out: dict[str, Any] = {
        "id": folder.id,
        "name": folder.name,
        "version": folder.version,
        "createdAt": iso(folder.created_at),
        "updatedAt": iso(folder.updated_at),
        "envId": folder.env_id,
        "parentId": folder.parent_id,
        "isReserved": False,
        "description": folder.description,
        "lastSecretModified": iso(last_modified) if last_modified else None,
    }
    if with_path:
        out["path"] = folder.path
    return out


def _scope(
    session: Session, ctx: ServerContext, actor: Actor, p: FolderScope, env: str | None = None
) -> Scope:
    return resolve_scope(
        session,
        actor,
        ctx.root_key,
        project_id=p.projectId or p.workspaceId,
        project_slug=None,
        environment=env if env is not None else p.environment,
        path=p.directory if p.directory is not None else p.path,
    )


def _naive_utc(when: datetime) -> datetime:
    return when if when.tzinfo is None else when.astimezone(timezone.utc).replace(tzinfo=None)


def create(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a folder under ``path``: ``{folder}``."""
    p = parse(CreateFolder, raw)
    scope = _scope(session, ctx, actor, p)
    require_write(scope, "create")
    folder = svc.create_folder(session, scope.folder, p.name, p.description)
    session.commit()
    return {"folder": folder_to_wire(folder)}


def list_folders(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Child folders of ``path`` (every descendant with ``recursive``): ``{folders}``.

    ``lastSecretModified`` keeps only folders with a secret changed at or after that time.
    """
    p = parse(ListFolders, raw)
    scope = _scope(session, ctx, actor, p)
    if p.recursive:
        rows = svc.descendants(session, scope.folder)
    else:
        stmt = select(Folder).where(Folder.parent_id == scope.folder.id).order_by(Folder.name)
        rows = list(session.scalars(stmt))
    modified = svc.last_secret_modified(session, [f.id for f in rows])
    if p.lastSecretModified is not None:
        since = _naive_utc(p.lastSecretModified)
        rows = [f for f in rows if f.id in modified and modified[f.id] >= since]
    base = "" if scope.path == "/" else scope.path
    out = []
    for f in rows:
        item = folder_to_wire(f, last_modified=modified.get(f.id))
        if p.recursive:
            item["relativePath"] = f.path[len(base) :]
        out.append(item)
    return {"folders": out}


def get_by_id(folder_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One folder by id with its environment, path and project: ``{folder}``."""
    folder, env, _role = svc.folder_for_actor(session, actor, folder_id)
    item = folder_to_wire(
        folder, last_modified=svc.last_secret_modified(session, [folder.id]).get(folder.id)
    )
    item["environment"] = {"envId": env.id, "envName": env.name, "envSlug": env.slug}
    item["projectId"] = env.project_id
    return {"folder": item}


def update_batch(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Rename/describe several folders in one transaction: ``{folders}``."""
    p = parse(BatchUpdate, raw)
    out = []
    for item in p.folders:
        scope = _scope(
            session,
            ctx,
            actor,
            FolderScope(projectId=p.projectId or p.workspaceId, path=item.path),
            item.environment,
        )
        require_write(scope, "edit")
        folder = svc.find_child(session, scope.folder, item.id)
        out.append(
            folder_to_wire(
                svc.update_folder(session, folder, item.name, item.description), with_path=False
            )
        )
    session.commit()
    return {"folders": out}


def update(folder_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Rename a folder and/or change its description: ``{folder}``."""
    p = parse(UpdateFolder, raw)
    scope = _scope(session, ctx, actor, p)
    require_write(scope, "edit")
    folder = svc.find_child(session, scope.folder, folder_id)
    svc.update_folder(session, folder, p.name, p.description)
    session.commit()
    return {"folder": folder_to_wire(folder)}


def delete(folder_id_or_name: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Delete a folder under ``path`` with everything in it: ``{folder}`` (no ``path``)."""
    p = parse(DeleteFolder, raw)
    scope = _scope(session, ctx, actor, p)
    require_write(scope, "delete")
    folder = svc.find_child(session, scope.folder, folder_id_or_name)
    wire = folder_to_wire(folder, with_path=False)
    svc.delete_folder(session, folder)
    session.commit()
    return {"folder": wire}


for _r in (router, v1_router):
    _r.add_api_route(
        "",
        create,
        methods=["POST"],
        summary="Create a folder",
        openapi_extra=json_body(CreateFolder),
    )
    _r.add_api_route(
        "",
        list_folders,
        methods=["GET"],
        summary="List folders",
        openapi_extra=query_params(ListFolders),
    )
    _r.add_api_route(
        "/batch",
        update_batch,
        methods=["PATCH"],
        summary="Update folders",
        openapi_extra=json_body(BatchUpdate),
    )
    _r.add_api_route("/{folder_id}", get_by_id, methods=["GET"], summary="Get a folder")
    _r.add_api_route(
        "/{folder_id}",
        update,
        methods=["PATCH"],
        summary="Update a folder",
        openapi_extra=json_body(UpdateFolder),
    )
    _r.add_api_route(
        "/{folder_id_or_name}",
        delete,
        methods=["DELETE"],
        summary="Delete a folder",
        openapi_extra=json_body(DeleteFolder),
    )
