"""Batch create/update/delete (v4 and v3 raw): modes, per-item paths, all-or-nothing;
plus the main CRUD + batch + folders flow on PostgreSQL."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client

ROUTES = {"v4": "/api/v4/secrets/batch", "v3": "/api/v3/secrets/batch/raw"}


@pytest.fixture(scope="module")
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


def _folder(http: httpx.Client, pid: str, path: str = "/") -> str:
    name = "b" + uuid.uuid4().hex[:10]
    resp = http.post(
        "/api/v2/folders", json={"projectId": pid, "environment": "dev", "name": name, "path": path}
    )
    assert resp.status_code == 200, resp.text
    return str(resp.json()["folder"]["path"])


def _values(http: httpx.Client, pid: str, path: str) -> dict[str, str]:
    resp = http.get(
        "/api/v4/secrets", params={"projectId": pid, "environment": "dev", "secretPath": path}
    )
    assert resp.status_code == 200, resp.text
    return {s["secretKey"]: s["secretValue"] for s in resp.json()["secrets"]}


def _scope(pid: str, path: str, version: str) -> dict[str, Any]:
    key = "projectId" if version == "v4" else "workspaceId"
    return {key: pid, "environment": "dev", "secretPath": path}


def batch_flow(http: httpx.Client, pid: str, version: str) -> None:
    """Create, update in every mode, delete; failures leave nothing behind."""
    route = ROUTES[version]
    path = _folder(http, pid)
    sub = _folder(http, pid, path)
    scope = _scope(pid, path, version)
    items = [{"secretKey": "A", "secretValue": "1"}, {"secretKey": "B", "secretValue": "2"}]
    resp = http.post(route, json={**scope, "secrets": items})
    assert resp.status_code == 200, resp.text
    assert [(s["secretKey"], s["version"]) for s in resp.json()["secrets"]] == [
        ("A", 1),
        ("B", 1),
    ]
    # duplicate in a create batch: nothing of the batch is written
    dup = [{"secretKey": "C", "secretValue": "3"}, {"secretKey": "A", "secretValue": "x"}]
    resp = http.post(route, json={**scope, "secrets": dup})
    assert resp.status_code == 400, resp.text
    assert _values(http, pid, path) == {"A": "1", "B": "2"}
    # failOnNotFound (default): a missing key rolls back the whole batch
    upd = [{"secretKey": "A", "secretValue": "10"}, {"secretKey": "NOPE", "secretValue": "x"}]
    resp = http.patch(route, json={**scope, "secrets": upd})
    assert resp.status_code == 404, resp.text
    assert _values(http, pid, path) == {"A": "1", "B": "2"}
    # ignore: the missing key is skipped
    resp = http.patch(route, json={**scope, "mode": "ignore", "secrets": upd})
    assert resp.status_code == 200, resp.text
    assert [s["secretKey"] for s in resp.json()["secrets"]] == ["A"]
    assert _values(http, pid, path) == {"A": "10", "B": "2"}
    # upsert, with a per-item secretPath override
    ups = [
        {"secretKey": "B", "secretValue": "20", "secretComment": "c"},
        {"secretKey": "NEW", "secretValue": "n"},
        {"secretKey": "IN_SUB", "secretValue": "s", "secretPath": sub},
    ]
    resp = http.patch(route, json={**scope, "mode": "upsert", "secrets": ups})
    assert resp.status_code == 200, resp.text
    got = {s["secretKey"]: (s["version"], s["secretPath"]) for s in resp.json()["secrets"]}
    assert got == {"B": (2, path), "NEW": (1, path), "IN_SUB": (1, sub)}
    assert _values(http, pid, path) == {"A": "10", "B": "20", "NEW": "n"}
    assert _values(http, pid, sub) == {"IN_SUB": "s"}
    # delete: a missing key rolls back, then a good batch deletes
    gone = [{"secretKey": "A"}, {"secretKey": "MISSING"}]
    resp = http.request("DELETE", route, json={**scope, "secrets": gone})
    assert resp.status_code == 404, resp.text
    assert set(_values(http, pid, path)) == {"A", "B", "NEW"}
    gone = [{"secretKey": "A"}, {"secretKey": "NEW", "type": "shared"}]
    resp = http.request("DELETE", route, json={**scope, "secrets": gone})
    assert resp.status_code == 200, resp.text
    assert [s["secretValue"] for s in resp.json()["secrets"]] == ["10", "n"]
    assert _values(http, pid, path) == {"B": "20"}
    # empty batch is a validation error
    resp = http.post(route, json={**scope, "secrets": []})
    assert resp.status_code == 422, resp.text


@pytest.mark.parametrize("version", ["v4", "v3"])
def test_batch(http: httpx.Client, infisical_server: LocalServer, version: str) -> None:
    batch_flow(http, infisical_server.bootstrap["project_id"], version)


def test_batch_with_tags_and_bad_tag_rolls_back(
    http: httpx.Client, infisical_server: LocalServer
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    path = _folder(http, pid)
    slug = "bt-" + uuid.uuid4().hex[:6]
    tag = http.post(f"/api/v1/projects/{pid}/tags", json={"slug": slug, "color": "#0f0"})
    tag_id = tag.json()["tag"]["id"]
    scope = _scope(pid, path, "v4")
    items = [
        {"secretKey": "T1", "secretValue": "1", "tagIds": [tag_id]},
        {"secretKey": "T2", "secretValue": "2", "tagIds": [str(uuid.uuid4())]},
    ]
    resp = http.post(ROUTES["v4"], json={**scope, "secrets": items})
    assert resp.status_code == 404, resp.text
    assert _values(http, pid, path) == {}
    resp = http.post(ROUTES["v4"], json={**scope, "secrets": items[:1]})
    assert [t["slug"] for t in resp.json()["secrets"][0]["tags"]] == [slug]


@pytest.mark.postgres
def test_crud_batch_folders_on_postgres(postgres_url: str) -> None:
    with (
        LocalServer(database_url=postgres_url) as server,
        contextlib.closing(admin_client(server)) as http,
    ):
        pid = server.bootstrap["project_id"]
        batch_flow(http, pid, "v4")
        path = _folder(http, pid)
        scope = _scope(pid, path, "v4")
        assert (
            http.post(
                "/api/v4/secrets/K", json={**scope, "secretValue": "v", "secretComment": "c"}
            ).status_code
            == 200
        )
        upd = http.patch("/api/v4/secrets/K", json={**scope, "secretValue": "w"})
        assert upd.json()["secret"]["version"] == 2
        old = http.get("/api/v4/secrets/K", params={**scope, "version": 1})
        assert old.json()["secret"]["secretValue"] == "v"
        name = path.rsplit("/", 1)[1]
        ren = http.patch(
            f"/api/v2/folders/{name}",
            json={"projectId": pid, "environment": "dev", "name": name + "x"},
        )
        assert ren.status_code == 200, ren.text
        assert _values(http, pid, path + "x") == {"K": "w"}
        gone = http.request(
            "DELETE", f"/api/v2/folders/{name}x", json={"projectId": pid, "environment": "dev"}
        )
        assert gone.status_code == 200, gone.text
        resp = http.get(
            "/api/v4/secrets",
            params={"projectId": pid, "environment": "dev", "secretPath": path + "x"},
        )
        assert resp.status_code == 404
