"""Token auth: ``/api/v1/auth/token-auth/...`` (configuration and admin-issued tokens)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import Field

from ..limits import NameText
from ..openapi import json_body, query_params
from ..params import MAX_INT, Params, parse
from ..services import token_auth
from ..services.auth_methods import TOKEN_AUTH
from ..wire.identities import issued_token_to_wire, token_auth_to_wire, token_to_wire
from ._deps import Ctx, Db, Raw, Who

router = APIRouter(prefix="/api/v1/auth/token-auth", tags=["token auth"])


class TokenAuthParams(Params):
    """Token-auth settings (omitted fields keep their value)."""

    accessTokenTTL: int | None = None
    accessTokenMaxTTL: int | None = None
    accessTokenNumUsesLimit: int | None = Field(default=None, ge=0, le=MAX_INT)


class TokenNameParams(Params):
    """Body of token creation and rename."""

    name: NameText | None = None
    subOrganizationName: str | None = None


class PageParams(Params):
    """Pagination of the token list."""

    offset: int = 0
    limit: int = 20


def _settings(raw: dict[str, Any]) -> dict[str, Any]:
    return parse(TokenAuthParams, raw).model_dump(exclude_none=True)


@router.post("/identities/{identity_id}", openapi_extra=json_body(TokenAuthParams))
def attach(identity_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Attach token auth to an identity: ``{identityTokenAuth}``."""
    ta = token_auth.attach(session, actor, identity_id, _settings(raw))
    return {"identityTokenAuth": token_auth_to_wire(ta)}


@router.get("/identities/{identity_id}")
def get(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """The identity's token-auth settings."""
    return {
        "identityTokenAuth": token_auth_to_wire(TOKEN_AUTH.settings(session, actor, identity_id))
    }


@router.patch("/identities/{identity_id}", openapi_extra=json_body(TokenAuthParams))
def update(identity_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Change token-auth settings."""
    ta = token_auth.update(session, actor, identity_id, _settings(raw))
    return {"identityTokenAuth": token_auth_to_wire(ta)}


@router.delete("/identities/{identity_id}")
def detach(identity_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Remove token auth (its tokens stop working)."""
    ta = TOKEN_AUTH.detach(session, actor, identity_id)
    return {"identityTokenAuth": token_auth_to_wire(ta)}


@router.post("/identities/{identity_id}/tokens", openapi_extra=json_body(TokenNameParams))
def create_token(identity_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Issue a token: ``{accessToken, expiresIn, accessTokenMaxTTL, tokenType, tokenData}``."""
    p = parse(TokenNameParams, raw)
    issued = token_auth.create_token(session, ctx.jwt_secret, actor, identity_id, p.name)
    assert issued.row is not None
    return {**issued_token_to_wire(issued), "tokenData": token_to_wire(issued.row)}


@router.get("/identities/{identity_id}/tokens", openapi_extra=query_params(PageParams))
def list_tokens(identity_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """``{tokens: [...]}`` (``offset``, ``limit`` 1-100)."""
    p = parse(PageParams, raw)
    rows = token_auth.list_tokens(session, actor, identity_id, p.offset, p.limit)
    return {"tokens": [token_to_wire(r) for r in rows]}


@router.get("/tokens/{token_id}")
def get_token(token_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """``{token}``."""
    return {"token": token_to_wire(token_auth.get_token(session, actor, token_id))}


@router.patch("/tokens/{token_id}", openapi_extra=json_body(TokenNameParams))
def rename_token(token_id: str, session: Db, actor: Who, raw: Raw) -> dict[str, Any]:
    """Rename a token: ``{token}``."""
    p = parse(TokenNameParams, raw)
    return {"token": token_to_wire(token_auth.rename_token(session, actor, token_id, p.name))}


@router.post("/tokens/{token_id}/revoke")
def revoke_token(token_id: str, session: Db, actor: Who) -> dict[str, Any]:
    """Revoke a token."""
    token_auth.revoke_token(session, actor, token_id)
    return {"message": "Successfully revoked access token"}
