"""Universal auth: its per-identity settings, client secrets, and the client id + secret login.

Client secrets are stored as argon2 hashes with an 8-character lookup prefix; the plain secret
is shown once, when it is created.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.hashing import hash_secret, needs_rehash, verify_secret
from ..auth.lockout import check_not_locked, record_failure, record_success
from ..db import read_only_session, unit_of_work
from ..errors import bad_request, not_found, unauthorized
from ..schema import IdentityClientSecret, IdentityUniversalAuth, new_id, utcnow
from .access_tokens import DEFAULT_TTL, MAX_TTL_LIMIT, IssuedToken, check_ttls
from .auth_methods import TOKEN_FIELDS, UNIVERSAL_AUTH, apply_settings

CLIENT_SECRET_PREFIX_LEN = 8
INVALID = "Invalid credentials"
UA_FIELDS = {
    **TOKEN_FIELDS,
    "accessTokenPeriod": "access_token_period",
    "lockoutEnabled": "lockout_enabled",
    "lockoutThreshold": "lockout_threshold",
    "lockoutDurationSeconds": "lockout_duration_seconds",
    "lockoutCounterResetSeconds": "lockout_counter_reset_seconds",
}


@dataclass(frozen=True)
class ClientSecret:
    """A client-secret row with the id of the universal-auth configuration it belongs to."""

    row: IdentityClientSecret
    ua_id: str


def _apply(ua: IdentityUniversalAuth, values: dict[str, Any]) -> None:
    apply_settings(ua, values, UA_FIELDS)
    check_ttls(ua.access_token_ttl, ua.access_token_max_ttl)


UA_DEFAULTS: dict[str, Any] = {
    "access_token_ttl": DEFAULT_TTL,
    "access_token_max_ttl": DEFAULT_TTL,
    "access_token_num_uses_limit": 0,
    "access_token_period": 0,
    "lockout_enabled": True,
    "lockout_threshold": 3,
    "lockout_duration_seconds": 300,
    "lockout_counter_reset_seconds": 30,
    "failed_attempts": 0,
}


def attach(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityUniversalAuth:
    """Attach universal auth with a new client id (400 if already attached)."""
    defaults = {"client_id": new_id(), **UA_DEFAULTS}
    return UNIVERSAL_AUTH.attach(
        session, actor, identity_id, defaults, lambda ua: _apply(ua, values)
    )


def update(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityUniversalAuth:
    """Change the universal-auth settings that are given."""
    return UNIVERSAL_AUTH.update(session, actor, identity_id, lambda ua: _apply(ua, values))


def detach(session: Session, actor: Actor, identity_id: str) -> IdentityUniversalAuth:
    """Detach universal auth: its client secrets and tokens stop working."""

    def delete_client_secrets(ua: IdentityUniversalAuth) -> None:
        for cs in session.scalars(
            select(IdentityClientSecret).where(IdentityClientSecret.identity_id == ua.identity_id)
        ):
            session.delete(cs)

    return UNIVERSAL_AUTH.detach(session, actor, identity_id, delete_client_secrets)


def create_client_secret(
    session: Session, actor: Actor, identity_id: str, description: str, num_uses: int, ttl: int
) -> tuple[str, ClientSecret]:
    """Create a client secret: returns (plain secret, its row); only the hash is stored."""
    with unit_of_work(session):
        ua = UNIVERSAL_AUTH.settings(session, actor, identity_id)
        if num_uses < 0 or ttl < 0 or ttl > MAX_TTL_LIMIT:
            raise bad_request("numUsesLimit and ttl must be non-negative (ttl at most 315360000)")
        plain = secrets.token_hex(32)
        row = IdentityClientSecret(
            identity_id=identity_id,
            prefix=plain[:CLIENT_SECRET_PREFIX_LEN],
            secret_hash=hash_secret(plain),
            description=description,
            ttl=ttl,
            num_uses=0,
            num_uses_limit=num_uses,
            is_revoked=False,
            created_at=utcnow(),
        )
        session.add(row)
    return plain, ClientSecret(row, ua.id)


def list_client_secrets(session: Session, actor: Actor, identity_id: str) -> list[ClientSecret]:
    """The identity's client secrets that are not revoked, oldest first."""
    ua = UNIVERSAL_AUTH.settings(session, actor, identity_id)
    rows = session.scalars(
        select(IdentityClientSecret)
        .where(
            IdentityClientSecret.identity_id == identity_id,
            IdentityClientSecret.is_revoked.is_(False),
        )
        .order_by(IdentityClientSecret.created_at)
    ).all()
    return [ClientSecret(row, ua.id) for row in rows]


def client_secret(session: Session, actor: Actor, identity_id: str, secret_id: str) -> ClientSecret:
    """One client secret of the identity, or 404."""
    ua = UNIVERSAL_AUTH.settings(session, actor, identity_id)
    row = session.get(IdentityClientSecret, secret_id)
    if row is None or row.identity_id != identity_id:
        raise not_found(f"Client secret with ID '{secret_id}' not found")
    return ClientSecret(row, ua.id)


def revoke_client_secret(
    session: Session, actor: Actor, identity_id: str, secret_id: str
) -> ClientSecret:
    """Revoke a client secret (logins with it fail from now on)."""
    with unit_of_work(session):
        found = client_secret(session, actor, identity_id, secret_id)
        found.row.is_revoked = True
    return found


# --- login ------------------------------------------------------------------------------


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
    with read_only_session(session) as reader:
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


def login(session: Session, jwt_secret: str, client_id: str, client_secret: str) -> IssuedToken:
    """Exchange a client id and secret for an access token; 401 on mismatch or lockout.

    Three phases, so that the argon2 check (behind the hashing gate) never runs while holding
    the database's only write lock: read the candidate hashes (read-only), verify outside any
    transaction, then one short write transaction re-checks the lockout and the secret's
    limits under the row lock and records the use and the token (or the failure). A secret
    hashed with earlier argon2 parameters is rehashed (before the transaction) and replaced.
    """
    found = _read_candidates(session, client_id, client_secret)
    matched, digest = next(
        ((cs_id, digest) for cs_id, digest in found.hashes if verify_secret(digest, client_secret)),
        (None, ""),
    )
    rehashed = hash_secret(client_secret) if matched and needs_rehash(digest) else None
    if matched is None and not found.lockout_enabled:
        raise unauthorized(INVALID)  # nothing to record: no write transaction at all
    with unit_of_work(session):
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
            issued = None
        else:
            record_success(ua)
            if rehashed is not None and cs.secret_hash == digest:
                cs.secret_hash = rehashed  # stored with parameters that changed since
            cs.num_uses += 1
            if cs.num_uses_limit > 0 and cs.num_uses >= cs.num_uses_limit:
                cs.is_revoked = True
            issued = UNIVERSAL_AUTH.issue(
                session, jwt_secret, ua, period=ua.access_token_period, client_secret_id=cs.id
            )
    if issued is None:
        raise unauthorized(INVALID)  # the failure is recorded (lockout counts it)
    return issued
