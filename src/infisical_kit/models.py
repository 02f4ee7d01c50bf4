"""Typed, tolerant response models (pydantic v2).

Every model ignores fields it does not know and fills in fields the server left out, so older and
newer servers both parse. Attribute names are snake_case; the wire names (camelCase) are aliases.
A secret value or token never shows in a model's ``repr``/``str``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import from_json

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
    "ClientSecret",
    "DynamicSecret",
    "DynamicSecretLease",
    "DynamicSecretMetadata",
    "Environment",
    "Folder",
    "FolderEnvironment",
    "Identity",
    "IdentityMembership",
    "ImportedSecrets",
    "KmsKey",
    "LeaseCredentials",
    "LoginResponse",
    "MemberUser",
    "MembershipRole",
    "NewClientSecret",
    "Project",
    "ProjectEnvironment",
    "ProjectMember",
    "ProjectTag",
    "Secret",
    "SecretImport",
    "SecretImportSource",
    "SecretList",
    "SecretMetadata",
    "Tag",
    "UniversalAuthSettings",
]


def _without_nulls(data: Any) -> Any:
    """`data` with every ``null`` mapping value dropped, at every depth."""
    if isinstance(data, dict):
        return {k: _without_nulls(v) for k, v in data.items() if v is not None}
    if isinstance(data, list):
        return [_without_nulls(v) for v in data]
    return data


class _Model(BaseModel):
    """Base: ignore unknown fields, accept field names and aliases, treat ``null`` as absent.

    A JSON null means "not set": the field default applies. Every ``| None`` field defaults to
    None, so a null there validates as is; only when validation fails is the input retried with
    its nulls dropped (at every depth). The common path thus runs no Python validator at all
    (validating a list of 100 secrets stays in pydantic-core). This applies to
    `model_validate` and `model_validate_json`, which is how responses are parsed; the
    constructor takes field values as given (no ``__init__`` override: pydantic-core would
    call it for every nested model).
    """

    model_config = ConfigDict(extra="ignore", populate_by_name=True, frozen=True)

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate `obj` (a mapping or model); nulls fall back to the field defaults."""
        try:
            return super().model_validate(obj, *args, **kwargs)
        except PydanticValidationError:
            stripped = _without_nulls(obj)
            if stripped == obj:
                raise
            return super().model_validate(stripped, *args, **kwargs)

    @classmethod
    def model_validate_json(
        cls, json_data: str | bytes | bytearray, *args: Any, **kwargs: Any
    ) -> Self:
        """Parse and validate JSON in one step (pydantic-core); nulls fall back to defaults."""
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except PydanticValidationError as exc:
            if any(error["type"] == "json_invalid" for error in exc.errors()):
                raise
            data = from_json(json_data)
            stripped = _without_nulls(data)
            if stripped == data:
                raise
            return super().model_validate(stripped, *args, **kwargs)


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
    # tuples, not lists: a Secret is immutable all the way down, so caches can share it
    tags: tuple[Tag, ...] = ()
    secret_metadata: tuple[SecretMetadata, ...] = Field(default=(), alias="secretMetadata")
    skip_multiline_encoding: bool = Field(default=False, alias="skipMultilineEncoding")
    value_hidden: bool = Field(default=False, alias="secretValueHidden")
    reminder_note: str | None = Field(default=None, alias="secretReminderNote")
    reminder_repeat_days: int | None = Field(default=None, alias="secretReminderRepeatDays")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")

    # Migration aids: the attribute names of the legacy official SDK and infisical-httpx-sdk
    # (`secret_path` is a field already). Read-only properties, so not in `repr` or dumps.
    @property
    def secret_key(self) -> str:
        """The same as `key` (the name older Python SDKs use)."""
        return self.key

    @property
    def secret_value(self) -> str:
        """The same as `value` (the name older Python SDKs use); never shown in ``repr``."""
        return self.value

    @property
    def secret_comment(self) -> str:
        """The same as `comment` (the name older Python SDKs use)."""
        return self.comment


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


class FolderEnvironment(_Model):
    """The environment of a folder, as ``GET /api/v2/folders/{id}`` describes it."""

    id: str = Field(default="", alias="envId")
    name: str = Field(default="", alias="envName")
    slug: str = Field(default="", alias="envSlug")


