"""`InfisicalClient` and `InfisicalAsyncClient` of ``infisical-httpx-sdk`` 1.1.0
(``infisical.clients``), on infisical-kit's `Client` and `AsyncClient`."""

from __future__ import annotations

import os
from types import TracebackType
from typing import Any

from infisical_kit import AsyncClient, Client
from infisical_kit.compat._util import not_supported
from infisical_kit.compat.infisical_httpx.credentials.providers import (
    InfisicalCredentialProviderChain,
)
from infisical_kit.compat.infisical_httpx.exceptions import InfisicalCredentialsError
from infisical_kit.compat.infisical_httpx.resources.certificates import (
    AsyncCertificatesV1,
    AsyncCertificatesV2,
    Certificates,
    CertificatesV1,
    CertificatesV2,
)
from infisical_kit.compat.infisical_httpx.resources.folders import (
    AsyncFoldersV1,
    Folders,
    FoldersV1,
)
from infisical_kit.compat.infisical_httpx.resources.secrets import (
    AsyncSecretsV3,
    Secrets,
    SecretsV3,
)
from infisical_kit.config import Config
from infisical_kit.credentials import CredentialsNotFoundError

__all__ = ["InfisicalAsyncClient", "InfisicalClient"]


def _verify() -> bool | str:
    """``INFISICAL_VERIFY_SSL`` (false/0/no: off), else ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``."""
    if os.environ.get("INFISICAL_VERIFY_SSL", "true").lower() in ("0", "false", "no"):
        return False
    return os.environ.get("SSL_CERT_FILE") or os.environ.get("SSL_CERT_DIR") or True


def _options(
    endpoint: str,
    token: str,
    client_id: str,
    client_secret: str,
    follow_redirects: bool,
    provider_chain: InfisicalCredentialProviderChain | None,
) -> dict[str, Any]:
    """The arguments of the infisical-kit client: the credentials come from the chain (whose
    providers also choose the server URL), nothing else from the environment."""
    if follow_redirects:
        raise not_supported(
            "infisical-httpx-sdk", "follow_redirects=True", "following redirects",
            "a redirect would carry the access token to wherever it points",
        )  # fmt: skip
    chain = provider_chain or InfisicalCredentialProviderChain(
        url=endpoint, token=token, client_id=client_id, client_secret=client_secret
    )
    return {
        "config": Config.explicit(verify=_verify()),
        "credentials": chain.credential_chain(),
    }


class _Base:
    _sdk: Client | AsyncClient

    @property
    def url(self) -> str:
        """The server URL in use."""
        return self._sdk.site_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.url!r})"


def _build(cls: type[Any], options: dict[str, Any]) -> Any:
    try:
        return cls(**options)
    except CredentialsNotFoundError as exc:
        raise InfisicalCredentialsError(
            "No valid Infisical credentials found in the provider chain."
        ) from exc


class InfisicalClient(_Base):
    """The synchronous client: ``secrets.v3``, ``folders.v1`` (``certificates`` is not
    supported). Credentials are resolved here; the first call logs in."""

    def __init__(
        self,
        *,
        endpoint: str = "",
        token: str = "",
        client_id: str = "",
        client_secret: str = "",
        follow_redirects: bool = False,
        provider_chain: InfisicalCredentialProviderChain | None = None,
    ) -> None:
        options = _options(endpoint, token, client_id, client_secret, follow_redirects,
                           provider_chain)  # fmt: skip
        self._sdk = sdk = _build(Client, options)
        projects: dict[str, str] = {}
        self.secrets = Secrets(SecretsV3(sdk, projects))
        self.folders = Folders(FoldersV1(sdk, projects))
        self.certificates = Certificates(CertificatesV1(sdk, projects),
                                         CertificatesV2(sdk, projects))  # fmt: skip

    def close(self) -> None:
        """Close the connection pool and drop the cache."""
        self._sdk.close()  # type: ignore[union-attr]

    def __enter__(self) -> InfisicalClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class InfisicalAsyncClient(_Base):
    """The asynchronous client: the same resources, each call awaited. Unlike the original,
    logging in and renewing are asynchronous too."""

    def __init__(
        self,
        *,
        endpoint: str = "",
        token: str = "",
        client_id: str = "",
        client_secret: str = "",
        follow_redirects: bool = False,
        provider_chain: InfisicalCredentialProviderChain | None = None,
    ) -> None:
        options = _options(endpoint, token, client_id, client_secret, follow_redirects,
                           provider_chain)  # fmt: skip
        self._sdk = sdk = _build(AsyncClient, options)
        projects: dict[str, str] = {}
        self.secrets = Secrets(AsyncSecretsV3(sdk, projects))
        self.folders = Folders(AsyncFoldersV1(sdk, projects))
        self.certificates = Certificates(AsyncCertificatesV1(sdk, projects),
                                         AsyncCertificatesV2(sdk, projects))  # fmt: skip

    async def close(self) -> None:
        """Close the connection pool and drop the cache."""
        await self._sdk.aclose()  # type: ignore[union-attr]

    async def __aenter__(self) -> InfisicalAsyncClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()
