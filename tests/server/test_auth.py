"""Status, OpenAPI, universal-auth login, token errors, renew and revoke, over real HTTP."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
import uuid

import httpx
import jwt
import pytest

from .conftest import RunningServer, assert_error

MALFORMED = (
    "The provided access token is malformed. Please use a valid token or generate a new one "
    "and try again."
)


def _forge(secret: str, token: str, **changes: object) -> str:
    claims = jwt.decode(token, options={"verify_signature": False})
    claims.update(changes)
    return jwt.encode(claims, secret, algorithm="HS256")


def _list(client: httpx.Client, pid: str) -> httpx.Response:
    return client.get("/api/v3/secrets/raw", params={"workspaceId": pid, "environment": "dev"})


def test_status(anon: httpx.Client) -> None:
    resp = anon.get("/api/status")
    assert resp.status_code == 200
    body = resp.json()
    assert body["message"] == "Ok"
    assert body["emailConfigured"] is False
    assert body["redisConfigured"] is False
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["date"])


def test_openapi_document(anon: httpx.Client) -> None:
    resp = anon.get("/api/docs/json")
    assert resp.status_code == 200
    paths = resp.json()["paths"]
    assert "/api/v4/secrets/{name}" in paths
    assert "/api/v3/secrets/raw" in paths
    assert "/api/v1/auth/universal-auth/login" in paths


@pytest.mark.parametrize(
    "path", ["/api/v1/auth/universal-auth/login", "/api/v1/auth/universal-auth/login/"]
)
def test_login(server: RunningServer, anon: httpx.Client, path: str) -> None:
    resp = anon.post(
        path,
        json={
            "clientId": server.bootstrap["client_id"],
            "clientSecret": server.bootstrap["client_secret"],
        },
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["tokenType"] == "Bearer"
    assert body["expiresIn"] == 2592000
    assert body["accessTokenMaxTTL"] == 2592000
    claims = jwt.decode(body["accessToken"], options={"verify_signature": False})
    assert claims["authTokenType"] == "identityAccessToken"
    assert claims["identityId"] == server.bootstrap["identity_id"]
    assert claims["exp"] - claims["iat"] == 2592000
    assert {"identityAccessTokenId", "clientSecretId"} <= set(claims)
    with server.client(body["accessToken"]) as client:
        assert _list(client, server.project_id).status_code == 200


def test_login_bad_secret(server: RunningServer, anon: httpx.Client) -> None:
    resp = anon.post(
        "/api/v1/auth/universal-auth/login",
        json={"clientId": server.bootstrap["client_id"], "clientSecret": "nope"},
    )
    assert_error(resp, 401, "UnauthorizedError", "Invalid credentials")


def test_login_unknown_client(anon: httpx.Client) -> None:
    resp = anon.post(
        "/api/v1/auth/universal-auth/login",
        json={"clientId": str(uuid.uuid4()), "clientSecret": "x" * 64},
    )
    assert_error(resp, 401, "UnauthorizedError", "Invalid credentials")


def test_login_missing_field(server: RunningServer, anon: httpx.Client) -> None:
    resp = anon.post(
        "/api/v1/auth/universal-auth/login", json={"clientId": server.bootstrap["client_id"]}
    )
    assert_error(resp, 422, "ValidationFailure")
    issues = resp.json()["message"]
    assert isinstance(issues, list)
    assert issues[0]["path"] == ["clientSecret"]


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"'])
def test_login_bad_body(anon: httpx.Client, body: bytes) -> None:
    resp = anon.post(
        "/api/v1/auth/universal-auth/login",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert_error(resp, 400, "BadRequest")


def test_login_empty_body(anon: httpx.Client) -> None:
    resp = anon.post("/api/v1/auth/universal-auth/login")
    assert_error(resp, 422, "ValidationFailure")


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": ""}, {"Authorization": "Bearer"}, {"Authorization": "Basic abc"}],
)
def test_missing_token(anon: httpx.Client, pid: str, headers: dict[str, str]) -> None:
    resp = anon.get(
        "/api/v4/secrets", params={"projectId": pid, "environment": "dev"}, headers=headers
    )
    assert_error(resp, 401, "UnauthorizedError", "Token missing")


def test_malformed_token(server: RunningServer, pid: str) -> None:
    with server.client("static-token") as client:
        assert_error(_list(client, pid), 403, "TokenError", MALFORMED)


def test_bad_signature(server: RunningServer, token: str, pid: str) -> None:
    forged = _forge("not-the-server-secret-" + "x" * 32, token)
    with server.client(forged) as client:
        assert_error(_list(client, pid), 403, "TokenError", "invalid signature")


def test_expired_token(server: RunningServer, token: str, pid: str) -> None:
    now = int(time.time())
    expired = _forge(server.jwt_secret(), token, iat=now - 7200, exp=now - 3600)
    with server.client(expired) as client:
        assert_error(
            _list(client, pid), 403, "TokenError", "Your token has expired. Please re-authenticate."
        )


def test_correctly_signed_token_without_row(server: RunningServer, token: str, pid: str) -> None:
    forged = _forge(server.jwt_secret(), token, identityAccessTokenId=str(uuid.uuid4()))
    with server.client(forged) as client:
        assert_error(_list(client, pid), 401, "UnauthorizedError")


def test_renew_past_max_ttl_fails_and_revokes(
    server: RunningServer, anon: httpx.Client, pid: str
) -> None:
    own = server.login()  # default TTL == max TTL: any renewal would pass the Max TTL
    resp = anon.post("/api/v1/auth/token/renew", json={"accessToken": own})
    assert_error(
        resp,
        401,
        "UnauthorizedError",
        "Failed to renew MI access token past its Max TTL expiration",
    )
    with server.client(own) as client:
        assert_error(_list(client, pid), 401, "UnauthorizedError")


def test_renew_within_max_ttl(server: RunningServer, anon: httpx.Client, pid: str) -> None:
    own = server.login()
    token_id = jwt.decode(own, options={"verify_signature": False})["identityAccessTokenId"]
    with contextlib.closing(sqlite3.connect(server.db_path, timeout=10)) as db:
        db.execute("UPDATE identity_access_tokens SET max_ttl = ttl * 2 WHERE id = ?", (token_id,))
        db.commit()
    resp = anon.post("/api/v1/auth/token/renew", json={"accessToken": own})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["tokenType"] == "Bearer"
    assert body["accessTokenMaxTTL"] == 2 * 2592000
    claims = jwt.decode(body["accessToken"], options={"verify_signature": False})
    assert claims["identityAccessTokenId"] == token_id
    with server.client(body["accessToken"]) as client:
        assert _list(client, pid).status_code == 200


def test_renew_garbage(anon: httpx.Client) -> None:
    resp = anon.post("/api/v1/auth/token/renew", json={"accessToken": "garbage"})
    assert_error(resp, 403, "TokenError", MALFORMED)
    assert_error(anon.post("/api/v1/auth/token/renew", json={}), 422, "ValidationFailure")


def test_revoke(server: RunningServer, anon: httpx.Client, pid: str) -> None:
    own = server.login()
    resp = anon.post("/api/v1/auth/token/revoke", json={"accessToken": own})
    assert resp.status_code == 200
    assert resp.json() == {"message": "Successfully revoked access token"}
    with server.client(own) as client:
        assert_error(_list(client, pid), 401, "UnauthorizedError", "No identity access token found")


def test_unknown_route_and_method(anon: httpx.Client) -> None:
    assert_error(anon.get("/api/v9/nothing"), 404, "NotFound")
    assert_error(anon.put("/api/v4/secrets/X"), 405, "MethodNotAllowed")
