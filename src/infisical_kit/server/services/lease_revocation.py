"""Revoking leases exactly once, however many server processes share the database.

A lease is revoked by whoever *claims* it: one compare-and-set ``UPDATE`` moves it from
``active`` (or ``failed``, or a ``revoking`` claim that outlived its deadline) to ``revoking``
and only the process whose ``UPDATE`` matched calls the provider. On PostgreSQL a concurrent
``UPDATE`` of the same row waits for the first and then no longer matches; on SQLite the
write gate serialises them. A revocation the provider refuses is kept (``failed``, with the
error in ``statusDetails``) and retried with exponential backoff by the sweeper; it is never
dropped. The provider is called outside any transaction.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from ..crypto import unwrap_data_key
from ..db import read_only_session, unit_of_work
from ..dynamic.base import ProviderError, redact
from ..schema import DynamicSecret, DynamicSecretLease, Project, utcnow
from . import dynamic_inputs as di
from .dynamic_secrets import DELETING

logger = logging.getLogger("infisical_kit.server.dynamic")

#: The state of a lease that no longer exists (only ever seen in an answer).
REVOKED = "revoked"
#: How long a claim holds before another process may take the lease over (a crashed one).
CLAIM = timedelta(minutes=2)
#: Longest wait between two attempts at a revocation the provider keeps refusing.
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Outcome:
    """How a revocation ended: the lease as it was (deleted) or as it is now (failed)."""

    lease: DynamicSecretLease
    revoked: bool
    error: str | None = None


def _claimable(now: datetime) -> ColumnElement[bool]:
    """Leases anyone may claim now: not claimed, or claimed by someone who gave up."""
    return or_(
        DynamicSecretLease.state.in_(("active", "failed")),
        and_(DynamicSecretLease.state == "revoking", DynamicSecretLease.claim_until < now),
    )


def _due(now: datetime) -> ColumnElement[bool]:
    """Leases the sweeper should revoke now: expired, retry due, or abandoned claims."""
    return or_(
        and_(DynamicSecretLease.state == "active", DynamicSecretLease.expire_at <= now),
        and_(DynamicSecretLease.state == "failed", DynamicSecretLease.next_attempt_at <= now),
        and_(DynamicSecretLease.state == "revoking", DynamicSecretLease.claim_until < now),
    )


def claim(session: Session, lease_id: str, *, due_only: bool) -> bool:
    """Take the lease for revocation (one compare-and-set); False when someone else has it."""
    now = utcnow()
    condition = _due(now) if due_only else _claimable(now)
    with unit_of_work(session):
        result = session.execute(
            update(DynamicSecretLease)
            .where(DynamicSecretLease.id == lease_id, condition)
            .values(state="revoking", claim_until=now + CLAIM, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0) == 1)


def backoff(attempts: int, base: float) -> timedelta:
    """The wait before attempt ``attempts + 1``: ``base`` doubled per failure, at most 1 hour."""
    seconds = max(base, 0.1) * 2 ** min(max(attempts - 1, 0), 30)
    return min(timedelta(seconds=seconds), MAX_BACKOFF)


def revoke_claimed(
    session: Session, root_key: bytes, lease_id: str, *, forced: bool, backoff_base: float
) -> Outcome | None:
    """Revoke a lease this process claimed: delete it, or record the failure for a retry.

    ``forced`` deletes it even when the provider refuses (Infisical's ``isForced``). None when
    the lease is gone already (its dynamic secret was deleted meanwhile).
    """
    with read_only_session(session) as reader:
        lease = reader.get(DynamicSecretLease, lease_id)
        secret = reader.get(DynamicSecret, lease.dynamic_secret_id) if lease else None
        project = reader.get(Project, secret.project_id) if secret else None
    if lease is None or secret is None or project is None:
        return None
    error = _revoke_at_provider(root_key, project, secret, lease)
    if error is None or forced:
        with unit_of_work(session):
            session.execute(delete(DynamicSecretLease).where(DynamicSecretLease.id == lease_id))
        lease.state = REVOKED  # the detached snapshot the caller reports
        return Outcome(lease, revoked=True)
    attempts = lease.revoke_attempts + 1
    wait = backoff(attempts, backoff_base)
    logger.warning(
        "revoking lease %s of dynamic secret %s failed (attempt %d, retry in %.1fs): %s",
        lease.id,
        secret.name,
        attempts,
        wait.total_seconds(),
        error,
    )
    now = utcnow()
    with unit_of_work(session):
        session.execute(
            update(DynamicSecretLease)
            .where(DynamicSecretLease.id == lease_id, DynamicSecretLease.state == "revoking")
            .values(
                state="failed",
                claim_until=None,
                revoke_attempts=attempts,
                next_attempt_at=now + wait,
                status_details=error,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        if secret.status == DELETING:
            session.execute(
                update(DynamicSecret)
                .where(DynamicSecret.id == secret.id)
                .values(status_details=f"Failed to revoke lease {lease.id}: {error}")
                .execution_options(synchronize_session=False)
            )
        failed = session.get(DynamicSecretLease, lease_id, populate_existing=True)
    return Outcome(failed or lease, revoked=False, error=error)


def _revoke_at_provider(
    root_key: bytes, project: Project, secret: DynamicSecret, lease: DynamicSecretLease
) -> str | None:
    """None when the provider revoked the lease's credentials, else why it did not."""
    hidden: list[str] = []
    try:
        data_key = unwrap_data_key(root_key, project.wrapped_data_key, project.id)
        stored = di.open_inputs(data_key, project.id, secret.id, secret.inputs_sealed)
        hidden = di.secret_inputs(stored)
        provider = di.provider_for(secret.type)
        provider.revoke(provider.parse(stored), lease.external_entity_id)
    except ProviderError as exc:
        return str(exc)
    except Exception as exc:  # a revocation is never dropped: record whatever went wrong
        return redact(f"{type(exc).__name__}: {exc}", hidden)
    return None


def sweep(sessions: sessionmaker[Session], root_key: bytes, *, backoff_base: float) -> int:
    """One pass: revoke every due lease this process can claim; finish deletes whose leases
    are all gone. Returns how many leases it revoked."""
    revoked = 0
    with sessions() as session:
        with read_only_session(session) as reader:
            due = list(
                reader.scalars(
                    select(DynamicSecretLease.id)
                    .where(_due(utcnow()))
                    .order_by(DynamicSecretLease.expire_at)
                    .limit(200)
                )
            )
        for lease_id in due:
            if not claim(session, lease_id, due_only=True):
                continue
            outcome = revoke_claimed(
                session, root_key, lease_id, forced=False, backoff_base=backoff_base
            )
            revoked += bool(outcome and outcome.revoked)
        _finish_deletes(session)
    return revoked


def _finish_deletes(session: Session) -> None:
    """Delete the dynamic secrets marked for deletion that have no lease left."""
    with read_only_session(session) as reader:
        waiting = reader.scalars(
            select(DynamicSecret.id).where(DynamicSecret.status == DELETING).limit(1)
        ).first()
    if waiting is None:
        return
    no_lease = ~exists().where(DynamicSecretLease.dynamic_secret_id == DynamicSecret.id)
    with unit_of_work(session):
        session.execute(
            delete(DynamicSecret)
            .where(DynamicSecret.status == DELETING, no_lease)
            .execution_options(synchronize_session=False)
        )
