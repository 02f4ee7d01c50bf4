"""Dynamic secrets over raw HTTP with the ``totp`` provider (nothing outside the server): the
Infisical shapes, the rules (names, TTLs, max TTL on create and renew), roles, encryption of
the inputs at rest, deletion that waits for the leases, and folders as boundaries."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, db_path
from ._dynamic_support import FAST_SWEEP, Api, ok, wait_until

DS_FIELDS = {
    *("id", "name", "version", "type", "defaultTTL", "maxTTL", "folderId", "status"),
    *("statusDetails", "createdAt", "updatedAt", "usernameTemplate", "metadata"),
}
LEASE_FIELDS = {
    *("id", "version", "externalEntityId", "expireAt", "status", "statusDetails"),
    *("dynamicSecretId", "createdAt", "updatedAt"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    with LocalServer(tmp_path_factory.mktemp("dyn"), env=FAST_SWEEP) as srv:
        yield srv


@pytest.fixture
def api(server: LocalServer) -> Iterator[Api]:
    made = Api(server)
    yield made
    made.close()


def _secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()


def totp(secret: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"configType": "manual", "secret": secret or _secret(), **extra}


def _code(secret: str, at: float) -> str:
    """RFC 6238 (SHA-1, 6 digits, 30 s), computed here independently of the server."""
    key = base64.b32decode(secret)
    mac = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    return str((struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**6).zfill(6)


def test_create_get_list_update_delete(api: Api) -> None:
    name = "otp-" + uuid.uuid4().hex[:6]
    made = ok(
        api.create(
            "totp",
            totp(),
            name=name.upper(),  # names are lower-cased, as Infisical does
            metadata={"team": "ops"},  # the Node SDK's record form
            usernameTemplate=None,
        )
    )["dynamicSecret"]
    assert set(made) >= DS_FIELDS and made["name"] == name and made["type"] == "totp"
    assert made["defaultTTL"] == "1h" and made["maxTTL"] == "1d" and made["version"] == 1
    assert made["metadata"] == [{"key": "team", "value": "ops"}]
    assert made["inputs"]["configType"] == "manual"

    got = ok(api.http.get(f"/api/v1/dynamic-secrets/{name}", params=api.scope))["dynamicSecret"]
    assert got["id"] == made["id"] and got["inputs"] == made["inputs"]
    listed = ok(api.http.get("/api/v1/dynamic-secrets", params=api.scope))["dynamicSecrets"]
    mine = [d for d in listed if d["id"] == made["id"]]
    assert len(mine) == 1 and "inputs" not in mine[0]

    body = {**api.scope, "data": {"defaultTTL": "2h", "maxTTL": None, "newName": name + "-b"}}
    updated = ok(api.http.patch(f"/api/v1/dynamic-secrets/{name}", json=body))["dynamicSecret"]
    assert updated["name"] == name + "-b" and updated["defaultTTL"] == "2h"
    assert updated["maxTTL"] is None and updated["version"] == 2
    assert updated["metadata"] == made["metadata"]  # not given: kept

    gone = api.http.request("DELETE", f"/api/v1/dynamic-secrets/{name}-b", json=api.scope)
    assert ok(gone)["dynamicSecret"]["id"] == made["id"]
    assert api.http.get(f"/api/v1/dynamic-secrets/{name}-b", params=api.scope).status_code == 404


def test_a_totp_lease_is_the_current_code(api: Api) -> None:
    secret = _secret()
    name = ok(api.create("totp", totp(secret)))["dynamicSecret"]["name"]
    before = time.time()
    made = ok(api.lease(name, ttl=None, config=None))  # nulls, as infisicalsdk sends them
    after = time.time()
    assert set(made["lease"]) >= LEASE_FIELDS and made["dynamicSecret"]["name"] == name
    assert made["data"]["TOTP"] in {_code(secret, before), _code(secret, after)}
    assert 1 <= made["data"]["TIME_REMAINING"] <= 30
    url = f"otpauth://totp/x?secret={secret}&digits=8&algorithm=SHA1&period=30"
    by_url = ok(api.create("totp", {"configType": "url", "url": url}))["dynamicSecret"]["name"]
    assert len(ok(api.lease(by_url))["data"]["TOTP"]) == 8


def test_ttls_are_bounded_on_create_and_renew(api: Api) -> None:
    name = ok(api.create("totp", totp(), defaultTTL="10m", maxTTL="30m"))["dynamicSecret"]["name"]
    too_long = api.lease(name, ttl="1h")
    assert too_long.status_code == 400 and too_long.json()["message"] == (
        "TTL cannot be larger than max TTL"
    )
    lease = ok(api.lease(name))["lease"]  # the default TTL: 10 minutes
    created = ok(api.get_lease(lease["id"]))["lease"]
    assert created["expireAt"] == lease["expireAt"]
    renewed = ok(api.renew(lease["id"], ttl="15m"))["lease"]
    assert renewed["expireAt"] > lease["expireAt"] and renewed["version"] == 2
    past_max = api.renew(lease["id"], ttl="10m")  # 10 + 15 + 10 > 30 minutes
    assert past_max.status_code == 400, past_max.text
    assert ok(api.get_lease(lease["id"]))["lease"]["expireAt"] == renewed["expireAt"]


@pytest.mark.parametrize(
    ("change", "status", "where"),
    [
        ({"defaultTTL": "30s"}, 422, "defaultTTL"),
        ({"defaultTTL": "soon"}, 422, "defaultTTL"),
        ({"maxTTL": "11y"}, 422, "maxTTL"),
        ({"maxTTL": "99999999999999999999y"}, 422, "maxTTL"),
        ({"name": "Not a slug!"}, 422, "name"),
        ({"environmentSlug": None}, 422, "environmentSlug"),
        (
            {"provider": {"type": "totp", "inputs": {"configType": "url", "url": "otpauth://x"}}},
            422,
            "url",
        ),
        ({"provider": {"type": "totp", "inputs": {"configType": "nope"}}}, 422, "configType"),
        ({"provider": {"type": "mongo-db", "inputs": {}}}, 400, "not supported"),
        ({"provider": {"type": "gibberish", "inputs": {}}}, 400, "unknown"),
        ({"defaultTTL": "2d", "maxTTL": "1d"}, 400, "defaultTTL"),
        ({"usernameTemplate": "{{nope}}"}, 400, "usernameTemplate"),
    ],
)
def test_bad_definitions_get_a_specific_4xx(
    api: Api, change: dict[str, Any], status: int, where: str
) -> None:
    body = {
        **api.scope,
        "name": "bad-" + uuid.uuid4().hex[:6],
        "provider": {"type": "totp", "inputs": totp()},
        "defaultTTL": "1h",
        **change,
    }
    resp = api.http.post("/api/v1/dynamic-secrets", json=body)
    assert resp.status_code == status, resp.text
    message = resp.json()["message"]
    if isinstance(message, list):
        assert any(where in [str(p) for p in issue["path"]] for issue in message), message
    else:
        assert where in message, message


def test_duplicates_and_unknown_names_and_statements(api: Api) -> None:
    name = ok(api.create("totp", totp()))["dynamicSecret"]["name"]
    again = api.create("totp", totp(), name=name)
    assert again.status_code == 400 and "already exist" in again.json()["message"]
    missing = api.lease("no-such-" + uuid.uuid4().hex[:6])
    assert missing.status_code == 404, missing.text
    assert api.get_lease(str(uuid.uuid4())).status_code == 404
    sql = {
        "client": "postgres",
        "host": "127.0.0.1",
        "port": 5432,
        "database": "x",
        "username": "u",
        "password": "p",
        "creationStatement": "CREATE ROLE {{user}}",
        "revocationStatement": "DROP ROLE {{username}}",
    }
    resp = api.create("sql-database", sql)
    assert resp.status_code == 400 and "{{user}}" in resp.json()["message"], resp.text


def test_inputs_are_encrypted_at_rest(server: LocalServer, api: Api) -> None:
    secret = _secret()
    name = ok(api.create("totp", totp(secret)))["dynamicSecret"]["name"]
    got = ok(api.http.get(f"/api/v1/dynamic-secrets/{name}", params=api.scope))
    assert got["dynamicSecret"]["inputs"]["secret"] == secret
    files = [db_path(server), db_path(server).with_name(db_path(server).name + "-wal")]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    assert name.encode() in raw  # the row is there ...
    assert secret.encode() not in raw  # ... its inputs are not readable


def test_leases_live_in_their_folder(api: Api) -> None:
    folder = "f" + uuid.uuid4().hex[:6]
    made = api.http.post(
        "/api/v2/folders",
        json={
            "projectId": api.server.bootstrap["project_id"],
            "environment": "dev",
            "name": folder,
        },
    )
    assert made.status_code == 200, made.text
    inner = {**api.scope, "path": f"/{folder}"}
    body = {**inner, "name": "inner", "provider": {"type": "totp", "inputs": totp()}}
    ok(api.http.post("/api/v1/dynamic-secrets", json={**body, "defaultTTL": "1h"}))
    lease = ok(
        api.http.post(
            "/api/v1/dynamic-secrets/leases", json={**inner, "dynamicSecretName": "inner"}
        )
    )
    lease_id = lease["lease"]["id"]
    assert api.get_lease(lease_id).status_code == 404  # asked for at "/", it is not there
    path = f"/api/v1/dynamic-secrets/leases/{lease_id}"
    assert ok(api.http.get(path, params=inner))["lease"]["dynamicSecret"]["name"] == "inner"
    assert api.revoke(lease_id).status_code == 404
    assert api.renew(lease_id).status_code == 404


def test_delete_waits_for_the_leases_then_goes(api: Api) -> None:
    name = ok(api.create("totp", totp()))["dynamicSecret"]["name"]
    leases = [ok(api.lease(name))["lease"]["id"] for _ in range(3)]
    resp = api.http.request("DELETE", f"/api/v1/dynamic-secrets/{name}", json=api.scope)
    assert ok(resp)["dynamicSecret"]["status"] == "Revocation in process"
    wait_until(
        lambda: (
            api.http.get(f"/api/v1/dynamic-secrets/{name}", params=api.scope).status_code == 404
        ),
        "the dynamic secret is deleted once its leases are revoked",
    )
    assert all(api.get_lease(lease).status_code == 404 for lease in leases)


def test_a_secret_being_deleted_takes_no_new_lease(tmp_path: Path) -> None:
    """Between its delete and the sweep that revokes its leases, a dynamic secret refuses new
    leases. The sweeper is off here, so that state lasts (with it on, it may end first)."""
    with LocalServer(tmp_path, env={"INFISICAL_KIT_LEASE_SWEEP_INTERVAL": "0"}) as server:
        api = Api(server)
        try:
            name = ok(api.create("totp", totp()))["dynamicSecret"]["name"]
            ok(api.lease(name))
            resp = api.http.request("DELETE", f"/api/v1/dynamic-secrets/{name}", json=api.scope)
            assert ok(resp)["dynamicSecret"]["status"] == "Revocation in process"
            refused = api.lease(name)
            assert refused.status_code == 400, refused.text
            assert "being deleted" in refused.json()["message"]
            still = api.http.get(f"/api/v1/dynamic-secrets/{name}", params=api.scope)
            assert ok(still)["dynamicSecret"]["status"] == "Revocation in process"
        finally:
            api.close()


def test_roles(server: LocalServer, api: Api) -> None:
    admin = admin_token(server)
    name = ok(api.create("totp", totp()))["dynamicSecret"]["name"]
    lease_id = ok(api.lease(name))["lease"]["id"]
    viewer = MachineIdentity(server, admin)
    viewer.join(admin, "viewer")
    member = MachineIdentity(server, admin)
    member.join(admin, "member")
    as_viewer = Api(server, viewer.token())
    as_member = Api(server, member.token())
    try:
        listed = as_viewer.http.get("/api/v1/dynamic-secrets", params=api.scope)
        assert any(d["name"] == name for d in ok(listed)["dynamicSecrets"])
        for resp in (
            as_viewer.http.get(f"/api/v1/dynamic-secrets/{name}", params=api.scope),
            as_viewer.create("totp", totp()),
            as_viewer.lease(name),
            as_viewer.get_lease(lease_id),
            as_viewer.renew(lease_id),
            as_viewer.revoke(lease_id),
        ):
            assert resp.status_code == 403, resp.text
            assert resp.json()["error"] == "PermissionDenied"
        made = ok(as_member.create("totp", totp()))["dynamicSecret"]["name"]
        mine = ok(as_member.lease(made))["lease"]["id"]
        assert ok(as_member.revoke(mine))["lease"]["id"] == mine
    finally:
        as_viewer.close()
        as_member.close()
