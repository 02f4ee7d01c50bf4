"""The FastAPI dependency that turns an ``Authorization`` header into an :class:`Actor`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from ..errors import unauthorized
from ..schema import IdentityAccessToken, utcnow
from ..state import ServerContext, get_context, get_session
from .tokens import decode_access_token

NO_TOKEN_ROW = "No identity access token found"


@dataclass(frozen=True)
class Actor:
    """Who is calling: an identity (machine) or a user."""

    kind: str
    id: str
    token_id: str | None = None


def token_row_problem(row: IdentityAccessToken | None, identity_id: object) -> str | None:
    """Why a token row cannot authenticate, or ``None`` when it is usable."""
    if row is None or row.is_revoked or row.identity_id != identity_id:
        return NO_TOKEN_ROW
    if row.ttl > 0 and row.period == 0:
        start = row.last_renewed_at or row.created_at
        if utcnow() > start + timedelta(seconds=row.ttl):
            return "Identity access token has expired"
    if row.num_uses_limit > 0 and row.num_uses >= row.num_uses_limit:
        return "Unable to authenticate: access token usage limit reached"
    return None


def require_actor(
    request: Request,
    ctx: Annotated[ServerContext, Depends(get_context)],
    session: Annotated[Session, Depends(get_session)],
) -> Actor:
    """Authenticate the request (401 when no token, 403 TokenError for a bad JWT)."""
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if not token:
        raise unauthorized("Token missing")
    if token.startswith("st."):
        raise unauthorized("Service tokens are not supported by this server")
    claims = decode_access_token(ctx.jwt_secret, token)
    row = session.get(IdentityAccessToken, claims["identityAccessTokenId"])
    problem = token_row_problem(row, claims.get("identityId"))
    if problem is not None or row is None:
        raise unauthorized(problem or NO_TOKEN_ROW)
    if row.num_uses_limit > 0:
        row.num_uses += 1
        session.commit()
    return Actor(kind="identity", id=row.identity_id, token_id=row.id)


CurrentActor = Annotated[Actor, Depends(require_actor)]
