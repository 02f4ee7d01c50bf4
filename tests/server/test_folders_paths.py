"""Folders, secret paths in every spelling, and recursive listing."""

from __future__ import annotations

import uuid

import httpx

from .conftest import assert_error

V4 = "/api/v4/secrets"


def make_folder(http: httpx.Client, pid: str, name: str, path: str = "/") -> dict[str, object]:
    resp = http.post(
        "/api/v2/folders", json={"projectId": pid, "environment": "dev", "name": name, "path": path}
    )
    assert resp.status_code == 200, resp.text
    folder: dict[str, object] = resp.json()["folder"]
    return folder


def test_folder_create_and_list(http: httpx.Client, pid: str) -> None:
    name = "f" + uuid.uuid4().hex[:8]
    folder = make_folder(http, pid, name)
    assert folder["name"] == name
    assert folder["path"] == f"/{name}"
    child = make_folder(http, pid, "child", f"/{name}")
    assert child["parentId"] == folder["id"]
    listed = http.get(
        "/api/v2/folders", params={"projectId": pid, "environment": "dev", "path": f"/{name}"}
    )
    assert [f["name"] for f in listed.json()["folders"]] == ["child"]
    dup = http.post("/api/v2/folders", json={"projectId": pid, "environment": "dev", "name": name})
    assert_error(dup, 400, "BadRequest")
    bad = http.post("/api/v2/folders", json={"projectId": pid, "environment": "dev", "name": "a b"})
    assert_error(bad, 400, "BadRequest")


def test_secret_path_spellings(http: httpx.Client, pid: str, name: str) -> None:
    folder = "p" + uuid.uuid4().hex[:8]
    make_folder(http, pid, folder)
    resp = http.post(
        f"{V4}/{name}",
        json={
            "projectId": pid,
            "environment": "dev",
            "secretPath": f"{folder}/",
            "secretValue": "n",
        },
    )
    assert resp.status_code == 200, resp.text
    assert resp.json()["secret"]["secretPath"] == f"/{folder}"
    for query in (
        f"secretPath=%2F{folder}",  # encoded once (what clients send)
        f"secretPath=%252F{folder}",  # encoded twice
        f"secretPath=/{folder}/",  # raw, trailing slash
        f"secretPath=%20/{folder}%20",  # padded
    ):
        url = f"{V4}/{name}?projectId={pid}&environment=dev&{query}"
        got = http.get(url)
        assert got.status_code == 200, (query, got.text)
        assert got.json()["secret"]["secretValue"] == "n"
        assert got.json()["secret"]["secretPath"] == f"/{folder}"
    # Not in the root folder.
    assert_error(
        http.get(f"{V4}/{name}", params={"projectId": pid, "environment": "dev"}), 404, "NotFound"
    )


def test_recursive_list(http: httpx.Client, pid: str, name: str) -> None:
    folder = "r" + uuid.uuid4().hex[:8]
    make_folder(http, pid, folder)
    make_folder(http, pid, "deep", f"/{folder}")
    for path, value in ((f"/{folder}", "top"), (f"/{folder}/deep", "deep")):
        resp = http.post(
            f"{V4}/{name}",
            json={"projectId": pid, "environment": "dev", "secretPath": path, "secretValue": value},
        )
        assert resp.status_code == 200, resp.text
    base = {"projectId": pid, "environment": "dev", "secretPath": f"/{folder}"}
    flat = http.get(V4, params={**base, "recursive": "false"}).json()["secrets"]
    assert [(s["secretPath"], s["secretValue"]) for s in flat] == [(f"/{folder}", "top")]
    deep = http.get(V4, params={**base, "recursive": "true"}).json()["secrets"]
    assert sorted((s["secretPath"], s["secretValue"]) for s in deep) == [
        (f"/{folder}", "top"),
        (f"/{folder}/deep", "deep"),
    ]


def test_reference_expansion(http: httpx.Client, pid: str, name: str) -> None:
    folder = "x" + uuid.uuid4().hex[:8]
    make_folder(http, pid, folder)
    dev = {"projectId": pid, "environment": "dev"}
    writes = [
        ({**dev, "secretPath": "/"}, f"{name}_BASE", "postgres://x"),
        ({**dev, "secretPath": "/"}, f"{name}_REF", f"url=${{{name}_BASE}}"),
        ({**dev, "secretPath": f"/{folder}"}, f"{name}_DEEP", "deep"),
        ({"projectId": pid, "environment": "staging"}, f"{name}_ST", "from-staging"),
        (
            {**dev, "secretPath": "/"},
            f"{name}_ALL",
            f"${{{name}_REF}}|${{staging.{name}_ST}}|${{dev.{folder}.{name}_DEEP}}",
        ),
    ]
    for params, key, value in writes:
        resp = http.post(f"{V4}/{key}", json={**params, "secretValue": value})
        assert resp.status_code == 200, resp.text
    expected = "url=postgres://x|from-staging|deep"
    got = http.get(f"{V4}/{name}_ALL", params={**dev, "expandSecretReferences": "true"})
    assert got.json()["secret"]["secretValue"] == expected
    raw = http.get(f"{V4}/{name}_ALL", params={**dev, "expandSecretReferences": "false"})
    assert raw.json()["secret"]["secretValue"] == writes[-1][2]
    listed = http.get(V4, params={**dev, "expandSecretReferences": "true"}).json()["secrets"]
    assert {s["secretKey"]: s["secretValue"] for s in listed}[f"{name}_REF"] == "url=postgres://x"
