"""Batch create/update/delete shared by ``/api/v4/secrets/batch`` and
``/api/v3/secrets/batch/raw``: all items in one transaction, all or nothing."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field
from sqlalchemy.orm import Session

from ..actor import Actor
from ..errors import not_found
from ..params import MAX_INT, OptBool, Params, ScopeParams, SecretPath, parse
from ..services import secrets as svc
from ..services.scope import Scope, resolve_scope
from ..state import ServerContext
from .secrets_common import MetadataEntry
from .wire import secret_to_wire


class CreateItem(Params):
    """One secret of a batch create."""

    secretKey: str = Field(min_length=1)
    secretValue: str
    secretComment: str = ""
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretMetadata: list[MetadataEntry] = Field(default_factory=list)
    tagIds: list[str] = Field(default_factory=list)


class UpdateItem(Params):
    """One secret of a batch update (``secretPath`` overrides the request's)."""

    secretKey: str = Field(min_length=1)
    secretValue: str | None = None
    secretPath: SecretPath | None = None
    secretComment: str | None = None
    skipMultilineEncoding: OptBool = None
    newSecretName: str | None = None
    metadata: dict[str, Any] | None = None
    secretMetadata: list[MetadataEntry] | None = None
    tagIds: list[str] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = Field(default=None, ge=-MAX_INT, le=MAX_INT)


class DeleteItem(Params):
    """One secret of a batch delete."""

    secretKey: str = Field(min_length=1)
    type: Literal["shared", "personal"] = "shared"


class BatchCreate(ScopeParams):
    """Body of a batch create."""

    secrets: list[CreateItem] = Field(min_length=1)


class BatchUpdate(ScopeParams):
    """Body of a batch update."""

    mode: Literal["failOnNotFound", "upsert", "ignore"] = "failOnNotFound"
    secrets: list[UpdateItem] = Field(min_length=1)


class BatchDelete(ScopeParams):
    """Body of a batch delete."""

    secrets: list[DeleteItem] = Field(min_length=1)


class _Scopes:
    """Resolves (and caches) the scope of each folder path a batch touches."""

    def __init__(self, session: Session, ctx: ServerContext, actor: Actor, p: ScopeParams):
        self._args = (session, actor, ctx.root_key)
        self._p = p
        self._cache: dict[str, Scope] = {}

    def get(self, path: str | None = None) -> Scope:
        path = path if path is not None else self._p.secretPath
        if path not in self._cache:
            pid, slug = self._p.project_ref
            session, actor, root_key = self._args
            self._cache[path] = resolve_scope(
                session,
                actor,
                root_key,
                project_id=pid,
                project_slug=slug,
                environment=self._p.environment,
                path=path,
            )
        return self._cache[path]


def _meta(entries: list[MetadataEntry] | None) -> list[dict[str, Any]] | None:
    return None if entries is None else [m.model_dump() for m in entries]


def batch_create(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Create every item as a shared secret, or none."""
    p = parse(BatchCreate, raw)
    scope = _Scopes(session, ctx, actor, p).get()
    out = []
    for item in p.secrets:
        view = svc.create_secret(
            session,
            scope,
            actor,
            item.secretKey,
            item.secretValue,
            comment=item.secretComment,
            skip_multiline_encoding=bool(item.skipMultilineEncoding),
            metadata=item.metadata,
            tag_ids=item.tagIds,
            secret_metadata=_meta(item.secretMetadata) or [],
            commit=False,
        )
        out.append(secret_to_wire(view))
    session.commit()
    return {"secrets": out}


def batch_update(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Update every item (``mode`` decides what a missing secret means), or none."""
    p = parse(BatchUpdate, raw)
    scopes = _Scopes(session, ctx, actor, p)
    out = []
    for item in p.secrets:
        scope = scopes.get(item.secretPath)
        changes = svc.SecretChanges(
            value=item.secretValue,
            comment=item.secretComment,
            new_name=item.newSecretName,
            skip_multiline_encoding=item.skipMultilineEncoding,
            metadata=item.metadata,
            reminder_note=item.secretReminderNote,
            reminder_repeat_days=item.secretReminderRepeatDays,
            tag_ids=item.tagIds,
            secret_metadata=_meta(item.secretMetadata),
        )
        if svc.find_secret(session, scope, actor, item.secretKey) is not None:
            view = svc.update_secret(session, scope, actor, item.secretKey, changes, commit=False)
        elif p.mode == "failOnNotFound":
            raise not_found(f"Secret with name '{item.secretKey.strip()}' not found")
        elif p.mode == "ignore":
            continue
        else:
            view = svc.create_secret(
                session,
                scope,
                actor,
                item.newSecretName or item.secretKey,
                item.secretValue or "",
                comment=item.secretComment or "",
                skip_multiline_encoding=bool(item.skipMultilineEncoding),
                metadata=item.metadata,
                tag_ids=item.tagIds or [],
                secret_metadata=_meta(item.secretMetadata) or [],
                reminder_note=item.secretReminderNote,
                reminder_repeat_days=item.secretReminderRepeatDays,
                commit=False,
            )
        out.append(secret_to_wire(view))
    session.commit()
    return {"secrets": out}


def batch_delete(
    session: Session, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Delete every item, or none (a missing secret is a 404)."""
    p = parse(BatchDelete, raw)
    scope = _Scopes(session, ctx, actor, p).get()
    out = []
    for item in p.secrets:
        view = svc.delete_secret(
            session, scope, actor, item.secretKey, secret_type=item.type, commit=False
        )
        out.append(secret_to_wire(view))
    session.commit()
    return {"secrets": out}
