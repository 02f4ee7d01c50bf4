"""Parameter models of the single-secret routes (the batch ones are in ``batch``)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from ...params import MAX_INT, Bool, OptBool, Params, ScopeParams, SecretScopeParams
from ...services.secret_views import ReadOptions


class MetadataEntry(Params):
    """One ``secretMetadata`` item."""

    key: str = Field(min_length=1)
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
    def options(self) -> ReadOptions:
        """How the answer presents the secrets."""
        return ReadOptions(
            view_values=self.viewSecretValue,
            expand_references=self.expandSecretReferences,
            include_imports=self.include_imports or self.includeImports,
        )

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

    @property
    def options(self) -> ReadOptions:
        """How the answer presents the secret."""
        return ReadOptions(
            view_values=self.viewSecretValue,
            expand_references=self.expandSecretReferences,
            include_imports=self.include_imports or self.includeImports,
        )


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
