"""`InfisicalProject`: what the ``infisical_project`` fixture hands a test (no pytest import)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["InfisicalProject"]


@dataclass(frozen=True, repr=False)
class InfisicalProject:
    """A project made for one test: ids, the server URL and an admin identity's credentials."""

    id: str
    slug: str
    site_url: str
    client_id: str
    client_secret: str
    environments: list[str] = field(default_factory=list)

    def client_kwargs(self, environment: str = "dev") -> dict[str, Any]:
        """Arguments for ``Client(**kwargs)`` bound to this project (path ``/``)."""
        return {
            "site_url": self.site_url,
            "client_id": self.client_id,
            "client_secret": self.client_secret,
            "project_id": self.id,
            "environment": environment,
            "secret_path": "/",
        }

    def environ(self, environment: str = "dev") -> dict[str, str]:
        """The ``INFISICAL_*`` variables naming this project, for code that reads the
        environment (``Client.from_env()``, ``infisical-kit run``): domain, universal-auth
        client id and secret, project id, environment and path ``/``."""
        return {
            "INFISICAL_DOMAIN": self.site_url,
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": self.client_id,
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET": self.client_secret,
            "INFISICAL_PROJECT_ID": self.id,
            "INFISICAL_ENVIRONMENT": environment,
            "INFISICAL_SECRET_PATH": "/",
        }

    def __repr__(self) -> str:
        return f"InfisicalProject(id={self.id!r}, slug={self.slug!r}, site_url={self.site_url!r})"
