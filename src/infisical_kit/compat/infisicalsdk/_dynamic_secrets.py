"""``client.dynamic_secrets`` of ``infisicalsdk`` (and ``.leases``): the signatures, waiting for
infisical-kit's dynamic secrets; every call raises `NotSupportedError` for now."""

from __future__ import annotations

from typing import Any

from infisical_kit.compat._util import not_supported
from infisical_kit.compat.infisicalsdk import api_types as t
from infisical_kit.compat.infisicalsdk._session import Session
from infisical_kit.errors import NotSupportedError

__all__ = ["DynamicSecretLeases", "DynamicSecrets"]


def _missing(call: str) -> NotSupportedError:
    return not_supported("infisicalsdk", f"dynamic_secrets.{call}", "dynamic secrets")


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
        """Create a lease: new credentials from the provider."""
        raise _missing("leases.create")

    def revoke(
        self,
        lease_id: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        is_forced: bool = False,
    ) -> t.DynamicSecretLease:
        """Revoke a lease (its credentials stop working)."""
        raise _missing("leases.revoke")

    def renew(
        self,
        lease_id: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        ttl: str | None = None,
    ) -> t.DynamicSecretLease:
        """Extend a lease."""
        raise _missing("leases.renew")

    def get(
        self,
        lease_id: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
    ) -> t.DynamicSecretLease:
        """One lease by id."""
        raise _missing("leases.get")


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
        """Create a dynamic secret."""
        raise _missing("create")

    def delete(
        self,
        name: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
        is_forced: bool = False,
    ) -> t.DynamicSecret:
        """Delete a dynamic secret."""
        raise _missing("delete")

    def get_by_name(
        self,
        name: str,
        project_slug: str,
        environment_slug: str,
        path: str = "/",
    ) -> t.DynamicSecret:
        """One dynamic secret by name."""
        raise _missing("get_by_name")

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
        """Change a dynamic secret."""
        raise _missing("update")
