"""`client.secrets` against each site: every operation, and issue 10 items 1, 2, 5 and 6.

Each test works in its own fresh folder (`area`). Every check passes against our own server and
against the real Infisical 2024-10 backend (docs/dev/real-server-findings.md).
"""

from __future__ import annotations

import contextlib
import os
import warnings

import pytest

from infisical_kit import (
    AlreadyExistsError,
    AsyncClient,
    BadRequestError,
    NotFoundError,
    UnsupportedByServerError,
)

from ..conftest import Area, unique
from ._wire import Wire
from .conftest import MakeClient


@pytest.mark.anyio
async def test_create_get_list_update_delete(client: AsyncClient, area: Area) -> None:
    created = await client.secrets.create("DB_URL", "postgres://one", comment="the db")
    assert created.key == "DB_URL" and created.comment == "the db"
    got = await client.secrets.get("DB_URL")
    assert got.value == "postgres://one" and got.comment == "the db" and got.version == 1
    assert [s.key for s in await client.secrets.list()] == ["DB_URL"]
    updated = await client.secrets.update("DB_URL", "postgres://two")
    assert updated.version == 2
    assert (await client.secrets.get("DB_URL")).value == "postgres://two"
    deleted = await client.secrets.delete("DB_URL")
    assert deleted.key == "DB_URL"
    assert await client.secrets.list() == []
    assert await client.secrets.find("DB_URL") is None


