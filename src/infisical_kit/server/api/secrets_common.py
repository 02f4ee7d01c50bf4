"""Parameter models and handlers shared by the v3 raw and v4 secrets routers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends
from pydantic import Field
from sqlalchemy.orm import Session

from ..auth.deps import Actor, require_actor
from ..params import Bool, OptBool, ScopeParams, SecretScopeParams, parse, request_params
from ..services import secrets as svc
from ..services.references import ReferenceExpander
from ..services.scope import Scope, resolve_scope
from ..state import ServerContext, get_context, get_session
from .wire import secret_to_wire


class ListParams(ScopeParams):
    """Query of a list call."""

    viewSecretValue: Bool = True
    expandSecretReferences: Bool = False
    recursive: Bool = False
    include_imports: Bool = False
    includeImports: Bool = False
    includePersonalOverrides: Bool = False


class GetParams(SecretScopeParams):
    """Query of a get-by-name call."""

    version: int | None = Field(default=None, ge=1)
    viewSecretValue: Bool = True
    expandSecretReferences: Bool = False


class CreateParams(SecretScopeParams):
    """Body of a create call."""

    secretValue: str
    secretComment: str = ""
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = None


class UpdateParams(SecretScopeParams):
    """Body of an update call; absent fields stay unchanged."""

    secretValue: str | None = None
    secretComment: str | None = None
    newSecretName: str | None = None
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = None


Ctx = Annotated[ServerContext, Depends(get_context)]
Db = Annotated[Session, Depends(get_session)]
Who = Annotated[Actor, Depends(require_actor)]
Raw = Annotated[dict[str, Any], Depends(request_params)]


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


def list_handler(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any], *, v3: bool
) -> dict[str, Any]:
    """List secrets. v3 includes the caller's personal secrets; v4 only when overriding."""
    p = parse(ListParams, raw)
    scope = _scope(session, ctx, actor, p)
    views = svc.list_secrets(
        session,
        scope,
        actor,
        recursive=p.recursive,
        include_personal=v3 or p.includePersonalOverrides,
    )
    if not v3 and p.includePersonalOverrides:
        personal = {(v.path, v.key) for v in views if v.type == svc.PERSONAL}
        views = [v for v in views if v.type == svc.PERSONAL or (v.path, v.key) not in personal]
    hide = not p.viewSecretValue
    if p.expandSecretReferences and not hide:
        expander = ReferenceExpander(session, scope)
        for v in views:
            v.value = expander.expand(v.value, v.environment, v.path)
    return {"secrets": [secret_to_wire(v, hide_value=hide) for v in views], "imports": []}


def get_handler(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any], name: str
) -> dict[str, Any]:
    """Get one secret by name (optionally an old version)."""
    p = parse(GetParams, raw)
    scope = _scope(session, ctx, actor, p)
    view = svc.get_secret(session, scope, actor, name, secret_type=p.type, version=p.version)
    hide = not p.viewSecretValue and view.type != svc.PERSONAL
    if p.expandSecretReferences and not hide:
        view.value = ReferenceExpander(session, scope).expand(
            view.value, view.environment, view.path
        )
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
