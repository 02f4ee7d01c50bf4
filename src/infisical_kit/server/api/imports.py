"""``/api/v2/secret-imports``: create, list, get, reorder/update and delete imports, and
read the secrets they bring in."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..openapi import json_body, query_params
from ..params import MAX_INT, Bool, FolderParams, Params, SecretPath, parse
from ..services import imports as svc
from ..services.scope import resolve_scope
from ..services.secret_reads import imported_secrets as imported_secrets_of
from ..wire.projects import import_details_to_wire, import_to_wire
from ..wire.secrets import imported_secrets_to_wire
from ._deps import Ctx, Db, Raw, Who

router = APIRouter(prefix="/api/v2/secret-imports", tags=["secret imports"])


class ImportScope(FolderParams):
    """Project, environment and folder path of an imports call."""


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


@router.post("", openapi_extra=json_body(CreateImport))
def create(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Import another environment/path into ``path``: ``{message, secretImport}``."""
    p = parse(CreateImport, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    entry = svc.create_import(
        session, scope, p.import_.environment, p.import_.path, is_replication=p.isReplication
    )
    return {"message": "Successfully created secret import", "secretImport": import_to_wire(entry)}


@router.get("", openapi_extra=query_params(ImportScope))
def list_imports(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """The imports of ``path`` in order: ``{message, secretImports}``."""
    scope = resolve_scope(session, actor, ctx.root_key, parse(ImportScope, raw).scope_ref)
    rows = [import_to_wire(entry) for entry in svc.list_imports(session, scope)]
    return {"message": "Successfully fetched secret imports", "secretImports": rows}


@router.get("/secrets", openapi_extra=query_params(ImportScope))
def imported_secrets(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """The secrets each import of ``path`` brings in: ``{secrets: [group]}``."""
    scope = resolve_scope(session, actor, ctx.root_key, parse(ImportScope, raw).scope_ref)
    groups = imported_secrets_of(session, scope, actor)
    return {"secrets": [imported_secrets_to_wire(group) for group in groups]}


@router.get("/{import_id}")
def get_by_id(import_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """One import by id, with its folder's environment, project and path."""
    return {"secretImport": import_details_to_wire(svc.import_details(session, actor, import_id))}


@router.patch("/{import_id}", openapi_extra=json_body(UpdateImport))
def update(import_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Change an import's source or move it to ``import.position``."""
    p = parse(UpdateImport, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    entry = svc.update_import(
        session,
        scope,
        import_id,
        env_slug=p.import_.environment,
        path=p.import_.path,
        position=p.import_.position,
    )
    return {"message": "Successfully updated secret import", "secretImport": import_to_wire(entry)}


@router.delete("/{import_id}", openapi_extra=json_body(ImportScope))
def delete(import_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Remove an import: ``{message, secretImport}`` as it was."""
    scope = resolve_scope(session, actor, ctx.root_key, parse(ImportScope, raw).scope_ref)
    entry = svc.delete_import(session, scope, import_id)
    return {"message": "Successfully deleted secret import", "secretImport": import_to_wire(entry)}
