"""Legacy service tokens: ``/api/v2/service-token`` (issue, delete, a token's own details) and
the project's list (``/api/v1/workspace/{id}/service-token-data``), as on Infisical."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import Field

from ..errors import bad_request
from ..openapi import json_body
from ..params import Params, parse
from ..services import service_tokens as svc
from ..wire.service_tokens import service_token_details_to_wire, service_token_to_wire
from ._deps import Ctx, Db, Raw, Who, WhoOrService

router = APIRouter(tags=["service-tokens"])

TOKENS = "/api/v2/service-token"


class ServiceTokenScope(Params):
    """One scope: an environment slug and a secret path (a glob: ``/**`` is every folder)."""

    environment: str = Field(min_length=1, max_length=64)
    secretPath: str = Field(default="/", min_length=1, max_length=1024)


class CreateServiceTokenParams(Params):
    """Body of ``POST /api/v2/service-token`` (``encryptedKey``, ``iv`` and ``tag``, the old
    clients' end-to-end encryption fields, are accepted and not used)."""

    name: str = Field(min_length=1, max_length=255)
    workspaceId: str | None = None
    projectId: str | None = None
    scopes: list[ServiceTokenScope] = Field(min_length=1, max_length=100)
    permissions: list[Literal["read", "write"]] = Field(min_length=1, max_length=2)
    expiresIn: int | None = Field(default=None, ge=0, le=svc.MAX_EXPIRES_IN)
    encryptedKey: str | None = None
    iv: str | None = None
    tag: str | None = None


@router.get(TOKENS)
@router.get(TOKENS + "/", include_in_schema=False)
def get_own_service_token(session: Db, actor: WhoOrService) -> dict[str, Any]:
    """The calling service token's details (``workspace`` is its project)."""
    return service_token_details_to_wire(svc.token_details(session, actor))


@router.post(TOKENS, openapi_extra=json_body(CreateServiceTokenParams))
def create_service_token(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Issue a service token (users): ``{serviceToken, serviceTokenData}``, shown once."""
    p = parse(CreateServiceTokenParams, raw)
    project_id = (p.workspaceId or p.projectId or "").strip()
    if not project_id:
        raise bad_request("workspaceId (the project id) is required")
    new = svc.NewServiceToken(
        name=p.name,
        project_id=project_id,
        scopes=[svc.TokenScope(s.environment, s.secretPath) for s in p.scopes],
        permissions=list(p.permissions),
        expires_in=p.expiresIn,
    )
    token, row = svc.create_service_token(session, ctx.root_key, actor, new)
    return {"serviceToken": token, "serviceTokenData": service_token_to_wire(row)}


@router.delete(TOKENS + "/{service_token_id}")
def delete_service_token(service_token_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Delete a service token (it stops working at once): ``{serviceTokenData}``."""
    row = svc.delete_service_token(session, actor, service_token_id)
    return {"serviceTokenData": service_token_to_wire(row)}


@router.get("/api/v1/workspace/{project_id}/service-token-data")
@router.get("/api/v1/projects/{project_id}/service-token-data", include_in_schema=False)
def list_service_tokens(project_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """A project's service tokens, newest first: ``{serviceTokenData: [...]}``."""
    rows = svc.list_service_tokens(session, actor, project_id)
    return {"serviceTokenData": [service_token_to_wire(r) for r in rows]}
