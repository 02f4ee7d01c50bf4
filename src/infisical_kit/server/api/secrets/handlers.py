"""The single-secret operations shared by the v3 raw and v4 routers: parse the parameters,
call the service, serialise. Errors surface in one order: authentication, body,
parameters, scope, secret."""

from __future__ import annotations

from typing import Any

from ...actor import Actor
from ...params import SecretScopeParams, parse
from ...services import secret_reads, secrets, service_tokens
from ...services.scope import resolve_scope
from ...services.secret_extras import parse_metadata_filter, parse_tag_slugs
from ...services.secret_views import Personal
from ...state import ServerContext
from ...wire.secrets import listing_to_wire, secret_to_wire
from .._deps import Db
from .params import (
    CreateParams,
    GetParams,
    ListParams,
    UpdateParams,
    new_secret,
    read_options,
    secret_changes,
)


def list_handler(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any], *, v3: bool
) -> dict[str, Any]:
    """List secrets. v3 includes the caller's personal secrets; v4 only when overriding. A
    service token with a single plain scope reads that scope, whatever the request names."""
    p = parse(ListParams, {**raw, **service_tokens.pinned_scope(session, actor)})
    query = secret_reads.ListQuery(
        recursive=p.recursive,
        personal=personal_mode(p, v3=v3),
        metadata_filter=parse_metadata_filter(p.metadataFilter),
        tag_slugs=parse_tag_slugs(p.tagSlugs),
    )
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    listing = secret_reads.list_folder_secrets(session, scope, actor, query, read_options(p))
    return listing_to_wire(listing)


def personal_mode(p: ListParams, *, v3: bool) -> Personal:
    """v3 lists the caller's personal secrets beside the shared ones; v4 lists them only
    with ``includePersonalOverrides``, each in place of the shared secret it overrides."""
    if v3:
        return "include"
    return "override" if p.includePersonalOverrides else "exclude"


def get_handler(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Get one secret by name (optionally an old version); with imports included, a secret
    missing from the folder is searched in its imports, last to first. A service token with a
    single plain scope reads that scope, whatever the request names."""
    p = parse(GetParams, {**raw, **service_tokens.pinned_scope(session, actor)})
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    view = secret_reads.read_secret(
        session, scope, actor, name, secret_type=p.type, version=p.version, options=read_options(p)
    )
    return {"secret": secret_to_wire(view)}


def create_handler(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Create a secret."""
    p = parse(CreateParams, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    view = secrets.create_secret(session, scope, actor, new_secret(name, p), secret_type=p.type)
    return {"secret": secret_to_wire(view)}


def update_handler(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Update (and optionally rename) a secret."""
    p = parse(UpdateParams, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    changes = secret_changes(p)
    view = secrets.update_secret(session, scope, actor, name, changes, secret_type=p.type)
    return {"secret": secret_to_wire(view)}


def delete_handler(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Delete a secret and return it."""
    p = parse(SecretScopeParams, raw)
    scope = resolve_scope(session, actor, ctx.root_key, p.scope_ref)
    view = secrets.delete_secret(session, scope, actor, name, secret_type=p.type)
    return {"secret": secret_to_wire(view)}
