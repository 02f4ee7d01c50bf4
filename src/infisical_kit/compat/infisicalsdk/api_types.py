"""The response types of ``infisicalsdk`` 1.0.18 (``infisical_sdk.api_types``): the same class
names, fields (camelCase, as that SDK spells them), defaults and helper methods
(``to_dict``, ``from_dict``, ``to_json``, ``from_json``)."""

from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

__all__ = [
    "ApprovalStatus",
    "BaseModel",
    "BaseSecret",
    "CreateFolderResponse",
    "CreateFolderResponseItem",
    "CreateLeaseResponse",
    "DeleteFolderResponse",
    "DeleteFolderResponseItem",
    "DynamicSecret",
    "DynamicSecretLease",
    "DynamicSecretProviders",
    "Environment",
    "Import",
    "KmsKey",
    "KmsKeyDecryptDataResponse",
    "KmsKeyEncryptDataResponse",
    "KmsKeysOrderBy",
    "ListFoldersResponse",
    "ListFoldersResponseItem",
    "ListKmsKeysResponse",
    "ListSecretsResponse",
    "MachineIdentityLoginResponse",
    "OrderDirection",
    "SecretTag",
    "SingleDynamicSecretResponse",
    "SingleFolderResponse",
    "SingleFolderResponseItem",
    "SingleKmsKeyResponse",
    "SingleLeaseResponse",
    "SymmetricEncryption",
    "UpdateFolderResponse",
    "UpdateFolderResponseItem",
]

M = TypeVar("M", bound="BaseModel")


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    return value


def _build(hint: Any, value: Any) -> Any:
    """`value` (JSON) as the type `hint` names: a model from a dict, models in a list."""
    for option in typing.get_args(hint) or (hint,):
        if isinstance(option, type) and issubclass(option, BaseModel) and isinstance(value, dict):
            return option.from_dict(value)
        if typing.get_origin(option) is list and isinstance(value, list):
            (item,) = typing.get_args(option) or (Any,)
            return [_build(item, v) for v in value]
    return value


class BaseModel:
    """Base of the response types: dict and JSON conversion (``None`` fields left out)."""

    def to_dict(self) -> dict[str, Any]:
        """The fields that are not ``None``, nested models and enums as plain values."""
        return {k: _plain(v) for k, v in self.__dict__.items() if v is not None}

    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        """Build from a dict in the server's camelCase; unknown keys are ignored."""
        hints = typing.get_type_hints(cls)
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        values = {k: _build(hints[k], v) for k, v in data.items() if k in names}
        return cls(**values)

    def to_json(self) -> str:
        """`to_dict` as a JSON string."""
        return json.dumps(self.to_dict())

    @classmethod
    def from_json(cls: type[M], json_str: str) -> M:
        """`from_dict` of a JSON string."""
        return cls.from_dict(json.loads(json_str))


class ApprovalStatus(str, Enum):
    """The status of a change request."""

    OPEN = "open"
    APPROVED = "approved"
    REJECTED = "rejected"


class SymmetricEncryption(str, Enum):
    """The algorithm of a KMS key."""

    AES_GCM_256 = "aes-256-gcm"
    AES_GCM_128 = "aes-128-gcm"


class OrderDirection(str, Enum):
    """Sort direction of a KMS key list."""

    ASC = "asc"
    DESC = "desc"


class KmsKeysOrderBy(str, Enum):
    """What a KMS key list is sorted by."""

    NAME = "name"


class DynamicSecretProviders(str, Enum):
    """The provider type of a dynamic secret."""

    AWS_ELASTICACHE = "aws-elasticache"
    AWS_IAM = "aws-iam"
    AZURE_ENTRA_ID = "azure-entra-id"
    AZURE_SQL_DATABASE = "azure-sql-database"
    CASSANDRA = "cassandra"
    COUCHBASE = "couchbase"
    ELASTICSEARCH = "elastic-search"
    GCP_IAM = "gcp-iam"
    GITHUB = "github"
    KUBERNETES = "kubernetes"
    LDAP = "ldap"
    MONGO_ATLAS = "mongo-db-atlas"
    MONGODB = "mongo-db"
    RABBITMQ = "rabbit-mq"
    REDIS = "redis"
    SAP_ASE = "sap-ase"
    SAP_HANA = "sap-hana"
    SNOWFLAKE = "snowflake"
    SQL_DATABASE = "sql-database"
    TOTP = "totp"
    VERTICA = "vertica"


@dataclass(frozen=True)
class SecretTag(BaseModel):
    """A tag of a secret."""

    id: str
    slug: str
    name: str
    color: str | None = None


@dataclass(repr=False)
class BaseSecret(BaseModel):
    """A secret (``secretValue`` is left out of ``repr``)."""

    id: str
    _id: str
    workspace: str
    environment: str
    version: int
    type: str
    secretKey: str
    secretValue: str
    secretComment: str
    createdAt: str
    updatedAt: str
    secretMetadata: Any | None = None
    secretValueHidden: bool | None = False
    secretReminderNote: str | None = None
    secretReminderRepeatDays: int | None = None
    skipMultilineEncoding: bool | None = False
    metadata: Any | None = None
    secretPath: str | None = None
    tags: list[SecretTag] = field(default_factory=list)

    def __repr__(self) -> str:
        return (
            f"BaseSecret(secretKey={self.secretKey!r}, environment={self.environment!r}, "
            f"secretPath={self.secretPath!r}, version={self.version!r}, type={self.type!r})"
        )


@dataclass
class Import(BaseModel):
    """The secrets one secret import brings into a folder."""

    secretPath: str
    environment: str
    folderId: str | None = None
    secrets: list[BaseSecret] = field(default_factory=list)


