"""``GET /api/v4/secrets/id/:secretId`` and ``GET /api/v3/secrets/raw/id/:secretId`` over real
HTTP: the secret with its ``secretPath``, membership checked, personal secrets only for their
owner, and the same 404 envelope for unknown, foreign and deleted ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, assert_error, client, user_client

BY_ID = ("/api/v4/secrets/id/{}", "/api/v3/secrets/raw/id/{}")


@pytest.fixture()
def admin(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with client(infisical_server, admin_token(infisical_server)) as http:
        yield http


def _folder(http: httpx.Client, pid: str) -> str:
    name = "f" + uuid.uuid4().hex[:8]
    for parent, child in (("/", name), (f"/{name}", "deep")):
        resp = http.post(
            "/api/v2/folders",
            json={"projectId": pid, "environment": "dev", "path": parent, "name": child},
        )
        assert resp.status_code == 200, resp.text
    return f"/{name}/deep"


def _create(http: httpx.Client, pid: str, path: str, key: str, value: str) -> str:
    resp = http.post(
        f"/api/v4/secrets/{key}",
        json={"projectId": pid, "environment": "dev", "secretPath": path, "secretValue": value},
    )
    assert resp.status_code == 200, resp.text
    return str(resp.json()["secret"]["id"])


def test_get_by_id_returns_the_secret_with_its_path(
    infisical_server: LocalServer, admin: httpx.Client
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    path = _folder(admin, pid)
    value = "v-" + uuid.uuid4().hex
    sid = _create(admin, pid, path, "BY_ID_KEY", value)
    for route in BY_ID:
        resp = admin.get(route.format(sid))
        assert resp.status_code == 200, resp.text
        secret = resp.json()["secret"]
        assert secret["id"] == sid
        assert secret["secretKey"] == "BY_ID_KEY"
        assert secret["secretValue"] == value
        assert secret["secretPath"] == path
        assert secret["environment"] == "dev"
        assert secret["projectId"] == pid
    # an update shows through: the id names the secret, not a version
    upd = admin.patch(
        "/api/v4/secrets/BY_ID_KEY",
        json={"projectId": pid, "environment": "dev", "secretPath": path, "secretValue": "new"},
    )
    assert upd.status_code == 200, upd.text
    got = admin.get(BY_ID[0].format(sid)).json()["secret"]
    assert (got["secretValue"], got["version"]) == ("new", 2)


def test_unknown_deleted_and_foreign_ids_are_404(
    infisical_server: LocalServer, admin: httpx.Client
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    sid = _create(admin, pid, "/", "GONE_" + uuid.uuid4().hex[:6].upper(), "x")
    token = admin_token(infisical_server)
    outsider = MachineIdentity(infisical_server, token)
    with client(infisical_server, outsider.token()) as other:
        for route in BY_ID:
            resp = other.get(route.format(sid))
            assert_error(resp, 404, "NotFound", f"Secret with ID '{sid}' not found")
            assert "secret" not in resp.json()
        outsider.join(token, "viewer", pid)
        for route in BY_ID:
            assert other.get(route.format(sid)).status_code == 200
    missing = str(uuid.uuid4())
    for route in BY_ID:
        assert_error(
            admin.get(route.format(missing)),
            404,
            "NotFound",
            f"Secret with ID '{missing}' not found",
        )
    key = admin.get(BY_ID[0].format(sid)).json()["secret"]["secretKey"]
    deleted = admin.request(
        "DELETE", f"/api/v4/secrets/{key}", json={"projectId": pid, "environment": "dev"}
    )
    assert deleted.status_code == 200, deleted.text
    for route in BY_ID:
        assert_error(admin.get(route.format(sid)), 404, "NotFound")


def test_personal_secret_by_id_only_for_its_owner(
    infisical_server: LocalServer, admin: httpx.Client
) -> None:
    pid = infisical_server.bootstrap["project_id"]
    key = "PERS_" + uuid.uuid4().hex[:6].upper()
    shared_id = _create(admin, pid, "/", key, "shared")
    user = user_client(infisical_server)
    try:
        resp = user.post(
            f"/api/v4/secrets/{key}",
            json={
                "projectId": pid,
                "environment": "dev",
                "secretValue": "mine",
                "type": "personal",
            },
        )
        assert resp.status_code == 200, resp.text
        personal_id = resp.json()["secret"]["id"]
        assert personal_id != shared_id
        for route in BY_ID:
            mine = user.get(route.format(personal_id))
            assert mine.status_code == 200, mine.text
            assert (mine.json()["secret"]["type"], mine.json()["secret"]["secretValue"]) == (
                "personal",
                "mine",
            )
            assert user.get(route.format(shared_id)).json()["secret"]["secretValue"] == "shared"
            # the identity is a project admin, yet someone else's personal secret is a 404
            assert_error(admin.get(route.format(personal_id)), 404, "NotFound")
    finally:
        user.close()
