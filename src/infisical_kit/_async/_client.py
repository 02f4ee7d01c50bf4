"""`AsyncClient`: configuration, authentication and the request path shared by every namespace."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Imported when a client is built, not with the class, so that
    # ``from infisical_kit import AsyncClient`` costs almost nothing (``make bench``, row 1):
    # httpx, pydantic, the namespaces, the configuration (pydantic-settings) and the
    # credential providers (cryptography) load on the first construction.
    import httpx

    from infisical_kit._async._auth import AsyncAuth
    from infisical_kit._async._dynamic_secrets import AsyncDynamicSecrets
    from infisical_kit._async._environments import AsyncEnvironments
    from infisical_kit._async._folders import AsyncFolders
    from infisical_kit._async._identities import AsyncIdentities
    from infisical_kit._async._imports import AsyncImports
    from infisical_kit._async._kms import AsyncKMS
    from infisical_kit._async._projects import AsyncProjects
    from infisical_kit._async._requester import AsyncRequester
    from infisical_kit._async._secrets import AsyncSecrets
    from infisical_kit._async._tags import AsyncTags
    from infisical_kit._core.retry import RetryPolicy
    from infisical_kit._core.scope import Scope
    from infisical_kit._options import ClientOptions
    from infisical_kit.config import Config
    from infisical_kit.credentials import CredentialChain, CredentialProvider

__all__ = ["AsyncClient"]


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
      explicit arguments (default chain: explicit, environment, profile, cli-session,
      infisical-cli, kubernetes, aws-iam, gcp-id-token, gcp-iam, azure, oidc-auth, jwt-auth,
      less the sources the config did not read; see docs/authentication.md). Credentials
      are resolved at construction (no network); `credential_chain` is re-resolved when
      the client must log in again.
    * `test_if_authenticated` - check the credentials with one request up front (default: the
      config's setting, else False). The sync client checks in its constructor; the async one,
      which cannot do I/O there, checks when it is entered as a context manager.

    **Namespaces** (attributes; each call's scope arguments default to the client's):

    * `secrets` - list, get, create, update, delete, batch operations, ``load_into_environ``.
    * `folders` - the folders of an environment.
    * `imports` - secret imports (another folder's secrets seen in this one).
    * `projects` - projects; ``projects.members`` (users) and ``projects.identities``
      (machine identities) of a project.
    * `environments` - a project's environments.
    * `tags` - a project's tags.
    * `kms` - KMS keys: encrypt/decrypt, sign/verify.
    * `dynamic_secrets` - dynamic secrets; ``dynamic_secrets.leases`` their credentials.
    * `identities` - machine identities of the organization; ``identities.universal_auth``.
    * `auth` - the client's token: ``login()``, ``renew()``, ``revoke()``, ``authorize()``.

    `http_client` is the underlying `httpx.AsyncClient` (event hooks, mounts,
    docs/transport.md). Use the client as a context manager, or call `aclose`; a closed
    client raises `ClientClosedError`.
    """

    credential_chain: CredentialChain
    secrets: AsyncSecrets
    folders: AsyncFolders
    imports: AsyncImports
    projects: AsyncProjects
    environments: AsyncEnvironments
    tags: AsyncTags
    kms: AsyncKMS
    dynamic_secrets: AsyncDynamicSecrets
    identities: AsyncIdentities
    auth: AsyncAuth
    _options: ClientOptions
    _requester: AsyncRequester

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
        import httpx

        from infisical_kit._async._auth import AsyncAuth
        from infisical_kit._async._cache import AsyncReadCache
        from infisical_kit._async._dynamic_secrets import AsyncDynamicSecrets
        from infisical_kit._async._environments import AsyncEnvironments
        from infisical_kit._async._folders import AsyncFolders
        from infisical_kit._async._identities import AsyncIdentities
        from infisical_kit._async._imports import AsyncImports
        from infisical_kit._async._kms import AsyncKMS
        from infisical_kit._async._projects import AsyncProjects
        from infisical_kit._async._requester import AsyncRequester
        from infisical_kit._async._secrets import AsyncSecrets
        from infisical_kit._async._tags import AsyncTags
        from infisical_kit._async._token_manager import AsyncTokenManager
        from infisical_kit._async._transport import AsyncHTTPDriver
        from infisical_kit._options import resolve_options, retry_override
        from infisical_kit.config import Config
        from infisical_kit.credentials import CredentialChain

        retry = retry_override(retries, retry_backoff_base, retry_backoff_cap, retry_deadline)
        config = Config.for_client(
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
            retries=retries if retry is None else None,
            retry_backoff_base=retry_backoff_base,
            retry_backoff_cap=retry_backoff_cap,
            retry_deadline=retry_deadline,
            cache_ttl=cache_ttl,
            cache_stale_if_error=cache_stale_if_error,
            cache_max_entries=cache_max_entries,
            test_if_authenticated=test_if_authenticated,
            cache_sliding=cache_sliding,
        )
        if not isinstance(credentials, CredentialChain):
            chain = CredentialChain.default(config)
            if credentials is not None:
                chain.insert_after("explicit", credentials)
            credentials = chain
        #: The credential providers; re-resolved when the client must log in again.
        self.credential_chain = credentials
        self._options = options = resolve_options(config, credentials.resolve(), retry=retry)
        driver = AsyncHTTPDriver(
            options,
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else None,
            proxy=proxy,
        )
        tokens = AsyncTokenManager(options.credentials, driver, resolver=credentials.resolve)
        cache = AsyncReadCache(options.cache, options.identity)
        self._requester = requester = AsyncRequester(driver, tokens, cache)
        #: Secrets in the default scope, or in the scope each call names.
        self.secrets = AsyncSecrets(requester, options.scope)
        #: Folders, secret imports, projects, environments, tags and KMS keys.
        self.folders = AsyncFolders(requester, options.scope)
        self.imports = AsyncImports(requester, options.scope)
        self.projects = AsyncProjects(requester, options.scope)
        self.environments = AsyncEnvironments(requester, options.scope)
        self.tags = AsyncTags(requester, options.scope)
        self.kms = AsyncKMS(requester, options.scope)
        #: Dynamic secrets and (``.leases``) the short-lived credentials they make.
        self.dynamic_secrets = AsyncDynamicSecrets(requester, options.scope)
        #: Machine identities of the organization and their universal auth.
        self.identities = AsyncIdentities(requester, options.scope)
        #: Token control: ``login()``, ``renew()``, ``revoke()``, ``authorize()``, ...
        self.auth = AsyncAuth(requester, options.scope)
        # `test_if_authenticated`: the sync client checks right here; the async client's
        # constructor cannot do I/O, so it checks when the client is entered instead.
        self._auth_check_pending = options.test_if_authenticated
        # unasync: sync-only-start
        # self._check_pending_authentication()
        # unasync: sync-only-end

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
        from infisical_kit.config import Config

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
        from infisical_kit.config import Config

        config = Config(profile=profile, config_file=config_file, credentials_file=credentials_file)
        return cls(config=config, transport=transport)

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

    @property
    def http_client(self) -> httpx.AsyncClient:
        """The underlying `httpx.AsyncClient` (one pooled connection set per client).

        For what the client's own options do not cover: request and response event hooks
        (``http_client.event_hooks["response"].append(hook)``), mounts, extra headers. Every
        request of the client goes through it, with retries and the ``Authorization`` header
        added by the client; closing the client closes it (docs/transport.md).
        """
        return self._requester.driver.http

    async def aclose(self) -> None:
        """Close the connection pool and drop the cache; the client cannot be used afterwards."""
        await self._requester.aclose()

    async def test_authentication(self) -> None:
        """Raise `AuthenticationError` unless the credentials work (`auth.test_authentication`)."""
        await self.auth.test_authentication()

    async def _check_pending_authentication(self) -> None:
        """Run the check `test_if_authenticated` asked for, once."""
        if self._auth_check_pending:
            self._auth_check_pending = False
            await self.test_authentication()

    async def __aenter__(self) -> AsyncClient:
        await self._check_pending_authentication()
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
            f"auth={self._options.credentials.kind!r}, "
            f"project_id={scope.project_id!r}, environment={scope.environment!r})"
        )
