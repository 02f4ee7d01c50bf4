"""Malformed and oversized input gets a 4xx in the Infisical envelope on SQLite and on
PostgreSQL, never a 500: NUL characters and lone surrogates (before and after login),
deeply nested JSON, strings longer than their column, and names Infisical refuses. After
such a 4xx the keep-alive connection stays open."""

from __future__ import annotations

from collections.abc import Iterator
from http.client import HTTPConnection
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from _pg import fresh_postgres_database
from infisical_kit.server.limits import MAX_JSON_DEPTH, NAME, SECRET_NAME
from infisical_kit.testing import LocalServer

from ._platform import assert_envelope, authed

JSON = {"Content-Type": "application/json"}
V4 = "/api/v4/secrets"
UA_LOGIN = "/api/v1/auth/universal-auth/login"
USER_LOGIN = "/api/v3/auth/login"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalServer]:
    data = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        with LocalServer(data) as srv:
            yield srv
        return
    with fresh_postgres_database("ik_input") as url, LocalServer(data, database_url=url) as srv:
        yield srv


@pytest.fixture(scope="module")
def http(server: LocalServer) -> Iterator[httpx.Client]:
    with authed(server.url, server.bootstrap) as client:
        yield client


@pytest.fixture(scope="module")
def anon(server: LocalServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


def _scope(server: LocalServer, **extra: Any) -> dict[str, Any]:
    return {"projectId": server.bootstrap["project_id"], "environment": "dev", **extra}


def _bad(resp: httpx.Response, status: int = 400) -> str:
    body = assert_envelope(resp, status)
    assert resp.headers.get("connection", "").lower() != "close"
    return str(body["message"])


# -- before login ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, body",
    [
        (UA_LOGIN, {"clientId": "a\x00b", "clientSecret": "x"}),
        (UA_LOGIN, {"clientId": "ok", "clientSecret": "x\x00"}),
        (USER_LOGIN, {"email": "a\x00@example.com", "password": "x"}),
    ],
)
def test_nul_before_login(anon: httpx.Client, path: str, body: dict[str, Any]) -> None:
    assert "NUL" in _bad(anon.post(path, json=body))


