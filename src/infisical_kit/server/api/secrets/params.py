"""Parameter models of the secrets routes, and what the services take from them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ...limits import MAX_BATCH, IdText, RequiredName, SecretName
from ...params import MAX_INT, Bool, OptBool, Params, ScopeParams, SecretPath, SecretScopeParams
from ...services.secret_views import ReadOptions
from ...services.secrets import NewSecret, SecretChanges


class MetadataEntry(Params):
    """One ``secretMetadata`` item."""

    key: RequiredName
    value: str = ""
    isEncrypted: Bool = False


def metadata_dicts(entries: list[MetadataEntry] | None) -> list[dict[str, Any]] | None:
    """``secretMetadata`` as the services take it (``None`` stays ``None``: unchanged)."""
    return None if entries is None else [m.model_dump() for m in entries]


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

    @property
    def plain(self) -> bool:
        """No recursion, tag or metadata filter: the fast read path can answer."""
        return not self.recursive and not (self.tagSlugs or "").strip() and not self.metadataFilter


class GetParams(SecretScopeParams):
    """Query of a get-by-name call."""

    version: int | None = Field(default=None, ge=1, le=MAX_INT)
    viewSecretValue: Bool = True
    expandSecretReferences: Bool = False
    include_imports: Bool = False
    includeImports: Bool = False


def read_options(p: ListParams | GetParams) -> ReadOptions:
    """How a list or get answer presents the secrets."""
    return ReadOptions(
        view_values=p.viewSecretValue,
        expand_references=p.expandSecretReferences,
        include_imports=p.include_imports or p.includeImports,
    )


class CreateParams(SecretScopeParams):
    """Body of a create call."""

    secretValue: str
    secretComment: str = ""
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = Field(default=None, ge=-MAX_INT, le=MAX_INT)
    tagIds: list[IdText] = Field(default_factory=list)
    secretMetadata: list[MetadataEntry] = Field(default_factory=list)


class UpdateParams(SecretScopeParams):
    """Body of an update call; absent fields stay unchanged."""

    secretValue: str | None = None
    secretComment: str | None = None
    newSecretName: SecretName | None = None
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = Field(default=None, ge=-MAX_INT, le=MAX_INT)
    tagIds: list[IdText] | None = None
    secretMetadata: list[MetadataEntry] | None = None


class CreateItem(Params):
    """One secret of a batch create."""

    secretKey: SecretName
    secretValue: str
    secretComment: str = ""
    skipMultilineEncoding: OptBool = None
    metadata: dict[str, Any] | None = None
    secretMetadata: list[MetadataEntry] = Field(default_factory=list)
    tagIds: list[IdText] = Field(default_factory=list)


class UpdateItem(Params):
    """One secret of a batch update (``secretPath`` overrides the request's)."""

    secretKey: SecretName
    secretValue: str | None = None
    secretPath: SecretPath | None = None
    secretComment: str | None = None
    skipMultilineEncoding: OptBool = None
    newSecretName: SecretName | None = None
    metadata: dict[str, Any] | None = None
    secretMetadata: list[MetadataEntry] | None = None
    tagIds: list[IdText] | None = None
    secretReminderNote: str | None = Field(default=None, max_length=1024)
    secretReminderRepeatDays: int | None = Field(default=None, ge=-MAX_INT, le=MAX_INT)


class DeleteItem(Params):
    """One secret of a batch delete."""

    secretKey: SecretName
    type: Literal["shared", "personal"] = "shared"


class BatchCreate(ScopeParams):
    """Body of a batch create."""

    secrets: list[CreateItem] = Field(min_length=1, max_length=MAX_BATCH)


class BatchUpdate(ScopeParams):
    """Body of a batch update."""

    mode: Literal["failOnNotFound", "upsert", "ignore"] = "failOnNotFound"
    secrets: list[UpdateItem] = Field(min_length=1, max_length=MAX_BATCH)


class BatchDelete(ScopeParams):
    """Body of a batch delete."""

    secrets: list[DeleteItem] = Field(min_length=1, max_length=MAX_BATCH)


def new_secret(key: str, p: CreateParams | CreateItem) -> NewSecret:
    """The secret a create (or a batch create item) describes."""
    reminders = p if isinstance(p, CreateParams) else None
    return NewSecret(
        key=key,
        value=p.secretValue,
        comment=p.secretComment,
        skip_multiline_encoding=bool(p.skipMultilineEncoding),
        metadata=p.metadata,
        reminder_note=reminders.secretReminderNote if reminders else None,
        reminder_repeat_days=reminders.secretReminderRepeatDays if reminders else None,
        tag_ids=p.tagIds,
        secret_metadata=metadata_dicts(p.secretMetadata) or [],
    )


def secret_changes(p: UpdateParams | UpdateItem) -> SecretChanges:
    """The changes an update (or a batch update item) asks for; ``None``: leave as is."""
    return SecretChanges(
        value=p.secretValue,
        comment=p.secretComment,
        new_name=p.newSecretName,
        skip_multiline_encoding=p.skipMultilineEncoding,
        metadata=p.metadata,
        reminder_note=p.secretReminderNote,
        reminder_repeat_days=p.secretReminderRepeatDays,
        tag_ids=p.tagIds,
        secret_metadata=metadata_dicts(p.secretMetadata),
    )
