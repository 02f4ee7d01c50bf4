"""``client.secrets.v3`` of ``infisical-httpx-sdk`` (``infisical.resources.secrets``): the
request and response models, and the API on infisical-kit's secrets namespace."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from infisical_kit.compat.infisical_httpx.exceptions import InfisicalResourceError, translated
from infisical_kit.compat.infisical_httpx.resources.base import InfisicalResourceRequest, Scoped
from infisical_kit.models import Secret as KitSecret

__all__ = [
    "AsyncSecretsV3",
    "CreateSecretRequest",
    "DeleteSecretRequest",
    "Metadata",
    "Secret",
    "Secrets",
    "SecretsList",
    "SecretsV3",
    "Tags",
    "UpdateSecretRequest",
]

SecretType = Literal["shared", "personal"]


class Metadata(BaseModel):
    """A metadata entry of a secret."""

    key: str
    value: str


class Tags(BaseModel):
    """A tag of a secret."""

    id: str
    slug: str
    color: str
    name: str


class Secret(BaseModel):
    """A secret (the value is left out of ``repr``)."""

    model_config = ConfigDict(populate_by_name=True)

    created_at: datetime.datetime | None = Field(default=None, alias="createdAt")
    environment: str
    folder_id: str = Field(default="", alias="folderId")
    is_rotated_secret: bool | None = Field(default=None, alias="isRotatedSecret")
    rotation_id: str | None = Field(default=None, alias="rotationId")
    secret_comment: str = Field(alias="secretComment")
    secret_id: str = Field(alias="id")
    secret_key: str = Field(alias="secretKey")
    secret_metadata: list[Metadata] | None = Field(default=None, alias="secretMetadata")
    secret_path: str = Field(default="", alias="secretPath")
    secret_reminder_note: str | None = Field(default=None, alias="secretReminderNote")
    secret_reminder_repeat_days: int | None = Field(default=None, alias="secretReminderRepeatDays")
    secret_type: SecretType = Field(alias="type")
    secret_value_hidden: bool | None = Field(default=None, alias="secretValueHidden")
    secret_value: str = Field(alias="secretValue", repr=False)
    skip_multiline_encoding: bool | None = Field(default=None, alias="skipMultilineEncoding")
    tags: list[Tags] = Field(default_factory=list)
    updated_at: datetime.datetime | None = Field(default=None, alias="updatedAt")
    user_id: str | None = Field(default=None, alias="userId")
    version: int
    workspace: str


class SecretsList(BaseModel):
    """``{secrets, imports}`` of a list."""

    imports: list[dict[str, Any]] = Field(default_factory=list)
    secrets: list[Secret]


class CreateSecretRequest(InfisicalResourceRequest):
    """A secret to create (`name` goes in the URL)."""

    name: str = Field(exclude=True)
    secret_comment: str = Field(default="", alias="secretComment")
    secret_metadata: list[Metadata] | None = Field(default=None, alias="secretMetadata")
    secret_path: str = Field(default="/", alias="secretPath")
    secret_reminder_note: str | None = Field(
        default=None, alias="secretReminderNote", max_length=1024
    )
    secret_reminder_repeat_days: int | None = Field(default=None, alias="secretReminderRepeatDays")
    secret_type: SecretType = Field(default="shared", alias="type")
    secret_value: str = Field(alias="secretValue", repr=False)
    skip_multiline_encoding: bool | None = Field(default=None, alias="skipMultilineEncoding")
    tag_ids: list[str] | None = Field(default=None, alias="tagIds")


class UpdateSecretRequest(InfisicalResourceRequest):
    """A change to a secret (only the fields set are sent)."""

    metadata: dict[str, str] | None = None
    name: str = Field(exclude=True)
    new_secret_name: str | None = Field(default=None, alias="newSecretName", min_length=1)
    secret_comment: str | None = Field(default=None, alias="secretComment")
    secret_metadata: list[Metadata] | None = Field(default=None, alias="secretMetadata")
    secret_path: str = Field(default="/", alias="secretPath")
    secret_reminder_note: str | None = Field(
        default=None, alias="secretReminderNote", max_length=1024
    )
    secret_reminder_recipients: list[str] | None = Field(
        default=None, alias="secretReminderRecipients"
    )
    secret_reminder_repeat_days: int | None = Field(default=None, alias="secretReminderRepeatDays")
    secret_type: SecretType = Field(default="shared", alias="type")
    secret_value: str | None = Field(default=None, alias="secretValue", repr=False)
    skip_multiline_encoding: bool | None = Field(default=None, alias="skipMultilineEncoding")
    tag_ids: list[str] | None = Field(default=None, alias="tagIds")


class DeleteSecretRequest(InfisicalResourceRequest):
    """A secret to delete."""

    name: str = Field(exclude=True)
    secret_path: str = Field(default="/", alias="secretPath")
    secret_type: SecretType = Field(default="shared", alias="type")


def _secret(s: KitSecret) -> Secret:
    return Secret(
        created_at=s.created_at,
        environment=s.environment,
        secret_comment=s.comment,
        secret_id=s.id,
        secret_key=s.key,
        secret_metadata=[Metadata(key=m.key, value=m.value) for m in s.secret_metadata],
        secret_path=s.secret_path or "",
        secret_reminder_note=s.reminder_note,
        secret_reminder_repeat_days=s.reminder_repeat_days,
        secret_type="personal" if s.type == "personal" else "shared",
        secret_value_hidden=s.value_hidden,
        secret_value=s.value,
        skip_multiline_encoding=s.skip_multiline_encoding,
        tags=[Tags(id=t.id, slug=t.slug, color=t.color or "", name=t.name) for t in s.tags],
        updated_at=s.updated_at,
        version=s.version or 0,
        workspace=s.project_id or "",
    )


def _flag(params: dict[str, Any], name: str, default: bool) -> bool:
    value = params.get(name)
    return default if value is None else str(value).lower() == "true"


def _metadata(items: list[Metadata] | None) -> dict[str, str] | None:
    return None if items is None else {m.key: m.value for m in items}


def _write(request: CreateSecretRequest | UpdateSecretRequest) -> dict[str, Any]:
    """The arguments a create or update shares."""
    return {
        "comment": request.secret_comment,
        "type": request.secret_type,
        "tag_ids": request.tag_ids,
        "metadata": _metadata(request.secret_metadata),
        "skip_multiline_encoding": request.skip_multiline_encoding,
        "reminder_note": request.secret_reminder_note,
        "reminder_repeat_days": request.secret_reminder_repeat_days,
        "environment": request.environment,
        "secret_path": request.secret_path,
    }


def _update(request: UpdateSecretRequest) -> dict[str, Any]:
    args = _write(request)
    args["metadata"] = _metadata(request.secret_metadata) or request.metadata
    return {**args, "new_name": request.new_secret_name}


class _SecretsV3Base(Scoped):
    def _list_args(self, params: dict[str, Any]) -> dict[str, Any]:
        self._require(params)
        return {
            "environment": params["environment"],
            "secret_path": params.get("secretPath", "/"),
            "recursive": _flag(params, "recursive", False),
            "expand_secret_references": _flag(params, "expandSecretReferences", True),
            # as the original: listing never shows values (read one with `retrieve`)
            "view_secret_value": False,
        }

    def _get_args(self, name: str, params: dict[str, Any]) -> dict[str, Any]:
        self._require(params)
        if not name:
            raise InfisicalResourceError("Missing required parameters: name")
        version = params.get("version")
        return {
            "environment": params["environment"],
            "secret_path": params.get("secretPath", "/"),
            "type": params.get("type", "shared"),
            "version": None if version is None else int(version),
            "expand_secret_references": _flag(params, "expandSecretReferences", True),
            "include_imports": _flag(params, "include_imports", False),
            "view_secret_value": _flag(params, "viewSecretValue", True),
        }

    @staticmethod
    def _require(params: dict[str, Any]) -> None:
        missing = [p for p in ("workspaceId", "environment") if p not in params]
        if "workspaceSlug" in params and "workspaceId" in missing:
            missing.remove("workspaceId")
        if missing:
            raise InfisicalResourceError(f"Missing required parameters: {', '.join(missing)}")


class SecretsV3(_SecretsV3Base):
    """Create, delete, list, retrieve and update secrets (sync)."""

    def create(self, request: CreateSecretRequest) -> Secret:
        """Create a secret."""
        with translated():
            pid = self._project_id(request.workspace_id, None)
            created = self._client.secrets.create(
                request.name, request.secret_value, project_id=pid, **_write(request)
            )
        return _secret(created)

    def delete(self, request: DeleteSecretRequest) -> Secret:
        """Delete a secret; returns it as it was."""
        with translated():
            deleted = self._client.secrets.delete(
                request.name,
                type=request.secret_type,
                project_id=self._project_id(request.workspace_id, None),
                environment=request.environment,
                secret_path=request.secret_path,
            )
        return _secret(deleted)

    def list(self, **params: Any) -> SecretsList:
        """The secrets of ``secretPath`` (values hidden); needs ``workspaceId`` and
        ``environment``."""
        args = self._list_args(params)
        with translated():
            pid = self._project_id(params.get("workspaceId"), params.get("workspaceSlug"))
            found = self._client.secrets.list(project_id=pid, **args)
        return SecretsList(secrets=[_secret(s) for s in found])

    def retrieve(self, *, name: str, **params: Any) -> Secret:
        """One secret by name; needs ``workspaceId`` and ``environment``."""
        args = self._get_args(name, params)
        with translated():
            pid = self._project_id(params.get("workspaceId"), params.get("workspaceSlug"))
            found = self._client.secrets.get(name, project_id=pid, **args)
        return _secret(found)

    def update(self, request: UpdateSecretRequest) -> Secret:
        """Change a secret."""
        with translated():
            pid = self._project_id(request.workspace_id, None)
            updated = self._client.secrets.update(
                request.name, request.secret_value, project_id=pid, **_update(request)
            )
        return _secret(updated)


class AsyncSecretsV3(_SecretsV3Base):
    """Create, delete, list, retrieve and update secrets (``await`` each call)."""

    async def create(self, request: CreateSecretRequest) -> Secret:
        """Create a secret."""
        with translated():
            pid = await self._aproject_id(request.workspace_id, None)
            created = await self._client.secrets.create(
                request.name, request.secret_value, project_id=pid, **_write(request)
            )
        return _secret(created)

    async def delete(self, request: DeleteSecretRequest) -> Secret:
        """Delete a secret; returns it as it was."""
        with translated():
            deleted = await self._client.secrets.delete(
                request.name,
                type=request.secret_type,
                project_id=await self._aproject_id(request.workspace_id, None),
                environment=request.environment,
                secret_path=request.secret_path,
            )
        return _secret(deleted)

    async def list(self, **params: Any) -> SecretsList:
        """The secrets of ``secretPath`` (values hidden); needs ``workspaceId`` and
        ``environment``."""
        args = self._list_args(params)
        with translated():
            pid = await self._aproject_id(params.get("workspaceId"), params.get("workspaceSlug"))
            found = await self._client.secrets.list(project_id=pid, **args)
        return SecretsList(secrets=[_secret(s) for s in found])

    async def retrieve(self, *, name: str, **params: Any) -> Secret:
        """One secret by name; needs ``workspaceId`` and ``environment``."""
        args = self._get_args(name, params)
        with translated():
            pid = await self._aproject_id(params.get("workspaceId"), params.get("workspaceSlug"))
            found = await self._client.secrets.get(name, project_id=pid, **args)
        return _secret(found)

    async def update(self, request: UpdateSecretRequest) -> Secret:
        """Change a secret."""
        with translated():
            pid = await self._aproject_id(request.workspace_id, None)
            updated = await self._client.secrets.update(
                request.name, request.secret_value, project_id=pid, **_update(request)
            )
        return _secret(updated)


class Secrets:
    """``client.secrets``: the v3 API as ``.v3``."""

    def __init__(self, v3: SecretsV3 | AsyncSecretsV3) -> None:
        self.v3 = v3

    def __repr__(self) -> str:
        return f"Secrets(v3={type(self.v3).__name__})"

    def __getattr__(self, name: str) -> Any:
        """``client.secrets.list(...)`` as the README writes it: the v3 method (the
        original only has ``client.secrets.v3.list``)."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.v3, name)
