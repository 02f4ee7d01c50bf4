"""``/api/v1/dynamic-secrets/leases``: create a lease (credentials), read, renew and revoke it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..openapi import json_body, query_params
from ..params import parse
from ..services import dynamic_leases as svc
from ..services.dynamic_secrets import resolve
from ..wire.dynamic_secrets import dynamic_secret_to_wire, lease_to_wire, new_lease_to_wire
from ._deps import Ctx, Db, Raw, Who
from .dynamic_params import CreateLease, DeleteParams, DynamicScope, RenewLease

router = APIRouter(prefix="/api/v1/dynamic-secrets/leases", tags=["dynamic-secrets"])


@router.post("", openapi_extra=json_body(CreateLease))
def create_lease(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a lease: ``{lease, dynamicSecret, data}`` (``data`` holds the credentials)."""
    p = parse(CreateLease, raw)
    scope = resolve(session, actor, ctx.root_key, p.ref)
    made = svc.create(
        session, scope, actor, name=p.dynamicSecretName, ttl_text=p.ttl, config=p.config
    )
    return new_lease_to_wire(made)


@router.get("/{lease_id}", openapi_extra=query_params(DynamicScope))
def get_lease(lease_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """One lease with its dynamic secret: ``{lease}``."""
    p = parse(DynamicScope, raw)
    scope = resolve(session, actor, ctx.root_key, p.ref)
    view = svc.get(session, scope, lease_id)
    lease = lease_to_wire(view.lease)
    if view.secret is not None:
        lease["dynamicSecret"] = dynamic_secret_to_wire(view.secret)
    return {"lease": lease}


@router.post("/{lease_id}/renew", openapi_extra=json_body(RenewLease))
def renew_lease(lease_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Extend a lease (bounded by the max TTL): ``{lease}``."""
    p = parse(RenewLease, raw)
    scope = resolve(session, actor, ctx.root_key, p.ref)
    return {"lease": lease_to_wire(svc.renew(session, scope, lease_id, ttl_text=p.ttl))}


@router.delete("/{lease_id}", openapi_extra=json_body(DeleteParams))
def revoke_lease(lease_id: str, session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Revoke a lease at the provider: ``{lease}`` (status "Failed to delete" if it refused)."""
    p = parse(DeleteParams, raw)
    scope = resolve(session, actor, ctx.root_key, p.ref)
    lease = svc.revoke(
        session,
        ctx.root_key,
        scope,
        lease_id,
        forced=p.isForced,
        backoff_base=ctx.settings.lease_retry_base,
    )
    return {"lease": lease_to_wire(lease)}