class Folder(_Model):
    """A folder (`path` is its full path when the server includes it; `environment` when the
    folder was read by id)."""

    id: str = ""
    name: str = ""
    version: int | None = None
    env_id: str | None = Field(default=None, alias="envId")
    parent_id: str | None = Field(default=None, alias="parentId")
    path: str | None = None
    relative_path: str | None = Field(default=None, alias="relativePath")
    description: str | None = None
    project_id: str | None = Field(default=None, alias="projectId")
    is_reserved: bool = Field(default=False, alias="isReserved")
    environment: FolderEnvironment | None = None
    last_secret_modified: datetime | None = Field(default=None, alias="lastSecretModified")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class SecretImportSource(_Model):
    """The environment a secret import reads from."""

    id: str = ""
    name: str = ""
    slug: str = ""


class SecretImport(_Model):
    """A secret import: folder `import_path` of `import_env` is visible in the importing folder."""

    id: str = ""
    version: int | None = None
    import_path: str = Field(default="/", alias="importPath")
    import_env: SecretImportSource = Field(default_factory=SecretImportSource, alias="importEnv")
    position: int | None = None
    folder_id: str | None = Field(default=None, alias="folderId")
    is_replication: bool = Field(default=False, alias="isReplication")
    secret_path: str | None = Field(default=None, alias="secretPath")
    project_id: str | None = Field(default=None, alias="projectId")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class ProjectEnvironment(_Model):
    """An environment as listed inside a project."""

    id: str = ""
    name: str = ""
    slug: str = ""


class Environment(_Model):
    """An environment of a project."""

    id: str = ""
    name: str = ""
    slug: str = ""
    position: int | None = None
    project_id: str | None = Field(default=None, alias="projectId")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class Project(_Model):
    """A project (also called a workspace by older servers)."""

    id: str = Field(
        default="", validation_alias=AliasChoices("id", "_id"), serialization_alias="id"
    )
    name: str = ""
    slug: str = ""
    description: str | None = None
    type: str | None = None
    org_id: str | None = Field(default=None, alias="orgId")
    auto_capitalization: bool | None = Field(default=None, alias="autoCapitalization")
    has_delete_protection: bool | None = Field(default=None, alias="hasDeleteProtection")
    environments: list[ProjectEnvironment] = Field(default_factory=list)
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class ProjectTag(_Model):
    """A tag defined in a project (attach it to secrets by `id`)."""

    id: str = ""
    slug: str = ""
    name: str = ""
    color: str | None = None
    project_id: str | None = Field(default=None, alias="projectId")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class KmsKey(_Model):
    """A server-side KMS key (its material never leaves the server)."""

    id: str = ""
    name: str = Field(default="", validation_alias=AliasChoices("name", "slug"))
    description: str | None = None
    is_disabled: bool = Field(default=False, alias="isDisabled")
    org_id: str | None = Field(default=None, alias="orgId")
    project_id: str | None = Field(default=None, alias="projectId")
    key_usage: str = Field(default="encrypt-decrypt", alias="keyUsage")
    encryption_algorithm: str = Field(default="aes-256-gcm", alias="encryptionAlgorithm")
    version: int | None = None
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class DynamicSecretMetadata(_Model):
    """One key/value metadata entry of a dynamic secret."""

    key: str = ""
    value: str = ""


class DynamicSecret(_Model):
    """A dynamic secret: a provider (``sql-database``, ``redis``, ``totp`` ...) and the TTLs of
    the leases it makes. `inputs` (the provider configuration, root credentials included) is
    only filled by create, get and update, and is hidden from ``repr``."""

    id: str = ""
    name: str = ""
    version: int | None = None
    type: str = ""
    default_ttl: str | None = Field(default=None, alias="defaultTTL")
    max_ttl: str | None = Field(default=None, alias="maxTTL")
    folder_id: str | None = Field(default=None, alias="folderId")
    status: str | None = None
    status_details: str | None = Field(default=None, alias="statusDetails")
    username_template: str | None = Field(default=None, alias="usernameTemplate")
    metadata: list[DynamicSecretMetadata] = Field(default_factory=list)
    inputs: dict[str, Any] | None = Field(default=None, repr=False)
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class DynamicSecretLease(_Model):
    """A lease of a dynamic secret: credentials valid until `expire_at`, revoked then.

    `status` is None while active, ``"Revocation in process"`` or ``"Failed to delete"`` (with
    the provider's error in `status_details`) while it is being revoked.
    """

    id: str = ""
    version: int | None = None
    external_entity_id: str | None = Field(default=None, alias="externalEntityId")
    expire_at: datetime | None = Field(default=None, alias="expireAt")
    status: str | None = None
    status_details: str | None = Field(default=None, alias="statusDetails")
    dynamic_secret_id: str | None = Field(default=None, alias="dynamicSecretId")
    dynamic_secret: DynamicSecret | None = Field(default=None, alias="dynamicSecret")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class LeaseCredentials(_Model):
    """What creating a lease returns: the lease, its dynamic secret and the credentials.

    `data` holds the provider's credentials (e.g. ``DB_USERNAME`` and ``DB_PASSWORD``, or
    ``TOTP``); it is shown once and hidden from ``repr``.
    """

    lease: DynamicSecretLease = Field(default_factory=DynamicSecretLease)
    dynamic_secret: DynamicSecret = Field(default_factory=DynamicSecret, alias="dynamicSecret")
    data: dict[str, Any] = Field(default_factory=dict, repr=False)


