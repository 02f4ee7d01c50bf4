"""Config sources: precedence, profiles, the 0600 rule, .infisical.json, aggregated problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from infisical_kit import Config, ConfigurationError
from infisical_kit._core.settings_table import SETTINGS, render_markdown
from infisical_kit.config import InvalidConfigError

SECRET = "s3cr3t-never-shown"


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty HOME and working directory, and no INFISICAL_* variables."""
    for setting in SETTINGS:
        for name in setting.env:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path


def write_profiles(home: Path, config: str, credentials: str | None = None, mode: int = 0o600):
    directory = home / ".config" / "infisical-kit"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "config.toml").write_text(config)
    if credentials is not None:
        path = directory / "credentials.toml"
        path.write_text(credentials)
        path.chmod(mode)
    return directory


def test_config_fields_are_the_settings_table() -> None:
    assert list(Config.model_fields) == [s.name for s in SETTINGS]
    for setting in SETTINGS:
        assert Config.model_fields[setting.name].default == setting.default, setting.name
    docs = (Path(__file__).parents[2] / "docs" / "configuration.md").read_text()
    assert render_markdown() in docs, "regenerate docs/configuration.md from the table"


def test_precedence_args_env_profile_project(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_profiles(
        home,
        '[profiles.default]\nsite_url = "http://profile"\nenvironment = "prof-env"\n'
        'secret_path = "/prof"\nproject_id = "prof-project"\ntimeout = 7\n',
    )
    (home / "work" / ".infisical.json").write_text(
        json.dumps({"workspaceId": "json-project", "defaultEnvironment": "json-env"})
    )
    monkeypatch.setenv("INFISICAL_ENVIRONMENT", "env-env")
    monkeypatch.setenv("INFISICAL_SITE_URL", "http://env")
    config = Config(site_url="http://arg")
    assert config.site_url == "http://arg"  # args > env
    assert config.environment == "env-env"  # env > profile > project
    assert config.secret_path == "/prof" and config.timeout == 7.0  # profile > default
    assert config.project_id == "prof-project"  # profile > project file
    monkeypatch.delenv("INFISICAL_SITE_URL")
    write_profiles(home, '[profiles.default]\nsite_url = "http://profile"\n')
    config = Config()
    assert config.site_url == "http://profile"
    assert (config.project_id, config.environment) == ("json-project", "env-env")


def test_credential_never_mixes_sources(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFISICAL_TOKEN", SECRET)
    config = Config(client_id="id", client_secret="arg-secret")
    assert config.token is None and config.client_id == "id"
    assert config.auth_source == "explicit arguments"
    config = Config()
    assert config.auth_source == "environment" and config.client_id is None
    assert config.token is not None and config.token.get_secret_value() == SECRET
    assert SECRET not in repr(config) and SECRET not in str(config)


def test_environment_token_wins_over_client_credentials(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_ACCESS_TOKEN", "tok")
    monkeypatch.setenv("INFISICAL_CLIENT_ID", "id")
    monkeypatch.setenv("INFISICAL_EMAIL", "me@example.com")
    monkeypatch.setenv("INFISICAL_PASSWORD", "pw")
    config = Config.from_env()
    assert config.token is not None and config.client_id is None and config.username is None


def test_every_problem_at_once_without_secrets(home: Path) -> None:
    write_profiles(home, '[profiles.other]\nsite_url = "http://x"\n')
    with pytest.raises(InvalidConfigError) as caught:
        Config(
            site_url="app.infisical.com",
            token=SECRET,
            client_id="id",
            timeout=-1,
            profile="missing",
            colour="blue",
        )
    problems = caught.value.problems
    text = str(caught.value)
    assert isinstance(caught.value, ConfigurationError)
    assert any("site_url must be an http(s) URL" in p for p in problems)
    assert any("a token and client credentials were given together" in p for p in problems)
    assert any("timeout must be greater than 0" in p for p in problems)
    assert any("profile 'missing' not found" in p for p in problems)
    assert any("unknown option 'colour'" in p for p in problems)
    assert len(problems) == 5 and SECRET not in text and SECRET not in repr(caught.value)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"client_id": "id"}, "client_id given without client_secret"),
        ({"client_secret": SECRET}, "client_secret given without client_id"),
        ({"username": "me@example.com"}, "username given without password"),
        ({"password": SECRET}, "password given without username"),
        ({"cache_ttl": -1, "retries": -1}, "retries must be at least 0"),
        ({"timeout": "soon"}, "timeout: Input should be a valid number"),
    ],
)
def test_partial_or_bad_values(home: Path, arguments: dict[str, object], expected: str) -> None:
    with pytest.raises(InvalidConfigError) as caught:
        Config.explicit(**arguments)
    assert expected in str(caught.value) and SECRET not in str(caught.value)


