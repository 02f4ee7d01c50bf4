"""Batch create/update/delete of secrets: every item in one unit of work, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from ..actor import Actor
from ..db import unit_of_work
from ..errors import not_found
from .scope import ScopeCache, ScopeRef
from .secret_views import SecretView
from .secrets import (
    NewSecret,
    SecretChanges,
    create_secret,
    delete_secret,
    find_secret,
    update_secret,
)

#: What a batch update does with a secret that does not exist: fail (404), create it, skip it.
UpdateMode = Literal["failOnNotFound", "upsert", "ignore"]


@dataclass(frozen=True)
class BatchChange:
    """One secret of a batch update: its name, its folder (``None``: the request's) and the
    changes."""

    key: str
    path: str | None
    changes: SecretChanges


def batch_create(
    session: Session, root_key: bytes, actor: Actor, ref: ScopeRef, items: Sequence[NewSecret]
) -> list[SecretView]:
    """Create every item as a shared secret, or none."""
    with unit_of_work(session):
        scope = ScopeCache(session, actor, root_key, ref).get()
        return [create_secret(session, scope, actor, item) for item in items]


def batch_update(
    session: Session,
    root_key: bytes,
    actor: Actor,
    ref: ScopeRef,
    items: Sequence[BatchChange],
    mode: UpdateMode,
) -> list[SecretView]:
    """Update every item (``mode`` decides what a missing secret means), or none. An upsert
    creates the secret under its new name, with an empty value when none was given."""
    out = []
    with unit_of_work(session):
        scopes = ScopeCache(session, actor, root_key, ref)
        for item in items:
            scope = scopes.get(item.path)
            if find_secret(session, scope, actor, item.key) is not None:
                out.append(update_secret(session, scope, actor, item.key, item.changes))
            elif mode == "failOnNotFound":
                raise not_found(f"Secret with name '{item.key.strip()}' not found")
            elif mode == "upsert":
                out.append(create_secret(session, scope, actor, _upserted(item)))
    return out


def _upserted(item: BatchChange) -> NewSecret:
    c = item.changes
    return NewSecret(
        key=c.new_name or item.key,
        value=c.value or "",
        comment=c.comment or "",
        skip_multiline_encoding=bool(c.skip_multiline_encoding),
        metadata=c.metadata,
        reminder_note=c.reminder_note,
        reminder_repeat_days=c.reminder_repeat_days,
        tag_ids=c.tag_ids or [],
        secret_metadata=c.secret_metadata or [],
    )


def batch_delete(
    session: Session,
    root_key: bytes,
    actor: Actor,
    ref: ScopeRef,
    items: Sequence[tuple[str, str]],
) -> list[SecretView]:
    """Delete every ``(name, type)``, or none (a missing secret is a 404)."""
    with unit_of_work(session):
        scope = ScopeCache(session, actor, root_key, ref).get()
        return [
            delete_secret(session, scope, actor, key, secret_type=secret_type)
            for key, secret_type in items
        ]
