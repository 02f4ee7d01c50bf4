"""A pydantic-settings source that loads `BaseSettings` fields from Infisical.

::

    from pydantic import Field
    from infisical_kit.integrations.pydantic_settings import (
        InfisicalBaseSettings, InfisicalSettingsConfigDict,
    )

    class Settings(InfisicalBaseSettings):
        model_config = InfisicalSettingsConfigDict(
            infisical_project_id="...", infisical_environment="prod", infisical_path="/api",
        )
        database_url: str              # secret DATABASE_URL (case-insensitive)
        api_key: str = Field(alias="STRIPE_KEY")

`InfisicalSettingsConfigDict` is pydantic-settings' `SettingsConfigDict` plus the
``infisical_*`` keys, so the class passes ``mypy --strict``.

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

A required field that no source set fails, as in pydantic-settings, with a
`pydantic.ValidationError` "Field required"; with `InfisicalBaseSettings`, its message also
names Infisical, the secret key looked for and the scope looked in.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from pydantic import AliasChoices, AliasPath, ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from infisical_kit._sync import Client
from infisical_kit.config import Config

__all__ = ["InfisicalBaseSettings", "InfisicalSettingsConfigDict", "InfisicalSettingsSource"]


class InfisicalSettingsConfigDict(SettingsConfigDict, total=False):
    """`SettingsConfigDict` with the keys `InfisicalSettingsSource` reads: the scope
    (``infisical_project_id``, ``infisical_environment``, ``infisical_path``) and the profile
    (``infisical_profile``) of the client it builds."""

    infisical_project_id: str | None
    infisical_environment: str | None
    infisical_path: str | None
    infisical_profile: str | None


#: The Infisical sources that ran while one `InfisicalBaseSettings` was being built.
_LOADED: ContextVar[list[InfisicalSettingsSource] | None] = ContextVar(
    "infisical_kit_settings_sources", default=None
)


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
        #: The scope the secrets were read from, in words (set once they are loaded).
        self.where = ""

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
                default = self._client.default_scope
            else:
                config = Config(profile=self._profile) if self._profile else Config()
                with Client(config=config, cache_ttl=0, **self._scope) as client:
                    found = client.secrets.list(include_imports=self._include_imports)
                    default = client.default_scope
            self._secrets = {self._key(s.key): s.value for s in found}
            self.where = (
                f"project {self._scope['project_id'] or default.project_id!r}, "
                f"environment {self._scope['environment'] or default.environment!r}, "
                f"path {self._scope['secret_path'] or default.secret_path!r}"
            )
        return self._secrets

    def describe_missing(self, field_name: str) -> str:
        """Why `field_name` got no value here: the secret keys looked for and the scope."""
        field = self.settings_cls.model_fields[field_name]
        keys = " or ".join(_candidates(field_name, field))
        case = "" if self._case_sensitive else " (any case)"
        return f"no secret {keys}{case} in Infisical {self.where}"

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
        loaded = _LOADED.get()
        if loaded is not None:
            loaded.append(self)
        data: dict[str, Any] = {}
        for field_name, field in self.settings_cls.model_fields.items():
            value, key, is_complex = self.get_field_value(field, field_name)
            if value is None:
                continue
            value = self.prepare_field_value(field_name, field, value, is_complex)
            has_alias = field.alias is not None or field.validation_alias is not None
            if not has_alias:
                key = field_name
            elif key == field_name and field.alias:
                key = field.alias  # found by its name: pydantic takes the alias only
            data[key] = value
        return data


class InfisicalBaseSettings(BaseSettings):
    """`BaseSettings` whose fields also load from Infisical (scope in ``model_config``).

    Order: init arguments > environment > Infisical > dotenv > secrets dir > defaults
    (override ``settings_customise_sources`` for another). A required field that no source
    set raises pydantic's "Field required" naming Infisical, the key and the scope.
    """

    def __init__(__pydantic_self__, *args: Any, **values: Any) -> None:
        token = _LOADED.set([])
        try:
            super().__init__(*args, **values)
        except ValidationError as exc:
            sources = _LOADED.get() or []
            raise _naming_infisical(exc, type(__pydantic_self__), sources) from None
        finally:
            _LOADED.reset(token)

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


def _field_at(settings_cls: type[BaseSettings], loc: tuple[int | str, ...]) -> str | None:
    """The name of the top-level field an error location designates (by name or alias)."""
    if len(loc) != 1:
        return None
    for name, field in settings_cls.model_fields.items():
        if loc[0] in _candidates(name, field):
            return name
    return None


def _naming_infisical(
    exc: ValidationError,
    settings_cls: type[BaseSettings],
    sources: list[InfisicalSettingsSource],
) -> ValidationError:
    """`exc` with each "Field required" of a field an Infisical source looked up saying so;
    every other error as it was. The message leaves the input out: it holds the secrets."""
    if not sources:
        return exc
    details: list[InitErrorDetails] = []
    for error in exc.errors(include_url=False):
        message = error["msg"]
        field_name = _field_at(settings_cls, error["loc"])
        if error["type"] == "missing" and field_name is not None:
            found = "; ".join(source.describe_missing(field_name) for source in sources)
            message = f"{message}: not set, and {found}"
        details.append(
            {
                "type": PydanticCustomError(error["type"], message),
                "loc": error["loc"],
                "input": error["input"],
            }
        )
    return ValidationError.from_exception_data(exc.title, details, hide_input=True)
