"""`InfisicalSDKClient`: ``infisicalsdk`` 1.0.18's client, on infisical-kit's `Client`."""

from __future__ import annotations

from types import TracebackType

from infisical_kit.compat.infisicalsdk._auth import Auth
from infisical_kit.compat.infisicalsdk._dynamic_secrets import DynamicSecrets
from infisical_kit.compat.infisicalsdk._folders import V2Folders
from infisical_kit.compat.infisicalsdk._kms import KMS
from infisical_kit.compat.infisicalsdk._secrets import V3RawSecrets
from infisical_kit.compat.infisicalsdk._session import Session
from infisical_kit.credentials import Credentials

__all__ = ["InfisicalSDKClient"]


class InfisicalSDKClient:
    """The ``infisicalsdk`` client: ``auth``, ``secrets``, ``folders``, ``kms``,
    ``dynamic_secrets``, with the same methods, arguments and return types.

    Behind it is an infisical-kit `Client`: a universal-auth login is renewed and repeated
    by itself (the original keeps the first token until it expires), reads are cached for
    `cache_ttl` seconds with a key made of the whole request (``None`` or 0 disables it),
    and connection errors, 429 and 5xx are retried with backoff.
    """

    def __init__(self, host: str, token: str | None = None, cache_ttl: int | None = 60) -> None:
        #: The server URL.
        self.host = host
        #: The last access token set or obtained (`get_token` returns a current one).
        self.access_token = token
        self._session = Session(host, cache_ttl)
        if token:
            self._session.use(Credentials.from_token(token))
        self.auth = Auth(self._session, self.set_token, self._remember)
        self.secrets = V3RawSecrets(self._session)
        self.kms = KMS(self._session)
        self.folders = V2Folders(self._session)
        self.dynamic_secrets = DynamicSecrets(self._session)

    def set_token(self, token: str) -> None:
        """Use the access token `token` for every request from now on."""
        self._session.use(Credentials.from_token(token))
        self.access_token = token

    def get_token(self) -> str | None:
        """The access token in use: renewed or obtained again first if it is due."""
        if self.access_token is None:
            return None
        self.access_token = self._session.client.auth.authorize()
        return self.access_token

    def close(self) -> None:
        """Close the connection pool and drop the cache."""
        self._session.close()

    def _remember(self, token: str) -> None:
        self.access_token = token

    def __enter__(self) -> InfisicalSDKClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"InfisicalSDKClient(host={self.host!r})"
