"""Folders v2 and deprecated v1: create, list (recursive, lastSecretModified), get by id,
rename/description, batch update, delete with contents; name rules."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from datetime import datetime, timezone

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client

F2 = "/api/v2/folders"
F1 = "/api/v1/folders"


@pytest.fixture(scope="module")
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


@pytest.fixture(scope="module")
def pid(infisical_server: LocalServer) -> str:
    return str(infisical_server.bootstrap["project_id"])


def _create(http: httpx.Client, pid: str, name: str, path: str = "/") -> dict[str, object]:
    resp = http.post(F2, json={"projectId": pid, "environment": "dev", "name": name, "path": path})
    assert resp.status_code == 200, resp.text
    folder: dict[str, object] = resp.json()["folder"]
    return folder


def test_names_are_validated(http: httpx.Client, pid: str) -> None:
    for bad in ("a b", "a/b", "a.b", "é", "a:b"):
        resp = http.post(F2, json={"projectId": pid, "environment": "dev", "name": bad})
        assert resp.status_code == 400, (bad, resp.text)
        assert "alphanumeric" in resp.json()["message"]
    good = "Ok_name-" + uuid.uuid4().hex[:6]
    assert _create(http, pid, good)["name"] == good


def test_recursive_list_get_by_id_and_last_modified(http: httpx.Client, pid: str) -> None:
    top = "top" + uuid.uuid4().hex[:8]
    t = _create(http, pid, top)
    a = _create(http, pid, "a", f"/{top}")
    b = _create(http, pid, "b", f"/{top}/a")
    query = {"projectId": pid, "environment": "dev", "path": f"/{top}"}
    direct = http.get(F2, params=query).json()["folders"]
    assert [f["id"] for f in direct] == [a["id"]]
    deep = http.get(F2, params={**query, "recursive": "true"}).json()["folders"]
    assert [(f["id"], f["relativePath"]) for f in deep] == [(a["id"], "/a"), (b["id"], "/a/b")]
    got = http.get(f"{F2}/{b['id']}").json()["folder"]
    assert got["path"] == f"/{top}/a/b" and got["projectId"] == pid
    assert got["environment"]["envSlug"] == "dev" and got["parentId"] == a["id"]
    assert http.get(f"{F2}/{uuid.uuid4()}").status_code == 404
    # lastSecretModified
    before = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    body = {"projectId": pid, "environment": "dev", "secretPath": f"/{top}/a/b", "secretValue": "v"}
    assert http.post("/api/v4/secrets/X", json=body).status_code == 200
    recent = http.get(
        F2, params={**query, "recursive": "true", "lastSecretModified": before}
    ).json()["folders"]
    assert [f["id"] for f in recent] == [b["id"]]
    assert recent[0]["lastSecretModified"] is not None
    assert t["id"] not in [f["id"] for f in recent]


def test_rename_moves_subtree_and_secrets(http: httpx.Client, pid: str) -> None:
    top = "ren" + uuid.uuid4().hex[:8]
    t = _create(http, pid, top)
    _create(http, pid, "child", f"/{top}")
    body = {
        "projectId": pid,
        "environment": "dev",
        "secretPath": f"/{top}/child",
        "secretValue": "v",
    }
    assert http.post("/api/v4/secrets/K", json=body).status_code == 200
    resp = http.patch(
        f"{F2}/{t['id']}",
        json={"projectId": pid, "environment": "dev", "name": top + "new", "description": "d"},
    )
    assert resp.status_code == 200, resp.text
    folder = resp.json()["folder"]
    assert (folder["name"], folder["path"], folder["description"]) == (
        top + "new",
        f"/{top}new",
        "d",
    )
    moved = http.get(
        "/api/v4/secrets/K",
        params={"projectId": pid, "environment": "dev", "secretPath": f"/{top}new/child"},
    )
    assert moved.json()["secret"]["secretValue"] == "v"
    bad = http.patch(
        f"{F2}/{t['id']}", json={"projectId": pid, "environment": "dev", "name": "bad name"}
    )
    assert bad.status_code == 400


def test_batch_update(http: httpx.Client, pid: str) -> None:
    one = _create(http, pid, "x" + uuid.uuid4().hex[:8])
    two = _create(http, pid, "y" + uuid.uuid4().hex[:8])
    items = [
        {"id": one["id"], "environment": "dev", "name": f"{one['name']}1", "path": "/"},
        {"id": two["id"], "environment": "dev", "name": f"{two['name']}2", "path": "/"},
    ]
    resp = http.patch(f"{F2}/batch", json={"projectId": pid, "folders": items})
    assert resp.status_code == 200, resp.text
    assert [f["name"] for f in resp.json()["folders"]] == [f"{one['name']}1", f"{two['name']}2"]
    # all or nothing: a bad second item leaves the first unchanged
    items = [
        {"id": one["id"], "environment": "dev", "name": "zz" + uuid.uuid4().hex[:6], "path": "/"},
        {"id": two["id"], "environment": "dev", "name": "no way", "path": "/"},
    ]
    resp = http.patch(f"{F2}/batch", json={"projectId": pid, "folders": items})
    assert resp.status_code == 400
    assert http.get(f"{F2}/{one['id']}").json()["folder"]["name"] == f"{one['name']}1"


def test_delete_with_contents(http: httpx.Client, pid: str) -> None:
    top = "del" + uuid.uuid4().hex[:8]
    t = _create(http, pid, top)
    sub = _create(http, pid, "sub", f"/{top}")
    body = {"projectId": pid, "environment": "dev", "secretPath": f"/{top}/sub", "secretValue": "v"}
    assert http.post("/api/v4/secrets/K", json=body).status_code == 200
    resp = http.request(
        "DELETE", f"{F2}/{top}", json={"projectId": pid, "environment": "dev", "forceDelete": True}
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["folder"]["id"] == t["id"] and "path" not in resp.json()["folder"]
    assert http.get(f"{F2}/{sub['id']}").status_code == 404
    listed = http.get(
        "/api/v4/secrets", params={"projectId": pid, "environment": "dev", "secretPath": f"/{top}"}
    )
    assert listed.status_code == 404
    again = http.request("DELETE", f"{F2}/{t['id']}", json={"projectId": pid, "environment": "dev"})
    assert again.status_code == 404


def test_v1_form(http: httpx.Client, pid: str) -> None:
    top = "v1" + uuid.uuid4().hex[:8]
    resp = http.post(F1, json={"workspaceId": pid, "environment": "dev", "name": top})
    assert resp.status_code == 200, resp.text
    resp = http.post(
        F1, json={"workspaceId": pid, "environment": "dev", "name": "in", "directory": f"/{top}"}
    )
    assert resp.json()["folder"]["path"] == f"/{top}/in"
    listed = http.get(F1, params={"workspaceId": pid, "environment": "dev", "directory": f"/{top}"})
    assert [f["name"] for f in listed.json()["folders"]] == ["in"]
    gone = http.request(
        "DELETE",
        f"{F1}/in",
        json={"workspaceId": pid, "environment": "dev", "directory": f"/{top}"},
    )
    assert gone.status_code == 200, gone.text
