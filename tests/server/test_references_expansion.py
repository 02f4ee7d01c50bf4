"""Reference expansion errors: a missing reference or a cycle is a clear 400, never a hang."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client

V4 = "/api/v4/secrets"
V3 = "/api/v3/secrets/raw"


@pytest.fixture(scope="module")
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


def _folder(http: httpx.Client, pid: str, env: str = "dev", path: str = "/") -> str:
    name = "r" + uuid.uuid4().hex[:10]
    resp = http.post(
        "/api/v2/folders", json={"projectId": pid, "environment": env, "name": name, "path": path}
    )
    assert resp.status_code == 200, resp.text
    return str(resp.json()["folder"]["path"])


def _put(http: httpx.Client, pid: str, path: str, key: str, value: str, env: str = "dev") -> None:
    body = {"projectId": pid, "environment": env, "secretPath": path, "secretValue": value}
    assert http.post(f"{V4}/{key}", json=body).status_code == 200


def test_nested_and_cross_env_references(http: httpx.Client, infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    path = _folder(http, pid)
    sub = _folder(http, pid, "prod")
    sub2 = _folder(http, pid, "prod", sub)
    _put(http, pid, sub2, "HOST", "db.internal", env="prod")
    dotted = "prod." + ".".join(sub2.strip("/").split("/")) + ".HOST"
    _put(http, pid, path, "HOST_REF", "${" + dotted + "}")
    _put(http, pid, path, "URL", "pg://${HOST_REF}:5432")
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    got = http.get(f"{V4}/URL", params={**query, "expandSecretReferences": "true"})
    assert got.json()["secret"]["secretValue"] == "pg://db.internal:5432"
    listed = http.get(V3, params={**query, "expandSecretReferences": "true"}).json()["secrets"]
    assert {s["secretKey"]: s["secretValue"] for s in listed}["URL"] == "pg://db.internal:5432"


@pytest.mark.parametrize("base", [V4, V3])
def test_missing_reference_is_400_naming_it(
    http: httpx.Client, infisical_server: LocalServer, base: str
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    path = _folder(http, pid)
    _put(http, pid, path, "BROKEN", "x-${NOT_THERE}")
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    for resp in (
        http.get(f"{base}/BROKEN", params={**query, "expandSecretReferences": "true"}),
        http.get(base, params={**query, "expandSecretReferences": "true"}),
    ):
        assert resp.status_code == 400, resp.text
        assert "${NOT_THERE}" in resp.json()["message"]
        assert resp.json()["error"] == "BadRequest"
    raw = http.get(f"{base}/BROKEN", params=query)
    assert raw.json()["secret"]["secretValue"] == "x-${NOT_THERE}"


def test_cycles_are_400(http: httpx.Client, infisical_server: LocalServer) -> None:
    pid = infisical_server.bootstrap["project_id"]
    path = _folder(http, pid)
    _put(http, pid, path, "A", "${B}")
    _put(http, pid, path, "B", "x${C}")
    _put(http, pid, path, "C", "${A}")
    _put(http, pid, path, "SELF", "${SELF}")
    query = {"projectId": pid, "environment": "dev", "secretPath": path}
    for key in ("A", "SELF"):
        resp = http.get(f"{V4}/{key}", params={**query, "expandSecretReferences": "true"})
        assert resp.status_code == 400, resp.text
        assert "Cyclic secret reference" in resp.json()["message"]
