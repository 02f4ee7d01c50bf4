"""Identity management: identities, universal-auth config, client secrets, token auth,
token-auth tokens and project memberships. Every function checks the actor's rights first.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import bad_request, not_found
from ..schema import (
    Identity,
    IdentityAccessToken,
    IdentityClientSecret,
    IdentityTokenAuth,
    IdentityUniversalAuth,
    ProjectMembership,
    new_id,
    utcnow,
)
from .hashing import hash_secret
from .permissions import (
    ORG_ROLES,
    PROJECT_ROLES,
    identity_in_org,
    managed_identity,
    managed_project,
    require_org_admin,
)

MAX_TTL_LIMIT = 315360000
DEFAULT_TTL = 2592000
PREFIX_LEN = 8  # the stored lookup prefix (services.identity_auth.CLIENT_SECRET_PREFIX_LEN)


def check_ttls(ttl: int, max_ttl: int) -> None:
    """400 unless 0 <= TTL <= Max TTL <= the instance limit (Max TTL 0 = no cap)."""
    for name, value in (("accessTokenTTL", ttl), ("accessTokenMaxTTL", max_ttl)):
        if value < 0 or value > MAX_TTL_LIMIT:
            raise bad_request(f"{name} must be between 0 and {MAX_TTL_LIMIT}")
    if max_ttl > 0 and ttl > max_ttl:
        raise bad_request("Access token TTL cannot be greater than max TTL")


def auth_methods(session: Session, identity_id: str) -> list[str]:
    """The auth methods attached to an identity."""
    methods = []
    ua = select(IdentityUniversalAuth.id).where(IdentityUniversalAuth.identity_id == identity_id)
    if session.scalars(ua).first() is not None:
        methods.append("universal-auth")
    ta = select(IdentityTokenAuth.id).where(IdentityTokenAuth.identity_id == identity_id)
    if session.scalars(ta).first() is not None:
        methods.append("token-auth")
    return methods


def create_identity(session: Session, actor: Actor, org_id: str, name: str, role: str) -> Identity:
    """Create an identity in ``org_id`` with an organization role (org admins only)."""
    require_org_admin(session, actor, org_id, "identity")
    if role not in ORG_ROLES:
        raise bad_request(f"Invalid role '{role}'; expected one of {', '.join(ORG_ROLES)}")
    if not name.strip():
        raise bad_request("Identity name must not be empty")
    identity = Identity(org_id=org_id, name=name.strip(), org_role=role, created_at=utcnow())
    session.add(identity)
    session.commit()
    return identity


def delete_identity(session: Session, actor: Actor, identity_id: str) -> Identity:
    """Delete an identity with its tokens, secrets and memberships (cascade)."""
    identity = managed_identity(session, actor, identity_id)
    if identity.id == actor.id and actor.kind == "identity":
        raise bad_request("An identity cannot delete itself")
    session.delete(identity)
    session.commit()
    return identity


# --- universal auth ---------------------------------------------------------------------


def get_universal_auth(session: Session, identity_id: str) -> IdentityUniversalAuth:
    """The universal-auth config of an identity, or 404."""
    ua = session.scalars(
        select(IdentityUniversalAuth).where(IdentityUniversalAuth.identity_id == identity_id)
    ).first()
    if ua is None:
        raise not_found("Failed to find universal auth for identity")
    return ua


UA_FIELDS = {
    "accessTokenTTL": "access_token_ttl",
    "accessTokenMaxTTL": "access_token_max_ttl",
    "accessTokenNumUsesLimit": "access_token_num_uses_limit",
    "accessTokenPeriod": "access_token_period",
    "lockoutEnabled": "lockout_enabled",
    "lockoutThreshold": "lockout_threshold",
    "lockoutDurationSeconds": "lockout_duration_seconds",
    "lockoutCounterResetSeconds": "lockout_counter_reset_seconds",
}


def _apply_ua(ua: IdentityUniversalAuth, values: dict[str, Any]) -> None:
    for wire, attr in UA_FIELDS.items():
        if values.get(wire) is not None:
            setattr(ua, attr, values[wire])
    check_ttls(ua.access_token_ttl, ua.access_token_max_ttl)


def attach_universal_auth(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityUniversalAuth:
    """Attach universal auth (400 if already attached)."""
    identity = managed_identity(session, actor, identity_id)
    exists = select(IdentityUniversalAuth).where(IdentityUniversalAuth.identity_id == identity.id)
    if session.scalars(exists).first() is not None:
        raise bad_request("Failed to add universal auth to already configured identity")
    ua = IdentityUniversalAuth(
        identity_id=identity.id,
        client_id=new_id(),
        access_token_ttl=DEFAULT_TTL,
        access_token_max_ttl=DEFAULT_TTL,
        access_token_num_uses_limit=0,
        access_token_period=0,
        lockout_enabled=True,
        lockout_threshold=3,
        lockout_duration_seconds=300,
        lockout_counter_reset_seconds=30,
        failed_attempts=0,
        created_at=utcnow(),
    )
    _apply_ua(ua, values)
    session.add(ua)
    session.commit()
    return ua


def update_universal_auth(
    session: Session, actor: Actor, identity_id: str, values: dict[str, Any]
) -> IdentityUniversalAuth:
    """Change the universal-auth settings that are given."""
    managed_identity(session, actor, identity_id)
    ua = get_universal_auth(session, identity_id)
    _apply_ua(ua, values)
    session.commit()
    return ua


def delete_universal_auth(
    session: Session, actor: Actor, identity_id: str
) -> IdentityUniversalAuth:
    """Detach universal auth: its client secrets and tokens stop working."""
    managed_identity(session, actor, identity_id)
    ua = get_universal_auth(session, identity_id)
    for cs in session.scalars(
        select(IdentityClientSecret).where(IdentityClientSecret.identity_id == identity_id)
    ):
        session.delete(cs)
    revoke_method_tokens(session, identity_id, "universal-auth")
    session.delete(ua)
    session.commit()
    return ua


def revoke_method_tokens(session: Session, identity_id: str, method: str) -> None:
    """Mark every access token that `method` issued to the identity revoked (no commit)."""
    for row in session.scalars(
        select(IdentityAccessToken).where(
            IdentityAccessToken.identity_id == identity_id,
            IdentityAccessToken.auth_method == method,
        )
    ):
        row.is_revoked = True


def create_client_secret(
    session: Session, actor: Actor, identity_id: str, description: str, num_uses: int, ttl: int
) -> tuple[str, IdentityClientSecret, str]:
    """Create a client secret: returns (plain secret, row, ua id); only the hash is stored."""
    managed_identity(session, actor, identity_id)
    ua = get_universal_auth(session, identity_id)
    if num_uses < 0 or ttl < 0 or ttl > MAX_TTL_LIMIT:
        raise bad_request("numUsesLimit and ttl must be non-negative (ttl at most 315360000)")
    plain = secrets.token_hex(32)
    row = IdentityClientSecret(
        identity_id=identity_id,
        prefix=plain[:PREFIX_LEN],
        secret_hash=hash_secret(plain),
        description=description,
        ttl=ttl,
        num_uses=0,
        num_uses_limit=num_uses,
        is_revoked=False,
        created_at=utcnow(),
    )
    session.add(row)
    session.commit()
    return plain, row, ua.id


def list_client_secrets(
    session: Session, actor: Actor, identity_id: str
) -> tuple[list[IdentityClientSecret], str]:
    """The identity's client secrets that are not revoked, and the ua id."""
    managed_identity(session, actor, identity_id)
    ua = get_universal_auth(session, identity_id)
    rows = session.scalars(
        select(IdentityClientSecret)
        .where(
            IdentityClientSecret.identity_id == identity_id,
            IdentityClientSecret.is_revoked.is_(False),
        )
        .order_by(IdentityClientSecret.created_at)
    ).all()
    return list(rows), ua.id


