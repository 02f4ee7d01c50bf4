"""Universal-auth login, token issuance, renewal and revocation for machine identities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ..auth.hashing import verify_secret
from ..auth.lockout import check_not_locked, record_failure, record_success
from ..auth.token_rows import usable_token_row
from ..auth.tokens import decode_access_token, issue_access_token
from ..db import read_only
from ..errors import unauthorized
from ..schema import (
    IdentityAccessToken,
    IdentityClientSecret,
    IdentityUniversalAuth,
    utcnow,
)

CLIENT_SECRET_PREFIX_LEN = 8
INVALID = "Invalid credentials"


@dataclass
class IssuedToken:
    """The login/renew response body fields."""

    access_token: str
    expires_in: int
    max_ttl: int
    row: IdentityAccessToken | None = None

    def to_wire(self) -> dict[str, object]:
        """``{accessToken, expiresIn, accessTokenMaxTTL, tokenType}``."""
        return {
            "accessToken": self.access_token,
            "expiresIn": self.expires_in,
            "accessTokenMaxTTL": self.max_ttl,
            "tokenType": "Bearer",
        }


def _usable(cs: IdentityClientSecret, identity_id: str, now: datetime) -> bool:
    """Not revoked, of this identity, within its TTL and its number of uses."""
    if cs.is_revoked or cs.identity_id != identity_id:
        return False
    if cs.ttl > 0 and now > cs.created_at + timedelta(seconds=cs.ttl):
        return False
    return not (cs.num_uses_limit > 0 and cs.num_uses >= cs.num_uses_limit)


@dataclass(frozen=True)
class _Candidates:
    """What the read phase of a login found: the client id's settings and secret hashes."""

    identity_id: str
    lockout_enabled: bool
    hashes: list[tuple[str, str]]  # (client secret id, argon2 hash)


def _read_candidates(session: Session, client_id: str, client_secret: str) -> _Candidates:
    """Read phase: the client id and its usable secrets with this prefix, without taking
    SQLite's write lock (a separate read-only session); 401 when unknown or locked out."""
    now = utcnow()
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with Session(bind=read_only(engine)) as reader:
        ua = reader.scalars(
            select(IdentityUniversalAuth).where(IdentityUniversalAuth.client_id == client_id)
        ).first()
        if ua is None:
            raise unauthorized(INVALID)
        check_not_locked(ua, now)
        rows = reader.scalars(
            select(IdentityClientSecret).where(
                IdentityClientSecret.identity_id == ua.identity_id,
                IdentityClientSecret.prefix == client_secret[:CLIENT_SECRET_PREFIX_LEN],
                IdentityClientSecret.is_revoked.is_(False),
            )
        ).all()
        hashes = [(cs.id, cs.secret_hash) for cs in rows if _usable(cs, ua.identity_id, now)]
        return _Candidates(ua.identity_id, bool(ua.lockout_enabled), hashes)


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
    """Create a token row and sign its JWT (the caller commits)."""
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


def login(session: Session, jwt_secret: str, client_id: str, client_secret: str) -> IssuedToken:
    """Exchange a client id and secret for an access token; 401 on mismatch or lockout.

    Three phases, so that the argon2 check (tens of ms of CPU) never runs while holding the
    database's only write lock: read the candidate hashes (read-only), verify outside any
    transaction, then one short write transaction re-checks the lockout and the secret's
    limits under the row lock and records the use and the token (or the failure).
    """
    found = _read_candidates(session, client_id, client_secret)
    matched = next(
        (cs_id for cs_id, digest in found.hashes if verify_secret(digest, client_secret)), None
    )
    if matched is None and not found.lockout_enabled:
        raise unauthorized(INVALID)  # nothing to record: no write transaction at all
    ua = session.scalars(
        select(IdentityUniversalAuth)
        .where(IdentityUniversalAuth.client_id == client_id)
        .with_for_update()
    ).first()
    if ua is None or ua.identity_id != found.identity_id:
        raise unauthorized(INVALID)  # removed or replaced since the read phase
    now = utcnow()
    check_not_locked(ua, now)
    cs = None
    if matched is not None:
        cs = session.get(IdentityClientSecret, matched, with_for_update=True)
    if cs is None or not _usable(cs, ua.identity_id, now):
        record_failure(ua, now)
        session.commit()
        raise unauthorized(INVALID)
    record_success(ua)
    cs.num_uses += 1
    if cs.num_uses_limit > 0 and cs.num_uses >= cs.num_uses_limit:
        cs.is_revoked = True
    issued = issue_token(
        session,
        jwt_secret,
        identity_id=ua.identity_id,
        auth_method="universal-auth",
        ttl=ua.access_token_ttl,
        max_ttl=ua.access_token_max_ttl,
        num_uses_limit=ua.access_token_num_uses_limit,
        period=ua.access_token_period,
        client_secret_id=cs.id,
    )
    session.commit()
    return issued


def _token_row(session: Session, jwt_secret: str, token: str) -> IdentityAccessToken:
    return usable_token_row(session, decode_access_token(jwt_secret, token))


def renew(session: Session, jwt_secret: str, token: str) -> IssuedToken:
    """Renew a token: new JWT for the same row, unless that would pass its Max TTL."""
    row = _token_row(session, jwt_secret, token)
    now = utcnow()
    deadline = row.created_at + timedelta(seconds=row.max_ttl)
    if row.period == 0 and row.max_ttl > 0 and now + timedelta(seconds=row.ttl) > deadline:
        row.is_revoked = True
        session.commit()
        raise unauthorized("Failed to renew MI access token past its Max TTL expiration")
    ttl = row.period or row.ttl
    row.last_renewed_at = now
    new_token = issue_access_token(
        jwt_secret,
        identity_id=row.identity_id,
        token_id=row.id,
        client_secret_id=row.client_secret_id,
        ttl=ttl,
    )
    session.commit()
    return IssuedToken(new_token, ttl, row.max_ttl)


def revoke(session: Session, jwt_secret: str, token: str) -> None:
    """Revoke a token so it no longer authenticates."""
    row = _token_row(session, jwt_secret, token)
    row.is_revoked = True
    session.commit()
