"""User (human) login: email + password, organization selection, cookie refresh, logout.

Access and refresh JWTs name a ``user_sessions`` row, so logout revokes both everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.hashing import hash_secret, needs_rehash, verify_secret
from ..auth.lockout import check_user_not_locked, record_failure, record_success
from ..auth.token_rows import user_from_claims
from ..auth.tokens import USER_ACCESS_TYPE, USER_REFRESH_TYPE, decode_user_token, issue_user_token
from ..db import read_only_session, unit_of_work
from ..errors import ApiError, not_found, unauthorized
from ..schema import User, UserSession, utcnow

ACCESS_TTL = 86400
REFRESH_TTL = 864000
INVALID = "Invalid credentials"


@dataclass(frozen=True)
class UserTokens:
    """An access JWT and the matching refresh JWT (for the ``jid`` cookie)."""

    access_token: str
    refresh_token: str
    organization_id: str | None


def _issue(secret: str, user: User, user_session: UserSession) -> UserTokens:
    org = user_session.organization_id

    def sign(token_type: str, ttl: int) -> str:
        return issue_user_token(
            secret,
            token_type=token_type,
            user_id=user.id,
            session_id=user_session.id,
            organization_id=org,
            ttl=ttl,
        )

    return UserTokens(
        access_token=sign(USER_ACCESS_TYPE, ACCESS_TTL),
        refresh_token=sign(USER_REFRESH_TYPE, REFRESH_TTL),
        organization_id=org,
    )


def login(session: Session, secret: str, email: str, password: str) -> UserTokens:
    """Check email and password; start a session without an organization (401 on mismatch,
    403 ``UserLocked`` after too many failures, see ``auth/lockout.py``).

    The user is read and the password verified (argon2 behind the hashing gate) before the
    write transaction, which re-checks the lockout under the row lock, records the outcome
    (a failure, or the session row and a rehashed password when the parameters changed):
    SQLite's write lock is held briefly. A locked user costs no argon2 check.
    """
    with read_only_session(session) as reader:
        user = reader.scalars(
            select(User).where(func.lower(User.email) == email.strip().lower())
        ).first()
        if user is None:
            raise unauthorized(INVALID)
        check_user_not_locked(user, utcnow())
        user_id, stored = user.id, user.password_hash
    matched = verify_secret(stored, password)
    rehashed = hash_secret(password) if matched and needs_rehash(stored) else None
    with unit_of_work(session):
        locked = session.get(User, user_id, with_for_update=True)
        if locked is None:
            raise unauthorized(INVALID)  # removed since the read phase
        now = utcnow()
        check_user_not_locked(locked, now)
        if not matched or locked.password_hash != stored:
            record_failure(locked, now)
            tokens = None
        else:
            record_success(locked)
            if rehashed is not None:
                locked.password_hash = rehashed
            user_session = UserSession(user_id=user_id, organization_id=None, created_at=now)
            session.add(user_session)
            session.flush()
            tokens = _issue(secret, locked, user_session)
    if tokens is None:
        raise unauthorized(INVALID)  # the failure is recorded (the lockout counts it)
    return tokens


def select_organization(
    session: Session, secret: str, actor: Actor, organization_id: str
) -> UserTokens:
    """Scope the user's session to one of its organizations and issue org tokens."""
    if actor.kind != "user" or actor.token_id is None:
        raise ApiError(403, "Only users can select an organization", "ForbiddenError")
    with unit_of_work(session):
        user = session.get(User, actor.id)
        user_session = session.get(UserSession, actor.token_id)
        if user is None or user_session is None or user_session.is_revoked:
            raise unauthorized("User session not found; please log in again")
        if user.org_id != organization_id:
            raise not_found(f"Organization with ID '{organization_id}' not found")
        user_session.organization_id = organization_id
        tokens = _issue(secret, user, user_session)
    return tokens


def refresh(session: Session, secret: str, refresh_token: str) -> UserTokens:
    """A fresh access token from the ``jid`` refresh cookie."""
    claims = decode_user_token(secret, refresh_token, USER_REFRESH_TYPE)
    user, user_session = user_from_claims(session, claims)
    return _issue(secret, user, user_session)


def logout(session: Session, secret: str, *, refresh_token: str, access_token: str) -> None:
    """Revoke the user session named by the refresh token (the ``jid`` cookie) or else by
    the access token; 401 when there is neither. Its tokens stop working everywhere."""
    if refresh_token:
        claims = decode_user_token(secret, refresh_token, USER_REFRESH_TYPE)
    elif access_token:
        claims = decode_user_token(secret, access_token, USER_ACCESS_TYPE)
    else:
        raise unauthorized("Token missing")
    with unit_of_work(session):
        user_session = session.get(UserSession, str(claims["tokenVersionId"]))
        if user_session is not None:
            user_session.is_revoked = True
