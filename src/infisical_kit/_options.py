"""`ClientOptions`: the one merge of a client's settings and its credential.

The client builds a `Config` (explicit arguments over the environment, the profile, the
project file and the defaults), resolves its `CredentialChain` to one `Credentials`, and
`resolve_options` turns the two into the `ClientOptions` every part is built from. Nothing
downstream reads a `Config` or re-derives the login method.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

import httpx
from pydantic import SecretStr

from infisical_kit._core.cache import CachePolicy, identity_hash
from infisical_kit._core.retry import RetryPolicy
from infisical_kit._core.scope import Scope
from infisical_kit._core.settings_table import normalize_site_url
from infisical_kit._tls import pem_from_environment
from infisical_kit._version import __version__
from infisical_kit.errors import ConfigurationError

if TYPE_CHECKING:  # the client imports them when it is built (import time, `make bench` row 1)
    from infisical_kit.config import Config
    from infisical_kit.credentials import Credentials

__all__ = [
    "ClientOptions",
    "build_user_agent",
    "resolve_options",
    "retry_override",
]


@dataclass(frozen=True)
class ClientOptions:
    """Everything a client needs, resolved and validated (`pem`: legacy PEM roots)."""

    site_url: str
    credentials: Credentials
    scope: Scope
    timeout: float
    verify: bool | str
    user_agent: str
    cert: str | tuple[str, str] | None = None
    proxy: str | None = None
    pem: str | None = field(default=None, repr=False)
    echo: bool = False
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    cache: CachePolicy = field(default_factory=CachePolicy)
    test_if_authenticated: bool = False

    @property
    def identity(self) -> str:
        """Who is asking, as a one-way hash (server + credential): the cache keys' identity."""
        parts: list[str] = [self.credentials.kind]
        for item in fields(self.credentials):
            if item.name in ("kind", "source", "site_url"):
                continue
            value = getattr(self.credentials, item.name)
            if isinstance(value, SecretStr):
                value = value.get_secret_value()
            parts.append(f"{item.name}={'' if value is None else value}")
        return identity_hash(self.site_url, *parts)


def resolve_options(
    config: Config, credentials: Credentials, *, retry: RetryPolicy | None = None
) -> ClientOptions:
    """The options of a client built from `config` with `credentials` (from its chain).

    The site is the configured one; when none was configured, the one the credential's login
    session belongs to (``infisical-kit login``, the Infisical CLI), else the default.
    `retry` replaces the retry settings of `config` (a whole `RetryPolicy` was passed).
    """
    site_url = config.site_url
    if "site_url" not in config.model_fields_set and credentials.site_url is not None:
        site_url = credentials.site_url
    return ClientOptions(
        site_url=normalize_site_url(site_url),
        credentials=credentials,
        scope=Scope(config.project_id, config.environment, config.secret_path),
        timeout=config.timeout,
        verify=config.verify,
        user_agent=build_user_agent(config.user_agent),
        cert=config.cert,
        proxy=config.proxy,
        pem=pem_from_environment(os.environ if config.reads_environment else None),
        echo=config.echo,
        retry=retry
        or RetryPolicy(
            max_attempts=config.retries + 1,
            backoff_base=config.retry_backoff_base,
            backoff_cap=config.retry_backoff_cap,
            deadline=config.retry_deadline,
        ),
        cache=CachePolicy(
            config.cache_ttl,
            config.cache_stale_if_error,
            config.cache_max_entries,
            config.cache_sliding,
        ),
        test_if_authenticated=config.test_if_authenticated,
    )


def retry_override(
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


def build_user_agent(custom: str | None = None) -> str:
    """``[custom ]infisical-kit/<version> python-httpx/<version>``."""
    ours = f"infisical-kit/{__version__} python-httpx/{httpx.__version__}"
    return f"{custom.strip()} {ours}" if custom and custom.strip() else ours
