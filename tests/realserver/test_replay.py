"""Replay of a real Infisical 2024-10 backend (recordings/, by scripts/record_real.py): what the
SDK already does right against it, checked in every `make test` without the real server.

The replay is a real HTTP server on loopback (`_replay.ReplayServer`), so the SDK goes through
its real transport, retries and parsing. What the SDK does not do yet is in
test_replay_pending.py (``xfail(strict=True)``, by item of issue 10).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit import (
    AuthenticationError,
    BadRequestError,
    Client,
    NotFoundError,
)

from ._replay import RECORDINGS, ReplayServer, client_of, load


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