def test_nul_in_a_form_login(anon: httpx.Client) -> None:
    resp = anon.post(
        "/api/v1/auth/jwt-auth/login",
        content=b"identityId=a%00b&jwt=x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert "NUL" in _bad(resp)


@pytest.mark.parametrize("path", [UA_LOGIN, USER_LOGIN])
def test_lone_surrogate_before_login(anon: httpx.Client, path: str) -> None:
    raw = b'{"clientId": "\\ud800", "email": "\\udc00x", "password": "p", "clientSecret": "s"}'
    assert "surrogate" in _bad(anon.post(path, content=raw, headers=JSON))


def test_lone_surrogate_after_login(http: httpx.Client, server: LocalServer) -> None:
    raw = b'{"secretValue": "a\\udfffb"}'
    resp = http.post(V4 + "/SURROGATE", params=_scope(server), content=raw, headers=JSON)
    assert "surrogate" in _bad(resp)
    # authentication still comes first: without a token the same body is a 401
    assert_envelope(httpx.post(str(http.base_url) + V4 + "/SURROGATE", content=raw), 401)


def test_a_surrogate_pair_is_fine(http: httpx.Client, server: LocalServer) -> None:
    raw = b'{"secretValue": "smile \\ud83d\\ude00"}'
    resp = http.post(V4 + "/PAIR_OK", params=_scope(server), content=raw, headers=JSON)
    assert resp.status_code == 200, resp.text
    assert resp.json()["secret"]["secretValue"] == "smile \U0001f600"


@pytest.mark.parametrize(
    "raw",
    [b"[" * 100_000, b'{"a":' * 100_000, b"[" * (MAX_JSON_DEPTH + 1) + b"]" * (MAX_JSON_DEPTH + 1)],
    ids=["arrays", "objects", "just-over"],
)
@pytest.mark.parametrize("path", [UA_LOGIN, USER_LOGIN, V4 + "/DEEP", V4 + "/batch"])
def test_deep_nesting_is_a_400(http: httpx.Client, path: str, raw: bytes) -> None:
    assert "deeper" in _bad(http.post(path, content=raw, headers=JSON))


def test_nesting_within_the_limit_and_brackets_in_strings(
    http: httpx.Client, server: LocalServer
) -> None:
    nested: Any = "leaf"
    for _ in range(MAX_JSON_DEPTH - 3):
        nested = {"n": nested}
    body = _scope(server, secretValue="[[[[" * 100, metadata=nested)
    resp = http.post(V4 + "/NESTED_OK", json=body)
    assert resp.status_code == 200, resp.text


# -- after login -------------------------------------------------------------------------------


def test_nul_in_value_name_query_and_path(http: httpx.Client, server: LocalServer) -> None:
    assert "NUL" in _bad(http.post(V4 + "/NUL_V", json=_scope(server, secretValue="a\x00")))
    assert "NUL" in _bad(http.post(V4 + "/NUL%00NAME", json=_scope(server, secretValue="v")))
    resp = http.get(V4, params={**_scope(server), "secretPath": "/a\x00b"})
    assert "NUL" in _bad(resp)
    batch = _scope(server, secrets=[{"secretKey": "K\x00", "secretValue": "v"}])
    assert "NUL" in _bad(http.post(V4 + "/batch", json=batch))


def test_over_long_secret_names(http: httpx.Client, server: LocalServer) -> None:
    long = "A" * 5000
    resp = http.post(f"{V4}/{long}", json=_scope(server, secretValue="v"))
    assert str(SECRET_NAME) in _bad(resp)
    _bad(http.get(f"{V4}/{long}", params=_scope(server)))
    batch = _scope(server, secrets=[{"secretKey": long, "secretValue": "v"}])
    assert_envelope(http.post(V4 + "/batch", json=batch), 422, "ValidationFailure")
    ok = "B" * SECRET_NAME
    assert http.post(f"{V4}/{ok}", json=_scope(server, secretValue="v")).status_code == 200
    rename = _scope(server, newSecretName="C" * (SECRET_NAME + 1))
    assert_envelope(http.patch(f"{V4}/{ok}", json=rename), 422)


def test_over_long_names_of_other_things(http: httpx.Client, server: LocalServer) -> None:
    long = "n" * (NAME + 45)
    boot = server.bootstrap
    identity = {"name": long, "organizationId": boot["organization_id"]}
    assert_envelope(http.post("/api/v1/identities", json=identity), 422)
    folder = _scope(server, name=long)
    assert_envelope(http.post("/api/v2/folders", json=folder), 422)
    meta = _scope(server, secretValue="v", secretMetadata=[{"key": long, "value": "x"}])
    assert_envelope(http.post(V4 + "/LONG_META", json=meta), 422)
    token = f"/api/v1/auth/token-auth/identities/{boot['identity_id']}/tokens"
    assert http.post(token, json={"name": long}).status_code in (400, 404, 422)
    login = {"clientId": long, "clientSecret": "x"}
    assert_envelope(http.post(UA_LOGIN, json=login), 422)


@pytest.mark.parametrize(
    "name, fragment",
    [("HAS SPACE", "spaces"), ("A:B", "colon"), ("A/B", "forward slash")],
)
def test_names_infisical_refuses(
    http: httpx.Client, server: LocalServer, name: str, fragment: str
) -> None:
    path = quote(name, safe="")
    resp = http.post(f"{V4}/{path}", json=_scope(server, secretValue="v"))
    if "/" in name:  # the decoded "/" splits the route before the handler sees the name
        assert_envelope(resp, 404)
    else:
        assert fragment in _bad(resp)
    batch = _scope(server, secrets=[{"secretKey": name, "secretValue": "v"}])
    assert fragment in _bad(http.post(V4 + "/batch", json=batch))


def test_names_infisical_accepts_are_kept(http: httpx.Client, server: LocalServer) -> None:
    # Infisical stores these (its schema refuses only spaces and colons); the CLI skips
    # what cannot be an environment variable.
    for name in ("A=B", "1ST", "dotted.name", "dash-name"):
        resp = http.post(f"{V4}/{name}", json=_scope(server, secretValue="v"))
        assert resp.status_code == 200, (name, resp.text)


def test_the_connection_survives_a_rejected_request(server: LocalServer) -> None:
    url = httpx.URL(server.url)
    conn = HTTPConnection(url.host, url.port, timeout=30)
    try:
        sock = None
        bodies = [b"[" * 100_000, b'{"clientId": "\\u0000", "clientSecret": "x"}', b'"\\ud800"']
        for raw in bodies:
            conn.request("POST", UA_LOGIN, body=raw, headers=JSON)
            resp = conn.getresponse()
            resp.read()
            assert resp.status == 400
            assert not resp.will_close
            assert sock is None or conn.sock is sock  # the same keep-alive connection
            sock = conn.sock
    finally:
        conn.close()


def test_nul_in_any_url_path(http: httpx.Client, anon: httpx.Client) -> None:
    for client in (http, anon):
        assert "NUL" in _bad(client.get("/api/v1/identities/a%00b"))
        assert "NUL" in _bad(client.delete("/api/v2/folders/a%00b"))


def test_a_value_the_database_refuses_is_a_400(http: httpx.Client, server: LocalServer) -> None:
    # Each folder name fits its column, but the fifth nested path (5 x 251 characters) does
    # not fit folders.path: PostgreSQL refuses it and the last-resort handler answers 400.
    # SQLite does not enforce VARCHAR lengths and stores it.
    path = "/"
    for level in range(5):
        resp = http.post("/api/v2/folders", json=_scope(server, name=f"{level}" * 250, path=path))
        if level < 4 or not server.database_url:
            assert resp.status_code == 200, resp.text[:200]
            path = resp.json()["folder"]["path"]
        else:
            assert "invalid or too long" in _bad(resp)
            assert "4444" not in resp.text  # the driver's message (quoting it) is not echoed
