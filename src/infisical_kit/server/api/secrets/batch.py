"""Batch create/update/delete shared by ``/api/v4/secrets/batch`` and
``/api/v3/secrets/batch/raw``: all items in one transaction, all or nothing."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ...actor import Actor
from ...params import MAX_INT, OptBool, Params, ScopeParams, SecretPath, parse
from ...services import secret_batches
from ...services.secrets import NewSecret, SecretChanges
from ...state import ServerContext
from ...wire.secrets import secret_to_wire
from .._deps import Db
from .params import MetadataEntry, metadata_dicts


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


def batch_create(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Create every item as a shared secret, or none."""
    p = parse(BatchCreate, raw)
    items = [
        NewSecret(
            key=item.secretKey,
            value=item.secretValue,
            comment=item.secretComment,
            skip_multiline_encoding=bool(item.skipMultilineEncoding),
            metadata=item.metadata,
            tag_ids=item.tagIds,
            secret_metadata=metadata_dicts(item.secretMetadata) or [],
        )
        for item in p.secrets
    ]
    views = secret_batches.batch_create(session, ctx.root_key, actor, p.scope_ref, items)
    return {"secrets": [secret_to_wire(v) for v in views]}


def batch_update(
    session: Db, ctx: ServerContext, actor: Actor, raw: dict[str, Any]
) -> dict[str, Any]:
    """Update every item (``mode`` decides what a missing secret means), or none."""
    p = parse(BatchUpdate, raw)
    items = [
        secret_batches.BatchChange(
            key=item.secretKey,
            path=item.secretPath,
            changes=SecretChanges(
                value=item.secretValue,
                comment=item.secretComment,
                new_name=item.newSecretName,
                skip_multiline_encoding=item.skipMultilineEncoding,
                metadata=item.metadata,
                reminder_note=item.secretReminderNote,
                reminder_repeat_days=item.secretReminderRepeatDays,
                tag_ids=item.tagIds,
                secret_metadata=metadata_dicts(item.secretMetadata),
            ),
        )
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
