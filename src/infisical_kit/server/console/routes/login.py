"""Log in (e-mail and password, the API's own login) and log out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse

from ...auth.hashing import login_slot
from ...errors import ApiError
from .._deps import Ctx, Db, Fields, Form, read_form
from ..render import ConsoleRoute, done, page, secure
from ..session import (
    COOKIE,
    LOGIN_COOKIE,
    SESSION_SECONDS,
    LoginRequired,
    check_csrf,
    count_login_attempt,
    current_user,
    log_in,
    log_out,
    new_login_token,
    set_cookie,
)

router = APIRouter(route_class=ConsoleRoute, include_in_schema=False)


def _next(target: str) -> str:
    """Where to go after logging in: a path of this console, never another site."""
    ok = target.startswith("/") and not target.startswith("//") and "\\" not in target
    return target if ok and not target.startswith("/api/") else "/"


def _form(request: Request, *, email: str = "", error: str = "", status: int = 200) -> Response:
    token = new_login_token()
    context = {
        "user": None,
        "token": token,
        "email": email,
        "error": error,
        "next": _next(request.query_params.get("next", "/")),
    }
    response = page(request, "login.html", context, status=status)
    set_cookie(response, request, LOGIN_COOKIE, token, 3600)
    return response


@router.get("/login")
def login_form(request: Request, ctx: Ctx, session: Db) -> Response:
    """The login form (straight to the projects when already logged in)."""
    try:
        current_user(request, ctx, session)
    except LoginRequired:
        return _form(request)
    return secure(RedirectResponse("/", status_code=303))


async def _login_fields(request: Request) -> Fields:
    """The login form: same origin, and the token of the cookie set with the form."""
    fields = await read_form(request)
    check_csrf(request.cookies.get(LOGIN_COOKIE, ""), fields.get("csrf"))
    return fields


@router.post("/login")
def login(
    request: Request,
    fields: Annotated[Fields, Depends(_login_fields)],
    _slot: Annotated[None, Depends(login_slot)],
    ctx: Ctx,
    session: Db,
) -> Response:
    """Check the e-mail and password; on success set the session cookie."""
    email = fields.get("email").strip()
    try:
        count_login_attempt(request, ctx)
        token = log_in(session, ctx, email, fields.get("password"))
    except ApiError as exc:
        if exc.status_code in (400, 401):
            return _form(request, email=email, error="Wrong e-mail or password.", status=401)
        message = exc.message if isinstance(exc.message, str) else "Login failed"
        return _form(request, email=email, error=message, status=exc.status_code)
    response = secure(RedirectResponse(_next(fields.get("next", "/")), status_code=303))
    set_cookie(response, request, COOKIE, token, SESSION_SECONDS)
    response.delete_cookie(LOGIN_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(request: Request, ctx: Ctx, session: Db, _posted: Form) -> Response:
    """End the session: its row is revoked, so the cookie (and its token) stop working."""
    log_out(session, ctx, request)
    response = done(request, "/login", "You are logged out.")
    response.delete_cookie(COOKIE, path="/")
    return response
