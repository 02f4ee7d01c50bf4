"""Client configuration: `Config`, merged from arguments, the environment, a profile and a project.

Precedence, per setting: explicit arguments > environment > profile file > ``.infisical.json``
(scope only) > defaults. The credential (token | client id + secret | username + password) is
taken as a whole from the first of explicit / environment / profile that has one, so values from
two sources are never mixed. Every source is read when a `Config` is built, never at import.

One table, `infisical_kit._core.settings_table.SETTINGS`, maps each setting to its environment
variables, its profile key and its default; `Config`'s fields, the readers and
``docs/configuration.md`` all come from it. Every problem found (bad URL, conflicting or partial
credentials, negative timeout, missing profile, credentials file not 0600, unknown profile keys,
wrong types) is reported at once in one `InvalidConfigError`, never echoing a secret.

Profile files use ``[profiles.<name>]`` sections::

    # ~/.config/infisical-kit/config.toml      (or INFISICAL_CONFIG_FILE)
    [profiles.staging]
    site_url = "https://infisical.example.com"
    client_id = "..."
    project_id = "..."
    environment = "staging"

    # ~/.config/infisical-kit/credentials.toml (chmod 600; or INFISICAL_CREDENTIALS_FILE)
    [profiles.staging]
    client_secret = "..."
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydantic
from pydantic import Field, PrivateAttr, SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from infisical_kit._config_files import load_profile, load_project
from infisical_kit._core.settings_table import (
    AUTH_FIELDS,
    DEFAULT_SITE_URL,
    SETTINGS,
    AuthMethod,
    check_values,
    env_spelling,
    normalize_method,
    select_auth,
)
from infisical_kit._core.settings_table import env_values as _table_env_values
from infisical_kit.errors import ConfigurationError

__all__ = [
    "DEFAULT_SITE_URL",
    "DEFAULT_TIMEOUT",
    "SETTINGS",
    "Config",
    "InvalidConfigError",
    "env_values",
]

DEFAULT_TIMEOUT = 90.0
_DEFAULTS = {s.name: s.default for s in SETTINGS}
_DOCS = {s.name: s.doc for s in SETTINGS}

_BOOL_WORDS = {
    "true": True,
    "1": True,
    "yes": True,
    "on": True,
    "false": False,
    "0": False,
    "no": False,
    "off": False,
}

#: Where a setting came from, in precedence order.
EXPLICIT, ENVIRONMENT, PROFILE, PROJECT = "explicit arguments", "environment", "profile", "project"


class InvalidConfigError(ConfigurationError):
    """The configuration has problems; `problems` lists every one (no secret is ever echoed)."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: list[str] = list(problems)
        count = len(self.problems)
        heading = "invalid configuration" + (f" ({count} problems)" if count > 1 else "")
        super().__init__(heading + ":\n  - " + "\n  - ".join(self.problems))


