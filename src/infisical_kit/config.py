"""Client configuration: `Config`, read from arguments and the environment.

Environment variables are read when a `Config` is constructed, never at import. Explicit arguments
always beat the environment. One table, `SETTINGS`, maps each setting to its environment variables
(first one set wins) and its default; the code and the docs both read it.

Profile files and the credential-provider chain will slot in as further sources behind the
environment (see DESIGN.md); `Config` is the merged result they produce.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pydantic import SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

__all__ = ["DEFAULT_SITE_URL", "DEFAULT_TIMEOUT", "SETTINGS", "Config"]

DEFAULT_SITE_URL = "https://app.infisical.com"
DEFAULT_TIMEOUT = 90.0

#: setting -> environment variables, in priority order (first one set and non-empty wins)
SETTINGS: dict[str, tuple[str, ...]] = {
    "site_url": ("INFISICAL_DOMAIN", "INFISICAL_API_URL", "INFISICAL_URL", "INFISICAL_SITE_URL"),
    "token": ("INFISICAL_TOKEN",),
    "client_id": ("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "INFISICAL_CLIENT_ID"),
    "client_secret": ("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", "INFISICAL_CLIENT_SECRET"),
    "project_id": ("INFISICAL_PROJECT_ID",),
    "environment": ("INFISICAL_ENVIRONMENT",),
    "secret_path": ("INFISICAL_SECRET_PATH",),
    "timeout": ("INFISICAL_TIMEOUT",),
    "verify": ("INFISICAL_VERIFY",),
    "user_agent": ("INFISICAL_USER_AGENT",),
}

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


def env_values(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Return the settings found in `environ` (default ``os.environ``), keyed by setting name."""
    env = os.environ if environ is None else environ
    found: dict[str, str] = {}
    for setting, names in SETTINGS.items():
        for name in names:
            value = env.get(name)
            if value:
                found[setting] = value
                break
    return found


class _EnvironmentSource(PydanticBaseSettingsSource):
    """Reads exactly the variables in `SETTINGS` (no bare field names like ``TIMEOUT``)."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return env_values().get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(env_values())


class Config(BaseSettings):
    """Settings for `Client`/`AsyncClient`: explicit arguments first, then the environment.

    **Fields:** `site_url`, `token`, `client_id`, `client_secret`, `project_id`, `environment`,
    `secret_path`, `timeout` (seconds), `verify` (bool or a CA bundle path), `user_agent`.
    `token` and `client_secret` are `SecretStr`; their values never appear in a ``repr``.
    """

    model_config = SettingsConfigDict(extra="forbid", frozen=True)

    site_url: str = DEFAULT_SITE_URL
    token: SecretStr | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    project_id: str | None = None
    environment: str | None = None
    secret_path: str = "/"
    timeout: float = DEFAULT_TIMEOUT
    verify: bool | str = True
    user_agent: str | None = None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Arguments, then the `SETTINGS` environment variables (profiles will come next)."""
        return (init_settings, _EnvironmentSource(settings_cls))

    @field_validator("verify", mode="before")
    @classmethod
    def _parse_verify(cls, value: Any) -> Any:
        # "true"/"false"/"0"/"1"... are flags; any other string is a CA bundle path.
        if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
            return _BOOL_WORDS[value.strip().lower()]
        return value

    def merged(self, **overrides: Any) -> Config:
        """Return a copy with every override that is not ``None`` applied (explicit wins)."""
        data = {k: v for k, v in overrides.items() if v is not None}
        if not data:
            return self
        return type(self)(**{**self.model_dump(), **data})