@dataclass
class ListSecretsResponse(BaseModel):
    """A folder's secrets and, apart, those of its imports."""

    secrets: list[BaseSecret]
    imports: list[Import] = field(default_factory=list)


@dataclass
class SingleSecretResponse(BaseModel):
    """``{secret}``."""

    secret: BaseSecret


@dataclass(repr=False)
class MachineIdentityLoginResponse(BaseModel):
    """A machine-identity login: the access token (not in ``repr``) and its lifetimes."""

    accessToken: str
    expiresIn: int
    accessTokenMaxTTL: int
    tokenType: str

    def __repr__(self) -> str:
        return (
            f"MachineIdentityLoginResponse(expiresIn={self.expiresIn!r}, "
            f"accessTokenMaxTTL={self.accessTokenMaxTTL!r}, tokenType={self.tokenType!r})"
        )


@dataclass
class KmsKey(BaseModel):
    """A KMS key."""

    id: str
    description: str
    isDisabled: bool
    orgId: str
    name: str
    createdAt: str
    updatedAt: str
    projectId: str
    version: int
    encryptionAlgorithm: SymmetricEncryption


@dataclass
class ListKmsKeysResponse(BaseModel):
    """A page of KMS keys and how many there are in all."""

    keys: list[KmsKey]
    totalCount: int


@dataclass
class SingleKmsKeyResponse(BaseModel):
    """``{key}``."""

    key: KmsKey


@dataclass
class KmsKeyEncryptDataResponse(BaseModel):
    """``{ciphertext}``."""

    ciphertext: str


@dataclass
class KmsKeyDecryptDataResponse(BaseModel):
    """``{plaintext}`` (base64)."""

    plaintext: str


@dataclass
class CreateFolderResponseItem(BaseModel):
    """A folder just created."""

    id: str
    name: str
    createdAt: str
    updatedAt: str
    envId: str
    path: str
    version: int | None = 1
    parentId: str | None = None
    isReserved: bool | None = False
    description: str | None = None
    lastSecretModified: str | None = None


@dataclass
class CreateFolderResponse(BaseModel):
    """``{folder}`` of a create."""

    folder: CreateFolderResponseItem


@dataclass
class UpdateFolderResponseItem(BaseModel):
    """A folder just updated."""

    id: str
    name: str
    createdAt: str
    updatedAt: str
    envId: str
    path: str
    version: int | None = 1
    parentId: str | None = None
    isReserved: bool | None = False
    description: str | None = None
    lastSecretModified: str | None = None


@dataclass
class UpdateFolderResponse(BaseModel):
    """``{folder}`` of an update."""

    folder: UpdateFolderResponseItem


@dataclass
class DeleteFolderResponseItem(BaseModel):
    """A folder just deleted (no path)."""

    id: str
    name: str
    createdAt: str
    updatedAt: str
    envId: str
    version: int | None = 1
    parentId: str | None = None
    isReserved: bool | None = False
    description: str | None = None
    lastSecretModified: str | None = None


@dataclass
class DeleteFolderResponse(BaseModel):
    """``{folder}`` of a delete."""

    folder: DeleteFolderResponseItem


@dataclass
class ListFoldersResponseItem(BaseModel):
    """A folder of a list."""

    id: str
    name: str
    createdAt: str
    updatedAt: str
    envId: str
    version: int | None = 1
    parentId: str | None = None
    isReserved: bool | None = False
    description: str | None = None
    lastSecretModified: str | None = None
    relativePath: str | None = None


@dataclass
class ListFoldersResponse(BaseModel):
    """``{folders}``."""

    folders: list[ListFoldersResponseItem]


@dataclass
class Environment(BaseModel):
    """The environment of a folder read by id."""

    envId: str
    envName: str
    envSlug: str


@dataclass
class SingleFolderResponseItem(BaseModel):
    """A folder read by id, with its project and environment."""

    id: str
    name: str
    createdAt: str
    updatedAt: str
    envId: str
    path: str
    projectId: str
    environment: Environment
    version: int | None = 1
    parentId: str | None = None
    isReserved: bool | None = False
    description: str | None = None
    lastSecretModified: str | None = None


@dataclass
class SingleFolderResponse(BaseModel):
    """``{folder}`` of a get."""

    folder: SingleFolderResponseItem


@dataclass
class DynamicSecret(BaseModel):
    """A dynamic secret."""

    id: str
    name: str
    version: int
    type: str
    folderId: str
    createdAt: str
    updatedAt: str
    defaultTTL: str | None = None
    maxTTL: str | None = None
    status: str | None = None
    statusDetails: str | None = None
    usernameTemplate: str | None = None
    metadata: list[dict[str, str]] | None = field(default_factory=list)
    #: the provider configuration, root credentials included: not in ``repr``
    inputs: Any | None = field(default=None, repr=False)


@dataclass
class SingleDynamicSecretResponse(BaseModel):
    """``{dynamicSecret}``."""

    dynamicSecret: DynamicSecret


@dataclass
class DynamicSecretLease(BaseModel):
    """A lease of a dynamic secret."""

    id: str
    expireAt: str
    createdAt: str
    updatedAt: str
    version: int
    dynamicSecretId: str
    externalEntityId: str
    status: str | None = None
    statusDetails: str | None = None
    dynamicSecret: DynamicSecret | None = None


@dataclass(repr=False)
class CreateLeaseResponse(BaseModel):
    """A new lease, its dynamic secret and the credentials (`data`, not in ``repr``)."""

    lease: DynamicSecretLease
    dynamicSecret: DynamicSecret
    data: Any

    def __repr__(self) -> str:
        return f"CreateLeaseResponse(lease={self.lease!r}, dynamicSecret={self.dynamicSecret!r})"


@dataclass
class SingleLeaseResponse(BaseModel):
    """``{lease}``."""

    lease: DynamicSecretLease
