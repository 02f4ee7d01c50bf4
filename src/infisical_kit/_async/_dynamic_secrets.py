"""`client.dynamic_secrets` and `client.dynamic_secrets.leases`: dynamic secrets (a provider
that mints short-lived credentials) and their leases (``/api/v1/dynamic-secrets``).

These routes name the project by slug; from the client's `project_id` the slug is read once
(``GET /api/v1/projects/{id}``) and remembered. Pass `project_slug` to skip that call.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any

from infisical_kit._async._namespace import AsyncNamespace
from infisical_kit._async._requester import AsyncRequester
from infisical_kit._core import dynamic_secrets as rq
from infisical_kit._core import projects
from infisical_kit._core.response import parse_list, parse_object
from infisical_kit._core.scope import ResolvedScope, Scope
from infisical_kit._core.validation import require
from infisical_kit._core.wire import given
from infisical_kit.models import DynamicSecret, DynamicSecretLease, LeaseCredentials, Project

__all__ = ["AsyncDynamicSecretLeases", "AsyncDynamicSecrets"]


class _AsyncSlugScoped(AsyncNamespace):
    """Resolves a call's folder and the project slug the dynamic-secret routes want."""

    def __init__(
        self, requester: AsyncRequester, default_scope: Scope, slugs: dict[str, str]
    ) -> None:
        super().__init__(requester, default_scope)
        self._slugs = slugs

    async def _where(
        self,
        problems: builtins.list[str],
        project_id: str | None,
        project_slug: str | None,
        environment: str | None,
        path: str | None,
    ) -> tuple[str, ResolvedScope]:
        """The project slug and the scope; one `ValidationError` for every problem."""
        if project_slug is not None:
            require(project_slug, "project_slug", problems)
        stand_in = project_id if project_slug is None else (project_id or project_slug)
        scope = self._scope(problems, stand_in, environment, path)
        if project_slug is not None:
            return project_slug.strip(), scope
        slug = self._slugs.get(scope.project_id)
        if slug is None:
            request, response = await self._requester.send(projects.get_project(scope.project_id))
            slug = parse_object(request, response, "project", Project).slug
            self._slugs[scope.project_id] = slug
        return slug, scope


