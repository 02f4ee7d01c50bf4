"""The FastAPI dependencies that turn an ``Authorization`` header into an :class:`Actor`.

An actor is a machine identity (universal-auth or token-auth access token) or a user (user
access JWT). Project endpoints need an organization: a user token from ``/api/v3/auth/login``
carries none until ``select-organization`` and is refused there with 403.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request
from sqlalchemy import update
from sqlalchemy.orm import Session

from ..errors import ApiError, bad_request, token_error, unauthorized
from ..schema import Identity, IdentityAccessToken, User, UserSession, utcnow
from ..state import ServerContext, get_context, get_session
from ..write_gate import end_transaction
from .tokens import MALFORMED, TOKEN_TYPE, USER_ACCESS_TYPE, decode_jwt

NO_TOKEN_ROW = "No identity access token found"
USAGE_LIMIT = "Unable to authenticate: access token usage limit reached"
NO_ORG = (
    "This user token has no organization selected; call POST /api/v3/auth/select-organization first"
)


@dataclass(frozen=True)
class Actor:
    """Who is calling: an identity (machine) or a user, and the organization it acts in."""

    kind: str
    id: str
    token_id: str | None = None
    org_id: str | None = None


class TokenRowLike(Protocol):
    """The token-row fields :func:`token_row_problem` reads (an ORM row or a Core row)."""

    @property
    def identity_id(self) -> str: ...
    @property
    def is_revoked(self) -> bool: ...
    @property
    def ttl(self) -> int: ...
    @property
    def period(self) -> int: ...
    @property
    def last_renewed_at(self) -> datetime | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def num_uses(self) -> int: ...
    @property
    def num_uses_limit(self) -> int: ...


def token_row_problem(row: TokenRowLike | None, identity_id: object) -> str | None:
    """Why a token row cannot authenticate, or ``None`` when it is usable."""
    if row is None or row.is_revoked or row.identity_id != identity_id:
        return NO_TOKEN_ROW
    if row.ttl > 0 and row.period == 0:
        start = row.last_renewed_at or row.created_at
        if utcnow() > start + timedelta(seconds=row.ttl):
            return "Identity access token has expired"
    if row.num_uses_limit > 0 and row.num_uses >= row.num_uses_limit:
        return USAGE_LIMIT
    return None


def revoke_row(session: Session, row: IdentityAccessToken) -> None:
    """Mark a token row revoked and commit (used when a limit is reached)."""
    row.is_revoked = True
    session.commit()


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if not token:
        raise unauthorized("Token missing")
    if token.startswith("st."):
        raise unauthorized("Service tokens are not supported by this server")
    return token


def _identity_actor(session: Session, claims: dict[str, Any]) -> Actor:
    token_id = claims.get("identityAccessTokenId")
    row = session.get(IdentityAccessToken, token_id) if isinstance(token_id, str) else None
    problem = token_row_problem(row, claims.get("identityId"))
    if row is not None and problem == USAGE_LIMIT:
        revoke_row(session, row)
    if problem is not None or row is None:
        raise unauthorized(problem or NO_TOKEN_ROW)
    if row.num_uses_limit > 0:
        # Atomic across processes: only counts while still under the limit.
        result = session.execute(
            update(IdentityAccessToken)
            .where(
                IdentityAccessToken.id == row.id,
                IdentityAccessToken.num_uses < IdentityAccessToken.num_uses_limit,
            )
            .values(num_uses=IdentityAccessToken.num_uses + 1)
        )
        session.commit()
        if getattr(result, "rowcount", 1) == 0:
            revoke_row(session, row)
            raise unauthorized(USAGE_LIMIT)
    identity = session.get(Identity, row.identity_id)
    if identity is None:
        raise unauthorized(NO_TOKEN_ROW)
    return Actor(kind="identity", id=row.identity_id, token_id=row.id, org_id=identity.org_id)


def user_from_claims(session: Session, claims: dict[str, Any]) -> tuple[User, UserSession]:
    """The user and live session a user JWT names; 401 when logged out or gone."""
    user_session = session.get(UserSession, claims.get("tokenVersionId"))
    user = session.get(User, claims.get("userId"))
    if (
        user_session is None
        or user_session.is_revoked
        or user is None
        or user_session.user_id != user.id
    ):
        raise unauthorized("User session not found; please log in again")
    return user, user_session


def _user_actor(session: Session, claims: dict[str, Any]) -> Actor:
    user, user_session = user_from_claims(session, claims)
    org_id = claims.get("organizationId")
    if org_id is not None and org_id != user.org_id:
        raise unauthorized("User is not a member of the selected organization")
    return Actor(kind="user", id=user.id, token_id=user_session.id, org_id=org_id)


def authenticate(request: Request, ctx: ServerContext, session: Session) -> Actor:
    """Authenticate any supported bearer token (the user's organization may be unset)."""
    if request.headers.get("x-api-key"):
        raise bad_request("API key authentication is not supported anymore")
    claims = decode_jwt(ctx.jwt_secret, _bearer(request))
    kind = claims.get("authTokenType")
    if kind == TOKEN_TYPE:
        return _identity_actor(session, claims)
    if kind == USER_ACCESS_TYPE and isinstance(claims.get("userId"), str):
        return _user_actor(session, claims)
    if kind == "refreshToken":
        raise ApiError(403, "You are not allowed to access this resource", "ForbiddenError")
    raise token_error(MALFORMED)


def require_actor(
    request: Request,
    ctx: Annotated[ServerContext, Depends(get_context)],
    session: Annotated[Session, Depends(get_session)],
) -> Actor:
    """Authenticate an actor that acts in an organization (401 no token, 403 bad JWT)."""
    actor = authenticate(request, ctx, session)
    end_transaction(session)  # the endpoint runs in another thread: see write_gate.py
    if actor.org_id is None:
        raise ApiError(403, NO_ORG, "ForbiddenError")
    return actor


def require_any_actor(
    request: Request,
    ctx: Annotated[ServerContext, Depends(get_context)],
    session: Annotated[Session, Depends(get_session)],
) -> Actor:
    """Authenticate any token, including a user token without an organization."""
    actor = authenticate(request, ctx, session)
    end_transaction(session)  # the endpoint runs in another thread: see write_gate.py
    return actor


CurrentActor = Annotated[Actor, Depends(require_actor)]
AnyActor = Annotated[Actor, Depends(require_any_actor)]
