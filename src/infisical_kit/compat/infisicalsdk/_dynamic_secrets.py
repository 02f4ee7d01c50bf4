"""``client.dynamic_secrets`` of ``infisicalsdk`` (and ``.leases``) on infisical-kit's
`client.dynamic_secrets`: the same arguments (project slug, environment slug, path) and
return types."""

from __future__ import annotations

from typing import Any

from infisical_kit.compat.infisicalsdk import _convert
from infisical_kit.compat.infisicalsdk import api_types as t
from infisical_kit.compat.infisicalsdk._session import Session

__all__ = ["DynamicSecretLeases", "DynamicSecrets"]


def _where(project_slug: str, environment_slug: str, path: str) -> dict[str, Any]:
    return {"project_slug": project_slug, "environment": environment_slug, "path": path}


class DynamicSecretLeases:
    """Leases of dynamic secrets: create (credentials), get, renew, revoke."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __repr__(self) -> str:
        return "DynamicSecretLeases()"

    def create(
        self,
        dynamic_secret_name: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        ttl: str | None = None,
    ) -> t.CreateLeaseResponse:
        """Create a lease: new credentials from the provider (in ``data``)."""
        made = self._session.client.dynamic_secrets.leases.create(
            dynamic_secret_name, ttl=ttl, **_where(project_slug, environment_slug, path)
        )
        return _convert.lease_credentials(made)

    def revoke(
        self,
        lease_id: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        is_forced: bool = False,
    ) -> t.DynamicSecretLease:
        """Revoke a lease (its credentials stop working); `is_forced` skips the provider."""
        revoked = self._session.client.dynamic_secrets.leases.revoke(
            lease_id, force=is_forced, **_where(project_slug, environment_slug, path)
        )
        return _convert.lease(revoked)

    def renew(
        self,
        lease_id: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        ttl: str | None = None,
    ) -> t.DynamicSecretLease:
        """Extend a lease by `ttl` (default: the default TTL), never past the max TTL."""
        renewed = self._session.client.dynamic_secrets.leases.renew(
            lease_id, ttl=ttl, **_where(project_slug, environment_slug, path)
        )
        return _convert.lease(renewed)

    def get(
        self,
        lease_id: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
    ) -> t.DynamicSecretLease:
        """One lease by id, with its dynamic secret."""
        found = self._session.client.dynamic_secrets.leases.get(
            lease_id, **_where(project_slug, environment_slug, path)
        )
        return _convert.lease(found)


class DynamicSecrets:
    """Dynamic secrets: create, get, update, delete; ``leases`` for their credentials."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self.leases = DynamicSecretLeases(session)

    def __repr__(self) -> str:
        return "DynamicSecrets()"

    def create(
        self,
        name: str,
        provider_type: t.DynamicSecretProviders | str,
        inputs: dict[str, Any],
        default_ttl: str,
        max_ttl: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        metadata: list[dict[str, str]] | None = None,
    ) -> t.DynamicSecret:
        """Create a dynamic secret (`inputs`: the provider's configuration)."""
        provider = (
            provider_type.value
            if isinstance(provider_type, t.DynamicSecretProviders)
            else provider_type
        )
        made = self._session.client.dynamic_secrets.create(
            name,
            provider=provider,
            inputs=inputs,
            default_ttl=default_ttl,
            max_ttl=max_ttl,
            metadata=_convert.metadata_mapping(metadata, "metadata"),
            **_where(project_slug, environment_slug, path),
        )
        return _convert.dynamic_secret(made)

    def delete(
        self,
        name: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        is_forced: bool = False,
    ) -> t.DynamicSecret:
        """Delete a dynamic secret (its leases are revoked; `is_forced` skips the provider)."""
        deleted = self._session.client.dynamic_secrets.delete(
            name, force=is_forced, **_where(project_slug, environment_slug, path)
        )
        return _convert.dynamic_secret(deleted)

    def get_by_name(
        self,
        name: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
    ) -> t.DynamicSecret:
        """One dynamic secret by name, with its inputs."""
        found = self._session.client.dynamic_secrets.get(
            name, **_where(project_slug, environment_slug, path)
        )
        return _convert.dynamic_secret(found)

    def update(
        self,
        name: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        default_ttl: str | None = None,
        max_ttl: str | None = None,
        new_name: str | None = None,
        inputs: dict[str, Any] | None = None,
        metadata: list[dict[str, str]] | None = None,
        username_template: str | None = None,
    ) -> t.DynamicSecret:
        """Change a dynamic secret (`inputs` are merged over the stored ones)."""
        changed = self._session.client.dynamic_secrets.update(
            name,
            new_name=new_name,
            inputs=inputs,
            default_ttl=default_ttl,
            max_ttl=max_ttl,
            metadata=_convert.metadata_mapping(metadata, "metadata"),
            username_template=username_template,
            **_where(project_slug, environment_slug, path),
        )
        return _convert.dynamic_secret(changed)
