"""Secrets depth over real HTTP: recursive lists, tags, metadata, masking, versions,
personal overrides (user actor) and imports inside list/get."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import user_client
from ._projects_support import admin_client

V4 = "/api/v4/secrets"
V3 = "/api/v3/secrets/raw"
HIDDEN = "<hidden-by-infisical>"


@pytest.fixture(scope="module")
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


@pytest.fixture(scope="module")
def user_http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(user_client(infisical_server)) as client:
        yield client


@pytest.fixture(scope="module")
def pid(infisical_server: LocalServer) -> str:
    return str(infisical_server.bootstrap["project_id"])


def folder(http: httpx.Client, pid: str, path: str = "/", env: str = "dev") -> str:
    """Create a uniquely named folder under ``path``; returns its full path."""
    name = "t" + uuid.uuid4().hex[:10]
    resp = http.post(
        "/api/v2/folders", json={"projectId": pid, "environment": env, "name": name, "path": path}
    )
    assert resp.status_code == 200, resp.text
    return str(resp.json()["folder"]["path"])


def put(
    http: httpx.Client, pid: str, path: str, key: str, value: str, env: str = "dev", **extra: Any
) -> dict[str, Any]:
    body = {"projectId": pid, "environment": env, "secretPath": path, "secretValue": value}
    resp = http.post(f"{V4}/{key}", json={**body, **extra})
    assert resp.status_code == 200, resp.text
    secret: dict[str, Any] = resp.json()["secret"]
    return secret


def listing(http: httpx.Client, pid: str, path: str, base: str = V4, **params: Any) -> Any:
    query = {"projectId": pid, "environment": "dev", "secretPath": path, **params}
    resp = http.get(base, params=query)
    assert resp.status_code == 200, resp.text
    return resp.json()


def err(resp: httpx.Response, status: int, fragment: str = "") -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["statusCode"] == status and "reqId" in body and "error" in body
    assert fragment in str(body["message"])


@pytest.mark.parametrize("base", [V4, V3])
def test_recursive_list_carries_paths_and_stops_at_depth_20(
    http: httpx.Client, pid: str, base: str
) -> None:
    top = folder(http, pid)
    path = top
    for _ in range(21):
        path = folder(http, pid, path)
    put(http, pid, top, "TOP", "t")
    put(http, pid, path, "DEEPEST", "d")  # 21 levels below `top`
    level20 = path.rsplit("/", 1)[0]
    put(http, pid, level20, "LEVEL20", "l")
    flat = listing(http, pid, top, base)["secrets"]
    assert [s["secretKey"] for s in flat] == ["TOP"]
    deep = listing(http, pid, top, base, recursive="true")["secrets"]
    assert {s["secretKey"]: s["secretPath"] for s in deep} == {"TOP": top, "LEVEL20": level20}


def test_tags_on_secrets_and_tag_slug_filter(http: httpx.Client, pid: str) -> None:
    path = folder(http, pid)
    tags = {}
    for slug in ("red-" + uuid.uuid4().hex[:6], "blue-" + uuid.uuid4().hex[:6]):
        resp = http.post(f"/api/v1/projects/{pid}/tags", json={"slug": slug, "color": "#f00"})
        assert resp.status_code == 200, resp.text
        tags[slug] = resp.json()["tag"]["id"]
    red, blue = list(tags)
    made = put(http, pid, path, "A", "1", tagIds=[tags[red]])
    assert [t["slug"] for t in made["tags"]] == [red]
    put(http, pid, path, "B", "2", tagIds=[tags[blue]])
    put(http, pid, path, "C", "3")
    only_red = listing(http, pid, path, tagSlugs=red)["secrets"]
    assert [s["secretKey"] for s in only_red] == ["A"]
    both = listing(http, pid, path, V3, tagSlugs=f"{red},{blue}")["secrets"]
    assert [s["secretKey"] for s in both] == ["A", "B"]
    # tagIds replaces the whole set
    body = {"projectId": pid, "environment": "dev", "secretPath": path, "tagIds": [tags[blue]]}
    resp = http.patch(f"{V4}/A", json=body)
    assert [t["slug"] for t in resp.json()["secret"]["tags"]] == [blue]
    assert listing(http, pid, path, tagSlugs=red)["secrets"] == []
    bad = {**body, "tagIds": [str(uuid.uuid4())]}
    err(http.patch(f"{V4}/A", json=bad), 404, "Tag not found")


def test_secret_metadata_and_metadata_filter(http: httpx.Client, pid: str) -> None:
    path = folder(http, pid)
    meta = [{"key": "team", "value": "core"}, {"key": "tier", "value": "1"}]
    made = put(http, pid, path, "M1", "x", secretMetadata=meta)
    assert made["secretMetadata"] == [{**m, "isEncrypted": False} for m in meta]
    put(http, pid, path, "M2", "y", secretMetadata=[{"key": "team", "value": "core"}])
    put(
        http, pid, path, "M3", "z", secretMetadata=[{"key": "s", "value": "v", "isEncrypted": True}]
    )
    one = listing(http, pid, path, metadataFilter="key=team,value=core")["secrets"]
    assert [s["secretKey"] for s in one] == ["M1", "M2"]
    anded = listing(http, pid, path, metadataFilter="key=team,value=core|key=tier,value=1")
    assert [s["secretKey"] for s in anded["secrets"]] == ["M1"]
    # encrypted metadata is returned to the caller but never matched
    assert listing(http, pid, path, metadataFilter="key=s,value=v")["secrets"] == []
    got = http.get(f"{V4}/M3", params={"projectId": pid, "environment": "dev", "secretPath": path})
    assert got.json()["secret"]["secretMetadata"] == [
        {"key": "s", "value": "v", "isEncrypted": True}
    ]
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    err(http.get(V4, params={**query, "metadataFilter": "key=team"}), 400, "metadataFilter")
    err(http.get(V4, params={**query, "metadataFilter": "nonsense"}), 400, "metadataFilter")
    eleven = "|".join(f"key=k{i},value=v" for i in range(11))
    err(http.get(V4, params={**query, "metadataFilter": eleven}), 400, "at most 10")
    upd = http.patch(
        f"{V4}/M1",
        json={**query, "secretMetadata": [{"key": "team", "value": "edge"}], "metadata": {"a": 1}},
    )
    assert upd.status_code == 200, upd.text
    assert upd.json()["secret"]["secretMetadata"] == [
        {"key": "team", "value": "edge", "isEncrypted": False}
    ]
    assert upd.json()["secret"]["metadata"] == {"a": 1}


def test_update_fields_versions_and_history(http: httpx.Client, pid: str) -> None:
    path = folder(http, pid)
    put(http, pid, path, "V", "one", secretComment="c1")
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    resp = http.patch(
        f"{V4}/V",
        json={**query, "secretValue": "two", "secretComment": "c2", "skipMultilineEncoding": True},
    )
    assert resp.json()["secret"]["version"] == 2
    resp = http.patch(f"{V4}/V", json={**query, "newSecretName": "W"})
    assert resp.json()["secret"]["secretValue"] == ""  # as Infisical: no value sent
    assert resp.json()["secret"]["secretKey"] == "W"
    for version, value, comment in ((1, "one", "c1"), (2, "two", "c2"), (3, "two", "c2")):
        got = http.get(f"{V4}/W", params={**query, "version": version}).json()["secret"]
        assert (got["version"], got["secretValue"], got["secretComment"]) == (
            version,
            value,
            comment,
        )
    current = http.get(f"{V3}/W", params=query).json()["secret"]
    assert current["skipMultilineEncoding"] is True
    err(http.get(f"{V4}/W", params={**query, "version": 9}), 404)


def test_view_secret_value_false_masks_everywhere(http: httpx.Client, pid: str) -> None:
    src = folder(http, pid, env="staging")
    put(http, pid, src, "IMPORTED", "secret-i", env="staging")
    path = folder(http, pid)
    put(http, pid, path, "LOCAL", "secret-l")
    imp = http.post(
        "/api/v2/secret-imports",
        json={
            "projectId": pid,
            "environment": "dev",
            "path": path,
            "import": {"environment": "staging", "path": src},
        },
    )
    assert imp.status_code == 200, imp.text
    for base in (V4, V3):
        body = listing(http, pid, path, base, viewSecretValue="false", include_imports="true")
        assert [(s["secretValue"], s["secretValueHidden"]) for s in body["secrets"]] == [
            (HIDDEN, True)
        ]
        inner = body["imports"][0]["secrets"]
        assert [(s["secretKey"], s["secretValue"], s["secretValueHidden"]) for s in inner] == [
            ("IMPORTED", HIDDEN, True)
        ]
        assert "secret-" not in str(body)


def test_imports_in_list_and_get_fallback(http: httpx.Client, pid: str) -> None:
    first = folder(http, pid, env="staging")
    second = folder(http, pid, env="prod")
    put(http, pid, first, "SHARED_KEY", "from-first", env="staging")
    put(http, pid, second, "SHARED_KEY", "from-second", env="prod")
    put(http, pid, first, "ONLY_FIRST", "f", env="staging")
    path = folder(http, pid)
    put(http, pid, path, "OWN", "own")
    for env, src in (("staging", first), ("prod", second)):
        resp = http.post(
            "/api/v2/secret-imports",
            json={
                "projectId": pid,
                "environment": "dev",
                "path": path,
                "import": {"environment": env, "path": src},
            },
        )
        assert resp.status_code == 200, resp.text
    body = listing(http, pid, path, includeImports="true")
    groups = body["imports"]
    assert [(g["environment"], g["secretPath"]) for g in groups] == [
        ("staging", first),
        ("prod", second),
    ]
    assert all(g["folderId"] for g in groups)
    assert "createdAt" not in groups[0]["secrets"][0]
    assert {s["secretKey"] for s in groups[0]["secrets"]} == {"SHARED_KEY", "ONLY_FIRST"}
    assert listing(http, pid, path)["imports"] == []
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    err(http.get(f"{V4}/SHARED_KEY", params=query), 404, "SHARED_KEY")
    # last import wins
    got = http.get(f"{V4}/SHARED_KEY", params={**query, "include_imports": "true"})
    assert got.json()["secret"]["secretValue"] == "from-second"
    got = http.get(f"{V3}/ONLY_FIRST", params={**query, "includeImports": "true"})
    assert got.json()["secret"]["secretValue"] == "f"
    assert got.json()["secret"]["environment"] == "staging"


def test_personal_overrides(http: httpx.Client, user_http: httpx.Client, pid: str) -> None:
    path = folder(http, pid)
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    # identity cannot create personal
    resp = http.post(f"{V4}/P", json={**query, "secretValue": "x", "type": "personal"})
    err(resp, 400, "Must be user to create personal secret")
    # user: personal without shared
    resp = user_http.post(f"{V4}/P", json={**query, "secretValue": "mine", "type": "personal"})
    err(resp, 400, "no corresponding shared secret")
    put(http, pid, path, "P", "shared-value")
    resp = user_http.post(f"{V4}/P", json={**query, "secretValue": "mine", "type": "personal"})
    assert resp.status_code == 200, resp.text
    assert resp.json()["secret"]["type"] == "personal"
    rename = {**query, "type": "personal", "newSecretName": "Q"}
    err(user_http.patch(f"{V4}/P", json=rename), 400, "renamed")
    # v4 without overrides: shared only; with overrides: personal replaces shared
    plain = listing(user_http, pid, path)["secrets"]
    assert [(s["type"], s["secretValue"]) for s in plain] == [("shared", "shared-value")]
    over = listing(user_http, pid, path, includePersonalOverrides="true")["secrets"]
    assert [(s["type"], s["secretValue"]) for s in over] == [("personal", "mine")]
    # v3 returns both
    both = listing(user_http, pid, path, V3)["secrets"]
    assert sorted((s["type"], s["secretValue"]) for s in both) == [
        ("personal", "mine"),
        ("shared", "shared-value"),
    ]
    # the identity does not see the user's personal secret
    assert len(listing(http, pid, path, V3)["secrets"]) == 1
    # get by type
    personal = user_http.get(f"{V4}/P", params={**query, "type": "personal"})
    assert personal.json()["secret"]["secretValue"] == "mine"
    shared = user_http.get(f"{V4}/P", params=query)
    assert shared.json()["secret"]["secretValue"] == "shared-value"
    err(http.get(f"{V4}/P", params={**query, "type": "personal"}), 404)
    # personal never masked for its owner
    masked = listing(user_http, pid, path, V3, viewSecretValue="false")["secrets"]
    assert {s["type"]: s["secretValueHidden"] for s in masked} == {
        "personal": False,
        "shared": True,
    }


def test_missing_folder_on_create(http: httpx.Client, pid: str) -> None:
    missing = "/nope" + uuid.uuid4().hex[:8]
    body = {"projectId": pid, "environment": "dev", "secretPath": missing, "secretValue": "v"}
    err(
        http.post(f"{V4}/K", json=body),
        404,
        f"Folder with path '{missing}' in environment with slug 'dev' not found",
    )


def test_values_and_comments_encrypted_at_rest(
    http: httpx.Client, pid: str, infisical_server: LocalServer
) -> None:
    path = folder(http, pid)
    marker = "plain-" + uuid.uuid4().hex
    put(
        http,
        pid,
        path,
        "ENC",
        marker + "-value",
        secretComment=marker + "-comment",
        secretMetadata=[{"key": "k", "value": marker + "-meta", "isEncrypted": True}],
    )
    files = list(infisical_server.data_dir.glob("*.db*"))
    assert files, "no SQLite files found"
    raw = b"".join(p.read_bytes() for p in files)
    assert b"ENC" in raw  # the key is stored in clear, so the files really hold the data
    assert marker.encode() not in raw
