"""The fast read path (async get/list, one joined query, cached JWT claims and data keys)
behaves exactly like the general path: same bodies, same errors in the same order, and
revocation, membership changes and role changes seen on the very next request.

Identity tokens take the fast path; user tokens always take the general path, so comparing
the two on the same secrets compares the two implementations. No timing is asserted.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infisical_kit.server.hot_reads import APPLICATION_NAME
from infisical_kit.testing import LocalServer

from ._auth_support import MachineIdentity, admin_token, assert_error, client, user_client

V4 = "/api/v4/secrets"
V3 = "/api/v3/secrets/raw"


@pytest.fixture(scope="module")
def admin(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    with client(infisical_server, admin_token(infisical_server)) as http:
        yield http


@pytest.fixture(scope="module")
def user(infisical_server: LocalServer) -> Iterator[httpx.Client]:
    http = user_client(infisical_server)
    try:
        yield http
    finally:
        http.close()


@pytest.fixture(scope="module")
def seeded(infisical_server: LocalServer, admin: httpx.Client) -> dict[str, Any]:
    """A fresh folder with plain, tagged and metadata-carrying secrets."""
    boot = infisical_server.bootstrap
    pid = boot["project_id"]
    name = "perf" + uuid.uuid4().hex[:8]
    resp = admin.post(
        "/api/v2/folders", json={"projectId": pid, "environment": "dev", "name": name, "path": "/"}
    )
    assert resp.status_code == 200, resp.text
    path = "/" + name
    tag = admin.post(f"/api/v1/projects/{pid}/tags", json={"slug": name, "color": "#0f0"})
    assert tag.status_code == 200, tag.text
    tag_id = tag.json()["tag"]["id"]
    scope = {"projectId": pid, "environment": "dev", "secretPath": path}
    bodies: dict[str, dict[str, Any]] = {
        "PLAIN": {"secretValue": "plain-value", "secretComment": "a comment"},
        "TAGGED": {"secretValue": "tagged-value", "tagIds": [tag_id]},
        "META": {
            "secretValue": "meta-value",
            "secretMetadata": [
                {"key": "owner", "value": "team-a"},
                {"key": "sealed", "value": "hidden-meta", "isEncrypted": True},
            ],
        },
    }
    for i in range(20):
        bodies[f"BULK_{i:02d}"] = {"secretValue": f"bulk-{i}"}
    for key, body in bodies.items():
        made = admin.post(f"{V4}/{key}", json={**scope, **body})
        assert made.status_code == 200, made.text
    return {"scope": scope, "slug": boot["project_slug"], "names": sorted(bodies)}


@pytest.mark.parametrize("base", [V4, V3])
@pytest.mark.parametrize("extra", [{}, {"viewSecretValue": "false"}, {"useSlug": True}])
def test_get_matches_general_path(
    admin: httpx.Client, user: httpx.Client, seeded: dict[str, Any], base: str, extra: Any
) -> None:
    params = dict(seeded["scope"])
    extra = dict(extra)
    if extra.pop("useSlug", False):
        del params["projectId"]
        params["workspaceSlug"] = seeded["slug"]
    params.update(extra)
    for name in ("PLAIN", "TAGGED", "META"):
        fast = admin.get(f"{base}/{name}", params=params)
        general = user.get(f"{base}/{name}", params=params)
        assert fast.status_code == general.status_code == 200, (fast.text, general.text)
        assert fast.json() == general.json()
    meta = admin.get(f"{base}/META", params=params).json()["secret"]["secretMetadata"]
    assert {m["key"]: m["value"] for m in meta} == {"owner": "team-a", "sealed": "hidden-meta"}
    tags = admin.get(f"{base}/TAGGED", params=params).json()["secret"]["tags"]
    assert [t["slug"] for t in tags] == [params["secretPath"].strip("/")]


@pytest.mark.parametrize("base", [V4, V3])
@pytest.mark.parametrize("extra", [{}, {"viewSecretValue": "false"}, {"include_imports": "true"}])
def test_list_matches_general_path(
    admin: httpx.Client, user: httpx.Client, seeded: dict[str, Any], base: str, extra: Any
) -> None:
    params = {**seeded["scope"], **extra}
    fast = admin.get(base, params=params)
    general = user.get(base, params=params)
    assert fast.status_code == general.status_code == 200, (fast.text, general.text)
    assert fast.json() == general.json()
    assert [s["secretKey"] for s in fast.json()["secrets"]] == seeded["names"]


def test_errors_come_in_the_general_order(
    infisical_server: LocalServer, admin: httpx.Client, seeded: dict[str, Any]
) -> None:
    scope = seeded["scope"]
    with client(infisical_server, "not-a-jwt") as bad:  # token before body and parameters
        assert_error(
            bad.request("GET", f"{V4}/PLAIN", params=scope, content=b"{oops"), 403, "TokenError"
        )
    assert_error(
        admin.request("GET", f"{V4}/PLAIN", params=scope, content=b"{oops"), 400, "BadRequest"
    )
    other = {**scope, "projectId": str(uuid.uuid4())}
    assert_error(admin.get(f"{V4}/PLAIN", params=other), 404, "NotFound")
    assert_error(admin.get(f"{V4}/PLAIN", params={**scope, "environment": "nope"}), 404, "NotFound")
    assert_error(
        admin.get(f"{V4}/PLAIN", params={**scope, "secretPath": "/no/such"}), 404, "NotFound"
    )
    assert_error(admin.get(f"{V4}/MISSING", params=scope), 404, "NotFound")
    assert_error(admin.get(V4, params={**scope, "environment": ""}), 400, "BadRequest")
    assert_error(
        admin.get(f"{V4}/PLAIN", params={**scope, "version": "0"}), 422, "ValidationFailure"
    )


def test_revocation_and_membership_seen_on_next_read(
    infisical_server: LocalServer, seeded: dict[str, Any]
) -> None:
    admin_jwt = admin_token(infisical_server)
    mi = MachineIdentity(infisical_server, admin_jwt)
    mi.join(admin_jwt, "viewer")
    scope = seeded["scope"]
    pid = scope["projectId"]
    token = mi.token()
    with client(infisical_server, token) as http:
        assert http.get(f"{V4}/PLAIN", params=scope).status_code == 200  # claims now cached
        with client(infisical_server, admin_jwt) as adm:
            gone = adm.delete(f"/api/v2/workspace/{pid}/identity-memberships/{mi.id}")
            assert gone.status_code == 200, gone.text
        assert_error(http.get(f"{V4}/PLAIN", params=scope), 404, "NotFound")
        assert_error(http.get(V4, params=scope), 404, "NotFound")
        mi.join(admin_jwt, "viewer")
        assert http.get(V4, params=scope).status_code == 200
        revoked = http.post("/api/v1/auth/token/revoke", json={"accessToken": token})
        assert revoked.status_code == 200, revoked.text
        assert_error(http.get(f"{V4}/PLAIN", params=scope), 401, "UnauthorizedError")
        assert_error(http.get(V4, params=scope), 401, "UnauthorizedError")


def test_reference_expansion_still_applies(admin: httpx.Client, seeded: dict[str, Any]) -> None:
    scope = seeded["scope"]
    made = admin.post(f"{V4}/REF", json={**scope, "secretValue": "x-${PLAIN}-y"})
    assert made.status_code == 200, made.text
    try:
        params = {**scope, "expandSecretReferences": "true"}
        got = admin.get(f"{V4}/REF", params=params)
        assert got.json()["secret"]["secretValue"] == "x-plain-value-y"
        listed = {
            s["secretKey"]: s["secretValue"] for s in admin.get(V4, params=params).json()["secrets"]
        }
        assert listed["REF"] == "x-plain-value-y"
        raw = admin.get(f"{V4}/REF", params=scope).json()["secret"]["secretValue"]
        assert raw == "x-${PLAIN}-y"
    finally:
        admin.request("DELETE", f"{V4}/REF", json=scope)


@pytest.mark.parametrize(("level", "logged"), [("info", False), ("debug", True)])
def test_access_log_only_at_debug(level: str, logged: bool) -> None:
    with LocalServer(extra_args=["--log-level", level]) as srv:
        assert httpx.get(srv.url + "/api/status").status_code == 200
        srv.stop()
        log = (srv.data_dir / "server.log").read_text()
    assert ('"GET /api/status HTTP/1.1" 200' in log) is logged


def test_postgres_fast_path_matches_and_sees_revocation(tmp_path: Any, postgres_url: str) -> None:
    with LocalServer(tmp_path / "pg", database_url=postgres_url) as srv:
        boot = srv.bootstrap
        scope = {"projectId": boot["project_id"], "environment": "dev"}
        token = admin_token(srv)
        with client(srv, token) as fast, client(srv) as general:
            made = fast.post(f"{V4}/PG_K", json={**scope, "secretValue": "pg-value"})
            assert made.status_code == 200, made.text
            resp = general.post(
                "/api/v3/auth/login",
                json={"email": boot["admin_email"], "password": boot["admin_password"]},
            )
            general.headers["Authorization"] = f"Bearer {resp.json()['accessToken']}"
            resp = general.post(
                "/api/v3/auth/select-organization",
                json={"organizationId": boot["organization_id"]},
            )
            general.headers["Authorization"] = f"Bearer {resp.json()['token']}"
            for path in (f"{V4}/PG_K", V4, f"{V3}/PG_K", V3):
                a, b = fast.get(path, params=scope), general.get(path, params=scope)
                assert a.status_code == b.status_code == 200, (a.text, b.text)
                assert a.json() == b.json()
            assert (
                fast.get(f"{V4}/PG_K", params=scope).json()["secret"]["secretValue"] == "pg-value"
            )
            revoked = fast.post("/api/v1/auth/token/revoke", json={"accessToken": token})
            assert revoked.status_code == 200, revoked.text
            assert_error(fast.get(f"{V4}/PG_K", params=scope), 401, "UnauthorizedError")


def test_list_after_every_kind_of_change_matches_general_path(
    infisical_server: LocalServer, admin: httpx.Client, user: httpx.Client
) -> None:
    """The fast list remembers how it shaped each stored row (``services/shaped_rows.py``):
    after every kind of change the next list still equals the general path's, which shapes
    everything afresh. Values keep their length, so only the ciphertext's bytes differ."""
    pid = infisical_server.bootstrap["project_id"]
    name = "memo" + uuid.uuid4().hex[:8]
    made = admin.post(
        "/api/v2/folders", json={"projectId": pid, "environment": "dev", "name": name, "path": "/"}
    )
    assert made.status_code == 200, made.text
    scope = {"projectId": pid, "environment": "dev", "secretPath": "/" + name}
    tag = admin.post(f"/api/v1/projects/{pid}/tags", json={"slug": name, "color": "#00f"})
    assert tag.status_code == 200, tag.text
    for key in ("A", "B", "C"):
        assert admin.post(f"{V4}/{key}", json={**scope, "secretValue": "value-1"}).is_success

    def same(params: dict[str, Any] | None = None) -> dict[str, str]:
        query = {**scope, **(params or {})}
        fast, general = admin.get(V4, params=query), user.get(V4, params=query)
        assert fast.status_code == general.status_code == 200, (fast.text, general.text)
        assert fast.json() == general.json()
        return {s["secretKey"]: s["secretValue"] for s in fast.json()["secrets"]}

    assert same() == {"A": "value-1", "B": "value-1", "C": "value-1"}
    changes: list[tuple[str, str, dict[str, Any]]] = [
        ("PATCH", "A", {"secretValue": "value-2"}),
        ("PATCH", "A", {"secretComment": "now commented"}),
        ("PATCH", "A", {"skipMultilineEncoding": True}),
        ("PATCH", "A", {"secretReminderNote": "rotate", "secretReminderRepeatDays": 30}),
        ("PATCH", "B", {"newSecretName": "B2"}),
        ("PATCH", "C", {"tagIds": [tag.json()["tag"]["id"]]}),
        ("PATCH", "C", {"secretMetadata": [{"key": "k", "value": "v"}]}),
        ("PATCH", "C", {"tagIds": [], "secretMetadata": []}),
        ("PATCH", "A", {"secretValue": "value-3"}),
        ("DELETE", "B2", {}),
    ]
    for method, key, body in changes:
        changed = admin.request(method, f"{V4}/{key}", json={**scope, **body})
        assert changed.status_code == 200, (method, key, body, changed.text)
        listed = same()
        assert same({"viewSecretValue": "false"}).keys() == listed.keys()
    assert listed == {"A": "value-3", "C": "value-1"}
    assert same({"viewSecretValue": "false"})["C"] == "<hidden-by-infisical>"


