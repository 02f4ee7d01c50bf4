"""``client.secrets`` of ``infisicalsdk`` (``V3RawSecrets``) on infisical-kit's secrets API."""

from __future__ import annotations

from typing import Any

from infisical_kit.compat.infisicalsdk import _convert
from infisical_kit.compat.infisicalsdk._session import Session
from infisical_kit.compat.infisicalsdk.api_types import BaseSecret, ListSecretsResponse
from infisical_kit.models import SecretList

__all__ = ["V3RawSecrets"]


def _days(days: float | None) -> int | None:
    return None if days is None else int(days)


class V3RawSecrets:
    """List, get, create, update and delete secrets (the read cache is infisical-kit's)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __repr__(self) -> str:
        return "V3RawSecrets()"

    def list_secrets(
        self,
        environment_slug: str,
        secret_path: str,
        project_id: str | None = None,
        expand_secret_references: bool = True,
        view_secret_value: bool = True,
        recursive: bool = False,
        include_imports: bool = True,
        tag_filters: list[str] = [],  # noqa: B006 - the signature of infisicalsdk
        project_slug: str | None = None,
    ) -> ListSecretsResponse:
        """The folder's secrets; with `include_imports`, the imports' secrets in ``imports``."""
        client = self._session.client
        scope: dict[str, Any] = {
            "project_id": self._session.project_id(project_id, project_slug),
            "environment": environment_slug,
            "secret_path": secret_path,
            "recursive": recursive,
            "expand_secret_references": expand_secret_references,
            "view_secret_value": view_secret_value,
            "tag_slugs": list(tag_filters) or None,
        }
        if include_imports:
            return _convert.secret_list(client.secrets.list_with_imports(**scope))
        return _convert.secret_list(SecretList(secrets=client.secrets.list(**scope)))

    def get_secret_by_name(
        self,
        secret_name: str,
        environment_slug: str,
        secret_path: str,
        project_id: str | None = None,
        project_slug: str | None = None,
        expand_secret_references: bool = True,
        include_imports: bool = True,
        view_secret_value: bool = True,
        version: str | None = None,
    ) -> BaseSecret:
        """One secret (a past `version` if given)."""
        found = self._session.client.secrets.get(
            secret_name,
            project_id=self._session.project_id(project_id, project_slug),
            environment=environment_slug,
            secret_path=secret_path,
            version=None if version is None else int(version),
            expand_secret_references=expand_secret_references,
            include_imports=include_imports,
            view_secret_value=view_secret_value,
        )
        return _convert.secret(found)

    def create_secret_by_name(
        self,
        secret_name: str,
        secret_path: str,
        environment_slug: str,
        project_id: str | None = None,
        secret_value: str | None = None,
        secret_comment: str | None = None,
        skip_multiline_encoding: bool = False,
        secret_reminder_repeat_days: float | int | None = None,
        secret_reminder_note: str | None = None,
        project_slug: str | None = None,
        secret_metadata: list[dict[str, Any]] | None = None,
        tags_ids: list[str] | None = None,
    ) -> BaseSecret:
        """Create a shared secret."""
        created = self._session.client.secrets.create(
            secret_name,
            "" if secret_value is None else secret_value,
            comment=secret_comment,
            tag_ids=tags_ids,
            metadata=_convert.metadata_mapping(secret_metadata, "secret_metadata"),
            skip_multiline_encoding=skip_multiline_encoding,
            reminder_note=secret_reminder_note,
            reminder_repeat_days=_days(secret_reminder_repeat_days),
            project_id=self._session.project_id(project_id, project_slug),
            environment=environment_slug,
            secret_path=secret_path,
        )
        return _convert.secret(created)

    def update_secret_by_name(
        self,
        current_secret_name: str,
        secret_path: str,
        environment_slug: str,
        project_id: str | None = None,
        secret_value: str | None = None,
        secret_comment: str | None = None,
        skip_multiline_encoding: bool = False,
        secret_reminder_repeat_days: float | int | None = None,
        secret_reminder_note: str | None = None,
        new_secret_name: str | None = None,
        project_slug: str | None = None,
        secret_metadata: list[dict[str, Any]] | None = None,
        tags_ids: list[str] | None = None,
    ) -> BaseSecret:
        """Change a shared secret's value, name, comment, reminder, metadata or tags."""
        updated = self._session.client.secrets.update(
            current_secret_name,
            secret_value,
            new_name=new_secret_name,
            comment=secret_comment,
            tag_ids=tags_ids,
            metadata=_convert.metadata_mapping(secret_metadata, "secret_metadata"),
            skip_multiline_encoding=skip_multiline_encoding,
            reminder_note=secret_reminder_note,
            reminder_repeat_days=_days(secret_reminder_repeat_days),
            project_id=self._session.project_id(project_id, project_slug),
            environment=environment_slug,
            secret_path=secret_path,
        )
        return _convert.secret(updated)

    def delete_secret_by_name(
        self,
        secret_name: str,
        secret_path: str,
        environment_slug: str,
        project_id: str | None = None,
        project_slug: str | None = None,
    ) -> BaseSecret:
        """Delete a shared secret; returns it as it was."""
        deleted = self._session.client.secrets.delete(
            secret_name,
            project_id=self._session.project_id(project_id, project_slug),
            environment=environment_slug,
            secret_path=secret_path,
        )
        return _convert.secret(deleted)
