"""User (human) auth: ``/api/v3/auth/login``, ``select-organization``, cookie refresh,
logout and ``checkAuth``. The refresh token lives only in the httpOnly ``jid`` cookie."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ..auth import users
from ..auth.tokens import USER_REFRESH_TYPE, decode_user_token
from ..errors import ApiError, unauthorized
from ..openapi import json_body
from ..params import Params, parse
from ._deps import AnyWho, Ctx, Db, Raw

router = APIRouter(tags=["users"])


COOKIE = "jid"


class LoginParams(Params):
    """Body of the user login."""

    email: str
    password: str
    providerAuthToken: str | None = None
    captchaToken: str | None = None


class SelectOrgParams(Params):
    """Body of ``select-organization``."""

    organizationId: str
    userAgent: str | None = None


def _set_cookie(response: Response, refresh_token: str) -> None:
    response.set_cookie(
        COOKIE,
        refresh_token,
        httponly=True,
        samesite="strict",
        path="/",
        max_age=users.REFRESH_TTL,
    )


@router.post("/api/v3/auth/login", openapi_extra=json_body(LoginParams))
def login(session: Db, ctx: Ctx, raw: Raw, response: Response) -> dict[str, Any]:
    """Email + password: ``{accessToken}`` (no organization yet) and the ``jid`` cookie."""
    p = parse(LoginParams, raw)
    tokens = users.login(session, ctx.jwt_secret, p.email, p.password)
    _set_cookie(response, tokens.refresh_token)
    return {"accessToken": tokens.access_token}


@router.post("/api/v3/auth/select-organization", openapi_extra=json_body(SelectOrgParams))
def select_organization(
    session: Db, ctx: Ctx, actor: AnyWho, raw: Raw, response: Response
) -> dict[str, Any]:
    """Scope the user's session to an organization: ``{token, isMfaEnabled}``."""
    p = parse(SelectOrgParams, raw)
    if actor.kind != "user" or actor.token_id is None:
        raise ApiError(403, "Only users can select an organization", "ForbiddenError")
    tokens = users.select_organization(
        session, ctx.jwt_secret, actor.id, actor.token_id, p.organizationId.strip()
    )
    _set_cookie(response, tokens.refresh_token)
    return {"token": tokens.access_token, "isMfaEnabled": False}


@router.post("/api/v1/auth/token")
def refresh_token(request: Request, session: Db, ctx: Ctx) -> dict[str, Any]:
    """A new user access token from the ``jid`` cookie: ``{token, organizationId}``."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        raise unauthorized("Failed to find refresh token in request cookies")
    tokens = users.refresh(session, ctx.jwt_secret, cookie)
    return {"token": tokens.access_token, "organizationId": tokens.organization_id}


@router.post("/api/v1/auth/logout")
def logout(request: Request, session: Db, ctx: Ctx, response: Response) -> dict[str, Any]:
    """End the user session named by the ``jid`` cookie or the Bearer token; clear cookies."""
    session_id: str | None = None
    cookie = request.cookies.get(COOKIE)
    header = request.headers.get("authorization", "")
    bearer = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if cookie:
        session_id = decode_user_token(ctx.jwt_secret, cookie, USER_REFRESH_TYPE)["tokenVersionId"]
    elif bearer:
        session_id = decode_user_token(ctx.jwt_secret, bearer, "accessToken")["tokenVersionId"]
    else:
        raise unauthorized("Token missing")
    users.logout(session, str(session_id))
    response.delete_cookie(COOKIE, path="/")
    return {"message": "Successfully logged out."}


@router.post("/api/v1/auth/checkAuth")
def check_auth(actor: AnyWho) -> dict[str, Any]:
    """``{message: "Authenticated"}`` for any valid token."""
    return {"message": "Authenticated"}
