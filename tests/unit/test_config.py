"""Config (environment table) and option resolution (explicit > config > defaults)."""

from __future__ import annotations

from pathlib import Path

import pytest

from infisical_kit import Config, ConfigurationError, CredentialChain, Credentials
from infisical_kit._core.settings_table import normalize_site_url
from infisical_kit._options import ClientOptions, build_user_agent, resolve_options
from infisical_kit._version import __version__
from infisical_kit.config import SETTINGS


def options_of(config: Config) -> ClientOptions:
    """What a client built from `config` would use (the chain's credential, the one merge)."""
    return resolve_options(config, CredentialChain.default(config).resolve())


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for setting in SETTINGS:
        for name in setting.env:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no real profile files
    monkeypatch.chdir(tmp_path)  # no real .infisical.json
    return monkeypatch


def test_reads_the_environment_at_construction(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("INFISICAL_API_URL", "http://legacy")
    clean_env.setenv("INFISICAL_DOMAIN", "http://domain/api")
    clean_env.setenv("INFISICAL_CLIENT_ID", "alias-id")
    clean_env.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "main-id")
    clean_env.setenv("INFISICAL_CLIENT_SECRET", "alias-secret")
    clean_env.setenv("INFISICAL_PROJECT_ID", "p")
    clean_env.setenv("INFISICAL_ENVIRONMENT", "dev")
    clean_env.setenv("INFISICAL_SECRET_PATH", "/app")
    clean_env.setenv("INFISICAL_VERIFY", "false")
    config = Config()
    assert config.site_url == "http://domain/api"
    assert config.client_id == "main-id"
    assert config.client_secret is not None
    assert config.client_secret.get_secret_value() == "alias-secret"
    assert (config.project_id, config.environment, config.secret_path) == ("p", "dev", "/app")
    assert config.verify is False
    assert "alias-secret" not in repr(config)


def test_bare_names_are_not_read(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("TIMEOUT", "1")
    clean_env.setenv("SITE_URL", "http://nope")
    config = Config()
    assert config.timeout == 90.0 and config.site_url == "https://app.infisical.com"


def test_explicit_arguments_beat_the_environment(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("INFISICAL_TOKEN", "env-token")
    clean_env.setenv("INFISICAL_ENVIRONMENT", "dev")
    config = Config(environment="prod")
    assert config.environment == "prod"
    options = options_of(config.merged(token="arg-token", environment="staging"))
    assert options.credentials == Credentials.from_token("arg-token")
    assert options.scope.environment == "staging"
    merged = config.merged(timeout=5, project_id=None)
    assert merged.timeout == 5.0 and merged.environment == "prod"


def test_without_config_nothing_is_read(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("INFISICAL_TOKEN", "env-token")
    with pytest.raises(ConfigurationError, match="no credentials"):
        options_of(Config.explicit())


def test_options_defaults_and_normalization() -> None:
    options = options_of(Config.explicit(client_id="i", client_secret="s3cr3t"))
    assert options.site_url == "https://app.infisical.com"
    assert options.credentials == Credentials.universal_auth("i", "s3cr3t")
    assert options.timeout == 90.0 and options.verify is True
    assert options.scope.secret_path == "/"
    assert "s3cr3t" not in repr(options) and "s3cr3t" not in repr(options.credentials)


def test_partial_universal_auth_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="client_secret"):
        options_of(Config.explicit(client_id="only-id"))
    with pytest.raises(ConfigurationError, match="timeout"):
        options_of(Config.explicit(token="t", timeout=0))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://app.infisical.com", "https://app.infisical.com"),
        ("https://app.infisical.com/", "https://app.infisical.com"),
        ("https://app.infisical.com/api", "https://app.infisical.com"),
        ("http://127.0.0.1:8080/api/", "http://127.0.0.1:8080"),
        ("https://host/prefix/api", "https://host/prefix"),
    ],
)
def test_site_url(raw: str, expected: str) -> None:
    assert normalize_site_url(raw) == expected


def test_bad_site_url() -> None:
    with pytest.raises(ConfigurationError):
        normalize_site_url("app.infisical.com")


def test_user_agent() -> None:
    assert build_user_agent().startswith(f"infisical-kit/{__version__} python-httpx/")
    assert build_user_agent("my-app/1.0").startswith("my-app/1.0 infisical-kit/")
