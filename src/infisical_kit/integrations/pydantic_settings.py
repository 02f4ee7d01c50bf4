"""A pydantic-settings source that loads `BaseSettings` fields from Infisical.

::

    from pydantic_settings import BaseSettings, SettingsConfigDict
    from infisical_kit.integrations.pydantic_settings import InfisicalBaseSettings

    class Settings(InfisicalBaseSettings):
        model_config = SettingsConfigDict(
            infisical_project_id="...", infisical_environment="prod", infisical_path="/api",
        )
        database_url: str              # secret DATABASE_URL (case-insensitive)
        api_key: str = Field(alias="STRIPE_KEY")

Precedence of `InfisicalBaseSettings`: init arguments > environment variables > Infisical >
dotenv file > secrets directory > field defaults. For another order, return the sources you
want from ``settings_customise_sources`` with ``InfisicalSettingsSource(settings_cls, ...)``
among them.

Scope: the ``client=``/``project_id=``/``environment=``/``secret_path=`` arguments of the
source, else the model_config keys ``infisical_project_id``, ``infisical_environment``,
``infisical_path`` (and ``infisical_profile``), else the client's own default (the
``INFISICAL_*`` environment, profile files, ``.infisical.json``). Without a client, one is
built with `Config` (the SDK's full configuration and credential chain) and closed after
loading. Secrets are read once per settings instantiation; errors (unreachable server, bad
credentials) propagate as `InfisicalError`, so a misconfigured service fails at start-up.
"""

from __future__ import annotations

from typing import Any

from pydantic import AliasChoices, AliasPath
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from infisical_kit._sync import Client
from infisical_kit.config import Config

__all__ = ["InfisicalBaseSettings", "InfisicalSettingsSource"]


def _candidates(field_name: str, field: FieldInfo) -> list[str]:
    """Secret keys a field answers to: its aliases (validation aliases first), then its name."""
    names: list[str] = []
    alias = field.validation_alias
    choices = alias.choices if isinstance(alias, AliasChoices) else [alias]
    for choice in choices:
        if isinstance(choice, str):
            names.append(choice)
        elif isinstance(choice, AliasPath) and isinstance(choice.path[0], str):
            names.append(choice.path[0])
    if field.alias:
        names.append(field.alias)
    names.append(field_name)
    return list(dict.fromkeys(names))


class InfisicalSettingsSource(PydanticBaseSettingsSource):
    """Values of a settings class's fields from the secrets of one Infisical folder.

    A field matches the secret named like its alias or its name, case-insensitively unless
    the model_config says ``case_sensitive=True``. List/dict fields are JSON-decoded as
    pydantic-settings does for environment variables.
    """

    def __init__(
        self,
        settings_cls: type[BaseSettings],
        client: Client | None = None,
        *,
        project_id: str | None = None,
        environment: str | None = None,
        secret_path: str | None = None,
        include_imports: bool = True,
    ) -> None:
        super().__init__(settings_cls)
        config: dict[str, Any] = dict(settings_cls.model_config)
        self._client = client
        self._scope: dict[str, Any] = {
            "project_id": project_id or config.get("infisical_project_id"),
            "environment": environment or config.get("infisical_environment"),
            "secret_path": secret_path or config.get("infisical_path"),
        }
        self._profile: str | None = config.get("infisical_profile")
        self._include_imports = include_imports
        self._case_sensitive = bool(config.get("case_sensitive", False))
        self._secrets: dict[str, str] | None = None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(settings={self.settings_cls.__name__}, scope={self._scope!r})"
        )

    def _load(self) -> dict[str, str]:
        if self._secrets is None:
            if self._client is not None:
                found = self._client.secrets.list(
                    include_imports=self._include_imports, **self._scope
                )
            else:
                config = Config(profile=self._profile) if self._profile else Config()
                with Client(config=config, cache_ttl=0, **self._scope) as client:
                    found = client.secrets.list(include_imports=self._include_imports)
            self._secrets = {self._key(s.key): s.value for s in found}
        return self._secrets

    def _key(self, name: str) -> str:
        return name if self._case_sensitive else name.lower()

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        """``(value, matched key, is_complex)``; value None when no secret matches."""
        secrets = self._load()
        for name in _candidates(field_name, field):
            if self._key(name) in secrets:
                return secrets[self._key(name)], name, self.field_is_complex(field)
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        """The values found, keyed as pydantic expects (alias when the field has one)."""
        data: dict[str, Any] = {}
        for field_name, field in self.settings_cls.model_fields.items():
            value, key, is_complex = self.get_field_value(field, field_name)
            if value is None:
                continue
            value = self.prepare_field_value(field_name, field, value, is_complex)
            has_alias = field.alias is not None or field.validation_alias is not None
            data[key if has_alias else field_name] = value
        return data


class InfisicalBaseSettings(BaseSettings):
    """`BaseSettings` whose fields also load from Infisical (scope in ``model_config``).

    Order: init arguments > environment > Infisical > dotenv > secrets dir > defaults.
    """

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Insert `InfisicalSettingsSource` between the environment and the dotenv file."""
        return (
            init_settings,
            env_settings,
            InfisicalSettingsSource(settings_cls),
            dotenv_settings,
            file_secret_settings,
        )
