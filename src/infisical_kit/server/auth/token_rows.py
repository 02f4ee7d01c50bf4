"""Stored tokens: whether an identity access-token row, or a user session, still authenticates.

A JWT's signature only says the server issued it; the row it names says whether it still
works (revoked, expired by its TTL, out of uses). Shared by the request dependency
(:mod:`.deps`), the fast read path and token renewal.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..db import write_unit
from ..errors import unauthorized
from ..schema import IdentityAccessToken, User, UserSession, utcnow

NO_TOKEN_ROW = "No identity access token found"
USAGE_LIMIT = "Unable to authenticate: access token usage limit reached"


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


def usable_token_row(session: Session, claims: dict[str, Any]) -> IdentityAccessToken:
    """The token row named by verified identity-token ``claims``; 401 when it cannot
    authenticate (a row that reached its usage limit is revoked on the way)."""
    token_id = claims.get("identityAccessTokenId")
    row = session.get(IdentityAccessToken, token_id) if isinstance(token_id, str) else None
    problem = token_row_problem(row, claims.get("identityId"))
    if row is not None and problem == USAGE_LIMIT:
        revoke_row(session, row)
    if problem is not None or row is None:
        raise unauthorized(problem or NO_TOKEN_ROW)
    return row


def count_use(session: Session, row: IdentityAccessToken) -> None:
    """Count one use of a use-limited token; 401 (and revoked) when none is left.

    Atomic across processes: the update only counts while the row is still under its limit.
    It is its own short write transaction (`write_unit`), also on a GET's read-only session.
    """
    with write_unit(session) as writer:
        result = writer.execute(
            update(IdentityAccessToken)
            .where(
                IdentityAccessToken.id == row.id,
                IdentityAccessToken.num_uses < IdentityAccessToken.num_uses_limit,
            )
            .values(num_uses=IdentityAccessToken.num_uses + 1)
        )
    if getattr(result, "rowcount", 1) == 0:
        revoke_row(session, row)
        raise unauthorized(USAGE_LIMIT)


def revoke_row(session: Session, row: IdentityAccessToken) -> None:
    """Mark a token row revoked, in its own transaction (a limit was reached)."""
    with write_unit(session) as writer:
        writer.execute(
            update(IdentityAccessToken)
            .where(IdentityAccessToken.id == row.id)
            .values(is_revoked=True)
        )


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
