"""infisical-kit models -> the ``infisicalsdk`` response types (no I/O)."""

from __future__ import annotations

from typing import Any

from infisical_kit.compat._util import iso_timestamp
from infisical_kit.compat.infisicalsdk import api_types as t
from infisical_kit.errors import ValidationError
from infisical_kit.models import (
    DynamicSecret,
    DynamicSecretLease,
    Folder,
    ImportedSecrets,
    KmsKey,
    LeaseCredentials,
    Secret,
    SecretList,
)

__all__ = [
    "created_folder",
    "deleted_folder",
    "dynamic_secret",
    "folder_by_id",
    "kms_key",
    "lease",
    "lease_credentials",
    "listed_folder",
    "metadata_mapping",
    "secret",
    "secret_list",
    "updated_folder",
]


def secret(s: Secret) -> t.BaseSecret:
    """A `BaseSecret` with the fields the server sent."""
    return t.BaseSecret(
        id=s.id,
        _id=s.id,
        workspace=s.project_id or "",
        environment=s.environment,
        version=s.version or 0,
        type=s.type,
        secretKey=s.key,
        secretValue=s.value,
        secretComment=s.comment,
        createdAt=iso_timestamp(s.created_at),
        updatedAt=iso_timestamp(s.updated_at),
        secretMetadata=[
            {"key": m.key, "value": m.value, "isEncrypted": m.is_encrypted}
            for m in s.secret_metadata
        ],
        secretValueHidden=s.value_hidden,
        secretReminderNote=s.reminder_note,
        secretReminderRepeatDays=s.reminder_repeat_days,
        skipMultilineEncoding=s.skip_multiline_encoding,
        secretPath=s.secret_path,
        tags=[t.SecretTag(id=g.id, slug=g.slug, name=g.name, color=g.color) for g in s.tags],
    )


def _imported(block: ImportedSecrets) -> t.Import:
    return t.Import(
        secretPath=block.secret_path,
        environment=block.environment,
        folderId=block.folder_id,
        secrets=[secret(s) for s in block.secrets],
    )


def secret_list(grouped: SecretList) -> t.ListSecretsResponse:
    """The folder's secrets and, apart, each import's."""
    return t.ListSecretsResponse(
        secrets=[secret(s) for s in grouped.secrets],
        imports=[_imported(block) for block in grouped.imports],
    )


def _common(f: Folder) -> dict[str, object]:
    return {
        "id": f.id,
        "name": f.name,
        "createdAt": iso_timestamp(f.created_at),
        "updatedAt": iso_timestamp(f.updated_at),
        "envId": f.env_id or "",
        "version": f.version,
        "parentId": f.parent_id,
        "isReserved": f.is_reserved,
        "description": f.description,
        "lastSecretModified": iso_timestamp(f.last_secret_modified) or None,
    }


def created_folder(f: Folder) -> t.CreateFolderResponseItem:
    """A created folder."""
    return t.CreateFolderResponseItem(path=f.path or "", **_common(f))  # type: ignore[arg-type]


def updated_folder(f: Folder) -> t.UpdateFolderResponseItem:
    """An updated folder."""
    return t.UpdateFolderResponseItem(path=f.path or "", **_common(f))  # type: ignore[arg-type]


def deleted_folder(f: Folder) -> t.DeleteFolderResponseItem:
    """A deleted folder."""
    return t.DeleteFolderResponseItem(**_common(f))  # type: ignore[arg-type]


def listed_folder(f: Folder) -> t.ListFoldersResponseItem:
    """A folder of a list."""
    return t.ListFoldersResponseItem(relativePath=f.relative_path, **_common(f))  # type: ignore[arg-type]


def folder_by_id(f: Folder) -> t.SingleFolderResponseItem:
    """A folder read by id, with its environment and project."""
    env = f.environment
    return t.SingleFolderResponseItem(
        path=f.path or "",
        projectId=f.project_id or "",
        environment=t.Environment(
            envId=env.id if env else f.env_id or "",
            envName=env.name if env else "",
            envSlug=env.slug if env else "",
        ),
        **_common(f),  # type: ignore[arg-type]
    )


def kms_key(k: KmsKey) -> t.KmsKey:
    """A KMS key."""
    return t.KmsKey(
        id=k.id,
        description=k.description,  # type: ignore[arg-type]  # None when the server sent null
        isDisabled=k.is_disabled,
        orgId=k.org_id or "",
        name=k.name,
        createdAt=iso_timestamp(k.created_at),
        updatedAt=iso_timestamp(k.updated_at),
        projectId=k.project_id or "",
        version=k.version or 0,
        encryptionAlgorithm=_algorithm(k.encryption_algorithm),
    )


def _algorithm(name: str) -> t.SymmetricEncryption:
    """The enum member, or the server's name as is for an algorithm it does not list."""
    try:
        return t.SymmetricEncryption(name)
    except ValueError:
        return name  # type: ignore[return-value]


def metadata_mapping(items: list[dict[str, Any]] | None, field: str) -> dict[str, str] | None:
    """``[{"key": k, "value": v}]`` -> ``{k: v}`` (``None`` stays ``None``)."""
    if items is None:
        return None
    try:
        return {str(item["key"]): str(item["value"]) for item in items}
    except (KeyError, TypeError) as exc:
        raise ValidationError([f"{field} items need 'key' and 'value'"]) from exc


def dynamic_secret(d: DynamicSecret) -> t.DynamicSecret:
    """A dynamic secret (`inputs` only when the server sent them)."""
    return t.DynamicSecret(
        id=d.id,
        name=d.name,
        version=d.version or 0,
        type=d.type,
        folderId=d.folder_id or "",
        createdAt=iso_timestamp(d.created_at),
        updatedAt=iso_timestamp(d.updated_at),
        defaultTTL=d.default_ttl,
        maxTTL=d.max_ttl,
        status=d.status,
        statusDetails=d.status_details,
        usernameTemplate=d.username_template,
        metadata=[{"key": m.key, "value": m.value} for m in d.metadata],
        inputs=d.inputs,
    )


def lease(item: DynamicSecretLease) -> t.DynamicSecretLease:
    """A lease (with its dynamic secret when the server sent it)."""
    return t.DynamicSecretLease(
        id=item.id,
        expireAt=iso_timestamp(item.expire_at),
        createdAt=iso_timestamp(item.created_at),
        updatedAt=iso_timestamp(item.updated_at),
        version=item.version or 0,
        dynamicSecretId=item.dynamic_secret_id or "",
        externalEntityId=item.external_entity_id or "",
        status=item.status,
        statusDetails=item.status_details,
        dynamicSecret=dynamic_secret(item.dynamic_secret) if item.dynamic_secret else None,
    )


def lease_credentials(made: LeaseCredentials) -> t.CreateLeaseResponse:
    """A new lease, its dynamic secret and the credentials."""
    return t.CreateLeaseResponse(
        lease=lease(made.lease),
        dynamicSecret=dynamic_secret(made.dynamic_secret),
        data=made.data,
    )
