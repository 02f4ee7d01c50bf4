"""``/api/v1/projects/:projectId/tags`` and the ``/api/v1/workspace/:id/tags`` form."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client, assert_error, new_project, other_identity

TAG_FIELDS = {
    "id",
    "name",
    "slug",
    "color",
    "createdAt",
    "updatedAt",
    "createdBy",
    "projectId",
    "createdByActorType",
}


@pytest.fixture
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


@pytest.fixture
def pid(http: httpx.Client) -> str:
    return str(new_project(http)["id"])


@pytest.mark.parametrize("base", ["/api/v1/projects", "/api/v1/workspace"])
def test_tag_lifecycle(
    http: httpx.Client, pid: str, base: str, infisical_server: LocalServer
) -> None:
    coll = f"{base}/{pid}/tags"
    made = http.post(coll, json={"slug": "backend", "color": "#ff0000"})
    assert made.status_code == 200, made.text
    tag = made.json()["tag"]
    assert set(tag) == TAG_FIELDS
    assert (tag["slug"], tag["name"], tag["color"], tag["projectId"]) == (
        "backend",
        "backend",
        "#ff0000",
        pid,
    )
    assert tag["createdBy"] == infisical_server.bootstrap["identity_id"]
    assert tag["createdByActorType"] == "identity"

    assert http.get(f"{coll}/{tag['id']}").json()["tag"]["id"] == tag["id"]
    assert http.get(f"{coll}/slug/backend").json()["tag"]["id"] == tag["id"]
    http.post(coll, json={"slug": "api", "color": "#00ff00"})
    assert [t["slug"] for t in http.get(coll).json()["tags"]] == ["api", "backend"]

    patched = http.patch(f"{coll}/{tag['id']}", json={"slug": "server", "color": "#0000ff"})
    assert patched.status_code == 200, patched.text
    assert (patched.json()["tag"]["slug"], patched.json()["tag"]["color"]) == ("server", "#0000ff")
    assert_error(http.get(f"{coll}/slug/backend"), 404, "NotFound")
    assert http.get(f"{coll}/slug/server").json()["tag"]["id"] == tag["id"]

    deleted = http.delete(f"{coll}/{tag['id']}")
    assert deleted.status_code == 200 and deleted.json()["tag"]["id"] == tag["id"]
    assert_error(http.get(f"{coll}/{tag['id']}"), 404, "NotFound")
    assert [t["slug"] for t in http.get(coll).json()["tags"]] == ["api"]


def test_duplicate_slug_is_400(http: httpx.Client, pid: str) -> None:
    coll = f"/api/v1/projects/{pid}/tags"
    http.post(coll, json={"slug": "one", "color": "red"})
    two = http.post(coll, json={"slug": "two", "color": "red"}).json()["tag"]
    assert_error(http.post(coll, json={"slug": "one", "color": "blue"}), 400, "BadRequest")
    assert_error(http.patch(f"{coll}/{two['id']}", json={"slug": "one"}), 400, "BadRequest")


def test_same_slug_in_two_projects(http: httpx.Client, pid: str) -> None:
    other = new_project(http)["id"]
    for project in (pid, other):
        resp = http.post(f"/api/v1/projects/{project}/tags", json={"slug": "shared", "color": "x"})
        assert resp.status_code == 200, resp.text


@pytest.mark.parametrize(
    "body", [{}, {"color": "red"}, {"slug": "ok"}, {"slug": "Bad Slug", "color": "red"}]
)
def test_bad_input_is_422(http: httpx.Client, pid: str, body: dict[str, str]) -> None:
    assert_error(http.post(f"/api/v1/projects/{pid}/tags", json=body), 422, "ValidationFailure")


def test_unknown_tag_is_404(http: httpx.Client, pid: str) -> None:
    path = f"/api/v1/projects/{pid}/tags/{uuid.uuid4()}"
    assert_error(http.get(path), 404, "NotFound")
    assert_error(http.patch(path, json={"color": "red"}), 404, "NotFound")
    assert_error(http.delete(path), 404, "NotFound")


def test_isolation_and_roles(http: httpx.Client, pid: str, infisical_server: LocalServer) -> None:
    other = new_project(http)["id"]
    b_tag = http.post(f"/api/v1/projects/{other}/tags", json={"slug": "b", "color": "c"}).json()
    b_id = b_tag["tag"]["id"]
    a_tag = http.post(f"/api/v1/projects/{pid}/tags", json={"slug": "a", "color": "c"}).json()
    a_id = a_tag["tag"]["id"]
    with other_identity(infisical_server, {pid: "member"}) as member_a:
        base_b = f"/api/v1/projects/{other}/tags"
        assert_error(member_a.get(base_b), 404, "NotFound")
        assert_error(member_a.get(f"{base_b}/{b_id}"), 404, "NotFound")
        assert_error(member_a.get(f"{base_b}/slug/b"), 404, "NotFound")
        assert_error(member_a.post(base_b, json={"slug": "x", "color": "c"}), 404, "NotFound")
        assert_error(member_a.patch(f"{base_b}/{b_id}", json={"color": "z"}), 404, "NotFound")
        assert_error(member_a.delete(f"{base_b}/{b_id}"), 404, "NotFound")
        # B's tag id through A's path is not found either.
        assert_error(member_a.get(f"/api/v1/projects/{pid}/tags/{b_id}"), 404, "NotFound")
        # A member may write tags in A.
        made = member_a.post(f"/api/v1/projects/{pid}/tags", json={"slug": "m", "color": "c"})
        assert made.status_code == 200
    with other_identity(infisical_server, {pid: "viewer"}) as viewer:
        coll = f"/api/v1/projects/{pid}/tags"
        assert viewer.get(f"{coll}/{a_id}").status_code == 200
        assert_error(viewer.post(coll, json={"slug": "v", "color": "c"}), 403, "PermissionDenied")
        assert_error(viewer.patch(f"{coll}/{a_id}", json={"color": "z"}), 403, "PermissionDenied")
        assert_error(viewer.delete(f"{coll}/{a_id}"), 403, "PermissionDenied")
    assert http.get(f"/api/v1/projects/{other}/tags/{b_id}").json()["tag"]["color"] == "c"