def env_values(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The settings found in `environ` (default ``os.environ``), keyed by setting name."""
    return _table_env_values(os.environ if environ is None else environ)


@dataclass
class _Build:
    """Per-construction state shared between `Config.__init__` and its source."""

    use_env: bool = True
    use_files: bool = True
    problems: list[str] = field(default_factory=list)
    auth_source: str | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def env_spelled(self) -> dict[str, str]:
        """Setting -> its variable, for the settings read from the environment (so that a
        message names what the user set: ``INFISICAL_TIMEOUT``, not ``timeout``)."""
        spelling = env_spelling(os.environ)
        return {k: spelling[k] for k, label in self.sources.items() if label == ENVIRONMENT}


_BUILD: ContextVar[_Build | None] = ContextVar("infisical_kit_config_build", default=None)


class _LayeredSource(PydanticBaseSettingsSource):
    """Merges explicit > environment > profile > project file, the credential as a whole."""

    def __init__(self, settings_cls: type[BaseSettings], init_kwargs: Mapping[str, Any]) -> None:
        super().__init__(settings_cls)
        self._explicit = {k: v for k, v in init_kwargs.items() if v is not None}

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        build = _BUILD.get() or _Build()
        explicit = self._explicit
        known = {setting.name for setting in SETTINGS}
        build.problems += [f"unknown option {name!r}" for name in explicit if name not in known]
        env: dict[str, Any] = env_values() if build.use_env else {}

        def meta(name: str) -> Any:
            return explicit.get(name, env.get(name))

        profile: dict[str, Any] = {}
        project: dict[str, Any] = {}
        if build.use_files:
            profile, problems = load_profile(
                meta("profile"), meta("config_file"), meta("credentials_file")
            )
            build.problems += problems
            project, problems = load_project(Path.cwd())
            build.problems += problems
        layers = ((EXPLICIT, explicit), (ENVIRONMENT, env), (PROFILE, profile), (PROJECT, project))
        merged: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.name in AUTH_FIELDS:
                continue
            for label, layer in layers:
                if layer.get(setting.name) is not None:
                    merged[setting.name] = layer[setting.name]
                    build.sources[setting.name] = label
                    break
        for label, layer in layers[:3]:
            if any(layer.get(name) for name in AUTH_FIELDS):
                chosen, problems = select_auth(
                    {**layer, "auth_method": layer.get("auth_method")},
                    label,
                    prefer_token=label == ENVIRONMENT,
                    spelled=env_spelling(os.environ) if label == ENVIRONMENT else None,
                )
                build.problems += problems
                if chosen is not None:
                    merged.update({k: v for k, v in chosen.items() if k != "kind"})
                    build.sources.update({k: label for k in chosen if k != "kind"})
                    build.auth_source = label
                break
        build.problems += check_values(merged, build.env_spelled())
        return merged


def _field(name: str) -> Any:
    return Field(default=_DEFAULTS[name], description=_DOCS[name])


class Config(BaseSettings):
    """Every client setting; ``Config()`` reads the environment, the profile and the project.

    Fields (see docs/configuration.md, generated from the settings table): `site_url`;
    credentials `token`, `client_id` + `client_secret`, `username` + `password` (+
    `organization_id`), `identity_id` + `kubernetes_token_path`, `jwt`, `jwt_file`,
    `ldap_username` + `ldap_password`, `gcp_key_file`, `auth_method`; default scope
    `project_id`, `environment`, `secret_path`; transport `timeout`, `verify`, `cert`, `proxy`,
    `user_agent`, `echo`; cache `cache_ttl`, `cache_stale_if_error`, `cache_max_entries`,
    `cache_sliding`;
    retries `retries`, `retry_backoff_base`, `retry_backoff_cap`, `retry_deadline` (the same
    names as the client's arguments); `test_if_authenticated`;
    and where to look: `profile`, `config_file`, `credentials_file`. Secrets are `SecretStr`.
    `Config.from_env()` reads only the environment; `Config.explicit()` reads nothing.
    """

    model_config = SettingsConfigDict(extra="forbid", frozen=True)

    site_url: str = _field("site_url")
    auth_method: AuthMethod | None = _field("auth_method")
    token: SecretStr | None = _field("token")
    client_id: str | None = _field("client_id")
    client_secret: SecretStr | None = _field("client_secret")
    username: str | None = _field("username")
    password: SecretStr | None = _field("password")
    organization_id: str | None = _field("organization_id")
    identity_id: str | None = _field("identity_id")
    kubernetes_token_path: str = _field("kubernetes_token_path")
    jwt: SecretStr | None = _field("jwt")
    jwt_file: str | None = _field("jwt_file")
    ldap_username: str | None = _field("ldap_username")
    ldap_password: SecretStr | None = _field("ldap_password")
    gcp_key_file: str | None = _field("gcp_key_file")
    project_id: str | None = _field("project_id")
    environment: str | None = _field("environment")
    secret_path: str = _field("secret_path")
    timeout: float = _field("timeout")
    verify: bool | str = _field("verify")
    cert: str | tuple[str, str] | None = _field("cert")
    proxy: str | None = _field("proxy")
    user_agent: str | None = _field("user_agent")
    echo: bool = _field("echo")
    cache_ttl: float = _field("cache_ttl")
    cache_stale_if_error: float = _field("cache_stale_if_error")
    cache_max_entries: int = _field("cache_max_entries")
    cache_sliding: bool = _field("cache_sliding")
    retries: int = _field("retries")
    retry_backoff_base: float = _field("retry_backoff_base")
    retry_backoff_cap: float = _field("retry_backoff_cap")
    retry_deadline: float = _field("retry_deadline")
    test_if_authenticated: bool = _field("test_if_authenticated")
    profile: str | None = _field("profile")
    config_file: str | None = _field("config_file")
    credentials_file: str | None = _field("credentials_file")

    _auth_source: str | None = PrivateAttr(default=None)
    _sources: dict[str, str] = PrivateAttr(default_factory=dict)
    _sources_read: tuple[bool, bool] = PrivateAttr(default=(True, True))

    def __init__(self, **values: Any) -> None:
        build = _BUILD.get() or _Build()
        token = _BUILD.set(build)
        try:
            super().__init__(**values)
        except pydantic.ValidationError as exc:
            spelled = build.env_spelled()
            errors = exc.errors(include_input=False)
            build.problems += [_describe(error, spelled) for error in errors]
        finally:
            _BUILD.reset(token)
        if build.problems:
            raise InvalidConfigError(build.problems)
        self._auth_source = build.auth_source
        self._sources = build.sources
        self._sources_read = (build.use_env, build.use_files)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """One source that applies the precedence rules (see the module docstring)."""
        init_kwargs: Mapping[str, Any] = getattr(init_settings, "init_kwargs", {})
        return (_LayeredSource(settings_cls, init_kwargs),)

    @classmethod
    def from_env(cls, **values: Any) -> Config:
        """Explicit `values` over the environment; no profile or project file is read."""
        with _reading(use_env=True, use_files=False):
            return cls(**values)

    @classmethod
    def explicit(cls, **values: Any) -> Config:
        """Only `values` and the defaults; nothing is read from the environment or files."""
        with _reading(use_env=False, use_files=False):
            return cls(**values)

    @classmethod
    def for_client(cls, config: Config | None, profile: str | None, **explicit: Any) -> Config:
        """The config a client uses: `explicit` arguments over `config`; else over every
        source (environment > `profile` or ``INFISICAL_PROFILE`` or ``default`` > project
        file > defaults), as a bare ``Client()`` does."""
        if config is not None and profile is not None:
            raise InvalidConfigError(["pass either config or profile, not both"])
        if config is not None:
            return config.merged(**explicit)
        values = {k: v for k, v in explicit.items() if v is not None}
        return cls(profile=profile, **values) if profile is not None else cls(**values)

    @property
    def auth_source(self) -> str | None:
        """Where the credential came from: explicit arguments, environment, profile, or None."""
        return self._auth_source

    @property
    def reads_environment(self) -> bool:
        """True if this config was built reading the environment."""
        return self._sources_read[0]

    @property
    def reads_files(self) -> bool:
        """True if this config was built reading the profile and project files."""
        return self._sources_read[1]

    def source_of(self, name: str) -> str | None:
        """Where setting `name` came from: explicit arguments, environment, profile, project,
        or None (its default). Providers read the environment again at every login, so they
        are given only the values that did not come from it."""
        return self._sources.get(name)

    @field_validator("auth_method", mode="before")
    @classmethod
    def _parse_auth_method(cls, value: Any) -> Any:
        return normalize_method(value)  # the Infisical CLI's "aws-iam" is our "aws_iam"

    @field_validator("verify", mode="before")
    @classmethod
    def _parse_verify(cls, value: Any) -> Any:
        # "true"/"false"/"0"/"1"... are flags; any other string is a CA bundle path.
        if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
            return _BOOL_WORDS[value.strip().lower()]
        return value

    def merged(self, **overrides: Any) -> Config:
        """A copy with every override that is not ``None`` applied (explicit wins).

        Overriding any credential field replaces the whole credential (never mixes two).
        """
        data = {k: v for k, v in overrides.items() if v is not None}
        if not data:
            return self
        base = {k: v for k, v in self.model_dump().items() if v is not None}
        new_auth = any(name in data for name in AUTH_FIELDS)
        if new_auth:
            base = {k: v for k, v in base.items() if k not in AUTH_FIELDS}
        with _reading(use_env=False, use_files=False):
            result = type(self)(**{**base, **data})
        result._auth_source = EXPLICIT if new_auth else self._auth_source
        result._sources = {
            **{k: v for k, v in self._sources.items() if k in result.model_fields_set},
            **dict.fromkeys(data, EXPLICIT),
        }
        result._sources_read = self._sources_read
        return result


@contextmanager
def _reading(*, use_env: bool, use_files: bool) -> Iterator[None]:
    token = _BUILD.set(_Build(use_env=use_env, use_files=use_files))
    try:
        yield
    finally:
        _BUILD.reset(token)


def _describe(error: Any, spelled: Mapping[str, str]) -> str:
    loc = tuple(str(part) for part in error.get("loc", ()))
    location = spelled.get(loc[0], loc[0]) if len(loc) == 1 else ".".join(loc) or "config"
    if error.get("type") == "extra_forbidden":
        return f"unknown option {location!r}"
    return f"{location}: {error.get('msg', 'invalid value')}"
