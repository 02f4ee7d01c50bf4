"""Replay of a real Infisical 2024-10 backend (recordings/, by scripts/record_real.py): the SDK
against it, by item of issue 10, checked in every `make test` without the real server.

The replay is a real HTTP server on loopback (`_replay.ReplayServer`), so the SDK goes through
its real transport, retries and parsing. A request outside the recordings gets a 501 and is
listed in ``replay.unmatched``: an implementation that needs more extends
scripts/record_real.py and records again.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from infisical_kit import (
    AlreadyExistsError,
    AuthenticationError,
    BadRequestError,
    Client,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnsupportedByServerError,
)

from ._replay import CLIENT_SECRET, RECORDINGS, ReplayServer, client_of, load


@pytest.fixture(autouse=True)
def _quiet_deprecations() -> Iterator[None]:
    """The v3 fallback warns (once per client or process); these tests check other things."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


def test_the_replay_answers_like_the_recorded_server(replay: ReplayServer) -> None:
    """A route the server lacks gets Fastify's route-not-found 404 (as recorded); a request
    outside the recordings gets 501, so a test cannot silently leave them."""
    absent = httpx.get(replay.url + "/api/v2/folders?path=%2F")
    assert absent.status_code == 404
    assert absent.json()["message"] == "Route GET:/api/v2/folders?path=%2F not found"
    routes = load("routes")["absent"]
    assert all(route["evidence"]["status"] == 404 for route in routes)
    outside = httpx.get(replay.url + "/api/v3/secrets/raw/NEVER_RECORDED")
    assert outside.status_code == 501 and replay.unmatched


