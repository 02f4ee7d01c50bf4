"""Big batches: a maximal batch (``MAX_BATCH`` items) does not stall the small writes that run
beside it, a bigger one is a clear 400, and the bulk statements keep every detail of the
per-item writes (renames, tags, metadata, versions, personal overrides)."""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.server.limits import MAX_BATCH
from infisical_kit.testing import LocalServer

from ._auth_support import user_client
from ._platform import assert_envelope, authed

BATCH = "/api/v4/secrets/batch"
V3 = "/api/v3/secrets/raw"
WRITERS = 16


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    # A private SQLite server: the test measures contention on its one write lock.
    with LocalServer(tmp_path_factory.mktemp("batch-load")) as srv:
        yield srv


@pytest.fixture(scope="module")
def http(server: LocalServer) -> Iterator[httpx.Client]:
    with authed(server.url, server.bootstrap) as client:
        yield client


def _folder(http: httpx.Client, scope: dict[str, Any]) -> str:
    name = "f" + uuid.uuid4().hex[:10]
    resp = http.post("/api/v2/folders", json={**scope, "name": name, "path": "/"})
    assert resp.status_code == 200, resp.text
    return "/" + name


def _scope(server: LocalServer) -> dict[str, Any]:
    return {"projectId": server.bootstrap["project_id"], "environment": "dev"}


def test_maximal_batch_beside_small_writers_gets_no_503(
    server: LocalServer, http: httpx.Client
) -> None:
    scope = _scope(server)
    path = _folder(http, scope)
    items = [{"secretKey": f"K_{i:05d}", "secretValue": f"v{i}"} for i in range(MAX_BATCH)]
    statuses: list[int] = []
    during: list[float] = []  # start times of the small writes
    lock = threading.Lock()
    warmed = threading.Barrier(WRITERS + 1)
    done = threading.Event()
    window: dict[str, float] = {}
    token = str(http.headers["Authorization"])

    def writer(n: int) -> None:
        with httpx.Client(
            base_url=server.url, headers={"Authorization": token}, timeout=60
        ) as client:
            i = 0
            while True:
                started = time.monotonic()
                resp = client.post(
                    f"/api/v4/secrets/SMALL_{n}_{i}", json={**scope, "secretValue": "s"}
                )
                with lock:
                    statuses.append(resp.status_code)
                    during.append(started)
                if i == 0:
                    warmed.wait()
                i += 1
                if done.is_set():
                    return

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    try:
        warmed.wait()  # every writer has written once and keeps writing
        window["start"] = time.monotonic()
        resp = http.post(BATCH, json={**scope, "secretPath": path, "secrets": items})
        window["end"] = time.monotonic()
    finally:
        done.set()
        for t in threads:
            t.join()
    assert resp.status_code == 200, resp.text[:300]
    assert len(resp.json()["secrets"]) == MAX_BATCH
    assert statuses.count(503) == 0, statuses
    assert set(statuses) == {200}
    overlapping = [s for s in during if window["start"] <= s <= window["end"]]
    assert len(overlapping) >= WRITERS // 2, (len(overlapping), len(during))
    listed = http.get("/api/v4/secrets", params={**scope, "secretPath": path})
    assert len(listed.json()["secrets"]) == MAX_BATCH


@pytest.mark.parametrize("method", ["POST", "PATCH", "DELETE"])
def test_a_batch_over_the_limit_is_a_400(
    server: LocalServer, http: httpx.Client, method: str
) -> None:
    items = [{"secretKey": f"K{i}", "secretValue": "v"} for i in range(MAX_BATCH + 1)]
    resp = http.request(method, BATCH, json={**_scope(server), "secrets": items})
    body = assert_envelope(resp, 400, "BadRequest")
    assert f"at most {MAX_BATCH} secrets" in body["message"]
    assert str(MAX_BATCH + 1) in body["message"]


def _get(http: httpx.Client, scope: dict[str, Any], name: str, **params: Any) -> httpx.Response:
    return http.get(f"/api/v4/secrets/{name}", params={**scope, **params})


