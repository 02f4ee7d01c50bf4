"""`InfisicalSettingsSource`: BaseSettings fields from Infisical, with documented precedence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from infisical_kit import Client
from infisical_kit.errors import InfisicalError
from infisical_kit.integrations.pydantic_settings import (
    InfisicalBaseSettings,
    InfisicalSettingsSource,
)
from infisical_kit.testing import InfisicalProject


@pytest.fixture
def seeded(infisical_client: Client) -> Client:
    for key, value in {
        "DATABASE_URL": "postgres://db/app",
        "Api_Key": "from-infisical",
        "STRIPE_KEY": "sk_test",
        "ALLOWED_HOSTS": '["a.example", "b.example"]',
        "PORT": "8081",
        "ONLY_IN_DOTENV_TOO": "infisical-wins-over-dotenv",
    }.items():
        infisical_client.secrets.create(key, value)
    return infisical_client


def _env_for(project: InfisicalProject, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("INFISICAL"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("INFISICAL_DOMAIN", project.site_url)
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", project.client_id)
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", project.client_secret)


def test_fields_load_case_insensitively_with_aliases_and_json(
    seeded: Client,
    infisical_project: InfisicalProject,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _env_for(infisical_project, monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("ONLY_IN_DOTENV_TOO=dotenv\nFROM_DOTENV=dotenv-only\n")
    monkeypatch.setenv("PORT", "9000")

    config: Any = SettingsConfigDict(
        infisical_project_id=infisical_project.id,  # type: ignore[typeddict-unknown-key]
        infisical_environment="dev",
        env_file=".env",
        extra="ignore",
    )

    class Settings(InfisicalBaseSettings):
        model_config = config
        database_url: str
        api_key: str
        stripe: str = Field(alias="STRIPE_KEY")
        allowed_hosts: list[str] = []
        port: int = 1
        only_in_dotenv_too: str = "default"
        from_dotenv: str = "default"
        missing: str = "default"

    settings = Settings()
    assert settings.database_url == "postgres://db/app"
    assert settings.api_key == "from-infisical"  # secret Api_Key, field api_key
    assert settings.stripe == "sk_test"
    assert settings.allowed_hosts == ["a.example", "b.example"]
    assert settings.port == 9000  # environment beats Infisical
    assert settings.only_in_dotenv_too == "infisical-wins-over-dotenv"  # Infisical beats dotenv
    assert settings.from_dotenv == "dotenv-only"
    assert settings.missing == "default"
    assert Settings(database_url="init").database_url == "init"  # init beats everything


def test_source_with_an_explicit_client_and_custom_order(
    seeded: Client, infisical_client: Client
) -> None:
    class Settings(BaseSettings):
        port: int = 1
        db: str = Field(default="", validation_alias=AliasChoices("DB", "DATABASE_URL"))

        @classmethod
        def settings_customise_sources(
            cls,
            settings_cls: type[BaseSettings],
            init_settings: PydanticBaseSettingsSource,
            env_settings: PydanticBaseSettingsSource,
            dotenv_settings: PydanticBaseSettingsSource,
            file_secret_settings: PydanticBaseSettingsSource,
        ) -> tuple[PydanticBaseSettingsSource, ...]:
            # Infisical first: it beats even init arguments here.
            return (InfisicalSettingsSource(settings_cls, infisical_client), init_settings)

    settings = Settings(port=5)
    assert settings.port == 8081
    assert settings.db == "postgres://db/app"


def test_missing_scope_is_a_clear_error(
    infisical_project: InfisicalProject, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _env_for(infisical_project, monkeypatch)
    monkeypatch.chdir(tmp_path)

    class Settings(InfisicalBaseSettings):
        value: str = "x"

    with pytest.raises(InfisicalError, match="environment"):
        Settings()
