"""The client against the real server over HTTP: CRUD, scope, errors, auth modes."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from infisical_kit import (
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    NotFoundError,
    ValidationError,
)


def unique(prefix: str = "SDK") -> str:
    """A secret name no other test uses (the server is shared by the session)."""
    return f"{prefix}_{uuid.uuid4().hex[:12].upper()}"


@pytest.fixture
def bootstrap(infisical_server: Any) -> dict[str, Any]:
    data: dict[str, Any] = infisical_server.bootstrap
    return data


@pytest.mark.anyio
async def test_create_get_list_update_rename_delete(client: AsyncClient) -> None:
    name, renamed = unique(), unique("RENAMED")
    created = await client.secrets.create(name, "value-1", comment="first")
    assert created.key == name and created.value == "value-1" and created.version == 1

    fetched = await client.secrets.get(name)
    assert (fetched.key, fetched.value, fetched.comment) == (name, "value-1", "first")

    listed = {s.key: s for s in await client.secrets.list()}
    assert listed[name].value == "value-1"

    updated = await client.secrets.update(name, "value-2")
    assert updated.value == "value-2"
    refetched = await client.secrets.get(name)
    assert refetched.value == "value-2" and (refetched.version or 0) >= 2

    moved = await client.secrets.update(name, new_name=renamed)
    assert moved.key == renamed
    assert (await client.secrets.get(renamed)).value == "value-2"
    with pytest.raises(NotFoundError):
        await client.secrets.get(name)

    deleted = await client.secrets.delete(renamed)
    assert deleted.key == renamed
    with pytest.raises(NotFoundError) as info:
        await client.secrets.get(renamed)
    assert info.value.status_code == 404 and renamed in str(info.value)


@pytest.mark.anyio
async def test_default_scope_and_per_call_override(
    client: AsyncClient, bootstrap: dict[str, Any]
) -> None:
    environments = bootstrap["environments"]
    if len(environments) < 2:
        pytest.skip("the bootstrap project has a single environment")
    other = environments[1]
    name = unique()
    await client.secrets.create(name, "elsewhere", environment=other)
    try:
        assert name not in {s.key for s in await client.secrets.list()}
        assert name in {s.key for s in await client.secrets.list(environment=other)}
        fetched = await client.secrets.get(name, environment=other)
        assert fetched.value == "elsewhere" and fetched.environment == other
        with pytest.raises(NotFoundError):
            await client.secrets.get(name)
    finally:
        await client.secrets.delete(name, environment=other)


@pytest.mark.anyio
async def test_missing_secrets_raise_not_found(client: AsyncClient) -> None:
    name = unique("MISSING")
    with pytest.raises(NotFoundError):
        await client.secrets.get(name)
    with pytest.raises(NotFoundError):
        await client.secrets.delete(name)
    with pytest.raises(NotFoundError):
        await client.secrets.update(name, "x")


@pytest.mark.anyio
async def test_duplicate_create_is_a_bad_request(client: AsyncClient) -> None:
    name = unique()
    await client.secrets.create(name, "v")
    try:
        with pytest.raises(BadRequestError):
            await client.secrets.create(name, "again")
    finally:
        await client.secrets.delete(name)


@pytest.mark.anyio
async def test_hidden_values(client: AsyncClient) -> None:
    name = unique()
    await client.secrets.create(name, "do-not-show")
    try:
        hidden = {s.key: s for s in await client.secrets.list(view_secret_value=False)}[name]
        assert hidden.value != "do-not-show" and hidden.value_hidden
    finally:
        await client.secrets.delete(name)


@pytest.mark.anyio
async def test_bad_client_secret_is_an_authentication_error(
    infisical_server: Any, bootstrap: dict[str, Any]
) -> None:
    async with AsyncClient(
        infisical_server.url,
        client_id=bootstrap["client_id"],
        client_secret="definitely-wrong-secret",
        project_id=bootstrap["project_id"],
        environment=bootstrap["environments"][0],
    ) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.secrets.list()
    assert "definitely-wrong-secret" not in str(info.value)


@pytest.mark.anyio
async def test_static_token(infisical_server: Any, bootstrap: dict[str, Any]) -> None:
    async with httpx.AsyncClient(base_url=infisical_server.url) as http:
        response = await http.post(
            "/api/v1/auth/universal-auth/login",
            json={"clientId": bootstrap["client_id"], "clientSecret": bootstrap["client_secret"]},
        )
    token = response.json()["accessToken"]
    async with AsyncClient(
        infisical_server.url + "/api/",
        token=token,
        project_id=bootstrap["project_id"],
        environment=bootstrap["environments"][0],
    ) as client:
        name = unique()
        await client.secrets.create(name, "via-static-token")
        assert (await client.secrets.get(name)).value == "via-static-token"
        await client.secrets.delete(name)


@pytest.mark.anyio
async def test_bad_static_token_is_an_authentication_error(
    infisical_server: Any, bootstrap: dict[str, Any]
) -> None:
    async with AsyncClient(
        infisical_server.url,
        token="not-a-real-token",
        project_id=bootstrap["project_id"],
        environment=bootstrap["environments"][0],
    ) as client:
        with pytest.raises(AuthenticationError):
            await client.secrets.list()


@pytest.mark.anyio
async def test_validation_happens_before_any_request(infisical_server: Any) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(500)

    async with AsyncClient(
        infisical_server.url, token="t", transport=httpx.MockTransport(handler)
    ) as client:
        with pytest.raises(ValidationError) as info:
            await client.secrets.get("")
        with pytest.raises(ValidationError):
            await client.secrets.update("NAME")
    message = str(info.value)
    assert "name" in message and "project_id" in message and "environment" in message
    assert sent == []
