"""Bad input always gets a 4xx in the Infisical envelope with a message saying what is wrong."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._platform import assert_envelope, authed

V4 = "/api/v4/secrets"
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def client(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with authed(infisical_server.url, infisical_server.bootstrap) as http:
        yield http


@pytest.fixture(scope="module")
def pid(infisical_server: LocalServer) -> str:
    return str(infisical_server.bootstrap["project_id"])


def _scope(pid: str, **extra: Any) -> dict[str, Any]:
    return {"projectId": pid, "environment": "dev", "secretPath": "/", **extra}


# (description, method, path, kwargs-builder, status, error, fragment of the message)
CASES: list[tuple[str, str, str, Any, int, str | None, str]] = [
    (
        "malformed json",
        "POST",
        V4 + "/BAD_A",
        lambda p: {"content": b"{not json", "headers": JSON},
        400,
        "BadRequest",
        "not valid JSON",
    ),
    (
        "json array body",
        "POST",
        V4 + "/BAD_B",
        lambda p: {"content": b"[1, 2]", "headers": JSON},
        400,
        "BadRequest",
        "JSON object",
    ),
    (
        "json string body",
        "PATCH",
        V4 + "/BAD_C",
        lambda p: {"content": b'"x"', "headers": JSON},
        400,
        "BadRequest",
        "JSON object",
    ),
    (
        "json number body",
        "POST",
        V4 + "/BAD_C",
        lambda p: {"content": b"42", "headers": JSON},
        400,
        "BadRequest",
        "JSON object",
    ),
    (
        "invalid utf-8",
        "POST",
        V4 + "/BAD_D",
        lambda p: {"content": b'{"a": "\xff\xfe"}', "headers": JSON},
        400,
        "BadRequest",
        "JSON",
    ),
    (
        "missing secretValue",
        "POST",
        V4 + "/BAD_E",
        lambda p: {"json": _scope(p)},
        422,
        "ValidationFailure",
        "secretValue",
    ),
    (
        "secretValue wrong type",
        "POST",
        V4 + "/BAD_F",
        lambda p: {"json": _scope(p, secretValue={"a": 1})},
        422,
        "ValidationFailure",
        "secretValue",
    ),
    (
        "secretValue is a list",
        "POST",
        V4 + "/BAD_F",
        lambda p: {"json": _scope(p, secretValue=[1])},
        422,
        "ValidationFailure",
        "secretValue",
    ),
    (
        "version not a number",
        "GET",
        V4 + "/BAD_G",
        lambda p: {"params": _scope(p, version="abc")},
        422,
        "ValidationFailure",
        "version",
    ),
    (
        "version zero",
        "GET",
        V4 + "/BAD_G",
        lambda p: {"params": _scope(p, version="0")},
        422,
        "ValidationFailure",
        "version",
    ),
    (
        "type not an enum",
        "GET",
        V4 + "/BAD_G",
        lambda p: {"params": _scope(p, type="public")},
        422,
        "ValidationFailure",
        "type",
    ),
    ("no project", "GET", V4, lambda p: {"params": {"environment": "dev"}}, 400, None, "projectId"),
    (
        "unknown project uuid",
        "GET",
        V4,
        lambda p: {"params": _scope(str(uuid.uuid4()))},
        404,
        "NotFound",
        "not found",
    ),
    (
        "project id not a uuid",
        "GET",
        V4,
        lambda p: {"params": _scope("not-a-uuid")},
        404,
        "NotFound",
        "not-a-uuid",
    ),
    (
        "unknown environment",
        "GET",
        V4,
        lambda p: {"params": {**_scope(p), "environment": "nope"}},
        404,
        "NotFound",
        "nope",
    ),
    ("no environment", "GET", V4, lambda p: {"params": {"projectId": p}}, 400, None, "environment"),
    (
        "unknown folder",
        "GET",
        V4,
        lambda p: {"params": _scope(p, secretPath="/does/not/exist")},
        404,
        "NotFound",
        "/does/not/exist",
    ),
    (
        "secret not found",
        "GET",
        V4 + "/NO_SUCH_SECRET_X",
        lambda p: {"params": _scope(p)},
        404,
        "NotFound",
        "NO_SUCH_SECRET_X",
    ),
    (
        "name with colon",
        "POST",
        V4 + "/A:B",
        lambda p: {"json": _scope(p, secretValue="v")},
        400,
        "BadRequest",
        "colon",
    ),
    (
        "blank name",
        "POST",
        V4 + "/%20",
        lambda p: {"json": _scope(p, secretValue="v")},
        400,
        "BadRequest",
        "empty",
    ),
    (
        "project id is an object",
        "GET",
        V4,
        lambda p: {"content": b'{"projectId": {"x": 1}, "environment": "dev"}', "headers": JSON},
        422,
        "ValidationFailure",
        "projectId",
    ),
    (
        "environment is a list",
        "POST",
        V4 + "/BAD_H",
        lambda p: {"json": {"projectId": p, "environment": ["dev"], "secretValue": "v"}},
        422,
        "ValidationFailure",
        "environment",
    ),
    (
        "unknown route",
        "GET",
        "/api/v4/nothing-here",
        lambda p: {},
        404,
        "NotFound",
        "/api/v4/nothing-here",
    ),
    ("wrong method", "PUT", V4 + "/X", lambda p: {"json": {}}, 405, None, "PUT"),
    (
        "huge query string",
        "GET",
        V4,
        lambda p: {"params": _scope(p, pad="x" * 9000)},
        414,
        "URITooLong",
        "Query string",
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "build", "status", "error", "fragment"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_bad_input_is_a_4xx_envelope(
    client: httpx.Client,
    pid: str,
    method: str,
    path: str,
    build: Any,
    status: int,
    error: str | None,
    fragment: str,
) -> None:
    resp = client.request(method, path, **build(pid))
    body = assert_envelope(resp, status, error)
    assert fragment.lower() in str(body["message"]).lower(), body["message"]


def test_oversized_body_is_413(client: httpx.Client, pid: str) -> None:
    big = "v" * (1024 * 1024 + 10)
    resp = client.post(V4 + "/BIG_ONE", json=_scope(pid, secretValue=big))
    body = assert_envelope(resp, 413, "PayloadTooLarge")
    assert "1048576" in body["message"]

    # Chunked upload without Content-Length is cut off the same way.
    def chunks() -> Iterator[bytes]:
        yield b'{"secretValue": "'
        for _ in range(70):
            yield b"x" * 16384
        yield b'"}'

    resp = client.post(V4 + "/BIG_TWO", params=_scope(pid), content=chunks(), headers=JSON)
    assert_envelope(resp, 413, "PayloadTooLarge")
    # The server still works afterwards and did not store either secret.
    for name in ("BIG_ONE", "BIG_TWO"):
        assert_envelope(client.get(f"{V4}/{name}", params=_scope(pid)), 404, "NotFound")


def test_missing_and_garbage_tokens(infisical_server: LocalServer, pid: str) -> None:
    url = infisical_server.url + V4
    assert_envelope(httpx.get(url, params=_scope(pid)), 401, "UnauthorizedError")
    garbage = {"Authorization": "Bearer not.a.jwt"}
    assert_envelope(httpx.get(url, params=_scope(pid), headers=garbage), 403, "TokenError")


def test_body_limit_is_configurable(tmp_path: Any) -> None:
    with (
        LocalServer(tmp_path / "srv", extra_args=["--max-body-bytes", "2048"]) as srv,
        authed(srv.url, srv.bootstrap) as http,
    ):
        scope = _scope(srv.bootstrap["project_id"])
        ok = http.post(V4 + "/SMALL_OK", json={**scope, "secretValue": "s" * 1000})
        assert ok.status_code == 200, ok.text
        body = assert_envelope(
            http.post(V4 + "/TOO_BIG", json={**scope, "secretValue": "s" * 3000}), 413
        )
        assert "2048" in body["message"]
