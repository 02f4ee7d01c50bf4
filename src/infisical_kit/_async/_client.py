"""`AsyncClient`: configuration, authentication and the request path shared by every namespace."""

from __future__ import annotations

import os
from collections.abc import Hashable
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

import httpx

from infisical_kit._async._auth import AsyncTokenManager
from infisical_kit._async._auth_namespace import AsyncAuth
from infisical_kit._async._environments import AsyncEnvironments
from infisical_kit._async._folders import AsyncFolders
from infisical_kit._async._http import AsyncHTTPDriver
from infisical_kit._async._imports import AsyncImports
from infisical_kit._async._kms import AsyncKMS
from infisical_kit._async._projects import AsyncProjects
from infisical_kit._async._secrets import AsyncSecrets
from infisical_kit._async._tags import AsyncTags
from infisical_kit._async.cache import AsyncReadCache
from infisical_kit._async.transport import pem_from_environment
from infisical_kit._core.api import ApiRequest
from infisical_kit._core.cache import AsyncFetch, CachePolicy, identity_hash
from infisical_kit._core.options import Credentials, resolve_options
from infisical_kit._core.responses import is_token_rejection
from infisical_kit._core.retry import RetryPolicy
from infisical_kit._core.routing import RouteState
from infisical_kit._core.scope import Scope
from infisical_kit.config import Config
from infisical_kit.errors import ConfigurationError

if TYPE_CHECKING:
    # imported when a client is built: the providers pull in cryptography (CLI vault), ~100 ms
    from infisical_kit.credentials import CredentialChain, CredentialProvider

__all__ = ["AsyncClient"]

T = TypeVar("T")


