"""Namespaces against the real server, each test on a fresh project (``infisical_project``):
imports (full lifecycle and imported values in lists), folders get/update/delete, KMS
sign/verify, project create/delete, environment create/update/delete, tags on secrets."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from infisical_kit import AsyncClient, NotFoundError, UnexpectedResponseError, ValidationError


def uid() -> str:
    """A short unique suffix."""
    return uuid.uuid4().hex[:8]


@pytest.fixture
async def client(infisical_project: Any) -> AsyncIterator[AsyncClient]:
    async with AsyncClient(**infisical_project.client_kwargs("dev"), cache_ttl=0) as client:
        yield client


@pytest.mark.anyio
async def test_imports_lifecycle_and_imported_values(client: AsyncClient) -> None:
    await client.secrets.create("SHARED_KEY", "from-staging", environment="staging")
    await client.secrets.create("ONLY_STAGING", "s", environment="staging")
    await client.folders.create("common", environment="prod")
    await client.secrets.create(
        "SHARED_KEY", "from-prod", environment="prod", secret_path="/common"
    )
    await client.secrets.create("OWN", "dev-value")

    first = await client.imports.create("staging", "/")
    assert first.import_env.slug == "staging" and first.import_path == "/" and first.id
    second = await client.imports.create("prod", "common")  # path normalized to /common
    assert second.import_path == "/common"
    listed = await client.imports.list()
    assert [i.id for i in listed] == [first.id, second.id]
    assert [i.position for i in listed] == [1, 2]
    got = await client.imports.get(second.id)
    assert got.id == second.id and got.import_env.slug == "prod"

    plain = {s.key for s in await client.secrets.list()}
    assert plain == {"OWN"}
    merged = {s.key: s.value for s in await client.secrets.list(include_imports=True)}
    # The later import (prod /common) wins over the earlier one; the direct secret is kept.
    assert merged == {"OWN": "dev-value", "SHARED_KEY": "from-prod", "ONLY_STAGING": "s"}

    moved = await client.imports.update(second.id, position=1)
    assert moved.position == 1
    assert [i.id for i in await client.imports.list()] == [second.id, first.id]
    merged = {s.key: s.value for s in await client.secrets.list(include_imports=True)}
    assert merged["SHARED_KEY"] == "from-staging"  # now staging is the later import

    with pytest.raises(ValidationError) as info:
        await client.imports.update(first.id)
    assert "nothing to update" in str(info.value)

    deleted = await client.imports.delete(first.id)
    assert deleted.id == first.id
    assert [i.id for i in await client.imports.list()] == [second.id]
    merged = {s.key: s.value for s in await client.secrets.list(include_imports=True)}
    assert merged == {"OWN": "dev-value", "SHARED_KEY": "from-prod"}
    with pytest.raises(NotFoundError):
        await client.imports.get(first.id)


@pytest.mark.anyio
async def test_import_into_a_folder_and_get_through_it(client: AsyncClient) -> None:
    await client.secrets.create("FROM_STAGING", "st", environment="staging")
    await client.folders.create("app")
    made = await client.imports.create("staging", "/", path="/app")
    assert [i.id for i in await client.imports.list(path="/app")] == [made.id]
    assert await client.imports.list() == []  # the root folder imports nothing
    got = await client.secrets.get("FROM_STAGING", secret_path="/app")
    assert got.value == "st"
    with pytest.raises(NotFoundError):
        await client.secrets.get("FROM_STAGING", secret_path="/app", include_imports=False)
    listed = await client.secrets.list(secret_path="/app", include_imports=True)
    assert [(s.key, s.value) for s in listed] == [("FROM_STAGING", "st")]
    await client.imports.delete(made.id, path="/app")
    assert await client.imports.list(path="/app") == []


@pytest.mark.anyio
async def test_folders_get_update_delete(client: AsyncClient) -> None:
    parent = await client.folders.create(f"p-{uid()}", description="parent")
    child = await client.folders.create("child", path=f"/{parent.name}")
    await client.secrets.create("INSIDE", "x", secret_path=f"/{parent.name}/child")

    got = await client.folders.get(child.id)
    assert got.id == child.id and got.name == "child" and got.path == f"/{parent.name}/child"

    renamed = await client.folders.update(parent.id, f"{parent.name}-r", description="moved")
    assert renamed.id == parent.id and renamed.name == f"{parent.name}-r"
    assert renamed.description == "moved"
    assert (await client.folders.get(child.id)).path == f"/{parent.name}-r/child"
    inside = await client.secrets.get("INSIDE", secret_path=f"/{parent.name}-r/child")
    assert inside.value == "x"

    again = await client.folders.rename(child.id, "kid", path=f"/{parent.name}-r")
    assert again.name == "kid"

    deleted = await client.folders.delete(parent.id)
    assert deleted.id == parent.id
    with pytest.raises(NotFoundError):
        await client.folders.get(parent.id)
    with pytest.raises(NotFoundError):
        await client.folders.get(child.id)
    assert parent.id not in {f.id for f in await client.folders.list()}

    by_name = await client.folders.create(f"n-{uid()}")
    await client.folders.create("deep", path=f"/{by_name.name}")
    with pytest.raises(NotFoundError):  # a name is relative to `path` (default "/")
        await client.folders.delete("deep")
    assert (await client.folders.delete(by_name.name)).id == by_name.id
    with pytest.raises(ValidationError):
        await client.folders.get("")


@pytest.mark.anyio
async def test_nested_folder_update_and_delete_by_id_without_path(client: AsyncClient) -> None:
    # The server only finds a folder under its parent path: the client locates it by id.
    top = await client.folders.create(f"t-{uid()}")
    mid = await client.folders.create("mid", path=f"/{top.name}")
    leaf = await client.folders.create("leaf", path=f"/{top.name}/mid")
    renamed = await client.folders.update(leaf.id, "leaf2", description="d")
    assert (renamed.id, renamed.name) == (leaf.id, "leaf2")
    assert (await client.folders.get(leaf.id)).path == f"/{top.name}/mid/leaf2"
    assert (await client.folders.rename(mid.id, "mid2")).name == "mid2"
    assert (await client.folders.delete(leaf.id)).id == leaf.id
    assert await client.folders.list(path=f"/{top.name}/mid2") == []
    with pytest.raises(NotFoundError):  # an explicit wrong path is not second-guessed
        await client.folders.update(mid.id, "mid3", path="/")
    with pytest.raises(NotFoundError):
        await client.folders.delete(str(uuid.uuid4()))
    assert (await client.folders.get(mid.id)).name == "mid2"


@pytest.mark.anyio
async def test_kms_sign_and_verify(client: AsyncClient) -> None:
    key = await client.kms.create(
        f"sv-{uid()}", key_usage="sign-verify", encryption_algorithm="ECC_NIST_P256"
    )
    assert key.id
    data = b"message to sign"
    signature = await client.kms.sign(key.id, data, algorithm="ECDSA_SHA_256")
    assert signature
    assert await client.kms.verify(key.id, data, signature, algorithm="ECDSA_SHA_256") is True
    assert await client.kms.verify(key.id, b"tampered", signature, algorithm="ECDSA_SHA_256") is (
        False
    )
    digest = hashlib.sha256(data).digest()
    by_digest = await client.kms.sign(key.id, digest, algorithm="ECDSA_SHA_256", is_digest=True)
    assert await client.kms.verify(key.id, data, by_digest, algorithm="ECDSA_SHA_256") is True
    text = await client.kms.sign(key.id, "text is signed as UTF-8", algorithm="ECDSA_SHA_256")
    assert await client.kms.verify(
        key.id, b"text is signed as UTF-8", text, algorithm="ECDSA_SHA_256"
    )
    with pytest.raises(ValidationError):
        await client.kms.sign(key.id, data, algorithm="")
    await client.kms.delete(key.id)


@pytest.mark.anyio
async def test_project_create_delete_round_trip(client: AsyncClient) -> None:
    slug = f"proj-{uid()}"
    project = await client.projects.create(f"Project {slug}", slug=slug, description="tmp")
    assert project.slug == slug and project.id
    assert {e.slug for e in project.environments} == {"dev", "staging", "prod"}
    assert (await client.projects.get(project.id)).id == project.id
    assert (await client.projects.get_by_slug(slug)).id == project.id
    assert project.id in {p.id for p in await client.projects.list()}
    deleted = await client.projects.delete(project.id)
    assert deleted.id == project.id
    with pytest.raises(NotFoundError):
        await client.projects.get(project.id)
    assert project.id not in {p.id for p in await client.projects.list()}


@pytest.mark.anyio
async def test_environments_create_update_delete(client: AsyncClient) -> None:
    slug = f"qa-{uid()}"
    env = await client.environments.create("QA", slug)
    assert env.slug == slug and env.name == "QA" and env.id
    assert (await client.environments.get(env.id)).slug == slug
    assert slug in {e.slug for e in await client.environments.list()}
    await client.secrets.create("IN_QA", "q", environment=slug)

    updated = await client.environments.update(env.id, name="Quality", slug=f"{slug}-2")
    assert (updated.id, updated.name, updated.slug) == (env.id, "Quality", f"{slug}-2")
    assert (await client.secrets.get("IN_QA", environment=f"{slug}-2")).value == "q"
    moved = await client.environments.update(env.id, position=1)
    assert moved.position == 1
    # The server keeps positions as given (a tie with dev, which was created first).
    order = [e.slug for e in await client.environments.list()]
    assert order.index(f"{slug}-2") < order.index("staging") < order.index("prod")

    deleted = await client.environments.delete(env.id)
    assert deleted.id == env.id
    slugs = {e.slug for e in await client.environments.list()}
    assert f"{slug}-2" not in slugs and {"dev", "staging", "prod"} <= slugs
    with pytest.raises(NotFoundError):
        await client.environments.get(env.id)


@pytest.mark.anyio
async def test_tags_on_secrets(client: AsyncClient) -> None:
    red = await client.tags.create(f"red-{uid()}", color="#ff0000")
    blue = await client.tags.create(f"blue-{uid()}", name="Blue")
    assert blue.color and red.color == "#ff0000"
    await client.secrets.create("TAGGED_RED", "r", tag_ids=[red.id])
    await client.secrets.create("TAGGED_BOTH", "rb", tag_ids=[red.id, blue.id])
    await client.secrets.create("UNTAGGED", "u")

    both = await client.secrets.get("TAGGED_BOTH")
    assert {t.slug for t in both.tags} == {red.slug, blue.slug}
    assert {s.key for s in await client.secrets.list(tag_slugs=[red.slug])} == {
        "TAGGED_RED",
        "TAGGED_BOTH",
    }
    assert {s.key for s in await client.secrets.list(tag_slugs=[blue.slug])} == {"TAGGED_BOTH"}
    assert len(await client.secrets.list()) == 3

    await client.tags.delete(blue.id)
    assert await client.secrets.list(tag_slugs=[blue.slug]) == []
    assert {t.slug for t in (await client.secrets.get("TAGGED_BOTH")).tags} == {red.slug}
    with pytest.raises(ValidationError):
        await client.secrets.create("BAD_TAGS", "x", tag_ids="not-a-list")


class NullingTransport(httpx.AsyncBaseTransport):
    """Forwards to the real transport; sets `field` of the JSON answers of `suffix` to null."""

    def __init__(self, suffix: str, field: str) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.suffix, self.field = suffix, field

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        if not request.url.path.endswith(self.suffix):
            return response
        body = json.loads(await response.aread())
        body[self.field] = None
        return httpx.Response(response.status_code, json=body)

    async def aclose(self) -> None:
        await self._inner.aclose()


@pytest.mark.anyio
async def test_kms_sign_verify_reject_malformed_answers(infisical_project: Any) -> None:
    kwargs = infisical_project.client_kwargs("dev")
    async with AsyncClient(**kwargs) as client:
        key = await client.kms.create(
            f"sv-{uid()}", key_usage="sign-verify", encryption_algorithm="ECC_NIST_P256"
        )
        signature = await client.kms.sign(key.id, b"m", algorithm="ECDSA_SHA_256")
    async with AsyncClient(**kwargs, transport=NullingTransport("/sign", "signature")) as client:
        with pytest.raises(UnexpectedResponseError) as info:
            await client.kms.sign(key.id, b"m", algorithm="ECDSA_SHA_256")
        assert "signature" in str(info.value)
    nulling = NullingTransport("/verify", "signatureValid")
    async with AsyncClient(**kwargs, transport=nulling) as client:
        with pytest.raises(UnexpectedResponseError):
            await client.kms.verify(key.id, b"m", signature, algorithm="ECDSA_SHA_256")
