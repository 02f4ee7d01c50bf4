"""The infisical-kit `Client` behind an `InfisicalSDKClient`, replaced at each login."""

from __future__ import annotations

from infisical_kit import Client
from infisical_kit.config import Config
from infisical_kit.credentials import (
    CredentialChain,
    CredentialProvider,
    Credentials,
    ExplicitProvider,
)
from infisical_kit.errors import ConfigurationError, ValidationError
from infisical_kit.models import LoginResponse

__all__ = ["Session"]


class Session:
    """Holds the current `Client` (none until a token is given or a login succeeds).

    Reads nothing from the environment or files, like ``infisicalsdk``: the host, the cache
    TTL and the credential come from the caller only.
    """

    def __init__(self, host: str, cache_ttl: float | None) -> None:
        self.host = host
        # infisicalsdk: None (or <= 0) disables the cache
        self.cache_ttl = cache_ttl if cache_ttl is not None and cache_ttl > 0 else 0
        self._client: Client | None = None
        self._project_ids: dict[str, str] = {}

    @property
    def client(self) -> Client:
        """The client of the current credential."""
        if self._client is None:
            raise ConfigurationError(
                "not authenticated: pass token= to InfisicalSDKClient or log in with "
                "client.auth.<method>.login(...) first"
            )
        return self._client

    def use(self, credentials: Credentials | CredentialProvider) -> Client:
        """Switch to `credentials` (a new client: new identity, new cache); a provider is
        asked again at every login (AWS keys rotate)."""
        provider = (
            ExplicitProvider(credentials) if isinstance(credentials, Credentials) else credentials
        )
        client = Client(
            config=Config.explicit(site_url=self.host, cache_ttl=self.cache_ttl),
            credentials=CredentialChain([provider]),
        )
        self.close()
        self._client = client
        return client

    def login(self, credentials: Credentials | CredentialProvider) -> LoginResponse:
        """Log in with `credentials` now; the previous client stays if the login fails."""
        previous, self._client = self._client, None
        try:
            client = self.use(credentials)
            login = client.auth.login()
        except BaseException:
            self.close()
            self._client = previous
            raise
        if previous is not None:
            previous.close()
        assert login is not None  # a machine-identity login always answers
        return login

    def project_id(self, project_id: str | None, project_slug: str | None) -> str:
        """The project id to send: `project_id`, else the id of `project_slug` (looked up once)."""
        if project_id is not None:
            return project_id
        if project_slug is None:
            raise ValidationError(["project_slug or project_id must be provided"])
        if project_slug not in self._project_ids:
            self._project_ids[project_slug] = self.client.projects.get_by_slug(project_slug).id
        return self._project_ids[project_slug]

    def close(self) -> None:
        """Close the current client (its connection pool and cache)."""
        if self._client is not None:
            self._client.close()
            self._client = None
