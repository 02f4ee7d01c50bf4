"""`client.secrets`: list, get, create, update, delete, batch and convenience operations.

Requests go to ``/api/v4/secrets``; a server without v4 is detected on the first call and
served through ``/api/v3/secrets/raw`` from then on (see `infisical_kit._core.routing`). What
those older routes would get wrong is done here or refused: values are masked when
``view_secret_value=False`` (they return them anyway), the metadata filter is applied here,
a past `version` is checked, a rename or comment-only update sends the current value (they
require one), and a failed batch update names the keys that are missing.
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Mapping, Sequence

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._core import secrets as rq
from infisical_kit._core import secrets_batch as batch
from infisical_kit._core.kinds import BatchMode, SecretType
from infisical_kit._core.request import ApiRequest
from infisical_kit._core.response import error_from_response, parse_list
from infisical_kit._core.scope import ResolvedScope
from infisical_kit._synchronization import AsyncFetch
from infisical_kit.errors import BadRequestError, NotFoundError, ValidationError
from infisical_kit.models import Secret, SecretList

__all__ = ["AsyncSecrets"]


class AsyncSecrets(AsyncNamespace):
    """Secret operations; every scope argument left as ``None`` falls back to the client default."""

    def _fetcher(
        self, request: ApiRequest, version: int | None, view_secret_value: bool
    ) -> AsyncFetch[Secret]:
        async def fetch() -> Secret:
            sent, response = await self._requester.send(request)
            secret = rq.check_returned_version(sent, rq.parse_secret(sent, response), version)
            return secret if view_secret_value else rq.mask_values([secret])[0]

        return fetch

    def _list_fetcher(
        self,
        request: ApiRequest,
        metadata_filter: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
        *,
        view_secret_value: bool = True,
    ) -> AsyncFetch[SecretList]:
        """Fetch a list as the server groups it, with what an older server ignored (the
        metadata filter, ``viewSecretValue``) done here, so the cache holds the right answer."""

        async def fetch() -> SecretList:
            sent, response = await self._requester.send(request)
            result = rq.parse_secret_list(sent, response)
            return rq.complete_secret_list(
                sent, result, metadata_filter, view_secret_value=view_secret_value
            )

        return fetch

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
        metadata_filter: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
        include_personal_overrides: bool = False,
    ) -> builtins.list[Secret]:
        """List the secrets of a folder (``recursive`` for sub-folders too).

        With `include_imports`, imported secrets are appended unless a direct secret has the
        same key (a later import wins over an earlier one). `metadata_filter` keeps secrets
        whose metadata has every ``key=value``. With `include_personal_overrides`, your
        personal value replaces the shared one of the same key.
        """
        problems: builtins.list[str] = []
        metadata = rq.format_metadata_filter(metadata_filter, problems)
        scope = self._scope(problems, project_id, environment, secret_path)
        request = rq.list_secrets(
            scope,
            recursive=recursive,
            include_imports=include_imports,
            expand_secret_references=expand_secret_references,
            view_secret_value=view_secret_value,
            tag_slugs=tag_slugs,
            metadata_filter=metadata,
            include_personal_overrides=include_personal_overrides,
        )

        # the cache holds the server's grouping (shared with `list_with_imports`); merged here
        fetch = self._list_fetcher(request, metadata_filter, view_secret_value=view_secret_value)
        grouped = await self._requester.cached(request, fetch)
        secrets = rq.flatten_secret_list(grouped)
        return rq.merge_personal(secrets, prefer_personal=include_personal_overrides)

    async def list_with_imports(
        self,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        recursive: bool = False,
        expand_secret_references: bool = True,
        view_secret_value: bool = True,
        tag_slugs: Sequence[str] | None = None,
    ) -> SecretList:
        """The folder's own secrets and, apart, each import's secrets (as the server groups
        them: `SecretList.secrets` and `SecretList.imports`), where `list` merges the two."""
        scope = self._scope([], project_id, environment, secret_path)
        request = rq.list_secrets(
            scope,
            recursive=recursive,
            include_imports=True,
            expand_secret_references=expand_secret_references,
            view_secret_value=view_secret_value,
            tag_slugs=tag_slugs,
        )
        fetch = self._list_fetcher(request, view_secret_value=view_secret_value)
        return rq.copy_secret_list(await self._requester.cached(request, fetch))

    async def get(
        self,
        name: str,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        version: int | None = None,
        type: SecretType = "shared",
        fallback_to_shared: bool = False,
        expand_secret_references: bool = True,
        include_imports: bool = True,
        view_secret_value: bool = True,
    ) -> Secret:
        """Get one secret by name (a past `version` if given); raises `NotFoundError`.

        With ``type="personal"`` and `fallback_to_shared`, a missing personal secret falls
        back to the shared one (the legacy "personal first, then shared" lookup).
        """
        # The cache hit path: the raw arguments are the alias key (see _async/_cache.py).
        alias = (
            name,
            project_id,
            environment,
            secret_path,
            version,
            type,
            fallback_to_shared,
            expand_secret_references,
            include_imports,
            view_secret_value,
        )
        # version=True or 1.0 would hash like 1: only a plain int (or None) may use the alias
        if version is None or version.__class__ is int:
            hit = self._requester.recall(alias)
            if hit is not None:
                return hit  # type: ignore[no-any-return]
        problems: builtins.list[str] = []
        rq.check_write(name, type, problems)
        rq.check_version(version, problems)
        scope = self._scope(problems, project_id, environment, secret_path)
        types = [type, "shared"] if fallback_to_shared and type == "personal" else [type]
        for index, kind in enumerate(types):
            request = rq.get_secret(
                name,
                scope,
                version=version,
                type=kind,
                expand_secret_references=expand_secret_references,
                include_imports=include_imports,
                view_secret_value=view_secret_value,
            )
            try:
                fetch = self._fetcher(request, version, view_secret_value)
                secret = await self._requester.cached(request, fetch)
            except NotFoundError:
                if index == len(types) - 1:
                    raise
            else:
                self._requester.remember(alias, request)
                return secret
        raise AssertionError("unreachable")  # pragma: no cover

    async def find(
        self,
        name: str,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        type: SecretType = "shared",
    ) -> Secret | None:
        """Like `get`, but ``None`` when the secret (or its folder) does not exist."""
        try:
            return await self.get(
                name,
                project_id=project_id,
                environment=environment,
                secret_path=secret_path,
                type=type,
            )
        except NotFoundError:
            return None

    async def create(
        self,
        name: str,
        value: str,
        *,
        comment: str | None = None,
        type: SecretType = "shared",
        tag_ids: Sequence[str] | None = None,
        metadata: Mapping[str, str] | None = None,
        skip_multiline_encoding: bool | None = None,
        reminder_note: str | None = None,
        reminder_repeat_days: int | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """Create a secret; the server answers 400 if it already exists.

        `reminder_repeat_days` / `reminder_note`: remind to rotate it every so many days."""
        problems: builtins.list[str] = []
        rq.check_write(name, type, problems)
        if not isinstance(value, str):
            problems.append("value must be a string")
        extra = rq.secret_fields(
            tag_ids=tag_ids,
            metadata=metadata,
            skip_multiline_encoding=skip_multiline_encoding,
            reminder_note=reminder_note,
            reminder_repeat_days=reminder_repeat_days,
            problems=problems,
        )
        scope = self._scope(problems, project_id, environment, secret_path)
        request = rq.create_secret(name, value, scope, comment=comment, type=type, extra=extra)
        request, response = await self._requester.send(request)
        return rq.parse_secret(request, response)

    async def update(
        self,
        name: str,
        value: str | None = None,
        *,
        new_name: str | None = None,
        comment: str | None = None,
        type: SecretType = "shared",
        tag_ids: Sequence[str] | None = None,
        metadata: Mapping[str, str] | None = None,
        skip_multiline_encoding: bool | None = None,
        reminder_note: str | None = None,
        reminder_repeat_days: int | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """Change a secret's value, name (`new_name`), comment, tags, metadata or reminder.

        `tag_ids` replaces the whole tag set. The returned `Secret.value` is what was sent
        (empty when the value was not changed).
        """
        problems: builtins.list[str] = []
        rq.check_write(name, type, problems, new_name=new_name)
        extra = rq.secret_fields(
            tag_ids=tag_ids,
            metadata=metadata,
            skip_multiline_encoding=skip_multiline_encoding,
            reminder_note=reminder_note,
            reminder_repeat_days=reminder_repeat_days,
            problems=problems,
        )
        if value is None and new_name is None and comment is None and not extra:
            problems.append(
                "nothing to update: pass value, new_name, comment, tags, metadata or a reminder"
            )
        scope = self._scope(problems, project_id, environment, secret_path)
        request = rq.update_secret(
            name, scope, value=value, new_name=new_name, comment=comment, type=type, extra=extra
        )

        async def with_current_value(older: ApiRequest) -> ApiRequest:
            """The older route requires ``secretValue``: send the current one (unexpanded)."""
            read = rq.get_secret(
                name, scope, type=type, expand_secret_references=False, include_imports=False
            )
            sent, response = await self._requester.send(read)  # never from the cache
            return rq.with_value(older, rq.parse_secret(sent, response).value)

        legacy = with_current_value if value is None else None
        request, response = await self._requester.send(request, legacy=legacy)
        return rq.parse_secret(request, response)

    async def delete(
        self,
        name: str,
        *,
        type: SecretType = "shared",
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """Delete a secret and return it as it was; raises `NotFoundError` if missing."""
        problems: builtins.list[str] = []
        rq.check_write(name, type, problems)
        scope = self._scope(problems, project_id, environment, secret_path)
        request, response = await self._requester.send(rq.delete_secret(name, scope, type=type))
        return rq.parse_secret(request, response)

    async def upsert(
        self,
        name: str,
        value: str,
        *,
        comment: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """Set a shared secret's value, creating it if it does not exist."""
        try:
            return await self.update(
                name,
                value,
                comment=comment,
                project_id=project_id,
                environment=environment,
                secret_path=secret_path,
            )
        except NotFoundError:
            pass
        try:
            return await self.create(
                name,
                value,
                comment=comment,
                project_id=project_id,
                environment=environment,
                secret_path=secret_path,
            )
        except BadRequestError:
            # Created concurrently between our update and create: update the winner.
            return await self.update(
                name,
                value,
                comment=comment,
                project_id=project_id,
                environment=environment,
                secret_path=secret_path,
            )

    async def get_or_create(
        self,
        name: str,
        default: str,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> Secret:
        """The existing shared secret, or a new one with value `default`."""
        found = await self.find(
            name, project_id=project_id, environment=environment, secret_path=secret_path
        )
        if found is not None:
            return found
        try:
            return await self.create(
                name,
                default,
                project_id=project_id,
                environment=environment,
                secret_path=secret_path,
            )
        except BadRequestError:
            # Created concurrently: return the one that exists now.
            return await self.get(
                name, project_id=project_id, environment=environment, secret_path=secret_path
            )

    async def batch_create(
        self,
        secrets: batch.BatchItems,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> builtins.list[Secret]:
        """Create several shared secrets in one request (all or nothing).

        `secrets` is ``{name: value}`` or a list of ``{"name", "value", "comment", "tag_ids",
        "metadata", "skip_multiline_encoding"}`` mappings.
        """
        problems: builtins.list[str] = []
        items = batch.normalize_batch_items(secrets, require_value=True, problems=problems)
        scope = self._scope(problems, project_id, environment, secret_path)
        request, response = await self._requester.send(batch.batch_create(scope, items))
        return parse_list(request, response, "secrets", Secret)

    async def batch_update(
        self,
        secrets: batch.BatchItems,
        *,
        mode: BatchMode = "failOnNotFound",
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> builtins.list[Secret]:
        """Update several secrets in one request.

        `mode`: ``failOnNotFound`` (default; nothing changes if one is missing), ``upsert``
        (create the missing ones) or ``ignore`` (skip them). Items may carry ``new_name``.
        """
        problems: builtins.list[str] = []
        batch.check_mode(mode, problems)
        items = batch.normalize_batch_items(secrets, require_value=False, problems=problems)
        scope = self._scope(problems, project_id, environment, secret_path)

        async def with_current_values(older: ApiRequest) -> ApiRequest:
            """The older route requires a value per item: send the current ones."""
            if not batch.valueless_keys(older):
                return older
            return batch.with_values(older, await self._current_values(scope))

        request = batch.batch_update(scope, items, mode)
        sent, response = await self._requester.send(request, legacy=with_current_values)
        if response.status_code == 404 and mode == "failOnNotFound":
            error = error_from_response(sent, response)
            if isinstance(error, NotFoundError):
                existing = (await self._current_values(scope)).keys()
                raise batch.missing_keys(sent, error, existing) from None
        return parse_list(sent, response, "secrets", Secret)

    async def _current_values(self, scope: ResolvedScope) -> dict[str, str]:
        """``{key: value}`` of the shared secrets of `scope`'s folder, references unexpanded,
        read from the server (never the cache): what a batch update must resend, and which
        keys exist."""
        read = rq.list_secrets(scope, expand_secret_references=False)
        sent, response = await self._requester.send(read)
        found = rq.flatten_secret_list(rq.parse_secret_list(sent, response))
        return {s.key: s.value for s in found if s.type != "personal"}

    async def batch_delete(
        self,
        names: Sequence[str],
        *,
        type: SecretType = "shared",
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> builtins.list[Secret]:
        """Delete several secrets in one request (all or nothing); returns them as they were."""
        problems: builtins.list[str] = []
        batch.check_names(names, problems)
        rq.check_type(type, problems)
        scope = self._scope(problems, project_id, environment, secret_path)
        request, response = await self._requester.send(batch.batch_delete(scope, names, type))
        return parse_list(request, response, "secrets", Secret)

    async def load_into_environ(
        self,
        *,
        overwrite: bool = False,
        recursive: bool = False,
        include_imports: bool = True,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
    ) -> builtins.list[str]:
        """Put the folder's secrets into ``os.environ``; returns the names that were set.

        Variables already set in the environment win unless `overwrite` is true (the legacy
        SDK's ``attach_to_process_env``). With `recursive`, the last folder seen wins a key.
        """
        secrets = await self.list(
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            recursive=recursive,
            include_imports=include_imports,
        )
        values: dict[str, str] = {}
        for secret in secrets:
            if not secret.value_hidden:
                values[secret.key] = secret.value
        names = [key for key in values if overwrite or key not in os.environ]
        if any(not key or "=" in key or "\0" in key for key in names):
            raise ValidationError(["a secret name cannot be used as an environment variable"])
        for key in names:
            os.environ[key] = values[key]
        return names
