"""Universal-auth login (with and without trailing slash) plus token renew and revoke."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from ..params import Params, parse, request_params
from ..services import identity_auth
from ..state import ServerContext, get_context, get_session

router = APIRouter(tags=["auth"])

Ctx = Annotated[ServerContext, Depends(get_context)]
Db = Annotated[Session, Depends(get_session)]
Raw = Annotated[dict[str, Any], Depends(request_params)]


class LoginParams(Params):
    """Universal-auth login body."""

    clientId: str
    clientSecret: str
    subOrganizationName: str | None = None


class TokenParams(Params):
    """Body of renew and revoke."""

    accessToken: str


@router.post("/api/v1/auth/universal-auth/login")
@router.post("/api/v1/auth/universal-auth/login/", include_in_schema=False)
def universal_auth_login(session: Db, ctx: Ctx, raw: Raw) -> dict[str, Any]:
    """Exchange ``clientId`` + ``clientSecret`` for an access token."""
    p = parse(LoginParams, raw)
    issued = identity_auth.login(session, ctx.jwt_secret, p.clientId.strip(), p.clientSecret)
    return issued.to_wire()


@router.post("/api/v1/auth/token/renew")
def renew_access_token(session: Db, ctx: Ctx, raw: Raw) -> dict[str, Any]:
    """Renew an identity access token (before its JWT expires)."""
    p = parse(TokenParams, raw)
    return identity_auth.renew(session, ctx.jwt_secret, p.accessToken.strip()).to_wire()


@router.post("/api/v1/auth/token/revoke")
def revoke_access_token(session: Db, ctx: Ctx, raw: Raw) -> dict[str, Any]:
    """Revoke an identity access token."""
    p = parse(TokenParams, raw)
    identity_auth.revoke(session, ctx.jwt_secret, p.accessToken.strip())
    return {"message": "Successfully revoked access token"}
