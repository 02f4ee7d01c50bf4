"""The credential provider chain: built-in providers, editing, custom providers, the error."""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import pytest

from infisical_kit import Config, ConfigurationError
from infisical_kit._core.settings_table import SETTINGS
from infisical_kit.config import InvalidConfigError
from infisical_kit.credentials import (
    CliLoginProvider,
    CredentialChain,
    CredentialProvider,
    Credentials,
    CredentialsNotFoundError,
    EnvironmentProvider,
    KubernetesProvider,
    ProfileProvider,
)

SECRET = "s3cr3t-never-shown"


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    for setting in SETTINGS:
        for name in setting.env:
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


class Fixed:
    """A custom provider (sync and async)."""

    def __init__(self, name: str, credentials: Credentials | None) -> None:
        self.name = name
        self.credentials = credentials
        self.loads = 0
        self.aloads = 0

    def load(self) -> Credentials | None:
        self.loads += 1
        return self.credentials

    async def aload(self) -> Credentials | None:
        self.aloads += 1
        await anyio.sleep(0)
        return self.credentials


def test_no_secret_in_repr_or_str() -> None:
    for creds in (
        Credentials.from_token(SECRET),
        Credentials.universal_auth("id", SECRET),
        Credentials.user("me@example.com", SECRET),
        Credentials.kubernetes("identity", SECRET),
    ):
        assert SECRET not in repr(creds) and SECRET not in str(creds)
    assert repr(Credentials.universal_auth("id", SECRET)) == (
        "Credentials(kind='universal_auth', id='id', source='explicit')"
    )


def test_default_chain_order_follows_what_the_config_read(home: Path) -> None:
    assert CredentialChain.default(Config.explicit(token="t")).names == ["explicit"]
    identities = ["aws-iam", "gcp-id-token", "gcp-iam", "azure", "oidc-auth", "jwt-auth"]
    assert CredentialChain.default(Config.from_env(token="t")).names == [
        "explicit",
        "environment",
        "kubernetes",
        *identities,
    ]
    assert CredentialChain.default(Config(token="t")).names == [
        "explicit",
        "environment",
        "profile",
        "cli-session",
        "infisical-cli",
        "kubernetes",
        *identities,
    ]
    explicit_aws = Config.explicit(auth_method="aws-iam", identity_id="i")
    assert CredentialChain.default(explicit_aws).names == ["explicit", "kubernetes", "aws-iam"]