class AsyncClient:
    """Client for an Infisical-compatible server.

    **Parameters** (all optional). Every setting comes, by precedence, from the explicit
    argument, else the environment (``INFISICAL_*``), else the profile (`profile`,
    ``INFISICAL_PROFILE`` or ``default``) in ``~/.config/infisical-kit/``, else
    ``.infisical.json`` (default scope only), else the default; with `config`, from the
    argument, else `config`. The option names are those of `Config` and
    docs/configuration.md:

    * `site_url` - server URL, with or without ``/api`` (default ``https://app.infisical.com``).
    * `token` - a static access token; or `client_id` + `client_secret` for universal auth
      (logs in lazily on first use and again if the server rejects the token).
    * `project_id`, `environment`, `secret_path` - the default scope (``secret_path="/"``);
      every call can override each of them.
    * `timeout` - seconds per request (default 90) or an `httpx.Timeout`; `verify` - TLS
      verification flag or CA bundle path (default True; with a `config`, the legacy
      ``INFISICAL_SSL_CERTIFICATE`` PEM text adds trusted roots); `cert` - client certificate
      path or ``(cert, key)``; `proxy` - proxy URL; `user_agent` - prepended to ours.
    * `echo` - log request and response headers and bodies at DEBUG on ``infisical_kit.http``,
      with credentials and secret values redacted.
    * `retries` - retries of connection errors and 429/502/503/504 after the first attempt
      (default 3; 0 disables), honouring ``Retry-After``, else full-jitter backoff between
      `retry_backoff_base` and `retry_backoff_cap` seconds, none started after
      `retry_deadline` seconds; or a whole `RetryPolicy` (then not with the ``retry_*``).
    * `cache_ttl` - seconds a read is cached, counted from when it was fetched: a cached value
      is never older (default 300; 0 disables); `cache_stale_if_error` - the maximum age
      (since the fetch) of an answer still served when the server is unreachable or failing
      (default 86400; 0 disables); `cache_max_entries` (default 1000, LRU); `cache_sliding` -
      every hit restarts `cache_ttl` (default False; then a value read more often than
      `cache_ttl` is never refreshed).
    * `transport` - an httpx transport (for tests and fault injection).
    * `username` + `password` - user (email/password) login.
    * `config` - a `Config` (read nothing else; `Config.explicit(...)` for "arguments only");
      `profile` - a profile name. `from_env` reads only the environment.
    * `credentials` - a `CredentialChain`, or one `CredentialProvider` tried after the
      explicit arguments (default: explicit, environment, profile, infisical-cli,
      kubernetes, less the sources the config did not read). Credentials
      are resolved at construction (no network); `credential_chain` is re-resolved when
      the client must log in again.
    * `test_if_authenticated` - check the credentials with one request up front (default: the
      config's setting, else False). The sync client checks in its constructor; the async one,
      which cannot do I/O there, checks when it is entered as a context manager.
    """

    def __init__(
        self,
        site_url: str | None = None,
        *,
        token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        username: str | None = None,
        password: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        verify: bool | str | None = None,
        user_agent: str | None = None,
        cert: str | tuple[str, str] | None = None,
        proxy: str | httpx.Proxy | None = None,
        echo: bool | None = None,
        retries: int | RetryPolicy | None = None,
        retry_backoff_base: float | None = None,
        retry_backoff_cap: float | None = None,
        retry_deadline: float | None = None,
        cache_ttl: float | None = None,
        cache_stale_if_error: float | None = None,
        cache_max_entries: int | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        config: Config | None = None,
        profile: str | None = None,
        credentials: CredentialChain | CredentialProvider | None = None,
        test_if_authenticated: bool | None = None,
        cache_sliding: bool | None = None,
    ) -> None:
        policy = _retry_policy(retries, retry_backoff_base, retry_backoff_cap, retry_deadline)
        self._config = cfg = Config.for_client(
            config,
            profile,
            site_url=site_url,
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            username=username,
            password=password,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            timeout=None if isinstance(timeout, httpx.Timeout) else timeout,
            verify=verify,
            user_agent=user_agent,
            cert=cert,
            proxy=proxy if isinstance(proxy, str) else None,
            echo=echo,
            retries=retries if policy is None else None,
            retry_backoff_base=retry_backoff_base,
            retry_backoff_cap=retry_backoff_cap,
            retry_deadline=retry_deadline,
            cache_ttl=cache_ttl,
            cache_stale_if_error=cache_stale_if_error,
            cache_max_entries=cache_max_entries,
            test_if_authenticated=test_if_authenticated,
            cache_sliding=cache_sliding,
        )
        if policy is None:
            policy = RetryPolicy(
                max_attempts=cfg.retries + 1,
                backoff_base=cfg.retry_backoff_base,
                backoff_cap=cfg.retry_backoff_cap,
                deadline=cfg.retry_deadline,
            )
        from infisical_kit.credentials import CredentialChain

        if not isinstance(credentials, CredentialChain):
            chain = CredentialChain.default(self._config)
            if credentials is not None:
                chain.insert_after("explicit", credentials)
            credentials = chain
        #: The credential providers; re-resolved when the client must log in again.
        self.credential_chain = credentials
        from infisical_kit.credentials import login_credentials

        resolved = self.credential_chain.resolve()
        if site_url is None and "site_url" not in cfg.model_fields_set:
            # A login session (infisical-kit login, the Infisical CLI) knows its server.
            site_url = resolved.site_url
        self._options = resolve_options(
            self._config,
            credentials=login_credentials(resolved),
            site_url=site_url,
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            timeout=None if isinstance(timeout, httpx.Timeout) else timeout,
            verify=verify,
            user_agent=user_agent,
        )
        self._driver = AsyncHTTPDriver(
            self._options,
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else None,
            cert=cfg.cert,
            proxy=proxy if proxy is not None or transport is not None else cfg.proxy,
            pem=pem_from_environment(os.environ if cfg.reads_environment else None),
            echo=cfg.echo,
            retry=policy,
        )
        self._cache = AsyncReadCache(
            CachePolicy(
                cfg.cache_ttl, cfg.cache_stale_if_error, cfg.cache_max_entries, cfg.cache_sliding
            ),
            identity_hash(self._options.credentials, self._options.site_url),
        )
        self._auth = AsyncTokenManager(
            self._options.credentials, self._driver, resolver=self._resolve_credentials
        )
        self._closed = False
        #: Which secrets API the server speaks, and deprecation warnings already given.
        self._routes = RouteState()
        #: Secrets in the default scope, or in the scope each call names.
        self.secrets = AsyncSecrets(self)
        #: Folders, secret imports, projects, environments, tags and KMS keys.
        self.folders = AsyncFolders(self)
        self.imports = AsyncImports(self)
        self.projects = AsyncProjects(self)
        self.environments = AsyncEnvironments(self)
        self.tags = AsyncTags(self)
        self.kms = AsyncKMS(self)
        #: Token control: ``login()``, ``renew()``, ``revoke()``, ``authorize()``, ...
        self.auth = AsyncAuth(self)
        self._auth_check_pending = False
        if cfg.test_if_authenticated:
            self._defer_auth_check()

    @classmethod
    def from_env(
        cls,
        site_url: str | None = None,
        *,
        token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        verify: bool | str | None = None,
        user_agent: str | None = None,
        cert: str | tuple[str, str] | None = None,
        proxy: str | httpx.Proxy | None = None,
        echo: bool | None = None,
        retries: int | RetryPolicy | None = None,
        retry_backoff_base: float | None = None,
        retry_backoff_cap: float | None = None,
        retry_deadline: float | None = None,
        cache_ttl: float | None = None,
        cache_stale_if_error: float | None = None,
        cache_max_entries: int | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
        test_if_authenticated: bool | None = None,
        cache_sliding: bool | None = None,
    ) -> AsyncClient:
        """Build a client from the ``INFISICAL_*`` environment only (no profile or project
        file); explicit arguments still win."""
        return cls(
            site_url,
            token=token,
            client_id=client_id,
            client_secret=client_secret,
            project_id=project_id,
            environment=environment,
            secret_path=secret_path,
            timeout=timeout,
            verify=verify,
            user_agent=user_agent,
            cert=cert,
            proxy=proxy,
            echo=echo,
            retries=retries,
            retry_backoff_base=retry_backoff_base,
            retry_backoff_cap=retry_backoff_cap,
            retry_deadline=retry_deadline,
            cache_ttl=cache_ttl,
            cache_stale_if_error=cache_stale_if_error,
            cache_max_entries=cache_max_entries,
            transport=transport,
            config=Config.from_env(),
            test_if_authenticated=test_if_authenticated,
            cache_sliding=cache_sliding,
        )

    @classmethod
    def from_config(
        cls,
        profile: str | None = None,
        *,
        config_file: str | None = None,
        credentials_file: str | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> AsyncClient:
        """Build a client from a profile (default: ``INFISICAL_PROFILE``, else ``default``).

        Reads, by precedence: the environment, the profile file and its credentials file,
        then ``.infisical.json`` for the default scope; see docs/configuration.md.
        """
        config = Config(profile=profile, config_file=config_file, credentials_file=credentials_file)
        return cls(config=config, transport=transport)

    def _resolve_credentials(self) -> Credentials:
        """Resolve the credential chain now (cheap, no network) for the token manager."""
        from infisical_kit.credentials import login_credentials

        return login_credentials(self.credential_chain.resolve())

    @property
    def site_url(self) -> str:
        """The server URL, normalized (no trailing slash, no ``/api``)."""
        return self._options.site_url

    @property
    def default_scope(self) -> Scope:
        """The project, environment and path used when a call does not name them."""
        return self._options.scope

    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` header sent with every request."""
        return self._options.user_agent

    async def _request(self, request: ApiRequest) -> httpx.Response:
        """Send `request`, authenticated when it says so; log in again once on a token rejection.

        An authenticated write (any method but GET/HEAD) invalidates the cached reads it may
        have made stale, whether it succeeded or not.
        """
        if self._closed:
            raise ConfigurationError("the client is closed")
        if not request.authenticated:
            return await self._driver.send(request)
        try:
            token = await self._auth.token()
            response = await self._driver.send(request, token=token)
            if self._auth.can_relogin and is_token_rejection(response):
                await self._auth.invalidate(token)
                token = await self._auth.token()
                response = await self._driver.send(request, token=token)
        finally:
            if request.method not in ("GET", "HEAD"):
                self._cache.invalidate(request)
        return response

    async def _cached(self, request: ApiRequest, fetch: AsyncFetch[T]) -> T:
        """The answer to the read `request` from the cache, else from `fetch` (single flight)."""
        if self._closed:
            raise ConfigurationError("the client is closed")
        if not self._cache.policy.enabled:
            return await fetch()
        return await self._cache.get_or_fetch(request, fetch)

    def _remember(self, alias: Hashable, request: ApiRequest) -> None:
        """Let the raw call arguments `alias` find the cached answer to `request` directly."""
        if self._cache.policy.enabled and not self._closed:
            self._cache.remember(alias, self._cache.key(request))

    async def aclose(self) -> None:
        """Close the connection pool and drop the cache; the client cannot be used afterwards."""
        self._closed = True
        self._cache.clear()
        await self._driver.aclose()

    async def test_authentication(self) -> None:
        """Raise `AuthenticationError` unless the credentials work (`auth.test_authentication`)."""
        await self.auth.test_authentication()

    # unasync: remove-start
    def _defer_auth_check(self) -> None:
        # A constructor cannot await: the async client checks at ``__aenter__`` (the generated
        # sync client calls ``test_authentication()`` right in its constructor instead).
        self._auth_check_pending = True

    # unasync: remove-end
    async def __aenter__(self) -> AsyncClient:
        if self._auth_check_pending:
            self._auth_check_pending = False
            await self.test_authentication()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        scope = self._options.scope
        return (
            f"{type(self).__name__}(site_url={self.site_url!r}, "
            f"auth={type(self._options.credentials).__name__}, "
            f"project_id={scope.project_id!r}, environment={scope.environment!r})"
        )


def _retry_policy(
    retries: int | RetryPolicy | None,
    base: float | None,
    cap: float | None,
    deadline: float | None,
) -> RetryPolicy | None:
    """The `RetryPolicy` given as `retries`, or None (built from the merged config instead)."""
    if isinstance(retries, bool) or not isinstance(retries, (int, RetryPolicy, type(None))):
        raise ConfigurationError("retries must be an int (retries) or a RetryPolicy")
    if not isinstance(retries, RetryPolicy):
        return None
    if base is not None or cap is not None or deadline is not None:
        raise ConfigurationError(
            "pass retries as a RetryPolicy or the retry_backoff_base, retry_backoff_cap and "
            "retry_deadline options, not both"
        )
    return retries
