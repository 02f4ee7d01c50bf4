"""The credential providers of ``infisical-httpx-sdk`` (``infisical.credentials.providers``),
plugged into infisical-kit's credential chain.

A provider of that SDK (a `BaseInfisicalProvider` subclass, built in or yours) sets ``token``,
or ``client_id`` and ``client_secret``, and ``url`` in ``__load__``. `ProviderAdapter` makes it
an infisical-kit `CredentialProvider`: the chain calls ``__load__`` at construction and again
at every re-login, so credentials that rotate are picked up.
"""

from __future__ import annotations

import os
from abc import ABC
from typing import Any

import anyio.to_thread

from infisical_kit.compat.infisical_httpx.exceptions import InfisicalCredentialsError
from infisical_kit.config import Config
from infisical_kit.credentials import (
    CliLoginProvider,
    CredentialChain,
    Credentials,
    ExplicitProvider,
)

__all__ = [
    "BaseInfisicalProvider",
    "InfisicalConfigFileProvider",
    "InfisicalCredentialProviderChain",
    "InfisicalCredentials",
    "InfisicalEnvironmentProvider",
    "InfisicalExplicitProvider",
    "ProviderAdapter",
]

DEFAULT_URL = "https://us.infisical.com"


def _default_url(url: str) -> str:
    return (url or os.environ.get("INFISICAL_URL", DEFAULT_URL)).rstrip("/")


class InfisicalCredentials:
    """A credential and the server it is for; the token comes from an infisical-kit client
    (logs in, renews and logs in again by itself)."""

    def __init__(self, url: str, token: str, client_id: str, client_secret: str) -> None:
        self.url = url.rstrip("/")
        self._token = token
        self._client_id = client_id
        self._client_secret = client_secret
        self._client: Any = None

    def __repr__(self) -> str:
        return f"InfisicalCredentials(url={self.url!r}, refreshable={self.refreshable()})"

    def credentials(self, source: str = "explicit") -> Credentials | None:
        """As an infisical-kit `Credentials` (None when there is none)."""
        if self._token:
            return Credentials.from_token(self._token, source=source, site_url=self.url)
        if self._client_id and self._client_secret:
            return Credentials.universal_auth(
                self._client_id, self._client_secret, source=source, site_url=self.url
            )
        return None

    def is_valid(self) -> bool:
        """True if there is a token or a client id and secret."""
        return self.credentials() is not None

    def refreshable(self) -> bool:
        """True for a client id and secret (a login can be repeated)."""
        return bool(self._client_id and self._client_secret) and not self._token

    def get_token(self) -> str:
        """An access token valid now (logging in or renewing first if needed)."""
        return str(self._sdk().auth.authorize())

    def refresh(self) -> None:
        """Log in again now (client id and secret only)."""
        if self.refreshable():
            self._sdk().auth.login()

    def _sdk(self) -> Any:
        from infisical_kit import Client

        found = self.credentials()
        if found is None:
            raise InfisicalCredentialsError("no token or client id and secret to use")
        if self._client is None:
            self._client = Client(
                config=Config.explicit(site_url=self.url), credentials=_only(found)
            )
        return self._client


class BaseInfisicalProvider(ABC):  # noqa: B024 - subclasses define __load__ or _load
    """Base of the providers: ``__load__`` (or ``_load``, as the SDK's README spells it) sets
    ``token``, or ``client_id`` and ``client_secret``, and may set ``url``."""

    url: str = ""
    token: str = ""
    client_id: str = ""
    client_secret: str = ""

    def __load__(self) -> None:
        """Load the credentials into the attributes (subclasses override this or ``_load``)."""
        loader = getattr(self, "_load", None)
        if loader is None:
            raise NotImplementedError(f"{type(self).__name__} must define __load__ (or _load)")
        loader()

    def load(self, url: str = "") -> InfisicalCredentials | None:
        """Run ``__load__`` with `url` (else ``INFISICAL_URL``, else ``https://us.infisical.com``)
        set first; the credentials, or None when the provider has none."""
        self.url = _default_url(url)
        self.__load__()
        found = InfisicalCredentials(self.url, self.token, self.client_id, self.client_secret)
        return found if found.is_valid() else None


