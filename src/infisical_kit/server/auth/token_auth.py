"""Token auth: per-identity config and long-lived identity tokens issued by an admin."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import ApiError, bad_request, not_found
from ..schema import IdentityAccessToken, IdentityTokenAuth, utcnow
from ..services.identity_auth import IssuedToken, issue_token
from .identity_admin import DEFAULT_TTL, check_ttls, revoke_method_tokens
from .permissions import managed_identity

TA_FIELDS = {
    "accessTokenTTL": "access_token_ttl",
    "accessTokenMaxTTL": "access_token_max_ttl",
    "accessTokenNumUsesLimit": "access_token_num_uses_limit",
}
METHOD = "token-auth"


def get_token_auth(session: Session, identity_id: str) -> IdentityTokenAuth:
    """The token-auth config of an identity, or 404."""
    ta = session.scalars(
        select(IdentityTokenAuth).where(IdentityTokenAuth.identity_id == identity_id)
    ).first()
    if ta is None:
        raise not_found("Failed to find token auth for identity")
    return ta


def _apply(ta: IdentityTokenAuth, values: dict[str, Any]) -> None:
    for wire, attr in TA_FIELDS.items():
        if values.get(wire) is not None:
            setattr(ta, attr, values[wire])
    if ta.access_token_num_uses_limit < 0:
        raise bad_request("accessTokenNumUsesLimit must not be negative")
    check_ttls(ta.access_token_ttl, ta.access_token_max_ttl)
    ta.updated_at = utcnow()


def attach(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityTokenAuth:
    """Attach token auth (400 if already attached)."""
    managed_identity(session, actor, identity_id)
    exists = select(IdentityTokenAuth).where(IdentityTokenAuth.identity_id == identity_id)
    if session.scalars(exists).first() is not None:
        raise bad_request("Failed to add token auth to already configured identity")
    now = utcnow()
    ta = IdentityTokenAuth(
        identity_id=identity_id,
        access_token_ttl=DEFAULT_TTL,
        access_token_max_ttl=DEFAULT_TTL,
        access_token_num_uses_limit=0,
        created_at=now,
        updated_at=now,
    )
    _apply(ta, values)
    session.add(ta)
    session.commit()
    return ta


def update(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityTokenAuth:
    """Change the token-auth settings that are given (affects tokens issued afterwards)."""
    managed_identity(session, actor, identity_id)
    ta = get_token_auth(session, identity_id)
    _apply(ta, values)
    session.commit()
    return ta


def detach(session: Session, actor: Actor, identity_id: str) -> IdentityTokenAuth:
    """Remove token auth and revoke every token it issued."""
    managed_identity(session, actor, identity_id)
    ta = get_token_auth(session, identity_id)
    revoke_method_tokens(session, identity_id, METHOD)
    session.delete(ta)
    session.commit()
    return ta


def create_token(
    session: Session, jwt_secret: str, actor: Actor, identity_id: str, name: str | None
) -> IssuedToken:
    """Issue a token-auth access token for the identity."""
    managed_identity(session, actor, identity_id)
    ta = get_token_auth(session, identity_id)
    issued = issue_token(
        session,
        jwt_secret,
        identity_id=identity_id,
        auth_method=METHOD,
        ttl=ta.access_token_ttl,
        max_ttl=ta.access_token_max_ttl,
        num_uses_limit=ta.access_token_num_uses_limit,
        name=name,
    )
    session.commit()
    return issued


def list_tokens(
    session: Session, actor: Actor, identity_id: str, offset: int, limit: int
) -> list[IdentityAccessToken]:
    """The identity's live token-auth tokens, oldest first."""
    managed_identity(session, actor, identity_id)
    if offset < 0 or not 1 <= limit <= 100:
        raise bad_request("offset must be >= 0 and limit between 1 and 100")
    rows = session.scalars(
        select(IdentityAccessToken)
        .where(
            IdentityAccessToken.identity_id == identity_id,
            IdentityAccessToken.auth_method == METHOD,
            IdentityAccessToken.is_revoked.is_(False),
        )
        .order_by(IdentityAccessToken.created_at, IdentityAccessToken.id)
        .offset(offset)
        .limit(limit)
    ).all()
    return list(rows)


def get_token(session: Session, actor: Actor, token_id: str) -> IdentityAccessToken:
    """One token-auth token the actor may administer, or 404."""
    row = session.get(IdentityAccessToken, token_id)
    if row is None or row.auth_method != METHOD or row.is_revoked:
        raise not_found(f"Token with ID '{token_id}' not found")
    try:
        managed_identity(session, actor, row.identity_id)
    except ApiError as exc:  # another org's token looks missing, not forbidden
        if exc.status_code == 404:
            raise not_found(f"Token with ID '{token_id}' not found") from None
        raise
    return row


def rename_token(
    session: Session, actor: Actor, token_id: str, name: str | None
) -> IdentityAccessToken:
    """Rename a token-auth token."""
    row = get_token(session, actor, token_id)
    if name is not None:
        row.name = name
    session.commit()
    return row


def revoke_token(session: Session, actor: Actor, token_id: str) -> IdentityAccessToken:
    """Revoke a token-auth token."""
    row = get_token(session, actor, token_id)
    row.is_revoked = True
    session.commit()
    return row
