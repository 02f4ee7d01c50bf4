"""The legacy ``infisical-python`` 2.3.5 (compiled Rust core) and its drop-in run the same
tests against our server; the drop-in has no compiled part and adds ``close()``."""

from __future__ import annotations

import os
import uuid
from types import ModuleType

import pytest

from infisical_kit.compat import infisical_client as dropin
from infisical_kit.crypto import DecryptionError
from infisical_kit.testing.plugin import InfisicalProject


def client_for(mod: ModuleType, project: InfisicalProject, **settings: object) -> object:
    auth = mod.AuthenticationOptions(
        universal_auth=mod.UniversalAuthMethod(
            client_id=project.client_id, client_secret=project.client_secret
        )
    )
    return mod.InfisicalClient(mod.ClientSettings(site_url=project.site_url, auth=auth, **settings))


def test_secret_lifecycle(
    infisical_client: ModuleType, infisical_project: InfisicalProject
) -> None:
    mod = infisical_client
    client = client_for(mod, infisical_project, cache_ttl=0)
    key = f"L_{uuid.uuid4().hex[:8].upper()}"
    scope = {"environment": "dev", "project_id": infisical_project.id}
    created = client.createSecret(
        mod.CreateSecretOptions(secret_name=key, secret_value="one", secret_comment="c", **scope)
    )
    assert (created.secret_key, created.secret_value, created.version) == (key, "one", 1)
    assert (created.workspace, created.type, created.is_fallback) == (
        infisical_project.id,
        "shared",
        False,
    )
    got = client.getSecret(mod.GetSecretOptions(secret_name=key, **scope))
    assert (got.secret_value, got.secret_comment) == ("one", "c")
    updated = client.updateSecret(
        mod.UpdateSecretOptions(secret_name=key, secret_value="two", **scope)
    )
    assert (updated.secret_value, updated.version) == ("two", 2)
    listed = client.listSecrets(mod.ListSecretsOptions(**scope))
    assert [(s.secret_key, s.secret_value) for s in listed] == [(key, "two")]
    deleted = client.deleteSecret(mod.DeleteSecretOptions(secret_name=key, **scope))
    assert deleted.secret_key == key
    assert client.listSecrets(mod.ListSecretsOptions(**scope)) == []


def test_paths_recursion_and_process_env(
    infisical_client: ModuleType,
    infisical_project: InfisicalProject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mod = infisical_client
    client = client_for(mod, infisical_project, cache_ttl=0)
    scope = {"environment": "staging", "project_id": infisical_project.id}
    tag = uuid.uuid4().hex[:6].upper()
    a, b = f"TOP_{tag}", f"DEEP_{tag}"
    from infisical_kit import Client

    with Client(**infisical_project.client_kwargs(), cache_ttl=0) as admin:
        admin.folders.create("deep", environment="staging")
    client.createSecret(mod.CreateSecretOptions(secret_name=a, secret_value="1", **scope))
    client.createSecret(
        mod.CreateSecretOptions(secret_name=b, secret_value="2", path="/deep", **scope)
    )
    deep = client.getSecret(mod.GetSecretOptions(secret_name=b, path="/deep", **scope))
    assert deep.secret_value == "2"
    every = client.listSecrets(mod.ListSecretsOptions(recursive=True, **scope))
    assert sorted(s.secret_key for s in every) == sorted([a, b])
    monkeypatch.setenv(a, "already-set")
    monkeypatch.delenv(b, raising=False)
    client.listSecrets(mod.ListSecretsOptions(attach_to_process_env=True, path="/", **scope))
    assert os.environ[a] == "already-set"  # never overwritten
    client.listSecrets(mod.ListSecretsOptions(attach_to_process_env=True, path="/deep", **scope))
    assert os.environ[b] == "2"
    monkeypatch.delenv(b)


def test_a_refused_read_falls_back_to_the_environment(
    infisical_client: ModuleType,
    infisical_project: InfisicalProject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mod = infisical_client
    client = client_for(mod, infisical_project, cache_ttl=0)
    scope = {"environment": "dev", "project_id": infisical_project.id}
    monkeypatch.setenv("ONLY_IN_ENV", "from-env")
    got = client.getSecret(mod.GetSecretOptions(secret_name="ONLY_IN_ENV", **scope))
    assert (got.secret_value, got.is_fallback, got.version) == ("from-env", True, 0)
    with pytest.raises(Exception, match="NOT_ANYWHERE"):
        client.getSecret(mod.GetSecretOptions(secret_name="NOT_ANYWHERE", **scope))


def test_credentials_from_the_environment(
    infisical_client: ModuleType,
    infisical_project: InfisicalProject,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mod = infisical_client
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_ID", infisical_project.client_id)
    monkeypatch.setenv("INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET", infisical_project.client_secret)
    client = mod.InfisicalClient(mod.ClientSettings(site_url=infisical_project.site_url))
    scope = {"environment": "dev", "project_id": infisical_project.id}
    assert client.listSecrets(mod.ListSecretsOptions(**scope)) == []


def test_symmetric_crypto_interoperates(infisical_client: ModuleType) -> None:
    """Keys and ciphertexts of one implementation open with the other."""
    real = pytest.importorskip("infisical_client")
    for maker, opener in ((infisical_client, real), (real, dropin)):
        key = maker.InfisicalClient().createSymmetricKey()
        sealed = maker.InfisicalClient().encryptSymmetric(
            maker.EncryptSymmetricOptions(key=key, plaintext="Infisical is awesome! ü")
        )
        opened = opener.InfisicalClient().decryptSymmetric(
            opener.DecryptSymmetricOptions(
                ciphertext=sealed.ciphertext, iv=sealed.iv, tag=sealed.tag, key=key
            )
        )
        assert opened == "Infisical is awesome! ü"


def test_a_wrong_key_does_not_decrypt() -> None:
    client = dropin.InfisicalClient()
    with pytest.raises(DecryptionError):
        client.decryptSymmetric(
            dropin.DecryptSymmetricOptions(
                ciphertext="AAAA", iv="AAAAAAAAAAAAAAAA", tag="A" * 22 + "==", key="bad"
            )
        )


def test_schemas_round_trip_and_hide_secrets() -> None:
    settings = dropin.ClientSettings(
        site_url="https://example.test",
        auth=dropin.AuthenticationOptions(
            universal_auth=dropin.UniversalAuthMethod(client_id="id", client_secret="hush-hush")
        ),
    )
    as_dict = settings.to_dict()
    assert as_dict == {
        "auth": {"universalAuth": {"clientId": "id", "clientSecret": "hush-hush"}},
        "siteUrl": "https://example.test",
    }
    assert dropin.ClientSettings.from_dict(as_dict) == settings
    assert "hush-hush" not in repr(settings)
    real = pytest.importorskip("infisical_client")
    assert real.ClientSettings.from_dict(as_dict).to_dict() == as_dict
