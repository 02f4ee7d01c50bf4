"""Construction styles against the real server: from_env, from_config/profile, custom providers."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from infisical_kit import AsyncClient, AuthenticationError
from infisical_kit._core.settings_table import SETTINGS
from infisical_kit.credentials import Credentials, CredentialsNotFoundError


def unique() -> str:
    return f"CFG_{uuid.uuid4().hex[:12].upper()}"


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No INFISICAL_* variables, an empty HOME and working directory."""
    for setting in SETTINGS:
        for name in setting.env:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_profile(home: Path, server: Any, secret: str, mode: int = 0o600) -> tuple[Path, Path]:
    boot = server.bootstrap
    config = home / "ik.toml"
    config.write_text(
        f'[profiles.staging]\nsite_url = "{server.url}/api"\n'
        f'client_id = "{boot["client_id"]}"\nproject_id = "{boot["project_id"]}"\n'
        f'environment = "{boot["environments"][0]}"\n'
    )
    credentials = home / "ik-credentials.toml"
    credentials.write_text(f'[profiles.staging]\nclient_secret = "{secret}"\n')
    credentials.chmod(mode)
    return config, credentials


class Vault:
    """A custom provider that counts how often it is asked."""

    name = "vault"

    def __init__(self, credentials: Credentials | None) -> None:
        self.credentials = credentials
        self.loads = 0

    def load(self) -> Credentials | None:
        self.loads += 1
        return self.credentials

    async def aload(self) -> Credentials | None:
        return self.load()


@pytest.mark.anyio
async def test_from_env(home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any) -> None:
    boot = infisical_server.bootstrap
    monkeypatch.setenv("INFISICAL_DOMAIN", infisical_server.url + "/api")
    monkeypatch.setenv("INFISICAL_CLIENT_ID", boot["client_id"])  # alias names
    monkeypatch.setenv("INFISICAL_CLIENT_SECRET", boot["client_secret"])
    monkeypatch.setenv("INFISICAL_PROJECT_ID", boot["project_id"])
    monkeypatch.setenv("INFISICAL_ENVIRONMENT", "no-such-environment")
    environment = boot["environments"][0]
    name = unique()
    async with AsyncClient.from_env(environment=environment) as client:  # explicit wins
        assert client.site_url == infisical_server.url
        assert client.default_scope.environment == environment
        await client.secrets.create(name, "from-env")
        assert (await client.secrets.get(name)).value == "from-env"
        assert boot["client_secret"] not in repr(client)


