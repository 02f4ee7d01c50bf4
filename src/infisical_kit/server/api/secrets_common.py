"""Parameter models and handlers shared by the v3 raw and v4 secrets routers."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import ApiError
from ..params import (
    MAX_INT,
    Bool,
    OptBool,
    Params,
    ScopeParams,
    SecretScopeParams,
    parse,
)
from ..services import secrets as svc
from ..services.imports import resolve_imports
from ..services.references import ReferenceExpander
from ..services.scope import Scope, resolve_scope
from ..services.secret_extras import parse_metadata_filter, parse_tag_slugs
from ..state import ServerContext
from .wire import secret_to_wire


class MetadataEntry(Params):
    """One ``secretMetadata`` item."""

    key: str = Field(min_length=1)
    value: str = ""
    isEncrypted: Bool = False


class ListParams(ScopeParams):
    """Query of a list call."""

    viewSecretValue: Bool = True
    expandSecretReferences: Bool = False
    recursive: Bool = False
    include_imports: Bool = False
    includeImports: Bool = False
    includePersonalOverrides: Bool = False
    tagSlugs: str | None = None
    metadataFilter: str | None = None


class GetParams(SecretScopeParams):
    """Query of a get-by-name call."""

    version: int | None = Field(default=None, ge=1, le=MAX_INT)
    viewSecretValue: Bool = True
    expandSecretReferences: Bool = False
    include_imports: Bool = False
    includeImports: Bool = False


class CreateParams(SecretScopeParams):
    """Body of a create call."""

    secretValue: str
    secretComment: str = ""
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = Field(default=None, ge=-MAX_INT, le=MAX_INT)
    tagIds: list[str] = Field(default_factory=list)
    secretMetadata: list[MetadataEntry] = Field(default_factory=list)


class UpdateParams(SecretScopeParams):
    """Body of an update call; absent fields stay unchanged."""

    secretValue: str | None = None
    secretComment: str | None = None
    newSecretName: str | None = None
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = Field(default=None, ge=-MAX_INT, le=MAX_INT)
    tagIds: list[str] | None = None
    secretMetadata: list[MetadataEntry] | None = None


def _scope(session: Session, ctx: ServerContext, actor: Actor, p: ScopeParams) -> Scope:
    pid, slug = p.project_ref
    return resolve_scope(
        session,
        actor,
        ctx.root_key,
        project_id=pid,
        project_slug=slug,
        environment=p.environment,
        path=p.secretPath,
    )


def _expand(session: Session, scope: Scope, views: list[svc.SecretView]) -> None:
    expander = ReferenceExpander(session, scope)
    for v in views:
        v.value = expander.expand(v.value, v.environment, v.path)


def _hide(view: svc.SecretView, hide: bool) -> bool:
    return hide and view.type != svc.PERSONAL  # personal secrets are never masked for the owner


def import_groups(
    session: Session, scope: Scope, actor: Actor, *, hide: bool, expand: bool
) -> list[dict[str, Any]]:
    """The ``imports`` array of a list response (§3.4 shape), in import order."""
    groups: list[dict[str, Any]] = []
    for imp in resolve_imports(session, scope):
        views: list[svc.SecretView] = []
        if imp.source is not None:
            views = svc.list_secrets(
                session, imp.source, actor, recursive=False, include_personal=False
            )
            if expand and not hide:
                _expand(session, imp.source, views)
        secrets = []
        for v in views:
            item = secret_to_wire(v, hide_value=hide)
            item.pop("createdAt")
            item.pop("updatedAt")
            secrets.append(item)
        groups.append(
            {
                "secretPath": imp.row.import_path,
                "environment": imp.env.slug,
                "folderId": imp.source.folder.id if imp.source is not None else None,
                "secrets": secrets,
            }
        )
    return groups


def list_handler(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any], *, v3: bool
) -> dict[str, Any]:
    """List secrets. v3 includes the caller's personal secrets; v4 only when overriding."""
    p = parse(ListParams, raw)
    conditions = parse_metadata_filter(p.metadataFilter)
    scope = _scope(session, ctx, actor, p)
    views = svc.list_secrets(
        session,
        scope,
        actor,
        recursive=p.recursive,
        include_personal=v3 or p.includePersonalOverrides,
        tag_slugs=parse_tag_slugs(p.tagSlugs),
        metadata_filter=conditions,
    )
    if not v3 and p.includePersonalOverrides:
        personal = {(v.path, v.key) for v in views if v.type == svc.PERSONAL}
        views = [v for v in views if v.type == svc.PERSONAL or (v.path, v.key) not in personal]
    hide = not p.viewSecretValue
    if p.expandSecretReferences and not hide:
        _expand(session, scope, views)
    result: dict[str, Any] = {
        "secrets": [secret_to_wire(v, hide_value=_hide(v, hide)) for v in views]
    }
    if p.include_imports or p.includeImports:
        result["imports"] = import_groups(
            session, scope, actor, hide=hide, expand=p.expandSecretReferences
        )
    else:
        result["imports"] = []
    return result


def get_handler(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Get one secret by name (optionally an old version); with imports included, a secret
    missing from the folder is searched in its imports, last to first."""
    p = parse(GetParams, raw)
    scope = _scope(session, ctx, actor, p)
    view_scope = scope
    try:
        view = svc.get_secret(session, scope, actor, name, secret_type=p.type, version=p.version)
    except ApiError as exc:
        if exc.status_code != 404 or not (p.include_imports or p.includeImports):
            raise
        found = None
        for imp in reversed(resolve_imports(session, scope)):
            if imp.source is not None:
                found = svc.find_secret(session, imp.source, actor, name)
                if found is not None:
                    view_scope = imp.source
                    break
        if found is None:
            raise
        view = found
    hide = _hide(view, not p.viewSecretValue)
    if p.expandSecretReferences and not hide:
        _expand(session, view_scope, [view])
    return {"secret": secret_to_wire(view, hide_value=hide)}


def create_handler(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Create a secret."""
    p = parse(CreateParams, raw)
    scope = _scope(session, ctx, actor, p)
    view = svc.create_secret(
        session,
        scope,
        actor,
        name,
        p.secretValue,
        comment=p.secretComment,
        secret_type=p.type,
        skip_multiline_encoding=bool(p.skipMultilineEncoding),
        metadata=p.metadata,
        reminder_note=p.secretReminderNote,
        reminder_repeat_days=p.secretReminderRepeatDays,
        tag_ids=p.tagIds,
        secret_metadata=[m.model_dump() for m in p.secretMetadata],
    )
    return {"secret": secret_to_wire(view)}


def update_handler(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Update (and optionally rename) a secret."""
    p = parse(UpdateParams, raw)
    scope = _scope(session, ctx, actor, p)
    changes = svc.SecretChanges(
        value=p.secretValue,
        comment=p.secretComment,
        new_name=p.newSecretName,
        skip_multiline_encoding=p.skipMultilineEncoding,
        metadata=p.metadata,
        reminder_note=p.secretReminderNote,
        reminder_repeat_days=p.secretReminderRepeatDays,
        tag_ids=p.tagIds,
        secret_metadata=None
        if p.secretMetadata is None
        else [m.model_dump() for m in p.secretMetadata],
    )
    view = svc.update_secret(session, scope, actor, name, changes, secret_type=p.type)
    return {"secret": secret_to_wire(view)}


def delete_handler(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Delete a secret and return it."""
    p = parse(SecretScopeParams, raw)
    scope = _scope(session, ctx, actor, p)
    view = svc.delete_secret(session, scope, actor, name, secret_type=p.type)
    return {"secret": secret_to_wire(view)}
