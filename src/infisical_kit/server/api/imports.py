"""``/api/v2/secret-imports``: create, list, get, reorder/update and delete imports, and
read the secrets they bring in."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field
from sqlalchemy.orm import Session

from ..actor import Actor
from ..openapi import json_body, query_params
from ..params import MAX_INT, Bool, Params, SecretPath, parse
from ..schema import Environment, SecretImport
from ..services import imports as svc
from ..services import secrets as secrets_svc
from ..services.scope import Scope, require_write, resolve_scope
from ..state import ServerContext
from ._deps import Ctx, Db, Raw, Who
from .wire import iso, secret_to_wire

router = APIRouter(prefix="/api/v2/secret-imports", tags=["secret imports"])


class ImportScope(Params):
    """Project, environment and folder path of an imports call."""

    projectId: str | None = None
    workspaceId: str | None = None
    environment: str | None = None
    path: SecretPath = "/"


class ImportSource(Params):
    """The imported environment and path."""

    environment: str = Field(min_length=1)
    path: SecretPath = "/"


class CreateImport(ImportScope):
    """Body of an import create."""

    import_: ImportSource = Field(alias="import")
    isReplication: Bool = False


class ImportChanges(Params):
    """What an update may change."""

    environment: str | None = Field(default=None, min_length=1)
    path: SecretPath | None = None
    position: int | None = Field(default=None, ge=-MAX_INT, le=MAX_INT)


class UpdateImport(ImportScope):
    """Body of an import update."""

    import_: ImportChanges = Field(alias="import")


def import_to_wire(row: SecretImport, env: Environment) -> dict[str, Any]:
    """The secret import object."""
    return {
        "id": row.id,
        "version": row.version,
        "importPath": row.import_path,
        "importEnv": {"name": env.name, "slug": env.slug, "id": env.id},
        "position": row.position,
        "createdAt": iso(row.created_at),
        "updatedAt": iso(row.updated_at),
        "folderId": row.folder_id,
        "isReplication": row.is_replication,
    }


def _scope(session: Session, ctx: ServerContext, actor: Actor, p: ImportScope) -> Scope:
    return resolve_scope(
        session,
        actor,
        ctx.root_key,
        project_id=p.projectId or p.workspaceId,
        project_slug=None,
        environment=p.environment,
        path=p.path,
    )


def _wire(session: Session, row: SecretImport) -> dict[str, Any]:
    env = session.get(Environment, row.import_env_id)
    assert env is not None
    return import_to_wire(row, env)


@router.post("", openapi_extra=json_body(CreateImport))
def create(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Import another environment/path into ``path``: ``{message, secretImport}``."""
    p = parse(CreateImport, raw)
    scope = _scope(session, ctx, actor, p)
    require_write(scope, "create")
    row = svc.create_import(
        session, scope, p.import_.environment, p.import_.path, is_replication=p.isReplication
    )
    session.commit()
    return {"message": "Successfully created secret import", "secretImport": _wire(session, row)}


@router.get("", openapi_extra=query_params(ImportScope))
def list_imports(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """The imports of ``path`` in order: ``{message, secretImports}``."""
    scope = _scope(session, ctx, actor, parse(ImportScope, raw))
    rows = [_wire(session, r) for r in svc.list_imports(session, scope.folder)]
    return {"message": "Successfully fetched secret imports", "secretImports": rows}


@router.get("/secrets", openapi_extra=query_params(ImportScope))
def imported_secrets(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """The secrets each import of ``path`` brings in: ``{secrets: [group]}``."""
    scope = _scope(session, ctx, actor, parse(ImportScope, raw))
    groups = []
    for imp in svc.resolve_imports(session, scope):
        views = []
        if imp.source is not None:
            views = secrets_svc.list_secrets(
                session, imp.source, actor, recursive=False, include_personal=False
            )
        groups.append(
            {
                "secretPath": imp.row.import_path,
                "environment": imp.env.slug,
                "environmentInfo": {"id": imp.env.id, "name": imp.env.name, "slug": imp.env.slug},
                "folderId": imp.source.folder.id if imp.source is not None else None,
                "secrets": [secret_to_wire(v) for v in views],
            }
        )
    return {"secrets": groups}


@router.get("/{import_id}")
def get_by_id(import_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One import by id, with its folder's environment, project and path."""
    row, folder, env, src, project = svc.import_for_actor(session, actor, import_id)
    item = import_to_wire(row, src)
    item["environment"] = {"id": env.id, "name": env.name, "slug": env.slug}
    item["projectId"] = project.id
    item["secretPath"] = folder.path
    return {"secretImport": item}


@router.patch("/{import_id}", openapi_extra=json_body(UpdateImport))
def update(import_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Change an import's source or move it to ``import.position``."""
    p = parse(UpdateImport, raw)
    scope = _scope(session, ctx, actor, p)
    require_write(scope, "edit")
    row = svc.find_import(session, scope, import_id)
    svc.update_import(
        session,
        scope,
        row,
        env_slug=p.import_.environment,
        path=p.import_.path,
        position=p.import_.position,
    )
    session.commit()
    return {"message": "Successfully updated secret import", "secretImport": _wire(session, row)}


@router.delete("/{import_id}", openapi_extra=json_body(ImportScope))
def delete(import_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Remove an import: ``{message, secretImport}`` as it was."""
    scope = _scope(session, ctx, actor, parse(ImportScope, raw))
    require_write(scope, "delete")
    row = svc.find_import(session, scope, import_id)
    wire = _wire(session, row)
    svc.delete_import(session, scope, row)
    session.commit()
    return {"message": "Successfully deleted secret import", "secretImport": wire}
