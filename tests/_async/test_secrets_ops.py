"""Secrets beyond CRUD against the real server: find, upsert, get_or_create, load_into_environ,
personal fallback, the v4 -> v3 raw fallback (fault-injected) and approval responses."""

from __future__ import annotations

import os
import uuid
import warnings
from typing import Any

import httpx
import pytest

from infisical_kit import ApprovalRequiredError, AsyncClient, NotFoundError

from ._clients import client_for


def unique(prefix: str = "OPS") -> str:
    """A secret name no other test uses (the server is shared by the session)."""
    return f"{prefix}_{uuid.uuid4().hex[:12].upper()}"


@pytest.mark.anyio
async def test_find_returns_none_when_absent(client: AsyncClient) -> None:
    name = unique()
    assert await client.secrets.find(name) is None
    await client.secrets.create(name, "v")
    found = await client.secrets.find(name)
    assert found is not None and found.value == "v"
    assert await client.secrets.find(name, secret_path="/no-such-folder") is None


@pytest.mark.anyio
async def test_upsert_creates_then_updates(client: AsyncClient) -> None:
    name = unique()
    first = await client.secrets.upsert(name, "one")
    assert first.value == "one"
    await client.secrets.upsert(name, "two")
    assert (await client.secrets.get(name)).value == "two"


@pytest.mark.anyio
async def test_get_or_create_keeps_an_existing_value(client: AsyncClient) -> None:
    name = unique()
    created = await client.secrets.get_or_create(name, "default")
    assert created.value == "default"
    await client.secrets.update(name, "changed")
    again = await client.secrets.get_or_create(name, "default")
    assert again.value == "changed"


@pytest.mark.anyio
async def test_load_into_environ(client: AsyncClient, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = unique("f").lower().replace("_", "-")
    await client.folders.create(folder)
    path = "/" + folder
    kept, added = unique("KEPT"), unique("ADDED")
    await client.secrets.create(kept, "from-server", secret_path=path)
    await client.secrets.create(added, "new", secret_path=path)
    monkeypatch.setenv(kept, "local")
    monkeypatch.delenv(added, raising=False)

    names = await client.secrets.load_into_environ(secret_path=path)
    assert names == [added]
    assert os.environ[kept] == "local" and os.environ[added] == "new"

    names = await client.secrets.load_into_environ(secret_path=path, overwrite=True)
    assert sorted(names) == sorted([kept, added]) and os.environ[kept] == "from-server"


@pytest.mark.anyio
async def test_personal_lookup_falls_back_to_shared(client: AsyncClient) -> None:
    name = unique()
    await client.secrets.create(name, "shared-value")
    with pytest.raises(NotFoundError):
        await client.secrets.get(name, type="personal")
    secret = await client.secrets.get(name, type="personal", fallback_to_shared=True)
    assert secret.value == "shared-value" and secret.type == "shared"


@pytest.mark.anyio
async def test_create_with_comment_metadata_and_multiline_flag(client: AsyncClient) -> None:
    name = unique()
    await client.secrets.create(name, "v", comment="c", skip_multiline_encoding=True)
    fetched = await client.secrets.get(name)
    assert fetched.comment == "c" and fetched.skip_multiline_encoding is True


class V3OnlyServer:
    """Fault injection: every ``/api/v4`` route is missing; the rest goes to the real server."""

    def __init__(self) -> None:
        self.real = httpx.Client(timeout=30)
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        if request.url.path.startswith("/api/v4/"):
            message = f"Route {request.method}:{request.url.path} not found"
            body = {"statusCode": 404, "message": message, "error": "Not Found"}
            return httpx.Response(404, json=body)
        forwarded = httpx.Request(
            request.method, request.url, headers=request.headers, content=request.content
        )
        real = self.real.send(forwarded)
        return httpx.Response(
            real.status_code,
            headers={"content-type": real.headers.get("content-type", "application/json")},
            content=real.content,
        )


@pytest.mark.anyio
async def test_falls_back_to_v3_raw_once_and_warns_once(infisical_server: Any) -> None:
    fake = V3OnlyServer()
    name = unique("V3")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with client_for(infisical_server, transport=httpx.MockTransport(fake)) as client:
            created = await client.secrets.create(name, "v3-value")
            assert created.key == name
            assert (await client.secrets.get(name)).value == "v3-value"
            assert name in {s.key for s in await client.secrets.list()}
            await client.secrets.update(name, "v3-changed")
            assert (await client.secrets.delete(name)).key == name
            assert await client.secrets.find(name) is None
    fake.real.close()
    v4_calls = [p for p in fake.paths if p.startswith("/api/v4/")]
    assert len(v4_calls) == 1  # detected on the first call, remembered after
    assert sum(p.startswith("/api/v3/secrets/raw") for p in fake.paths) == 6
    deprecations = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert len(deprecations) == 1 and "/api/v3/secrets/" in str(deprecations[0].message)


@pytest.mark.anyio
async def test_v4_server_gets_no_warning(client: AsyncClient) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await client.secrets.list()
        await client.secrets.find(unique())
    assert not [w for w in caught if issubclass(w.category, DeprecationWarning)]


def approval_server(request: httpx.Request) -> httpx.Response:
    """Fault injection: every write is intercepted by a change-approval policy."""
    if request.url.path.startswith("/api/v1/auth/"):
        return httpx.Response(200, json={"accessToken": "t", "expiresIn": 3600})
    return httpx.Response(200, json={"approval": {"id": "approval-42", "status": "open"}})


@pytest.mark.anyio
async def test_writes_under_approval_raise_a_clear_error() -> None:
    transport = httpx.MockTransport(approval_server)
    async with AsyncClient(
        "http://server.test", token="t", project_id="p", environment="dev", transport=transport
    ) as client:
        with pytest.raises(ApprovalRequiredError) as info:
            await client.secrets.create("A", "1")
        assert info.value.approval_id == "approval-42"
        with pytest.raises(ApprovalRequiredError):
            await client.secrets.batch_create({"A": "1", "B": "2"})
        with pytest.raises(ApprovalRequiredError):
            await client.secrets.delete("A")
