"""Legacy service tokens: issue, list and delete them (users of the project, as on Infisical),
and what a token answers about itself (``GET /api/v2/service-token``).

The token is ``st.<id>.<secret>``, shown once; the secret's keyed hash is stored
(``auth/service_tokens.py`` says why that hash and not argon2). A token reads, and with the
``write`` permission changes, the secrets of its project within its scopes.
"""

from __future__ import annotations

import secrets as _secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import WRITE_ROLES, require_role
from ..auth.service_tokens import SERVICE, actor_grant, hash_token_secret, is_glob
from ..db import unit_of_work
from ..errors import ApiError, bad_request, not_found
from ..schema import Environment, ServiceToken, User, new_id, utcnow
from .scope import member_project

PERMISSIONS = ("read", "write")
#: The longest lifetime a token may be given (ten years, in seconds).
MAX_EXPIRES_IN = 315360000
SUBJECT = "service-tokens"


@dataclass(frozen=True)
class TokenScope:
    """One scope of a new token: an environment slug and a (glob) secret path."""

    environment: str
    secret_path: str


@dataclass(frozen=True)
class NewServiceToken:
    """What a service token is created with."""

    name: str
    project_id: str
    scopes: Sequence[TokenScope]
    permissions: Sequence[str]
    expires_in: int | None


@dataclass(frozen=True)
class ServiceTokenDetails:
    """A token row and the user who created it (``None`` once that user is gone)."""

    token: ServiceToken
    creator: User | None


def _require_user(actor: Actor, what: str) -> None:
    if actor.kind != "user":
        raise ApiError(
            403, f"Only users can {what} service tokens (as on Infisical)", "ForbiddenError"
        )


def _scope_path(path: str) -> str:
    path = path.strip()
    if not path.startswith("/"):
        raise bad_request(f"Scope secretPath '{path}' must start with '/'")
    return path.rstrip("/") or "/"


def _check_new(session: Session, new: NewServiceToken) -> list[dict[str, str]]:
    if not new.name.strip():
        raise bad_request("Service token name must not be empty")
    if not new.scopes:
        raise bad_request("A service token needs at least one scope")
    unknown = sorted(set(new.permissions) - set(PERMISSIONS))
    if unknown or not new.permissions:
        raise bad_request("permissions must name 'read', 'write' or both")
    if new.expires_in is not None and not 0 <= new.expires_in <= MAX_EXPIRES_IN:
        raise bad_request(f"expiresIn must be between 0 and {MAX_EXPIRES_IN} seconds (or null)")
    scopes = []
    for scope in new.scopes:
        slug = scope.environment.strip()
        env = session.scalars(
            select(Environment.id).where(
                Environment.project_id == new.project_id, Environment.slug == slug
            )
        ).first()
        if env is None:
            raise not_found(f"Environment with slug '{slug}' not found")
        scopes.append({"environment": slug, "secretPath": _scope_path(scope.secret_path)})
    return scopes


def create_service_token(
    session: Session, root_key: bytes, actor: Actor, new: NewServiceToken
) -> tuple[str, ServiceToken]:
    """Issue a token: ``(st.<id>.<secret>, its row)`` (users who may write secrets)."""
    _require_user(actor, "create")
    access = member_project(session, actor, new.project_id)
    require_role(access.role, WRITE_ROLES, "create", SUBJECT)
    with unit_of_work(session):
        scopes = _check_new(session, new)
        secret = _secrets.token_hex(32)
        now = utcnow()
        row = ServiceToken(
            id=new_id(),
            project_id=access.project.id,
            name=new.name.strip(),
            scopes=scopes,
            permissions=[p for p in PERMISSIONS if p in new.permissions],
            secret_hash=hash_token_secret(root_key, secret),
            created_by=actor.id,
            expires_at=now + timedelta(seconds=new.expires_in) if new.expires_in else None,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
    return f"st.{row.id}.{secret}", row


def delete_service_token(session: Session, actor: Actor, token_id: str) -> ServiceToken:
    """Delete a token of one of the user's projects (404 otherwise; viewers get 403)."""
    _require_user(actor, "delete")
    with unit_of_work(session):
        row = session.get(ServiceToken, token_id.strip())
        if row is None:
            raise not_found(f"Service token with ID '{token_id}' not found")
        try:
            access = member_project(session, actor, row.project_id)
        except ApiError:
            raise not_found(f"Service token with ID '{token_id}' not found") from None
        require_role(access.role, WRITE_ROLES, "delete", SUBJECT)
        session.delete(row)
    return row


def list_service_tokens(session: Session, actor: Actor, project_id: str) -> list[ServiceToken]:
    """The project's tokens, newest first (any member user of the project)."""
    _require_user(actor, "list")
    access = member_project(session, actor, project_id)
    stmt = (
        select(ServiceToken)
        .where(ServiceToken.project_id == access.project.id)
        .order_by(ServiceToken.created_at.desc(), ServiceToken.id)
    )
    return list(session.scalars(stmt))


def token_details(session: Session, actor: Actor) -> ServiceTokenDetails:
    """The calling service token itself, with its creator."""
    if actor.kind != SERVICE:
        raise ApiError(
            403, "Only a service token can read its own details on this route", "ForbiddenError"
        )
    row = session.get(ServiceToken, actor.id)
    if row is None:
        raise not_found("Service token not found")
    return ServiceTokenDetails(row, session.get(User, row.created_by))


def pinned_scope(session: Session, actor: Actor) -> dict[str, Any]:
    """For a service token with one scope that is not a glob, the project, environment and
    path its secret reads are pinned to (Infisical overrides the request's with them, so old
    clients need not know them); ``{}`` for anyone else."""
    grant = actor_grant(session, actor)
    if grant is None or len(grant.scopes) != 1 or is_glob(grant.scopes[0][1]):
        return {}
    env, path = grant.scopes[0]
    pid = grant.project_id
    return {"projectId": pid, "workspaceId": pid, "environment": env, "secretPath": path}