class MembershipRole(_Model):
    """One role of a project membership (Infisical lists several; this server gives one)."""

    id: str = ""
    role: str = ""
    custom_role_slug: str | None = Field(default=None, alias="customRoleSlug")
    is_temporary: bool = Field(default=False, alias="isTemporary")
    temporary_access_end_time: datetime | None = Field(default=None, alias="temporaryAccessEndTime")


class MemberUser(_Model):
    """The user of a project membership."""

    id: str = ""
    email: str | None = None
    username: str | None = None
    first_name: str | None = Field(default=None, alias="firstName")
    last_name: str | None = Field(default=None, alias="lastName")
    is_accepted: bool | None = Field(default=None, alias="isAccepted")


class ProjectMember(_Model):
    """A user's membership of a project: its role(s) and, where the server says, the user.

    `status` is ``invited`` while an invited user has not signed up (on the local server:
    until an admin gives it a password), else ``accepted``.
    """

    id: str = ""
    user_id: str | None = Field(default=None, alias="userId")
    project_id: str | None = Field(default=None, alias="projectId")
    role: str | None = None
    roles: list[MembershipRole] = Field(default_factory=list)
    status: str | None = None
    user: MemberUser | None = None
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")

    @property
    def role_slugs(self) -> list[str]:
        """The membership's role slugs (from `roles`, else `role`)."""
        if self.roles:
            return [r.custom_role_slug or r.role for r in self.roles]
        return [self.role] if self.role else []


class Identity(_Model):
    """A machine identity of an organization (`role`: its organization role)."""

    id: str = ""
    name: str = ""
    org_id: str | None = Field(default=None, alias="orgId")
    role: str | None = None
    auth_methods: list[str] = Field(default_factory=list, alias="authMethods")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class IdentityMembership(_Model):
    """A machine identity's membership of a project, with its role(s)."""

    id: str = ""
    identity_id: str = Field(default="", alias="identityId")
    project_id: str | None = Field(default=None, alias="projectId")
    role: str | None = None
    roles: list[MembershipRole] = Field(default_factory=list)
    identity: Identity | None = None
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")

    @property
    def role_slugs(self) -> list[str]:
        """The membership's role slugs (from `roles`, else `role`)."""
        if self.roles:
            return [r.custom_role_slug or r.role for r in self.roles]
        return [self.role] if self.role else []


class UniversalAuthSettings(_Model):
    """An identity's universal-auth settings: its `client_id` and the TTLs of its tokens."""

    id: str = ""
    identity_id: str = Field(default="", alias="identityId")
    client_id: str = Field(default="", alias="clientId")
    access_token_ttl: int = Field(default=0, alias="accessTokenTTL")
    access_token_max_ttl: int = Field(default=0, alias="accessTokenMaxTTL")
    access_token_num_uses_limit: int = Field(default=0, alias="accessTokenNumUsesLimit")
    access_token_period: int = Field(default=0, alias="accessTokenPeriod")
    created_at: datetime | None = Field(default=None, alias="createdAt")
    updated_at: datetime | None = Field(default=None, alias="updatedAt")


class ClientSecret(_Model):
    """A universal-auth client secret's data (the secret itself is shown only at creation)."""

    id: str = ""
    description: str = ""
    prefix: str = Field(default="", alias="clientSecretPrefix")
    num_uses: int = Field(default=0, alias="clientSecretNumUses")
    num_uses_limit: int = Field(default=0, alias="clientSecretNumUsesLimit")
    ttl: int = Field(default=0, alias="clientSecretTTL")
    is_revoked: bool = Field(default=False, alias="isClientSecretRevoked")
    created_at: datetime | None = Field(default=None, alias="createdAt")


class NewClientSecret(_Model):
    """A client secret just created: `client_secret` (hidden from ``repr``; store it now, the
    server never shows it again) and its `data`."""

    client_secret: str = Field(alias="clientSecret", repr=False)
    data: ClientSecret = Field(default_factory=ClientSecret, alias="clientSecretData")
