"""Project roles over real HTTP: viewer reads only, member reads and writes secrets but does
not manage the project, admin does everything; nothing crosses a project boundary."""

from __future__ import annotations

import uuid

import httpx

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, assert_error, client


def _write(server: LocalServer, token: str, name: str) -> httpx.Response:
    with client(server, token) as http:
        return http.post(
            f"/api/v4/secrets/{name}",
            json={
                "projectId": server.bootstrap["project_id"],
                "environment": "dev",
                "secretValue": "v",
            },
        )


def _read(server: LocalServer, token: str, pid: str | None = None) -> httpx.Response:
    with client(server, token) as http:
        return http.get(
            "/api/v4/secrets",
            params={"projectId": pid or server.bootstrap["project_id"], "environment": "dev"},
        )


def _add_member(server: LocalServer, token: str, identity_id: str) -> httpx.Response:
    pid = server.bootstrap["project_id"]
    with client(server, token) as http:
        return http.post(
            f"/api/v2/workspace/{pid}/identity-memberships/{identity_id}", json={"role": "viewer"}
        )


def test_viewer_reads_but_cannot_write(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    name = "ROLE_" + uuid.uuid4().hex[:8].upper()
    assert _write(infisical_server, admin, name).status_code == 200
    viewer = MachineIdentity(infisical_server, admin)
    viewer.join(admin, "viewer")
    token = viewer.token()
    listed = _read(infisical_server, token)
    assert listed.status_code == 200
    assert name in [s["secretKey"] for s in listed.json()["secrets"]]
    denied = _write(infisical_server, token, "VIEWER_" + uuid.uuid4().hex[:6].upper())
    assert_error(denied, 403, "PermissionDenied")
    assert "not allowed" in denied.json()["message"]
    assert_error(_add_member(infisical_server, token, viewer.id), 403, "PermissionDenied")


def test_member_writes_secrets_but_cannot_manage(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    member = MachineIdentity(infisical_server, admin)
    member.join(admin, "member")
    token = member.token()
    name = "MEMBER_" + uuid.uuid4().hex[:8].upper()
    assert _write(infisical_server, token, name).status_code == 200
    assert name in [s["secretKey"] for s in _read(infisical_server, token).json()["secrets"]]
    outsider = MachineIdentity(infisical_server, admin)
    assert_error(_add_member(infisical_server, token, outsider.id), 403, "PermissionDenied")
    with client(infisical_server, token) as http:
        pid = infisical_server.bootstrap["project_id"]
        promote = http.patch(
            f"/api/v2/workspace/{pid}/identity-memberships/{member.id}", json={"role": "admin"}
        )
        assert_error(promote, 403, "PermissionDenied")


def test_admin_manages_memberships(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    project_admin = MachineIdentity(infisical_server, admin)
    project_admin.join(admin, "admin")
    newcomer = MachineIdentity(infisical_server, admin)
    assert _add_member(infisical_server, project_admin.token(), newcomer.id).status_code == 200
    assert _read(infisical_server, newcomer.token()).status_code == 200


def test_nothing_crosses_the_project_boundary(infisical_server: LocalServer) -> None:
    admin = admin_token(infisical_server)
    outsider = MachineIdentity(infisical_server, admin)
    token = outsider.token()
    pid = infisical_server.bootstrap["project_id"]
    assert_error(_read(infisical_server, token), 404, "NotFound")
    assert_error(_write(infisical_server, token, "X_" + uuid.uuid4().hex[:6]), 404, "NotFound")
    # Not a member, so it cannot even add itself (the project looks missing).
    assert_error(_add_member(infisical_server, token, outsider.id), 404, "NotFound")
    assert_error(_read(infisical_server, admin, str(uuid.uuid4())), 404, "NotFound")
    assert pid  # the project exists: the 404s above are membership, not absence
    assert _read(infisical_server, admin).status_code == 200
