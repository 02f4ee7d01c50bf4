"""``infisical-httpx-sdk`` 1.1.0's API (sync and async) on our server through the drop-in:
its provider chain, a custom provider of its kind inside infisical-kit's chain, its errors."""

from __future__ import annotations

import pytest

from infisical_kit import Client
from infisical_kit.compat.infisical_httpx import InfisicalAsyncClient, InfisicalClient
from infisical_kit.compat.infisical_httpx.credentials.providers import (
    BaseInfisicalProvider,
    InfisicalCredentialProviderChain,
    ProviderAdapter,
)
from infisical_kit.compat.infisical_httpx.exceptions import (
    InfisicalCredentialsError,
    InfisicalHTTPError,
    InfisicalResourceError,
)
from infisical_kit.compat.infisical_httpx.resources.folders import (
    CreateFolderRequest,
    DeleteFolderRequest,
    UpdateFolderRequest,
)
from infisical_kit.compat.infisical_httpx.resources.secrets import (
    CreateSecretRequest,
    DeleteSecretRequest,
    UpdateSecretRequest,
)
from infisical_kit.errors import APIError, NotFoundError, NotSupportedError
from infisical_kit.testing.plugin import InfisicalProject


def test_secrets_and_folders(infisical_project: InfisicalProject) -> None:
    pid = infisical_project.id
    with InfisicalClient(
        endpoint=infisical_project.site_url,
        client_id=infisical_project.client_id,
        client_secret=infisical_project.client_secret,
    ) as client:
        scope = {"workspace_id": pid, "environment": "dev"}
        created = client.secrets.v3.create(
            CreateSecretRequest(name="API_KEY", secret_value="v1", secret_comment="c", **scope)
        )
        assert (created.secret_key, created.secret_value, created.version) == ("API_KEY", "v1", 1)
        assert (created.secret_type, created.workspace) == ("shared", pid)
        listed = client.secrets.v3.list(workspaceId=pid, environment="dev")
        assert [s.secret_key for s in listed.secrets] == ["API_KEY"]
        assert listed.secrets[0].secret_value_hidden is True  # as the original: no values listed
        got = client.secrets.v3.retrieve(name="API_KEY", workspaceId=pid, environment="dev")
        assert got.secret_value == "v1"
        updated = client.secrets.v3.update(
            UpdateSecretRequest(name="API_KEY", secret_value="v2", new_secret_name="KEY", **scope)
        )
        assert (updated.secret_key, updated.version) == ("KEY", 2)
        deleted = client.secrets.v3.delete(DeleteSecretRequest(name="KEY", **scope))
        assert deleted.secret_key == "KEY"

        folder = client.folders.v1.create(CreateFolderRequest(name="svc", **scope))
        one = client.folders.v1.get_by_id(folder_id=folder.folder_id)
        assert (one.name, one.path, one.project_id) == ("svc", "/svc", pid)
        assert one.environment is not None and one.environment.env_slug == "dev"
        renamed = client.folders.v1.update(
            UpdateFolderRequest(folder_id=folder.folder_id, description="d", **scope)
        )
        assert (renamed.name, renamed.description) == ("svc", "d")
        assert [
            f.name for f in client.folders.v1.list(workspaceId=pid, environment="dev").folders
        ] == ["svc"]
        gone = client.folders.v1.delete(DeleteFolderRequest(folder_id_or_name="svc", **scope))
        assert gone.folder_id == folder.folder_id


