"""Projects, environments, tags, KMS, imports and batch secrets against the real server."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from infisical_kit import AsyncClient


def uid() -> str:
    """A short unique suffix."""
    return uuid.uuid4().hex[:8]


@pytest.mark.anyio
async def test_project_and_environments(client: AsyncClient, infisical_server: Any) -> None:
    project = await client.projects.get()
    assert project.id == infisical_server.bootstrap["project_id"]
    slugs = {e.slug for e in await client.environments.list()}
    assert set(infisical_server.bootstrap["environments"]) <= slugs


@pytest.mark.anyio
async def test_tags_crud(client: AsyncClient) -> None:
    slug = f"t-{uid()}"
    tag = await client.tags.create(slug, color="#ff0000")
    assert tag.slug == slug
    assert (await client.tags.get_by_slug(slug)).id == tag.id
    renamed = await client.tags.update(tag.id, slug=f"{slug}-x")
    assert renamed.slug == f"{slug}-x" and renamed.color == "#ff0000"
    await client.tags.delete(tag.id)
    assert tag.id not in {t.id for t in await client.tags.list()}


@pytest.mark.anyio
async def test_kms_round_trip(client: AsyncClient) -> None:
    key = await client.kms.create(f"k-{uid()}")
    ciphertext = await client.kms.encrypt(key.id, b"\x00secret bytes")
    assert await client.kms.decrypt(key.id, ciphertext) == b"\x00secret bytes"
    assert (await client.kms.get_by_name(key.name)).id == key.id
    await client.kms.delete(key.id)


@pytest.mark.anyio
async def test_batch_create_update_delete(client: AsyncClient) -> None:
    a, b = f"BATCH_A_{uid()}".upper(), f"BATCH_B_{uid()}".upper()
    created = await client.secrets.batch_create({a: "1", b: "2"})
    assert {s.key for s in created} == {a, b}
    await client.secrets.batch_update([{"name": a, "value": "10"}])
    assert (await client.secrets.get(a)).value == "10"
    deleted = await client.secrets.batch_delete([a, b])
    assert {s.key for s in deleted} == {a, b}
    assert await client.secrets.find(a) is None
