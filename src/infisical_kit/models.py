"""Typed, tolerant response models (pydantic v2).

Every model ignores fields it does not know and fills in fields the server left out, so older and
newer servers both parse. Attribute names are snake_case; the wire names (camelCase) are aliases.
A secret value or token never shows in a model's ``repr``/``str``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "ImportedSecrets",
    "LoginResponse",
    "Secret",
    "SecretList",
    "SecretMetadata",
    "Tag",
]


class _Model(BaseModel):
    """Base: ignore unknown fields, accept field names and aliases, treat ``null`` as absent."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_nulls(cls, data: Any) -> Any:
        # A JSON null means "not set": let the field default apply (None for Optional fields).
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None}
        return data


class Tag(_Model):
    """A tag attached to a secret."""

    id: str = ""
    slug: str = ""
    name: str = ""
    color: str | None = None


class SecretMetadata(_Model):
    """One key/value metadata entry of a secret."""

    key: str = ""
    value: str = Field(default="", repr=False)
    is_encrypted: bool = Field(default=False, alias="isEncrypted")


class Secret(_Model):
    """A secret as the server returns it; `value` is hidden from ``repr``."""

    id: str = Field(
        default="", validation_alias=AliasChoices("id", "_id"), serialization_alias="id"
    )
    key: str = Field(default="", alias="secretKey")
    value: str = Field(default="", alias="secretValue", repr=False)
    comment: str = Field(default="", alias="secretComment")
    version: int | None = None
    type: str = "shared"
    environment: str = ""
    secret_path: str | None = Field(default=None, alias="secretPath")
    project_id: str | None = Field(
        default=None,
        validation_alias=AliasChoices("projectId", "project_id", "workspace"),
        serialization_alias="projectId",
    )
    tags: list[Tag] = Field(default_factory=list)
    secret_metadata: list[SecretMetadata] = Field(default_factory=list, alias="secretMetadata")
    skip_multiline_encoding: bool = Field(default=False, alias="skipMultilineEncoding")
    value_hidden: bool = Field(default=False, alias="secretValueHidden")
    reminder_note: str | None = Field(default=None, alias="secretReminderNote")
    reminder_repeat_days: int | None = Field(default=None, alias="secretReminderRepeatDays")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class ImportedSecrets(_Model):
    """Secrets that reach a folder through a secret import (list responses)."""

    secret_path: str = Field(default="/", alias="secretPath")
    environment: str = ""
    folder_id: str | None = Field(default=None, alias="folderId")
    secrets: list[Secret] = Field(default_factory=list)


class SecretList(_Model):
    """The body of a list call: direct secrets and, when requested, imports."""

    secrets: list[Secret] = Field(default_factory=list)
    imports: list[ImportedSecrets] = Field(default_factory=list)


class LoginResponse(_Model):
    """A machine-identity login (or renew) response; `access_token` is hidden from ``repr``."""

    access_token: str = Field(alias="accessToken", repr=False)
    expires_in: int = Field(default=0, alias="expiresIn")
    access_token_max_ttl: int = Field(default=0, alias="accessTokenMaxTTL")
    token_type: str = Field(default="Bearer", alias="tokenType")
