"""``/api/v1/projects`` and the deprecated ``/api/v1/workspace``, ``/api/v2/workspace`` forms."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._projects_support import admin_client, assert_error, new_project, other_identity

PROJECT_FIELDS = {
    "id",
    "_id",
    "name",
    "description",
    "type",
    "defaultProduct",
    "slug",
    "autoCapitalization",
    "orgId",
    "createdAt",
    "updatedAt",
    "version",
    "upgradeStatus",
    "pitVersionLimit",
    "kmsCertificateKeyId",
    "auditLogsRetentionDays",
    "hasDeleteProtection",
    "secretSharing",
    "showSnapshotsLegacy",
    "secretDetectionIgnoreValues",
    "environments",
}


@pytest.fixture
def http(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with contextlib.closing(admin_client(infisical_server)) as client:
        yield client


def test_create_project_defaults(http: httpx.Client, infisical_server: LocalServer) -> None:
    project = new_project(http, projectDescription="about it")
    assert set(project) >= PROJECT_FIELDS
    assert project["_id"] == project["id"]
    assert project["description"] == "about it"
    assert project["orgId"] == infisical_server.bootstrap["organization_id"]
    assert [e["slug"] for e in project["environments"]] == ["dev", "staging", "prod"]
    assert all(set(e) == {"name", "slug", "id"} for e in project["environments"])
    # The new project is usable for secrets right away (data key and root folders exist).
    resp = http.post(
        "/api/v4/secrets/NEW_ONE",
        json={"projectId": project["id"], "environment": "staging", "secretValue": "v"},
    )
    assert resp.status_code == 200, resp.text
    listed = http.get(
        "/api/v4/secrets", params={"projectId": project["id"], "environment": "staging"}
    )
    assert [s["secretKey"] for s in listed.json()["secrets"]] == ["NEW_ONE"]


def test_create_without_default_envs_and_with_slug(http: httpx.Client) -> None:
    slug = "p-" + uuid.uuid4().hex[:10]
    project = new_project(http, slug=slug, shouldCreateDefaultEnvs=False)
    assert project["slug"] == slug
    assert project["environments"] == []
    assert_error(
        http.post("/api/v1/projects", json={"projectName": "again", "slug": slug}),
        400,
        "BadRequest",
    )


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"projectName": ""},
        {"projectName": "x", "slug": "UPPER-case"},
        {"projectName": "x", "slug": "abc"},
    ],
)
def test_create_rejects_bad_input(http: httpx.Client, body: dict[str, str]) -> None:
    assert_error(http.post("/api/v1/projects", json=body), 422, "ValidationFailure")


def test_list_get_and_get_by_slug(http: httpx.Client, infisical_server: LocalServer) -> None:
    project = new_project(http)
    listed = http.get("/api/v1/projects")
    assert listed.status_code == 200
    ids = [p["id"] for p in listed.json()["projects"]]
    assert project["id"] in ids and infisical_server.bootstrap["project_id"] in ids

    got = http.get(f"/api/v1/projects/{project['id']}")
    assert got.status_code == 200 and got.json()["project"]["slug"] == project["slug"]

    by_slug = http.get(f"/api/v1/projects/slug/{project['slug']}")
    assert by_slug.status_code == 200
    assert by_slug.json()["id"] == project["id"]  # not wrapped
    assert_error(http.get("/api/v1/projects/slug/no-such-project-slug"), 404, "NotFound")
    assert_error(http.get(f"/api/v1/projects/{uuid.uuid4()}"), 404, "NotFound")


def test_deprecated_workspace_routes(http: httpx.Client) -> None:
    made = http.post("/api/v2/workspace", json={"projectName": "Via v2 " + uuid.uuid4().hex[:6]})
    assert made.status_code == 200, made.text
    project = made.json()["project"]
    workspaces = http.get("/api/v1/workspace")
    assert workspaces.status_code == 200
    assert project["id"] in [w["id"] for w in workspaces.json()["workspaces"]]
    one = http.get(f"/api/v1/workspace/{project['id']}")
    assert one.status_code == 200 and one.json()["workspace"]["name"] == project["name"]


def test_update_project(http: httpx.Client) -> None:
    project = new_project(http)
    new_slug = "renamed-" + uuid.uuid4().hex[:8]
    resp = http.patch(
        f"/api/v1/projects/{project['id']}",
        json={
            "name": "Renamed",
            "description": "d2",
            "slug": new_slug,
            "autoCapitalization": True,
            "pitVersionLimit": 42,
            "secretSharing": False,
        },
    )
    assert resp.status_code == 200, resp.text
    updated = resp.json()["project"]
    assert (updated["name"], updated["description"], updated["slug"]) == ("Renamed", "d2", new_slug)
    assert (updated["autoCapitalization"], updated["pitVersionLimit"]) == (True, 42)
    assert updated["secretSharing"] is False
    assert http.get(f"/api/v1/projects/slug/{new_slug}").json()["name"] == "Renamed"
    bad = http.patch(f"/api/v1/projects/{project['id']}", json={"pitVersionLimit": 0})
    assert_error(bad, 422, "ValidationFailure")


def test_delete_project_and_delete_protection(http: httpx.Client) -> None:
    project = new_project(http, hasDeleteProtection=True)
    pid = project["id"]
    assert_error(http.delete(f"/api/v1/projects/{pid}"), 400, "BadRequest")
    http.patch(f"/api/v1/projects/{pid}", json={"hasDeleteProtection": False})
    http.post(
        "/api/v4/secrets/GONE", json={"projectId": pid, "environment": "dev", "secretValue": "x"}
    )
    resp = http.delete(f"/api/v1/projects/{pid}")
    assert resp.status_code == 200 and resp.json()["project"]["id"] == pid
    assert_error(http.get(f"/api/v1/projects/{pid}"), 404, "NotFound")
    assert pid not in [p["id"] for p in http.get("/api/v1/projects").json()["projects"]]


def test_non_members_see_nothing_and_viewers_cannot_change(
    http: httpx.Client, infisical_server: LocalServer
) -> None:
    mine = new_project(http)
    theirs = new_project(http)
    with other_identity(infisical_server, {mine["id"]: "viewer"}) as viewer:
        listed = [p["id"] for p in viewer.get("/api/v1/projects").json()["projects"]]
        assert listed == [mine["id"]]
        assert [w["id"] for w in viewer.get("/api/v1/workspace").json()["workspaces"]] == listed
        assert viewer.get(f"/api/v1/projects/{mine['id']}").status_code == 200
        for path in (f"/api/v1/projects/{theirs['id']}", f"/api/v1/workspace/{theirs['id']}"):
            assert_error(viewer.get(path), 404, "NotFound")
        assert_error(viewer.get(f"/api/v1/projects/slug/{theirs['slug']}"), 404, "NotFound")
        assert_error(viewer.delete(f"/api/v1/projects/{theirs['id']}"), 404, "NotFound")
        assert_error(
            viewer.patch(f"/api/v1/projects/{mine['id']}", json={"name": "x"}),
            403,
            "PermissionDenied",
        )
        assert_error(viewer.delete(f"/api/v1/projects/{mine['id']}"), 403, "PermissionDenied")
        # A project the viewer creates is its own (admin), and invisible to nobody else's list.
        own = viewer.post("/api/v1/projects", json={"projectName": "viewer's own"})
        assert own.status_code == 200
    assert http.get(f"/api/v1/projects/{mine['id']}").json()["project"]["name"] == mine["name"]
    assert own.json()["project"]["id"] not in [
        p["id"] for p in http.get("/api/v1/projects").json()["projects"]
    ]


def test_requires_a_token(infisical_server: LocalServer) -> None:
    with httpx.Client(base_url=infisical_server.url) as anon:
        assert_error(anon.get("/api/v1/projects"), 401, "UnauthorizedError")
        assert_error(anon.post("/api/v1/projects", json={"projectName": "x"}), 401)