@pytest.mark.anyio
async def test_upsert_get_or_create_and_load_into_environ(
    client: AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (await client.secrets.upsert("API_KEY", "first")).key == "API_KEY"
    await client.secrets.upsert("API_KEY", "second")
    assert (await client.secrets.get("API_KEY")).value == "second"
    kept = await client.secrets.get_or_create("API_KEY", "never")
    assert kept.value == "second"
    made = await client.secrets.get_or_create("OTHER_KEY", "default")
    assert (await client.secrets.get("OTHER_KEY")).value == "default" and made.key == "OTHER_KEY"
    monkeypatch.delenv("API_KEY", raising=False)
    monkeypatch.setenv("OTHER_KEY", "from-the-environment")
    names = await client.secrets.load_into_environ()
    assert names == ["API_KEY"]
    assert os.environ["API_KEY"] == "second" and os.environ["OTHER_KEY"] == "from-the-environment"


@pytest.mark.anyio
async def test_batch_create_update_delete(client: AsyncClient) -> None:
    created = await client.secrets.batch_create({"B_ONE": "1", "B_TWO": "2"})
    assert sorted(s.key for s in created) == ["B_ONE", "B_TWO"]
    await client.secrets.batch_update([{"name": "B_ONE", "value": "uno"}])
    values = {s.key: s.value for s in await client.secrets.list()}
    assert values == {"B_ONE": "uno", "B_TWO": "2"}
    deleted = await client.secrets.batch_delete(["B_ONE", "B_TWO"])
    assert sorted(s.key for s in deleted) == ["B_ONE", "B_TWO"]
    assert await client.secrets.list() == []


@pytest.mark.anyio
async def test_batch_update_upsert_creates_the_missing_or_refuses(client: AsyncClient) -> None:
    """Item 2: ``mode="upsert"`` is emulated or refused, never half done."""
    await client.secrets.create("U_PRESENT", "old")
    try:
        await client.secrets.batch_update(
            [{"name": "U_PRESENT", "value": "new"}, {"name": "U_MISSING", "value": "made"}],
            mode="upsert",
        )
    except UnsupportedByServerError as exc:
        assert "upsert" in str(exc)
        assert (await client.secrets.get("U_PRESENT")).value == "old"  # nothing changed
    else:
        values = {s.key: s.value for s in await client.secrets.list()}
        assert values == {"U_PRESENT": "new", "U_MISSING": "made"}


@pytest.mark.anyio
async def test_batch_update_of_a_missing_key_names_that_key(client: AsyncClient) -> None:
    """Item 2: a batch 404 names the keys that are missing (not the ones that exist)."""
    await client.secrets.create("FOUND_KEY", "1")
    with pytest.raises(NotFoundError) as caught:
        await client.secrets.batch_update(
            [{"name": "FOUND_KEY", "value": "2"}, {"name": "ABSENT_KEY", "value": "3"}]
        )
    assert "ABSENT_KEY" in str(caught.value)
    assert "FOUND_KEY" not in str(caught.value)
    assert (await client.secrets.get("FOUND_KEY")).value == "1"


@pytest.mark.anyio
async def test_get_version_returns_that_version_or_refuses(client: AsyncClient) -> None:
    """Item 2: ``get(version=N)`` returns version N, or raises; never another version."""
    await client.secrets.create("VERSIONED", "v1")
    await client.secrets.update("VERSIONED", "v2")
    await client.secrets.update("VERSIONED", "v3")
    try:
        first = await client.secrets.get("VERSIONED", version=1)
    except UnsupportedByServerError as exc:
        assert "version" in str(exc)
    else:
        assert (first.version, first.value) == (1, "v1")
    latest = await client.secrets.get("VERSIONED")
    assert (latest.version, latest.value) == (3, "v3")


@pytest.mark.anyio
async def test_metadata_on_create_is_stored_or_refused(client: AsyncClient) -> None:
    """Item 2: ``metadata=`` is stored, or refused; never silently dropped."""
    try:
        await client.secrets.create("WITH_META", "x", metadata={"team": "core"})
    except UnsupportedByServerError as exc:
        assert "metadata" in str(exc)
        assert await client.secrets.find("WITH_META") is None  # refused before anything was made
        return
    got = await client.secrets.get("WITH_META")
    assert {(m.key, m.value) for m in got.secret_metadata} == {("team", "core")}


@pytest.mark.anyio
async def test_metadata_filter_never_returns_unfiltered_results(client: AsyncClient) -> None:
    """Item 2: ``metadata_filter`` filters (on the server or the client) or refuses."""
    await client.secrets.create("PLAIN_ONE", "1")
    # a server without metadata refuses it: then nothing at all may match the filter
    with contextlib.suppress(UnsupportedByServerError):
        await client.secrets.create("TAGGED_ONE", "2", metadata={"team": "core"})
    try:
        found = await client.secrets.list(metadata_filter={"team": "core"})
    except UnsupportedByServerError as exc:
        assert "metadata" in str(exc)
        return
    assert "PLAIN_ONE" not in [s.key for s in found]
    assert all(("team", "core") in {(m.key, m.value) for m in s.secret_metadata} for s in found)


@pytest.mark.anyio
async def test_view_secret_value_false_never_returns_values(client: AsyncClient) -> None:
    """Item 2: with ``view_secret_value=False`` no real value reaches the caller."""
    await client.secrets.create("HIDDEN_ONE", "do-not-show-1")
    listed = await client.secrets.list(view_secret_value=False)
    assert [s.key for s in listed] == ["HIDDEN_ONE"]
    assert all(s.value != "do-not-show-1" and s.value_hidden for s in listed)
    got = await client.secrets.get("HIDDEN_ONE", view_secret_value=False)
    assert got.value != "do-not-show-1" and got.value_hidden
    assert (await client.secrets.get("HIDDEN_ONE")).value == "do-not-show-1"


@pytest.mark.anyio
async def test_tags_attach_and_filter(client: AsyncClient, area: Area) -> None:
    slug = unique("rc-tag-")
    tag_id = area.raw.create_tag(slug)
    try:
        await client.secrets.create("TAGGED", "t", tag_ids=[tag_id])
        await client.secrets.create("UNTAGGED", "u")
        tagged = await client.secrets.list(tag_slugs=[slug])
        assert [s.key for s in tagged] == ["TAGGED"]
        assert [t.slug for t in tagged[0].tags] == [slug]
        assert [t.slug for t in (await client.secrets.get("TAGGED")).tags] == [slug]
    finally:
        area.raw.delete_tag(tag_id)


@pytest.mark.anyio
async def test_imported_secrets_in_list_and_get(client: AsyncClient, area: Area) -> None:
    source = area.folder("staging")
    area.raw.create_secret("staging", source, "FROM_STAGING", "imported-value")
    area.raw.create_import("dev", area.path, "staging", source)
    await client.secrets.create("OWN", "own-value")
    assert [s.key for s in await client.secrets.list()] == ["OWN"]
    merged = {s.key: s.value for s in await client.secrets.list(include_imports=True)}
    assert merged == {"OWN": "own-value", "FROM_STAGING": "imported-value"}
    assert (await client.secrets.get("FROM_STAGING")).value == "imported-value"
    with pytest.raises(NotFoundError):
        await client.secrets.get("FROM_STAGING", include_imports=False)


@pytest.mark.anyio
async def test_recursive_list(client: AsyncClient, area: Area) -> None:
    area.raw.create_folder("dev", "nested", area.path)
    await client.secrets.create("TOP", "1")
    await client.secrets.create("DEEP", "2", secret_path=area.path + "/nested")
    assert [s.key for s in await client.secrets.list()] == ["TOP"]
    found = {s.key: s.secret_path for s in await client.secrets.list(recursive=True)}
    assert found == {"TOP": area.path, "DEEP": area.path + "/nested"}


@pytest.mark.anyio
async def test_rename_without_a_value_keeps_the_value(client: AsyncClient) -> None:
    """Item 2: a rename works against servers whose PATCH requires ``secretValue``."""
    await client.secrets.create("OLD_NAME", "kept-value", comment="c")
    await client.secrets.update("OLD_NAME", new_name="NEW_NAME")
    renamed = await client.secrets.get("NEW_NAME")
    assert renamed.value == "kept-value" and renamed.comment == "c"
    assert await client.secrets.find("OLD_NAME") is None


@pytest.mark.anyio
async def test_comment_only_update_keeps_the_value(client: AsyncClient) -> None:
    """Item 2: a comment-only update works against servers whose PATCH requires a value."""
    await client.secrets.create("COMMENTED", "kept-value", comment="before")
    await client.secrets.update("COMMENTED", comment="after")
    got = await client.secrets.get("COMMENTED")
    assert got.comment == "after" and got.value == "kept-value"


@pytest.mark.anyio
async def test_legacy_attribute_names(client: AsyncClient, area: Area) -> None:
    """Item 6: code written for the older Python SDKs reads these names."""
    await client.secrets.create("LEGACY", "legacy-value", comment="legacy comment")
    for secret in (await client.secrets.get("LEGACY"), (await client.secrets.list())[0]):
        assert secret.secret_key == "LEGACY"
        assert secret.secret_value == "legacy-value"
        assert secret.secret_comment == "legacy comment"
        assert secret.secret_path in (area.path, None)
        assert "legacy-value" not in repr(secret)


@pytest.mark.anyio
async def test_missing_secret_names_where_it_looked(client: AsyncClient, area: Area) -> None:
    with pytest.raises(NotFoundError) as caught:
        await client.secrets.get("NOT_THERE")
    message = str(caught.value)
    assert "NOT_THERE" in message
    assert area.site.project_id in message and "dev" in message and area.path in message


@pytest.mark.anyio
async def test_duplicate_create_is_already_exists(client: AsyncClient) -> None:
    await client.secrets.create("TWICE", "1")
    with pytest.raises(AlreadyExistsError) as caught:
        await client.secrets.create("TWICE", "2")
    assert isinstance(caught.value, BadRequestError) and "TWICE" in str(caught.value)
    assert (await client.secrets.get("TWICE")).value == "1"


@pytest.mark.anyio
async def test_a_missing_secret_is_not_a_missing_route(make_client: MakeClient) -> None:
    """Item 1: a resource 404 on the first call must not be taken for a missing route."""
    wire = Wire()
    fresh = make_client(transport=wire)
    with pytest.raises(NotFoundError):
        await fresh.secrets.get("NEVER_CREATED")
    await fresh.secrets.create("NOW_CREATED", "x")
    assert (await fresh.secrets.get("NOW_CREATED")).value == "x"
    # one probe at most (a server without the current route), and never a second one
    assert len(wire.route_misses()) <= 1, wire.route_misses()


@pytest.mark.anyio
async def test_a_second_client_does_not_probe_the_routes_again(make_client: MakeClient) -> None:
    """Item 1: routes are learned once per site; a new client does not pay the probe."""
    first = make_client()
    await first.secrets.list()
    await first.secrets.create("PROBED", "x")
    wire = Wire()
    second = make_client(transport=wire)
    await second.secrets.list()
    assert (await second.secrets.get("PROBED")).value == "x"
    assert wire.route_misses() == []


@pytest.mark.anyio
async def test_deprecation_warnings_at_most_once_per_process(make_client: MakeClient) -> None:
    """Item 1: a deprecated route family warns at most once per process, not per client."""

    async def use(client: AsyncClient) -> None:
        await client.secrets.list()
        await client.secrets.create(unique("WARN_"), "x")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        await use(make_client())  # whatever warnings the first client gives
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        await use(make_client())
    assert [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)] == []
