"""The console's login session: an HttpOnly, SameSite=Strict cookie holding a user access
JWT (it names a ``user_sessions`` row, so logout revokes it everywhere), the per-session
CSRF token derived from it, and the same-origin check every POST passes.

The session comes from the API's own login (``services/user_auth``): the same password
check, lockout and session rows; the login form also counts in the API login's rate-limit
bucket.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from fastapi import Request, Response
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.token_rows import user_from_claims
from ..auth.tokens import USER_ACCESS_TYPE, decode_user_token
from ..errors import ApiError
from ..ratelimit import RateLimiter, bucket_for
from ..services import organizations, user_auth
from ..state import ServerContext

COOKIE = "infisical_kit_console"
LOGIN_COOKIE = "infisical_kit_console_login"
FLASH_COOKIE = "infisical_kit_console_flash"
#: The console session lasts as long as the user access token it holds.
SESSION_SECONDS = user_auth.ACCESS_TTL
CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


class LoginRequired(Exception):
    """No usable console session: a page redirects to the login form."""


class Refused(ApiError):
    """403 for a request that fails the CSRF or same-origin check."""

    def __init__(self, why: str) -> None:
        super().__init__(403, f"Refused: {why}. Reload the page and try again.", "Forbidden")


@dataclass(frozen=True)
class ConsoleUser:
    """The person logged in to the console: the actor the services see, and the page data."""

    actor: Actor
    email: str
    csrf: str = ""


def csrf_token(jwt_secret: str, session_id: str) -> str:
    """The CSRF token of one user session (an HMAC: nothing to store, dies with the key)."""
    message = f"infisical-kit-console-csrf|{session_id}".encode()
    return hmac.new(jwt_secret.encode(), message, hashlib.sha256).hexdigest()


def current_user(request: Request, ctx: ServerContext, session: Session) -> ConsoleUser:
    """The user whose console cookie this request carries; :class:`LoginRequired` when it
    is missing, expired, logged out or has no organization."""
    token = request.cookies.get(COOKIE, "")
    if not token:
        raise LoginRequired
    try:
        claims = decode_user_token(ctx.jwt_secret, token, USER_ACCESS_TYPE)
        user, user_session = user_from_claims(session, claims)
    except ApiError:
        raise LoginRequired from None
    org_id = claims.get("organizationId")
    if not isinstance(org_id, str) or org_id != user.org_id:
        raise LoginRequired
    actor = Actor(kind="user", id=user.id, token_id=user_session.id, org_id=org_id)
    return ConsoleUser(actor, user.email, csrf_token(ctx.jwt_secret, user_session.id))


def log_in(session: Session, ctx: ServerContext, email: str, password: str) -> str:
    """Check the password with the API's login (lockout included) and select the user's
    organization: the access token the console cookie holds. 401 on a mismatch."""
    secret = ctx.jwt_secret
    first = user_auth.login(session, secret, email, password)
    claims = decode_user_token(secret, first.access_token, USER_ACCESS_TYPE)
    actor = Actor(kind="user", id=claims["userId"], token_id=claims["tokenVersionId"])
    orgs = organizations.actor_organizations(session, actor)
    if not orgs:
        raise ApiError(403, "This user belongs to no organization", "Forbidden")
    tokens = user_auth.select_organization(session, secret, actor, orgs[0].id)
    return tokens.access_token


def log_out(session: Session, ctx: ServerContext, request: Request) -> None:
    """Revoke the user session of the console cookie (its tokens stop working everywhere)."""
    token = request.cookies.get(COOKIE, "")
    if token:
        with contextlib.suppress(ApiError):  # expired or malformed: nothing left to revoke
            user_auth.logout(session, ctx.jwt_secret, refresh_token="", access_token=token)


def count_login_attempt(request: Request, ctx: ServerContext) -> None:
    """Count a login form post in the API login's rate-limit bucket for this client (429
    once the bucket is full): both logins share one budget per client."""
    limiter = RateLimiter(ctx.engine, ctx.settings.rate_limits)
    bucket = bucket_for("POST", "/api/v3/auth/login")
    if bucket is None or not limiter.enabled:
        return
    client = request.client.host if request.client else "unknown"
    decision = limiter.hit(bucket, client)
    if decision is not None and not decision.allowed:
        raise ApiError(
            429,
            f"Too many login attempts. Please try again in {decision.reset_after} seconds",
            "RateLimitExceeded",
        )


def check_same_origin(request: Request) -> None:
    """Refuse a POST that another site's page sent: its ``Origin`` (or, without one, its
    ``Sec-Fetch-Site``/``Referer``) must be this server."""
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    origin = request.headers.get("origin")
    if origin is not None:
        if origin != own:
            raise Refused("the form was sent from another site")
        return
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        raise Refused("the form was sent from another site")
    referer = request.headers.get("referer")
    if referer:
        parts = urlsplit(referer)
        if f"{parts.scheme}://{parts.netloc}" != own:
            raise Refused("the form was sent from another site")


def check_csrf(expected: str, sent: str) -> None:
    """Refuse a POST whose CSRF token is missing or wrong."""
    if not expected or not sent or not hmac.compare_digest(expected, sent):
        raise Refused("the form's security token is missing or out of date")


def new_login_token() -> str:
    """A random token for the login form (double-submit: cookie and hidden field)."""
    return secrets.token_urlsafe(24)


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    """Set one of the console's cookies: HttpOnly, SameSite=Strict, Secure over HTTPS."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
