"""User (human) auth: ``/api/v3/auth/login``, ``select-organization``, cookie refresh,
logout and ``checkAuth``. The refresh token lives only in the httpOnly ``jid`` cookie."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from ..auth.tokens import bearer_token
from ..errors import unauthorized
from ..limits import EmailText, IdText
from ..openapi import json_body
from ..params import Params, parse
from ..services import user_auth
from ._deps import AnyWho, Ctx, Db, LoginSlot, Raw

router = APIRouter(tags=["users"])


COOKIE = "jid"


class LoginParams(Params):
    """Body of the user login."""

    email: EmailText
    password: str
    providerAuthToken: str | None = None
    captchaToken: str | None = None


class SelectOrgParams(Params):
    """Body of ``select-organization``."""

    organizationId: IdText
    userAgent: str | None = None


def _set_cookie(response: Response, refresh_token: str) -> None:
    response.set_cookie(
        COOKIE,
        refresh_token,
        httponly=True,
        samesite="strict",
        path="/",
        max_age=user_auth.REFRESH_TTL,
    )


@router.post("/api/v3/auth/login", openapi_extra=json_body(LoginParams))
def login(raw: Raw, _slot: LoginSlot, session: Db, ctx: Ctx, response: Response) -> dict[str, Any]:
    """Email + password: ``{accessToken}`` (no organization yet) and the ``jid`` cookie.

    The body is read, then a login slot taken, before the session and a request thread."""
    p = parse(LoginParams, raw)
    tokens = user_auth.login(session, ctx.jwt_secret, p.email, p.password)
    _set_cookie(response, tokens.refresh_token)
    return {"accessToken": tokens.access_token}


@router.post("/api/v3/auth/select-organization", openapi_extra=json_body(SelectOrgParams))
def select_organization(
    session: Db, ctx: Ctx, actor: AnyWho, raw: Raw, response: Response
) -> dict[str, Any]:
    """Scope the user's session to an organization: ``{token, isMfaEnabled}``."""
    p = parse(SelectOrgParams, raw)
    tokens = user_auth.select_organization(session, ctx.jwt_secret, actor, p.organizationId.strip())
    _set_cookie(response, tokens.refresh_token)
    return {"token": tokens.access_token, "isMfaEnabled": False}


@router.post("/api/v1/auth/token")
def refresh_token(request: Request, session: Db, ctx: Ctx) -> dict[str, Any]:
    """A new user access token from the ``jid`` cookie: ``{token, organizationId}``."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        raise unauthorized("Failed to find refresh token in request cookies")
    tokens = user_auth.refresh(session, ctx.jwt_secret, cookie)
    return {"token": tokens.access_token, "organizationId": tokens.organization_id}


@router.post("/api/v1/auth/logout")
def logout(request: Request, session: Db, ctx: Ctx, response: Response) -> dict[str, Any]:
    """End the user session named by the ``jid`` cookie or the Bearer token; clear cookies."""
    user_auth.logout(
        session,
        ctx.jwt_secret,
        refresh_token=request.cookies.get(COOKIE) or "",
        access_token=bearer_token(request.headers.get("authorization", "")),
    )
    response.delete_cookie(COOKIE, path="/")
    return {"message": "Successfully logged out."}


@router.post("/api/v1/auth/checkAuth")
def check_auth(actor: AnyWho) -> dict[str, Any]:
    """``{message: "Authenticated"}`` for any valid token."""
    return {"message": "Authenticated"}
