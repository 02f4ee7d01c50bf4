"""`InfisicalSettingsSource`: BaseSettings fields from Infisical, with documented precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from infisical_kit import Client
from infisical_kit.errors import InfisicalError
from infisical_kit.integrations.pydantic_settings import (
    InfisicalBaseSettings,
    InfisicalSettingsConfigDict,
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

    config = InfisicalSettingsConfigDict(
        infisical_project_id=infisical_project.id,
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


def test_a_missing_secret_names_infisical_the_key_and_the_scope(
    seeded: Client,
    infisical_project: InfisicalProject,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _env_for(infisical_project, monkeypatch)
    monkeypatch.chdir(tmp_path)

    class Settings(InfisicalBaseSettings):
        model_config = InfisicalSettingsConfigDict(
            infisical_project_id=infisical_project.id,
            infisical_environment="dev",
            infisical_path="/",
        )
        database_url: str
        redis_url: str
        api_key: str = Field(alias="PAYMENT_KEY")  # secret Api_Key, found by the field's name
        payment_secret: str = Field(alias="PAYMENT_SECRET")
        port: int

    monkeypatch.setenv("PORT", "not-a-number")
    with pytest.raises(ValidationError) as caught:
        Settings()
    errors = {error["loc"]: error for error in caught.value.errors()}
    assert set(errors) == {("redis_url",), ("PAYMENT_SECRET",), ("port",)}
    where = f"in Infisical project {infisical_project.id!r}, environment 'dev', path '/'"
    assert errors[("redis_url",)]["type"] == "missing"
    assert errors[("redis_url",)]["msg"] == (
        f"Field required: not set, and no secret redis_url (any case) {where}"
    )
    assert errors[("PAYMENT_SECRET",)]["msg"] == (
        "Field required: not set, and no secret PAYMENT_SECRET or payment_secret (any case) "
        + where
    )
    assert errors[("port",)]["type"] == "int_parsing"  # other errors are left as they were
    text = str(caught.value)
    assert "3 validation errors for Settings" in text and "redis_url (any case)" in text
    assert "postgres://db/app" not in text  # the loaded secrets are not echoed as the input


def test_a_missing_field_with_the_default_scope_names_it(
    seeded: Client,
    infisical_project: InfisicalProject,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _env_for(infisical_project, monkeypatch)
    monkeypatch.setenv("INFISICAL_PROJECT_ID", infisical_project.id)
    monkeypatch.setenv("INFISICAL_ENVIRONMENT", "dev")
    monkeypatch.chdir(tmp_path)

    class Settings(InfisicalBaseSettings):
        model_config = InfisicalSettingsConfigDict(case_sensitive=True)
        REDIS_URL: str

    with pytest.raises(ValidationError, match="no secret REDIS_URL in Infisical project"):
        Settings()
    assert Settings(REDIS_URL="init").REDIS_URL == "init"  # a value from any source is enough
