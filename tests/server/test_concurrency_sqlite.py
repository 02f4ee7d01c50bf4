"""Concurrent writes on SQLite (one writer at a time): 50 simultaneous creates of distinct
secrets and 50 simultaneous updates of one secret all answer 2xx, every update gets its own
version (2..51 after the create's 1), and no request of the run ever answers a 5xx.

The server queues write transactions in-process (``server/write_gate.py``) instead of letting
50 threads fight over SQLite's busy handler; these tests run it over real HTTP on loopback.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

WRITERS = 50


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A private SQLite server (module scope: the tests write a lot into it)."""
    with LocalServer(tmp_path_factory.mktemp("concurrency") / "srv") as srv:
        yield srv


def _headers(server: LocalServer) -> dict[str, str]:
    boot = server.bootstrap
    answer = httpx.post(
        f"{server.url}/api/v1/auth/universal-auth/login",
        json={"clientId": boot["client_id"], "clientSecret": boot["client_secret"]},
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['accessToken']}"}


def _scope(server: LocalServer, path: str) -> dict[str, Any]:
    boot = server.bootstrap
    return {
        "projectId": boot["project_id"],
        "environment": boot["environments"][0],
        "secretPath": path,
    }


def _make_folder(server: LocalServer, headers: dict[str, str], name: str) -> str:
    boot = server.bootstrap
    answer = httpx.post(
        f"{server.url}/api/v1/folders",
        headers=headers,
        json={
            "projectId": boot["project_id"],
            "environment": boot["environments"][0],
            "name": name,
            "path": "/",
        },
        timeout=60,
    )
    assert answer.status_code == 200, answer.text
    return f"/{name}"


async def _all(
    requests: list[tuple[str, str, dict[str, Any]]], headers: dict[str, str]
) -> list[httpx.Response]:
    """Send every request at once (no client-side retries: each answer is the first one)."""
    limits = httpx.Limits(max_connections=len(requests))
    async with httpx.AsyncClient(headers=headers, timeout=120, limits=limits) as http:
        return list(
            await asyncio.gather(*(http.request(m, url, json=body) for m, url, body in requests))
        )


def _statuses(answers: list[httpx.Response]) -> list[tuple[int, str]]:
    return [(a.status_code, a.text[:200]) for a in answers if not 200 <= a.status_code < 300]


def test_fifty_concurrent_creates_all_succeed(server: LocalServer) -> None:
    headers = _headers(server)
    path = _make_folder(server, headers, "creates")
    base = f"{server.url}/api/v4/secrets"
    requests = [
        ("POST", f"{base}/C_{i:02d}", {**_scope(server, path), "secretValue": f"v{i}"})
        for i in range(WRITERS)
    ]
    answers = asyncio.run(_all(requests, headers))
    assert _statuses(answers) == []
    assert sorted(a.json()["secret"]["secretKey"] for a in answers) == [
        f"C_{i:02d}" for i in range(WRITERS)
    ]
    listed = httpx.get(base, headers=headers, params=_scope(server, path), timeout=60)
    assert listed.status_code == 200, listed.text
    values = {s["secretKey"]: s["secretValue"] for s in listed.json()["secrets"]}
    assert values == {f"C_{i:02d}": f"v{i}" for i in range(WRITERS)}


def test_fifty_concurrent_updates_get_distinct_versions(server: LocalServer) -> None:
    headers = _headers(server)
    path = _make_folder(server, headers, "updates")
    url = f"{server.url}/api/v4/secrets/HOT"
    created = httpx.post(url, headers=headers, json={**_scope(server, path), "secretValue": "v0"})
    assert created.status_code == 200, created.text
    assert created.json()["secret"]["version"] == 1
    requests = [
        ("PATCH", url, {**_scope(server, path), "secretValue": f"u{i}"}) for i in range(WRITERS)
    ]
    answers = asyncio.run(_all(requests, headers))
    assert _statuses(answers) == []
    versions = sorted(a.json()["secret"]["version"] for a in answers)
    assert [1, *versions] == list(range(1, WRITERS + 2))  # 1..51, each exactly once
    final = httpx.get(url, headers=headers, params=_scope(server, path), timeout=60)
    assert final.status_code == 200, final.text
    assert final.json()["secret"]["version"] == WRITERS + 1
    newest = max(answers, key=lambda a: int(a.json()["secret"]["version"]))
    assert (
        final.json()["secret"]["secretValue"] == json.loads(newest.request.content)["secretValue"]
    )


def test_mixed_write_and_login_storm_never_answers_5xx(server: LocalServer) -> None:
    """Logins, creates, updates, deletes and reads all at once: no 5xx, no 503 either."""
    headers = _headers(server)
    boot = server.bootstrap
    path = _make_folder(server, headers, "storm")
    base = f"{server.url}/api/v4/secrets"
    scope = _scope(server, path)
    for i in range(10):
        seeded = httpx.post(f"{base}/D_{i}", headers=headers, json={**scope, "secretValue": "x"})
        assert seeded.status_code == 200, seeded.text
    login = {"clientId": boot["client_id"], "clientSecret": boot["client_secret"]}
    requests: list[tuple[str, str, dict[str, Any]]] = []
    for i in range(WRITERS):
        requests.append(("POST", f"{server.url}/api/v1/auth/universal-auth/login", login))
        requests.append(("POST", f"{base}/S_{i:02d}", {**scope, "secretValue": f"s{i}"}))
        requests.append(("PATCH", f"{base}/D_{i % 10}", {**scope, "secretValue": f"p{i}"}))
        if i < 10:
            requests.append(("DELETE", f"{base}/D_{i}", {**scope}))
    answers = asyncio.run(_all(requests, headers))
    server_errors = [
        (a.request.method, a.status_code, a.text[:200]) for a in answers if a.status_code >= 500
    ]
    assert server_errors == []
    logins = [a for a in answers if a.request.url.path.endswith("/login")]
    creates = [a for a in answers if a.request.method == "POST" and "/S_" in a.request.url.path]
    assert {a.status_code for a in logins} == {200}
    assert {a.status_code for a in creates} == {200}
    # Updates and deletes of D_* race each other: each answers 200, or 404 once deleted.
    others = [a for a in answers if a.request.method in ("PATCH", "DELETE")]
    assert {a.status_code for a in others} <= {200, 404}
    deletes = [a for a in answers if a.request.method == "DELETE"]
    assert [a.status_code for a in deletes] == [200] * 10
