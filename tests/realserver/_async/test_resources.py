"""Folders, imports, projects, environments, tags and KMS against each site (issue 10 item 1:
every namespace works against the current API and the 2024-10 release).

Everything a test creates is named uniquely and deleted (through the SDK, and again through
raw HTTP in a ``finally`` in case the SDK call under test failed).
"""

from __future__ import annotations

import pytest

from infisical_kit import (
    AsyncClient,
    NotFoundError,
    PermissionDeniedError,
    UnsupportedByServerError,
)

from ..conftest import Area, unique
from ._wire import Wire
from .conftest import MakeClient


@pytest.mark.anyio
async def test_folders_create_list_get_rename_delete(client: AsyncClient, area: Area) -> None:
    made = await client.folders.create("alpha")
    assert made.name == "alpha" and made.id
    await client.folders.create("beta")
    assert sorted(f.name for f in await client.folders.list()) == ["alpha", "beta"]
    got = await client.folders.get(made.id)
    assert got.id == made.id and got.name == "alpha"
    renamed = await client.folders.update(made.id, "gamma")
    assert renamed.name == "gamma"
    assert sorted(f.name for f in await client.folders.list()) == ["beta", "gamma"]
    await client.folders.delete(made.id)  # by id
    await client.folders.delete("beta")  # by name under the client's path
    assert await client.folders.list() == []


@pytest.mark.anyio
async def test_folders_list_recursive_includes_the_subtree_or_refuses(
    client: AsyncClient, area: Area
) -> None:
    """Item 2 (the same rule for folders): ``recursive`` is honoured or refused."""
    await client.folders.create("outer")
    await client.folders.create("inner", path=area.path + "/outer")
    try:
        everything = await client.folders.list(recursive=True)
    except UnsupportedByServerError as exc:
        assert "recursive" in str(exc)
        return
    assert sorted(f.name for f in everything) == ["inner", "outer"]


@pytest.mark.anyio
async def test_imports_create_list_get_update_delete(client: AsyncClient, area: Area) -> None:
    first = area.folder("staging")
    second = area.folder("prod")
    made = await client.imports.create("staging", first)
    assert made.id and made.import_path == first and made.import_env.slug == "staging"
    other = await client.imports.create("prod", second)
    listed = await client.imports.list()
    assert [i.id for i in listed] == [made.id, other.id]
    got = await client.imports.get(made.id)
    assert got.id == made.id and got.import_path == first
    moved = await client.imports.update(other.id, position=1)
    assert moved.id == other.id
    assert [i.id for i in await client.imports.list()] == [other.id, made.id]
    await client.imports.delete(made.id)
    await client.imports.delete(other.id)
    assert await client.imports.list() == []


@pytest.mark.anyio
async def test_projects_get_and_get_by_slug(client: AsyncClient, area: Area) -> None:
    project = await client.projects.get()
    assert project.id == area.site.project_id and project.slug
    assert {"dev", "staging", "prod"} <= {env.slug for env in project.environments}
    by_slug = await client.projects.get_by_slug(project.slug)
    assert by_slug.id == project.id and by_slug.name == project.name


@pytest.mark.anyio
async def test_projects_create_update_delete(client: AsyncClient, area: Area) -> None:
    slug = unique("rc-project-")
    try:
        made = await client.projects.create(slug, slug=slug)
        assert made.slug == slug and made.id
        assert {"dev", "staging", "prod"} <= {env.slug for env in made.environments}
        updated = await client.projects.update(made.id, name=slug + "-renamed")
        assert updated.name == slug + "-renamed" and updated.id == made.id
        assert (await client.projects.get(made.id)).name == slug + "-renamed"
        deleted = await client.projects.delete(made.id)
        assert deleted.id == made.id
        with pytest.raises(NotFoundError):
            await client.projects.get(made.id)
    finally:
        area.raw.delete_project_by_slug(slug)


@pytest.mark.anyio
async def test_projects_list_works_or_says_why(client: AsyncClient, area: Area) -> None:
    """The 2024-10 server lets only users list projects: a machine identity gets a clear
    refusal, never a "route not found" 404."""
    try:
        projects = await client.projects.list()
    except (PermissionDeniedError, UnsupportedByServerError) as exc:
        assert "not found" not in str(exc).lower()
        return
    assert area.site.project_id in [p.id for p in projects]