@pytest.mark.anyio
async def test_the_async_client(infisical_project: InfisicalProject) -> None:
    pid = infisical_project.id
    async with InfisicalAsyncClient(
        endpoint=infisical_project.site_url,
        client_id=infisical_project.client_id,
        client_secret=infisical_project.client_secret,
    ) as client:
        scope = {"workspace_id": pid, "environment": "dev"}
        await client.secrets.v3.create(CreateSecretRequest(name="A", secret_value="1", **scope))
        got = await client.secrets.v3.retrieve(name="A", workspaceId=pid, environment="dev")
        assert got.secret_value == "1"
        folder = await client.folders.v1.create(CreateFolderRequest(name="f", **scope))
        assert (await client.folders.v1.get_by_id(folder_id=folder.folder_id)).path == "/f"
        with pytest.raises(InfisicalHTTPError) as caught:
            await client.secrets.v3.retrieve(name="NOPE", workspaceId=pid, environment="dev")
        assert caught.value.status_code == 404


def test_errors(infisical_project: InfisicalProject, monkeypatch: pytest.MonkeyPatch) -> None:
    pid = infisical_project.id
    with InfisicalClient(
        endpoint=infisical_project.site_url,
        client_id=infisical_project.client_id,
        client_secret=infisical_project.client_secret,
    ) as client:
        with pytest.raises(InfisicalHTTPError) as caught:
            client.secrets.v3.retrieve(name="NOPE", workspaceId=pid, environment="dev")
        assert caught.value.status_code == 404 and isinstance(caught.value, APIError)
        assert isinstance(caught.value.__cause__, NotFoundError)
        with pytest.raises(InfisicalResourceError, match="workspaceId"):
            client.secrets.v3.list(environment="dev")
        with pytest.raises(NotSupportedError, match="certificates"):
            client.certificates.v1.get_certificate_bundle(serial_number="1")
    monkeypatch.delenv("INFISICAL_TOKEN", raising=False)
    with pytest.raises(InfisicalCredentialsError, match="No valid Infisical credentials"):
        InfisicalClient(endpoint=infisical_project.site_url)
    with pytest.raises(InfisicalCredentialsError, match="not both"):
        InfisicalClient(endpoint=infisical_project.site_url, token="t", client_id="c")


def test_credentials_from_the_environment(
    infisical_project: InfisicalProject, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INFISICAL_URL", infisical_project.site_url)
    monkeypatch.setenv("INFISICAL_CLIENT_ID", infisical_project.client_id)
    monkeypatch.setenv("INFISICAL_CLIENT_SECRET", infisical_project.client_secret)
    with InfisicalClient() as client:
        assert client.url == infisical_project.site_url
        listed = client.secrets.v3.list(workspaceId=infisical_project.id, environment="dev")
        assert listed.secrets == []


def test_a_custom_provider_joins_our_chain(infisical_project: InfisicalProject) -> None:
    """Both spellings of the hook work (the SDK's ``__load__``, its README's ``_load``), and
    the provider runs again whenever the client must log in again."""
    loads: list[str] = []

    class Dunder(BaseInfisicalProvider):
        def __load__(self) -> None:
            loads.append("dunder")
            self.client_id = infisical_project.client_id
            self.client_secret = infisical_project.client_secret
            self.url = infisical_project.site_url

    class Readme(BaseInfisicalProvider):
        def _load(self) -> None:
            loads.append("readme")
            self.client_id = infisical_project.client_id
            self.client_secret = infisical_project.client_secret
            self.url = infisical_project.site_url

    for provider in (Dunder(), Readme()):
        chain = InfisicalCredentialProviderChain()
        chain.add_provider(provider, 0)
        with InfisicalClient(provider_chain=chain) as client:
            assert client.url == infisical_project.site_url
            client.secrets.v3.list(workspaceId=infisical_project.id, environment="dev")
    assert set(loads) == {"dunder", "readme"}  # (at construction, and at the first login)
    loads.clear()

    with Client(credentials=ProviderAdapter(Dunder()), project_id=infisical_project.id,
                environment="dev", cache_ttl=0) as ours:  # fmt: skip
        assert ours.site_url == infisical_project.site_url
        ours.secrets.list()
        asked = len(loads)
        ours.auth.revoke()
        ours.secrets.list()  # logs in again: the provider is asked again
    assert asked >= 1 and len(loads) == asked + 1 and set(loads) == {"dunder"}
