"""Batch create/update/delete shared by ``/api/v4/secrets/batch`` and
``/api/v3/secrets/batch/raw``: all items in one transaction, all or nothing."""

from __future__ import annotations

from typing import Any

from ...actor import Actor
from ...params import parse
from ...services import secret_batches
from ...state import ServerContext
from ...wire.secrets import secret_to_wire
from .._deps import Db
from .params import BatchCreate, BatchDelete, BatchUpdate, new_secret, secret_changes


def batch_create(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Create every item as a shared secret, or none."""
    p = parse(BatchCreate, raw)
    items = [new_secret(item.secretKey, item) for item in p.secrets]
    views = secret_batches.batch_create(session, ctx.root_key, actor, p.scope_ref, items)
    return {"secrets": [secret_to_wire(v) for v in views]}


def batch_update(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Update every item (``mode`` decides what a missing secret means), or none."""
    p = parse(BatchUpdate, raw)
    items = [
        secret_batches.BatchChange(item.secretKey, item.secretPath, secret_changes(item))
        for item in p.secrets
    ]
    views = secret_batches.batch_update(session, ctx.root_key, actor, p.scope_ref, items, p.mode)
    return {"secrets": [secret_to_wire(v) for v in views]}


def batch_delete(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Delete every item, or none (a missing secret is a 404)."""
    p = parse(BatchDelete, raw)
    items = [(item.secretKey, item.type) for item in p.secrets]
    views = secret_batches.batch_delete(session, ctx.root_key, actor, p.scope_ref, items)
    return {"secrets": [secret_to_wire(v) for v in views]}
