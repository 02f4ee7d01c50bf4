"""``/api/v1/projects/:projectId/environments`` and the ``/api/v1/workspace/:id`` form."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client, assert_error, new_project, other_identity


@pytest.fixture
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


@pytest.fixture
def pid(http: httpx.Client) -> str:
    return str(new_project(http)["id"])


@pytest.mark.parametrize("base", ["/api/v1/projects", "/api/v1/workspace"])
def test_environment_lifecycle(http: httpx.Client, pid: str, base: str) -> None:
    coll = f"{base}/{pid}/environments"
    made = http.post(coll, json={"name": "QA", "slug": "qa"})
    assert made.status_code == 200, made.text
    body = made.json()
    assert body["projectId"] == pid and isinstance(body["message"], str)
    env = body["environment"]
    assert set(env) == {"id", "name", "slug", "position", "projectId", "createdAt", "updatedAt"}
    assert (env["name"], env["slug"], env["position"]) == ("QA", "qa", 4)

    got = http.get(f"{coll}/{env['id']}")
    assert got.status_code == 200 and got.json()["environment"]["slug"] == "qa"
    listed = http.get(coll).json()["environments"]
    assert [e["slug"] for e in listed] == ["dev", "staging", "prod", "qa"]
    project = http.get(f"/api/v1/projects/{pid}").json()["project"]
    assert {"name": "QA", "slug": "qa", "id": env["id"]} in project["environments"]

    # The new environment has a root folder: secrets can be written into it.
    secret = http.post(
        "/api/v4/secrets/IN_QA", json={"projectId": pid, "environment": "qa", "secretValue": "1"}
    )
    assert secret.status_code == 200, secret.text

    patched = http.patch(f"{coll}/{env['id']}", json={"name": "Quality", "slug": "quality"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["environment"]["slug"] == "quality"
    moved = http.get("/api/v4/secrets", params={"projectId": pid, "environment": "quality"})
    assert [s["secretKey"] for s in moved.json()["secrets"]] == ["IN_QA"]

    deleted = http.delete(f"{coll}/{env['id']}")
    assert deleted.status_code == 200 and deleted.json()["environment"]["id"] == env["id"]
    assert_error(http.get(f"{coll}/{env['id']}"), 404, "NotFound")
    gone = http.get("/api/v4/secrets", params={"projectId": pid, "environment": "quality"})
    assert gone.status_code == 404


def test_explicit_position(http: httpx.Client, pid: str) -> None:
    made = http.post(
        f"/api/v1/projects/{pid}/environments", json={"name": "Z", "slug": "z", "position": 9}
    )
    # positions stay contiguous (1..n): 9 in a project of 3 environments means last
    assert made.json()["environment"]["position"] == 4
    env_id = made.json()["environment"]["id"]
    moved = http.patch(f"/api/v1/projects/{pid}/environments/{env_id}", json={"position": 2})
    assert moved.json()["environment"]["position"] == 2


def test_duplicate_slug_is_400(http: httpx.Client, pid: str) -> None:
    coll = f"/api/v1/projects/{pid}/environments"
    assert_error(http.post(coll, json={"name": "Dev again", "slug": "dev"}), 400, "BadRequest")
    made = http.post(coll, json={"name": "Other", "slug": "other"}).json()["environment"]
    clash = http.patch(f"{coll}/{made['id']}", json={"slug": "prod"})
    assert_error(clash, 400, "BadRequest")


@pytest.mark.parametrize(
    "body",
    [
        {"name": "x"},
        {"slug": "x"},
        {"name": "x", "slug": "Has Caps"},
        {"name": "x", "slug": "under_score"},
        {"name": "x", "slug": "a" * 65},
        {"name": "x", "slug": "ok", "position": 0},
    ],
)
def test_bad_input_is_422(http: httpx.Client, pid: str, body: dict[str, object]) -> None:
    resp = http.post(f"/api/v1/projects/{pid}/environments", json=body)
    assert_error(resp, 422, "ValidationFailure")


def test_slug_of_64_chars_is_accepted(http: httpx.Client, pid: str) -> None:
    slug = "a" * 63 + "1"
    resp = http.post(f"/api/v1/projects/{pid}/environments", json={"name": "long", "slug": slug})
    assert resp.status_code == 200 and resp.json()["environment"]["slug"] == slug


def test_unknown_environment_is_404(http: httpx.Client, pid: str) -> None:
    path = f"/api/v1/projects/{pid}/environments/{uuid.uuid4()}"
    assert_error(http.get(path), 404, "NotFound")
    assert_error(http.patch(path, json={"name": "n"}), 404, "NotFound")
    assert_error(http.delete(path), 404, "NotFound")


def test_isolation_and_roles(http: httpx.Client, pid: str, infisical_server: LocalServer) -> None:
    other = new_project(http)
    other_env = other["environments"][0]["id"]
    my_env = http.get(f"/api/v1/projects/{pid}/environments").json()["environments"][0]["id"]
    with other_identity(infisical_server, {pid: "admin"}) as admin_a:
        # Project A's admin cannot see or touch project B's environments.
        base_b = f"/api/v1/projects/{other['id']}/environments"
        assert_error(admin_a.get(base_b), 404, "NotFound")
        assert_error(admin_a.get(f"{base_b}/{other_env}"), 404, "NotFound")
        assert_error(admin_a.post(base_b, json={"name": "x", "slug": "x"}), 404, "NotFound")
        assert_error(admin_a.delete(f"{base_b}/{other_env}"), 404, "NotFound")
        # Nor reach B's environment through A's path.
        assert_error(admin_a.get(f"/api/v1/projects/{pid}/environments/{other_env}"), 404)
        assert admin_a.get(f"/api/v1/projects/{pid}/environments/{my_env}").status_code == 200
    with other_identity(infisical_server, {pid: "viewer"}) as viewer:
        coll = f"/api/v1/projects/{pid}/environments"
        assert viewer.get(coll).status_code == 200
        assert_error(viewer.post(coll, json={"name": "v", "slug": "v"}), 403, "PermissionDenied")
        assert_error(viewer.patch(f"{coll}/{my_env}", json={"name": "v"}), 403)
        assert_error(viewer.delete(f"{coll}/{my_env}"), 403, "PermissionDenied")
    assert len(http.get(f"/api/v1/projects/{other['id']}/environments").json()["environments"]) == 3
