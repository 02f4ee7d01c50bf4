"""`client.secrets`: list, get, create, update and delete secrets (v4 API)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import TYPE_CHECKING

from infisical_kit._core import api
from infisical_kit._core.responses import flatten_secret_list, parse_secret, parse_secret_list
from infisical_kit._core.scope import resolve_scope, validate_name
from infisical_kit.models import Secret

if TYPE_CHECKING:
    from infisical_kit._async._client import AsyncClient

__all__ = ["AsyncSecrets"]


class AsyncSecrets:
    """Secret operations; every scope argument left as ``None`` falls back to the client default."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def list(
        self,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        recursive: bool = False,
        include_imports: bool = False,
        expand_secret_references: bool = True,
        view_secret_value: bool = True,
        tag_slugs: Sequence[str] | None = None,
    ) -> builtins.list[Secret]:
        """List the secrets of a folder (``recursive`` for sub-folders too).

        With `include_imports`, imported secrets are appended unless a direct secret has the
        same key (a later import wins over an earlier one).
        """
        scope = resolve_scope(
            self._client.default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
        )
        request = api.list_secrets(
            scope,
            recursive=recursive,
            include_imports=include_imports,
            expand_secret_references=expand_secret_references,
            view_secret_value=view_secret_value,
            tag_slugs=tag_slugs,
        )
        result = parse_secret_list(request, await self._client._request(request))
        return flatten_secret_list(result)

    async def get(
        self,
        name: str,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        version: int | None = None,
        type: str = "shared",
        expand_secret_references: bool = True,
        include_imports: bool = True,
        view_secret_value: bool = True,
    ) -> Secret:
        """Get one secret by name (a past `version` if given); raises `NotFoundError`."""
        problems: builtins.list[str] = []
        validate_name(name, problems)
        scope = resolve_scope(
            self._client.default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            problems=problems,
        )
        request = api.get_secret(
            name,
            scope,
            version=version,
            type=type,
            expand_secret_references=expand_secret_references,
            include_imports=include_imports,
            view_secret_value=view_secret_value,
        )
        return parse_secret(request, await self._client._request(request))

    async def create(
        self,
        name: str,
        value: str,
        *,
        comment: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """Create a shared secret; the server answers 400 if it already exists."""
        problems: builtins.list[str] = []
        validate_name(name, problems)
        if not isinstance(value, str):
            problems.append("value must be a string")
        scope = resolve_scope(
            self._client.default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            problems=problems,
        )
        request = api.create_secret(name, value, scope, comment=comment)
        return parse_secret(request, await self._client._request(request))

    async def update(
        self,
        name: str,
        value: str | None = None,
        *,
        new_name: str | None = None,
        comment: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """Change a secret's value, name (`new_name`) and/or comment.

        The returned `Secret.value` is what was sent (empty when only renaming).
        """
        problems: builtins.list[str] = []
        validate_name(name, problems)
        if new_name is not None:
            validate_name(new_name, problems, field="new_name")
        if value is None and new_name is None and comment is None:
            problems.append("nothing to update: pass value, new_name or comment")
        scope = resolve_scope(
            self._client.default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            problems=problems,
        )
        request = api.update_secret(name, scope, value=value, new_name=new_name, comment=comment)
        return parse_secret(request, await self._client._request(request))

    async def delete(
        self,
        name: str,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """Delete a secret and return it as it was; raises `NotFoundError` if missing."""
        problems: builtins.list[str] = []
        validate_name(name, problems)
        scope = resolve_scope(
            self._client.default_scope,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            problems=problems,
        )
        request = api.delete_secret(name, scope)
        return parse_secret(request, await self._client._request(request))
