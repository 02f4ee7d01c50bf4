"""Token auth: its per-identity settings and the long-lived tokens an admin issues with it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import managed_identity
from ..db import unit_of_work
from ..errors import ApiError, bad_request, not_found
from ..schema import IdentityAccessToken, IdentityTokenAuth
from .access_tokens import IssuedToken
from .auth_methods import TOKEN_AUTH, TOKEN_DEFAULTS, apply_token_settings


def attach(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityTokenAuth:
    """Attach token auth (400 if already attached)."""
    return TOKEN_AUTH.attach(
        session, actor, identity_id, TOKEN_DEFAULTS, lambda ta: apply_token_settings(ta, values)
    )


def update(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityTokenAuth:
    """Change the token-auth settings that are given (affects tokens issued afterwards)."""
    return TOKEN_AUTH.update(
        session, actor, identity_id, lambda ta: apply_token_settings(ta, values)
    )


def create_token(
    session: Session, jwt_secret: str, actor: Actor, identity_id: str, name: str | None
) -> IssuedToken:
    """Issue a token-auth access token for the identity."""
    with unit_of_work(session):
        ta = TOKEN_AUTH.settings(session, actor, identity_id)
        issued = TOKEN_AUTH.issue(session, jwt_secret, ta, name=name)
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
            IdentityAccessToken.auth_method == TOKEN_AUTH.name,
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
    if row is None or row.auth_method != TOKEN_AUTH.name or row.is_revoked:
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
    with unit_of_work(session):
        row = get_token(session, actor, token_id)
        if name is not None:
            row.name = name
    return row


def revoke_token(session: Session, actor: Actor, token_id: str) -> IdentityAccessToken:
    """Revoke a token-auth token."""
    with unit_of_work(session):
        row = get_token(session, actor, token_id)
        row.is_revoked = True
    return row
