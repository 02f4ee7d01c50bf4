"""Client options: merge explicit arguments over a `Config`, normalize and validate them.

Credentials are plain values here (`StaticToken`, `UniversalAuth`); the provider chain will produce
the same types, so the clients do not change when it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from infisical_kit._core.scope import Scope
from infisical_kit._version import __version__
from infisical_kit.config import Config
from infisical_kit.errors import ConfigurationError

__all__ = [
    "ClientOptions",
    "Credentials",
    "StaticToken",
    "UniversalAuth",
    "build_user_agent",
    "normalize_site_url",
    "resolve_options",
]


@dataclass(frozen=True)
class StaticToken:
    """Use this access token as is (identity token, service token or user JWT)."""

    token: str = field(repr=False)


@dataclass(frozen=True)
class UniversalAuth:
    """Log in with a machine identity's universal-auth client id and secret."""

    client_id: str
    client_secret: str = field(repr=False)


Credentials = StaticToken | UniversalAuth


@dataclass(frozen=True)
class ClientOptions:
    """Everything a client needs, resolved and validated."""

    site_url: str
    credentials: Credentials
    scope: Scope
    timeout: float
    verify: bool | str
    user_agent: str


def normalize_site_url(url: str) -> str:
    """``https://host/api/`` -> ``https://host``; raise `ConfigurationError` if not http(s)."""
    url = url.strip().rstrip("/")
    if url.endswith("/api"):
        url = url[: -len("/api")].rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(f"site_url must be an http(s) URL, got {url!r}")
    return url


def build_user_agent(custom: str | None = None) -> str:
    """``[custom ]infisical-kit/<version> python-httpx/<version>``."""
    ours = f"infisical-kit/{__version__} python-httpx/{httpx.__version__}"
    return f"{custom.strip()} {ours}" if custom and custom.strip() else ours


def resolve_options(
    config: Config | None = None,
    *,
    site_url: str | None = None,
    token: str | None = None,
    client_id: str | None = None,
    client_secret: str | None = None,
    project_id: str | None = None,
    environment: str | None = None,
    secret_path: str | None = None,
    timeout: float | None = None,
    verify: bool | str | None = None,
    user_agent: str | None = None,
    credentials: Credentials | None = None,
) -> ClientOptions:
    """Explicit arguments (not ``None``) over `config` over built-in defaults.

    Without `config` nothing is read from the environment (use ``from_env()`` for that).
    `credentials`, when given (resolved by the provider chain), replaces the auth arguments.
    """
    base = config if config is not None else Config.model_construct()
    cfg_token = base.token.get_secret_value() if base.token is not None else None
    cfg_secret = base.client_secret.get_secret_value() if base.client_secret is not None else None

    explicit_ua = client_id is not None or client_secret is not None
    if credentials is not None:
        pass
    elif token is not None:
        credentials = StaticToken(token)
    elif explicit_ua:
        credentials = _universal(client_id or base.client_id, client_secret or cfg_secret)
    elif cfg_token:
        credentials = StaticToken(cfg_token)
    elif base.client_id or cfg_secret:
        credentials = _universal(base.client_id, cfg_secret)
    else:
        raise ConfigurationError(
            "no credentials: pass token=..., or client_id=... and client_secret=..., "
            "or set INFISICAL_TOKEN / INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and _SECRET"
        )
    resolved_timeout = timeout if timeout is not None else base.timeout
    if resolved_timeout is not None and resolved_timeout <= 0:
        raise ConfigurationError("timeout must be a positive number of seconds")
    return ClientOptions(
        site_url=normalize_site_url(site_url if site_url is not None else base.site_url),
        credentials=credentials,
        scope=Scope(
            project_id=project_id if project_id is not None else base.project_id,
            environment=environment if environment is not None else base.environment,
            secret_path=secret_path if secret_path is not None else base.secret_path,
        ),
        timeout=resolved_timeout,
        verify=verify if verify is not None else base.verify,
        user_agent=build_user_agent(user_agent if user_agent is not None else base.user_agent),
    )


def _universal(client_id: str | None, client_secret: str | None) -> UniversalAuth:
    missing = [n for n, v in (("client_id", client_id), ("client_secret", client_secret)) if not v]
    if missing:
        raise ConfigurationError(
            "universal auth needs both client_id and client_secret; missing: " + ", ".join(missing)
        )
    assert client_id is not None and client_secret is not None
    return UniversalAuth(client_id, client_secret)
