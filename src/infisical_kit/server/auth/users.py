"""User (human) login: email + password, organization selection, cookie refresh, logout.

Access and refresh JWTs name a ``user_sessions`` row, so logout revokes both everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ..db import read_only
from ..errors import not_found, unauthorized
from ..schema import User, UserSession, utcnow
from .hashing import verify_secret
from .token_rows import user_from_claims
from .tokens import USER_ACCESS_TYPE, USER_REFRESH_TYPE, decode_user_token, issue_user_token

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
    """Check email and password; start a session without an organization (401 on mismatch).

    The user is read and the password verified (argon2, tens of ms of CPU) before the write
    transaction, which only inserts the session row: SQLite's write lock is held briefly.
    """
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    with Session(bind=read_only(engine), expire_on_commit=False) as reader:
        user = reader.scalars(
            select(User).where(func.lower(User.email) == email.strip().lower())
        ).first()
        if user is None or not verify_secret(user.password_hash, password):
            raise unauthorized(INVALID)
        reader.expunge(user)
    user_session = UserSession(user_id=user.id, organization_id=None, created_at=utcnow())
    session.add(user_session)
    session.flush()
    tokens = _issue(secret, user, user_session)
    session.commit()
    return tokens


def select_organization(
    session: Session, secret: str, user_id: str, session_id: str, organization_id: str
) -> UserTokens:
    """Scope the user's session to one of its organizations and issue org tokens."""
    user = session.get(User, user_id)
    user_session = session.get(UserSession, session_id)
    if user is None or user_session is None or user_session.is_revoked:
        raise unauthorized("User session not found; please log in again")
    if user.org_id != organization_id:
        raise not_found(f"Organization with ID '{organization_id}' not found")
    user_session.organization_id = organization_id
    tokens = _issue(secret, user, user_session)
    session.commit()
    return tokens


def refresh(session: Session, secret: str, refresh_token: str) -> UserTokens:
    """A fresh access token from the ``jid`` refresh cookie."""
    claims = decode_user_token(secret, refresh_token, USER_REFRESH_TYPE)
    user, user_session = user_from_claims(session, claims)
    return _issue(secret, user, user_session)


def logout(session: Session, session_id: str) -> None:
    """Revoke a user session (its access and refresh tokens stop working)."""
    user_session = session.get(UserSession, session_id)
    if user_session is not None:
        user_session.is_revoked = True
        session.commit()
