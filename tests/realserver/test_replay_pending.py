"""Replay of a real Infisical 2024-10 backend: what the SDK must do and does NOT do yet.

Every test here is ``xfail(strict=True)`` with the item of issue 10 it belongs to: it fails
today, and the run fails as soon as it passes, so the change that makes it pass removes the
mark. An implementation that needs requests the recordings lack (the replay answers them with
501 and lists them in ``replay.unmatched``) extends scripts/record_real.py and records again.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest

from infisical_kit import (
    BadRequestError,
    Client,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)

from ._expect import already_exists, unsupported
from ._replay import ReplayServer, client_of, load


def pending(item: int, what: str) -> pytest.MarkDecorator:
    """``xfail(strict=True)`` for a point of issue 10 the SDK does not meet yet."""
    return pytest.mark.xfail(strict=True, reason=f"issue 10 item {item}: {what}")


@pytest.fixture(autouse=True)
def _quiet_deprecations() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


# --- item 1: every namespace falls back to the older routes -------------------------------


@pending(1, "folders fall back to /api/v1/folders")
def test_folders_fall_back_to_v1(replay: ReplayServer) -> None:
    meta = load("folders")["meta"]
    with client_of(replay, "folders") as client:
        made = client.folders.create("alpha", description="d")
        assert made.id == meta["folder_id"] and made.name == "alpha"
        assert [f.name for f in client.folders.list()] == ["alpha"]
        assert client.folders.get(made.id).name == "alpha"
        assert client.folders.update(made.id, "gamma").name == "gamma"
        assert client.folders.delete("gamma").id == made.id
    assert replay.unmatched == []


@pending(2, "folders.list(recursive=True) is emulated or refused (the old server ignores it)")
def test_folders_recursive_is_emulated_or_refused(replay: ReplayServer) -> None:
    with client_of(replay, "folders") as client:
        client.folders.create("alpha", description="d")
        path = load("folders")["meta"]["path"]
        client.folders.create("inner", path=path + "/alpha")
        try:
            found = client.folders.list(recursive=True)
        except unsupported() as exc:
            assert "recursive" in str(exc)
        else:
            assert sorted(f.name for f in found) == ["alpha", "inner"]


@pending(1, "secret imports fall back to /api/v1/secret-imports")
def test_imports_fall_back_to_v1(replay: ReplayServer) -> None:
    meta = load("imports")["meta"]
    with client_of(replay, "imports") as client:
        made = client.imports.create(meta["source_environment"], meta["source_path"])
        assert made.id == meta["import_id"] and made.import_path == meta["source_path"]
        assert [i.id for i in client.imports.list()] == [made.id]
        assert client.imports.get(made.id).import_env.slug == "staging"
        assert client.imports.update(made.id, position=1).id == made.id
        assert client.imports.delete(made.id).id == made.id
    assert replay.unmatched == []


@pending(1, "projects fall back to /api/v1/workspace, POST and GET /api/v2/workspace")
def test_projects_fall_back_to_workspace_routes(replay: ReplayServer) -> None:
    meta = load("projects")["meta"]
    with client_of(replay, "projects") as client:
        project = client.projects.get()
        assert project.id == meta["project_id"] and project.slug == meta["slug"]
        assert {"dev", "staging", "prod"} <= {e.slug for e in project.environments}
        assert client.projects.get_by_slug(meta["slug"]).id == meta["project_id"]
        made = client.projects.create(meta["created_slug"], slug=meta["created_slug"])
        assert made.id == meta["created_id"] and made.environments
        renamed = client.projects.update(made.id, name=meta["created_slug"] + "-renamed")
        assert renamed.name == meta["created_slug"] + "-renamed"
        assert client.projects.get(made.id).id == made.id
        assert client.projects.delete(made.id).id == made.id
    assert replay.unmatched == []


@pending(1, "a deleted project is NotFoundError (the old server answers 500 'Failed to find')")
def test_a_missing_project_is_not_found(replay: ReplayServer) -> None:
    meta = load("projects")["meta"]
    with client_of(replay, "projects") as client:
        client.projects.get(meta["created_id"])  # the recorded "get the new one"
        with pytest.raises(NotFoundError):
            client.projects.get(meta["created_id"])  # the recorded "get the deleted one"


@pending(1, "projects.list as a machine identity: the old server's 403, not a route 404")
def test_projects_list_is_refused_clearly(replay: ReplayServer) -> None:
    with client_of(replay, "projects") as client, pytest.raises(PermissionDeniedError) as caught:
        client.projects.list()
    assert "Route" not in str(caught.value)


@pending(1, "environments fall back to /api/v1/workspace/{id}/environments")
def test_environments_fall_back_to_workspace_routes(replay: ReplayServer) -> None:
    meta = load("environments")["meta"]
    with client_of(replay, "environments") as client:
        assert {"dev", "staging", "prod"} <= {e.slug for e in client.environments.list()}
        made = client.environments.create("Recorded", meta["slug"])
        assert made.id == meta["environment_id"]
        assert client.environments.get(made.id).slug == meta["slug"]
        assert client.environments.update(made.id, name="Recorded renamed").name == (
            "Recorded renamed"
        )
        assert client.environments.delete(made.id).id == made.id
    assert replay.unmatched == []


@pending(1, "tags fall back to /api/v1/workspace/{id}/tags")
def test_tags_fall_back_to_workspace_routes(replay: ReplayServer) -> None:
    meta = load("tags")["meta"]
    with client_of(replay, "tags") as client:
        made = client.tags.create(meta["slug"], color="#2f80ed")
        assert made.id == meta["tag_id"]
        assert [t.id for t in client.tags.list()] == [made.id]
        assert client.tags.get(made.id).slug == meta["slug"]
        assert client.tags.get_by_slug(meta["slug"]).id == made.id
        updated = client.tags.update(made.id, slug=meta["slug"] + "-b", color="#000000")
        assert updated.slug == meta["slug"] + "-b"
        assert client.tags.delete(made.id).id == made.id
    assert replay.unmatched == []


@pending(1, "kms.get and kms.get_by_name list and select on a server without those routes")
def test_kms_get_and_get_by_name_by_listing(replay: ReplayServer) -> None:
    meta = load("kms")["meta"]
    with client_of(replay, "kms") as client:
        assert client.kms.get(meta["key_id"]).name == meta["name"]
        assert client.kms.get_by_name(meta["name"]).id == meta["key_id"]
    assert replay.unmatched == []


@pending(1, "routes are learned once per site: a second client does not probe again")
def test_a_second_client_of_a_known_site_does_not_probe(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as first:
        first.secrets.list()
    probes_before = len([s for s in replay.seen if s.label == "(absent route)"])
    with client_of(replay, "secrets") as second:
        second.secrets.list()
    probes_after = len([s for s in replay.seen if s.label == "(absent route)"])
    assert probes_before == 1 and probes_after == probes_before


@pending(1, "deprecation warnings at most once per process, not once per client")
def test_deprecation_warning_once_per_process(replay: ReplayServer) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with client_of(replay, "secrets") as first:
            first.secrets.list()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with client_of(replay, "secrets") as second:
            second.secrets.list()
    assert [w for w in caught if issubclass(w.category, DeprecationWarning)] == []


# --- item 2: never silently wrong ------------------------------------------------------------


@pending(2, "view_secret_value=False never hands back values (mask locally)")
def test_view_secret_value_false_masks_locally(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        got = client.secrets.get("DB_URL", view_secret_value=False)
        listed = client.secrets.list(view_secret_value=False)
    for secret in [got, *listed]:
        assert secret.value_hidden and not secret.value.startswith("synthetic-")


@pending(2, "get(version=N) returns version N or refuses (the old server answers another)")
def test_get_version_checks_the_returned_version(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client, pytest.raises(unsupported()) as caught:
        client.secrets.get("DB_URL", version=1)
    assert "version" in str(caught.value)


@pending(2, "metadata= on create is refused by a server that drops it")
def test_metadata_on_create_is_refused(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client, pytest.raises(unsupported()) as caught:
        client.secrets.create("WITH_META", "synthetic-meta", metadata={"team": "core"})
    assert "metadata" in str(caught.value)


@pending(2, "metadata_filter never returns unfiltered results (filter locally or refuse)")
def test_metadata_filter_is_applied_or_refused(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        try:
            found = client.secrets.list(metadata_filter={"team": "core"})
        except unsupported() as exc:
            assert "metadata" in str(exc)
        else:
            assert found == []  # no recorded secret has that metadata


@pending(2, "a rename resends the current value to a server whose PATCH requires it")
def test_rename_resends_the_current_value(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        renamed = client.secrets.update("WITH_META", new_name="RENAMED")
    assert renamed.key == "RENAMED" and replay.unmatched == []


@pending(2, "a comment-only update resends the current value")
def test_comment_only_update_resends_the_current_value(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        updated = client.secrets.update("RENAMED", comment="new comment")
    assert updated.comment == "new comment" and replay.unmatched == []


@pending(2, "batch_update(mode='upsert') is emulated or refused")
def test_batch_upsert_is_emulated_or_refused(replay: ReplayServer) -> None:
    items = [
        {"name": "B_ONE", "value": "synthetic-b-1b"},
        {"name": "B_MISSING", "value": "synthetic-b-3"},
    ]
    with client_of(replay, "secrets") as client:
        try:
            client.secrets.batch_update(items, mode="upsert")
        except unsupported() as exc:
            assert "upsert" in str(exc)
        else:
            assert replay.unmatched == []


@pending(2, "a batch 404 names the keys that are missing (the old server names the found ones)")
def test_batch_not_found_names_the_missing_keys(replay: ReplayServer) -> None:
    items = [
        {"name": "B_ONE", "value": "synthetic-b-1b"},
        {"name": "B_MISSING", "value": "synthetic-b-3"},
    ]
    with client_of(replay, "secrets") as client, pytest.raises(NotFoundError) as caught:
        client.secrets.batch_update(items)
    assert "B_MISSING" in str(caught.value) and "B_ONE" not in str(caught.value)


@pending(2, "user login without /api/v3/auth/login names the alternative (a machine identity)")
def test_user_login_on_an_srp_only_server_says_what_to_use(replay: ReplayServer) -> None:
    meta = load("auth")["meta"]
    client = Client(
        replay.url,
        username=meta["email"],
        password=meta["password"],
        project_id=meta["project_id"],
        environment="dev",
    )
    with client, pytest.raises(unsupported()) as caught:
        client.auth.login()
    assert "machine identit" in str(caught.value).lower()
    assert meta["password"] not in str(caught.value)


# --- item 3: rate limits by their headers -------------------------------------------------------

RATE_LIMITED = "rate limited: HTTP 500 with retry-after and x-ratelimit-*"


@pending(3, "HTTP 500 with retry-after and x-ratelimit-remaining: 0 is a RateLimitError")
def test_a_500_with_rate_limit_headers_is_a_rate_limit_error(replay: ReplayServer) -> None:
    client = client_of(replay, "ratelimit", retries=0)
    with client, pytest.raises(RateLimitError) as caught:
        client.secrets.list()
    assert caught.value.retry_after == 59


@pending(3, "a rate-limit 500 is retried after retry-after, like a 429")
def test_a_rate_limit_500_is_retried(replay: ReplayServer) -> None:
    replay.override_headers(RATE_LIMITED, {"retry-after": "0", "x-ratelimit-reset": "0"})
    with client_of(replay, "ratelimit", retries=1) as client:
        assert client.secrets.list() == []
    assert replay.count("GET", "/api/v3/secrets/raw") == 2


# --- item 5: errors say what happened and where --------------------------------------------------


@pending(5, "NotFoundError for a secret names the project, environment and path")
def test_not_found_names_the_scope(replay: ReplayServer) -> None:
    meta = load("secrets")["meta"]
    with client_of(replay, "secrets") as client, pytest.raises(NotFoundError) as caught:
        client.secrets.get("NOT_THERE")
    message = str(caught.value)
    assert meta["project_id"] in message and meta["path"] in message and "dev" in message


@pending(5, "a duplicate create is AlreadyExistsError, a BadRequestError")
def test_duplicate_create_is_already_exists(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        client.secrets.create("DB_URL", "synthetic-db-url-1", comment="the db")
        with pytest.raises(already_exists()) as caught:
            client.secrets.create("DB_URL", "synthetic-db-url-9")
    assert isinstance(caught.value, BadRequestError)