class InfisicalConfigFileProvider(BaseInfisicalProvider):
    """The Infisical CLI's login (``infisical login``): its file vault or, unlike the original,
    the OS keyring too. The URL is the one the CLI logged in to."""

    def __load__(self) -> None:
        """Read the CLI's session token (an expired one counts as none)."""
        found = CliLoginProvider().load()
        if found is None or found.token is None:
            return
        self.token = found.token.get_secret_value()
        self.url = (found.site_url or self.url).rstrip("/")


class InfisicalEnvironmentProvider(BaseInfisicalProvider):
    """``INFISICAL_CLIENT_ID`` and ``INFISICAL_CLIENT_SECRET`` (first), else ``INFISICAL_TOKEN``."""

    def __load__(self) -> None:
        """Read the environment now."""
        if "INFISICAL_CLIENT_ID" in os.environ and "INFISICAL_CLIENT_SECRET" in os.environ:
            self.client_id = os.environ["INFISICAL_CLIENT_ID"]
            self.client_secret = os.environ["INFISICAL_CLIENT_SECRET"]
        elif "INFISICAL_TOKEN" in os.environ:
            self.token = os.environ["INFISICAL_TOKEN"]


class InfisicalExplicitProvider(BaseInfisicalProvider):
    """The `token`, or `client_id` and `client_secret`, given to the client."""

    def __init__(self, token: str = "", client_id: str = "", client_secret: str = "") -> None:
        self.token = token
        self.client_id = client_id
        self.client_secret = client_secret

    def __repr__(self) -> str:
        return f"InfisicalExplicitProvider(client_id={self.client_id!r})"

    def __load__(self) -> None:
        """Check that either a token or both client id and secret were given."""
        if not any([self.token, self.client_id, self.client_secret]):
            return
        if self.token and (self.client_id or self.client_secret):
            raise InfisicalCredentialsError(
                "You may specify either a token or a Client ID and Secret, not both."
            )
        if not self.token and not all([self.client_id, self.client_secret]):
            raise InfisicalCredentialsError("Both Client ID and Secret must be provided.")


class ProviderAdapter:
    """An infisical-kit `CredentialProvider` around a `BaseInfisicalProvider`.

    Pass it to ``Client(credentials=...)`` or put it in a `CredentialChain` to use a provider
    written for ``infisical-httpx-sdk`` with infisical-kit directly.
    """

    def __init__(self, provider: BaseInfisicalProvider, url: str = "", name: str = "") -> None:
        self.provider = provider
        self.url = url
        self.name = name or type(provider).__name__

    def __repr__(self) -> str:
        return f"ProviderAdapter({self.provider!r}, name={self.name!r})"

    def load(self) -> Credentials | None:
        """Run the provider; its credential with the server URL it chose."""
        found = self.provider.load(self.url)
        return None if found is None else found.credentials(source=self.name)

    async def aload(self) -> Credentials | None:
        """`load` in a worker thread (a provider may block)."""
        return await anyio.to_thread.run_sync(self.load)


class InfisicalCredentialProviderChain:
    """The providers tried in order: explicit, environment, the CLI's login; add yours with
    `add_provider` (first by default)."""

    providers: list[BaseInfisicalProvider]

    def __init__(
        self, url: str = "", token: str = "", client_id: str = "", client_secret: str = ""
    ) -> None:
        self.url = url
        self.providers = [
            InfisicalExplicitProvider(
                token=token, client_id=client_id, client_secret=client_secret
            ),
            InfisicalEnvironmentProvider(),
            InfisicalConfigFileProvider(),
        ]

    def __repr__(self) -> str:
        names = ", ".join(type(p).__name__ for p in self.providers)
        return f"InfisicalCredentialProviderChain([{names}])"

    def add_provider(self, provider: BaseInfisicalProvider, index: int = 0) -> None:
        """Insert `provider` at `index` (0: tried first)."""
        self.providers.insert(index, provider)

    def resolve(self) -> InfisicalCredentials:
        """The credentials of the first provider that has some."""
        for provider in self.providers:
            found = provider.load(url=self.url)
            if found is not None:
                return found
        raise InfisicalCredentialsError(
            "No valid Infisical credentials found in the provider chain."
        )

    def credential_chain(self) -> CredentialChain:
        """The same providers, in order, as an infisical-kit `CredentialChain`."""
        return CredentialChain(
            [
                ProviderAdapter(p, self.url, name=f"{i}:{type(p).__name__}")
                for i, p in enumerate(self.providers)
            ]
        )


def _only(credentials: Credentials) -> CredentialChain:
    return CredentialChain([ExplicitProvider(credentials)])
