"""`client.folders` against the real server (create and list; the rest once the routes land)."""

from __future__ import annotations

import uuid

import pytest

from infisical_kit import AsyncClient, BadRequestError, NotFoundError


def folder_name() -> str:
    """A folder name no other test uses."""
    return f"f-{uuid.uuid4().hex[:10]}"


@pytest.mark.anyio
async def test_create_nested_and_list(client: AsyncClient) -> None:
    parent, child = folder_name(), folder_name()
    created = await client.folders.create(parent, description="top")
    assert created.name == parent and created.id
    nested = await client.folders.create(child, path=f"/{parent}")
    assert nested.name == child and nested.path == f"/{parent}/{child}"
    top = {f.name for f in await client.folders.list()}
    assert parent in top and child not in top
    assert [f.name for f in await client.folders.list(path=f"/{parent}")] == [child]
    # Secrets can now live in the nested folder.
    secret = await client.secrets.create("IN_FOLDER", "v", secret_path=f"/{parent}/{child}")
    assert secret.key == "IN_FOLDER"


@pytest.mark.anyio
async def test_missing_parent_and_bad_name_are_client_errors(client: AsyncClient) -> None:
    with pytest.raises((NotFoundError, BadRequestError)):
        await client.folders.create(folder_name(), path="/does-not-exist")
    with pytest.raises(NotFoundError):
        await client.folders.list(path="/does-not-exist")