def test_secrets_fall_back_to_the_v3_raw_routes(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        assert client.secrets.list() == []
        created = client.secrets.create("DB_URL", "synthetic-db-url-1", comment="the db")
        assert created.key == "DB_URL" and created.version == 1
        got = client.secrets.get("DB_URL")
        assert (got.value, got.comment, got.version) == ("synthetic-db-url-1", "the db", 1)
        assert [s.key for s in client.secrets.list()] == ["DB_URL"]
        assert client.secrets.update("DB_URL", "synthetic-db-url-2").version == 2
        made = client.secrets.batch_create({"B_ONE": "synthetic-b-1", "B_TWO": "synthetic-b-2"})
        assert sorted(s.key for s in made) == ["B_ONE", "B_TWO"]
        client.secrets.batch_update([{"name": "B_ONE", "value": "synthetic-b-1b"}])
        gone = client.secrets.batch_delete(["B_ONE", "B_TWO"])
        assert sorted(s.key for s in gone) == ["B_ONE", "B_TWO"]
        assert client.secrets.delete("DB_URL").key == "DB_URL"
    assert replay.unmatched == []
    v4 = [s for s in replay.seen if s.path.startswith("/api/v4/")]
    assert len(v4) == 1 and v4[0].status == 404  # one probe, then v3 for the client's life


def test_a_missing_secret_is_not_found_not_a_missing_route(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        with pytest.raises(NotFoundError) as caught:
            client.secrets.get("NOT_THERE")
        assert "Secret not found" in str(caught.value)
        assert client.secrets.find("NOT_THERE") is None
    assert replay.unmatched == []


def test_a_401_validation_failure_is_a_bad_request_not_a_relogin(replay: ReplayServer) -> None:
    """The 2024-10 server answers a request-validation error with HTTP 401 ValidationFailure."""
    with client_of(replay, "kms") as client, pytest.raises(BadRequestError) as caught:
        client.kms.create("Not A Valid Key Name!")
    assert not isinstance(caught.value, AuthenticationError)
    assert caught.value.status_code == 401 and "slug" in str(caught.value)
    assert replay.count("POST", "/api/v1/auth/universal-auth/login") == 1


def test_login_and_renew(replay: ReplayServer) -> None:
    """The old server renews by extending the same token string."""
    with client_of(replay, "secrets") as client:
        client.auth.login()
        token = client.auth.authorize()
        client.auth.renew()
        assert client.auth.authorize() == token == "synthetic-access-token-1"
        assert client.secrets.list() == []
    assert replay.count("POST", "/api/v1/auth/token/renew") == 1
    assert replay.count("POST", "/api/v1/auth/universal-auth/login") == 1
    assert replay.unmatched == []


def test_a_wrong_client_secret_is_an_authentication_error(replay: ReplayServer) -> None:
    wrong = load("auth")["meta"]["wrong_client_secret"]
    client = client_of(replay, "secrets", client_secret=wrong)
    with client, pytest.raises(AuthenticationError) as caught:
        client.secrets.list()
    assert "Invalid credentials" in str(caught.value) and wrong not in str(caught.value)


def test_a_malformed_token_is_an_authentication_error(replay: ReplayServer) -> None:
    meta = load("auth")["meta"]
    options = {"project_id": meta["project_id"], "environment": "dev", "cache_ttl": 0}
    client = Client(replay.url, token="not-a-jwt", **options)
    with client, pytest.raises(AuthenticationError) as caught:
        client.secrets.list()
    assert caught.value.status_code == 403 and caught.value.error == "TokenError"


def test_kms_create_list_encrypt_decrypt_delete(replay: ReplayServer) -> None:
    """The KMS routes other than get/get-by-name are the same on the 2024-10 server."""
    meta = load("kms")["meta"]
    with client_of(replay, "kms") as client:
        made = client.kms.create(meta["name"], description="recorded")
        assert made.id == meta["key_id"] and made.name == meta["name"]
        assert [k.id for k in client.kms.list(search=meta["name"])] == [made.id]
        assert client.kms.update(made.id, description="again").description == "again"
        ciphertext = client.kms.encrypt(made.id, meta["plaintext"])
        assert client.kms.decrypt(made.id, ciphertext) == meta["plaintext"].encode()
        assert client.kms.delete(made.id).id == made.id
    assert replay.unmatched == []


def test_the_recordings_hold_no_real_secret() -> None:
    """Tokens, client secrets and passwords in the recordings are synthetic stand-ins."""
    for path in RECORDINGS.glob("*.json"):
        text = path.read_text()
        assert "eyJ" not in text, path.name  # no JWT: access tokens are synthetic-access-token-N
        for value in re.findall(r'"(?:clientSecret|password|accessToken)": "([^"]*)"', text):
            assert value.startswith("synthetic-") or set(value) == {"0"}, (path.name, value)


# --- item 1: every namespace falls back to the older routes -------------------------------


def test_folders_fall_back_to_v1(replay: ReplayServer) -> None:
    meta = load("folders")["meta"]
    with client_of(replay, "folders") as client:
        with pytest.raises(UnsupportedByServerError) as refused:
            client.folders.create("alpha", description="d")  # not stored there: refused
        assert refused.value.parameter == "description"
        made = client.folders.create("alpha")
        assert made.id == meta["folder_id"] and made.name == "alpha"
        assert [f.name for f in client.folders.list()] == ["alpha"]
        assert client.folders.get(made.id).name == "alpha"
        assert client.folders.update(made.id, "gamma").name == "gamma"
        assert client.folders.delete("gamma").id == made.id
    assert replay.unmatched == []


def test_folders_recursive_walks_the_subtree(replay: ReplayServer) -> None:
    """The older route ignores ``recursive``: the SDK walks the subtree itself."""
    with client_of(replay, "folders") as client:
        client.folders.create("alpha")
        path = load("folders")["meta"]["path"]
        client.folders.create("inner", path=path + "/alpha")
        found = client.folders.list(recursive=True)
    assert sorted(f.name for f in found) == ["alpha", "inner"]
    assert {f.name: f.path for f in found}["inner"] == path + "/alpha/inner"
    assert replay.unmatched == []


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


def test_a_missing_project_is_not_found(replay: ReplayServer) -> None:
    meta = load("projects")["meta"]
    with client_of(replay, "projects") as client:
        client.projects.get(meta["created_id"])  # the recorded "get the new one"
        with pytest.raises(NotFoundError):
            client.projects.get(meta["created_id"])  # the recorded "get the deleted one"


def test_projects_list_is_refused_clearly(replay: ReplayServer) -> None:
    with client_of(replay, "projects") as client, pytest.raises(PermissionDeniedError) as caught:
        client.projects.list()
    assert "Route" not in str(caught.value)


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


def test_kms_get_and_get_by_name_by_listing(replay: ReplayServer) -> None:
    meta = load("kms")["meta"]
    with client_of(replay, "kms") as client:
        assert client.kms.get(meta["key_id"]).name == meta["name"]
        assert client.kms.get_by_name(meta["name"]).id == meta["key_id"]
    assert replay.unmatched == []


def test_a_second_client_of_a_known_site_does_not_probe(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as first:
        first.secrets.list()
    probes_before = len([s for s in replay.seen if s.label == "(absent route)"])
    with client_of(replay, "secrets") as second:
        second.secrets.list()
    probes_after = len([s for s in replay.seen if s.label == "(absent route)"])
    assert probes_before == 1 and probes_after == probes_before


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


def test_view_secret_value_false_masks_locally(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        got = client.secrets.get("DB_URL", view_secret_value=False)
        listed = client.secrets.list(view_secret_value=False)
    for secret in [got, *listed]:
        assert secret.value_hidden and not secret.value.startswith("synthetic-")


def test_get_version_checks_the_returned_version(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client, pytest.raises(UnsupportedByServerError) as caught:
        client.secrets.get("DB_URL", version=1)
    assert "version" in str(caught.value)


def test_metadata_on_create_is_refused(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client, pytest.raises(UnsupportedByServerError) as caught:
        client.secrets.create("WITH_META", "synthetic-meta", metadata={"team": "core"})
    assert "metadata" in str(caught.value)


def test_metadata_filter_is_applied_by_the_client(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        found = client.secrets.list(metadata_filter={"team": "core"})
    assert found == []  # the server answered every secret; none has that metadata


def test_rename_resends_the_current_value(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        renamed = client.secrets.update("WITH_META", new_name="RENAMED")
    assert renamed.key == "RENAMED" and replay.unmatched == []


def test_comment_only_update_resends_the_current_value(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        updated = client.secrets.update("RENAMED", comment="new comment")
    assert updated.comment == "new comment" and replay.unmatched == []


def test_batch_upsert_is_refused(replay: ReplayServer) -> None:
    """The older batch route has no mode: ``upsert`` is refused before anything is sent."""
    items = [
        {"name": "B_ONE", "value": "synthetic-b-1b"},
        {"name": "B_MISSING", "value": "synthetic-b-3"},
    ]
    with client_of(replay, "secrets") as client:
        client.secrets.list()  # learns that the site has only the older routes
        sent = len(replay.seen)
        with pytest.raises(UnsupportedByServerError) as caught:
            client.secrets.batch_update(items, mode="upsert")
    assert "upsert" in str(caught.value) and len(replay.seen) == sent


def test_batch_not_found_names_the_missing_keys(replay: ReplayServer) -> None:
    items = [
        {"name": "B_ONE", "value": "synthetic-b-1b"},
        {"name": "B_MISSING", "value": "synthetic-b-3"},
    ]
    with client_of(replay, "secrets") as client, pytest.raises(NotFoundError) as caught:
        client.secrets.batch_update(items)
    assert "B_MISSING" in str(caught.value) and "B_ONE" not in str(caught.value)


def test_user_login_on_an_srp_only_server_says_what_to_use(replay: ReplayServer) -> None:
    meta = load("auth")["meta"]
    client = Client(
        replay.url,
        username=meta["email"],
        password=meta["password"],
        project_id=meta["project_id"],
        environment="dev",
    )
    with client, pytest.raises(UnsupportedByServerError) as caught:
        client.auth.login()
    assert "machine identit" in str(caught.value).lower()
    assert meta["password"] not in str(caught.value)


# --- item 3: rate limits by their headers -------------------------------------------------------

RATE_LIMITED = "rate limited: HTTP 500 with retry-after and x-ratelimit-*"


def test_a_500_with_rate_limit_headers_is_a_rate_limit_error(replay: ReplayServer) -> None:
    client = client_of(replay, "ratelimit", retries=0)
    with client, pytest.raises(RateLimitError) as caught:
        client.secrets.list()
    recorded = next(e for e in load("ratelimit")["exchanges"] if e["label"] == RATE_LIMITED)
    assert caught.value.status_code == 500
    assert caught.value.retry_after == float(recorded["headers"]["retry-after"])


def test_a_rate_limit_500_is_retried(replay: ReplayServer) -> None:
    replay.override_headers(RATE_LIMITED, {"retry-after": "0", "x-ratelimit-reset": "0"})
    with client_of(replay, "ratelimit", retries=1) as client:
        assert client.secrets.list() == []
    assert replay.count("GET", "/api/v3/secrets/raw") == 2


# --- item 5: errors say what happened and where --------------------------------------------------


def test_not_found_names_the_scope(replay: ReplayServer) -> None:
    meta = load("secrets")["meta"]
    with client_of(replay, "secrets") as client, pytest.raises(NotFoundError) as caught:
        client.secrets.get("NOT_THERE")
    message = str(caught.value)
    assert meta["project_id"] in message and meta["path"] in message and "dev" in message


def test_duplicate_create_is_already_exists(replay: ReplayServer) -> None:
    with client_of(replay, "secrets") as client:
        client.secrets.create("DB_URL", "synthetic-db-url-1", comment="the db")
        with pytest.raises(AlreadyExistsError) as caught:
            client.secrets.create("DB_URL", "synthetic-db-url-9")
    assert isinstance(caught.value, BadRequestError)


def test_a_second_cli_run_against_a_known_site_sends_no_probe(
    replay: ReplayServer, tmp_path: Path
) -> None:
    """The CLI remembers in the user cache dir which routes a site lacks: the first run probes
    v4 once, the second goes straight to the older routes."""
    meta = load("secrets")["meta"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("INFISICAL")}
    env.update(
        HOME=str(tmp_path),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        INFISICAL_KIT_SESSION_BACKEND="file",
        INFISICAL_DOMAIN=replay.url,
        INFISICAL_UNIVERSAL_AUTH_CLIENT_ID=load("auth")["meta"]["client_id"],
        INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET=CLIENT_SECRET,
        INFISICAL_PROJECT_ID=meta["project_id"],
        INFISICAL_ENVIRONMENT="dev",
        INFISICAL_SECRET_PATH=meta["path"],
    )
    argv = [sys.executable, "-m", "infisical_kit", "export", "--format", "json"]
    probes = []
    for _ in range(2):
        before = len(replay.seen)
        ran = subprocess.run(
            argv, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
        )
        assert ran.returncode == 0, ran.stderr
        assert isinstance(json.loads(ran.stdout), dict)
        probes.append([s.path for s in replay.seen[before:] if s.label == "(absent route)"])
    assert probes == [["/api/v4/secrets"], []]
    stored = json.loads((tmp_path / "cache" / "infisical-kit" / "routes.json").read_text())
    assert list(stored["sites"][replay.url]) == ["secrets"]