@pytest.mark.anyio
async def test_environments_list_create_get_update_delete(client: AsyncClient, area: Area) -> None:
    slug = unique("rc-env-")
    try:
        assert {"dev", "staging", "prod"} <= {e.slug for e in await client.environments.list()}
        made = await client.environments.create("Compat", slug)
        assert made.slug == slug and made.name == "Compat" and made.id
        got = await client.environments.get(made.id)
        assert got.slug == slug
        updated = await client.environments.update(made.id, name="Compat renamed")
        assert updated.name == "Compat renamed" and updated.slug == slug
        assert slug in {e.slug for e in await client.environments.list()}
        await client.environments.delete(made.id)
        assert slug not in {e.slug for e in await client.environments.list()}
    finally:
        area.raw.delete_environment_by_slug(slug)


@pytest.mark.anyio
async def test_tags_list_create_get_update_delete(client: AsyncClient, area: Area) -> None:
    slug = unique("rc-tag-")
    made_id = None
    try:
        made = await client.tags.create(slug, color="#2f80ed")
        made_id = made.id
        assert made.slug == slug and made.id
        assert slug in [t.slug for t in await client.tags.list()]
        assert (await client.tags.get(made.id)).slug == slug
        assert (await client.tags.get_by_slug(slug)).id == made.id
        updated = await client.tags.update(made.id, slug=slug + "-b", color="#000000")
        assert updated.slug == slug + "-b" and updated.color == "#000000"
        await client.tags.delete(made.id)
        assert made.id not in [t.id for t in await client.tags.list()]
    finally:
        if made_id is not None:
            area.raw.delete_tag(made_id)


@pytest.mark.anyio
async def test_kms_create_get_encrypt_decrypt_delete(client: AsyncClient, area: Area) -> None:
    name = unique("rc-key-")
    try:
        made = await client.kms.create(name, description="compat")
        assert made.name == name and made.id
        assert [k.id for k in await client.kms.list(search=name)] == [made.id]
        assert (await client.kms.get(made.id)).name == name
        assert (await client.kms.get_by_name(name)).id == made.id
        updated = await client.kms.update(made.id, description="compat 2")
        assert updated.id == made.id and updated.description == "compat 2"
        ciphertext = await client.kms.encrypt(made.id, b"attack at dawn")
        assert ciphertext and "attack" not in ciphertext
        assert await client.kms.decrypt(made.id, ciphertext) == b"attack at dawn"
        await client.kms.delete(made.id)
        assert await client.kms.list(search=name) == []
    finally:
        area.raw.delete_kms_keys_named(name)


@pytest.mark.anyio
async def test_kms_get_of_a_missing_key_is_not_found(client: AsyncClient) -> None:
    """A missing key is a `NotFoundError` about the key, not about a missing route."""
    with pytest.raises(NotFoundError) as by_id:
        await client.kms.get("00000000-0000-4000-8000-000000000000")
    with pytest.raises(NotFoundError) as by_name:
        await client.kms.get_by_name(unique("rc-no-such-key-"))
    for caught in (by_id, by_name):
        assert "Route" not in str(caught.value), str(caught.value)


@pytest.mark.anyio
async def test_every_namespace_learns_its_routes_once(make_client: MakeClient) -> None:
    """Item 1: after one client has used each namespace, a new client of the same site sends
    no request that the server answers with "route not found"."""

    async def tour(client: AsyncClient) -> None:
        await client.secrets.list()
        await client.folders.list()
        await client.imports.list()
        await client.projects.get()
        await client.environments.list()
        await client.tags.list()
        await client.kms.list()

    first_wire = Wire()
    first = make_client(transport=first_wire)
    await tour(first)
    probes = len(first_wire.route_misses())
    await tour(first)  # the same client again: it knows the routes by now
    assert first_wire.route_misses()[probes:] == []
    wire = Wire()
    await tour(make_client(transport=wire))  # a new client of a known site
    assert wire.route_misses() == []