def test_postgres_fast_path_survives_its_connections_being_killed(
    tmp_path: Any, postgres_url: str
) -> None:
    """The PostgreSQL fast path's asyncpg connections (``server/hot_reads.py``) are not
    pre-pinged: when the database drops them, the request that finds out is answered by the
    general path and the next one opens a new connection."""
    import psycopg

    def hot_connections(action: str) -> int:
        plain_url = postgres_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(plain_url, autocommit=True) as conn:
            return len(
                conn.execute(
                    f"SELECT {action} FROM pg_stat_activity"
                    " WHERE datname = current_database() AND application_name = %s",
                    (APPLICATION_NAME,),
                ).fetchall()
            )

    with LocalServer(tmp_path / "pg", database_url=postgres_url) as srv:
        scope = {"projectId": srv.bootstrap["project_id"], "environment": "dev"}
        with client(srv, admin_token(srv)) as http:
            made = http.post(f"{V4}/HOT_K", json={**scope, "secretValue": "hot-value"})
            assert made.status_code == 200, made.text
            for path in (f"{V4}/HOT_K", V4):
                assert http.get(path, params=scope).status_code == 200
            assert hot_connections("pid") >= 1  # the fast path answered through asyncpg
            assert hot_connections("pg_terminate_backend(pid)") >= 1
            for _ in range(3):
                got = http.get(f"{V4}/HOT_K", params=scope)
                assert got.status_code == 200, got.text
                assert got.json()["secret"]["secretValue"] == "hot-value"
                listed = http.get(V4, params=scope)
                assert listed.status_code == 200, listed.text
            assert hot_connections("pid") >= 1  # and opened a new connection
