"""``/api/v2/secret-imports``: create, list, get, reorder, update, delete, imported secrets."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client

IMP = "/api/v2/secret-imports"


@pytest.fixture(scope="module")
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


def _folder(http: httpx.Client, pid: str, env: str) -> str:
    name = "i" + uuid.uuid4().hex[:10]
    resp = http.post("/api/v2/folders", json={"projectId": pid, "environment": env, "name": name})
    assert resp.status_code == 200, resp.text
    return str(resp.json()["folder"]["path"])


def _add(http: httpx.Client, scope: dict[str, Any], env: str, path: str) -> httpx.Response:
    return http.post(IMP, json={**scope, "import": {"environment": env, "path": path}})


def test_import_lifecycle(http: httpx.Client, infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    here = _folder(http, pid, "dev")
    sources = [("staging", _folder(http, pid, "staging")), ("prod", _folder(http, pid, "prod"))]
    sources.append(("dev", _folder(http, pid, "dev")))
    body = {"projectId": pid, "environment": "staging", "secretPath": sources[0][1]}
    assert http.post("/api/v4/secrets/S1", json={**body, "secretValue": "v1"}).status_code == 200
    scope = {"projectId": pid, "environment": "dev", "path": here}
    ids = []
    for env, path in sources:
        resp = _add(http, scope, env, path)
        assert resp.status_code == 200, resp.text
        imp = resp.json()["secretImport"]
        assert (imp["importEnv"]["slug"], imp["importPath"]) == (env, path)
        ids.append(imp["id"])
    assert [i["position"] for i in _list(http, scope)] == [1, 2, 3]
    # errors: duplicate, self-import, missing folder, unknown env
    assert _add(http, scope, *sources[0]).status_code == 400
    assert _add(http, scope, "dev", here).status_code == 400
    assert _add(http, scope, "prod", "/missing" + uuid.uuid4().hex[:6]).status_code == 404
    assert _add(http, scope, "nope", "/").status_code == 404
    # get by id
    got = http.get(f"{IMP}/{ids[0]}").json()["secretImport"]
    assert got["secretPath"] == here and got["environment"]["slug"] == "dev"
    assert got["projectId"] == pid
    # reorder: move the last to the front
    resp = http.patch(f"{IMP}/{ids[2]}", json={**scope, "import": {"position": 1}})
    assert resp.status_code == 200, resp.text
    assert [i["id"] for i in _list(http, scope)] == [ids[2], ids[0], ids[1]]
    assert [i["position"] for i in _list(http, scope)] == [1, 2, 3]
    # change the source
    new_src = _folder(http, pid, "prod")
    resp = http.patch(f"{IMP}/{ids[1]}", json={**scope, "import": {"path": new_src}})
    assert resp.json()["secretImport"]["importPath"] == new_src
    # imported secrets
    groups = http.get(f"{IMP}/secrets", params=scope).json()["secrets"]
    assert [g["environment"] for g in groups] == ["dev", "staging", "prod"]
    assert [s["secretKey"] for s in groups[1]["secrets"]] == ["S1"]
    assert groups[1]["environmentInfo"]["slug"] == "staging"
    # delete closes the gap
    resp = http.request("DELETE", f"{IMP}/{ids[2]}", json=scope)
    assert resp.status_code == 200, resp.text
    assert [(i["id"], i["position"]) for i in _list(http, scope)] == [(ids[0], 1), (ids[1], 2)]
    assert http.request("DELETE", f"{IMP}/{ids[2]}", json=scope).status_code == 404
    assert http.get(f"{IMP}/{uuid.uuid4()}").status_code == 404


def _list(http: httpx.Client, scope: dict[str, Any]) -> list[dict[str, Any]]:
    resp = http.get(IMP, params=scope)
    assert resp.status_code == 200, resp.text
    items: list[dict[str, Any]] = resp.json()["secretImports"]
    return items
