"""Dynamic secrets: create, read, update, list and delete provider configurations.

Every check that reads runs on a read-only session and the provider is contacted outside any
transaction (a connection test can take seconds); the write is one unit of work. Admins and
members manage dynamic secrets; viewers may list them (Infisical's default roles).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import WRITE_ROLES, require_role
from ..db import read_only_session, unit_of_work
from ..dynamic.durations import ttl
from ..errors import bad_request, not_found
from ..schema import DynamicSecret, DynamicSecretLease, new_id, utcnow
from . import dynamic_inputs as di
from .scope import ScopeRef, resolve_scope

READ_ROLES = frozenset({"admin", "member", "viewer"})
SUBJECT = "dynamic-secrets"
#: ``status`` while a delete waits for the leases to be revoked (Infisical's text).
DELETING = "Revocation in process"


@dataclass(frozen=True)
class DynamicScope:
    """Where a dynamic-secret call points, resolved: project, environment, folder, role."""

    project_id: str
    env_slug: str
    folder_id: str
    path: str
    role: str
    data_key: bytes = field(repr=False)

    def require(self, allowed: frozenset[str], action: str) -> None:
        """403 PermissionDenied unless the actor's role is one of ``allowed``."""
        require_role(self.role, allowed, action, SUBJECT)


@dataclass(frozen=True)
class DynamicSecretView:
    """A dynamic secret, where it lives, and its inputs when the caller may see them."""

    row: DynamicSecret
    env_slug: str
    path: str
    inputs: Any = field(default=None, repr=False)


@dataclass(frozen=True)
class Settings:
    """What a create or update sets (``None``: not given)."""

    default_ttl: str | None = None
    max_ttl: str | None = None
    clear_max_ttl: bool = False
    metadata: list[dict[str, str]] | None = None
    username_template: str | None = None
    clear_username_template: bool = False


def resolve(session: Session, actor: Actor, root_key: bytes, ref: ScopeRef) -> DynamicScope:
    """The project (by slug or id), environment and folder of a call, read-only."""
    with read_only_session(session) as reader:
        scope = resolve_scope(reader, actor, root_key, ref)
        return DynamicScope(
            scope.project.id,
            scope.env.slug,
            scope.folder.id,
            scope.path,
            scope.role,
            scope.data_key,
        )


def _find(session: Session, scope: DynamicScope, name: str) -> DynamicSecret:
    stmt = select(DynamicSecret).where(
        DynamicSecret.folder_id == scope.folder_id, DynamicSecret.name == name
    )
    found = session.scalars(stmt).first()
    if found is None:
        raise not_found(f"Dynamic secret with name '{name}' in folder '{scope.path}' not found")
    return found


def _check_ttls(default_ttl: str, max_ttl: str | None) -> None:
    if max_ttl and ttl(default_ttl) > ttl(max_ttl):
        raise bad_request("defaultTTL cannot be larger than maxTTL")


def _view(scope: DynamicScope, row: DynamicSecret, inputs: Any = None) -> DynamicSecretView:
    return DynamicSecretView(row, scope.env_slug, scope.path, inputs)


def create(
    session: Session,
    scope: DynamicScope,
    *,
    name: str,
    provider_type: str,
    raw_inputs: Any,
    settings: Settings,
) -> DynamicSecretView:
    """Validate and test the provider inputs, then store the dynamic secret (inputs sealed)."""
    scope.require(WRITE_ROLES, "create")
    provider = di.provider_for(provider_type)
    inputs = di.parse_inputs(provider, raw_inputs)
    assert settings.default_ttl is not None
    _check_ttls(settings.default_ttl, settings.max_ttl)
    di.check_username_template(settings.username_template)
    with read_only_session(session) as reader:
        _name_free(reader, scope, name)
    di.try_connection(provider, inputs)
    stored = di.dump(inputs)
    with unit_of_work(session):
        _name_free(session, scope, name)
        now = utcnow()
        row = DynamicSecret(
            id=new_id(),
            project_id=scope.project_id,
            folder_id=scope.folder_id,
            name=name,
            type=provider_type,
            version=1,
            default_ttl=settings.default_ttl,
            max_ttl=settings.max_ttl,
            username_template=settings.username_template,
            metadata_json=settings.metadata or [],
            created_at=now,
            updated_at=now,
        )
        row.inputs_sealed = di.seal_inputs(scope.data_key, scope.project_id, row.id, stored)
        session.add(row)
        return _view(scope, row, stored)


