"""Leases of dynamic secrets: create (credentials from the provider), read, list, renew and
revoke. Admins and members lease (Infisical's default roles); a lease is found only through
the folder of its dynamic secret, so nothing crosses a project, environment or folder.

A lease row is written before the provider makes the credentials (and removed again if it
fails), so credentials never exist without a lease that will revoke them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ..actor import Actor
from ..auth.permissions import WRITE_ROLES, actor_row
from ..db import read_only_session, unit_of_work
from ..dynamic.base import LeaseSpec, ProviderError
from ..dynamic.credentials import random_username
from ..dynamic.durations import ttl
from ..dynamic.templates import render
from ..errors import ApiError, bad_request, not_found
from ..schema import DynamicSecret, DynamicSecretLease, Identity, new_id, utcnow
from . import dynamic_inputs as di
from . import lease_revocation as revocation
from .dynamic_secrets import DELETING, DynamicScope, DynamicSecretView


@dataclass(frozen=True)
class LeaseView:
    """A lease and (for a single lease) its dynamic secret."""

    lease: DynamicSecretLease
    secret: DynamicSecretView | None = None


@dataclass(frozen=True)
class NewLease:
    """A created lease, its dynamic secret and the credentials (shown once)."""

    lease: DynamicSecretLease
    secret: DynamicSecretView
    data: dict[str, Any] = field(repr=False)


def _secret(session: Session, scope: DynamicScope, name: str) -> DynamicSecret:
    stmt = select(DynamicSecret).where(
        DynamicSecret.folder_id == scope.folder_id, DynamicSecret.name == name
    )
    found = session.scalars(stmt).first()
    if found is None:
        raise not_found(f"Dynamic secret with name '{name}' in folder '{scope.path}' not found")
    return found


def _lease(
    session: Session, scope: DynamicScope, lease_id: str
) -> tuple[DynamicSecretLease, DynamicSecret]:
    stmt = (
        select(DynamicSecretLease, DynamicSecret)
        .join(DynamicSecret, DynamicSecret.id == DynamicSecretLease.dynamic_secret_id)
        .where(DynamicSecretLease.id == lease_id, DynamicSecret.folder_id == scope.folder_id)
    )
    row = session.execute(stmt).first()
    if row is None:
        raise not_found(f"Dynamic secret lease with ID '{lease_id}' not found")
    return row[0], row[1]


def _actor_name(session: Session, actor: Actor) -> str:
    row = actor_row(session, actor)
    if row is None:
        return ""
    return row.name if isinstance(row, Identity) else row.email


def _entity_id(secret: DynamicSecret, makes_users: bool, actor_name: str) -> str:
    if not makes_users or not secret.username_template:
        return random_username()
    values = {
        "randomUsername": random_username(),
        "unixTimestamp": str(int(time.time())),
        "identity.name": actor_name,
    }
    name = render(secret.username_template, values).strip()
    if not name or len(name) > 255:
        raise bad_request("usernameTemplate produced an empty or too long user name")
    return name


def create(
    session: Session,
    scope: DynamicScope,
    actor: Actor,
    *,
    name: str,
    ttl_text: str | None,
    config: Any,
) -> NewLease:
    """Ask the provider for credentials valid until now + ``ttl`` (default: the dynamic
    secret's default TTL; at most its max TTL)."""
    scope.require(WRITE_ROLES, "lease")
    with read_only_session(session) as reader:
        secret = _secret(reader, scope, name)
        if secret.status == DELETING:
            raise bad_request(f"Dynamic secret '{name}' is being deleted")
        stored = di.open_inputs(scope.data_key, secret.project_id, secret.id, secret.inputs_sealed)
        actor_name = _actor_name(reader, actor)
    provider = di.provider_for(secret.type)
    inputs = provider.parse(stored)
    now = utcnow()
    expire_at = now + ttl(ttl_text or secret.default_ttl)
    if secret.max_ttl and expire_at > now + ttl(secret.max_ttl):
        raise bad_request("TTL cannot be larger than max TTL")
    entity_id = _entity_id(secret, provider.makes_users, actor_name)
    with unit_of_work(session):
        lease = DynamicSecretLease(
            id=new_id(),
            dynamic_secret_id=secret.id,
            version=1,
            external_entity_id=entity_id,
            expire_at=expire_at,
            state="active",
            revoke_attempts=0,
            config=config,
            created_at=now,
            updated_at=now,
        )
        session.add(lease)
    try:
        minted = provider.create(inputs, LeaseSpec(entity_id, expire_at))
    except BaseException as exc:
        with unit_of_work(session):
            session.execute(delete(DynamicSecretLease).where(DynamicSecretLease.id == lease.id))
        if isinstance(exc, ProviderError):
            raise bad_request(f"Failed to create lease from provider: {exc}") from None
        raise
    view = DynamicSecretView(secret, scope.env_slug, scope.path)
    return NewLease(lease, view, minted.data)


def get(session: Session, scope: DynamicScope, lease_id: str) -> LeaseView:
    """One lease (any state) with its dynamic secret."""
    scope.require(WRITE_ROLES, "read leases of")
    lease, secret = _lease(session, scope, lease_id)
    return LeaseView(lease, DynamicSecretView(secret, scope.env_slug, scope.path))


def list_for(session: Session, scope: DynamicScope, name: str) -> list[DynamicSecretLease]:
    """The leases of a dynamic secret, oldest first."""
    scope.require(WRITE_ROLES, "read leases of")
    secret = _secret(session, scope, name)
    stmt = (
        select(DynamicSecretLease)
        .where(DynamicSecretLease.dynamic_secret_id == secret.id)
        .order_by(DynamicSecretLease.created_at, DynamicSecretLease.id)
    )
    return list(session.scalars(stmt))


def renew(
    session: Session, scope: DynamicScope, lease_id: str, *, ttl_text: str | None
) -> DynamicSecretLease:
    """Extend an active lease by ``ttl`` (default: the default TTL), never past its creation
    plus the max TTL; the provider extends the credentials first."""
    scope.require(WRITE_ROLES, "renew leases of")
    with read_only_session(session) as reader:
        lease, secret = _lease(reader, scope, lease_id)
    now = utcnow()
    if lease.state != "active":
        raise bad_request(f"Lease '{lease_id}' is being revoked and cannot be renewed")
    if lease.expire_at <= now:
        raise bad_request(f"Lease '{lease_id}' has expired; create a new lease")
    new_expiry = lease.expire_at + ttl(ttl_text or secret.default_ttl)
    if secret.max_ttl and new_expiry > lease.created_at + ttl(secret.max_ttl):
        raise bad_request("TTL cannot be larger than max ttl")
    provider = di.provider_for(secret.type)
    stored = di.open_inputs(scope.data_key, secret.project_id, secret.id, secret.inputs_sealed)
    try:
        provider.renew(provider.parse(stored), LeaseSpec(lease.external_entity_id, new_expiry))
    except ProviderError as exc:
        raise bad_request(f"Failed to renew lease from provider: {exc}") from None
    return _extend(session, lease, new_expiry)


def _extend(session: Session, lease: DynamicSecretLease, expiry: datetime) -> DynamicSecretLease:
    with unit_of_work(session):
        result = session.execute(
            update(DynamicSecretLease)
            .where(
                DynamicSecretLease.id == lease.id,
                DynamicSecretLease.state == "active",
                DynamicSecretLease.expire_at == lease.expire_at,
            )
            .values(expire_at=expiry, version=lease.version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) != 1:
            raise ApiError(409, f"Lease '{lease.id}' changed while it was renewed", "Conflict")
        renewed = session.get(DynamicSecretLease, lease.id, populate_existing=True)
        assert renewed is not None
        return renewed


def revoke(
    session: Session,
    root_key: bytes,
    scope: DynamicScope,
    lease_id: str,
    *,
    forced: bool,
    backoff_base: float,
) -> DynamicSecretLease:
    """Revoke a lease at the provider and delete it. If the provider refuses, the lease stays
    with status "Failed to delete" and the error, and the sweeper keeps retrying; ``forced``
    deletes it regardless."""
    scope.require(WRITE_ROLES, "revoke leases of")
    with read_only_session(session) as reader:
        _lease(reader, scope, lease_id)
    if not revocation.claim(session, lease_id, due_only=False):
        raise ApiError(409, f"Lease '{lease_id}' is already being revoked", "Conflict")
    outcome = revocation.revoke_claimed(
        session, root_key, lease_id, forced=forced, backoff_base=backoff_base
    )
    if outcome is None:
        raise not_found(f"Dynamic secret lease with ID '{lease_id}' not found")
    return outcome.lease
