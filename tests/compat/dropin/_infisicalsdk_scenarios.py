"""Scenarios written against the ``infisicalsdk`` 1.0.18 API. Each takes the SDK module (the
real ``infisical_sdk`` or ``infisical_kit.compat.infisicalsdk``: the only difference is that
import) and a `Target`, and asserts what that SDK's users rely on."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

import pytest


@dataclass(frozen=True)
class Target:
    """A server, a machine identity that administers `project_id`, and that project."""

    url: str
    client_id: str
    client_secret: str
    project_id: str
    project_slug: str


def logged_in(sdk: ModuleType, target: Target, cache_ttl: int | None = None) -> object:
    """An ``InfisicalSDKClient`` logged in with universal auth."""
    client = sdk.InfisicalSDKClient(host=target.url, cache_ttl=cache_ttl)
    client.auth.universal_auth.login(client_id=target.client_id, client_secret=target.client_secret)
    return client


def name(prefix: str = "S") -> str:
    """A fresh secret name."""
    return f"{prefix}_{uuid.uuid4().hex[:8].upper()}"


def universal_auth_login(sdk: ModuleType, target: Target) -> None:
    with sdk.InfisicalSDKClient(host=target.url, cache_ttl=None) as client:
        result = client.auth.universal_auth.login(
            client_id=target.client_id, client_secret=target.client_secret
        )
        assert result.tokenType == "Bearer"
        assert result.expiresIn > 0 and result.accessTokenMaxTTL >= 0
        assert isinstance(result.accessToken, str) and result.accessToken
        assert client.get_token() == result.accessToken


def token_auth_login(sdk: ModuleType, target: Target) -> None:
    with logged_in(sdk, target) as first:
        token = first.get_token()
    with sdk.InfisicalSDKClient(host=target.url, cache_ttl=None) as client:
        assert client.auth.token_auth.login(token=token) == token
        listed = client.secrets.list_secrets(
            environment_slug="dev", secret_path="/", project_id=target.project_id
        )
        assert listed.secrets == []
    with sdk.InfisicalSDKClient(host=target.url, token=token, cache_ttl=None) as client:
        assert client.get_token() == token


def secret_lifecycle(sdk: ModuleType, target: Target) -> None:
    key = name()
    scope = {"project_id": target.project_id, "environment_slug": "dev", "secret_path": "/"}
    with logged_in(sdk, target) as client:
        created = client.secrets.create_secret_by_name(
            secret_name=key,
            secret_value="one",
            secret_comment="a comment",
            secret_reminder_repeat_days=30,
            secret_reminder_note="rotate it",
            secret_metadata=[{"key": "team", "value": "core"}],
            **scope,
        )
        assert isinstance(created, sdk.BaseSecret)
        assert (created.secretKey, created.secretValue, created.version) == (key, "one", 1)
        assert created.secretComment == "a comment" and created.type == "shared"
        assert created.workspace == target.project_id and created._id == created.id

        fetched = client.secrets.get_secret_by_name(secret_name=key, **scope)
        assert fetched.secretValue == "one"
        assert (fetched.secretReminderRepeatDays, fetched.secretReminderNote) == (30, "rotate it")
        assert [(m["key"], m["value"]) for m in fetched.secretMetadata] == [("team", "core")]
        assert fetched.createdAt.endswith("Z") and fetched.updatedAt

        updated = client.secrets.update_secret_by_name(
            current_secret_name=key, secret_value="two", new_secret_name=f"{key}_NEW", **scope
        )
        assert (updated.secretKey, updated.version) == (f"{key}_NEW", 2)
        old = client.secrets.get_secret_by_name(secret_name=f"{key}_NEW", version="1", **scope)
        assert old.secretValue == "one"

        deleted = client.secrets.delete_secret_by_name(secret_name=f"{key}_NEW", **scope)
        assert deleted.secretKey == f"{key}_NEW"
        listed = client.secrets.list_secrets(**scope)
        assert isinstance(listed, sdk.ListSecretsResponse)
        assert f"{key}_NEW" not in {s.secretKey for s in listed.secrets}


def list_options_and_imports(sdk: ModuleType, target: Target) -> None:
    scope = {"project_id": target.project_id, "environment_slug": "staging"}
    with logged_in(sdk, target) as client:
        client.folders.create_folder(
            name="app", environment_slug="staging", project_id=target.project_id
        )
        client.secrets.create_secret_by_name(
            secret_name="BASE", secret_value="b", secret_path="/", **scope
        )
        client.secrets.create_secret_by_name(
            secret_name="REF", secret_value="${staging.BASE}-x", secret_path="/app", **scope
        )
        top = client.secrets.list_secrets(secret_path="/", recursive=True, **scope)
        assert {(s.secretKey, s.secretPath) for s in top.secrets} == {
            ("BASE", "/"),
            ("REF", "/app"),
        }
        app = client.secrets.list_secrets(secret_path="/app", **scope).secrets
        assert [(s.secretKey, s.secretValue) for s in app] == [("REF", "b-x")]
        raw = client.secrets.list_secrets(
            secret_path="/app", expand_secret_references=False, **scope
        ).secrets
        assert raw[0].secretValue == "${staging.BASE}-x"
        hidden = client.secrets.list_secrets(
            secret_path="/app", view_secret_value=False, **scope
        ).secrets
        assert hidden[0].secretValueHidden is True and hidden[0].secretValue != "b-x"
        by_slug = client.secrets.list_secrets(
            secret_path="/",
            project_slug=target.project_slug,
            environment_slug="staging",
            include_imports=False,
        )
        assert [s.secretKey for s in by_slug.secrets] == ["BASE"] and by_slug.imports == []


def folder_lifecycle(sdk: ModuleType, target: Target) -> None:
    pid = target.project_id
    with logged_in(sdk, target) as client:
        created = client.folders.create_folder(
            name="svc", environment_slug="dev", project_id=pid, description="services"
        )
        assert (created.name, created.description, created.path) == ("svc", "services", "/svc")
        nested = client.folders.create_folder(
            name="inner", environment_slug="dev", project_id=pid, path="/svc"
        )
        one = client.folders.get_folder_by_id(nested.id)
        assert (one.name, one.path, one.projectId) == ("inner", "/svc/inner", pid)
        assert (one.environment.envSlug, one.environment.envId) == ("dev", one.envId)
        listed = client.folders.list_folders(project_id=pid, environment_slug="dev", path="/")
        assert [f.name for f in listed.folders] == ["svc"]
        everything = client.folders.list_folders(
            project_id=pid, environment_slug="dev", path="/", recursive=True
        )
        assert sorted(f.name for f in everything.folders) == ["inner", "svc"]
        renamed = client.folders.update_folder(
            folder_id=created.id, name="services", environment_slug="dev", project_id=pid
        )
        assert renamed.name == "services"
        gone = client.folders.delete_folder(
            folder_id_or_name="services", environment_slug="dev", project_id=pid
        )
        assert gone.id == created.id
        left = client.folders.list_folders(project_id=pid, environment_slug="dev", path="/")
        assert left.folders == []


def kms_lifecycle(sdk: ModuleType, target: Target) -> None:
    pid = target.project_id
    with logged_in(sdk, target) as client:
        algorithm = sdk.SymmetricEncryption.AES_GCM_256
        key = client.kms.create_key(
            name="key-b", project_id=pid, encryption_algorithm=algorithm, description="b"
        )
        client.kms.create_key(name="key-a", project_id=pid, encryption_algorithm=algorithm)
        assert (key.name, key.description, key.isDisabled) == ("key-b", "b", False)
        assert key.encryptionAlgorithm == algorithm and key.projectId == pid
        assert client.kms.get_key_by_id(key.id).name == "key-b"
        assert client.kms.get_key_by_name(key_name="key-b", project_id=pid).id == key.id

        page = client.kms.list_keys(project_id=pid, limit=1)
        assert page.totalCount == 2 and [k.name for k in page.keys] == ["key-a"]
        order = import_module(f"{sdk.__name__}.api_types").OrderDirection
        desc = client.kms.list_keys(project_id=pid, order_direction=order.DESC)
        assert [k.name for k in desc.keys] == ["key-b", "key-a"]
        assert [k.name for k in client.kms.list_keys(project_id=pid, search="b").keys] == ["key-b"]

        plaintext = base64.b64encode(b"My secret message").decode()
        ciphertext = client.kms.encrypt_data(key_id=key.id, base64EncodedPlaintext=plaintext)
        assert client.kms.decrypt_data(key_id=key.id, ciphertext=ciphertext) == plaintext

        disabled = client.kms.update_key(key_id=key.id, is_disabled=True, name="key-c")
        assert (disabled.isDisabled, disabled.name) == (True, "key-c")
        with pytest.raises(sdk.InfisicalError):
            client.kms.encrypt_data(key_id=key.id, base64EncodedPlaintext=plaintext)
        assert client.kms.delete_key(key_id=key.id).id == key.id


def errors(sdk: ModuleType, target: Target) -> None:
    api_error = import_module(f"{sdk.__name__}.infisical_requests").APIError
    with logged_in(sdk, target) as client:
        with pytest.raises(api_error) as caught:
            client.secrets.get_secret_by_name(
                secret_name="MISSING",
                environment_slug="dev",
                secret_path="/",
                project_id=target.project_id,
            )
        assert caught.value.status_code == 404 and "MISSING" in str(caught.value)
        assert isinstance(caught.value, sdk.InfisicalError)
        with pytest.raises(ValueError, match="project_slug or project_id"):
            client.secrets.list_secrets(environment_slug="dev", secret_path="/")
    with sdk.InfisicalSDKClient(host=target.url, cache_ttl=None) as client:
        with pytest.raises(api_error) as caught:
            client.auth.universal_auth.login(client_id=target.client_id, client_secret="wrong")
        assert caught.value.status_code == 401


SCENARIOS: list[Callable[[ModuleType, Target], None]] = [
    universal_auth_login,
    token_auth_login,
    secret_lifecycle,
    list_options_and_imports,
    folder_lifecycle,
    kms_lifecycle,
    errors,
]
