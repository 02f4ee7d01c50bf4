"""The official Infisical Python SDK (PyPI ``infisicalsdk``) works against our server unchanged."""

from __future__ import annotations

import uuid

import pytest
from infisical_sdk import InfisicalSDKClient
from infisical_sdk.infisical_requests import APIError

from infisical_kit.testing import LocalServer


def test_universal_auth_login_returns_a_token(infisical_server: LocalServer) -> None:
    boot = infisical_server.bootstrap
    with InfisicalSDKClient(host=infisical_server.url, cache_ttl=None) as client:
        result = client.auth.universal_auth.login(
            client_id=boot["client_id"], client_secret=boot["client_secret"]
        )
        assert result.tokenType == "Bearer"
        assert result.expiresIn > 0
        assert client.get_token() == result.accessToken


def test_secret_lifecycle(sdk: InfisicalSDKClient, infisical_server: LocalServer) -> None:
    project = infisical_server.bootstrap["project_id"]
    name = f"SDK_{uuid.uuid4().hex[:8].upper()}"
    scope = {"project_id": project, "environment_slug": "dev", "secret_path": "/"}

    created = sdk.secrets.create_secret_by_name(
        secret_name=name, secret_value="one", secret_comment="from infisicalsdk", **scope
    )
    assert (created.secretKey, created.secretValue, created.version) == (name, "one", 1)

    listed = sdk.secrets.list_secrets(**scope)
    assert name in {s.secretKey for s in listed.secrets}

    fetched = sdk.secrets.get_secret_by_name(secret_name=name, **scope)
    assert (fetched.secretValue, fetched.secretComment) == ("one", "from infisicalsdk")

    updated = sdk.secrets.update_secret_by_name(
        current_secret_name=name, secret_value="two", **scope
    )
    assert (updated.secretKey, updated.version) == (name, 2)
    assert sdk.secrets.get_secret_by_name(secret_name=name, **scope).secretValue == "two"

    renamed = sdk.secrets.update_secret_by_name(
        current_secret_name=name, new_secret_name=f"{name}_NEW", **scope
    )
    assert renamed.secretKey == f"{name}_NEW"
    assert sdk.secrets.get_secret_by_name(secret_name=f"{name}_NEW", **scope).secretValue == "two"

    deleted = sdk.secrets.delete_secret_by_name(secret_name=f"{name}_NEW", **scope)
    assert deleted.secretKey == f"{name}_NEW"
    listed_after = sdk.secrets.list_secrets(**scope)
    assert f"{name}_NEW" not in {s.secretKey for s in listed_after.secrets}


def test_missing_secret_is_a_404(sdk: InfisicalSDKClient, infisical_server: LocalServer) -> None:
    project = infisical_server.bootstrap["project_id"]
    with pytest.raises(APIError) as caught:
        sdk.secrets.get_secret_by_name(
            secret_name="DOES_NOT_EXIST",
            project_id=project,
            environment_slug="dev",
            secret_path="/",
        )
    assert caught.value.status_code == 404
    assert "DOES_NOT_EXIST" in str(caught.value)
