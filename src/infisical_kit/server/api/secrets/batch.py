"""Batch create/update/delete shared by ``/api/v4/secrets/batch`` and
``/api/v3/secrets/batch/raw``: all items in one transaction, all or nothing."""

from __future__ import annotations

from typing import Any

from ...actor import Actor
from ...errors import bad_request
from ...limits import MAX_BATCH
from ...params import parse
from ...services import secret_batches
from ...state import ServerContext
from ...wire.secrets import secret_to_wire
from .._deps import Db
from .params import BatchCreate, BatchDelete, BatchUpdate, new_secret, secret_changes


def _sized(raw: dict[str, Any]) -> dict[str, Any]:
    """``raw``, or a 400 naming the limit when its ``secrets`` list exceeds `MAX_BATCH`."""
    items = raw.get("secrets")
    if isinstance(items, list) and len(items) > MAX_BATCH:
        raise bad_request(
            f"A batch holds at most {MAX_BATCH} secrets; this one has {len(items)}. "
            "Split it into several requests."
        )
    return raw


def batch_create(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Create every item as a shared secret, or none."""
    p = parse(BatchCreate, _sized(raw))
    items = [new_secret(item.secretKey, item) for item in p.secrets]
    views = secret_batches.batch_create(session, ctx.root_key, actor, p.scope_ref, items)
    return {"secrets": [secret_to_wire(v) for v in views]}


def batch_update(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Update every item (``mode`` decides what a missing secret means), or none."""
    p = parse(BatchUpdate, _sized(raw))
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
    p = parse(BatchDelete, _sized(raw))
    items = [(item.secretKey, item.type) for item in p.secrets]
    views = secret_batches.batch_delete(session, ctx.root_key, actor, p.scope_ref, items)
    return {"secrets": [secret_to_wire(v) for v in views]}
