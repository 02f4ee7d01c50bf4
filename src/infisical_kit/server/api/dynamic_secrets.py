"""``/api/v1/dynamic-secrets``: create, list, get, update and delete dynamic secrets, and list
the leases of one (Infisical's routes and shapes)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ..openapi import json_body, query_params
from ..params import parse
from ..services import dynamic_leases as leases_svc
from ..services import dynamic_secrets as svc
from ..wire.dynamic_secrets import dynamic_secret_to_wire, lease_to_wire
from ._deps import Ctx, Db, Raw, Who
from .dynamic_params import (
    CreateDynamicSecret,
    DeleteParams,
    DynamicScope,
    UpdateDynamicSecret,
)

router = APIRouter(prefix="/api/v1/dynamic-secrets", tags=["dynamic-secrets"])


def _metadata(items: list[Any] | None) -> list[dict[str, str]] | None:
    return None if items is None else [item.model_dump() for item in items]


@router.post("", openapi_extra=json_body(CreateDynamicSecret))
def create_dynamic_secret(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """Create a dynamic secret (its provider inputs are tested first): ``{dynamicSecret}``."""
    p = parse(CreateDynamicSecret, raw)
    scope = svc.resolve(session, actor, ctx.root_key, p.ref)
    settings = svc.Settings(
        default_ttl=p.defaultTTL,
        max_ttl=p.maxTTL,
        metadata=_metadata(p.metadata),
        username_template=p.usernameTemplate,
    )
    view = svc.create(
        session,
        scope,
        name=p.name,
        provider_type=p.provider.type,
        raw_inputs=p.provider.inputs,
        settings=settings,
    )
    return {"dynamicSecret": dynamic_secret_to_wire(view, inputs=True)}


@router.get("", openapi_extra=query_params(DynamicScope))
def list_dynamic_secrets(session: Db, ctx: Ctx, actor: Who, raw: Raw) -> dict[str, Any]:
    """The dynamic secrets of a folder: ``{dynamicSecrets}``."""
    p = parse(DynamicScope, raw)
    scope = svc.resolve(session, actor, ctx.root_key, p.ref)
    views = svc.list_all(session, scope)
    return {"dynamicSecrets": [dynamic_secret_to_wire(v) for v in views]}


@router.get("/{dynamic_secret_name}", openapi_extra=query_params(DynamicScope))
def get_dynamic_secret(
    dynamic_secret_name: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """One dynamic secret with its provider inputs: ``{dynamicSecret}``."""
    p = parse(DynamicScope, raw)
    scope = svc.resolve(session, actor, ctx.root_key, p.ref)
    view = svc.get(session, scope, dynamic_secret_name.strip().lower())
    return {"dynamicSecret": dynamic_secret_to_wire(view, inputs=True)}


@router.patch("/{dynamic_secret_name}", openapi_extra=json_body(UpdateDynamicSecret))
def update_dynamic_secret(
    dynamic_secret_name: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Change inputs (merged, tested), TTLs, name, metadata: ``{dynamicSecret}``."""
    p = parse(UpdateDynamicSecret, raw)
    scope = svc.resolve(session, actor, ctx.root_key, p.ref)
    data = p.data
    settings = svc.Settings(
        default_ttl=data.defaultTTL,
        max_ttl=data.maxTTL,
        clear_max_ttl=data.cleared("maxTTL"),
        metadata=_metadata(data.metadata),
        username_template=data.usernameTemplate,
        clear_username_template=data.cleared("usernameTemplate"),
    )
    view = svc.update_one(
        session,
        scope,
        dynamic_secret_name.strip().lower(),
        new_name=data.newName,
        raw_inputs=data.inputs,
        settings=settings,
    )
    return {"dynamicSecret": dynamic_secret_to_wire(view, inputs=True)}


@router.delete("/{dynamic_secret_name}", openapi_extra=json_body(DeleteParams))
def delete_dynamic_secret(
    dynamic_secret_name: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """Delete a dynamic secret (its leases revoked first unless ``isForced``)."""
    p = parse(DeleteParams, raw)
    scope = svc.resolve(session, actor, ctx.root_key, p.ref)
    view = svc.delete(session, scope, dynamic_secret_name.strip().lower(), forced=p.isForced)
    return {"dynamicSecret": dynamic_secret_to_wire(view)}


@router.get("/{dynamic_secret_name}/leases", openapi_extra=query_params(DynamicScope))
def list_leases(
    dynamic_secret_name: str, session: Db, ctx: Ctx, actor: Who, raw: Raw
) -> dict[str, Any]:
    """The leases of a dynamic secret: ``{leases}``."""
    p = parse(DynamicScope, raw)
    scope = svc.resolve(session, actor, ctx.root_key, p.ref)
    found = leases_svc.list_for(session, scope, dynamic_secret_name.strip().lower())
    return {"leases": [lease_to_wire(lease) for lease in found]}
