"""The secrets routes, declared once: ``/api/v4/secrets`` and ``/api/v3/secrets/raw`` differ only
in their paths (and in whether a list includes the caller's personal secrets). Legacy service
tokens are accepted on all of them, within their scopes, as on Infisical."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ...openapi import json_body, query_params
from ...params import SecretScopeParams
from .._deps import Ctx, Db, Raw, WhoOrService
from .batch import batch_create, batch_delete, batch_update
from .handlers import create_handler, delete_handler, update_handler
from .params import (
    BatchCreate,
    BatchDelete,
    BatchUpdate,
    CreateParams,
    GetParams,
    ListParams,
    UpdateParams,
)
from .read import get_secret_route, list_secrets_route


def secrets_router(
    prefix: str, tag: str, *, batch: str, base: str, v3: bool, list_doc: str
) -> APIRouter:
    """A router for the secrets routes under `prefix`: batch routes at `batch`, the list at
    `base` and one secret at ``{base}/{name}``; `v3` selects the v3 list semantics."""
    router = APIRouter(prefix=prefix, tags=[tag])

    @router.post(batch, openapi_extra=json_body(BatchCreate))
    def create_batch(session: Db, ctx: Ctx, actor: WhoOrService, raw: Raw) -> dict[str, Any]:
        """Create several shared secrets at once: ``{secrets}``."""
        return batch_create(session, ctx, actor, raw)

    @router.patch(batch, openapi_extra=json_body(BatchUpdate))
    def update_batch(session: Db, ctx: Ctx, actor: WhoOrService, raw: Raw) -> dict[str, Any]:
        """Update (or upsert) several secrets at once: ``{secrets}``."""
        return batch_update(session, ctx, actor, raw)

    @router.delete(batch, openapi_extra=json_body(BatchDelete))
    def delete_batch(session: Db, ctx: Ctx, actor: WhoOrService, raw: Raw) -> dict[str, Any]:
        """Delete several secrets at once: ``{secrets}``."""
        return batch_delete(session, ctx, actor, raw)

    async def list_secrets(request: Request) -> JSONResponse:
        return await list_secrets_route(request, v3=v3)

    list_secrets.__doc__ = list_doc
    router.get(base, openapi_extra=query_params(ListParams))(list_secrets)

    @router.get(base + "/{name}", openapi_extra=query_params(GetParams))
    async def get_secret(name: str, request: Request) -> JSONResponse:
        """Get a secret by name: ``{secret}``."""
        return await get_secret_route(request, name)

    @router.post(base + "/{name}", openapi_extra=json_body(CreateParams))
    def create_secret(
        name: str, session: Db, ctx: Ctx, actor: WhoOrService, raw: Raw
    ) -> dict[str, Any]:
        """Create a secret: ``{secret}`` (200, like Infisical)."""
        return create_handler(session, ctx, actor, raw, name)

    @router.patch(base + "/{name}", openapi_extra=json_body(UpdateParams))
    def update_secret(
        name: str, session: Db, ctx: Ctx, actor: WhoOrService, raw: Raw
    ) -> dict[str, Any]:
        """Update or rename a secret: ``{secret}``."""
        return update_handler(session, ctx, actor, raw, name)

    @router.delete(base + "/{name}", openapi_extra=json_body(SecretScopeParams))
    def delete_secret(
        name: str, session: Db, ctx: Ctx, actor: WhoOrService, raw: Raw
    ) -> dict[str, Any]:
        """Delete a secret: ``{secret}`` as it was."""
        return delete_handler(session, ctx, actor, raw, name)

    return router