def test_profile_selection_and_credentials_file(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_profiles(
        home,
        '[profiles.default]\nenvironment = "dev"\n\n'
        '[profiles.staging]\nsite_url = "http://staging"\nclient_id = "stage-id"\n'
        'environment = "staging"\n',
        '[profiles.staging]\nclient_secret = "stage-secret"\n',
    )
    assert Config().environment == "dev"
    staging = Config(profile="staging")
    assert (staging.site_url, staging.client_id, staging.environment) == (
        "http://staging",
        "stage-id",
        "staging",
    )
    assert staging.client_secret is not None
    assert staging.client_secret.get_secret_value() == "stage-secret"
    assert staging.auth_source == "profile"
    monkeypatch.setenv("INFISICAL_PROFILE", "staging")
    assert Config().environment == "staging"
    assert Config(profile="default").environment == "dev"  # the argument beats the variable


def test_credentials_file_must_be_0600(home: Path) -> None:
    directory = write_profiles(
        home, "[profiles.default]\n", '[profiles.default]\ntoken = "t"\n', mode=0o644
    )
    with pytest.raises(InvalidConfigError) as caught:
        Config()
    text = str(caught.value)
    assert "mode 0644" in text and f"chmod 600 {directory / 'credentials.toml'}" in text
    (directory / "credentials.toml").chmod(0o600)
    assert Config().auth_source == "profile"


def test_secret_in_world_readable_profile_file_is_refused(home: Path) -> None:
    directory = write_profiles(home, f'[profiles.default]\nclient_secret = "{SECRET}"\n')
    (directory / "config.toml").chmod(0o644)
    with pytest.raises(InvalidConfigError, match="client_secret is a secret") as caught:
        Config()
    assert SECRET not in str(caught.value)


def test_unknown_keys_and_sections_in_profile_files(home: Path) -> None:
    write_profiles(home, '[staging]\nsite_url = "x"\n\n[profiles.default]\ncolour = "blue"\n')
    with pytest.raises(InvalidConfigError) as caught:
        Config()
    assert "unknown top-level key(s) staging" in str(caught.value)
    assert "unknown key 'colour'" in str(caught.value)


def test_config_file_variable_and_missing_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    custom = home / "custom.toml"
    custom.write_text('[profiles.default]\nproject_id = "from-custom"\n')
    monkeypatch.setenv("INFISICAL_CONFIG_FILE", str(custom))
    assert Config().project_id == "from-custom"
    monkeypatch.setenv("INFISICAL_CONFIG_FILE", str(home / "nope.toml"))
    with pytest.raises(InvalidConfigError, match=r"nope\.toml does not exist"):
        Config()


def test_project_file_upward_search_and_branch_mapping(home: Path, monkeypatch) -> None:
    repo = home / "repo"
    deep = repo / "src" / "pkg"
    deep.mkdir(parents=True)
    (repo / ".git").mkdir()
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/feature/login\n")
    (repo / ".infisical.json").write_text(
        json.dumps(
            {
                "workspaceId": "ws-1",
                "defaultEnvironment": "dev",
                "gitBranchToEnvironmentMapping": {"feature/login": "qa", "main": "prod"},
                "defaultSecretPath": "/app",
            }
        )
    )
    monkeypatch.chdir(deep)
    config = Config()
    assert (config.project_id, config.environment, config.secret_path) == ("ws-1", "qa", "/app")
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/unmapped\n")
    assert Config().environment == "dev"
    (repo / ".git" / "HEAD").write_text("0123456789abcdef0123456789abcdef01234567\n")  # detached
    assert Config().environment == "dev"
    assert Config.from_env().project_id is None  # from_env reads no files


def test_explicit_reads_nothing(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INFISICAL_PROJECT_ID", "env-project")
    write_profiles(home, '[profiles.default]\nenvironment = "dev"\n')
    config = Config.explicit(site_url="http://x")
    assert config.project_id is None and config.environment is None
    assert not config.reads_environment and not config.reads_files


def test_merged_replaces_the_whole_credential(home: Path) -> None:
    config = Config.explicit(token="t", environment="dev")
    merged = config.merged(client_id="id", client_secret="cs", timeout=3)
    assert merged.token is None and merged.client_id == "id" and merged.timeout == 3.0
    assert merged.environment == "dev" and merged.auth_source == "explicit arguments"
    assert config.merged() is config


def test_for_client_rejects_config_and_profile(home: Path) -> None:
    with pytest.raises(InvalidConfigError, match="either config or profile"):
        Config.for_client(Config.explicit(), "staging")


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        (
            {"INFISICAL_UNIVERSAL_AUTH_CLIENT_ID": "id"},
            "environment: INFISICAL_UNIVERSAL_AUTH_CLIENT_ID given without "
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
        ),
        (  # an alias is named as it is set
            {"INFISICAL_CLIENT_SECRET": SECRET},
            "environment: INFISICAL_CLIENT_SECRET given without INFISICAL_UNIVERSAL_AUTH_CLIENT_ID",
        ),
        ({"INFISICAL_EMAIL": "me@example.com"}, "INFISICAL_EMAIL given without INFISICAL_PASSWORD"),
        (
            {"INFISICAL_AUTH_METHOD": "universal-auth"},
            "environment: INFISICAL_AUTH_METHOD=universal-auth needs "
            "INFISICAL_UNIVERSAL_AUTH_CLIENT_ID and INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
        ),
        (
            {"INFISICAL_AUTH_METHOD": "kubernetes"},
            "environment: INFISICAL_AUTH_METHOD=kubernetes needs INFISICAL_MACHINE_IDENTITY_ID",
        ),
        (
            {"INFISICAL_TOKEN": SECRET, "INFISICAL_TIMEOUT": "soon"},
            "INFISICAL_TIMEOUT: Input should be a valid number",
        ),
        (
            {"INFISICAL_TOKEN": SECRET, "INFISICAL_RETRIES": "-1"},
            "INFISICAL_RETRIES must be at least 0 (got -1)",
        ),
        (
            {"INFISICAL_TOKEN": SECRET, "INFISICAL_API_URL": "ftp://host"},
            "INFISICAL_API_URL must be an http(s) URL",
        ),
    ],
)
def test_from_env_problems_name_the_variables_as_set(
    home: Path, monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    from infisical_kit import Client

    with pytest.raises(InvalidConfigError) as caught:
        Client.from_env()
    text = str(caught.value)
    assert expected in text and SECRET not in text
    lowered = ("client_id", "client_secret", "username", "password", "auth_method", "timeout")
    assert not any(f" {name} " in f" {text} " for name in lowered), text


def test_profile_problems_keep_the_setting_names(home: Path) -> None:
    write_profiles(home, '[profiles.default]\nclient_id = "id"\n')
    with pytest.raises(InvalidConfigError, match="profile: client_id given without client_secret"):
        Config()


def test_from_env_without_credentials_names_the_variables(home: Path) -> None:
    from infisical_kit import Client, CredentialsNotFoundError

    with pytest.raises(CredentialsNotFoundError) as caught:
        Client.from_env()
    text = str(caught.value)
    assert "environment: none of INFISICAL_TOKEN, INFISICAL_UNIVERSAL_AUTH_CLIENT_ID" in text
    assert "aws-iam: not selected (INFISICAL_AUTH_METHOD=aws-iam)" in text
    environment_lines = [line for line in text.splitlines() if "explicit:" not in line]
    for name in ("auth_method", "client_id", "identity_id", "infisical_token", "aws_iam"):
        assert not any(name in line for line in environment_lines), (name, text)