@pytest.mark.anyio
async def test_bare_constructor_reads_the_environment(
    home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    boot = infisical_server.bootstrap
    monkeypatch.setenv("INFISICAL_DOMAIN", infisical_server.url)
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", boot["client_id"])
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", boot["client_secret"])
    monkeypatch.setenv("INFISICAL_PROJECT_ID", boot["project_id"])
    monkeypatch.setenv("INFISICAL_ENVIRONMENT", boot["environments"][0])
    name = unique()
    async with AsyncClient() as client:  # like boto3 Session() / DefaultAzureCredential
        assert client.site_url == infisical_server.url
        assert client.credential_chain.names[:3] == ["explicit", "environment", "profile"]
        await client.secrets.create(name, "bare")
        assert (await client.secrets.get(name)).value == "bare"
    # explicit arguments beat the environment, the credential as a whole
    monkeypatch.setenv("INFISICAL_TOKEN", "not-a-valid-token")
    async with AsyncClient(
        client_id=boot["client_id"], client_secret=boot["client_secret"], environment="nope"
    ) as client:
        assert client.default_scope.environment == "nope"
        assert client.default_scope.project_id == boot["project_id"]
        got = await client.secrets.get(name, environment=boot["environments"][0])
        assert got.value == "bare"


@pytest.mark.anyio
async def test_bare_constructor_reads_the_default_profile_under_the_environment(
    home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    boot = infisical_server.bootstrap
    directory = home / ".config" / "infisical-kit"
    directory.mkdir(parents=True)
    config, credentials = write_profile(home, infisical_server, boot["client_secret"])
    text = config.read_text().replace("[profiles.staging]", "[profiles.default]")
    (directory / "config.toml").write_text(text + 'secret_path = "/from-profile"\n')
    secret = credentials.read_text().replace("[profiles.staging]", "[profiles.default]")
    (directory / "credentials.toml").write_text(secret)
    (directory / "credentials.toml").chmod(0o600)
    monkeypatch.setenv("INFISICAL_SECRET_PATH", "/")  # the environment beats the profile
    name = unique()
    async with AsyncClient() as client:
        assert client.credential_chain.resolve().source == "profile"
        assert client.default_scope.project_id == boot["project_id"]
        assert client.default_scope.secret_path == "/"
        await client.secrets.create(name, "profile")
        assert (await client.secrets.get(name)).value == "profile"
    with pytest.raises(CredentialsNotFoundError) as caught:
        AsyncClient.from_env()  # the environment only: the profile's credential is not read
    assert [n for n, _ in caught.value.attempts][:2] == ["explicit", "environment"]


@pytest.mark.anyio
async def test_from_config_profile(
    home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    boot = infisical_server.bootstrap
    config, credentials = write_profile(home, infisical_server, boot["client_secret"])
    name = unique()
    client = AsyncClient.from_config(
        "staging", config_file=str(config), credentials_file=str(credentials)
    )
    async with client:
        assert client.default_scope.project_id == boot["project_id"]
        await client.secrets.create(name, "from-profile")
        assert (await client.secrets.get(name)).value == "from-profile"
    # profile= and the INFISICAL_* file variables; the environment beats the profile
    monkeypatch.setenv("INFISICAL_CONFIG_FILE", str(config))
    monkeypatch.setenv("INFISICAL_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("INFISICAL_SECRET_PATH", "/")
    async with AsyncClient(profile="staging") as client:
        assert client.credential_chain.names[:3] == ["explicit", "environment", "profile"]
        assert (await client.secrets.get(name)).value == "from-profile"
    monkeypatch.setenv("INFISICAL_PROFILE", "staging")
    async with AsyncClient.from_config() as client:
        assert (await client.secrets.get(name)).value == "from-profile"


@pytest.mark.anyio
async def test_profile_credentials_file_must_be_private(home: Path, infisical_server: Any) -> None:
    secret = infisical_server.bootstrap["client_secret"]
    config, credentials = write_profile(home, infisical_server, secret, mode=0o644)
    with pytest.raises(Exception, match="chmod 600") as caught:
        AsyncClient.from_config(
            "staging", config_file=str(config), credentials_file=str(credentials)
        )
    assert secret not in str(caught.value)


@pytest.mark.anyio
async def test_custom_provider(home: Path, infisical_server: Any) -> None:
    boot = infisical_server.bootstrap
    vault = Vault(Credentials.universal_auth(boot["client_id"], boot["client_secret"]))
    name = unique()
    async with AsyncClient(
        infisical_server.url,
        credentials=vault,
        project_id=boot["project_id"],
        environment=boot["environments"][0],
    ) as client:
        assert client.credential_chain.names[:3] == ["explicit", "vault", "environment"]
        assert vault.loads == 1  # resolved at construction
        await client.secrets.create(name, "from-vault")
        assert (await client.secrets.get(name)).value == "from-vault"
        await client.auth.login()  # logging in again resolves the chain afresh
        assert vault.loads >= 2


@pytest.mark.anyio
async def test_custom_provider_with_wrong_credentials(home: Path, infisical_server: Any) -> None:
    boot = infisical_server.bootstrap
    vault = Vault(Credentials.universal_auth(boot["client_id"], "wrong-secret"))
    client = AsyncClient(infisical_server.url, credentials=vault)
    try:
        with pytest.raises(AuthenticationError):
            await client.auth.login()
    finally:
        await client.aclose()


@pytest.mark.anyio
async def test_user_credentials_are_carried_to_the_login(
    home: Path, monkeypatch: pytest.MonkeyPatch, infisical_server: Any
) -> None:
    boot = infisical_server.bootstrap
    monkeypatch.setenv("INFISICAL_ORGANIZATION_ID", boot["organization_id"])
    monkeypatch.setenv("INFISICAL_EMAIL", boot["admin_email"])
    monkeypatch.setenv("INFISICAL_PASSWORD", boot["admin_password"])
    client = AsyncClient.from_env(
        infisical_server.url,
        project_id=boot["project_id"],
        environment=boot["environments"][0],
    )
    async with client:
        assert client.credential_chain.resolve().kind == "user"
        assert isinstance(await client.secrets.list(), list)
        assert boot["admin_password"] not in repr(client.credential_chain.resolve())