def _name_free(session: Session, scope: DynamicScope, name: str) -> None:
    stmt = select(DynamicSecret.id).where(
        DynamicSecret.folder_id == scope.folder_id, DynamicSecret.name == name
    )
    if session.scalars(stmt).first() is not None:
        raise bad_request("Provided dynamic secret already exist under the folder")


def get(session: Session, scope: DynamicScope, name: str) -> DynamicSecretView:
    """One dynamic secret with its inputs (admins and members: they hold root credentials)."""
    scope.require(WRITE_ROLES, "read root credentials of")
    row = _find(session, scope, name)
    return _view(
        scope, row, di.open_inputs(scope.data_key, row.project_id, row.id, row.inputs_sealed)
    )


def list_all(session: Session, scope: DynamicScope) -> list[DynamicSecretView]:
    """The dynamic secrets of a folder, by name (no inputs)."""
    scope.require(READ_ROLES, "read")
    stmt = (
        select(DynamicSecret)
        .where(DynamicSecret.folder_id == scope.folder_id)
        .order_by(DynamicSecret.name)
    )
    return [_view(scope, row) for row in session.scalars(stmt)]


def update_one(
    session: Session,
    scope: DynamicScope,
    name: str,
    *,
    new_name: str | None,
    raw_inputs: Any,
    settings: Settings,
) -> DynamicSecretView:
    """Merge new inputs over the stored ones (tested again), rename, change TTLs or metadata."""
    scope.require(WRITE_ROLES, "edit")
    with read_only_session(session) as reader:
        current = _find(reader, scope, name)
        if current.status == DELETING:
            raise bad_request(f"Dynamic secret '{name}' is being deleted")
        if new_name and new_name != name:
            _name_free(reader, scope, new_name)
        stored = di.open_inputs(
            scope.data_key, current.project_id, current.id, current.inputs_sealed
        )
    provider = di.provider_for(current.type)
    if raw_inputs is not None and not isinstance(raw_inputs, dict):
        raise bad_request("data.inputs must be an object")
    inputs = di.parse_inputs(provider, {**stored, **(raw_inputs or {})})
    default_ttl = settings.default_ttl or current.default_ttl
    max_ttl = None if settings.clear_max_ttl else (settings.max_ttl or current.max_ttl)
    _check_ttls(default_ttl, max_ttl)
    di.check_username_template(settings.username_template)
    if raw_inputs:
        di.try_connection(provider, inputs)
    new_stored = di.dump(inputs)
    with unit_of_work(session):
        row = _find(session, scope, name)
        if new_name and new_name != name:
            _name_free(session, scope, new_name)
            row.name = new_name
        row.inputs_sealed = di.seal_inputs(scope.data_key, row.project_id, row.id, new_stored)
        row.default_ttl = default_ttl
        row.max_ttl = max_ttl
        if settings.metadata is not None:
            row.metadata_json = settings.metadata
        if settings.clear_username_template:
            row.username_template = None
        elif settings.username_template is not None:
            row.username_template = settings.username_template
        row.status = None
        row.status_details = None
        row.version += 1
        row.updated_at = utcnow()
        return _view(scope, row, new_stored)


def delete(session: Session, scope: DynamicScope, name: str, *, forced: bool) -> DynamicSecretView:
    """Delete a dynamic secret. Without ``forced``, its leases are revoked first (by the lease
    sweeper; the answer has status "Revocation in process" meanwhile); ``forced`` drops it and
    its leases without asking the provider."""
    scope.require(WRITE_ROLES, "delete")
    with unit_of_work(session):
        row = _find(session, scope, name)
        view = _view(scope, row)
        has_leases = session.scalars(
            select(DynamicSecretLease.id).where(DynamicSecretLease.dynamic_secret_id == row.id)
        ).first()
        if forced or has_leases is None:
            session.delete(row)
            return view
        now = utcnow()
        row.status = DELETING
        row.updated_at = now
        session.execute(
            update(DynamicSecretLease)
            .where(
                DynamicSecretLease.dynamic_secret_id == row.id,
                DynamicSecretLease.state == "active",
                DynamicSecretLease.expire_at > now,
            )
            .values(expire_at=now - timedelta(microseconds=1), updated_at=now)
        )
        return _view(scope, row)