def client_secret(
    session: Session, actor: Actor, identity_id: str, secret_id: str
) -> tuple[IdentityClientSecret, str]:
    """One client secret of the identity, or 404."""
    managed_identity(session, actor, identity_id)
    ua = get_universal_auth(session, identity_id)
    row = session.get(IdentityClientSecret, secret_id)
    if row is None or row.identity_id != identity_id:
        raise not_found(f"Client secret with ID '{secret_id}' not found")
    return row, ua.id


def revoke_client_secret(
    session: Session, actor: Actor, identity_id: str, secret_id: str
) -> tuple[IdentityClientSecret, str]:
    """Revoke a client secret (logins with it fail from now on)."""
    row, ua_id = client_secret(session, actor, identity_id, secret_id)
    row.is_revoked = True
    session.commit()
    return row, ua_id


# --- project memberships ----------------------------------------------------------------


def _check_project_role(role: str) -> None:
    if role not in PROJECT_ROLES:
        raise bad_request(f"Invalid role '{role}'; expected one of {', '.join(PROJECT_ROLES)}")


def add_identity_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str, role: str
) -> ProjectMembership:
    """Add an identity of the project's organization to the project (project admins only)."""
    managed_project(session, actor, project_id, "identity")
    identity_in_org(session, actor, identity_id)
    _check_project_role(role)
    existing = _membership(session, project_id, identity_id)
    if existing is not None:
        raise bad_request("Identity is already a member of this project")
    m = ProjectMembership(
        project_id=project_id, identity_id=identity_id, role=role, created_at=utcnow()
    )
    session.add(m)
    session.commit()
    return m


def _membership(session: Session, project_id: str, identity_id: str) -> ProjectMembership | None:
    return session.scalars(
        select(ProjectMembership).where(
            ProjectMembership.project_id == project_id,
            ProjectMembership.identity_id == identity_id,
        )
    ).first()


def get_identity_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str, *, admin: bool
) -> ProjectMembership:
    """An identity's membership in a project (404 if none)."""
    if admin:
        managed_project(session, actor, project_id, "identity")
    m = _membership(session, project_id, identity_id)
    if m is None:
        raise not_found(f"Identity with ID '{identity_id}' is not a member of this project")
    return m


def update_identity_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str, role: str
) -> ProjectMembership:
    """Change an identity's project role."""
    _check_project_role(role)
    m = get_identity_membership(session, actor, project_id, identity_id, admin=True)
    m.role = role
    session.commit()
    return m


def delete_identity_membership(
    session: Session, actor: Actor, project_id: str, identity_id: str
) -> ProjectMembership:
    """Remove an identity from a project."""
    m = get_identity_membership(session, actor, project_id, identity_id, admin=True)
    session.delete(m)
    session.commit()
    return m