def test_explicit_beats_environment_and_environment_is_read_at_load(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFISICAL_TOKEN", "env-token")
    chain = CredentialChain.default(Config(client_id="id", client_secret=SECRET))
    found = chain.resolve()
    assert (found.kind, found.source, found.client_id) == ("universal_auth", "explicit", "id")
    chain.remove("explicit")
    assert chain.resolve().token is not None
    monkeypatch.setenv("INFISICAL_TOKEN", "rotated")
    fresh = chain.resolve()
    assert fresh.token is not None and fresh.token.get_secret_value() == "rotated"
    assert fresh.source == "environment"


def test_profile_provider_and_its_problems(home: Path) -> None:
    directory = home / ".config" / "infisical-kit"
    directory.mkdir(parents=True)
    (directory / "config.toml").write_text('[profiles.ci]\nusername = "me@example.com"\n')
    credentials = directory / "credentials.toml"
    credentials.write_text(f'[profiles.ci]\npassword = "{SECRET}"\n')
    credentials.chmod(0o600)
    found = ProfileProvider("ci").load()
    assert found is not None and (found.kind, found.username) == ("user", "me@example.com")
    assert ProfileProvider().load() is None  # the default profile may be absent
    with pytest.raises(InvalidConfigError, match=r"profile .default. not found"):
        ProfileProvider("default").load()  # a named one may not
    credentials.chmod(0o640)
    with pytest.raises(InvalidConfigError, match="chmod 600"):
        ProfileProvider("ci").load()


def test_partial_environment_stops_the_chain(home: Path, monkeypatch) -> None:
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", "id")
    chain = CredentialChain([EnvironmentProvider(), Fixed("never", Credentials.from_token("t"))])
    with pytest.raises(
        ConfigurationError,
        match="INFISICAL_UNIVERSAL_AUTH_CLIENT_ID given without "
        "INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET",
    ):
        chain.resolve()
    assert chain.get_provider("never").loads == 0  # type: ignore[attr-defined]


def test_cli_login_provider_reports_why(home: Path) -> None:
    provider = CliLoginProvider()
    assert provider.probe()[0] is None and "not found" in provider.probe()[1]
    (home / ".infisical").mkdir()
    config = {"loggedInUserEmail": "me@example.com", "vaultBackendType": "file"}
    (home / ".infisical" / "infisical-config.json").write_text(json.dumps(config))
    found, why = provider.probe()
    assert found is None and "no readable CLI session" in why and "file vault" in why


def test_kubernetes_provider_needs_an_identity(home: Path, monkeypatch) -> None:
    token = home / "sa-token"
    token.write_text(SECRET + "\n")
    monkeypatch.setenv("INFISICAL_KUBERNETES_SERVICE_ACCOUNT_TOKEN_PATH", str(token))
    assert KubernetesProvider().load() is None
    monkeypatch.setenv("INFISICAL_MACHINE_IDENTITY_ID", "identity-1")
    found = KubernetesProvider().load()
    assert found is not None and found.kind == "kubernetes" and found.identity_id == "identity-1"
    assert found.jwt is not None and found.jwt.get_secret_value() == SECRET
    assert found == Credentials.kubernetes("identity-1", SECRET)  # what the token manager uses


def test_editing_the_chain(home: Path) -> None:
    chain = CredentialChain.default(Config.from_env())
    first, last = Fixed("first", None), Fixed("last", None)
    chain.insert_before("explicit", first)
    chain.insert_after("kubernetes", last)
    assert chain.names[:5] == ["first", "explicit", "environment", "kubernetes", "last"]
    assert chain.get_provider("last") is last
    assert chain.remove("environment").name == "environment"
    with pytest.raises(ConfigurationError, match="no provider named 'environment'"):
        chain.get_provider("environment")
    with pytest.raises(ConfigurationError, match="already present"):
        chain.insert_after("first", Fixed("last", None))
    with pytest.raises(ConfigurationError, match="duplicate"):
        CredentialChain([Fixed("a", None), Fixed("a", None)])
    assert isinstance(first, CredentialProvider)


def test_custom_sync_and_async_providers(home: Path) -> None:
    custom = Fixed("vault", Credentials.universal_auth("vault-id", SECRET, source="vault"))
    chain = CredentialChain.default(Config.explicit())
    chain.insert_after("explicit", custom)
    assert chain.resolve().source == "vault" and custom.loads == 1
    found = anyio.run(chain.aresolve)
    assert found.client_id == "vault-id" and custom.aloads == 1 and custom.loads == 1
    assert found == Credentials.universal_auth("vault-id", SECRET, source="vault")
    token = Credentials.from_token("t")
    assert token.kind == "token" and token.token is not None
    assert token.token.get_secret_value() == "t"


def test_not_found_lists_every_provider(home: Path) -> None:
    chain = CredentialChain.default(Config())
    chain.append(Fixed("custom", None))
    with pytest.raises(CredentialsNotFoundError) as caught:
        chain.resolve()
    assert isinstance(caught.value, ConfigurationError)
    names = [name for name, _ in caught.value.attempts]
    assert names == [
        "explicit",
        "environment",
        "profile",
        "cli-session",
        "infisical-cli",
        "kubernetes",
        "aws-iam",
        "gcp-id-token",
        "gcp-iam",
        "azure",
        "oidc-auth",
        "jwt-auth",
        "custom",
    ]
    text = str(caught.value)
    assert "aws-iam: not selected (INFISICAL_AUTH_METHOD=aws-iam)" in text
    assert "environment: none of INFISICAL_TOKEN" in text
    assert "infisical-cli: no Infisical CLI login" in text
    assert "kubernetes: no identity id" in text and "custom: returned None" in text
    with pytest.raises(CredentialsNotFoundError) as again:
        anyio.run(chain.aresolve)
    assert [n for n, _ in again.value.attempts] == names


def test_a_raising_provider_stops_the_chain(home: Path) -> None:
    class Broken(Fixed):
        def load(self) -> Credentials | None:
            raise ConfigurationError("vault is sealed")

    after = Fixed("after", Credentials.from_token("t"))
    chain = CredentialChain([Broken("broken", None), after])
    with pytest.raises(ConfigurationError, match="sealed"):
        chain.resolve()
    assert after.loads == 0
