"""Identity access tokens: issue (for every login method), renew, revoke; the TTL rules.

A token is a row in ``identity_access_tokens`` plus a signed JWT naming it; the row decides
whether the JWT still works (``auth/token_rows.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..auth.token_rows import usable_token_row
from ..auth.tokens import decode_access_token, issue_access_token
from ..db import unit_of_work
from ..errors import bad_request, unauthorized
from ..schema import IdentityAccessToken, utcnow

MAX_TTL_LIMIT = 315360000
DEFAULT_TTL = 2592000


@dataclass
class IssuedToken:
    """What a login or renewal hands out: the JWT, its lifetime and the token row."""

    access_token: str
    expires_in: int
    max_ttl: int
    row: IdentityAccessToken | None = None


def check_ttls(ttl: int, max_ttl: int) -> None:
    """400 unless 0 <= TTL <= Max TTL <= the instance limit (Max TTL 0 = no cap)."""
    for name, value in (("accessTokenTTL", ttl), ("accessTokenMaxTTL", max_ttl)):
        if value < 0 or value > MAX_TTL_LIMIT:
            raise bad_request(f"{name} must be between 0 and {MAX_TTL_LIMIT}")
    if max_ttl > 0 and ttl > max_ttl:
        raise bad_request("Access token TTL cannot be greater than max TTL")


def issue_token(
    session: Session,
    jwt_secret: str,
    *,
    identity_id: str,
    auth_method: str,
    ttl: int,
    max_ttl: int,
    num_uses_limit: int,
    period: int = 0,
    client_secret_id: str | None = None,
    name: str | None = None,
) -> IssuedToken:
    """Create a token row and sign its JWT, inside the caller's unit of work."""
    row = IdentityAccessToken(
        identity_id=identity_id,
        client_secret_id=client_secret_id,
        auth_method=auth_method,
        ttl=ttl,
        max_ttl=max_ttl,
        period=period,
        num_uses_limit=num_uses_limit,
        name=name,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    signed_ttl = row.period or row.ttl
    token = issue_access_token(
        jwt_secret,
        identity_id=identity_id,
        token_id=row.id,
        client_secret_id=client_secret_id,
        ttl=signed_ttl,
    )
    return IssuedToken(token, signed_ttl, row.max_ttl, row)


def revoke_method_tokens(session: Session, identity_id: str, method: str) -> None:
    """Mark every access token that ``method`` issued to the identity revoked (caller's
    unit of work)."""
    for row in session.scalars(
        select(IdentityAccessToken).where(
            IdentityAccessToken.identity_id == identity_id,
            IdentityAccessToken.auth_method == method,
        )
    ):
        row.is_revoked = True


def _token_row(session: Session, jwt_secret: str, token: str) -> IdentityAccessToken:
    return usable_token_row(session, decode_access_token(jwt_secret, token))


def renew(session: Session, jwt_secret: str, token: str) -> IssuedToken:
    """Renew a token: new JWT for the same row, unless that would pass its Max TTL (then the
    row is revoked and the answer is 401)."""
    row = _token_row(session, jwt_secret, token)
    now = utcnow()
    deadline = row.created_at + timedelta(seconds=row.max_ttl)
    if row.period == 0 and row.max_ttl > 0 and now + timedelta(seconds=row.ttl) > deadline:
        with unit_of_work(session):
            row.is_revoked = True
        raise unauthorized("Failed to renew MI access token past its Max TTL expiration")
    ttl = row.period or row.ttl
    with unit_of_work(session):
        row.last_renewed_at = now
        new_token = issue_access_token(
            jwt_secret,
            identity_id=row.identity_id,
            token_id=row.id,
            client_secret_id=row.client_secret_id,
            ttl=ttl,
        )
    return IssuedToken(new_token, ttl, row.max_ttl)


def revoke(session: Session, jwt_secret: str, token: str) -> None:
    """Revoke a token so it no longer authenticates."""
    row = _token_row(session, jwt_secret, token)
    with unit_of_work(session):
        row.is_revoked = True