class AsyncDynamicSecretLeases(_AsyncSlugScoped):
    """Leases: credentials from a dynamic secret, valid for a TTL, then revoked by the server."""

    async def create(
        self,
        dynamic_secret_name: str,
        *,
        ttl: rq.TTL | None = None,
        config: Mapping[str, Any] | None = None,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> LeaseCredentials:
        """Lease credentials (`ttl` defaults to the dynamic secret's default TTL, at most its
        max TTL); the returned `data` holds them (e.g. ``DB_USERNAME``, ``DB_PASSWORD``)."""
        problems: builtins.list[str] = []
        rq.check_name(dynamic_secret_name, "dynamic_secret_name", problems)
        wire_ttl = rq.check_ttl(ttl, "ttl", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request = rq.create_lease(
            slug, scope, dynamic_secret_name, ttl=wire_ttl, config=dict(config) if config else None
        )
        request, response = await self._requester.send(request)
        return rq.parse_lease_credentials(request, response)

    async def get(
        self,
        lease_id: str,
        *,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> DynamicSecretLease:
        """One lease (with its dynamic secret); raises `NotFoundError` once it is revoked."""
        problems: builtins.list[str] = []
        require(lease_id, "lease_id", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request, response = await self._requester.send(rq.get_lease(slug, scope, lease_id))
        return parse_object(request, response, "lease", DynamicSecretLease)

    async def list(
        self,
        dynamic_secret_name: str,
        *,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> builtins.list[DynamicSecretLease]:
        """The leases of a dynamic secret."""
        problems: builtins.list[str] = []
        rq.check_name(dynamic_secret_name, "dynamic_secret_name", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request = rq.list_leases(slug, scope, dynamic_secret_name)
        request, response = await self._requester.send(request)
        return parse_list(request, response, "leases", DynamicSecretLease)

    async def renew(
        self,
        lease_id: str,
        *,
        ttl: rq.TTL | None = None,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> DynamicSecretLease:
        """Extend a lease by `ttl` (default: the default TTL), never past its max TTL."""
        problems: builtins.list[str] = []
        require(lease_id, "lease_id", problems)
        wire_ttl = rq.check_ttl(ttl, "ttl", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request = rq.renew_lease(slug, scope, lease_id, ttl=wire_ttl)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "lease", DynamicSecretLease)

    async def revoke(
        self,
        lease_id: str,
        *,
        force: bool = False,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> DynamicSecretLease:
        """Revoke a lease now. If the provider refuses, the lease comes back with status
        ``"Failed to delete"`` and the server keeps retrying; `force` drops it regardless."""
        problems: builtins.list[str] = []
        require(lease_id, "lease_id", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request = rq.revoke_lease(slug, scope, lease_id, forced=force)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "lease", DynamicSecretLease)


class AsyncDynamicSecrets(_AsyncSlugScoped):
    """Dynamic secrets of a folder (default: the client's scope); `leases` makes credentials."""

    def __init__(self, requester: AsyncRequester, default_scope: Scope) -> None:
        slugs: dict[str, str] = {}
        super().__init__(requester, default_scope, slugs)
        #: Leases of these dynamic secrets (create, get, list, renew, revoke).
        self.leases = AsyncDynamicSecretLeases(requester, default_scope, slugs)

    async def create(
        self,
        name: str,
        *,
        provider: str,
        inputs: Mapping[str, Any],
        default_ttl: rq.TTL,
        max_ttl: rq.TTL | None = None,
        metadata: Mapping[str, str] | None = None,
        username_template: str | None = None,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> DynamicSecret:
        """Create a dynamic secret: `provider` is Infisical's type (``"sql-database"``,
        ``"redis"``, ``"totp"`` ...) and `inputs` its configuration (tested by the server)."""
        problems: builtins.list[str] = []
        rq.check_name(name, "name", problems)
        require(provider, "provider", problems)
        if not isinstance(inputs, Mapping):
            problems.append("inputs must be a mapping")
        wire_default = rq.check_ttl(default_ttl, "default_ttl", problems)
        if default_ttl is None:
            problems.append("default_ttl is required")
        wire_max = rq.check_ttl(max_ttl, "max_ttl", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        fields = {
            "name": name.strip().lower(),
            "provider": {"type": provider, "inputs": dict(inputs)},
            "defaultTTL": wire_default,
            "maxTTL": wire_max,
            "metadata": rq.metadata_items(metadata),
            "usernameTemplate": username_template,
        }
        request, response = await self._requester.send(
            rq.create_dynamic_secret(slug, scope, fields)
        )
        return parse_object(request, response, "dynamicSecret", DynamicSecret)

    async def get(
        self,
        name: str,
        *,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> DynamicSecret:
        """One dynamic secret with its `inputs`; raises `NotFoundError`."""
        problems: builtins.list[str] = []
        rq.check_name(name, "name", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request, response = await self._requester.send(rq.get_dynamic_secret(slug, scope, name))
        return parse_object(request, response, "dynamicSecret", DynamicSecret)

    async def list(
        self,
        *,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> builtins.list[DynamicSecret]:
        """The dynamic secrets of the folder (without their inputs)."""
        slug, scope = await self._where([], project_id, project_slug, environment, path)
        request, response = await self._requester.send(rq.list_dynamic_secrets(slug, scope))
        return parse_list(request, response, "dynamicSecrets", DynamicSecret)

    async def update(
        self,
        name: str,
        *,
        new_name: str | None = None,
        inputs: Mapping[str, Any] | None = None,
        default_ttl: rq.TTL | None = None,
        max_ttl: rq.TTL | None = None,
        metadata: Mapping[str, str] | None = None,
        username_template: str | None = None,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> DynamicSecret:
        """Change a dynamic secret; `inputs` are merged over the stored ones and tested."""
        problems: builtins.list[str] = []
        rq.check_name(name, "name", problems)
        if new_name is not None:
            rq.check_name(new_name, "new_name", problems)
        data = {
            "newName": new_name.strip().lower() if isinstance(new_name, str) else None,
            "inputs": dict(inputs) if inputs is not None else None,
            "defaultTTL": rq.check_ttl(default_ttl, "default_ttl", problems),
            "maxTTL": rq.check_ttl(max_ttl, "max_ttl", problems),
            "metadata": rq.metadata_items(metadata),
            "usernameTemplate": username_template,
        }
        if not given(data):
            problems.append(
                "nothing to update: pass new_name, inputs, default_ttl, max_ttl, metadata "
                "or username_template"
            )
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request = rq.update_dynamic_secret(slug, scope, name, given(data))
        request, response = await self._requester.send(request)
        return parse_object(request, response, "dynamicSecret", DynamicSecret)

    async def delete(
        self,
        name: str,
        *,
        force: bool = False,
        path: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        project_slug: str | None = None,
    ) -> DynamicSecret:
        """Delete a dynamic secret. Its leases are revoked first (the answer's `status` is
        ``"Revocation in process"`` until they are); `force` skips the provider."""
        problems: builtins.list[str] = []
        rq.check_name(name, "name", problems)
        slug, scope = await self._where(problems, project_id, project_slug, environment, path)
        request = rq.delete_dynamic_secret(slug, scope, name, forced=force)
        request, response = await self._requester.send(request)
        return parse_object(request, response, "dynamicSecret", DynamicSecret)
