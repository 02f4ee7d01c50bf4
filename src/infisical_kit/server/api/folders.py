"""``/api/v2/folders``: create and list folders (enough for nested secret paths)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..auth.deps import Actor, require_actor
from ..params import Params, SecretPath, parse, request_params
from ..schema import Folder
from ..services.projects import create_folder
from ..services.scope import require_write, resolve_scope
from ..state import ServerContext, get_context, get_session
from .wire import iso

router = APIRouter(prefix="/api/v2/folders", tags=["folders"])

Ctx = Annotated[ServerContext, Depends(get_context)]
Db = Annotated[Session, Depends(get_session)]
Who = Annotated[Actor, Depends(require_actor)]
Raw = Annotated[dict[str, Any], Depends(request_params)]


class FolderScope(Params):
    """Project, environment and parent path of a folder call."""

    projectId: str | None = None
    workspaceId: str | None = None
    environment: str | None = None
    path: SecretPath = "/"
    directory: SecretPath | None = None


class CreateFolder(FolderScope):
    """Body of a folder create."""

    name: str = Field(min_length=1)
    description: str | None = None


def folder_to_wire(folder: Folder) -> dict[str, Any]:
    """The folder object (plus its ``path``)."""
    return {
        "id": folder.id,
        "name": folder.name,
        "version": folder.version,
        "createdAt": iso(folder.created_at),
        "updatedAt": iso(folder.updated_at),
        "envId": folder.env_id,
        "parentId": folder.parent_id,
        "isReserved": False,
        "description": folder.description,
        "path": folder.path,
    }


def _parent_path(p: FolderScope) -> str:
    return p.directory if p.directory is not None else p.path


@router.post("")
def create(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a folder under ``path``: ``{folder}``."""
    p = parse(CreateFolder, raw)
    scope = resolve_scope(
        session,
        actor,
        ctx.root_key,
        project_id=p.projectId or p.workspaceId,
        project_slug=None,
        environment=p.environment,
        path=_parent_path(p),
    )
    require_write(scope, "create")
    return {"folder": folder_to_wire(create_folder(session, scope.folder, p.name, p.description))}


@router.get("")
def list_folders(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Direct child folders of ``path``: ``{folders}``."""
    p = parse(FolderScope, raw)
    scope = resolve_scope(
        session,
        actor,
        ctx.root_key,
        project_id=p.projectId or p.workspaceId,
        project_slug=None,
        environment=p.environment,
        path=_parent_path(p),
    )
    rows = session.scalars(
        select(Folder).where(Folder.parent_id == scope.folder.id).order_by(Folder.name)
    )
    return {"folders": [folder_to_wire(f) for f in rows]}