def test_bulk_update_keeps_renames_tags_metadata_and_versions(
    server: LocalServer, http: httpx.Client
) -> None:
    base = _scope(server)
    scope = {**base, "secretPath": _folder(http, base)}
    pid = base["projectId"]
    slug = "bl-" + uuid.uuid4().hex[:6]
    tag = http.post(f"/api/v1/projects/{pid}/tags", json={"slug": slug, "color": "#00f"})
    tag_id = tag.json()["tag"]["id"]
    created = http.post(
        BATCH,
        json={
            **scope,
            "secrets": [
                {"secretKey": "A", "secretValue": "a1", "tagIds": [tag_id]},
                {"secretKey": "B", "secretValue": "b1", "secretComment": " note "},
                {
                    "secretKey": "C",
                    "secretValue": "c1",
                    "secretMetadata": [{"key": "k", "value": "v", "isEncrypted": True}],
                },
            ],
        },
    )
    assert created.status_code == 200, created.text
    got = {s["secretKey"]: s for s in created.json()["secrets"]}
    assert [t["slug"] for t in got["A"]["tags"]] == [slug]
    assert got["B"]["secretComment"] == "note"
    assert got["C"]["secretMetadata"] == [{"key": "k", "value": "v", "isEncrypted": True}]
    # a rename onto a name that exists is refused and changes nothing
    clash = [{"secretKey": "A", "newSecretName": "B"}]
    assert_envelope(http.patch(BATCH, json={**scope, "secrets": clash}), 400)
    # renames may chain through names the batch frees
    changes = [
        {"secretKey": "B", "newSecretName": "B2", "secretValue": "b2"},
        {"secretKey": "A", "newSecretName": "B", "tagIds": []},
        {"secretKey": "C", "secretMetadata": [{"key": "plain", "value": "p"}]},
    ]
    resp = http.patch(BATCH, json={**scope, "secrets": changes})
    assert resp.status_code == 200, resp.text
    answered = [(s["secretKey"], s["version"], s["secretValue"]) for s in resp.json()["secrets"]]
    assert answered == [("B2", 2, "b2"), ("B", 2, ""), ("C", 2, "")]
    now_b = _get(http, scope, "B").json()["secret"]
    assert (now_b["secretValue"], now_b["tags"]) == ("a1", [])
    assert _get(http, scope, "B", version=1).json()["secret"]["secretValue"] == "a1"
    assert _get(http, scope, "B2", version=1).json()["secret"]["secretValue"] == "b1"
    meta = _get(http, scope, "C").json()["secret"]["secretMetadata"]
    assert meta == [{"key": "plain", "value": "p", "isEncrypted": False}]
    gone = http.request(
        "DELETE", BATCH, json={**scope, "secrets": [{"secretKey": "B"}, {"secretKey": "C"}]}
    )
    assert [s["secretValue"] for s in gone.json()["secrets"]] == ["a1", "c1"]
    left = http.get("/api/v4/secrets", params=scope).json()["secrets"]
    assert [s["secretKey"] for s in left] == ["B2"]


def test_bulk_delete_takes_personal_overrides_along(server: LocalServer) -> None:
    boot = server.bootstrap
    with contextlib.closing(user_client(server)) as user:
        base = {"projectId": boot["project_id"], "environment": "dev"}
        scope = {**base, "secretPath": _folder(user, base)}
        assert user.post(V3 + "/P", json={**scope, "secretValue": "shared"}).status_code == 200
        personal = {**scope, "secretValue": "mine", "type": "personal"}
        assert user.post(V3 + "/P", json=personal).status_code == 200
        gone = user.request(
            "DELETE", "/api/v3/secrets/batch/raw", json={**scope, "secrets": [{"secretKey": "P"}]}
        )
        assert gone.status_code == 200, gone.text
        assert user.get(V3, params=scope).json()["secrets"] == []


def test_a_key_twice_in_one_batch(server: LocalServer, http: httpx.Client) -> None:
    base = _scope(server)
    scope = {**base, "secretPath": _folder(http, base)}
    made = http.post(BATCH, json={**scope, "secrets": [{"secretKey": "D", "secretValue": "1"}]})
    assert made.status_code == 200, made.text
    twice = [{"secretKey": "D", "secretValue": "2"}, {"secretKey": "D", "secretValue": "3"}]
    resp = http.patch(BATCH, json={**scope, "secrets": twice})
    assert resp.status_code == 200, resp.text
    assert _get(http, scope, "D").json()["secret"]["version"] == 3
    assert _get(http, scope, "D", version=2).json()["secret"]["secretValue"] == "2"
    assert _get(http, scope, "D").json()["secret"]["secretValue"] == "3"
    again = [{"secretKey": "D"}, {"secretKey": "D"}]
    assert_envelope(http.request("DELETE", BATCH, json={**scope, "secrets": again}), 404)
    assert _get(http, scope, "D").status_code == 200  # all or nothing
